"""Reference for r-07: StockFeed Atom XML with namespaces, basic auth, rel="next" link in the body."""
import xml.etree.ElementTree as ET
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log

NS = {"a": "http://www.w3.org/2005/Atom", "inv": "urn:stockfeed:inventory:1.0"}


def schema(configuration: dict):
    return [{"table": "stock_items", "primary_key": ["sku"]}]


def update(configuration: dict, state: dict):
    auth = (configuration["username"], configuration["password"])
    url = f"{configuration['base_url'].rstrip('/')}/feeds/stock"
    while url:
        resp = requests.get(url, auth=auth, timeout=30)
        resp.raise_for_status()
        root = ET.fromstring(resp.content)
        for entry in root.findall("a:entry", NS):
            wh = entry.find("inv:warehouse", NS)
            price = entry.find("inv:unitPrice", NS)
            op.upsert("stock_items", {
                "sku": entry.findtext("inv:sku", namespaces=NS),
                "entry_id": entry.findtext("a:id", namespaces=NS),
                "updated": entry.findtext("a:updated", namespaces=NS),
                "name": entry.findtext("inv:name", namespaces=NS),
                "warehouse": wh.text, "warehouse_code": wh.get("code"),
                "quantity": int(entry.findtext("inv:quantity", namespaces=NS)),
                "unit_price": float(price.text), "currency": price.get("currency"),
            })
        nxt = [l.get("href") for l in root.findall("a:link", NS) if l.get("rel") == "next"]
        url = nxt[0] if nxt else None
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
