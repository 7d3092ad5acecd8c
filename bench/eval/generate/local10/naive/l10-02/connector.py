"""App event logs (`log_folder`): gzip-compressed JSON Lines, one events-<yyyy-mm-dd>.jsonl.gz per day, keyed by
event_id. Files are read in date order; the name of the last one read is kept in the state."""
import gzip
import json
import re
from pathlib import Path

from fivetran_connector_sdk import Connector, Operations as op

PATTERN = re.compile(r"^events-(\d{4}-\d{2}-\d{2})\.jsonl\.gz$")


def schema(configuration):
    return [{"table": "events", "primary_key": ["event_id"]}]


def update(configuration, state):
    folder = Path(configuration["log_folder"])
    last = state.get("last_file", "")
    for name in sorted(p.name for p in folder.iterdir() if PATTERN.match(p.name)):
        if name <= last:
            continue
        with open(folder / name, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    op.upsert("events", json.loads(line))
        last = name
        op.checkpoint({"last_file": last})
    op.checkpoint({"last_file": last})


connector = Connector(update=update, schema=schema)
