"""JSON-lines interval files; the channels array becomes a child table keyed (meter_id, interval_start, channel)."""
import json
import os

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "meter_intervals", "primary_key": ["meter_id", "interval_start"]},
            {"table": "interval_channels", "primary_key": ["meter_id", "channel"]}]


def update(configuration, state):
    folder = configuration["input_folder"]
    done = set(state.get("files", []))
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".jsonl") or name in done:
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                rec = json.loads(line)
                channels = rec.pop("channels", []) or []
                site = rec.pop("site", {}) or {}
                rec["site_id"], rec["site_name"] = site.get("id"), site.get("name")
                op.upsert("meter_intervals", rec)
                for c in channels:
                    op.upsert("interval_channels", {"meter_id": rec["meter_id"], "interval_start": rec["interval_start"], **c})
        done.add(name)
        op.checkpoint({"files": sorted(done)})
    op.checkpoint({"files": sorted(done)})


connector = Connector(update=update, schema=schema)
