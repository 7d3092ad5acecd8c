"""Reference for l-02: monthly CSV files stacked into one table per prefix."""
import csv
import os
import re

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

MONTHLY = re.compile(r"^(orders|refunds)_\d{4}-\d{2}\.csv$")
PRIMARY_KEYS = {"orders": ["order_id"], "refunds": ["refund_id"], "stores": ["store_id"]}


def schema(configuration: dict):
    return [{"table": t, "primary_key": pk} for t, pk in PRIMARY_KEYS.items()]


def update(configuration: dict, state: dict):
    folder = configuration["export_dir"]
    for name in sorted(os.listdir(folder)):
        m = MONTHLY.match(name)
        table = m.group(1) if m else ("stores" if name == "stores.csv" else None)
        if table is None:
            continue
        with open(os.path.join(folder, name), newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                op.upsert(table, row)
        log.info(f"loaded {name} into {table}")
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
