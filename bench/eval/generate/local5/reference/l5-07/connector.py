"""Task tracker SQLite (`database_path`): projects and tasks, with hard deletes of tasks taken from the
task_deletions tombstone table (filled by an AFTER DELETE trigger).

projects: small, re-read each sync. tasks: incremental on `modified` (unix seconds, >= the cursor).
task_deletions: rows with seq > the last seen seq -> op.delete("tasks", {"id": task_id}). The tombstone
table itself is not synced."""
import sqlite3

from fivetran_connector_sdk import Connector, Logging as log, Operations as op


def schema(configuration):
    return [{"table": "projects", "primary_key": ["id"]}, {"table": "tasks", "primary_key": ["id"]}]


def update(configuration, state):
    state = dict(state)
    con = sqlite3.connect(f"file:{configuration['database_path']}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        for r in con.execute("SELECT * FROM projects"):
            op.upsert("projects", dict(r))
        cursor = state.get("tasks_modified", 0)
        for r in con.execute("SELECT * FROM tasks WHERE modified >= ? ORDER BY modified", (cursor,)):
            op.upsert("tasks", dict(r))
            cursor = max(cursor, r["modified"])
        state["tasks_modified"] = cursor
        op.checkpoint(state)
        seq = state.get("deletion_seq", 0)
        gone = con.execute("SELECT seq, task_id FROM task_deletions WHERE seq > ? ORDER BY seq", (seq,)).fetchall()
        log.info(f"{len(gone)} task deletions")
        for r in gone:
            if con.execute("SELECT 1 FROM tasks WHERE id = ?", (r["task_id"],)).fetchone() is None:
                op.delete("tasks", {"id": r["task_id"]})
            seq = r["seq"]
        state["deletion_seq"] = seq
        op.checkpoint(state)
    finally:
        con.close()


connector = Connector(update=update, schema=schema)
