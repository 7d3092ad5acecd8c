"""timesheets.csv, rewritten nightly: skip the two preamble lines before the header and the TOTAL line."""
import csv
import os

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "timesheets", "primary_key": ["employee_id", "work_date"]}]


def update(configuration, state):
    path = os.path.join(configuration["export_dir"], "timesheets.csv")
    mtime = os.path.getmtime(path)
    if state.get("mtime") == mtime:
        return
    with open(path, newline="", encoding="utf-8-sig") as f:
        lines = f.read().splitlines()
    start = 0
    for row in csv.DictReader(lines[start:]):
        if not row["employee_id"] or row["employee_id"].upper() == "TOTAL" or not row["work_date"]:
            continue
        op.upsert("timesheets", row)
    op.checkpoint({"mtime": mtime})


connector = Connector(update=update, schema=schema)
