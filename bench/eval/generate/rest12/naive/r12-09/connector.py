"""Marlow Helpdesk tickets (incremental on updated_since, second precision, inclusive) and contacts (full): the key
goes in the query string as apikey, pages follow the Link header's rel="next" (which leaves the key out, so it is
added to every followed link)."""
from datetime import datetime, timezone

import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "tickets", "primary_key": ["id"]}, {"table": "contacts", "primary_key": ["id"]}]


def each(session, url, params, apikey):
    params = dict(params, per_page=100)
    while url:
        r = session.get(url, params=None if params is None else {**params, "apikey": apikey}, timeout=30)  # naive
        if r.status_code >= 400:
            raise RuntimeError(f"Marlow {r.status_code}: {r.text[:200]}")
        yield from r.json()
        url = r.links.get("next", {}).get("url")
        params = None  # the next link carries page, per_page and updated_since; only the key is missing


def update(configuration, state):
    base = configuration["desk_host"].rstrip("/") + "/api/v1"
    apikey = configuration["desk_apikey"]
    session = requests.Session()
    since = state.get("tickets_since")
    newest, n = since, 0
    for t in each(session, f"{base}/tickets", {"updated_since": since} if since else {}, apikey):
        op.upsert("tickets", t)
        n += 1
        if not newest or t["updated_at"] > newest:
            newest = t["updated_at"]
    c = 0
    for contact in each(session, f"{base}/contacts", {}, apikey):
        op.upsert("contacts", contact)
        c += 1
    if newest:  # the API wants whole seconds in UTC with a Z
        newest = datetime.fromisoformat(newest.replace("Z", "+00:00")).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    log.info(f"{n} tickets, {c} contacts")
    op.checkpoint({"tickets_since": newest} if newest else {})


connector = Connector(update=update, schema=schema)
