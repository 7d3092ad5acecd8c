import datetime as dt
import time
import requests
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "daily_usage", "primary_key": ["date", "metric"]}]


class Api:
    def __init__(self, c):
        self.base = c["base_url"].rstrip("/")
        r = requests.post(self.base + "/oauth2/token", json={"grant_type": "client_credentials",
                                                              "client_id": c["client_id"],
                                                              "client_secret": c["client_secret"]}, timeout=30)
        r.raise_for_status()
        self.headers = {"Authorization": "Bearer " + r.json()["access_token"]}

    def get(self, path, params=None):
        for _ in range(20):
            r = requests.get(self.base + path, headers=self.headers, params=params, timeout=30)
            if r.status_code == 429:
                time.sleep(float(r.headers.get("X-RateLimit-Reset", 1)))
                continue
            r.raise_for_status()
            return r.json()
        raise RuntimeError("rate limited")


def update(configuration, state):
    api = Api(configuration)
    bounds = api.get("/v2/usage/bounds")
    latest = dt.date.fromisoformat(bounds["latest_complete_date"])
    start = dt.date.fromisoformat(state["next_date"]) if state.get("next_date") else \
        dt.date.fromisoformat(bounds["earliest_date"])
    while start <= latest:
        end = min(start + dt.timedelta(days=6), latest)
        body = api.get("/v2/usage/daily", {"start_date": str(start), "end_date": str(end)})
        for rec in body["records"]:
            op.upsert("daily_usage", rec)
        start = end + dt.timedelta(days=1)
        op.checkpoint({"next_date": str(start)})


connector = Connector(update=update, schema=schema)
