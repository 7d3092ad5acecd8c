"""Tripset properties + bookings: X-Tripset-Token, page/per_page (max 50) until a short page; empty collections are
null (page 5 of exactly 200 bookings is {"items": null}); keys `code` and `booking_ref`; bookings incremental on
modified_since, the cursor being the latest `modified` instant."""
from datetime import datetime, timezone

import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log

PER_PAGE = 50


def schema(configuration):
    return [{"table": "properties", "primary_key": ["code"]}, {"table": "bookings", "primary_key": ["booking_ref"]}]


def pages(session, url, extra=None):
    page = 1
    while True:
        r = session.get(url, params={"page": page, "per_page": PER_PAGE, **(extra or {})}, timeout=30)
        r.raise_for_status()
        items = r.json().get("items") or []
        yield items
        if len(items) < PER_PAGE:
            return
        page += 1


def instant(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc)


def update(configuration, state):
    base = configuration["base_url"].rstrip("/")
    session = requests.Session()
    session.headers["X-Tripset-Token"] = configuration["token"]
    for items in pages(session, base + "/v1/properties"):
        for prop in items:
            op.upsert("properties", prop)
    since = state.get("modified_since")
    newest = instant(since) if since else None
    for items in pages(session, base + "/v1/bookings", {"modified_since": since} if since else None):
        for booking in items:
            op.upsert("bookings", booking)
            if booking.get("modified"):
                stamp = instant(booking["modified"])
                newest = stamp if newest is None or stamp > newest else newest
    op.checkpoint({"modified_since": newest.isoformat()} if newest else state)


connector = Connector(update=update, schema=schema)
