"""Beaconly campaign-daily report: since/until inclusive, at most 31 days a call, until before today; access_key in
the query string; 429 answered by waiting Retry-After. Key (date, campaign_id)."""
import datetime as dt
import time

import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "campaign_daily", "primary_key": ["date", "campaign_id"]}]


def get(url, params):
    for attempt in range(8):
        r = requests.get(url, params=params, timeout=30)
        if r.status_code == 429 and attempt < 7:
            wait = float(r.headers.get("Retry-After") or 2)
            log.info(f"429, waiting {wait} s")
            time.sleep(wait + 0.2)
            continue
        r.raise_for_status()
        return r.json()


def update(configuration, state):
    url = configuration["beacon_base"].rstrip("/") + "/v2/reports/campaign-daily"
    start = dt.date.fromisoformat(state.get("next_day") or configuration["backfill_from"])
    last = dt.datetime.now(dt.timezone.utc).date() - dt.timedelta(days=1)
    while start <= last:
        end = min(start + dt.timedelta(days=30), last)
        body = get(url, {"access_key": configuration["beacon_access_key"], "since": start.isoformat(),
                         "until": end.isoformat()})
        for row in body["rows"]:
            op.upsert("campaign_daily", row)
        start = end + dt.timedelta(days=1)
        op.checkpoint({"next_day": start.isoformat()})
    log.info("report synced")


connector = Connector(update=update, schema=schema)
