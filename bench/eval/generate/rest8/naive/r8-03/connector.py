"""Shelfware catalog: namespaced XML, page/pageSize (max 100) until totalPages; stock locations as a child table."""
import xml.etree.ElementTree as ET

import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log

NS = {"sw": "urn:shelfware:catalog:2"}


def schema(configuration):
    return [{"table": "items", "primary_key": ["id"]},
            {"table": "item_stock", "primary_key": ["item_id", "location"]}]


def text(item, tag):
    el = item.find(f"sw:{tag}", NS)
    return el.text if el is not None and el.text else None


def update(configuration, state):
    url = configuration["catalog_host"].rstrip("/") + "/catalog/v2/items"
    headers = {"X-Feed-Key": configuration["feed_key"]}
    page = 1
    while True:
        r = requests.get(url, headers=headers, params={"page": page, "pageSize": 100}, timeout=30)
        r.raise_for_status()
        root = ET.fromstring(r.content)
        for item in root.findall("Item"):
            price = item.find("sw:Price", NS)
            item_id = int(item.get("id"))
            op.upsert("items", {"id": item_id, "status": item.get("status"), "sku": text(item, "Sku"),
                                "name": text(item, "Name"), "category": text(item, "Category"),
                                "price": price.text if price is not None else None,
                                "currency": price.get("currency") if price is not None else None,
                                "updated_at": text(item, "UpdatedAt")})
            for loc in item.findall("sw:Stock/sw:Location", NS):
                op.upsert("item_stock", {"item_id": item_id, "location": loc.get("code"), "qty": int(loc.get("qty"))})
        log.info(f"page {page} of {root.get('totalPages')}")
        if page >= int(root.get("totalPages") or 0):
            break
        page += 1
    op.checkpoint({"synced": True})


connector = Connector(update=update, schema=schema)
