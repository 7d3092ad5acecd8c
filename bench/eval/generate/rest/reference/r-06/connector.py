"""Reference for r-06: issues, Authorization: Token, Link header pagination, top-level list, retry 503."""
import time
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration: dict):
    return [{"table": "issues", "primary_key": ["id"]}]


def get(session, url, params=None):
    for attempt in range(6):
        resp = session.get(url, params=params, timeout=30)
        if resp.status_code >= 500:
            log.info(f"{resp.status_code}, retrying")
            time.sleep(0.3 * 2 ** attempt)
            continue
        resp.raise_for_status()
        return resp
    raise RuntimeError(f"gave up on {url}")


def update(configuration: dict, state: dict):
    session = requests.Session()
    session.headers["Authorization"] = f"Token {configuration['api_key']}"
    resp = get(session, f"{configuration['base_url'].rstrip('/')}/api/issues", {"per_page": 100})
    while True:
        for issue in resp.json():
            op.upsert("issues", issue)
        nxt = resp.links.get("next", {}).get("url")
        if not nxt:
            break
        resp = get(session, nxt)
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
