"""Accounting exports (`export_ordner`): Buchungen_YYYY_MM.csv, Windows-1252, semicolon separated, decimal
commas -> table ledger_entries keyed by Belegnr."""
import csv
import os
import re

from fivetran_connector_sdk import Connector, Operations as op

PATTERN = re.compile(r"^Buchungen_(\d{4})_(\d{2})\.csv$", re.IGNORECASE)


def _row(raw):
    row = {k.strip().lower(): (v.strip() if v and v.strip() else None) for k, v in raw.items()}
    if row.get("betrag"):
        row["betrag"] = float(row["betrag"].replace(".", "").replace(",", "."))
    if row.get("datum"):
        d, m, y = row["datum"].split(".")
        row["datum"] = f"{y}-{m}-{d}"
    return row


def schema(configuration):
    return [{"table": "ledger_entries", "primary_key": ["belegnr"]}]


def update(configuration, state):
    folder = configuration["export_ordner"]
    seen = dict(state.get("files", {}))
    for name in sorted(n for n in os.listdir(folder) if PATTERN.match(n)):
        mtime = os.stat(os.path.join(folder, name)).st_mtime_ns
        if seen.get(name) == mtime:
            continue
        with open(os.path.join(folder, name), newline="", encoding="cp1252") as fh:
            for raw in csv.DictReader(fh, delimiter=";"):
                row = _row(raw)
                if row.get("belegnr"):
                    op.upsert("ledger_entries", row)
        seen[name] = mtime
        op.checkpoint({"files": seen})
    op.checkpoint({"files": seen})


connector = Connector(update=update, schema=schema)
