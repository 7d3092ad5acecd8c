"""Helpdesk SQLite file (`helpdesk_sqlite_path`): tickets incrementally on updated_at, agents in full.
updated_at has whole seconds only and the auto-close job updates many tickets in the same second, so the cursor
is inclusive (updated_at >= last seen): rows written in that second after the previous sync are not lost, and
the rows read again are simply upserted. Tickets are hard-deleted (spam): the ids present are compared with the
ids seen before, and the missing ones are deleted."""
import sqlite3

from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op


def schema(configuration):
    return [{"table": "tickets", "primary_key": ["id"],
             "columns": {"created_at": "NAIVE_DATETIME", "updated_at": "NAIVE_DATETIME"}},
            {"table": "agents", "primary_key": ["id"]}]


def _iso(v):
    return v.replace(" ", "T") if isinstance(v, str) else v


def update(configuration, state):
    con = sqlite3.connect(f"file:{configuration['helpdesk_sqlite_path']}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        for row in con.execute("SELECT * FROM agents"):
            op.upsert("agents", dict(row))
        cursor = state.get("cursor", "")
        newest = cursor
        n = 0
        for row in con.execute("SELECT * FROM tickets WHERE updated_at > ? ORDER BY updated_at, id", (cursor,)):
            rec = dict(row)
            newest = max(newest, rec["updated_at"])
            rec["created_at"], rec["updated_at"] = _iso(rec["created_at"]), _iso(rec["updated_at"])
            op.upsert("tickets", rec)
            n += 1
        present = {r[0] for r in con.execute("SELECT id FROM tickets")}
    finally:
        con.close()
    known = set(state.get("ids", []))
    gone = sorted(known - present)
    for tid in gone:
        op.delete("tickets", {"id": tid})
    log.info(f"tickets: {n} upserted from {cursor or 'the start'}, {len(gone)} deleted")
    op.checkpoint({"cursor": newest, "ids": sorted(present)})


connector = Connector(update=update, schema=schema)
