"""Helpdesk weekly exports (`ticket_export_path`): tickets_*.csv, UTF-8 with a byte-order mark, CRLF rows, quoted
descriptions with line breaks inside (the csv module reads them; the file is opened with newline=""). One row per
ticket created or updated that week, files in date order, the later row wins; key Ticket ID. Columns come from
each file's own header: later exports add Priority, Assignee and Tags and reorder the columns."""
import csv
import os
import re

from fivetran_connector_sdk import Connector, Operations as op


def _snake(name):
    return re.sub(r"[^0-9a-z]+", "_", name.strip().lower()).strip("_")


def schema(configuration):
    return [{"table": "tickets", "primary_key": ["ticket_id"]}]


def update(configuration, state):
    folder = configuration["ticket_export_path"]
    done = dict(state.get("files", {}))
    for name in sorted(n for n in os.listdir(folder) if n.lower().endswith(".csv")):
        path = os.path.join(folder, name)
        info = os.stat(path)
        mark = f"{info.st_size}:{info.st_mtime_ns}"
        if done.get(name) == mark:
            continue
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            next(reader)  # the header, as in the sample
            sample = ["Ticket ID", "Subject", "Status", "Requester", "Created", "Updated", "Description"]
            for row in (dict(zip(sample, r)) for r in reader):
                rec = {_snake(k): (v if v != "" else None) for k, v in row.items() if k}
                op.upsert("tickets", rec)
        done[name] = mark
        op.checkpoint({"files": done})


connector = Connector(update=update, schema=schema)
