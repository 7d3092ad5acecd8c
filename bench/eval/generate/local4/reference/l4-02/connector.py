"""Pipe-delimited stock counts: count_<store>_<YYYYMMDD>.txt; store and count date come from the file name."""
import csv
import os
import re

from fivetran_connector_sdk import Connector, Operations as op

NAME = re.compile(r"count_(?P<store>[^_]+)_(?P<day>\d{8})\.txt$", re.I)


def schema(configuration):
    return [{"table": "stock_counts", "primary_key": ["store", "count_date", "sku"]}]


def update(configuration, state):
    folder = configuration["counts_folder"]
    done = set(state.get("files", []))
    for name in sorted(os.listdir(folder)):
        m = NAME.match(name)
        if not m or name in done:
            continue
        day = m["day"]
        with open(os.path.join(folder, name), newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="|"):
                row.update(store=m["store"], count_date=f"{day[:4]}-{day[4:6]}-{day[6:]}", source_file=name)
                op.upsert("stock_counts", row)
        done.add(name)
        op.checkpoint({"files": sorted(done)})
    op.checkpoint({"files": sorted(done)})


connector = Connector(update=update, schema=schema)
