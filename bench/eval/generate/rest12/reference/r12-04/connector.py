"""Shipment tracking events from OpenSearch with the scroll API: ApiKey auth (base64 of id:key), batches of 500,
always continuing with the newest _scroll_id (it changes with every answer), clearing the scroll at the end.
Incremental on ingested_at (events arrive late, so @timestamp would miss them); the key is the document _id."""
import base64

import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log

BATCH = 500


def schema(configuration):
    return [{"table": "shipment_events", "primary_key": ["doc_id"]}]


def update(configuration, state):
    base = configuration["os_url"].rstrip("/")
    key = base64.b64encode(f"{configuration['os_key_id']}:{configuration['os_key_secret']}".encode()).decode()
    session = requests.Session()
    session.headers.update({"Authorization": f"ApiKey {key}", "Content-Type": "application/json"})

    def post(url, body, params=None):
        r = session.post(url, json=body, params=params, timeout=60)
        if r.status_code >= 400:
            raise RuntimeError(f"OpenSearch {r.status_code}: {r.text[:400]}")
        return r.json()

    cursor = state.get("ingested_after")
    query = {"range": {"ingested_at": {"gt": cursor}}} if cursor else {"match_all": {}}
    body = post(f"{base}/{configuration['index_pattern']}/_search", {"size": BATCH, "query": query, "sort": ["_doc"]},
                {"scroll": "2m"})
    newest, n = cursor, 0
    scroll_id = body.get("_scroll_id")
    try:
        while body["hits"]["hits"]:
            for hit in body["hits"]["hits"]:
                src = hit.get("_source") or {}
                op.upsert("shipment_events", {"doc_id": hit["_id"], "index": hit["_index"], **src})
                n += 1
                if src.get("ingested_at") and (not newest or src["ingested_at"] > newest):
                    newest = src["ingested_at"]
            body = post(f"{base}/_search/scroll", {"scroll": "2m", "scroll_id": scroll_id})
            scroll_id = body.get("_scroll_id") or scroll_id
    finally:
        if scroll_id:
            session.delete(f"{base}/_search/scroll", json={"scroll_id": scroll_id}, timeout=30)
    log.info(f"{n} shipment events")
    op.checkpoint({"ingested_after": newest} if newest else {})


connector = Connector(update=update, schema=schema)
