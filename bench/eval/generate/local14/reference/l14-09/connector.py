"""Telemetry DuckDB file (`telemetry_db_path`): iot.devices -> devices (in full), iot.readings -> sensor_readings,
incremental on ingested_at (late readings keep old reading_ts but get a new ingested_at), keyed
(device_id, reading_ts, metric)."""
import datetime

import duckdb
from fivetran_connector_sdk import Connector, Operations as op

CURSOR = "ingested_at"  # set when a gateway uploads; late readings keep an old reading_ts


def _value(v):
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.isoformat()
    return v


def schema(configuration):
    return [{"table": "devices", "primary_key": ["device_id"]},
            {"table": "sensor_readings", "primary_key": ["device_id", "reading_ts", "metric"]}]


def update(configuration, state):
    con = duckdb.connect(configuration["telemetry_db_path"], read_only=True)
    try:
        cur = con.execute("SELECT * FROM iot.devices")
        cols = [d[0] for d in cur.description]
        for r in cur.fetchall():
            op.upsert("devices", {c: _value(v) for c, v in zip(cols, r)})
        cursor = state.get("cursor", "1970-01-01 00:00:00")
        cur = con.execute(f"SELECT * FROM iot.readings WHERE {CURSOR} > CAST(? AS TIMESTAMP) ORDER BY {CURSOR}", [cursor])
        cols = [d[0] for d in cur.description]
        latest = cursor
        while batch := cur.fetchmany(1000):
            for r in batch:
                row = dict(zip(cols, r))
                latest = max(latest, row[CURSOR].strftime("%Y-%m-%d %H:%M:%S.%f"))
                op.upsert("sensor_readings", {c: _value(v) for c, v in row.items()})
        op.checkpoint({"cursor": latest})
    finally:
        con.close()


connector = Connector(update=update, schema=schema)
