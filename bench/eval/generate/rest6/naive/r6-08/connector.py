import datetime as dt

import requests
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "rooms", "primary_key": ["id"]},
            {"table": "reservations", "primary_key": ["id"]}]


def pages(url, headers, key, params):
    cursor = None
    while True:
        query = {**params, "limit": 100}
        if cursor:
            query["cursor"] = cursor
        r = requests.get(url, headers=headers, params=query, timeout=30)
        r.raise_for_status()
        body = r.json()
        yield from body[key]
        cursor = (body.get("paging") or {}).get("next_cursor")
        if not cursor:
            return


def update(configuration, state):
    base = configuration["base_url"].rstrip("/") + "/api"
    headers = {"X-Hotel-Key": configuration["hotel_key"]}
    for room in pages(f"{base}/rooms", headers, "rooms", {}):
        op.upsert("rooms", room)
    start = dt.date.fromisoformat(configuration["start_date"])
    end = dt.datetime.now(dt.timezone.utc).date()  # bookings go up to a year ahead
    while start <= end:
        stop = min(start + dt.timedelta(days=90), end)
        window = {"arrival_from": start.isoformat(), "arrival_to": stop.isoformat()}
        for reservation in pages(f"{base}/reservations", headers, "reservations", window):
            op.upsert("reservations", reservation)
        start = stop + dt.timedelta(days=1)
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
