"""Reference for l-12: incremental on a second-precision updated_at; the cursor is inclusive (>=) so rows written
later in the same second as the last cursor are not lost (re-reading the rows of that second is harmless: upsert)."""
import sqlite3

from fivetran_connector_sdk import Connector, Logging as log, Operations as op


def schema(configuration: dict):
    return [{"table": "tickets", "primary_key": ["id"]}, {"table": "agents", "primary_key": ["id"]}]


def update(configuration: dict, state: dict):
    con = sqlite3.connect(f"file:{configuration['db_path']}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    cursor = state.get("tickets_updated_at", "")
    try:
        for r in con.execute("SELECT * FROM agents"):
            op.upsert("agents", dict(r))
        n = 0
        for r in con.execute("SELECT * FROM tickets WHERE updated_at > ? ORDER BY updated_at, id", (cursor,)):
            op.upsert("tickets", dict(r))
            cursor = max(cursor, r["updated_at"])
            n += 1
            if n % 500 == 0:
                op.checkpoint({"tickets_updated_at": cursor})
        log.info(f"tickets: {n} rows read, cursor {cursor}")
    finally:
        con.close()
    op.checkpoint({"tickets_updated_at": cursor})


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
