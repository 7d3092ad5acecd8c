"""Project tool dump (`dump_dir`): one table per entity file (users.json, teams.json, projects.json, each a
JSON array, key id); manifest.json describes the dump and is not a table. The files are rewritten every
night, so each is read again when its modification time changes."""
import json
import os

from fivetran_connector_sdk import Connector, Operations as op

ENTITIES = ("users", "teams", "projects")


def schema(configuration):
    return [{"table": t, "primary_key": ["id"]} for t in ENTITIES]


def update(configuration, state):
    folder = configuration["dump_dir"]
    seen = dict(state.get("files", {}))
    for table in sorted(f[:-5] for f in os.listdir(folder) if f.endswith(".json")):
        path = os.path.join(folder, f"{table}.json")
        if not os.path.exists(path):
            continue
        mark = os.stat(path).st_mtime_ns
        if seen.get(table) == mark:
            continue
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
            for row in data if isinstance(data, list) else [data]:
                op.upsert(table, row)
        seen[table] = mark
        op.checkpoint({"files": seen})
    op.checkpoint({"files": seen})


connector = Connector(update=update, schema=schema)
