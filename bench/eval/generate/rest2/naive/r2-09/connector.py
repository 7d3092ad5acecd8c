import requests
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "people", "primary_key": ["id"]}]


def update(configuration, state):
    url = configuration["base_url"].rstrip("/") + "/v1/people"
    headers = {"Api-Secret-Key": configuration["secret_key"]}
    page = 1
    while True:
        r = requests.get(url, headers=headers, params={"page": page}, timeout=30)
        r.raise_for_status()
        body = r.json()
        for pid, person in body["data"].items():
            op.upsert("people", person)
        if not body.get("has_more") or not body["data"]:
            break
        page += 1
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)
