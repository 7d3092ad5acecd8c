"""Fitloop bookings: bearer token, page/per_page pagination driven by meta.total_pages."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log

PER_PAGE = 100


def schema(configuration):
    return [{"table": "bookings", "primary_key": ["id"]}]


def update(configuration, state):
    url = configuration["base_url"].rstrip("/") + "/v1/bookings"
    headers = {"Authorization": "Bearer " + configuration["api_token"]}
    page = 1
    while True:
        r = requests.get(url, headers=headers, params={"page": page, "per_page": PER_PAGE}, timeout=30)
        r.raise_for_status()
        body = r.json()
        for booking in body["data"]:
            op.upsert("bookings", booking)
        log.info(f"bookings page {page}/{body['meta']['total_pages']}")
        if not body["data"] or page >= body["meta"]["total_pages"]:
            break
        page += 1
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)
