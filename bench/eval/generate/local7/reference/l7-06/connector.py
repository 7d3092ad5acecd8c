"""Fleet SQLite file (`db_file`): vehicles in full, work_orders incremental on the integer row_version, and
the view monthly_vehicle_costs re-read in full as a table keyed (vehicle_id, month)."""
import sqlite3

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "vehicles", "primary_key": ["id"]},
            {"table": "work_orders", "primary_key": ["id"]},
            {"table": "monthly_vehicle_costs", "primary_key": ["vehicle_id", "month"]}]


def update(configuration, state):
    con = sqlite3.connect(f"file:{configuration['db_file']}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        for r in con.execute("SELECT * FROM vehicles"):
            op.upsert("vehicles", dict(r))
        version = int(state.get("row_version", 0))
        for r in con.execute("SELECT * FROM work_orders WHERE row_version > ? ORDER BY row_version", (version,)):
            op.upsert("work_orders", dict(r))
            version = max(version, r["row_version"])
        for r in con.execute("SELECT * FROM monthly_vehicle_costs"):
            op.upsert("monthly_vehicle_costs", dict(r))
        op.checkpoint({"row_version": version})
    finally:
        con.close()


connector = Connector(update=update, schema=schema)
