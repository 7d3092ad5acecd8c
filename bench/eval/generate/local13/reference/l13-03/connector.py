"""Old ERP SQLite file (`database`): tbl_cust -> customers, tbl_art -> products (re-read in full),
tbl_inv -> invoices and tbl_inv_pos -> invoice_lines (append-only: incremental on inv_no).
tbl_usr and tbl_cfg are not synced."""
import sqlite3

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "customers", "primary_key": ["cust_nr"]},
            {"table": "products", "primary_key": ["art_nr"]},
            {"table": "invoices", "primary_key": ["inv_no"]},
            {"table": "invoice_lines", "primary_key": ["inv_no", "pos"]}]


def update(configuration, state):
    con = sqlite3.connect(f"file:{configuration['database']}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        for source, table in (("tbl_cust", "customers"), ("tbl_art", "products")):
            for r in con.execute(f"SELECT * FROM {source}"):
                op.upsert(table, dict(r))
        last = state.get("last_inv_no", 0)
        top = con.execute("SELECT coalesce(max(inv_no), 0) FROM tbl_inv").fetchone()[0]
        for r in con.execute("SELECT * FROM tbl_inv WHERE inv_no > ? AND inv_no <= ? ORDER BY inv_no", (last, top)):
            op.upsert("invoices", dict(r))
        for r in con.execute("SELECT * FROM tbl_inv_pos WHERE inv_no > ? AND inv_no <= ? ORDER BY inv_no, pos",
                             (last, top)):
            op.upsert("invoice_lines", dict(r))
        op.checkpoint({"last_inv_no": max(last, top)})
    finally:
        con.close()


connector = Connector(update=update, schema=schema)
