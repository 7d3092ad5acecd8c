"""Nightly export tree under `root_folder`: one folder per day (YYYY-MM-DD) with customers.csv (customers
created or changed that day) and orders.csv (that day's orders), plus _SUCCESS and manifest.json.

Every finished day folder (with _SUCCESS) is read once, oldest first, so a customer's latest version wins
(key customer_id); orders keyed by order_id. State: the day folders done."""
import csv
from pathlib import Path

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

TABLES = {"customers": ["customer_id"], "orders": ["order_id"]}


def schema(configuration):
    return [{"table": "customers", "primary_key": ["customer_id"], "columns": {"customer_id": "LONG"}},
            {"table": "orders", "primary_key": ["order_id"],
             "columns": {"order_id": "LONG", "customer_id": "LONG", "total": "DOUBLE"}}]


def _typed(table, r):
    r["customer_id"] = int(r["customer_id"])
    if table == "orders":
        r["order_id"] = int(r["order_id"])
        r["total"] = float(r["total"])
    return r


def update(configuration, state):
    root = Path(configuration["root_folder"])
    done = set(state.get("days", []))
    days = sorted(p for p in root.iterdir() if p.is_dir() and (p / "_SUCCESS").exists())
    for day in days:
        if day.name in done:
            continue
        log.info(f"reading {day.name}")
        for table in TABLES:
            path = day / f"{table}.csv"
            if not path.exists():
                continue
            with open(path, newline="", encoding="utf-8-sig") as f:
                for r in csv.DictReader(f):
                    op.upsert(table, _typed(table, r))
        done.add(day.name)
        op.checkpoint({"days": sorted(done)})
    op.checkpoint({"days": sorted(done)})


connector = Connector(update=update, schema=schema)
