"""Rentwise properties + units: X-Auth-Token, Spring paging (page from 0, size max 50, `last`), units per property."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "properties", "primary_key": ["id"]}, {"table": "units", "primary_key": ["id"]}]


def fetch_all(url, headers):
    page = 0
    while True:
        r = requests.get(url, headers=headers, params={"page": page, "size": 50}, timeout=30)
        r.raise_for_status()
        body = r.json()
        yield from body["content"]
        if body.get("last", True) or not body["content"]:
            break
        page += 1


def update(configuration, state):
    base = configuration["api_url"].rstrip("/")
    headers = {"X-Auth-Token": configuration["auth_token"]}
    ids = []
    for prop in fetch_all(base + "/api/properties", headers):
        op.upsert("properties", prop)
        ids.append(prop["id"])
    for pid in ids:
        for unit in fetch_all(f"{base}/api/properties/{pid}/units", headers):
            op.upsert("units", {**unit, "property_id": pid})
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)
