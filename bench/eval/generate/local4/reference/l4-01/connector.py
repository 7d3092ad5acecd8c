"""Daily bike-trip CSVs; only files not seen before; header names trimmed and snake_cased; trips that
cross midnight come again in the next file (same Trip ID: upsert)."""
import csv
import os
import re

from fivetran_connector_sdk import Connector, Operations as op


def col(name):
    return re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")


def schema(configuration):
    return [{"table": "trips", "primary_key": ["trip_id"]}]


def update(configuration, state):
    folder = configuration["folder"]
    done = set(state.get("files", []))
    for name in sorted(os.listdir(folder)):
        if not name.lower().endswith(".csv") or name in done:
            continue
        with open(os.path.join(folder, name), newline="", encoding="utf-8-sig") as f:
            reader = csv.reader(f)
            header = [col(h) for h in next(reader)]
            for row in reader:
                if row:
                    op.upsert("trips", dict(zip(header, row)))
        done.add(name)
        op.checkpoint({"files": sorted(done)})
    op.checkpoint({"files": sorted(done)})


connector = Connector(update=update, schema=schema)
