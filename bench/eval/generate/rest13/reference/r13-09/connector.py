"""Metricly campaigns + daily_stats: ?api_key=, page_token paging (the last page is empty); stats keyed on
(date, campaign_id); campaign ids are integers in /campaigns but strings in stats; cpc null when clicks is 0."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "campaigns", "primary_key": ["id"]},
            {"table": "daily_stats", "primary_key": ["date", "campaign_id"]}]


def number(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def update(configuration, state):
    base = configuration["base_url"].rstrip("/")
    key = configuration["api_key"]
    r = requests.get(base + "/v1/campaigns", params={"api_key": key}, timeout=30)
    r.raise_for_status()
    names = {}
    for campaign in r.json().get("campaigns") or []:
        op.upsert("campaigns", campaign)
        names[str(campaign["id"])] = campaign.get("name")
    params = {"api_key": key, "page_size": 200}
    while True:
        r = requests.get(base + "/v1/stats/daily", params=params, timeout=30)
        r.raise_for_status()
        body = r.json()
        for row in body.get("rows") or []:
            spend, clicks = number(row.get("spend")), number(row.get("clicks"))
            op.upsert("daily_stats", {**row, "campaign_name": names.get(str(row["campaign_id"])),
                                      "cpc": round(spend / clicks, 4) if spend is not None and clicks else None})
        token = body.get("next_page_token")
        if not token:
            break
        params = {"api_key": key, "page_size": 200, "page_token": token}
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)
