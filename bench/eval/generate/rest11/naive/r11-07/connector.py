"""Depotra warehouses and bins over a Spring-Data-REST HAL API: records under _embedded (CURIE rels such as
"dp:warehouses"), paging by _links.next.href, ids taken from _links.self.href. Bins per warehouse; a warehouse
whose bins answer 404 (decommissioned) or 403 (partner-run) is skipped; an empty page has no _embedded."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "warehouses", "primary_key": ["id"]}, {"table": "bins", "primary_key": ["id"]}]


def embedded(body, rel):
    items = body.get("_embedded") or {}
    for key, value in items.items():
        if key == rel or key.endswith(":" + rel):
            return value
    return []


def self_id(item):
    return int(item["_links"]["self"]["href"].rstrip("/").rsplit("/", 1)[1])


def pages(session, url, rel):
    params = {"size": 50}
    while url:
        r = session.get(url, params=params, timeout=30)
        if r.status_code == 404:  # naive
            yield None
            return
        r.raise_for_status()
        body = r.json()
        yield from embedded(body, rel)
        url = ((body.get("_links") or {}).get("next") or {}).get("href")
        params = None


def plain(item):
    return {k: v for k, v in item.items() if k != "_links"}


def update(configuration, state):
    session = requests.Session()
    session.headers.update({"X-Depotra-Token": configuration["depot_token"], "Accept": "application/hal+json"})
    base = configuration["depot_api"].rstrip("/")
    warehouses = []
    for w in pages(session, f"{base}/warehouses", "warehouses"):
        if w is None:
            raise RuntimeError("warehouses list not accessible")
        row = {"id": self_id(w), **plain(w)}
        op.upsert("warehouses", row)
        warehouses.append(row["id"])
    skipped, n = 0, 0
    for wid in warehouses:
        for b in pages(session, f"{base}/warehouses/{wid}/bins", "bins"):
            if b is None:
                skipped += 1
                break
            op.upsert("bins", {"id": self_id(b), "warehouse_id": wid, **plain(b)})
            n += 1
    log.info(f"{len(warehouses)} warehouses ({skipped} skipped), {n} bins")
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
