"""Reference for l-01: one table per CSV file stem in a folder."""
import csv
import os
import re

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

PRIMARY_KEYS = {"customers": ["id"], "products": ["sku"], "suppliers": ["supplier_id"]}


def table_for(file_name: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", os.path.splitext(file_name)[0].lower()).strip("_")


def schema(configuration: dict):
    return [{"table": t, "primary_key": pk} for t, pk in PRIMARY_KEYS.items()]


def update(configuration: dict, state: dict):
    folder = configuration["folder"]
    for name in sorted(os.listdir(folder)):
        if not name.lower().endswith(".csv"):
            continue
        table = table_for(name)
        with open(os.path.join(folder, name), newline="", encoding="utf-8") as f:
            n = 0
            for row in csv.DictReader(f):
                op.upsert(table, row)
                n += 1
        log.info(f"{name}: {n} rows -> {table}")
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
