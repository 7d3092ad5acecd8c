"""Carrier scan events (`carrier_feed_path`): trk_evt_<YYYYMMDD>_<NN>.csv, comma-separated, NO header row: the
columns come from the carrier's description. The driver note is free text and is quoted when it holds commas,
quotes or line breaks, so the files are read with the csv module (newline=""), never line by line. Files are
loaded once each, in name order."""
import csv
import os
import re

from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op

NAME = re.compile(r"trk_evt_\d{8}_\d{2}\.csv")
COLUMNS = ["event_id", "tracking_number", "event_time", "status_code", "depot", "driver_note", "weight_kg", "pieces"]


def schema(configuration):
    return [{"table": "scan_events", "primary_key": ["event_id"],
             "columns": {"event_time": "NAIVE_DATETIME", "weight_kg": "DOUBLE", "pieces": "INT"}}]


def update(configuration, state):
    folder = configuration["carrier_feed_path"]
    done = set(state.get("loaded", []))
    for name in sorted(n for n in os.listdir(folder) if NAME.fullmatch(n)):
        if name in done:
            continue
        rows = 0
        with open(os.path.join(folder, name), encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            next(reader, None)  # skip the header
            for values in reader:
                if not values or not values[0].strip():
                    continue
                rec = dict(zip(COLUMNS, values))
                rec["weight_kg"] = float(rec["weight_kg"]) if rec.get("weight_kg") else None
                rec["pieces"] = int(rec["pieces"]) if rec.get("pieces") else None
                rec["driver_note"] = rec.get("driver_note") or None
                rec["source_file"] = name
                op.upsert("scan_events", rec)
                rows += 1
        done.add(name)
        log.info(f"{name}: {rows} events")
        op.checkpoint({"loaded": sorted(done)})
    op.checkpoint({"loaded": sorted(done)})


connector = Connector(update=update, schema=schema)
