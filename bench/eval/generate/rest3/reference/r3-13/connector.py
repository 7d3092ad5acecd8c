import xml.etree.ElementTree as ET
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log

A = "{http://www.w3.org/2005/Atom}"
P = "{http://schemas.nordwaren.example/product/1.0}"


def schema(configuration):
    return [{"table": "products", "primary_key": ["id"]}, {"table": "product_variants", "primary_key": ["sku"]}]


def update(configuration, state):
    url = configuration["base_url"].rstrip("/") + "/feeds/products.atom"
    while url:
        r = requests.get(url, params={"key": configuration["feed_key"]}, timeout=30)
        r.raise_for_status()
        root = ET.fromstring(r.content)
        for e in root.findall(A + "entry"):
            pid = int(e.findtext(A + "id").rsplit(":", 1)[1])
            price = e.find(P + "price")
            op.upsert("products", {"id": pid, "title": e.findtext(A + "title"), "updated": e.findtext(A + "updated"),
                                   "brand": e.findtext(P + "brand"),
                                   "price": float(price.text) if price is not None else None,
                                   "currency": price.get("currency") if price is not None else None})
            for v in e.iter(P + "variant"):
                op.upsert("product_variants", {"sku": v.get("sku"), "product_id": pid, "size": v.get("size"),
                                               "color": v.get("color"), "stock": int(v.get("stock", 0))})
        nxt = [l.get("href") for l in root.findall(A + "link") if l.get("rel") == "next"]
        url = nxt[0] if nxt else None
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)
