"""Helpdesk SQLite (config `helpdesk_db`): tickets landed as `support_tickets`, incremental on the
table-wide integer `version` (bumped on every write, never decreasing); agents re-read every sync.
Tickets are soft-deleted (is_deleted = 1, version bumped): those become op.delete, so they do not stay
live rows in the destination."""
import sqlite3
from pathlib import Path

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "agents", "primary_key": ["agent_id"]},
            {"table": "support_tickets", "primary_key": ["id"]}]


def update(configuration, state):
    uri = Path(configuration["helpdesk_db"]).resolve().as_uri() + "?mode=ro"
    con = sqlite3.connect(uri, uri=True)
    con.row_factory = sqlite3.Row
    try:
        for row in con.execute("SELECT * FROM agents ORDER BY agent_id"):
            op.upsert("agents", dict(row))
        version = int(state.get("tickets_version", 0))
        for n, row in enumerate(con.execute("SELECT * FROM tickets WHERE version > ? ORDER BY version",
                                            (version,)), start=1):
            if row["is_deleted"]:
                op.delete("support_tickets", {"id": row["id"]})
            else:
                op.upsert("support_tickets", dict(row))
            version = row["version"]
            if n % 100 == 0:
                op.checkpoint({"tickets_version": version})
        op.checkpoint({"tickets_version": version})
    finally:
        con.close()


connector = Connector(update=update, schema=schema)
