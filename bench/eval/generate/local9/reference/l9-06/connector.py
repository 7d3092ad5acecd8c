"""Loyalty SQLite file (`loyalty_database`): members incrementally on updated_at (text, `>=` so rows of the last second
are read again, harmless with upserts); a member with left_at set has left the program and is deleted. points_ledger
only grows: incremental on entry_id. sqlite_sequence is left out."""
import sqlite3

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "members", "primary_key": ["member_id"]},
            {"table": "points_ledger", "primary_key": ["entry_id"]}]


def update(configuration, state):
    con = sqlite3.connect(configuration["loyalty_database"])
    con.row_factory = sqlite3.Row
    since = state.get("members_updated_at", "")
    last = state.get("ledger_entry_id", 0)
    try:
        for row in con.execute("SELECT * FROM members WHERE updated_at >= ? ORDER BY updated_at", (since,)):
            rec = dict(row)
            if rec["left_at"] is not None:
                op.delete("members", {"member_id": rec["member_id"]})
            else:
                op.upsert("members", rec)
            since = rec["updated_at"]
        op.checkpoint({"members_updated_at": since, "ledger_entry_id": last})
        for row in con.execute("SELECT * FROM points_ledger WHERE entry_id > ? ORDER BY entry_id", (last,)):
            op.upsert("points_ledger", dict(row))
            last = row["entry_id"]
        op.checkpoint({"members_updated_at": since, "ledger_entry_id": last})
    finally:
        con.close()


connector = Connector(update=update, schema=schema)
