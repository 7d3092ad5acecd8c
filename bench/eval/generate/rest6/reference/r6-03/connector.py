import requests
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "events", "primary_key": ["id"]},
            {"table": "attendees", "primary_key": ["event_id", "ticket_no"]}]


def pages(url, api_key):
    cursor = None
    while True:
        params = {"api_key": api_key, "limit": 50}
        if cursor:
            params["cursor"] = cursor
        r = requests.get(url, params=params, timeout=30)
        r.raise_for_status()
        yield from r.json()
        cursor = r.headers.get("X-Next-Cursor")
        if not cursor:
            return


def update(configuration, state):
    base = configuration["base_url"].rstrip("/") + "/v2"
    key = configuration["api_key"]
    for event in pages(f"{base}/events", key):
        op.upsert("events", event)
        for attendee in pages(f"{base}/events/{event['id']}/attendees", key):
            op.upsert("attendees", {"event_id": event["id"], **attendee})
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
