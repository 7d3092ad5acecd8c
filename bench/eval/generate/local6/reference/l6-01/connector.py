"""Dock scanner exports: tab-separated scans_YYYYMMDD.tsv files in the folder of config `drop_zone` ->
table `scans`, key scan_id. The current day's file is appended to in place, so a file is read again
whenever its size or modification time changed (not only when a new name appears); rows read again
are the same keys and simply upsert."""
import csv
from pathlib import Path

from fivetran_connector_sdk import Connector, Logging as log, Operations as op


def schema(configuration):
    return [{"table": "scans", "primary_key": ["scan_id"]}]


def update(configuration, state):
    folder = Path(configuration["drop_zone"])
    seen = dict(state.get("files", {}))
    for path in sorted(folder.glob("scans_*.tsv")):
        stat = path.stat()
        signature = [stat.st_mtime_ns, stat.st_size]
        if seen.get(path.name) == signature:
            continue
        rows = 0
        with path.open(newline="", encoding="utf-8") as fh:
            # raw tab-separated: no quoting, a quote character is just a character
            for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                if not (row.get("scan_id") or "").strip():
                    continue
                row = {k.strip(): (v.strip() if isinstance(v, str) else v) for k, v in row.items() if k}
                row["qty"] = int(row["qty"]) if row.get("qty") else None
                op.upsert("scans", row)
                rows += 1
        log.info(f"{path.name}: {rows} rows")
        seen[path.name] = signature
        op.checkpoint({"files": seen})


connector = Connector(update=update, schema=schema)
