"""Web-shop order export: JSON array files orders_NNNN.json in `export_folder`.

orders: one row per order (key order_no), the nested customer object flattened to customer_*.
order_lines: one row per element of `lines`; lines have no id and the same sku can appear twice in an
order (free promo line), so the key is (order_no, line_no) with line_no the 1-based position."""
import json
import os
from pathlib import Path

from fivetran_connector_sdk import Connector, Logging as log, Operations as op


def schema(configuration):
    return [{"table": "orders", "primary_key": ["order_no"], "columns": {"placed_at": "UTC_DATETIME"}},
            {"table": "order_lines", "primary_key": ["order_no", "line_no"],
             "columns": {"line_no": "INT", "qty": "INT", "unit_price": "DOUBLE"}}]


def update(configuration, state):
    folder = Path(configuration["export_folder"])
    done = dict(state.get("files", {}))
    for path in sorted(folder.glob("*.json")):
        st = os.stat(path)
        mark = [st.st_mtime, st.st_size]
        if done.get(path.name) == mark:
            continue
        log.info(f"reading {path.name}")
        data = json.loads(path.read_text(encoding="utf-8-sig"))
        for order in data if isinstance(data, list) else []:
            row = {k: v for k, v in order.items() if k not in ("customer", "lines")}
            for k, v in (order.get("customer") or {}).items():
                row[f"customer_{k}"] = v
            op.upsert("orders", row)
            for n, line in enumerate(order.get("lines") or [], start=1):
                op.upsert("order_lines", {"order_no": order["order_no"], "line_no": n, **line})
        done[path.name] = mark
        op.checkpoint({"files": done})
    op.checkpoint({"files": done})


connector = Connector(update=update, schema=schema)
