"""CRM DuckDB snapshot (`crm_duckdb_path`): accounts, contacts, deals and account_tags, read in full each sync.
contacts and account_tags declare no primary key in the file: contact_id is unique, and account_tags is one row
per (account_id, tag). Rows with deleted_at set (accounts, contacts) become deletes; a tag row that is gone from
the file is deleted too (the pairs of the last sync are kept in the state). sync_audit and the view are left out."""
import datetime
import decimal

import duckdb
from fivetran_connector_sdk import Connector, Operations as op

TABLES = {"accounts": ["account_id"], "contacts": ["contact_id"], "deals": ["deal_id"],
          "account_tags": ["account_id", "tag"]}
SOFT_DELETED = {"accounts", "contacts"}


def _value(v):
    if isinstance(v, decimal.Decimal):
        return str(v)
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.isoformat()
    return v


def schema(configuration):
    return [{"table": t, "primary_key": k} for t, k in TABLES.items()]


def update(configuration, state):
    con = duckdb.connect(configuration["crm_duckdb_path"], read_only=True)
    tags_before = {tuple(p) for p in state.get("account_tags", [])}
    tags_now = set()
    try:
        for table, key in TABLES.items():
            cur = con.execute(f'SELECT * FROM main."{table}"')
            cols = [d[0] for d in cur.description]
            while batch := cur.fetchmany(500):
                for r in batch:
                    rec = {c: _value(v) for c, v in zip(cols, r)}
                    if table in SOFT_DELETED and rec.get("deleted_at") is not None:
                        op.delete(table, {k: rec[k] for k in key})
                        continue
                    op.upsert(table, rec)
                    if table == "account_tags":
                        tags_now.add((rec["account_id"], rec["tag"]))
        for account_id, tag in sorted(tags_before - tags_now):
            op.delete("account_tags", {"account_id": account_id, "tag": tag})
        op.checkpoint({"account_tags": sorted([a, t] for a, t in tags_now)})
    finally:
        con.close()


connector = Connector(update=update, schema=schema)
