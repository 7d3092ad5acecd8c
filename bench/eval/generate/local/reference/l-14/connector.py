"""Reference for l-14: is_deleted flag -> soft delete; flag back to 0 -> the row is live again."""
import sqlite3

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration: dict):
    return [{"table": "products", "primary_key": ["product_id"]},
            {"table": "categories", "primary_key": ["category_id"]}]


def _emit(table: str, key: str, row: dict):
    op.upsert(table, row)
    if row["is_deleted"]:
        op.delete(table, {key: row[key]})


def update(configuration: dict, state: dict):
    con = sqlite3.connect(f"file:{configuration['db_path']}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    cursor = state.get("products_modified_at", "")
    try:
        for r in con.execute("SELECT * FROM categories"):  # no timestamp: re-read the small table
            _emit("categories", "category_id", dict(r))
        for r in con.execute("SELECT * FROM products WHERE modified_at >= ? ORDER BY modified_at", (cursor,)):
            _emit("products", "product_id", dict(r))
            cursor = max(cursor, r["modified_at"])
    finally:
        con.close()
    op.checkpoint({"products_modified_at": cursor})


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
