"""Bank payment files (`inbound_dir`): PAYMENTS_YYYYMMDD.txt, pipe separated with a header line and a
TRAILER line (skipped) -> table bank_payments keyed by payment_ref. The .ok markers are ignored."""
import csv
import os
import re

from fivetran_connector_sdk import Connector, Operations as op

PATTERN = re.compile(r"^PAYMENTS_(\d{8})\.txt$")


def schema(configuration):
    return [{"table": "bank_payments", "primary_key": ["payment_ref"]}]


def update(configuration, state):
    folder = configuration["inbound_dir"]
    seen = dict(state.get("files", {}))
    for name in sorted(n for n in os.listdir(folder) if PATTERN.match(n)):
        mtime = os.stat(os.path.join(folder, name)).st_mtime_ns
        if seen.get(name) == mtime:
            continue
        with open(os.path.join(folder, name), newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="|"):
                if not row.get("payment_ref"):
                    continue
                op.upsert("bank_payments", {k: (v if v != "" else None) for k, v in row.items()})
        seen[name] = mtime
        op.checkpoint({"files": seen})
    op.checkpoint({"files": seen})


connector = Connector(update=update, schema=schema)
