"""Weather logger uploads: SITE_YYYYMMDD.csv per logger and day (site only in the name, seq counts per
logger), stations.csv rewritten in place; .csv.part uploads and upload.log are skipped."""
import csv
import os
import re

from fivetran_connector_sdk import Connector, Operations as op

READING = re.compile(r"^([A-Z]+)_(\d{8})\.csv$")


def schema(configuration):
    return [{"table": "readings", "primary_key": ["site", "seq"]},
            {"table": "stations", "primary_key": ["site"]}]


def update(configuration, state):
    folder = configuration["logger_dir"]
    seen = dict(state.get("files", {}))
    names = sorted(os.listdir(folder), key=lambda n: (READING.match(n).group(2) if READING.match(n) else "", n))
    for name in names:
        m = READING.match(name)
        if not m and name != "stations.csv":
            continue  # .part uploads in progress, upload.log
        st = os.stat(os.path.join(folder, name))
        sig = [st.st_mtime_ns, st.st_size]
        if seen.get(name) == sig:
            continue
        with open(os.path.join(folder, name), newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                if m:
                    op.upsert("readings", {"site": m.group(1), "seq": int(row["seq"]), "taken_at": row["taken_at"],
                                           "temp_c": float(row["temp_c"]), "humidity_pct": int(row["humidity_pct"]),
                                           "battery_v": float(row["battery_v"]), "file_name": name})
                else:
                    op.upsert("stations", {"site": row["site"], "name": row["name"], "lat": float(row["lat"]),
                                           "lon": float(row["lon"]), "elevation_m": int(row["elevation_m"])})
        seen[name] = sig
        op.checkpoint({"files": seen})
    op.checkpoint({"files": seen})


connector = Connector(update=update, schema=schema)
