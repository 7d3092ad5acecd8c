"""Greenhouse gateway uploads (gzipped JSON lines, readings_YYYYMMDD_HH.jsonl.gz) in `source_dir` into
table sensor_readings.

A line is one reading of one sensor of one device at one time, with no id: the key is (device, sensor,
ts). Readings sent twice (the last slot of a file repeats at the top of the next) collapse by key.
Each file is read once; blank lines are skipped."""
import gzip
import json
import os
from pathlib import Path

from fivetran_connector_sdk import Connector, Logging as log, Operations as op


def schema(configuration):
    return [{"table": "sensor_readings", "primary_key": ["device", "sensor", "ts"],
             "columns": {"ts": "UTC_DATETIME", "value": "DOUBLE", "battery": "INT"}}]


def _open(path):
    return gzip.open(path, "rt", encoding="utf-8") if path.name.endswith(".gz") else open(path, encoding="utf-8")


def update(configuration, state):
    folder = Path(configuration["source_dir"])
    done = dict(state.get("files", {}))
    files = sorted(p for p in folder.iterdir() if p.name.endswith((".jsonl", ".jsonl.gz")))
    for path in files:
        st = os.stat(path)
        mark = [st.st_mtime, st.st_size]
        if done.get(path.name) == mark:
            continue
        log.info(f"reading {path.name}")
        with _open(path) as f:
            for line in f:
                if line.strip():
                    op.upsert("sensor_readings", json.loads(line))
        done[path.name] = mark
        op.checkpoint({"files": done})
    op.checkpoint({"files": done})


connector = Connector(update=update, schema=schema)
