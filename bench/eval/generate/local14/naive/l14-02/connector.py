"""Nightly stock snapshot (`snapshot_folder`/stock_snapshot.csv, rewritten in place) -> table inventory, one row
per (sku, warehouse). Lines that disappear from the snapshot are deleted; the keys seen last time live in state."""
import csv
import os

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "inventory", "primary_key": ["sku"]}]


def update(configuration, state):
    path = os.path.join(configuration["snapshot_folder"], "stock_snapshot.csv")
    mtime = os.stat(path).st_mtime_ns
    if state.get("mtime") == mtime:
        op.checkpoint(state)
        return
    current = set()
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if not row.get("sku"):
                continue
            current.add(f"{row['sku']}|{row['warehouse']}")
            op.upsert("inventory", {k: (v if v != "" else None) for k, v in row.items()})
    for key in sorted(set(state.get("keys", [])) - current):
        sku, warehouse = key.split("|", 1)
        op.delete("inventory", {"sku": sku, "warehouse": warehouse})
    op.checkpoint({"mtime": mtime, "keys": sorted(current)})


connector = Connector(update=update, schema=schema)
