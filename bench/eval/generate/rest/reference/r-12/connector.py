"""Reference for r-12: Clockwise projects (offset/limit) and time_entries (cursor/has_more), key in the query."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration: dict):
    return [{"table": "projects", "primary_key": ["id"]}, {"table": "time_entries", "primary_key": ["id"]}]


def get(url, params):
    resp = requests.get(url, params=params, timeout=30)
    resp.raise_for_status()
    return resp.json()


def update(configuration: dict, state: dict):
    base = configuration["base_url"].rstrip("/")
    key = configuration["key"]
    offset = 0
    while True:
        body = get(f"{base}/api/projects", {"key": key, "offset": offset, "limit": 25})
        for p in body["results"]:
            op.upsert("projects", p)
        offset += 25
        if offset >= body["count"] or not body["results"]:
            break
    cursor = None
    while True:
        params = {"key": key, "page_size": 200}
        if cursor:
            params["cursor"] = cursor
        body = get(f"{base}/api/time_entries", params)
        for e in body["entries"]:
            op.upsert("time_entries", e)
        if not body.get("has_more"):
            break
        cursor = body["next_cursor"]
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
