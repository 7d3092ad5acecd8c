import datetime as dt
import requests
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "deals", "primary_key": ["id"]}]


def update(configuration, state):
    base = configuration["base_url"].rstrip("/")
    headers = {"X-Dealflow-Auth": configuration["api_key"]}
    started = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    since = state.get("modified_since")
    newest, page = since, 1
    while True:
        params = {"page": page, **({"modified_since": since} if since else {})}
        r = requests.get(base + "/api/deals", headers=headers, params=params, timeout=30)
        r.raise_for_status()
        body = r.json()
        for d in body["items"]:
            op.upsert("deals", d)
            newest = max(newest or "", d["modified_at"])
        if not body["more"]:
            break
        page += 1
    deleted_since = state.get("deleted_since")
    r = requests.get(base + "/api/deals/deleted", headers=headers,
                     params={"since": deleted_since} if deleted_since else {}, timeout=30)
    r.raise_for_status()
    for did in r.json()["deleted_ids"]:
        op.delete("deals", {"id": did})
    op.checkpoint({"modified_since": newest, "deleted_since": started})


connector = Connector(update=update, schema=schema)
