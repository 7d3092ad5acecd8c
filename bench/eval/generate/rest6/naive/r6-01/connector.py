import requests
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "members", "primary_key": ["id"]}]


def update(configuration, state):
    url = configuration["base_url"].rstrip("/") + "/api/v1/members"
    headers = {"Authorization": "Bearer " + configuration["api_token"]}
    page = 1
    while True:
        r = requests.get(url, headers=headers, params={"page": page, "per_page": 100}, timeout=30)
        r.raise_for_status()
        body = r.json()
        for member in body["data"]:
            op.upsert("members", member)
        if page >= body["meta"]["pages"] or not body["data"]:
            break
        page += 1
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
