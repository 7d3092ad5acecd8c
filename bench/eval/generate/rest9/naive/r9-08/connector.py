"""Cargonaut shipments (XML): api_key in the query string, page/per_page (<= 100) until total_pages; values in
child elements and attributes; <packages><package seq> becomes shipment_packages keyed (shipment_id, seq)."""
import xml.etree.ElementTree as ET

import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "shipments", "primary_key": ["id"]},
            {"table": "shipment_packages", "primary_key": ["shipment_id", "seq"]}]


def text(el, path):
    found = el.find(path)
    return found.text if found is not None else None


def attr(el, path, name):
    found = el.find(path)
    return found.get(name) if found is not None else None


def update(configuration, state):
    url = configuration["cargo_host"].rstrip("/") + "/api/v1/shipments.xml"
    page = 1
    while True:
        r = requests.get(url, params={"api_key": configuration["cargo_api_key"], "page": page, "per_page": 100},
                         timeout=30)
        r.raise_for_status()
        root = ET.fromstring(r.content)
        for s in root.findall("shipment"):
            sid = s.get("id")
            op.upsert("shipments", {
                "id": sid, "reference": text(s, "reference"), "status": text(s, "status"),
                "carrier_code": attr(s, "carrier", "code"), "carrier_name": text(s, "carrier"),
                "origin_city": text(s, "origin"), "origin_country": attr(s, "origin", "country"),
                "destination_city": text(s, "destination"), "destination_country": attr(s, "destination", "country"),
                "shipped_at": text(s, "shipped_at")})
            for p in s.findall("package"):
                weight = text(p, "weight")
                op.upsert("shipment_packages", {
                    "shipment_id": sid, "seq": int(p.get("seq")), "weight": float(weight) if weight else None,
                    "weight_unit": attr(p, "weight", "unit"), "dims": text(p, "dims"), "tracking": text(p, "tracking")})
        if page >= int(root.get("total_pages")):
            break
        page += 1
    log.info("shipments synced")
    op.checkpoint({"synced": True})


connector = Connector(update=update, schema=schema)
