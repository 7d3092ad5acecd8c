"""Finance DuckDB file (`finance_duckdb`): every table of schema reporting, same names, read in full (dbt
rebuilds them nightly). No keys are declared; the grains are the keys."""
import datetime
import decimal

import duckdb
from fivetran_connector_sdk import Connector, Operations as op

TABLES = {"monthly_revenue": ["month", "region", "product_line"], "customer_ltv": ["customer_id"],
          "churn_cohorts": ["cohort_month", "months_since_start"]}


def _value(v):
    if isinstance(v, decimal.Decimal):
        return float(v)
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.isoformat()
    return v


def schema(configuration):
    return [{"table": t} for t in TABLES]


def update(configuration, state):
    con = duckdb.connect(configuration["finance_duckdb"], read_only=True)
    try:
        for table in TABLES:
            cur = con.execute(f'SELECT * FROM reporting."{table}"')
            cols = [d[0] for d in cur.description]
            while batch := cur.fetchmany(500):
                for r in batch:
                    op.upsert(table, {c: _value(v) for c, v in zip(cols, r)})
            op.checkpoint({})
    finally:
        con.close()


connector = Connector(update=update, schema=schema)
