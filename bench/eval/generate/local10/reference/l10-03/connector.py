"""Bank statement downloads (`statements_path`): one semicolon-separated statement_<yyyy-mm>.csv per month, keyed by
transaction_id. Counterparties may contain commas. Files already read (by name and modification time) are kept in
the state."""
import csv
import os
from pathlib import Path

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "transactions", "primary_key": ["transaction_id"]}]


def update(configuration, state):
    folder = Path(configuration["statements_path"])
    seen = dict(state.get("files", {}))
    for path in sorted(folder.glob("*.csv")):
        mtime = os.stat(path).st_mtime
        if seen.get(path.name) == mtime:
            continue
        with open(path, newline="", encoding="utf-8-sig") as fh:
            for row in csv.DictReader(fh, delimiter=";"):
                row["amount"] = float(row["amount"])
                op.upsert("transactions", row)
        seen[path.name] = mtime
        op.checkpoint({"files": seen})
    op.checkpoint({"files": seen})


connector = Connector(update=update, schema=schema)
