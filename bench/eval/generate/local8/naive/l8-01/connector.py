"""App event dumps (`event_dump_dir`): events-YYYY-MM-DD.jsonl (the running day, grows in place) and
events-*.jsonl.gz (finished days), one JSON event per line, into `events` keyed by event_id. A file is read
again only if its size or modification time changed since the last sync; a late copy with an old time is still
new to us. The .md5 sidecars are skipped. No column types are declared: `code` is an integer in old app
versions and text from 5.0.1 on, and new fields (app_version, os_version) just become columns."""
import gzip
import json
import os

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "events", "primary_key": ["event_id"], "columns": {"code": "INT"}}]


def _is_dump(name):
    return name.endswith(".jsonl") or name.endswith(".jsonl.gz")


def update(configuration, state):
    folder = configuration["event_dump_dir"]
    seen = dict(state.get("files", {}))
    for name in sorted(n for n in os.listdir(folder) if _is_dump(n)):
        path = os.path.join(folder, name)
        info = os.stat(path)
        mark = f"{info.st_size}:{info.st_mtime_ns}"
        if seen.get(name) == mark:
            continue
        opener = gzip.open if name.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    op.upsert("events", json.loads(line))
        seen[name] = mark
        op.checkpoint({"files": seen})


connector = Connector(update=update, schema=schema)
