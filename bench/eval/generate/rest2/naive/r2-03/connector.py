import requests
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "contacts", "primary_key": ["id"]}]


def update(configuration, state):
    url = configuration["base_url"].rstrip("/") + "/api/contacts"
    headers = {"Authorization": "Bearer " + configuration["api_key"]}
    cursor, newest = None, state.get("updated_after")
    while True:
        params = {"page_size": 100}
        if state.get("updated_after"):
            params["updated_after"] = state["updated_after"]
        if cursor:
            params["cursor"] = cursor
        r = requests.get(url, headers=headers, params=params, timeout=30)
        r.raise_for_status()
        body = r.json()
        for c in body["data"]["contacts"]:
            op.upsert("contacts", c)
            newest = max(newest or "", c["updated_at"])
        cursor = body["meta"]["pagination"]["next_cursor"]
        if not cursor:
            break
    op.checkpoint({"updated_after": newest} if newest else {})


connector = Connector(update=update, schema=schema)
