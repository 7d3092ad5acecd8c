"""Hotel booking exports (`exports_dir`): one bookings_<yyyy-mm-dd>.csv per day. A changed booking is written again
in a later day's file, so bookings are keyed by booking_ref and the files are read in date order (the newest copy
wins). The name of the last file read is kept in the state; only later files are read."""
import csv
import re
from pathlib import Path

from fivetran_connector_sdk import Connector, Operations as op

PATTERN = re.compile(r"^bookings_(\d{4}-\d{2}-\d{2})\.csv$")


def schema(configuration):
    return [{"table": "bookings", "primary_key": ["booking_ref"]}]


def update(configuration, state):
    folder = Path(configuration["exports_dir"])
    last = state.get("last_file", "")
    for name in sorted(p.name for p in folder.iterdir() if PATTERN.match(p.name)):
        if name <= last:
            continue
        with open(folder / name, newline="", encoding="utf-8") as fh:
            for n, row in enumerate(csv.DictReader(fh), start=1):
                row["nights"] = int(row["nights"])
                row["total_eur"] = float(row["total_eur"])
                row["source_file"] = name
                row["source_line"] = n
                op.upsert("bookings", row)
        last = name
        op.checkpoint({"last_file": last})
    op.checkpoint({"last_file": last})


connector = Connector(update=update, schema=schema)
