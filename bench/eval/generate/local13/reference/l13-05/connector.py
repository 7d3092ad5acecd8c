"""CRM mirror DuckDB file (`crm_db`): every table of schema crm, under its name in snake_case
(Accounts -> accounts, ContactPersons -> contact_persons, DealStages -> deal_stages, Deals -> deals),
columns likewise; keys from the declared primary keys. Re-read in full each sync. Schema main is
ignored."""
import datetime
import decimal
import re

import duckdb
from fivetran_connector_sdk import Connector, Operations as op


def _snake(name):
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


def _value(v):
    if isinstance(v, decimal.Decimal):
        return float(v)
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.isoformat()
    return v


def _tables(con):
    rows = con.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'crm' "
                       "AND table_type = 'BASE TABLE' ORDER BY table_name").fetchall()
    out = {}
    for (name,) in rows:
        keys = con.execute("SELECT constraint_column_names FROM duckdb_constraints() WHERE schema_name = 'crm' "
                           "AND table_name = ? AND constraint_type = 'PRIMARY KEY'", [name]).fetchall()
        out[name] = [_snake(c) for c in keys[0][0]] if keys else []
    return out


def schema(configuration):
    con = duckdb.connect(configuration["crm_db"], read_only=True)
    try:
        return [{"table": _snake(t), "primary_key": k} for t, k in _tables(con).items()]
    finally:
        con.close()


def update(configuration, state):
    con = duckdb.connect(configuration["crm_db"], read_only=True)
    try:
        for table in _tables(con):
            cur = con.execute(f'SELECT * FROM crm."{table}"')
            cols = [_snake(d[0]) for d in cur.description]
            while batch := cur.fetchmany(500):
                for r in batch:
                    op.upsert(_snake(table), {c: _value(v) for c, v in zip(cols, r)})
            op.checkpoint({})
    finally:
        con.close()


connector = Connector(update=update, schema=schema)
