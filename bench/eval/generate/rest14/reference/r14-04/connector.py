"""Venuely venues + rooms: token in the query, offset/limit (max 25) with total; rooms per venue, venue_id added."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log

LIMIT = 25


def schema(configuration):
    return [{"table": "venues", "primary_key": ["id"]}, {"table": "rooms", "primary_key": ["id"]}]


def fetch_all(url, token):
    offset = 0
    while True:
        r = requests.get(url, params={"token": token, "offset": offset, "limit": LIMIT}, timeout=30)
        r.raise_for_status()
        body = r.json()
        yield from body["results"]
        offset += len(body["results"])
        if not body["results"] or offset >= body["total"]:
            break


def update(configuration, state):
    base, token = configuration["base_url"].rstrip("/"), configuration["token"]
    venue_ids = []
    for venue in fetch_all(base + "/v1/venues", token):
        op.upsert("venues", venue)
        venue_ids.append(venue["id"])
    for vid in venue_ids:
        for room in fetch_all(f"{base}/v1/venues/{vid}/rooms", token):
            op.upsert("rooms", {**room, "venue_id": vid})
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)
