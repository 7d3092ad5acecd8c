"""Fleetbase: OAuth2 client credentials with HTTP Basic client auth and scope vehicles.read; GET /api/vehicles by
page_token (page_size <= 200), later syncs filtered by updated_after (the previous sync's start)."""
import datetime as dt

import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "vehicles", "primary_key": ["id"]}]


def update(configuration, state):
    base = configuration["fleet_base_url"].rstrip("/")
    r = requests.post(base + "/oauth2/token", data={"grant_type": "client_credentials", "scope": "vehicles.read"},
                      auth=(configuration["fleet_client_id"], configuration["fleet_client_secret"]), timeout=30)
    r.raise_for_status()
    session = requests.Session()
    session.headers["Authorization"] = "Bearer " + r.json()["access_token"]
    started = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    params = {"page_size": 200}
    if state.get("updated_after"):
        params["updated_after"] = state["updated_after"]
    n = 0
    while True:
        r = session.get(base + "/api/vehicles", params=params, timeout=30)
        r.raise_for_status()
        body = r.json()
        for v in body["vehicles"]:
            op.upsert("vehicles", v)
            n += 1
        if not body.get("next_page_token"):
            break
        params["page_token"] = body["next_page_token"]
    log.info(f"{n} vehicles")
    op.checkpoint({"updated_after": started})


connector = Connector(update=update, schema=schema)
