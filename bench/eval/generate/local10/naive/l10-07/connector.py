"""HR staff list (`hr_export_dir`): staff.csv, overwritten every night with the full list of current employees.
The file is read again whenever its modification time changes; every row is upserted by employee_id and the
employee_ids of the previous file that are missing now (leavers) are deleted. The ids are kept in the state."""
import csv
import os
from pathlib import Path

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "staff", "primary_key": ["employee_id"]}]


def update(configuration, state):
    path = Path(configuration["hr_export_dir"]) / "staff.csv"
    stamp = path.name
    if state.get("synced") == stamp:
        op.checkpoint(state)
        return
    before = set(state.get("ids", []))
    now = set()
    with open(path, newline="", encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            op.upsert("staff", row)
            now.add(row["employee_id"])
    for employee_id in sorted(before - now):
        op.delete("staff", {"employee_id": employee_id})
    op.checkpoint({"synced": stamp, "ids": sorted(now)})


connector = Connector(update=update, schema=schema)
