"""Reference for l-07: one 25,000-row SQLite table, read in batches with checkpoints."""
import sqlite3

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

BATCH = 5000


def schema(configuration: dict):
    return [{"table": "readings", "primary_key": ["id"]}]


def update(configuration: dict, state: dict):
    con = sqlite3.connect(f"file:{configuration['db_path']}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    last_id = state.get("last_id", 0)
    try:
        while True:
            rows = con.execute("SELECT * FROM readings WHERE id > ? ORDER BY id LIMIT ?", (last_id, BATCH)).fetchall()
            if not rows:
                break
            for r in rows:
                op.upsert("readings", dict(r))
            last_id = rows[-1]["id"]
            op.checkpoint({"last_id": last_id})
            log.info(f"readings up to id {last_id}")
    finally:
        con.close()
    op.checkpoint({"last_id": last_id})


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
