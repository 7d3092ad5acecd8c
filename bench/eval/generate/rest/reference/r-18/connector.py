"""Reference for r-18: items, Authorization: Token, keyset pagination with after_id, top-level list."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration: dict):
    return [{"table": "items", "primary_key": ["id"]}]


def update(configuration: dict, state: dict):
    session = requests.Session()
    session.headers["Authorization"] = f"Token {configuration['api_key']}"
    url = f"{configuration['base_url'].rstrip('/')}/items"
    after = 0
    while True:
        resp = session.get(url, params={"after_id": after, "limit": 100}, timeout=30)
        resp.raise_for_status()
        items = resp.json()
        if not items:
            break
        for item in items:
            op.upsert("items", item)
        after = items[-1]["id"]
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
