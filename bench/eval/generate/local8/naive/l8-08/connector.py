"""Parcel scan feed (`scan_feed_dir`): shipments.jsonl (today, grows, and is replaced by a new day's file after
the nightly rotation) and shipments-YYYYMMDD.jsonl.gz (rotated days). Each line is a shipment's full snapshot:
`shipments` keyed by tracking_number (events left out), `shipment_events` one row per element of `events`,
keyed (tracking_number, seq) with seq its 1-based position (events are only ever appended). A file is read
again when its size or modification time changed. Names sort in time order: "shipments-..." < "shipments.jsonl"."""
import gzip
import json
import os

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "shipments", "primary_key": ["tracking_number"]},
            {"table": "shipment_events", "primary_key": ["tracking_number", "seq"]}]


def update(configuration, state):
    folder = configuration["scan_feed_dir"]
    seen = dict(state.get("files", {}))
    names = sorted(n for n in os.listdir(folder) if n.endswith((".jsonl", ".jsonl.gz")))
    for name in names:
        path = os.path.join(folder, name)
        info = os.stat(path)
        mark = f"{info.st_size}:{info.st_mtime_ns}"
        if name in seen:
            continue
        opener = gzip.open if name.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                shipment = json.loads(line)
                events = shipment.pop("events", None) or []
                op.upsert("shipments", shipment)
                for seq, event in enumerate(events, start=1):
                    op.upsert("shipment_events", {"tracking_number": shipment["tracking_number"], "seq": seq, **event})
        seen[name] = mark
        op.checkpoint({"files": seen})


connector = Connector(update=update, schema=schema)
