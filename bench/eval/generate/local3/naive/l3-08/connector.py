# NAIVE: ignores the tombstones: removed lines stay
"""POS database: customers (is_deleted = 1 is a delete) and orders on modified_at; order_lines by id, and
lines the app removes are read from the tombstones table its trigger fills. App tables are not synced."""
import sqlite3

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "customers", "primary_key": ["id"]}, {"table": "orders", "primary_key": ["id"]},
            {"table": "order_lines", "primary_key": ["id"]}]


def update(configuration, state):
    con = sqlite3.connect(f"file:{configuration['database']}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    state = dict(state)
    try:
        for table in ("customers", "orders"):
            cursor = state.get(table, "")
            for r in con.execute(f"SELECT * FROM {table} WHERE modified_at >= ? ORDER BY modified_at", (cursor,)):
                row = dict(r)
                if row.pop("is_deleted", 0):
                    op.delete(table, {"id": row["id"]})
                else:
                    op.upsert(table, row)
                cursor = max(cursor, row["modified_at"])
            state[table] = cursor
        line = state.get("order_lines", 0)
        for r in con.execute("SELECT * FROM order_lines WHERE id > ? ORDER BY id", (line,)):
            op.upsert("order_lines", dict(r))
            line = r["id"]
        state["order_lines"] = line
        tomb = state.get("tombstones", 0)
        for r in []:  # the tombstones table is never read
            op.delete("order_lines", {"id": r["row_id"]})
            tomb = r["id"]
        state["tombstones"] = tomb
    finally:
        con.close()
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)
