import requests
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "boards", "primary_key": ["id"]}, {"table": "cards", "primary_key": ["id"]}]


def pages(session, url):
    page = 1
    while True:
        r = session.get(url, params={"page": page, "per_page": 30}, timeout=30)
        r.raise_for_status()
        rows = r.json()
        yield from rows
        if not rows or page >= int(r.headers.get("X-Total-Pages") or page):
            break
        page += 1


def update(configuration, state):
    base = configuration["server"].rstrip("/") + "/api/boards"
    session = requests.Session()
    session.headers["X-Board-Token"] = configuration["board_token"]
    boards = list(pages(session, base))
    for board in boards:
        op.upsert("boards", board)
    for board in boards:
        for card in pages(session, f"{base}/{board['id']}/cards"):
            op.upsert("cards", {"board_id": board["id"], **card})
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)
