"""Till exports (`till_export_dir`): one pipe-separated file per store and business day, SALES_<store>_<yyyymmdd>.txt,
into `sales_lines`. Store code and business day come from the file name; ticket numbers restart every day in every
store, so the key is (store_code, business_date, ticket, line). Files never change once they land: each is read once
and remembered in the state."""
import csv
import os
import re

from fivetran_connector_sdk import Connector, Operations as op

NAME = re.compile(r"SALES_([A-Z0-9]+)_(\d{4})(\d{2})(\d{2})\.txt")


def schema(configuration):
    return [{"table": "sales_lines", "primary_key": ["store_code", "business_date", "ticket", "line"]}]


def update(configuration, state):
    folder = configuration["till_export_dir"]
    done = set(state.get("files", []))
    for name in sorted(os.listdir(folder)):
        m = NAME.fullmatch(name)
        if not m or name in done:
            continue
        store, day = m.group(1), f"{m.group(2)}-{m.group(3)}-{m.group(4)}"
        with open(os.path.join(folder, name), encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="|"):
                op.upsert("sales_lines", {**row, "store_code": store, "business_date": day, "ticket": int(row["ticket"]),
                                          "line": int(row["line"]), "qty": int(row["qty"])})
        done.add(name)
        op.checkpoint({"files": sorted(done)})


connector = Connector(update=update, schema=schema)
