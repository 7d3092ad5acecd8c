"""Stockroom inventory levels: apikey in the query, relative links.next (without the key), composite key."""
from urllib.parse import urljoin

import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "inventory_levels", "primary_key": ["product_id", "location_id"]}]


def update(configuration, state):
    host = configuration["host"].rstrip("/") + "/"
    url = urljoin(host, "inventory/levels")
    params = {"apikey": configuration["apikey"], "limit": 100}
    while url:
        r = requests.get(url, params=params, timeout=30)
        r.raise_for_status()
        body = r.json()
        for level in body["items"]:
            op.upsert("inventory_levels", level)
        nxt = (body.get("links") or {}).get("next")
        url = urljoin(host, nxt) if nxt else None
        params = {"apikey": configuration["apikey"]}
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)
