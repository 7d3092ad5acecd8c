"""Phone system call exports: tab-separated calls_YYYY-MM-DD.tsv files in `export_path`, header words with
spaces and capitals. Exports overlap by a day, so Call ID is the key. New or changed files only."""
import csv
import os
import re

from fivetran_connector_sdk import Connector, Operations as op


def _column(name):
    return re.sub(r"[^0-9a-z]+", "_", name.strip().lower()).strip("_")


def schema(configuration):
    return [{"table": "calls", "primary_key": ["call_id"]}]


def update(configuration, state):
    folder = configuration["export_path"]
    seen = dict(state.get("files", {}))
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".tsv"):
            continue
        mtime = os.stat(os.path.join(folder, name)).st_mtime_ns
        if seen.get(name) == mtime:
            continue
        with open(os.path.join(folder, name), newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                rec = {_column(k): (v.strip() or None) for k, v in row.items() if k}
                if rec.get("call_id"):
                    op.upsert("calls", rec)
        seen[name] = mtime
        op.checkpoint({"files": seen})
    op.checkpoint({"files": seen})


connector = Connector(update=update, schema=schema)
