"""Books DuckDB file (`ledger_file`): the tables of schema ledger except the hand-made copies (names ending
in _bak_<date> or _old: journal_entries_bak_20240601, accounts_old), keys from the declared primary keys.
journal_entries and journal_lines are append-only: incremental on entry_id; the rest (accounts) is re-read
in full. Schema main is ignored."""
import datetime
import decimal
import re

import duckdb
from fivetran_connector_sdk import Connector, Operations as op

COPIES = re.compile(r"(_bak(_\d+)?|_old)$")
BY_ENTRY = ("journal_entries", "journal_lines")


def _value(v):
    if isinstance(v, decimal.Decimal):
        return float(v)
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.isoformat()
    return v


def _tables(con):
    names = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = "
                                       "'ledger' AND table_type = 'BASE TABLE' ORDER BY table_name").fetchall()]
    out = {}
    for name in names:
        if COPIES.search(name):
            continue
        keys = con.execute("SELECT constraint_column_names FROM duckdb_constraints() WHERE schema_name = 'ledger' "
                           "AND table_name = ? AND constraint_type = 'PRIMARY KEY'", [name]).fetchall()
        out[name] = list(keys[0][0]) if keys else []
    return out


def _rows(con, table, sql, params=()):
    cur = con.execute(sql, params)
    cols = [d[0] for d in cur.description]
    while batch := cur.fetchmany(500):
        for r in batch:
            op.upsert(table, {c: _value(v) for c, v in zip(cols, r)})


def schema(configuration):
    con = duckdb.connect(configuration["ledger_file"], read_only=True)
    try:
        return [{"table": t, "primary_key": k} for t, k in _tables(con).items()]
    finally:
        con.close()


def update(configuration, state):
    con = duckdb.connect(configuration["ledger_file"], read_only=True)
    try:
        last = state.get("last_entry_id", 0)
        top = int(con.execute("SELECT coalesce(max(entry_id), 0) FROM ledger.journal_entries").fetchone()[0])
        for table in _tables(con):
            if table in BY_ENTRY:
                _rows(con, table, f'SELECT * FROM ledger."{table}" WHERE entry_id > ? AND entry_id <= ? '
                      "ORDER BY ALL", [last, top])
            else:
                _rows(con, table, f'SELECT * FROM ledger."{table}"')
        op.checkpoint({"last_entry_id": max(last, top)})
    finally:
        con.close()


connector = Connector(update=update, schema=schema)
