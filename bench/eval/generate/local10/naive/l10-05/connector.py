"""Analytics DuckDB file (`analytics_file`): stores and daily_sales, read in full each sync (small tables).
daily_sales declares no primary key; it holds one row per sale_date and store_id, and its last three days are
recomputed every night, so it is keyed by (sale_date, store_id) and a recomputed day overwrites the old row."""
import datetime
import decimal

import duckdb
from fivetran_connector_sdk import Connector, Operations as op

TABLES = {"stores": ["store_id"], "daily_sales": None}


def _value(v):
    if isinstance(v, decimal.Decimal):
        return float(v)
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.isoformat()
    return v


def schema(configuration):
    return [{"table": t, "primary_key": k} if k else {"table": t} for t, k in TABLES.items()]


def update(configuration, state):
    con = duckdb.connect(configuration["analytics_file"], read_only=True)
    try:
        for table in TABLES:
            cur = con.execute(f'SELECT * FROM main."{table}"')
            cols = [d[0] for d in cur.description]
            while batch := cur.fetchmany(500):
                for r in batch:
                    op.upsert(table, {c: _value(v) for c, v in zip(cols, r)})
        op.checkpoint({})
    finally:
        con.close()


connector = Connector(update=update, schema=schema)
