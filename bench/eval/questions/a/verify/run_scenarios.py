"""Runs small connectors under `fivetran debug` (fivetran-connector-sdk 3.0.0) to verify behaviours the questions rely on.
Usage: PATH=../venv/bin:$PATH ../venv/bin/python run_scenarios.py [name ...]
Each scenario's output is written to out/<name>.txt"""
import os, shutil, subprocess, sys, json

HERE = os.path.dirname(os.path.abspath(__file__))
HEAD = "from fivetran_connector_sdk import Connector, Operations as op, Logging as log\nimport json, sys, datetime\n"
SCEN = {
 # update() must take parameters named configuration and state
 "update_param_names": (HEAD + '''
def update(config, st):
    op.checkpoint(st)
connector = Connector(update=update)
''', "{}", None),
 # operations / deletes
 "ops_semantics": (HEAD + '''
def schema(c): return [{"table": "t", "primary_key": ["id"]}]
def update(configuration, state):
    c, s = configuration, state
    op.upsert(table="t", data={"id": 1, "a": "x", "b": "y"})
    op.upsert(table="t", data={"id": 2, "a": "p", "b": "q"})
    op.checkpoint({})
    op.upsert(table="t", data={"id": 1, "a": "x2"})      # b not given -> NULL
    op.update(table="t", modified={"id": 2, "a": "p2"})   # b kept
    op.update(table="t", modified={"id": 99, "a": "ghost"}) # no such row
    op.delete(table="t", keys={"id": 2})
    op.checkpoint({})
connector = Connector(update=update, schema=schema)
''', "{}", None),
 "truncate": (HEAD + '''
def schema(c): return [{"table": "t", "primary_key": ["id"]}]
def update(configuration, state):
    c, s = configuration, state
    op.upsert(table="t", data={"id": 1}); op.upsert(table="t", data={"id": 2})
    op.checkpoint({})
    op.truncate(table="t")
    op.upsert(table="t", data={"id": 3}); op.upsert(table="t", data={"id": 1, "v": "back"})
    op.checkpoint({})
connector = Connector(update=update, schema=schema)
''', "{}", None),
 "delete_partial_pk": (HEAD + '''
def schema(c): return [{"table": "t", "primary_key": ["id", "dept"]}]
def update(configuration, state):
    c, s = configuration, state
    op.upsert(table="t", data={"id": 1, "dept": 1})
    op.delete(table="t", keys={"id": 1})
    op.checkpoint({})
connector = Connector(update=update, schema=schema)
''', "{}", None),
 "null_pk": (HEAD + '''
def schema(c): return [{"table": "users", "primary_key": ["id"]}]
def update(configuration, state):
    c, s = configuration, state
    op.upsert(table="users", data={"id": None, "name": "x"})
connector = Connector(update=update, schema=schema)
''', "{}", None),
 "no_pk_fivetran_id": (HEAD + '''
def update(configuration, state):
    c, s = configuration, state
    op.upsert(table="events", data={"a": 1, "b": "x"})
    op.checkpoint({})
connector = Connector(update=update)
''', "{}", None),
 # state
 "state_datetime": (HEAD + '''
def update(configuration, state):
    c, s = configuration, state
    op.upsert(table="t", data={"id": 1})
    op.checkpoint({"cursor": datetime.datetime.now()})
connector = Connector(update=update)
''', "{}", None),
 "never_checkpoint": (HEAD + '''
def update(configuration, state):
    c, s = configuration, state
    op.upsert(table="t", data={"id": 1})
connector = Connector(update=update)
''', "{}", None),
 "state_resume": (HEAD + '''
def update(configuration, state):
    c, s = configuration, state
    log.info(f"STATE RECEIVED: {json.dumps(s)}")
    op.upsert(table="t", data={"id": 1})
    op.checkpoint({"n": s.get("n", 0) + 1})
    op.upsert(table="t", data={"id": 2})
    raise RuntimeError("boom after checkpoint")
connector = Connector(update=update)
''', "{}", None),
 # configuration
 "config_int": (HEAD + '''
def update(configuration, state):
    c, s = configuration, state
    pass
connector = Connector(update=update)
''', '{"api_key": "abc", "page_size": 100}', None),
 "config_nested": (HEAD + '''
def update(configuration, state):
    c, s = configuration, state
    pass
connector = Connector(update=update)
''', '{"api_key": "abc", "regions": ["us", "eu"]}', None),
 "config_missing": (HEAD + '''
def update(configuration, state):
    c, s = configuration, state
    log.info(f"CONFIG: {c}")
connector = Connector(update=update)
''', None, None),
 "config_values": (HEAD + '''
def update(configuration, state):
    c, s = configuration, state
    log.info(f"CONFIG TYPES: {[type(v).__name__ for v in c.values()]}")
    op.checkpoint(s)
def schema(c):
    log.info(f"SCHEMA GOT CONFIG KEYS: {sorted(c)}")
    return []
connector = Connector(update=update, schema=schema)
''', '{"api_key": "abc", "page_size": "100"}', None),
 # schema / types
 "decimal_no_precision": (HEAD + '''
def schema(c): return [{"table": "t", "primary_key": ["id"], "columns": {"amount": "DECIMAL"}}]
def update(configuration, state):
    c, s = configuration, state
    pass
connector = Connector(update=update, schema=schema)
''', "{}", None),
 "naive_time": (HEAD + '''
def schema(c): return [{"table": "t", "primary_key": ["id"], "columns": {"t": "NAIVE_TIME"}}]
def update(configuration, state):
    c, s = configuration, state
    pass
connector = Connector(update=update, schema=schema)
''', "{}", None),
 "timestamp_type": (HEAD + '''
def schema(c): return [{"table": "t", "primary_key": ["id"], "columns": {"created": "TIMESTAMP"}}]
def update(configuration, state):
    c, s = configuration, state
    pass
connector = Connector(update=update, schema=schema)
''', "{}", None),
 "dup_table": (HEAD + '''
def schema(c): return [{"table": "t", "primary_key": ["id"]}, {"table": "t", "primary_key": ["id"]}]
def update(configuration, state):
    c, s = configuration, state
    pass
connector = Connector(update=update, schema=schema)
''', "{}", None),
 "schema_not_passed": (HEAD + '''
def schema(c): return [{"table": "t", "primary_key": ["id"]}]
def update(configuration, state):
    c, s = configuration, state
    op.upsert(table="t", data={"id": 1}); op.checkpoint({})
connector = Connector(update=update)
''', "{}", None),
 "types_roundtrip": (HEAD + '''
def schema(c): return [{"table": "t", "primary_key": ["id"], "columns": {"id": "INT", "amount": {"type": "DECIMAL", "precision": 10, "scale": 2}, "ts": "UTC_DATETIME", "d": "NAIVE_DATE", "payload": "JSON", "flag": "BOOLEAN"}}]
def update(configuration, state):
    c, s = configuration, state
    op.upsert(table="t", data={"id": 1, "amount": "12.34", "ts": "2024-01-01T10:00:00Z", "d": "2024-01-02", "payload": {"a": [1, 2]}, "flag": True, "all_null": None})
    op.checkpoint({})
connector = Connector(update=update, schema=schema)
''', "{}", None),
 # logging
 "log_levels": (HEAD + '''
import warnings
warnings.simplefilter("always")
def update(configuration, state):
    c, s = configuration, state
    log.debug("DBG"); log.info("INF"); log.warning("WRN"); log.error("ERR"); log.critical("CRT")
    log.fine("FINE-OLD"); log.severe("SEVERE-OLD")
    try:
        1/0
    except ZeroDivisionError as e:
        log.error("with exception", e)
    op.checkpoint(s)
connector = Connector(update=update)
''', "{}", None),
 "log_two_args": (HEAD + '''
def update(configuration, state):
    c, s = configuration, state
    log.info("count:", 5)
connector = Connector(update=update)
''', "{}", None),
 # errors
 "op_error_swallowed": (HEAD + '''
def update(configuration, state):
    c, s = configuration, state
    op.upsert(table="t", data={"id": 1})
    try:
        op.error("Source API returned 401: check the api_key", "trace here")
    except Exception:
        log.info("CAUGHT (should not happen)")
    log.info("AFTER op.error (should not happen)")
connector = Connector(update=update)
''', "{}", None),
 "op_warning": (HEAD + '''
def update(configuration, state):
    c, s = configuration, state
    for i in range(12): op.warning(f"skipped record {i}")
    op.upsert(table="t", data={"id": 1}); op.checkpoint({})
connector = Connector(update=update)
''', "{}", None),
 "sys_exit": (HEAD + '''
def update(configuration, state):
    c, s = configuration, state
    if not c.get("api_key"):
        sys.exit(1)
    op.checkpoint(s)
connector = Connector(update=update)
''', '{"api_key": "x"}', None),
 "raise_runtime": (HEAD + '''
def update(configuration, state):
    c, s = configuration, state
    raise RuntimeError("Value not expected. Value: 42")
connector = Connector(update=update)
''', "{}", None),
 "schema_raises": (HEAD + '''
def schema(c): raise KeyError("api_key")
def update(configuration, state):
    c, s = configuration, state
    pass
connector = Connector(update=update, schema=schema)
''', "{}", None),
 "caught_op_failure": (HEAD + '''
def schema(c): return [{"table": "t", "primary_key": ["id"]}]
def update(configuration, state):
    c, s = configuration, state
    try:
        op.upsert(table="t", data={"id": None})
    except Exception as e:
        log.warning(f"caught {e}")
    op.upsert(table="t", data={"id": 2})
    op.checkpoint({})
connector = Connector(update=update, schema=schema)
''', "{}", None),
 "yield_generator": (HEAD + '''
def update(configuration, state):
    c, s = configuration, state
    yield op.upsert(table="t", data={"id": 1})
    yield op.checkpoint({"x": 1})
connector = Connector(update=update)
''', "{}", None),
 "table_name_int": (HEAD + '''
def update(configuration, state):
    c, s = configuration, state
    op.upsert(table=5, data={"id": 1})
connector = Connector(update=update)
''', "{}", None),
 "requirements_unused": (HEAD + '''
import requests
def update(configuration, state):
    c, s = configuration, state
    op.checkpoint(s)
connector = Connector(update=update)
''', "{}", "requests==2.31.0\nfivetran_connector_sdk\npandas==2.2.2\n"),
 "requirements_missing": (HEAD + '''
import yaml
def update(configuration, state):
    c, s = configuration, state
    op.checkpoint(s)
connector = Connector(update=update)
''', "{}", ""),
}

def run(name):
    code, config, reqs = SCEN[name]
    d = os.path.join(HERE, "projects", name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    with open(os.path.join(d, "connector.py"), "w") as f: f.write(code)
    if config is not None:
        with open(os.path.join(d, "configuration.json"), "w") as f: f.write(config)
    if reqs is not None:
        with open(os.path.join(d, "requirements.txt"), "w") as f: f.write(reqs)
    home = os.path.join(HERE, ".home")  # the CLI keeps settings in ~/.fivetran: keep them in this folder
    os.makedirs(home, exist_ok=True)
    env = dict(os.environ, NO_COLOR="1", HOME=home, DO_NOT_TRACK="1")
    p = subprocess.run(["fivetran", "debug"], cwd=d, capture_output=True, text=True, env=env, timeout=600)
    out = f"$ fivetran debug   (exit {p.returncode})\n{p.stdout}\n--- stderr ---\n{p.stderr}"
    db = os.path.join(d, "files", "warehouse.db")
    if os.path.exists(db):
        import duckdb
        con = duckdb.connect(db, read_only=True)
        for (schema_, table) in con.execute("select table_schema, table_name from information_schema.tables").fetchall():
            rows = con.execute(f'select COLUMNS(*)::VARCHAR from "{schema_}"."{table}"').fetchall()
            cols = [c[0] for c in con.description]
            types = con.execute(f"select column_name, data_type from information_schema.columns where table_schema='{schema_}' and table_name='{table}'").fetchall()
            out += f"\n--- {schema_}.{table} {types}\n{cols}\n" + "\n".join(map(str, rows))
        con.close()
    st = os.path.join(d, "files", "state.json")
    if os.path.exists(st):
        out += "\n--- files/state.json\n" + open(st).read()
    os.makedirs(os.path.join(HERE, "out"), exist_ok=True)
    with open(os.path.join(HERE, "out", name + ".txt"), "w") as f: f.write(out)
    return p.returncode

if __name__ == "__main__":
    names = sys.argv[1:] or list(SCEN)
    for n in names:
        print(n, run(n), flush=True)
