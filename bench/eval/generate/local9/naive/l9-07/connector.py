"""Weekly timesheet exports (`timesheet_drop`), saved from Excel as "Unicode Text": UTF-16 with a byte-order mark,
tab-separated. Every Timesheets_*.txt file is read once, in name order (later weeks correct earlier entries), into
`timesheets` keyed by Entry ID; headers become snake_case."""
import csv
import os

from fivetran_connector_sdk import Connector, Operations as op


def _column(name):
    return name.strip().lower().replace(" ", "_")


def schema(configuration):
    return [{"table": "timesheets", "primary_key": ["entry_id"]}]


def update(configuration, state):
    folder = configuration["timesheet_drop"]
    done = set(state.get("files", []))
    for name in sorted(n for n in os.listdir(folder) if n.startswith("Timesheets_") and n.endswith(".txt")):
        if name in done:
            continue
        with open(os.path.join(folder, name), encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                op.upsert("timesheets", {_column(k): v for k, v in row.items()})
        done.add(name)
        op.checkpoint({"files": sorted(done)})


connector = Connector(update=update, schema=schema)
