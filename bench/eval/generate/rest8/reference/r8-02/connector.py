"""Adreach campaign-daily report: OAuth2 client credentials (refreshed before expiry and on 401), one-day windows
from first_day to yesterday, re-pulling the last 3 days each sync, checkpointed after every day."""
import datetime as dt
import time

import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log

LOOKBACK_DAYS = 3


class Auth:
    def __init__(self, configuration):
        self.c = configuration
        self.token, self.expires = None, 0.0

    def get(self, force=False):
        if force or not self.token or time.time() > self.expires - 1:
            r = requests.post(self.c["host"].rstrip("/") + "/oauth/token",
                              data={"grant_type": "client_credentials", "client_id": self.c["oauth_client"],
                                    "client_secret": self.c["oauth_secret"]}, timeout=30)
            r.raise_for_status()
            body = r.json()
            self.token, self.expires = body["access_token"], time.time() + float(body.get("expires_in", 3600))
        return self.token


def schema(configuration):
    return [{"table": "campaign_daily", "primary_key": ["date", "campaign_id"]}]


def fetch_day(configuration, auth, day):
    url = configuration["host"].rstrip("/") + "/v2/reports/campaign-daily"
    params = {"start_date": day.isoformat(), "end_date": day.isoformat()}
    for attempt in range(3):
        r = requests.get(url, params=params, headers={"Authorization": "Bearer " + auth.get(force=attempt > 0)},
                         timeout=30)
        if r.status_code == 401:
            log.info("token rejected, fetching a new one")
            continue
        r.raise_for_status()
        return r.json()["rows"]
    raise RuntimeError("still 401 after refreshing the token")


def update(configuration, state):
    auth = Auth(configuration)
    yesterday = dt.datetime.now(dt.timezone.utc).date() - dt.timedelta(days=1)
    start = dt.date.fromisoformat(configuration["first_day"])
    if state.get("last_day"):
        start = max(start, dt.date.fromisoformat(state["last_day"]) - dt.timedelta(days=LOOKBACK_DAYS - 1))
    day = start
    while day <= yesterday:
        rows = fetch_day(configuration, auth, day)
        for row in rows:
            op.upsert("campaign_daily", row)
        log.info(f"{day}: {len(rows)} rows")
        op.checkpoint({"last_day": day.isoformat()})
        day += dt.timedelta(days=1)


connector = Connector(update=update, schema=schema)
