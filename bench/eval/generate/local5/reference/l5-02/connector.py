"""The nightly stock snapshot (one CSV file at `input_path`, rewritten in place) into table stock_levels.

No id column: a row is one sku in one warehouse, so the key is (warehouse, sku). The file keeps its name,
so it is re-read whenever its mtime or size changes; upserts by key keep that from duplicating."""
import csv
import os

from fivetran_connector_sdk import Connector, Logging as log, Operations as op


def schema(configuration):
    return [{"table": "stock_levels", "primary_key": ["warehouse", "sku"],
             "columns": {"on_hand": "INT", "reserved": "INT", "counted_at": "NAIVE_DATETIME"}}]


def update(configuration, state):
    path = configuration["input_path"]
    st = os.stat(path)
    mark = [st.st_mtime, st.st_size]
    if state.get("file") == mark:
        log.info("snapshot unchanged")
        return
    with open(path, newline="", encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            if not r.get("sku"):
                continue
            r["on_hand"] = int(r["on_hand"])
            r["reserved"] = int(r["reserved"])
            r["counted_at"] = r["counted_at"].replace(" ", "T") + ":00"
            op.upsert("stock_levels", r)
    op.checkpoint({"file": mark})


connector = Connector(update=update, schema=schema)
