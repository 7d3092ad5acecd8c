"""Reference for r-11: members (page/page_size, pagination object) + deleted-ids endpoint, bearer."""
import datetime as dt
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration: dict):
    return [{"table": "members", "primary_key": ["id"]}]


def update(configuration: dict, state: dict):
    started = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    base = configuration["base_url"].rstrip("/")
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {configuration['token']}"
    page = 1
    while True:
        resp = session.get(f"{base}/v3/members", params={"page": page, "page_size": 100}, timeout=30)
        resp.raise_for_status()
        body = resp.json()
        for m in body["members"]:
            op.upsert("members", m)
        if page >= body["pagination"]["total_pages"]:
            break
        page += 1
    params = {"since": state["last_sync_start"]} if state.get("last_sync_start") else {}
    resp = session.get(f"{base}/v3/members/deleted", params=params, timeout=30)
    resp.raise_for_status()
    for mid in resp.json()["deleted_ids"]:
        op.delete("members", {"id": mid})
    state["last_sync_start"] = started
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
