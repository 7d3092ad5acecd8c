# NAIVE (l6-04): unqualified relation names: DuckDB looks in main, where they do not exist -> sync fails
"""BI DuckDB file (config `warehouse_file`): the tables live in schema `erp`, not main. customers and
invoices, plus the view erp.v_customer_revenue landed as `customer_revenue`. No keys are declared in the
file: customer_no, invoice_no and customer_no. DECIMAL columns are declared as DECIMAL (values passed as
strings, no float rounding), DATEs as NAIVE_DATE; small, so everything is re-read each sync (the view has
no cursor anyway)."""
import datetime
import decimal

import duckdb
from fivetran_connector_sdk import Connector, Operations as op

SCHEMA = "erp"
TABLES = {  # destination table: (source relation in schema erp, primary key, declared column types)
    "customers": ("customers", ["customer_no"],
                  {"credit_limit": {"type": "DECIMAL", "precision": 10, "scale": 2}, "created": "NAIVE_DATE"}),
    "invoices": ("invoices", ["invoice_no"],
                 {"amount": {"type": "DECIMAL", "precision": 12, "scale": 2}, "issued": "NAIVE_DATE",
                  "due": "NAIVE_DATE", "paid": "BOOLEAN", "paid_on": "NAIVE_DATE"}),
    "customer_revenue": ("v_customer_revenue", ["customer_no"],
                         {"revenue": {"type": "DECIMAL", "precision": 38, "scale": 2},
                          "open_amount": {"type": "DECIMAL", "precision": 38, "scale": 2}}),
}


def _value(v):
    if isinstance(v, decimal.Decimal):
        return str(v)
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.isoformat()
    return v


def schema(configuration):
    return [{"table": t, "primary_key": key, "columns": cols} for t, (_, key, cols) in TABLES.items()]


def update(configuration, state):
    con = duckdb.connect(configuration["warehouse_file"], read_only=True)
    try:
        for table, (source, _, _) in TABLES.items():
            cur = con.execute(f'SELECT * FROM "{source}"')
            cols = [d[0] for d in cur.description]
            while batch := cur.fetchmany(500):
                for r in batch:
                    op.upsert(table, {c: _value(v) for c, v in zip(cols, r)})
            op.checkpoint({})
    finally:
        con.close()


connector = Connector(update=update, schema=schema)
