"""Policy master extracts (`policy_extract_dir`): fixed-width POLMAST_YYYYMMDD.TXT files, one per day with the new
and changed policies. The files are Windows-1252 (names with accents) with CRLF line ends; each starts with an HDR
record and ends with a TRL record holding the record count, neither of which is a policy. Files are read once, in
name order (a later file's version of a policy wins), remembered by name, modification time and size."""
import os
import re
from datetime import datetime

from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op

# (column, first position, last position), 1-based and inclusive, as in the layout
LAYOUT = [("policy_no", 1, 10), ("holder_name", 11, 40), ("start_date", 41, 48), ("annual_premium", 49, 60),
          ("status", 61, 62), ("product", 63, 65)]
NAME = re.compile(r"POLMAST_\d{8}\.TXT", re.IGNORECASE)


def schema(configuration):
    return [{"table": "policies", "primary_key": ["policy_no"],
             "columns": {"policy_no": "STRING", "holder_name": "STRING", "start_date": "NAIVE_DATE",
                         "annual_premium": {"type": "DECIMAL", "precision": 12, "scale": 2}, "status": "STRING",
                         "product": "STRING", "source_file": "STRING"}}]


def parse(line):
    rec = {name: line[start - 1:end].strip() for name, start, end in LAYOUT}
    rec["start_date"] = datetime.strptime(rec["start_date"], "%Y%m%d").date().isoformat()
    cents = int(rec["annual_premium"])
    rec["annual_premium"] = f"{cents // 100}.{cents % 100:02d}"
    return rec


def update(configuration, state):
    folder = configuration["policy_extract_dir"]
    seen = dict(state.get("files", {}))
    for name in sorted(n for n in os.listdir(folder) if NAME.fullmatch(n)):
        path = os.path.join(folder, name)
        st = os.stat(path)
        mark = f"{st.st_mtime_ns}:{st.st_size}"
        if seen.get(name) == mark:
            continue
        count, trailer = 0, None
        with open(path, encoding="cp1252", newline="") as fh:
            for raw in fh:
                line = raw.rstrip("\r\n")
                if not line.strip():
                    continue
                if line.startswith("HDR"):
                    continue
                if line.startswith("TRL"):
                    trailer = int(line[3:12])
                    continue
                rec = parse(line)
                rec["source_file"] = name
                op.upsert("policies", rec)
                count += 1
        if trailer is not None and trailer != count:
            raise RuntimeError(f"{name}: trailer says {trailer} records, read {count}")
        log.info(f"{name}: {count} policies")
        seen[name] = mark
        op.checkpoint({"files": seen})
    op.checkpoint({"files": seen})


connector = Connector(update=update, schema=schema)
