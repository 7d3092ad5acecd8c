"""Reference for r-14: pricing XML with namespaces, ApiKey auth, offset/count with a Paging element, retry 503."""
import time
import xml.etree.ElementTree as ET
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log

NS = {"pl": "http://schemas.example.com/pricing/2019", "m": "http://schemas.example.com/money"}


def schema(configuration: dict):
    return [{"table": "prices", "primary_key": ["id"]}]


def get(session, url, params):
    for attempt in range(6):
        resp = session.get(url, params=params, timeout=30)
        if resp.status_code >= 500:
            log.info(f"{resp.status_code}, retrying")
            time.sleep(0.3 * 2 ** attempt)
            continue
        resp.raise_for_status()
        return ET.fromstring(resp.content)
    raise RuntimeError("gave up")


def update(configuration: dict, state: dict):
    session = requests.Session()
    session.headers["Authorization"] = f"ApiKey {configuration['api_key']}"
    url = f"{configuration['base_url'].rstrip('/')}/pricing/v1/PriceList"
    offset, count = 0, 50
    while True:
        root = get(session, url, {"offset": offset, "count": count})
        total = int(root.find("pl:Paging", NS).get("total"))
        for p in root.iterfind("pl:Prices/pl:Price", NS):
            product = p.find("pl:Product", NS)
            amount = p.find("m:Amount", NS)
            op.upsert("prices", {"id": p.get("id"), "product": product.text, "sku": product.get("sku"),
                                 "region": p.findtext("pl:Region", namespaces=NS),
                                 "amount": float(amount.text), "currency": amount.get("currency"),
                                 "valid_from": p.findtext("pl:ValidFrom", namespaces=NS),
                                 "valid_to": p.findtext("pl:ValidTo", namespaces=NS)})
        offset += count
        if offset >= total:
            break
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
