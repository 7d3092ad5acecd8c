"""Commission reports (`commission_share`): commission_YYYY-MM.csv, the running month's file rewritten every night
with the whole month so far. There is no id column, and a rep who covers two territories has two rows on one day,
so a row is keyed (rep_id, day, territory). A file is re-read whenever its modification time or size changes; the
keys it held before and no longer holds (clawed-back deals) are deleted."""
import csv
import os
import re

from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op

NAME = re.compile(r"commission_\d{4}-\d{2}\.csv")
KEY = ["rep_id", "day", "territory"]


def schema(configuration):
    return [{"table": "commissions", "primary_key": KEY,
             "columns": {"day": "NAIVE_DATE", "deals_closed": "INT", "revenue": "DOUBLE", "commission": "DOUBLE"}}]


def update(configuration, state):
    folder = configuration["commission_share"]
    files = dict(state.get("files", {}))
    for name in sorted(n for n in os.listdir(folder) if NAME.fullmatch(n)):
        st = os.stat(os.path.join(folder, name))
        mark = f"{st.st_mtime_ns}:{st.st_size}"
        before = files.get(name, {})
        if before.get("mark") == mark:
            continue
        keys = []
        with open(os.path.join(folder, name), encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                if not (row.get("rep_id") or "").strip():
                    continue
                rec = {"rep_id": row["rep_id"].strip(), "rep_name": row["rep_name"], "territory": row["territory"].strip(),
                       "day": row["day"].strip(), "deals_closed": int(row["deals_closed"]),
                       "revenue": float(row["revenue"]), "commission": float(row["commission"]), "source_file": name}
                op.upsert("commissions", rec)
                keys.append([rec[k] for k in KEY])
        gone = {tuple(k) for k in before.get("keys", [])} - {tuple(k) for k in keys}
        for key in sorted(gone):
            op.delete("commissions", dict(zip(KEY, key)))
        log.info(f"{name}: {len(keys)} rows, {len(gone)} removed")
        files[name] = {"mark": mark, "keys": keys}
        op.checkpoint({"files": files})
    op.checkpoint({"files": files})


connector = Connector(update=update, schema=schema)
