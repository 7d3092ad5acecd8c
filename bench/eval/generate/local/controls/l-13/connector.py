"""Reference for l-13: incremental on updated_at; rows with deleted_at set become soft deletes."""
import sqlite3

from fivetran_connector_sdk import Connector, Operations as op

TABLES = ["companies", "contacts"]


def schema(configuration: dict):
    return [{"table": t, "primary_key": ["id"]} for t in TABLES]


def update(configuration: dict, state: dict):
    con = sqlite3.connect(f"file:{configuration['db_path']}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    new_state = dict(state)
    try:
        for t in TABLES:
            cursor = state.get(t, "")
            for r in con.execute(f"SELECT * FROM {t} WHERE updated_at >= ? ORDER BY updated_at, id", (cursor,)):
                row = dict(r)
                op.upsert(t, row)
                cursor = max(cursor, row["updated_at"])
            new_state[t] = cursor
            op.checkpoint(new_state)
    finally:
        con.close()


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
