"""Sensor share (`sensor_share`): devices.csv is the current asset list, overwritten every night: it is read in full
each sync and the devices missing since the last sync are deleted. readings_<yyyymmdd>.jsonl.gz files are written once:
each is read once and remembered. A reading line has no id: one line per device, hour and metric, so the key of
`readings` is (device, ts, metric)."""
import csv
import gzip
import json
import os
import re

from fivetran_connector_sdk import Connector, Operations as op

READINGS = re.compile(r"readings_\d{8}\.jsonl\.gz")


def schema(configuration):
    return [{"table": "devices", "primary_key": ["device_id"]},
            {"table": "readings", "primary_key": ["device", "ts"]}]


def update(configuration, state):
    folder = configuration["sensor_share"]
    before = set(state.get("devices", []))
    now = set()
    with open(os.path.join(folder, "devices.csv"), encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            op.upsert("devices", row)
            now.add(row["device_id"])
    for device in sorted(before - now):
        op.delete("devices", {"device_id": device})
    done = set(state.get("files", []))
    op.checkpoint({"devices": sorted(now), "files": sorted(done)})
    for name in sorted(n for n in os.listdir(folder) if READINGS.fullmatch(n)):
        if name in done:
            continue
        with gzip.open(os.path.join(folder, name), "rt", encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    op.upsert("readings", json.loads(line))
        done.add(name)
        op.checkpoint({"devices": sorted(now), "files": sorted(done)})


connector = Connector(update=update, schema=schema)
