"""Weekly ERP customer exports: semicolon separated, UTF-8 with BOM, German header, decimal commas.
Later files carry newer values for the same Kunden-Nr, so files are applied in number order."""
import csv
import os
import re

from fivetran_connector_sdk import Connector, Operations as op

PATTERN = re.compile(r"^kunden_export_(\d+)\.csv$")


def schema(configuration):
    return []  # naive: no primary key


def _column(name):
    name = name.strip().lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("€", "eur")):
        name = name.replace(a, b)
    return re.sub(r"[^a-z0-9]+", "_", name).strip("_")


def update(configuration, state):
    folder = configuration["export_folder"]
    done = state.get("done", 0)
    files = sorted((int(m.group(1)), n) for n in os.listdir(folder) if (m := PATTERN.match(n)))
    for number, name in files:
        if number <= done:
            continue
        with open(os.path.join(folder, name), newline="", encoding="utf-8-sig") as fh:
            for raw in csv.DictReader(fh, delimiter=";"):
                row = {_column(k): v for k, v in raw.items()}
                row["umsatz_eur"] = float(row["umsatz_eur"].replace(".", "").replace(",", "."))
                d, m, y = row["letzte_aenderung"].split(".")
                row["letzte_aenderung"] = f"{y}-{m}-{d}"
                pass
                op.upsert("kunden", row)
        done = number
        op.checkpoint({"done": done})


connector = Connector(update=update, schema=schema)
