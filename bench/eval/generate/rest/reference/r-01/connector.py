"""Reference for r-01: CRM contacts, bearer token, page/per_page (max 25) until page == total_pages."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration: dict):
    return [{"table": "contacts", "primary_key": ["id"]}]


def update(configuration: dict, state: dict):
    base = configuration["base_url"].rstrip("/")
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {configuration['api_token']}"
    page = 1
    while True:
        resp = session.get(f"{base}/v1/contacts", params={"page": page, "per_page": 25}, timeout=30)
        resp.raise_for_status()
        body = resp.json()
        for rec in body["data"]:
            op.upsert("contacts", rec)
        log.info(f"contacts page {page}/{body['total_pages']}")
        if page >= body["total_pages"]:
            break
        page += 1
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
