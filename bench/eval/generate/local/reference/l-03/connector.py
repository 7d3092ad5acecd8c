"""Reference for l-03: semicolon CSV with BOM, spaced headers and decimal commas."""
import csv
import os
import re
from decimal import Decimal

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

FILES = {"Umsaetze.csv": ("umsaetze", ["beleg_nr"]), "Kunden.csv": ("kunden", ["kunden_nr"])}


def column(name: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", name.strip().lower()).strip("_")


def schema(configuration: dict):
    return [{"table": t, "primary_key": pk} for t, pk in FILES.values()]


def update(configuration: dict, state: dict):
    folder = configuration["path"]
    for file_name, (table, _) in FILES.items():
        with open(os.path.join(folder, file_name), newline="", encoding="utf-8-sig") as f:
            reader = csv.reader(f, delimiter=";")
            header = [column(h) for h in next(reader)]
            for values in reader:
                row = dict(zip(header, values))
                if "betrag_eur" in row and row["betrag_eur"]:
                    row["betrag_eur"] = Decimal(row["betrag_eur"].replace(".", "").replace(",", "."))
                op.upsert(table, row)
        log.info(f"loaded {file_name}")
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
