"""doctors and patients in full, appointments incrementally on updated_at (inclusive); audit_log skipped."""
import sqlite3

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": t, "primary_key": ["id"]} for t in ("doctors", "patients", "appointments")]


def update(configuration, state):
    con = sqlite3.connect(f"file:{configuration['sqlite_file']}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        for table in ("doctors", "patients", "audit_log"):
            for row in con.execute(f"SELECT * FROM {table}"):
                op.upsert(table, dict(row))
        cursor = state.get("appointments_updated_at", "")
        for row in con.execute("SELECT * FROM appointments WHERE updated_at >= ? ORDER BY updated_at, id", (cursor,)):
            op.upsert("appointments", dict(row))
            cursor = max(cursor, row["updated_at"])
    finally:
        con.close()
    op.checkpoint({"appointments_updated_at": cursor})


connector = Connector(update=update, schema=schema)
