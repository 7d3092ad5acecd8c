"""stock_items incrementally on updated_at. Batch jobs write many rows in the same second, so the
cursor is inclusive (>=) and re-reads that second; rows with deleted_at set are deletes."""
import sqlite3

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "stock_items", "primary_key": ["id"]}]


def update(configuration, state):
    cursor = state.get("updated_at", "")
    con = sqlite3.connect(f"file:{configuration['database']}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        for row in con.execute("SELECT * FROM stock_items WHERE updated_at >= ? ORDER BY updated_at, id", (cursor,)):
            row = dict(row)
            if row["deleted_at"]:
                op.delete("stock_items", {"id": row["id"]})
            else:
                op.upsert("stock_items", row)
            cursor = max(cursor, row["updated_at"])
    finally:
        con.close()
    op.checkpoint({"updated_at": cursor})


connector = Connector(update=update, schema=schema)
