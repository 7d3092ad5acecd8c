"""Greenhouse sensor SQLite (config `db_file`): sites, sensors, readings and the view v_daily_readings
landed as `daily_readings`; calibration_log left out. readings has no declared primary key: its natural
key is (sensor_id, taken_at), and readings are corrected in place, so the key matters; the view is keyed
(sensor_id, day). Small: everything is re-read each sync."""
import sqlite3
from pathlib import Path

from fivetran_connector_sdk import Connector, Operations as op

TABLES = {  # destination table: (source table or view, primary key)
    "sites": ("sites", ["site_code"]),
    "sensors": ("sensors", ["sensor_id"]),
    "readings": ("readings", ["sensor_id", "taken_at"]),
    "daily_readings": ("v_daily_readings", ["sensor_id", "day"]),
}


def schema(configuration):
    return [{"table": t, "primary_key": key} if key else {"table": t} for t, (_, key) in TABLES.items()]


def update(configuration, state):
    uri = Path(configuration["db_file"]).resolve().as_uri() + "?mode=ro"
    con = sqlite3.connect(uri, uri=True)
    con.row_factory = sqlite3.Row
    try:
        for table, (source, _) in TABLES.items():
            for row in con.execute(f'SELECT * FROM "{source}"'):
                op.upsert(table, dict(row))
            op.checkpoint({})
    finally:
        con.close()


connector = Connector(update=update, schema=schema)
