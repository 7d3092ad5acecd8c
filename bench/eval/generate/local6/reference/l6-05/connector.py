"""Weekly member exports members_export_YYYY-MM-DD.csv in the folder of config `csv_root` -> table
`members`. The report tool pads every field (header included) to the column width, so header names and
values are stripped; the header's mixed case and spacing are mapped to member_id, first_name,
last_name, email, joined_on, plan. Exports are read in date order, so the newest version of a member
wins; each export is read once (the LibreOffice lock file is not an export)."""
import csv
import re
from pathlib import Path

from fivetran_connector_sdk import Connector, Operations as op

RENAME = {"e_mail": "email"}


def _column(header):
    name = re.sub(r"[^0-9a-z]+", "_", header.strip().lower()).strip("_")
    return RENAME.get(name, name)


def _value(column, raw):
    value = raw.strip()
    if not value:
        return None
    return int(value) if column == "member_id" else value


def schema(configuration):
    return [{"table": "members", "primary_key": ["member_id"]}]


def update(configuration, state):
    folder = Path(configuration["csv_root"])
    done = dict(state.get("files", {}))
    for path in sorted(folder.glob("members_export_*.csv")):
        signature = [path.stat().st_mtime_ns, path.stat().st_size]
        if done.get(path.name) == signature:
            continue
        with path.open(newline="", encoding="utf-8-sig") as fh:
            reader = csv.reader(fh)
            header = [_column(h) for h in next(reader)]
            for values in reader:
                if not any(v.strip() for v in values):
                    continue
                op.upsert("members", {h: _value(h, v) for h, v in zip(header, values)})
        done[path.name] = signature
        op.checkpoint({"files": done})


connector = Connector(update=update, schema=schema)
