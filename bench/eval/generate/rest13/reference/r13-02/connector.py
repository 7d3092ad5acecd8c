"""Shopwise orders + order_items: X-Shopwise-Key, cursor paging where next_cursor is "" at the end; items is null on
cancelled orders and missing on drafts."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "orders", "primary_key": ["id"]}, {"table": "order_items", "primary_key": ["id"]}]


def update(configuration, state):
    url = configuration["base_url"].rstrip("/") + "/v2/orders"
    headers = {"X-Shopwise-Key": configuration["shopwise_key"]}
    params = {"limit": 50}
    while True:
        r = requests.get(url, headers=headers, params=params, timeout=30)
        r.raise_for_status()
        body = r.json()
        for order in body.get("orders") or []:
            items = order.pop("items", None) or []
            op.upsert("orders", order)
            for item in items:
                op.upsert("order_items", {**item, "order_id": order["id"]})
        cursor = body.get("next_cursor")
        if not cursor:
            break
        params = {"limit": 50, "cursor": cursor}
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)
