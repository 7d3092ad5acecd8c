"""Stocklane purchase orders: X-API-Key, limit (max 50) + cursor from next_cursor, updated_since incremental;
the nested `lines` array becomes purchase_order_lines with the purchase order id on every line."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "purchase_orders", "primary_key": ["id"]},
            {"table": "purchase_order_lines", "primary_key": ["id"]}]


def update(configuration, state):
    url = configuration["base_url"].rstrip("/") + "/v1/purchase_orders"
    headers = {"X-API-Key": configuration["api_key"]}
    since = state.get("updated_since")
    newest = since
    params = {"limit": 50}
    if since:
        params["updated_since"] = since
    while True:
        r = requests.get(url, headers=headers, params=params, timeout=30)
        r.raise_for_status()
        body = r.json()
        for po in body["data"]:
            lines = po.pop("lines", None) or []
            op.upsert("purchase_orders", po)
            for line in lines:
                op.upsert("purchase_order_lines", {**line, "purchase_order_id": po["id"]})
            if newest is None or po["updated_at"] > newest:
                newest = po["updated_at"]
        if not body.get("next_cursor"):
            break
        params = {"limit": 50, "after": body["next_cursor"]}
    op.checkpoint({"updated_since": newest})


connector = Connector(update=update, schema=schema)
