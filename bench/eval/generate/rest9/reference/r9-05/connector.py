"""Rosterly: log in (POST /api/session, JSON) for a session token sent as X-Session-Token; teams and members by
page/page_size (<= 100, total_pages); members incremental on changed_since with with_deleted=true, and removed
members (removed_at set) become deletes."""
import datetime as dt

import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "members", "primary_key": ["id"]}, {"table": "teams", "primary_key": ["id"]}]


def pages(session, url, params, key):
    page = 1
    while True:
        r = session.get(url, params={**params, "page": page, "page_size": 100}, timeout=30)
        r.raise_for_status()
        body = r.json()
        yield from body[key]
        if page >= body["total_pages"]:
            return
        page += 1


def update(configuration, state):
    base = configuration["rosterly_host"].rstrip("/")
    session = requests.Session()
    r = session.post(base + "/api/session", json={"username": configuration["login_user"],
                                                  "password": configuration["login_password"]}, timeout=30)
    r.raise_for_status()
    session.headers["X-Session-Token"] = r.json()["session_token"]
    started = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    for team in pages(session, base + "/api/teams", {}, "teams"):
        op.upsert("teams", team)
    params = {"with_deleted": "true"}
    if state.get("changed_since"):
        params["changed_since"] = state["changed_since"]
    for m in pages(session, base + "/api/members", params, "members"):
        if m.get("removed_at"):
            op.delete("members", {"id": m["id"]})
        else:
            op.upsert("members", m)
    log.info("teams and members synced")
    op.checkpoint({"changed_since": started})


connector = Connector(update=update, schema=schema)
