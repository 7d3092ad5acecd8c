import time
import requests
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "tasks", "primary_key": ["id"]}]


def get(url, **kw):
    for attempt in range(5):
        r = requests.get(url, timeout=30, **kw)
        r.raise_for_status()
        try:
            return r.json()
        except ValueError:
            raise
    raise RuntimeError("bad JSON again and again")


def update(configuration, state):
    url = configuration["base_url"].rstrip("/") + "/api/tasks"
    headers = {"Authorization": "Bearer " + configuration["api_token"]}
    since, cursor = state.get("updated_after"), None
    newest = since
    while True:
        params = {**({"updated_after": since} if since else {}), **({"cursor": cursor} if cursor else {})}
        body = get(url, headers=headers, params=params)
        for t in body["results"]:
            if t.get("archived"):
                op.delete("tasks", {"id": t["id"]})
            else:
                op.upsert("tasks", t)
            newest = max(newest or "", t["updated_at"])
        cursor = body.get("next_cursor")
        if not cursor:
            break
    op.checkpoint({"updated_after": newest} if newest else {})


connector = Connector(update=update, schema=schema)
