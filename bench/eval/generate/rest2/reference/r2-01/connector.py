import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "tickets", "primary_key": ["id"]}]


def update(configuration, state):
    url = configuration["base_url"].rstrip("/") + "/api/v2/tickets"
    headers = {"Authorization": "Bearer " + configuration["api_token"]}
    page = 1
    while True:
        r = requests.get(url, headers=headers, params={"page": page, "per_page": 50}, timeout=30)
        r.raise_for_status()
        body = r.json()
        for t in body["tickets"]:
            op.upsert("tickets", t)
        if not body["tickets"] or page >= body["total_pages"]:
            break
        page += 1
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)
