"""Web shop exports in `exports_folder`: two file families, orders_YYYY-MM-DD.csv -> table orders (key
order_id) and customers_YYYY-MM-DD.csv -> table customers (key customer_id). Each file is read once per
modification time, in date order, so a re-sent order or a changed customer replaces the earlier row;
export.log is ignored."""
import csv
import glob
import os

from fivetran_connector_sdk import Connector, Operations as op

FAMILIES = {"orders": "order_id", "customers": "customer_id"}


def schema(configuration):
    return [{"table": t, "primary_key": [k]} for t, k in FAMILIES.items()]


def update(configuration, state):
    folder = configuration["exports_folder"]
    seen = dict(state.get("files", {}))
    for table in FAMILIES:
        for path in sorted(glob.glob(os.path.join(folder, f"{table}_*.csv"))):
            name = os.path.basename(path)
            mark = os.stat(path).st_mtime_ns
            if seen.get(name) == mark:
                continue
            with open(path, newline="", encoding="utf-8") as fh:
                for row in csv.DictReader(fh):
                    op.upsert(name[:-4], row)
            seen[name] = mark
            op.checkpoint({"files": seen})
    op.checkpoint({"files": seen})


connector = Connector(update=update, schema=schema)
