"""Cartwheel orders + order_items: Api-Key header, offset/limit (max 100) with has_more; items keyed on
(order_id, sku) since items have no id."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log

LIMIT = 100


def schema(configuration):
    return [{"table": "orders", "primary_key": ["id"]},
            {"table": "order_items", "primary_key": ["order_id", "sku"]}]


def update(configuration, state):
    url = configuration["base_url"].rstrip("/") + "/api/orders"
    headers = {"Api-Key": configuration["api_key"]}
    offset = 0
    while True:
        r = requests.get(url, headers=headers, params={"offset": offset, "limit": LIMIT}, timeout=30)
        r.raise_for_status()
        body = r.json()
        for order in body["orders"]:
            items = order.pop("items", None) or []
            op.upsert("orders", order)
            for item in items:
                op.upsert("order_items", {"order_id": order["id"], **item})
        offset += len(body["orders"])
        if not body.get("has_more") or not body["orders"]:
            break
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)
