import requests
from fivetran_connector_sdk import Connector, Operations as op

LIMIT = 100


def schema(configuration):
    return [{"table": "rentals", "primary_key": ["id"]}]


def update(configuration, state):
    url = configuration["host"].rstrip("/") + "/v2/rentals"
    offset = 0
    while True:
        r = requests.get(url, params={"apikey": configuration["apikey"], "offset": offset, "limit": LIMIT}, timeout=30)
        r.raise_for_status()
        body = r.json()
        rows = body["results"]
        for row in rows:
            op.upsert("rentals", row)
        offset += len(rows)
        if not rows or offset >= body["total"]:
            break
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)
