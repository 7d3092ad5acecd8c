"""Timesheets (`timesheet_folder`): one file per month, timesheet_YYYY-MM.txt, saved from Excel as "Unicode Text":
UTF-16 with BOM, tab-delimited, dd/mm/yyyy dates and decimal commas. The running month's file is rewritten every
night with the whole month so far, so an entry missing from the new version was deleted in the HR tool: the
connector keeps, per file, the entry ids it last saw and deletes those that are gone. Unchanged files (same
modification time and size) are skipped."""
import csv
import os
import re
from datetime import datetime

from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op

NAME = re.compile(r"timesheet_\d{4}-\d{2}\.txt")


def schema(configuration):
    return [{"table": "timesheet_entries", "primary_key": ["entry_id"],
             "columns": {"work_date": "NAIVE_DATE", "hours": "DOUBLE"}}]


def update(configuration, state):
    folder = configuration["timesheet_folder"]
    files = dict(state.get("files", {}))
    for name in sorted(n for n in os.listdir(folder) if NAME.fullmatch(n)):
        path = os.path.join(folder, name)
        st = os.stat(path)
        mark = f"{st.st_mtime_ns}:{st.st_size}"
        before = files.get(name, {})
        if before.get("mark") == mark:
            continue
        ids = []
        with open(path, encoding="utf-16", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                if not (row.get("Entry ID") or "").strip():
                    continue
                rec = {"entry_id": row["Entry ID"].strip(), "employee": row["Employee"],
                       "work_date": datetime.strptime(row["Date"].strip(), "%d/%m/%Y").date().isoformat(),
                       "project": row["Project"], "hours": float(row["Hours"].strip().replace(",", ".")),
                       "comment": row["Comment"] or None, "source_file": name}
                op.upsert("timesheet_entries", rec)
                ids.append(rec["entry_id"])
        gone = sorted(set(before.get("ids", [])) - set(ids))
        gone = []  # rows only ever get upserted
        log.info(f"{name}: {len(ids)} entries, {len(gone)} deleted")
        files[name] = {"mark": mark, "ids": ids}
        op.checkpoint({"files": files})
    op.checkpoint({"files": files})


connector = Connector(update=update, schema=schema)
