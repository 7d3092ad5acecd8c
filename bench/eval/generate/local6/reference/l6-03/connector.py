"""Order feed: gzipped JSON-lines files orders-*.jsonl.gz in the folder of config `landing`.
orders: one row per order_id, customer and shipping objects flattened. order_items: one row per element
of `items`, keyed (order_id, line_no) with line_no the 1-based position - the same SKU can appear twice
in one order (a free promo unit), so (order_id, sku) is not unique. Files are read once each, in name
(time) order, so an order re-sent in a later file overwrites the earlier version."""
import gzip
import json
from pathlib import Path

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "orders", "primary_key": ["order_id"]},
            {"table": "order_items", "primary_key": ["order_id", "line_no"]}]


def _order_row(order):
    customer = order.get("customer") or {}
    shipping = order.get("shipping") or {}
    return {"order_id": order["order_id"], "placed_at": order.get("placed_at"), "status": order.get("status"),
            "customer_id": customer.get("id"), "customer_email": customer.get("email"),
            "customer_country": customer.get("country"), "shipping_method": shipping.get("method"),
            "shipping_cost": shipping.get("cost")}


def update(configuration, state):
    folder = Path(configuration["landing"])
    done = dict(state.get("files", {}))
    for path in sorted(folder.glob("orders-*.jsonl.gz")):
        signature = [path.stat().st_mtime_ns, path.stat().st_size]
        if done.get(path.name) == signature:
            continue
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                order = json.loads(line)
                op.upsert("orders", _order_row(order))
                for pos, item in enumerate(order.get("items") or [], start=1):
                    op.upsert("order_items", {"order_id": order["order_id"], "line_no": pos, "sku": item.get("sku"),
                                              "qty": item.get("qty"), "unit_price": item.get("unit_price"),
                                              "promo": item.get("promo")})
        done[path.name] = signature
        op.checkpoint({"files": done})


connector = Connector(update=update, schema=schema)
