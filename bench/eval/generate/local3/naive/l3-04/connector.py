# NAIVE: ignores the .CTL completion marker
"""Mainframe outbound: KIND_YYYYMMDD.DAT, pipe separated, no header, ISO-8859-1, padded text. A .DAT is
read only once its .CTL exists. REC_STATUS D deletes the record."""
import csv
import io
import os
import re
from datetime import datetime

from fivetran_connector_sdk import Connector, Operations as op

DAT = re.compile(r"^(CUST|ORDH|ORDL)_(\d{8})\.DAT$")
LAYOUT = {
    "CUST": ("customer", ["cust_no", "cust_name", "city", "country", "credit_limit", "rec_status"], ["cust_no"]),
    "ORDH": ("order_header", ["order_no", "cust_no", "order_date", "currency", "rec_status"], ["order_no"]),
    "ORDL": ("order_line", ["order_no", "line_no", "item_code", "qty", "unit_price"], ["order_no", "line_no"]),
}
KIND_ORDER = {"CUST": 0, "ORDH": 1, "ORDL": 2}


def schema(configuration):
    return [{"table": t, "primary_key": key} for t, _, key in LAYOUT.values()]


def _row(kind, fields):
    _, names, _ = LAYOUT[kind]
    row = dict(zip(names, (f.strip() for f in fields)))
    if kind == "CUST":
        row["credit_limit"] = float(row["credit_limit"])
    elif kind == "ORDH":
        row["order_date"] = datetime.strptime(row["order_date"], "%Y%m%d").date().isoformat()
    else:
        row["line_no"] = int(row["line_no"])
        row["qty"] = int(row["qty"])
        row["unit_price"] = float(row["unit_price"])
    return row


def update(configuration, state):
    folder = configuration["outbound_dir"]
    done = set(state.get("done", []))
    files = sorted(((m.group(2), KIND_ORDER[m.group(1)], m.group(1), n)
                    for n in os.listdir(folder) if (m := DAT.match(n))))
    for day, _, kind, name in files:
        if name in done:
            continue  # already loaded, or still being transferred
        table, _, key = LAYOUT[kind]
        with open(os.path.join(folder, name), "rb") as fh:
            text = fh.read().decode("iso-8859-1")
        for fields in csv.reader(io.StringIO(text, newline=""), delimiter="|"):
            if not fields:
                continue
            row = _row(kind, fields)
            if row.get("rec_status") == "D":
                op.delete(table, {k: row[k] for k in key})
            else:
                op.upsert(table, row)
        done.add(name)
        op.checkpoint({"done": sorted(done)})
    op.checkpoint({"done": sorted(done)})


connector = Connector(update=update, schema=schema)
