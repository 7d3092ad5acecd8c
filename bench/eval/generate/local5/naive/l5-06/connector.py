"""DuckDB logistics file (`db`): erp.shipments and erp.shipment_events into shipments and shipment_events.

The live tables are in schema erp (main has a stale copy of shipments and an import log, not synced).
shipment_events has no declared key: (shipment_id, seq) is. DECIMAL/DATE/TIMESTAMP converted for the SDK.
Small tables: re-read every sync, the file opened read-only and closed before returning."""
import datetime
import decimal

import duckdb
from fivetran_connector_sdk import Connector, Operations as op

TABLES = {"shipments": ["shipment_id"], "shipment_events": ["shipment_id", "seq"]}


def schema(configuration):
    return [{"table": t, "primary_key": k} for t, k in TABLES.items()]


def _value(v):
    if isinstance(v, decimal.Decimal):
        return float(v)
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.isoformat()
    return v


def update(configuration, state):
    con = duckdb.connect(configuration["db"], read_only=True)
    try:
        for table in TABLES:
            cur = con.execute(f'SELECT * FROM "{table}"')
            cols = [d[0] for d in cur.description]
            while batch := cur.fetchmany(500):
                for r in batch:
                    op.upsert(table, {c: _value(v) for c, v in zip(cols, r)})
            op.checkpoint({})
    finally:
        con.close()


connector = Connector(update=update, schema=schema)
