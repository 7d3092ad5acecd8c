"""CRM SQLite file (`crm_sqlite_path`): the contacts table, read incrementally on modified_at (cursor in the state).
Contacts are never removed: the app sets is_deleted = 1 (and bumps modified_at), which becomes a delete here."""
import sqlite3

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "contacts", "primary_key": ["id"]}]


def update(configuration, state):
    con = sqlite3.connect(f"file:{configuration['crm_sqlite_path']}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    cursor = state.get("modified_at", "")
    try:
        for row in con.execute("SELECT * FROM contacts WHERE modified_at > ? ORDER BY modified_at", (cursor,)):
            rec = dict(row)
            if rec["is_deleted"]:
                op.delete("contacts", {"id": rec["id"]})
            else:
                op.upsert("contacts", rec)
            cursor = max(cursor, rec["modified_at"])
        op.checkpoint({"modified_at": cursor})
    finally:
        con.close()


connector = Connector(update=update, schema=schema)
