"""Rotaro shifts: Authorization: ApiKey, page/per_page (max 20) with X-Total-Count, 429 honouring Retry-After."""
import math
import time

import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log

PER_PAGE = 20


def schema(configuration):
    return [{"table": "shifts", "primary_key": ["id"]}]


def get(url, headers, params):
    for attempt in range(10):
        r = requests.get(url, headers=headers, params=params, timeout=30)
        if r.status_code == 429:
            wait = float(r.headers.get("Retry-After") or 2)
            log.info(f"429, waiting {wait} s")
            time.sleep(wait + 0.1)
            continue
        r.raise_for_status()
        return r
    raise RuntimeError("still rate limited after 10 attempts")


def update(configuration, state):
    url = configuration["base_url"].rstrip("/") + "/api/v2/shifts"
    headers = {"Authorization": "ApiKey " + configuration["api_key"]}
    page = 1
    while True:
        r = get(url, headers, {"page": page, "per_page": PER_PAGE})
        rows = r.json()
        for shift in rows:
            op.upsert("shifts", shift)
        total = int(r.headers.get("X-Total-Count") or 0)
        if not rows or page >= math.ceil(total / PER_PAGE):
            break
        page += 1
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)
