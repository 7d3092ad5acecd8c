"""Mailcrate subscribers: bearer, has_more + starting_after, `since` (unix seconds) incremental, deleted -> op.delete."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "subscribers", "primary_key": ["id"]}]


def update(configuration, state):
    url = configuration["base_url"].rstrip("/") + "/v3/subscribers"
    headers = {"Authorization": "Bearer " + configuration["api_key"]}
    since = state.get("since")
    newest = since or 0
    params = {"limit": 100}
    if since:
        params["since"] = since
    while True:
        r = requests.get(url, headers=headers, params=params, timeout=30)
        r.raise_for_status()
        body = r.json()
        for sub in body["data"]:
            if sub.get("deleted"):
                op.delete("subscribers", {"id": sub["id"]})
            else:
                op.upsert("subscribers", sub)
            newest = max(newest, sub.get("updated_at") or 0)
        if not body.get("has_more") or not body["data"]:
            break
        params["starting_after"] = body["data"][-1]["id"]
    op.checkpoint({"since": newest})


connector = Connector(update=update, schema=schema)
