import xml.etree.ElementTree as ET
import requests
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "products", "primary_key": ["id"]}]


def update(configuration, state):
    url = configuration["feed_url"].rstrip("/") + "/feed/products.xml"
    page = 1
    while True:
        r = requests.get(url, params={"token": configuration["feed_token"], "page": page}, timeout=30)
        r.raise_for_status()
        products = ET.fromstring(r.content).findall("product")
        if not products:
            break
        for p in products:
            op.upsert("products", {"id": p.get("id"), **{c.tag: c.text for c in p}})
        page += 1
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)
