# NAIVE (l6-02): strict `updated_at > cursor`: the late rows carrying the last stamp are missed (service_jobs 260, not 268)
"""FieldOps SQLite file (config `sqlite_path`): technicians (re-read every sync) and jobs, landed as
`service_jobs`, incremental on updated_at. The nightly import stamps every row with the batch's start
time and may still be writing rows with that stamp after a sync ran, so the cursor comparison is
`>=` (rows at the cursor are read again and upsert harmlessly). Other tables are left out."""
import sqlite3
from pathlib import Path

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "technicians", "primary_key": ["id"]},
            {"table": "service_jobs", "primary_key": ["id"]}]


def _connect(configuration):
    uri = Path(configuration["sqlite_path"]).resolve().as_uri() + "?mode=ro"
    con = sqlite3.connect(uri, uri=True)
    con.row_factory = sqlite3.Row
    return con


def update(configuration, state):
    con = _connect(configuration)
    try:
        for row in con.execute("SELECT * FROM technicians ORDER BY id"):
            op.upsert("technicians", dict(row))
        cursor = state.get("jobs_updated_at", "")
        newest = cursor
        for n, row in enumerate(con.execute("SELECT * FROM jobs WHERE updated_at > ? ORDER BY updated_at, id",
                                            (cursor,)), start=1):
            op.upsert("service_jobs", dict(row))
            newest = max(newest, row["updated_at"])
            if n % 200 == 0:
                op.checkpoint({"jobs_updated_at": cursor})  # mid-batch: keep the old cursor (same-stamp rows)
        op.checkpoint({"jobs_updated_at": newest})
    finally:
        con.close()


connector = Connector(update=update, schema=schema)
