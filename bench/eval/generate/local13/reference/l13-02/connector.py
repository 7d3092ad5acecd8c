"""Shop SQLite file (`sqlite_path`): every table except the audit and log tables (audit_log,
api_request_log) and SQLite's own sqlite_sequence; keys from the declared primary keys. The tables are
small and re-read in full each sync."""
import sqlite3

from fivetran_connector_sdk import Connector, Operations as op

SKIP = ("audit_log", "api_request_log")


def _tables(con):
    names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    return [n for n in names if n not in SKIP]


def _keys(con, table):
    info = sorted((r[5], r[1]) for r in con.execute(f'PRAGMA table_info("{table}")') if r[5])
    return [name for _, name in info]


def _connect(configuration):
    return sqlite3.connect(f"file:{configuration['sqlite_path']}?mode=ro", uri=True)


def schema(configuration):
    con = _connect(configuration)
    try:
        return [{"table": t, "primary_key": _keys(con, t)} for t in _tables(con)]
    finally:
        con.close()


def update(configuration, state):
    con = _connect(configuration)
    con.row_factory = sqlite3.Row
    try:
        for table in _tables(con):
            for r in con.execute(f'SELECT * FROM "{table}"'):
                op.upsert(table, dict(r))
            op.checkpoint({})
    finally:
        con.close()


connector = Connector(update=update, schema=schema)
