"""customers.csv and plans.csv are full snapshots overwritten in place each night. A changed file is
re-read whole; keys that vanished since the previous snapshot are deleted."""
import csv
import os

from fivetran_connector_sdk import Connector, Operations as op

FILES = {"customers": ("customers.csv", "customer_id"), "plans": ("plans.csv", "plan_code")}


def schema(configuration):
    return [{"table": t, "primary_key": [k]} for t, (_, k) in FILES.items()]


def update(configuration, state):
    folder = configuration["snapshot_dir"]
    new_state = dict(state)
    for table, (name, key) in FILES.items():
        path = os.path.join(folder, name)
        st = os.stat(path)
        sig = [st.st_mtime_ns, st.st_size]
        old = state.get(table, {})
        if old.get("sig") == sig:
            continue
        keys = []
        with open(path, newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                op.upsert(table, row)
                keys.append(row[key])
        for gone in sorted(set(old.get("keys", [])) - set(keys)):
            op.delete(table, {key: gone})
        new_state[table] = {"sig": sig, "keys": keys}
        op.checkpoint(new_state)
    op.checkpoint(new_state)


connector = Connector(update=update, schema=schema)
