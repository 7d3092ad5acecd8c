"""Reference for l-06: one table per JSON-array file."""
import json
import os

from fivetran_connector_sdk import Connector, Operations as op

TABLES = {"users": ["id"], "teams": ["id"], "projects": ["id"]}


def schema(configuration: dict):
    return [{"table": t, "primary_key": pk} for t, pk in TABLES.items()]


def update(configuration: dict, state: dict):
    folder = configuration["folder"]
    for table in TABLES:
        with open(os.path.join(folder, f"{table}.json"), encoding="utf-8") as f:
            for record in json.load(f):
                op.upsert(table, record)  # nested dicts and lists land as JSON columns
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
