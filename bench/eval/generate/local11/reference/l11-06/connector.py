"""Meter readings (`meter_zip_root`): one folder per region holding readings_YYYY-MM-DD.zip files; each zip holds
one CSV per commodity (electricity.csv, gas.csv), UTF-8 with a byte-order mark. The region comes from the folder,
the commodity from the member name. Zips made on a Mac also carry __MACOSX/._*.csv resource files, which are not
data. An estimated reading (quality E) is re-sent as actual in a later zip under the same (meter_id, read_at), so
zips are read oldest day first and upserted on that key; each zip is read once (by path, time and size)."""
import csv
import io
import os
import re
import zipfile

from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op

ZIP = re.compile(r"readings_(\d{4}-\d{2}-\d{2})\.zip")


def schema(configuration):
    return [{"table": "meter_readings", "primary_key": ["meter_id", "read_at"],
             "columns": {"read_at": "NAIVE_DATETIME", "value": "DOUBLE"}}]


def update(configuration, state):
    root = configuration["meter_zip_root"]
    seen = dict(state.get("zips", {}))
    found = []
    for region in sorted(os.listdir(root)):
        folder = os.path.join(root, region)
        if not os.path.isdir(folder):
            continue
        for name in os.listdir(folder):
            match = ZIP.fullmatch(name)
            if match:
                found.append((match.group(1), region, name))
    for day, region, name in sorted(found):
        path = os.path.join(root, region, name)
        st = os.stat(path)
        mark = f"{st.st_mtime_ns}:{st.st_size}"
        key = f"{region}/{name}"
        if seen.get(key) == mark:
            continue
        n = 0
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                base = info.filename.rsplit("/", 1)[-1]
                if info.is_dir() or info.filename.startswith("__MACOSX/") or base.startswith("._") \
                        or not base.lower().endswith(".csv"):
                    continue
                commodity = base[:-4].lower()
                with io.TextIOWrapper(zf.open(info), encoding="utf-8-sig", newline="") as fh:
                    for row in csv.DictReader(fh):
                        op.upsert("meter_readings", {
                            "meter_id": row["meter_id"], "read_at": row["read_at"], "value": float(row["value"]),
                            "unit": row["unit"], "quality": row["quality"], "region": region,
                            "commodity": commodity, "source_file": key})
                        n += 1
        seen[key] = mark
        op.checkpoint({"zips": seen})
        log.info(f"{key}: {n} readings")
    op.checkpoint({"zips": seen})


connector = Connector(update=update, schema=schema)
