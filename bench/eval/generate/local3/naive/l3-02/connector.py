# NAIVE: no primary key: restated days are appended
"""Agency spend reports saved from Excel as Unicode Text (UTF-16, tab separated). Each report restates the
two previous days, so (date, campaign_id) is the key and the newest report wins; the Total line is skipped."""
import csv
import io
import os
import re
from datetime import datetime

from fivetran_connector_sdk import Connector, Operations as op

REPORT = re.compile(r"spend report (\d{4}-\d{2}-\d{2})\.txt$", re.IGNORECASE)


def schema(configuration):
    return [{"table": "ad_spend"}]


def _num(text):
    return float(text.replace(",", "")) if text.strip() else None


def update(configuration, state):
    folder = configuration["reports_folder"]
    done = dict(state.get("files", {}))
    reports = sorted((m.group(1), n) for n in os.listdir(folder) if (m := REPORT.search(n)))
    for _, name in reports:
        path = os.path.join(folder, name)
        st = os.stat(path)
        sig = [st.st_mtime_ns, st.st_size]
        if done.get(name) == sig:
            continue
        with open(path, "rb") as fh:
            text = fh.read().decode("utf-16")
        for row in csv.DictReader(io.StringIO(text, newline=""), delimiter="\t"):
            if not row.get("Campaign ID"):
                continue  # the Total line
            op.upsert("ad_spend", {
                "date": datetime.strptime(row["Date"], "%m/%d/%Y").date().isoformat(),
                "campaign_id": row["Campaign ID"], "campaign_name": row["Campaign Name"], "channel": row["Channel"],
                "impressions": int(_num(row["Impressions"])), "clicks": int(_num(row["Clicks"])),
                "spend_usd": _num(row["Spend (USD)"]), "report_file": name})
        done[name] = sig
        op.checkpoint({"files": done})
    op.checkpoint({"files": done})


connector = Connector(update=update, schema=schema)
