"""Clinic databases (`clinic_duckdb_dir`): one DuckDB file per clinic, clinic_<name>.duckdb, merged into
appointments (sched.appointments), invoices and invoice_lines (billing.*) with a `clinic` column from the file name;
main only holds import leftovers. appt_id and invoice_id restart in every clinic, so keys start with clinic;
billing.invoice_lines declares no key: (invoice_id, line_no) is one. Cancelled appointments are deleted from the file
by the booking app: the appointment ids of every clinic are kept in state and those that disappear are deleted.
Files are opened read-only."""
import os
import re
from datetime import date, datetime
from decimal import Decimal

import duckdb
from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op

NAME = re.compile(r"clinic_([a-z0-9_-]+)\.duckdb")
TABLES = {"appointments": ("sched.appointments", ["clinic", "appt_id"]),
          "invoices": ("billing.invoices", ["clinic", "invoice_id"]),
          "invoice_lines": ("billing.invoice_lines", ["clinic", "invoice_id", "line_no"])}


def schema(configuration):
    return [{"table": table, "primary_key": key} for table, (_, key) in TABLES.items()]


def value(v):
    if isinstance(v, Decimal):
        return str(v)
    if isinstance(v, (datetime, date)):
        return v.isoformat()
    return v


def update(configuration, state):
    folder = configuration["clinic_duckdb_dir"]
    known = {clinic: set(ids) for clinic, ids in state.get("appointments", {}).items()}
    for name in sorted(os.listdir(folder)):
        match = NAME.fullmatch(name)
        if not match:
            continue
        clinic = match.group(1)
        con = duckdb.connect(os.path.join(folder, name), read_only=True)
        try:
            ids = set()
            for table, (source, _) in TABLES.items():
                cur = con.execute(f"SELECT * FROM {source}")
                cols = [d[0] for d in cur.description]
                for row in cur.fetchall():
                    rec = {"clinic": clinic, **{c: value(v) for c, v in zip(cols, row)}}
                    op.upsert(table, rec)
                    if table == "appointments":
                        ids.add(rec["appt_id"])
        finally:
            con.close()
        gone = sorted(known.get(clinic, set()) - ids)
        for appt_id in gone:
            op.delete("appointments", {"clinic": clinic, "appt_id": appt_id})
        known[clinic] = ids
        log.info(f"{name}: {len(ids)} appointments, {len(gone)} deleted")
        op.checkpoint({"appointments": {c: sorted(v) for c, v in known.items()}})


connector = Connector(update=update, schema=schema)
