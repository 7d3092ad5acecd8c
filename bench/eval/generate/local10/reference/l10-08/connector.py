"""Web-shop order files (`orders_dir`): JSON Lines, one orders_<yyyymmdd>.jsonl per day, one order per line. The
`items` array of an order goes to the child table order_items, keyed by order_id and the item's position (line_no,
from 1): a SKU repeats across orders. Files are read in date order; the last one read is kept in the state."""
import json
import re
from pathlib import Path

from fivetran_connector_sdk import Connector, Operations as op

PATTERN = re.compile(r"^orders_(\d{8})\.jsonl$")


def schema(configuration):
    return [{"table": "orders", "primary_key": ["order_id"]},
            {"table": "order_items", "primary_key": ["order_id", "line_no"]}]


def update(configuration, state):
    folder = Path(configuration["orders_dir"])
    last = state.get("last_file", "")
    for name in sorted(p.name for p in folder.iterdir() if PATTERN.match(p.name)):
        if name <= last:
            continue
        with open(folder / name, encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                order = json.loads(line)
                items = order.pop("items", None) or []
                op.upsert("orders", order)
                for n, item in enumerate(items, start=1):
                    op.upsert("order_items", {"order_id": order["order_id"], "line_no": n, **item})
        last = name
        op.checkpoint({"last_file": last})
    op.checkpoint({"last_file": last})


connector = Connector(update=update, schema=schema)
