"""Parcelpoint shipments: account id + secret headers, absolute `next` URL, page_size max 25, string ids."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "shipments", "primary_key": ["id"], "columns": {"id": "STRING"}}]


def update(configuration, state):
    headers = {"X-Account-Id": configuration["acct"], "X-Account-Secret": configuration["signing_secret"]}
    url = configuration["api_host"].rstrip("/") + "/v2/shipments"
    params = {"page_size": 25}
    while url:
        r = requests.get(url, headers=headers, params=params, timeout=30)
        r.raise_for_status()
        body = r.json()
        for shipment in body["results"]:
            op.upsert("shipments", shipment)
        url, params = body.get("next"), None
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)
