"""Web-shop order exports (`export_folder`): each orders_*.json file is one JSON array of orders, read once and
remembered. `orders` (key order_id) gets the order with customer and shipping flattened; each entry of `lines`
becomes a row of `order_lines` keyed by (order_id, line_no), line_no being the position in the array. An order sent
again in a later export (status changed) is simply upserted again."""
import json
import os

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "orders", "primary_key": ["order_id"]},
            {"table": "order_lines", "primary_key": ["order_id", "line_no"]}]


def update(configuration, state):
    folder = configuration["export_folder"]
    done = set(state.get("files", []))
    for name in sorted(n for n in os.listdir(folder) if n.startswith("orders_") and n.endswith(".json")):
        if name in done:
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as fh:
            orders = json.load(fh)
        for order in orders:
            lines = order.pop("lines")
            customer = order.pop("customer", None) or {}
            shipping = order.pop("shipping", None) or {}
            op.upsert("orders", {**order, "customer_email": customer.get("email"),
                                 "customer_country": customer.get("country"),
                                 "shipping_method": shipping.get("method"), "shipping_cost": shipping.get("cost")})
            for n, line in enumerate(lines, start=1):
                op.upsert("order_lines", {"order_id": order["order_id"], "line_no": n, **line})
        done.add(name)
        op.checkpoint({"files": sorted(done)})


connector = Connector(update=update, schema=schema)
