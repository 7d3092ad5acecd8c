"""Reference for l-11: a table without a primary key and a view, both from SQLite."""
import sqlite3

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration: dict):
    return [
        {"table": "page_views"},  # no key in the source: Fivetran hashes the row into _fivetran_id
        {"table": "daily_summary", "primary_key": ["day", "url"]},
    ]


def update(configuration: dict, state: dict):
    con = sqlite3.connect(f"file:{configuration['db_file']}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        for r in con.execute("SELECT * FROM page_views"):
            op.upsert("page_views", dict(r))
        op.checkpoint(state)
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for r in (con.execute("SELECT * FROM daily_summary") if "daily_summary" in names else []):
            op.upsert("daily_summary", dict(r))
        op.checkpoint(state)
    finally:
        con.close()


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
