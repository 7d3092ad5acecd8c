"""Reference for l-04: one CSV per day, loaded once per file (incremental by file name)."""
import csv
import os
import re

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

PATTERN = re.compile(r"^inventory_\d{8}\.csv")  # .csv.tmp uploads in progress do not match
TABLE = "inventory_movements"


def schema(configuration: dict):
    return [{"table": TABLE, "primary_key": ["movement_id"]}]


def update(configuration: dict, state: dict):
    folder = configuration["inbound_dir"]
    done = set(state.get("loaded_files", []))
    for name in sorted(os.listdir(folder)):
        if not PATTERN.match(name) or name in done:
            continue
        with open(os.path.join(folder, name), newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                op.upsert(TABLE, row)  # values stay strings: qty may be "N/A", new columns may appear
        done.add(name)
        op.checkpoint({"loaded_files": sorted(done)})
        log.info(f"loaded {name}")
    op.checkpoint({"loaded_files": sorted(done)})


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
