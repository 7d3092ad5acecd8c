"""Reference for r-17: ERP export, basic auth, server-sized pages with total_pages, two tables, retry 503."""
import time
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration: dict):
    return [{"table": "customers", "primary_key": ["customer_no"]}, {"table": "orders", "primary_key": ["order_no"]}]


def get(session, url, params):
    for attempt in range(6):
        resp = session.get(url, params=params, timeout=30)
        if resp.status_code == 503:
            time.sleep(0.3 * 2 ** attempt)
            continue
        resp.raise_for_status()
        return resp.json()
    raise RuntimeError("gave up")


def update(configuration: dict, state: dict):
    session = requests.Session()
    session.auth = (configuration["username"], configuration["password"])
    base = configuration["base_url"].rstrip("/")
    for table in ("customers", "orders"):
        page = 1
        while True:
            body = get(session, f"{base}/export/{table}", {"page": page})
            for rec in body["data"]:
                op.upsert(table, rec)
            if page >= body["total_pages"]:
                break
            page += 1
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
