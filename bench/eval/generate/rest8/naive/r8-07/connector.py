"""Eventix: events by page number (page_size <= 25, pagination.pages), orders by cursor (limit <= 100,
next_cursor), tickets from each order's nested array keyed by (order_id, ticket_no)."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "events", "primary_key": ["id"]},
            {"table": "orders", "primary_key": ["id"]},
            {"table": "order_tickets", "primary_key": ["order_id", "seat"]}]


def update(configuration, state):
    base = configuration["root"].rstrip("/")
    session = requests.Session()
    session.headers["Api-Key"] = configuration["eventix_key"]

    page = 1
    while True:
        r = session.get(base + "/api/events", params={"page": page, "page_size": 25}, timeout=30)
        r.raise_for_status()
        body = r.json()
        for event in body["events"]:
            op.upsert("events", event)
        if page >= body["pagination"]["pages"]:
            break
        page += 1

    params = {"limit": 100}
    while True:
        r = session.get(base + "/api/orders", params=params, timeout=30)
        r.raise_for_status()
        body = r.json()
        for order in body["orders"]:
            tickets = order.pop("tickets", []) or []
            op.upsert("orders", order)
            for n, ticket in enumerate(tickets, start=1):
                op.upsert("order_tickets", {"order_id": order["id"], "ticket_no": n, **ticket})
        if not body.get("next_cursor"):
            break
        params["cursor"] = body["next_cursor"]
    log.info("events, orders and tickets synced")
    op.checkpoint({"synced": True})


connector = Connector(update=update, schema=schema)
