"""ERP purchase orders: purchase_orders_*.json files (JSON arrays) in `po_folder`; each order -> one row in
purchase_orders (supplier flattened), each of its lines -> purchase_order_lines keyed (po_number, line_no).
Files are processed in name order; new or rewritten files only."""
import glob
import json
import os

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "purchase_orders", "primary_key": ["po_number"]},
            {"table": "purchase_order_lines", "primary_key": ["po_number", "line_no"]}]


def update(configuration, state):
    folder = configuration["po_folder"]
    seen = dict(state.get("files", {}))
    for path in sorted(glob.glob(os.path.join(folder, "purchase_orders_*.json"))):
        name = os.path.basename(path)
        mtime = os.stat(path).st_mtime_ns
        if seen.get(name) == mtime:
            continue
        with open(path, encoding="utf-8") as fh:
            orders = json.load(fh)
        for po in orders:
            supplier = po.get("supplier") or {}
            row = {k: v for k, v in po.items() if k not in ("supplier", "lines")}
            row["supplier_id"] = supplier.get("id")
            row["supplier_name"] = supplier.get("name")
            op.upsert("purchase_orders", row)
            for line in po.get("lines") or []:
                op.upsert("purchase_order_lines", {"po_number": po["po_number"], **line})
        seen[name] = mtime
        op.checkpoint({"files": seen})
    op.checkpoint({"files": seen})


connector = Connector(update=update, schema=schema)
