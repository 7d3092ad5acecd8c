"""Reference for r-03: AdStats one-day windows up to /v2/availability, api_key in the query, checkpoint per day."""
import datetime as dt
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration: dict):
    return [{"table": "daily_stats", "primary_key": ["campaign_id", "day"]}]


def update(configuration: dict, state: dict):
    base = configuration["base_url"].rstrip("/")
    key = {"api_key": configuration["api_key"]}
    resp = requests.get(f"{base}/v2/availability", params=key, timeout=30)
    resp.raise_for_status()
    latest = dt.date.fromisoformat(resp.json()["latest_complete_day"])
    day = dt.date.fromisoformat(state.get("next_day") or configuration["start_date"])
    while day <= latest:
        nxt = day + dt.timedelta(days=1)
        resp = requests.get(f"{base}/v2/stats/daily", params={**key, "from": day.isoformat(), "to": nxt.isoformat()}, timeout=30)
        resp.raise_for_status()
        for row in resp.json()["rows"]:
            op.upsert("daily_stats", row)
        state["next_day"] = nxt.isoformat()
        op.checkpoint(state)
        day = nxt
    log.info(f"synced through {latest}")


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
