"""Reference for r-22: scheduler jobs, Authorization: Token, offset/limit (max 100), data.jobs, 429 Retry-After."""
import time
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration: dict):
    return [{"table": "jobs", "primary_key": ["id"]}]


def get(session, url, params):
    for _ in range(10):
        resp = session.get(url, params=params, timeout=30)
        if resp.status_code == 429:
            time.sleep(float(resp.headers.get("Retry-After", "1")))
            continue
        resp.raise_for_status()
        return resp.json()
    raise RuntimeError("gave up")


def update(configuration: dict, state: dict):
    session = requests.Session()
    session.headers["Authorization"] = f"Token {configuration['api_token']}"
    url = f"{configuration['base_url'].rstrip('/')}/api/v2/jobs"
    offset = 0
    while True:
        body = get(session, url, {"offset": offset, "limit": 100})
        for job in body["data"]["jobs"]:
            op.upsert("jobs", job)
        offset += 100
        if offset >= body["data"]["total"] or not body["data"]["jobs"]:
            break
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
