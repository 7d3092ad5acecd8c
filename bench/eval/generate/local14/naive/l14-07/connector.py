"""Small CRM SQLite file (`crm_sqlite_path`): companies, contacts, deals, deal_contacts, each read in full.
Rows are hard-deleted in the app, so the keys seen last sync are kept in state and the missing ones deleted."""
import sqlite3

from fivetran_connector_sdk import Connector, Operations as op

TABLES = {"companies": ["id"], "contacts": ["id"], "deals": ["id"], "deal_contacts": ["deal_id"]}


def schema(configuration):
    return [{"table": t, "primary_key": k} for t, k in TABLES.items()]


def update(configuration, state):
    con = sqlite3.connect(f"file:{configuration['crm_sqlite_path']}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    keys = {}
    try:
        for table, pk in TABLES.items():
            current = set()
            for r in con.execute(f"SELECT * FROM {table}"):
                row = dict(r)
                current.add(tuple(row[k] for k in pk))
                op.upsert(table, row)
            for gone in sorted(set(map(tuple, state.get("keys", {}).get(table, []))) - current):
                op.delete(table, dict(zip(pk, gone)))
            keys[table] = sorted(current)
        op.checkpoint({"keys": {t: [list(k) for k in v] for t, v in keys.items()}})
    finally:
        con.close()


connector = Connector(update=update, schema=schema)
