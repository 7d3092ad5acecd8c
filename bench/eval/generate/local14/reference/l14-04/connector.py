"""App event collector (`events_path`): hourly events-YYYY-MM-DD-HH.jsonl.gz -> table app_events keyed by
event_id (delivery is at-least-once: repeats collapse). Heartbeat events are skipped; context is flattened."""
import gzip
import json
import os

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "app_events", "primary_key": ["event_id"]}]


def update(configuration, state):
    folder = configuration["events_path"]
    seen = dict(state.get("files", {}))
    for name in sorted(n for n in os.listdir(folder) if n.startswith("events-") and n.endswith(".jsonl.gz")):
        mtime = os.stat(os.path.join(folder, name)).st_mtime_ns
        if seen.get(name) == mtime:
            continue
        with gzip.open(os.path.join(folder, name), "rt", encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                event = json.loads(line)
                if event.get("type") == "heartbeat":
                    continue
                for k, v in (event.pop("context", None) or {}).items():
                    event[f"context_{k}"] = v
                op.upsert("app_events", event)
        seen[name] = mtime
        op.checkpoint({"files": seen})
    op.checkpoint({"files": seen})


connector = Connector(update=update, schema=schema)
