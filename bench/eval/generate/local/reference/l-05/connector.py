"""Reference for l-05: .jsonl and .jsonl.gz files, new files only, deduplicated on event_id."""
import gzip
import json
import os

from fivetran_connector_sdk import Connector, Logging as log, Operations as op


def schema(configuration: dict):
    return [{"table": "events", "primary_key": ["event_id"]}]


def update(configuration: dict, state: dict):
    folder = configuration["events_dir"]
    done = set(state.get("files", []))
    for name in sorted(os.listdir(folder)):
        if not (name.endswith(".jsonl") or name.endswith(".jsonl.gz")) or name in done:
            continue
        path = os.path.join(folder, name)
        opener = gzip.open if name.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    op.upsert("events", json.loads(line))
        done.add(name)
        op.checkpoint({"files": sorted(done)})
        log.info(f"loaded {name}")
    op.checkpoint({"files": sorted(done)})


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
