# NAIVE: checkins without a key; rowid used as cursor only, so identical double scans merge
"""Gym front desk: members (updated_at is epoch seconds, inclusive cursor), plans and memberships (small,
re-read every sync; 3-column key), checkins (no key, append-only: rowid is key and cursor, so identical
double scans stay two rows). staff and sqlite_sequence are not synced."""
import sqlite3

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "members", "primary_key": ["id"]},
            {"table": "plans", "primary_key": ["code"]},
            {"table": "memberships", "primary_key": ["member_id", "plan_code", "started_on"]},
            {"table": "checkins"}]


def update(configuration, state):
    con = sqlite3.connect(f"file:{configuration['sqlite_file']}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        members_since = state.get("members_updated_at", 0)
        for r in con.execute("SELECT * FROM members WHERE updated_at >= ? ORDER BY updated_at", (members_since,)):
            op.upsert("members", dict(r))
            members_since = max(members_since, r["updated_at"])
        for r in con.execute("SELECT * FROM plans"):
            op.upsert("plans", dict(r))
        for r in con.execute("SELECT * FROM memberships"):
            op.upsert("memberships", dict(r))
        last_rowid = state.get("checkins_rowid", 0)
        for r in con.execute("SELECT rowid AS checkin_rowid, * FROM checkins WHERE rowid > ? ORDER BY rowid",
                             (last_rowid,)):
            row = dict(r)
            last_rowid = row.pop("checkin_rowid")
            op.upsert("checkins", row)
    finally:
        con.close()
    op.checkpoint({"members_updated_at": members_since, "checkins_rowid": last_rowid})


connector = Connector(update=update, schema=schema)
