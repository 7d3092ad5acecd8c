"""Reference for l-15: every base table of a DuckDB file, keys from duckdb_constraints()."""
import duckdb

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

TYPES = {"BIGINT": "LONG", "INTEGER": "INT", "VARCHAR": "STRING"}


def _tables(con):
    tables = [r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema='main' AND table_type='BASE TABLE' "
        "ORDER BY table_name").fetchall()]
    keys = {}
    for table, cols in con.execute(
            "SELECT table_name, constraint_column_names FROM duckdb_constraints() "
            "WHERE constraint_type='PRIMARY KEY' AND schema_name='main'").fetchall():
        keys[table] = list(cols)
    return tables, keys


def schema(configuration: dict):
    con = duckdb.connect(configuration["duckdb_file"], read_only=True)
    try:
        tables, keys = _tables(con)
        out = []
        for t in tables:
            entry = {"table": t}
            if t in keys:
                types = dict(con.execute(
                    "SELECT column_name, data_type FROM information_schema.columns WHERE table_name=?", [t]).fetchall())
                entry["primary_key"] = keys[t]
                entry["columns"] = {c: TYPES.get(types[c], "STRING") for c in keys[t]}
            out.append(entry)
        return out
    finally:
        con.close()


def update(configuration: dict, state: dict):
    con = duckdb.connect(configuration["duckdb_file"], read_only=True)
    try:
        tables, _ = _tables(con)
        for t in tables:
            cur = con.execute(f'SELECT * FROM "{t}"')
            cols = [d[0] for d in cur.description]
            n = 0
            while True:
                rows = cur.fetchmany(2000)
                if not rows:
                    break
                for r in rows:
                    op.upsert(t, dict(zip(cols, r)))  # Decimal/UUID/date/list values are accepted by the SDK
                n += len(rows)
            log.info(f"{t}: {n} rows")
            op.checkpoint(state)
    finally:
        con.close()


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
