"""POS drops folder (`landing_dir`): orders_YYYYMMDD.csv -> table orders, returns_YYYYMMDD.csv -> table returns.
Manifests and the _SUCCESS marker are skipped. Files are read once per modification time."""
import csv
import os
import re

from fivetran_connector_sdk import Connector, Operations as op

KINDS = {"orders": "order_id", "returns": "return_id"}
PATTERN = re.compile(r"^(orders|returns)_(\d{8})\.csv$")


def schema(configuration):
    return [{"table": t, "primary_key": [k]} for t, k in KINDS.items()]


def update(configuration, state):
    folder = configuration["landing_dir"]
    seen = dict(state.get("files", {}))
    names = [n for n in os.listdir(folder) if PATTERN.match(n)]
    for name in sorted(names, key=lambda n: (PATTERN.match(n).group(2), n)):
        kind = PATTERN.match(name).group(1)
        table = name[: -len(".csv")]
        mtime = os.stat(os.path.join(folder, name)).st_mtime_ns
        if seen.get(name) == mtime:
            continue
        with open(os.path.join(folder, name), newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                if row.get(KINDS[kind]):
                    op.upsert(table, {k: (v if v != "" else None) for k, v in row.items()})
        seen[name] = mtime
        op.checkpoint({"files": seen})
    op.checkpoint({"files": seen})


connector = Connector(update=update, schema=schema)
