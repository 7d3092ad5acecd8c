"""Surveyhub surveys + responses: access_token in the query (re-added on every Link-header page), per_page max 50."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "surveys", "primary_key": ["id"]}, {"table": "responses", "primary_key": ["id"]}]


def update(configuration, state):
    base = configuration["base_url"].rstrip("/")
    token = configuration["access_token"]
    for table in ("surveys", "responses"):
        url, params = f"{base}/api/v1/{table}", {"per_page": 50, "access_token": token}
        while url:
            r = requests.get(url, params=params, timeout=30)
            r.raise_for_status()
            for row in r.json():
                op.upsert(table, row)
            url, params = r.links.get("next", {}).get("url"), None
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)
