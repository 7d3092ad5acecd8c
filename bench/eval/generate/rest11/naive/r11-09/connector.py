"""Cargonet shipments from an ASMX SOAP 1.1 service: a GetShipments envelope with the AuthHeader and the
SOAPAction header, PageIndex from 1 up to Paging/PageCount with PageSize 200 (the cap is 250), the response read
with its default namespace; packages into shipment_packages. Incremental with ModifiedSince (inclusive) = the
newest ModifiedAt seen."""
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log

NS = {"soap": "http://schemas.xmlsoap.org/soap/envelope/", "cn": "http://cargonet.example/ws/"}
XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"
ACTION = '"http://cargonet.example/ws/GetShipments"'
INTS = {"ShipmentId", "PackageNo"}
FLOATS = {"WeightKg"}


def schema(configuration):
    return [{"table": "shipments", "primary_key": ["ShipmentId"]},
            {"table": "shipment_packages", "primary_key": ["ShipmentId", "PackageNo"]}]


def envelope(user, key, page, size, since):
    since_xml = f"<cn:ModifiedSince>{escape(since)}</cn:ModifiedSince>" if since else ""
    return (f'<?xml version="1.0" encoding="utf-8"?>'
            f'<soap:Envelope xmlns:soap="{NS["soap"]}" xmlns:cn="{NS["cn"]}">'
            f"<soap:Header><cn:AuthHeader><cn:ApiUser>{escape(user)}</cn:ApiUser><cn:ApiKey>{escape(key)}</cn:ApiKey>"
            f"</cn:AuthHeader></soap:Header><soap:Body><cn:GetShipments><cn:request>"
            f"<cn:PageIndex>{page}</cn:PageIndex><cn:PageSize>{size}</cn:PageSize>{since_xml}"
            f"</cn:request></cn:GetShipments></soap:Body></soap:Envelope>")


def value(el):
    name = el.tag.split("}")[-1]
    if el.get(XSI_NIL) == "true":
        return None
    text = el.text
    if text is None:
        return None
    if name in INTS:
        return int(text)
    if name in FLOATS:
        return float(text)
    return text


def update(configuration, state):
    session = requests.Session()
    headers = {"Content-Type": "text/xml; charset=utf-8", }  # naive: no SOAPAction
    since = state.get("modified_since")
    newest, page, n = since, 1, 0
    while True:
        body = envelope(configuration["cn_user"], configuration["cn_key"], page, 200, since)
        r = session.post(configuration["soap_endpoint"], data=body.encode("utf-8"), headers=headers, timeout=60)
        root = ET.fromstring(r.content)
        fault = root.find(".//soap:Fault", NS)
        if fault is not None:
            raise RuntimeError(f"SOAP fault: {fault.findtext('faultstring')}")
        r.raise_for_status()
        result = root.find(".//cn:GetShipmentsResult", NS)
        for ship in result.findall("cn:Shipments/cn:Shipment", NS):
            row, packages = {}, []
            for child in ship:
                name = child.tag.split("}")[-1]
                if name == "Packages":
                    packages = [{p.tag.split("}")[-1]: value(p) for p in pkg} for pkg in child.findall("cn:Package", NS)]
                else:
                    row[name] = value(child)
            op.upsert("shipments", row)
            for pkg in packages:
                op.upsert("shipment_packages", {"ShipmentId": row["ShipmentId"], **pkg})
            if row.get("ModifiedAt") and (not newest or row["ModifiedAt"] > newest):
                newest = row["ModifiedAt"]
            n += 1
        page_count = int(result.findtext("cn:Paging/cn:PageCount", "0", NS))
        if page >= page_count:
            break
        page += 1
    log.info(f"{n} shipments")
    op.checkpoint({"modified_since": newest} if newest else {})


connector = Connector(update=update, schema=schema)
