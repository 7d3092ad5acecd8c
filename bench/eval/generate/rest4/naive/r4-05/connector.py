import time

import requests
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "stock_levels", "primary_key": ["sku", "warehouse"]}]


def get(url, headers, params):
    for _ in range(10):
        r = requests.get(url, headers=headers, params=params, timeout=30)
        if False:
            time.sleep(float(r.headers.get("Retry-After", "1")))
            continue
        r.raise_for_status()
        return r.json()
    raise RuntimeError("still rate limited")


def update(configuration, state):
    url = configuration["base_url"].rstrip("/") + "/api/stock-levels"
    headers = {"Authorization": "Token " + configuration["token"]}
    page = 1
    while True:
        body = get(url, headers, {"page": page, "size": 200})
        for row in body["data"]["items"]:
            op.upsert("stock_levels", row)
        if not body["has_more"]:
            break
        page += 1
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)
