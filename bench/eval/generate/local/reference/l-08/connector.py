"""Reference for l-08: every user table of a SQLite file; primary keys read from the database schema."""
import sqlite3

from fivetran_connector_sdk import Connector, Logging as log, Operations as op


def _connect(configuration: dict) -> sqlite3.Connection:
    con = sqlite3.connect(f"file:{configuration['db_path']}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    return con


def _sdk_type(declared: str) -> str:
    d = (declared or "").upper()
    if "INT" in d:
        return "LONG"
    if any(k in d for k in ("CHAR", "CLOB", "TEXT")):
        return "STRING"
    if any(k in d for k in ("REAL", "FLOA", "DOUB")):
        return "DOUBLE"
    return None


def _tables(con):
    names = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    out = {}
    for t in names:
        info = con.execute(f'PRAGMA table_info("{t}")').fetchall()
        pk = [c["name"] for c in sorted((c for c in info if c["pk"]), key=lambda c: c["pk"])]
        out[t] = (pk, info)
    return out


def schema(configuration: dict):
    con = _connect(configuration)
    try:
        result = []
        for t, (pk, info) in _tables(con).items():
            entry = {"table": t}
            if pk:
                entry["primary_key"] = pk
                # declare the key columns so even an empty table is created
                entry["columns"] = {c["name"]: _sdk_type(c["type"]) or "STRING" for c in info if c["name"] in pk}
            result.append(entry)
        return result
    finally:
        con.close()


def update(configuration: dict, state: dict):
    con = _connect(configuration)
    try:
        for t in _tables(con):
            cur = con.execute(f'SELECT * FROM "{t}"')
            n = 0
            while True:
                rows = cur.fetchmany(2000)
                if not rows:
                    break
                for r in rows:
                    op.upsert(t, dict(r))
                n += len(rows)
            log.info(f"{t}: {n} rows")
            op.checkpoint(state)
    finally:
        con.close()
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
