"""One SQLite copy per store (store_NNN.db, same schema): sales from every store into one table, keyed by
store + id because ids restart per file; one id cursor per store; products/till_log are not synced."""
import os
import re
import sqlite3

from fivetran_connector_sdk import Connector, Operations as op

FOLDER = "{folder}"  # the request gives the path; run_reference fills it in
STORE = re.compile(r"^store_(\d+)\.db$")


def schema(configuration):
    return [{"table": "sales", "primary_key": ["store_id", "id"]}]


def update(configuration, state):
    cursors = dict(state.get("stores", {}))
    for name in sorted(os.listdir(FOLDER)):
        m = STORE.match(name)
        if not m:
            continue
        store = m.group(1)
        con = sqlite3.connect(f"file:{os.path.join(FOLDER, name)}?mode=ro", uri=True)
        con.row_factory = sqlite3.Row
        try:
            last = cursors.get(store, 0)
            for r in con.execute("SELECT * FROM sales WHERE id > ? ORDER BY id", (last,)):
                op.upsert("sales", {"store_id": store, **dict(r)})
                last = r["id"]
        finally:
            con.close()
        cursors[store] = last
        op.checkpoint({"stores": cursors})
    op.checkpoint({"stores": cursors})


connector = Connector(update=update, schema=schema)
