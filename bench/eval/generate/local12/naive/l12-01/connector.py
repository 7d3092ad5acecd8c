"""WMS stock movements (`wms_export_dir`): ruchy_<n>.csv, one export every few hours, each holding new movements
only and never changed afterwards. The exports are Windows-1250 (Polish product names and warehouses), ';'
separated, with a decimal comma in the quantity and dd.mm.yyyy HH:MM timestamps. n is not zero-padded
(ruchy_9.csv comes before ruchy_10.csv), so files are ordered by their number and the connector remembers the
names it has loaded rather than the "highest" name."""
import csv
import os
import re
from datetime import datetime

from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op

NAME = re.compile(r"ruchy_(\d+)\.csv")


def schema(configuration):
    return [{"table": "stock_movements", "primary_key": ["movement_id"],
             "columns": {"movement_id": "LONG", "moved_at": "NAIVE_DATETIME", "quantity": "DOUBLE"}}]


def update(configuration, state):
    folder = configuration["wms_export_dir"]
    done = set(state.get("loaded", []))
    found = [(int(m.group(1)), n) for n in os.listdir(folder) if (m := NAME.fullmatch(n))]
    for _, name in sorted(found):
        if name in done:
            continue
        rows = 0
        with open(os.path.join(folder, name), encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter=";"):
                if not (row.get("ID ruchu") or "").strip():
                    continue
                op.upsert("stock_movements", {
                    "movement_id": int(row["ID ruchu"]),
                    "moved_at": datetime.strptime(row["Data"].strip(), "%d.%m.%Y %H:%M").isoformat(),
                    "warehouse": row["Magazyn"], "sku": row["Indeks"], "product_name": row["Nazwa towaru"],
                    "quantity": float(row["Ilość"].strip().replace(" ", "").replace(",", ".")),
                    "unit": row["JM"], "document_type": row["Typ dokumentu"], "source_file": name})
                rows += 1
        done.add(name)
        log.info(f"{name}: {rows} movements")
        op.checkpoint({"loaded": sorted(done)})
    op.checkpoint({"loaded": sorted(done)})


connector = Connector(update=update, schema=schema)
