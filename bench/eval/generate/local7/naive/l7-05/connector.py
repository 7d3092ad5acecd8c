"""Hotel SQLite file (`sqlite_file`): rooms and guests re-read in full, bookings incremental on the text
column updated_at. Other tables are left alone."""
import sqlite3

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "rooms", "primary_key": ["room_no"]},
            {"table": "guests", "primary_key": ["guest_id"]},
            {"table": "bookings", "primary_key": ["booking_id"]}]


def update(configuration, state):
    con = sqlite3.connect(f"file:{configuration['sqlite_file']}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                    "AND name != 'bookings'").fetchall():
            for r in con.execute(f"SELECT * FROM {table}"):
                op.upsert(table, dict(r))
        cursor = state.get("bookings_updated_at", "")
        latest = cursor
        for r in con.execute("SELECT * FROM bookings WHERE updated_at > ? ORDER BY updated_at, booking_id", (cursor,)):
            op.upsert("bookings", dict(r))
            latest = max(latest, r["updated_at"])
        op.checkpoint({"bookings_updated_at": latest})
    finally:
        con.close()


connector = Connector(update=update, schema=schema)
