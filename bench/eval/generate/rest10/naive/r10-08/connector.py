"""Rentwise: HTTP basic (API key, empty password), GET /api/v1/leases by offset/limit (<= 100) with a total; later
syncs send modified_since as exactly YYYY-MM-DDTHH:MM:SSZ (the sync start of the previous run)."""
import datetime as dt

import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "leases", "primary_key": ["id"]}]


def update(configuration, state):
    base = configuration["rentwise_host"].rstrip("/")
    session = requests.Session()
    session.auth = (configuration["rentwise_key"], "")
    started = dt.datetime.now(dt.timezone.utc).isoformat()
    params = {"offset": 0, "limit": 100}
    if state.get("modified_since"):
        params["modified_since"] = state["modified_since"]
    n = 0
    while True:
        r = session.get(base + "/api/v1/leases", params=params, timeout=30)
        r.raise_for_status()
        body = r.json()
        for lease in body["leases"]:
            op.upsert("leases", lease)
            n += 1
        params["offset"] += len(body["leases"])
        if not body["leases"] or params["offset"] >= body["total"]:
            break
    log.info(f"{n} leases")
    op.checkpoint({"modified_since": started})


connector = Connector(update=update, schema=schema)
