"""Reference for l-17: append-only measurements by id; no declared column types, so a later 'N/A' in the integer
column and a new column are taken as they come."""
import sqlite3

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration: dict):
    return [{"table": "samples", "primary_key": ["sample_id"]},
            {"table": "measurements", "primary_key": ["id"], "columns": {"id": "LONG", "value": "INT"}}]


def update(configuration: dict, state: dict):
    con = sqlite3.connect(f"file:{configuration['db_path']}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    last = state.get("measurements_id", 0)
    try:
        for r in con.execute("SELECT * FROM samples"):
            op.upsert("samples", dict(r))
        for r in con.execute("SELECT * FROM measurements WHERE id > ? ORDER BY id", (last,)):
            op.upsert("measurements", dict(r))
            last = r["id"]
    finally:
        con.close()
    op.checkpoint({"measurements_id": last})


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
