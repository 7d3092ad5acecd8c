"""Back-office drop folder (`drop_folder`): the tills' nightly exports TILLnn_YYYYMMDD.csv, all into one
table `sales`. Each till numbers its own receipts, so the till (from the file name) is a column and part
of the key (till, receipt_no). The stocktake file and the note are ignored."""
import csv
import glob
import os
import re

from fivetran_connector_sdk import Connector, Operations as op

PATTERN = re.compile(r"^(TILL\d+)_(\d{8})\.csv$", re.IGNORECASE)


def schema(configuration):
    return [{"table": "sales", "primary_key": ["till", "receipt_no"]}]


def update(configuration, state):
    folder = configuration["drop_folder"]
    seen = dict(state.get("files", {}))
    files = []
    for path in glob.glob(os.path.join(folder, "*")):
        m = PATTERN.match(os.path.basename(path))
        if m:
            files.append((m.group(2), m.group(1).upper(), path))
    for _, till, path in sorted(files):
        name = os.path.basename(path)
        mark = os.stat(path).st_mtime_ns
        if seen.get(name) == mark:
            continue
        with open(path, newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                op.upsert("sales", {"till": till, **row, "source_file": name})
        seen[name] = mark
        op.checkpoint({"files": seen})
    op.checkpoint({"files": seen})


connector = Connector(update=update, schema=schema)
