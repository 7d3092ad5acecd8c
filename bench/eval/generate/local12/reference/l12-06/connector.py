"""ERP DuckDB file (`erp_duckdb_file`): schemas `de` and `fr` (one per legal entity) with the same tables
customers and invoices; ids start at 1 in each schema, so both destination tables carry `entity` (the schema
name) in their key. main still holds an old customers table from before the split: only the entity schemas
are read. DECIMAL values come back as Decimal and are sent as strings."""
import duckdb

from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op

ENTITIES = ["de", "fr"]
TABLES = {"customers": ["entity", "customer_id"], "invoices": ["entity", "invoice_id"]}
DEC = {"type": "DECIMAL", "precision": 12, "scale": 2}


def schema(configuration):
    return [{"table": "customers", "primary_key": TABLES["customers"], "columns": {"created_at": "NAIVE_DATETIME"}},
            {"table": "invoices", "primary_key": TABLES["invoices"],
             "columns": {"invoice_date": "NAIVE_DATE", "net_amount": DEC, "vat_amount": DEC}}]


def _value(v):
    if hasattr(v, "as_tuple"):  # Decimal
        return str(v)
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return v


def update(configuration, state):
    con = duckdb.connect(configuration["erp_duckdb_file"], read_only=True)
    try:
        for entity in ENTITIES:
            for table in TABLES:
                cur = con.execute(f'SELECT * FROM "{entity}"."{table}"')
                cols = [d[0] for d in cur.description]
                n = 0
                for values in cur.fetchall():
                    rec = {c: _value(v) for c, v in zip(cols, values)}
                    rec["entity"] = entity
                    op.upsert(table, rec)
                    n += 1
                log.info(f"{entity}.{table}: {n} rows")
    finally:
        con.close()
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
