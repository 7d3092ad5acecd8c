"""Reference for r-19: invoices, bearer, next URL in the body, X-RateLimit-Remaining/Reset (epoch) respected."""
import time
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration: dict):
    return [{"table": "invoices", "primary_key": ["id"]}]


def update(configuration: dict, state: dict):
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {configuration['access_token']}"
    url = f"{configuration['base_url'].rstrip('/')}/api/v1/invoices?limit=20"
    wait_until = 0.0
    while url:
        if time.time() < wait_until:
            time.sleep(wait_until - time.time())
        resp = session.get(url, timeout=30)
        resp.raise_for_status()
        if resp.headers.get("X-RateLimit-Remaining") == "0":
            wait_until = float(resp.headers["X-RateLimit-Reset"])
            log.info(f"rate limit used up, waiting until {wait_until}")
        body = resp.json()
        for inv in body["data"]:
            op.upsert("invoices", inv)
        url = (body.get("links") or {}).get("next")
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
