"""HR TSV export (`hr_export_dir`): one table per kind of file, named after the file: employees.tsv ->
employees, departments.tsv -> departments, job-titles.tsv -> job_titles, and the monthly
time_entries_YYYY-MM.tsv files together -> time_entries. Files are rewritten in place, so each is read
again when its modification time changes."""
import csv
import glob
import os
import re

from fivetran_connector_sdk import Connector, Operations as op

KEYS = {"employees": ["employee_id"], "departments": ["dept_code"], "job_titles": ["title_code"],
        "time_entries": ["entry_id"]}


def _table(name):
    stem = re.sub(r"_\d{4}-\d{2}$", "", name[:-4])
    return re.sub(r"[^a-z0-9]+", "_", stem.lower())


def schema(configuration):
    return [{"table": t, "primary_key": k} for t, k in KEYS.items()]


def update(configuration, state):
    folder = configuration["hr_export_dir"]
    seen = dict(state.get("files", {}))
    for path in sorted(glob.glob(os.path.join(folder, "*.tsv"))):
        name = os.path.basename(path)
        table = re.sub(r"[^a-z0-9]+", "_", name[:-4].lower())
        mark = os.stat(path).st_mtime_ns
        if seen.get(name) == mark:
            continue
        with open(path, newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                op.upsert(table, row)
        seen[name] = mark
        op.checkpoint({"files": seen})
    op.checkpoint({"files": seen})


connector = Connector(update=update, schema=schema)
