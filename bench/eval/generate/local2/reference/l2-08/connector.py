"""page_views has no primary key and exact duplicate rows are real hits: rowid is the key and the
cursor. The daily roll-up view is re-read whole, keyed on day."""
import sqlite3

from fivetran_connector_sdk import Connector, Operations as op

DB = "{db_path}"  # the request gives the path; run_reference fills it in


def schema(configuration):
    return [{"table": "page_views", "primary_key": ["row_id"]}, {"table": "daily_pageviews", "primary_key": ["day"]}]


def update(configuration, state):
    last = state.get("rowid", 0)
    con = sqlite3.connect(f"file:{DB}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        for row in con.execute("SELECT rowid AS row_id, * FROM page_views WHERE rowid > ? ORDER BY rowid", (last,)):
            op.upsert("page_views", dict(row))
            last = row["row_id"]
        op.checkpoint({"rowid": last})
        for row in con.execute("SELECT * FROM v_daily_pageviews"):
            op.upsert("daily_pageviews", dict(row))
    finally:
        con.close()
    op.checkpoint({"rowid": last})


connector = Connector(update=update, schema=schema)
