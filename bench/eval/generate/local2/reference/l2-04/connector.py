"""App events as JSON lines (.jsonl / .ndjson, optionally gzipped): one row per event with the user
object flattened, purchase items in a child table. Redelivered events upsert onto themselves."""
import gzip
import json
import os
import re

from fivetran_connector_sdk import Connector, Operations as op

PATTERN = re.compile(r"^app-events-(\d+)\.(jsonl|ndjson)(\.gz)?$")


def schema(configuration):
    return [{"table": "events", "primary_key": ["event_id"]},
            {"table": "event_items", "primary_key": ["event_id", "line_no"]}]


def update(configuration, state):
    folder = configuration["events_path"]
    done = set(state.get("done", []))
    files = sorted((int(m.group(1)), n) for n in os.listdir(folder) if (m := PATTERN.match(n)))
    for _, name in files:
        if name in done:
            continue
        path = os.path.join(folder, name)
        opener = gzip.open if name.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                ev = json.loads(line)
                user = ev.get("user") or {}
                geo = user.get("geo") or {}
                op.upsert("events", {"event_id": ev["event_id"], "type": ev["type"], "ts": ev["ts"],
                                     "user_id": user.get("id"), "user_plan": user.get("plan"),
                                     "user_country": geo.get("country"), "user_city": geo.get("city"),
                                     "props": ev.get("props")})
                for i, item in enumerate(ev.get("items") or []):
                    op.upsert("event_items", {"event_id": ev["event_id"], "line_no": i, **item})
        done.add(name)
        op.checkpoint({"done": sorted(done)})


connector = Connector(update=update, schema=schema)
