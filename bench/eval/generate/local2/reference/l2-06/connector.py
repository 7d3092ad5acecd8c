"""Three of the CRM SQLite tables (company = accounts, contact = people, deal_stage_history), with
the primary keys declared in the file, composite for deal_stage_history. Small: re-read each sync."""
import sqlite3

from fivetran_connector_sdk import Connector, Operations as op

TABLES = ["company", "contact", "deal_stage_history"]


def _keys(con, table):
    cols = con.execute(f'PRAGMA table_info("{table}")').fetchall()
    return [c[1] for c in sorted((c for c in cols if c[5]), key=lambda c: c[5])]


def schema(configuration):
    con = sqlite3.connect(f"file:{configuration['sqlite_file']}?mode=ro", uri=True)
    try:
        return [{"table": t, "primary_key": _keys(con, t)} for t in TABLES]
    finally:
        con.close()


def update(configuration, state):
    con = sqlite3.connect(f"file:{configuration['sqlite_file']}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        for t in TABLES:
            for row in con.execute(f'SELECT * FROM "{t}"'):
                op.upsert(t, dict(row))
            op.checkpoint({})
    finally:
        con.close()


connector = Connector(update=update, schema=schema)
