"""Tallyroll: X-Tally-Key header; projects and time_entries by page/page_size (<= 50) while has_more; time entries
incremental with modified_since as unix seconds (the payload's modified_at is ISO 8601)."""
import time

import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "projects", "primary_key": ["id"]}, {"table": "time_entries", "primary_key": ["id"]}]


def pages(session, url, params):
    page = 1
    while True:
        r = session.get(url, params={**params, "page": page, "page_size": 50}, timeout=30)
        r.raise_for_status()
        body = r.json()
        yield from body["items"]
        if not body.get("has_more"):
            return
        page += 1


def update(configuration, state):
    base = configuration["tally_url"].rstrip("/")
    session = requests.Session()
    session.headers["X-Tally-Key"] = configuration["tally_key"]
    started = int(time.time())
    for p in pages(session, base + "/api/projects", {}):
        op.upsert("projects", p)
    params = {}
    if state.get("entries_since") is not None:
        params["modified_since"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(state["entries_since"]))
    for e in pages(session, base + "/api/time_entries", params):
        op.upsert("time_entries", e)
    log.info("projects and time entries synced")
    op.checkpoint({"entries_since": started})


connector = Connector(update=update, schema=schema)
