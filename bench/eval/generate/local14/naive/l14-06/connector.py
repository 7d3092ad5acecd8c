"""Helpdesk SQLite file (`helpdesk_db`): agents in full; tickets incremental on modified_at, soft-deleted
tickets (deleted_at set) -> op.delete; ticket_comments -> table comments, append-only, incremental on id.
audit_log is not synced."""
import sqlite3

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "agents", "primary_key": ["id"]},
            {"table": "tickets", "primary_key": ["id"]},
            {"table": "comments", "primary_key": ["id"]}]


def update(configuration, state):
    con = sqlite3.connect(f"file:{configuration['helpdesk_db']}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        for r in con.execute("SELECT * FROM agents"):
            op.upsert("agents", dict(r))
        modified = state.get("tickets_modified_at", "")
        for r in con.execute("SELECT * FROM tickets WHERE modified_at > ? ORDER BY modified_at, id", (modified,)):
            op.upsert("tickets", dict(r))
            modified = max(modified, r["modified_at"])
        last_id = int(state.get("comments_id", 0))
        for r in con.execute("SELECT * FROM ticket_comments WHERE id > ? ORDER BY id", (last_id,)):
            op.upsert("comments", dict(r))
            last_id = r["id"]
        op.checkpoint({"tickets_modified_at": modified, "comments_id": last_id})
    finally:
        con.close()


connector = Connector(update=update, schema=schema)
