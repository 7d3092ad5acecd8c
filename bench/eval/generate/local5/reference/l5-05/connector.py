"""Billing SQLite (`sqlite_file`): customers, invoices, invoice_lines, incremental on updated_at.

customers and invoices: rows with updated_at >= the last cursor (>= so rows written in the cursor's second
are not lost; re-sending one row is harmless with upserts). invoice_lines has no updated_at: adding a line
to an invoice bumps the invoice's updated_at, so the lines of every changed invoice are re-read (the key
is (invoice_id, line_no)). The file is opened read-only."""
import sqlite3

from fivetran_connector_sdk import Connector, Logging as log, Operations as op


def schema(configuration):
    return [{"table": "customers", "primary_key": ["customer_id"]},
            {"table": "invoices", "primary_key": ["invoice_id"]},
            {"table": "invoice_lines", "primary_key": ["invoice_id", "line_no"]}]


def _connect(path):
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    return con


def update(configuration, state):
    state = dict(state)
    con = _connect(configuration["sqlite_file"])
    try:
        cursor = state.get("customers", "")
        for r in con.execute("SELECT * FROM customers WHERE updated_at >= ? ORDER BY updated_at", (cursor,)):
            op.upsert("customers", dict(r))
            cursor = max(cursor, r["updated_at"])
        state["customers"] = cursor
        op.checkpoint(state)

        cursor = state.get("invoices", "")
        rows = con.execute("SELECT * FROM invoices WHERE updated_at >= ? ORDER BY updated_at", (cursor,)).fetchall()
        log.info(f"{len(rows)} invoices changed since {cursor or 'the start'}")
        for start in range(0, len(rows), 200):
            batch = rows[start:start + 200]
            for r in batch:
                op.upsert("invoices", dict(r))
            ids = [r["invoice_id"] for r in batch]
            marks = ",".join("?" * len(ids))
            for line in con.execute(f"SELECT * FROM invoice_lines WHERE invoice_id IN ({marks})", ids):
                op.upsert("invoice_lines", dict(line))
            cursor = max(cursor, batch[-1]["updated_at"])
            state["invoices"] = cursor
            op.checkpoint(state)
    finally:
        con.close()


connector = Connector(update=update, schema=schema)
