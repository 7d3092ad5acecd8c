"""App events (`events_root`): JSON lines under <yyyy>/<mm>/<dd>/events-<HHMM>.jsonl, gzipped (.jsonl.gz, the
plain file removed) once the next file has started. Every file path is loaded once; a file that turns into its
.gz twin is read again, which is harmless because delivery is at least once anyway: events are upserted on
event_id. A late file in a day folder already visited is found because the whole tree is listed each sync."""
import gzip
import json
import os

from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op


def schema(configuration):
    return [{"table": "app_events", "primary_key": ["event_id"],
             "columns": {"ts": "UTC_DATETIME", "received_at": "UTC_DATETIME", "props": "JSON"}}]


def _files(root):
    out = []
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        for name in names:
            if name.endswith(".jsonl"):
                rel = os.path.relpath(os.path.join(folder, name), root)
                out.append(rel)
    return sorted(out, key=lambda p: (p.removesuffix(".gz"), p))


def update(configuration, state):
    root = configuration["events_root"]
    done = set(state.get("loaded", []))
    for rel in _files(root):
        if rel in done:
            continue
        path = os.path.join(root, rel)
        opener = gzip.open if rel.endswith(".gz") else open
        n = 0
        with opener(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                line = line.strip()
                if not line:
                    continue
                ev = json.loads(line)
                rec = {k: v for k, v in ev.items() if k != "props"}
                rec["props"] = ev.get("props")
                rec["source_file"] = rel.replace(os.sep, "/")
                op.upsert("app_events", rec)
                n += 1
        done.add(rel)
        log.info(f"{rel}: {n} lines")
        op.checkpoint({"loaded": sorted(done)})
    op.checkpoint({"loaded": sorted(done)})


connector = Connector(update=update, schema=schema)
