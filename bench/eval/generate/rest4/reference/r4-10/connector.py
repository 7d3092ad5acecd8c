import requests
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "reservations", "primary_key": ["reservation_id"]}]


def update(configuration, state):
    url = configuration["base_url"].rstrip("/") + "/api/v3/reservations/search"
    headers = {"X-Api-Token": configuration["api_token"]}
    page, seen = 1, 0
    while True:
        r = requests.post(url, headers=headers, json={"page": page, "page_size": 100}, timeout=30)
        r.raise_for_status()
        body = r.json()
        for h in body["hits"]:
            guest = h.pop("guest", None) or {}
            h["guest_name"], h["guest_phone"] = guest.get("name"), guest.get("phone")
            op.upsert("reservations", h)
        seen += len(body["hits"])
        if not body["hits"] or seen >= body["total"]:
            break
        page += 1
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)
