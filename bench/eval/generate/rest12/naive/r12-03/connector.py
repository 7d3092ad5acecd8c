"""Gigtrail events (JSON:API): `Authorization: Token token="..."`, include=venue,ticket_types, page[offset] /
page[limit] paging until links.next is gone (the server caps page[limit] at 25 without saying so). Venues and
ticket types come only from `included`; a ticket type's event is found in the event's relationships."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log

LIMIT = 50


def schema(configuration):
    return [{"table": "events", "primary_key": ["id"]},
            {"table": "venues", "primary_key": ["id"]},
            {"table": "ticket_types", "primary_key": ["id"]}]


def update(configuration, state):
    base = configuration["gigtrail_api"].rstrip("/")
    session = requests.Session()
    session.headers.update({"Authorization": f'Token token="{configuration["gigtrail_token"]}"',
                            "Accept": "application/vnd.api+json"})
    offset, n = 0, 0
    seen = set()
    while True:
        r = session.get(f"{base}/events", params={"include": "venue,ticket_types", "page[offset]": offset,
                                                  "page[limit]": LIMIT}, timeout=30)
        if r.status_code >= 400:
            raise RuntimeError(f"Gigtrail {r.status_code}: {r.text[:300]}")
        doc = r.json()
        included = {(x["type"], x["id"]): x for x in doc.get("included") or []}
        for ev in doc["data"]:
            rel = ev.get("relationships") or {}
            venue = (rel.get("venue") or {}).get("data")
            op.upsert("events", {"id": ev["id"], **ev.get("attributes", {}),
                                 "venue_id": venue["id"] if venue else None,
                                 "organizer_id": ((rel.get("organizer") or {}).get("data") or {}).get("id")})
            n += 1
            if venue and ("venues", venue["id"]) not in seen and ("venues", venue["id"]) in included:
                seen.add(("venues", venue["id"]))
                op.upsert("venues", {"id": venue["id"], **included[("venues", venue["id"])]["attributes"]})
            for t in (rel.get("ticket_types") or {}).get("data") or []:
                res = included.get(("ticket_types", t["id"]))
                if res:
                    op.upsert("ticket_types", {"id": t["id"], "event_id": ev["id"], **res["attributes"]})
        if len(doc["data"]) < LIMIT:  # naive
            break
        offset += len(doc["data"])
    log.info(f"{n} events, {len(seen)} venues")
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
