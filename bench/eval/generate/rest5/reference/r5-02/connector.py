import requests
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "subscribers", "primary_key": ["id"]}]


def update(configuration, state):
    url = configuration["url"].rstrip("/") + "/api/v1/subscribers"
    auth = (configuration["account_id"], configuration["secret"])
    cursor = state.get("updated_after")
    params = {"page_size": 100}
    if cursor:
        params["updated_after"] = cursor
    newest = cursor
    while True:
        r = requests.get(url, auth=auth, params=params, timeout=30)
        r.raise_for_status()
        body = r.json()
        for row in body["subscribers"]:
            op.upsert("subscribers", row)
            if newest is None or row["updated_at"] > newest:
                newest = row["updated_at"]
        token = body.get("next_page_token")
        if not token:
            break
        params = {"page_size": 100, "page_token": token}
    op.checkpoint({"updated_after": newest} if newest else state)


connector = Connector(update=update, schema=schema)
