"""Pantrybox: bearer token, GET /api/v1/items paged by page/per_page (<= 100) with a total; the page count is
the total divided by the page size, rounded up."""
import math

import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log

PER_PAGE = 100


def schema(configuration):
    return [{"table": "items", "primary_key": ["id"]}]


def update(configuration, state):
    base = configuration["pantry_url"].rstrip("/")
    session = requests.Session()
    session.headers["Authorization"] = "Bearer " + configuration["pantry_token"]
    page, pages, n = 1, 1, 0
    while page <= pages:
        r = session.get(base + "/api/v1/items", params={"page": page, "per_page": PER_PAGE}, timeout=30)
        r.raise_for_status()
        body = r.json()
        for item in body["items"]:
            op.upsert("items", item)
            n += 1
        pages = body["total"] // PER_PAGE
        page += 1
    log.info(f"{n} items")
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
