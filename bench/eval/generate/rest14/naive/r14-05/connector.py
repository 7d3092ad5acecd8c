"""Fatturino customers: bearer, page/page_size (max 50) with total_pages, modified_since as 'YYYY-MM-DD HH:MM:SS',
deleted == "1" -> op.delete."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "customers", "primary_key": ["id"]}]


def update(configuration, state):
    url = configuration["base_url"].rstrip("/") + "/api/v1/customers"
    headers = {"Authorization": "Bearer " + configuration["api_token"]}
    since = state.get("modified_since")
    newest = since
    page = 1
    while True:
        params = {"page": page, "page_size": 50}
        if since:
            params["modified_since"] = since
        r = requests.get(url, headers=headers, params=params, timeout=30)
        r.raise_for_status()
        body = r.json()
        for customer in body["data"]:
            if customer.get("deleted"):
                op.delete("customers", {"id": customer["id"]})
            else:
                op.upsert("customers", customer)
            if newest is None or customer["modified"] > newest:
                newest = customer["modified"]
        if not body["data"] or page >= body["total_pages"]:
            break
        page += 1
    op.checkpoint({"modified_since": newest})


connector = Connector(update=update, schema=schema)
