"""WMS SQLite file (`inventory_db_path`): warehouses in full, stock_levels incrementally on updated_at
('YYYY-MM-DD HH:MM:SS', second precision). Writers stamp whole bursts with one second and can commit after we
read, so the cursor is inclusive (>=) and the rows of the cursor second are read again; they land on the same
row because the key is (sku, warehouse) (the table has only a UNIQUE constraint, and INSERT OR REPLACE gives a
row a new rowid on every write, so rowid is no key)."""
import sqlite3

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "warehouses", "primary_key": ["code"]},
            {"table": "stock_levels", "primary_key": ["sku", "warehouse"]}]


def update(configuration, state):
    con = sqlite3.connect(configuration["inventory_db_path"])
    con.row_factory = sqlite3.Row
    try:
        for row in con.execute("SELECT * FROM warehouses"):
            op.upsert("warehouses", dict(row))
        cursor = state.get("stock_updated_at", "")
        newest = cursor
        rows = con.execute("SELECT sku, warehouse, on_hand, reserved, bin, updated_at FROM stock_levels "
                           "WHERE updated_at > ? ORDER BY updated_at", (cursor,))
        for row in rows:
            op.upsert("stock_levels", dict(row))
            newest = max(newest, row["updated_at"])
        op.checkpoint({"stock_updated_at": newest})
    finally:
        con.close()


connector = Connector(update=update, schema=schema)
