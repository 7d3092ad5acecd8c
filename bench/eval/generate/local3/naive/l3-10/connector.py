# NAIVE: subscriptions keyed by account_id only
"""DuckDB billing file, schema core only: accounts (re-read), subscriptions (re-read; declared 2-column key;
rows that disappear are deleted), invoices (updated_at cursor). raw, scratch, main and the view are skipped."""
import datetime
import decimal

import duckdb
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "accounts", "primary_key": ["account_id"]},
            {"table": "subscriptions", "primary_key": ["account_id"]},
            {"table": "invoices", "primary_key": ["invoice_id"]}]


def _clean(value):
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def _rows(con, sql, params=()):
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    for values in cur.fetchall():
        yield {n: _clean(v) for n, v in zip(names, values)}


def update(configuration, state):
    con = duckdb.connect(configuration["duckdb_path"], read_only=True)
    try:
        for row in _rows(con, "SELECT * FROM core.accounts"):
            op.upsert("accounts", row)
        keys = set()
        for row in _rows(con, "SELECT * FROM core.subscriptions"):
            op.upsert("subscriptions", row)
            keys.add((row["account_id"], row["product_code"]))
        for account_id, product_code in {tuple(k) for k in state.get("subscriptions", [])} - keys:
            op.delete("subscriptions", {"account_id": account_id, "product_code": product_code})
        cursor = state.get("invoices_updated_at")
        sql = "SELECT * FROM core.invoices" + (" WHERE updated_at >= CAST(? AS TIMESTAMP)" if cursor else "")
        for row in _rows(con, sql + " ORDER BY updated_at", (cursor,) if cursor else ()):
            op.upsert("invoices", row)
            cursor = max(cursor or "", row["updated_at"])
    finally:
        con.close()
    op.checkpoint({"subscriptions": sorted(keys), "invoices_updated_at": cursor})


connector = Connector(update=update, schema=schema)
