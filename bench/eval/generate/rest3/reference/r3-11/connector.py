import hashlib
import hmac
import time
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "ledger_entries", "primary_key": ["id"]}]


def signed_get(configuration, path):
    for _ in range(20):
        ts = str(int(time.time()))
        sign = hmac.new(configuration["api_secret"].encode(), (ts + "GET" + path).encode(), hashlib.sha256).hexdigest()
        r = requests.get(configuration["base_url"].rstrip("/") + path, timeout=30,
                         headers={"X-Key": configuration["api_key"], "X-Ts": ts, "X-Sign": sign})
        if r.status_code == 429:
            reset = float(r.headers.get("X-RateLimit-Reset", time.time() + 1))
            time.sleep(max(0.2, reset - time.time()))
            continue
        r.raise_for_status()
        return r.json()
    raise RuntimeError("still rate limited")


def update(configuration, state):
    page = 1
    while page:
        body = signed_get(configuration, f"/api/v1/ledger?page={page}")
        for e in body["entries"]:
            op.upsert("ledger_entries", e)
        page = body.get("next_page")
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)
