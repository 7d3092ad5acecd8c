import time
import requests
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "device_events", "primary_key": ["event_id"]}]


def get(url, **kw):
    for attempt in range(8):
        r = requests.get(url, timeout=30, **kw)
        if r.status_code == 429:
            time.sleep(float(r.headers.get("Retry-After", 1)))
            continue
        r.raise_for_status()
        return r
    raise RuntimeError("still throttled")


def update(configuration, state):
    url = configuration["host"].rstrip("/") + "/events"
    auth = (configuration["username"], configuration["password"])
    cursor = None
    while True:
        params = {"limit": 100, **({"cursor": cursor} if cursor else {})}
        r = get(url, auth=auth, params=params)
        for e in r.json():
            op.upsert("device_events", e)
        cursor = r.headers.get("X-Next-Cursor")
        if not cursor:
            break
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)
