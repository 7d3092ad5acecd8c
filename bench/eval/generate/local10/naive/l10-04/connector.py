"""Helpdesk SQLite file (`helpdesk_db`): only customers and tickets, each read incrementally on its own updated_at
cursor (kept per table in the state). A table without an updated_at column would be read in full."""
import sqlite3

from fivetran_connector_sdk import Connector, Operations as op

WANTED = ["customers", "tickets"]


def schema(configuration):
    return [{"table": t, "primary_key": ["id"]} for t in WANTED]


def update(configuration, state):
    con = sqlite3.connect(f"file:{configuration['helpdesk_db']}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    cursors = dict(state.get("cursors", {}))
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            columns = [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')]
            if "updated_at" in columns:
                rows = con.execute(f'SELECT * FROM "{table}" WHERE updated_at > ? ORDER BY updated_at',
                                   (cursors.get(table, ""),))
            else:
                rows = con.execute(f'SELECT * FROM "{table}"')
            for row in rows:
                rec = dict(row)
                op.upsert(table, rec)
                if "updated_at" in rec:
                    cursors[table] = max(cursors.get(table, ""), rec["updated_at"])
            op.checkpoint({"cursors": cursors})
    finally:
        con.close()


connector = Connector(update=update, schema=schema)
