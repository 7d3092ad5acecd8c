"""Django clinic SQLite file (`clinic_db_path`): only the clinic app's tables, without the clinic_
prefix: clinic_practitioner -> practitioner, clinic_patient -> patient (re-read in full),
clinic_appointment -> appointment (incremental on `modified`). Django's own tables are not synced."""
import sqlite3

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "practitioner", "primary_key": ["id"]},
            {"table": "patient", "primary_key": ["id"]},
            {"table": "appointment", "primary_key": ["id"]}]


def update(configuration, state):
    con = sqlite3.connect(f"file:{configuration['clinic_db_path']}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        for source, table in (("clinic_practitioner", "practitioner"), ("clinic_patient", "patient")):
            for r in con.execute(f"SELECT * FROM {source}"):
                op.upsert(table, dict(r))
        cursor = state.get("appointment_modified", "")
        latest = cursor
        for r in con.execute("SELECT * FROM clinic_appointment WHERE modified > ? ORDER BY modified, id", (cursor,)):
            op.upsert("appointment", dict(r))
            latest = max(latest, r["modified"])
        op.checkpoint({"appointment_modified": latest})
    finally:
        con.close()


connector = Connector(update=update, schema=schema)
