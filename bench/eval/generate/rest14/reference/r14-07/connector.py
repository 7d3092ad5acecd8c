"""Assetto assets: basic auth, DRF paging (page_size max 100, follow `next`), modified__gte incremental."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "assets", "primary_key": ["id"]}]


def update(configuration, state):
    session = requests.Session()
    session.auth = (configuration["username"], configuration["password"])
    url = configuration["base_url"].rstrip("/") + "/api/assets/"
    since = state.get("modified")
    newest = since
    params = {"page_size": 100}
    if since:
        params["modified__gte"] = since
    while url:
        r = session.get(url, params=params, timeout=30)
        r.raise_for_status()
        body = r.json()
        for asset in body["results"]:
            op.upsert("assets", asset)
            if newest is None or asset["modified"] > newest:
                newest = asset["modified"]
        url, params = body.get("next"), None
    op.checkpoint({"modified": newest})


connector = Connector(update=update, schema=schema)
