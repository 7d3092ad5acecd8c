"""Every table of the DuckDB file's main schema, keys from the declared primary keys; DECIMAL, DATE
and TIMESTAMP values converted for the SDK. Re-read each sync (small tables)."""
import datetime
import decimal

import duckdb
from fivetran_connector_sdk import Connector, Operations as op


def _tables(con):
    names = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' "
                                       "ORDER BY table_name").fetchall()]
    keys = {}
    for table, cols in con.execute("SELECT table_name, constraint_column_names FROM duckdb_constraints() "
                                   "WHERE schema_name = 'main' AND constraint_type = 'PRIMARY KEY'").fetchall():
        keys[table] = list(cols)
    return {n: keys.get(n, []) for n in names}


def _value(v):
    if isinstance(v, decimal.Decimal):
        return float(v)
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.isoformat()
    return v


def schema(configuration):
    con = duckdb.connect(configuration["duckdb_path"], read_only=True)
    try:
        return [{"table": t, "primary_key": k} for t, k in _tables(con).items()]
    finally:
        con.close()


def update(configuration, state):
    con = duckdb.connect(configuration["duckdb_path"], read_only=True)
    try:
        for table in _tables(con):
            cur = con.execute(f'SELECT * FROM main."{table}"')
            cols = [d[0] for d in cur.description]
            while batch := cur.fetchmany(500):
                for r in batch:
                    op.upsert(table, {c: _value(v) for c, v in zip(cols, r)})
            op.checkpoint({})
    finally:
        con.close()


connector = Connector(update=update, schema=schema)
