"""Reference for l-10: three SQLite tables, one with a composite primary key; full re-read every sync."""
import sqlite3

from fivetran_connector_sdk import Connector, Operations as op

TABLES = {
    "students": ["student_id"],
    "courses": ["course_code"],
    "enrollments": ["student_id", "course_code"],
}


def schema(configuration: dict):
    return [{"table": t, "primary_key": pk} for t, pk in TABLES.items()]


def update(configuration: dict, state: dict):
    con = sqlite3.connect(f"file:{configuration['sqlite_path']}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        for t in TABLES:
            for r in con.execute(f"SELECT * FROM {t}"):
                op.upsert(t, dict(r))
            op.checkpoint(state)
    finally:
        con.close()


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
