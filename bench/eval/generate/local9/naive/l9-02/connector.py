"""Fleet SQLite file (`fleet_db_file`): vehicles in full every sync; trips and fuel_logs incrementally on row_version,
which the app bumps on every insert and update. The counters are per table (trips run far ahead of
fuel_logs), so each table keeps its own cursor. drivers, app_settings and sqlite_sequence are left out."""
import sqlite3

from fivetran_connector_sdk import Connector, Operations as op

TABLES = [("vehicles", "vehicles", None), ("trips", "trips", "row_version"), ("fuel_logs", "fuel_logs", "row_version")]


def schema(configuration):
    return [{"table": dest, "primary_key": ["id"]} for _, dest, _ in TABLES]


def update(configuration, state):
    con = sqlite3.connect(configuration["fleet_db_file"])
    con.row_factory = sqlite3.Row
    state = dict(state)
    try:
        for src, dest, cursor in TABLES:
            if cursor is None:
                for row in con.execute(f'SELECT * FROM "{src}" ORDER BY id'):
                    op.upsert(dest, dict(row))
                continue
            ckey = cursor
            last = state.get(ckey, 0)
            for row in con.execute(f'SELECT * FROM "{src}" WHERE {cursor} > ? ORDER BY {cursor}', (last,)):
                op.upsert(dest, dict(row))
                last = row[cursor]
            state[ckey] = last
            op.checkpoint(state)
    finally:
        con.close()


connector = Connector(update=update, schema=schema)
