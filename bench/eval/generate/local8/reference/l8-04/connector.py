"""Gym front-desk SQLite file (`gym_db`): only plans, members and legacy_turnstile_log, the last one written as
`checkins`. plans and members are small and read in full (no updated_at to go by); the turnstile log only grows,
so it is read from the last id on."""
import sqlite3

from fivetran_connector_sdk import Connector, Operations as op

# source table -> (destination table, key)
TABLES = {"plans": ("plans", ["id"]), "members": ("members", ["id"]),
          "legacy_turnstile_log": ("checkins", ["id"])}


def schema(configuration):
    return [{"table": dest, "primary_key": key} for dest, key in TABLES.values()]


def update(configuration, state):
    con = sqlite3.connect(configuration["gym_db"])
    con.row_factory = sqlite3.Row
    last_id = state.get("turnstile_last_id", 0)
    try:
        for source, (dest, _) in TABLES.items():
            if source == "legacy_turnstile_log":
                rows = con.execute(f'SELECT * FROM "{source}" WHERE id > ? ORDER BY id', (last_id,))
            else:
                rows = con.execute(f'SELECT * FROM "{source}"')
            for row in rows:
                op.upsert(dest, dict(row))
                if source == "legacy_turnstile_log":
                    last_id = row["id"]
            op.checkpoint({"turnstile_last_id": last_id})
    finally:
        con.close()


connector = Connector(update=update, schema=schema)
