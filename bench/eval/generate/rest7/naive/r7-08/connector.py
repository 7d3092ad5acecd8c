"""Clockwise time entries: basic auth (token, "api_token"), page/per_page (max 100) with pagination.total_pages."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "time_entries", "primary_key": ["id"]}]


def update(configuration, state):
    url = configuration["base_url"].rstrip("/") + "/api/v1/time_entries"
    auth = (configuration["api_token"], "")
    page = 1
    while True:
        r = requests.get(url, auth=auth, params={"page": page, "per_page": 100}, timeout=30)
        r.raise_for_status()
        body = r.json()
        for entry in body["time_entries"]:
            op.upsert("time_entries", entry)
        if not body["time_entries"] or page >= body["pagination"]["total_pages"]:
            break
        page += 1
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)
