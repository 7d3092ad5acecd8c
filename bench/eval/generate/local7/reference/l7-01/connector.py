"""Weather station exports: one semicolon CSV per month in the folder `readings_dir`; the current month's
file grows in place every day. Files are re-read when their modification time or size changed; the key
(station, date) makes re-reading a grown file harmless."""
import csv
import os

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "station_readings", "primary_key": ["station", "date"]}]


def update(configuration, state):
    folder = configuration["readings_dir"]
    seen = dict(state.get("files", {}))
    for name in sorted(os.listdir(folder)):
        if not (name.startswith("wx_") and name.endswith(".csv")):
            continue
        st = os.stat(os.path.join(folder, name))
        mark = f"{st.st_mtime_ns}:{st.st_size}"
        if seen.get(name) == mark:
            continue
        with open(os.path.join(folder, name), newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter=";"):
                if not row.get("station"):
                    continue
                op.upsert("station_readings", {k.strip(): (v if v != "" else None) for k, v in row.items()})
        seen[name] = mark
        op.checkpoint({"files": seen})
    op.checkpoint({"files": seen})


connector = Connector(update=update, schema=schema)
