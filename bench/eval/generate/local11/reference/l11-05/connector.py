"""Order drops (`order_drop_root`): <region>/<yyyy>/<mm>/<dd>/orders_NNN.json, a drop being complete once its
_SUCCESS marker exists (manifest.json and _SUCCESS are not order files). region and drop_date come from the path.
order_no restarts in every region, so every key starts with region. Each order's `lines` become order_lines (keyed
by position), and each line's `allocations` - [warehouse, qty] pairs, an array of arrays - become line_allocations
keyed by warehouse. Drops are read once, oldest day first, so an order re-sent in a later drop (status change)
ends with its latest version; a region can deliver an older day late, so drops are remembered by path, not by
the newest date seen."""
import json
import os
import re

from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op

DAY = re.compile(r"\d{4}/\d{2}/\d{2}")
ORDER_FILE = re.compile(r"orders_\d+\.json")


def schema(configuration):
    return [{"table": "orders", "primary_key": ["region", "order_no"],
             "columns": {"drop_date": "NAIVE_DATE", "placed_at": "UTC_DATETIME"}},
            {"table": "order_lines", "primary_key": ["region", "order_no", "line_no"]},
            {"table": "line_allocations", "primary_key": ["region", "order_no", "line_no", "warehouse"]}]


def drops(root):
    """(drop_date, region, folder) for every complete day folder."""
    out = []
    for region in sorted(os.listdir(root)):
        if not os.path.isdir(os.path.join(root, region)) or region.startswith((".", "_")):
            continue
        for dirpath, _, filenames in os.walk(os.path.join(root, region)):
            rel = os.path.relpath(dirpath, os.path.join(root, region)).replace(os.sep, "/")
            if DAY.fullmatch(rel) and "_SUCCESS" in filenames:
                out.append((rel.replace("/", "-"), region, dirpath))
    return sorted(out)


def update(configuration, state):
    root = configuration["order_drop_root"]
    done = set(state.get("drops", []))
    for drop_date, region, folder in drops(root):
        key = f"{region}/{drop_date}"
        if key in done:
            continue
        n = 0
        for name in sorted(f for f in os.listdir(folder) if ORDER_FILE.fullmatch(f)):
            with open(os.path.join(folder, name), encoding="utf-8") as fh:
                doc = json.load(fh)
            for order in doc.get("orders", []):
                customer = order.get("customer") or {}
                op.upsert("orders", {"region": region, "order_no": order["order_no"], "drop_date": drop_date,
                                     "status": order.get("status"), "placed_at": order.get("placed_at"),
                                     "customer_id": customer.get("id"), "customer_segment": customer.get("segment"),
                                     "currency": order.get("currency"), "batch": doc.get("batch")})
                for line_no, line in enumerate(order.get("lines", []), start=1):
                    op.upsert("order_lines", {"region": region, "order_no": order["order_no"], "line_no": line_no,
                                              "sku": line.get("sku"), "qty": line.get("qty"),
                                              "unit_price": line.get("unit_price")})
                    for warehouse, qty in line.get("allocations", []):
                        op.upsert("line_allocations", {"region": region, "order_no": order["order_no"],
                                                       "line_no": line_no, "warehouse": warehouse, "qty": qty})
                n += 1
        done.add(key)
        op.checkpoint({"drops": sorted(done)})
        log.info(f"{key}: {n} orders")
    op.checkpoint({"drops": sorted(done)})


connector = Connector(update=update, schema=schema)
