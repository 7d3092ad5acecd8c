"""Reference for l-09: two tables (customer, sales_order) out of a larger SQLite CRM file."""
import sqlite3

from fivetran_connector_sdk import Connector, Operations as op

TABLES = ["customer", "sales_order"]


def schema(configuration: dict):
    return [{"table": t, "primary_key": ["id"]} for t in TABLES]


def update(configuration: dict, state: dict):
    con = sqlite3.connect(f"file:{configuration['database_file']}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        for t in TABLES:
            for r in con.execute(f"SELECT * FROM {t}"):
                op.upsert(t, dict(r))
            op.checkpoint(state)
    finally:
        con.close()


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
