"""Reference for r-20: Shoply stores -> products, X-Api-Key, page/total_pages, X-RateLimit-Reset in seconds."""
import time
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration: dict):
    return [{"table": "stores", "primary_key": ["id"]}, {"table": "products", "primary_key": ["id"]}]


class Api:
    def __init__(self, cfg):
        self.base = cfg["base_url"].rstrip("/")
        self.session = requests.Session()
        self.session.headers["X-Api-Key"] = cfg["api_key"]
        self.wait_until = 0.0

    def get(self, path, params):
        if time.time() < self.wait_until:
            time.sleep(self.wait_until - time.time())
        resp = self.session.get(f"{self.base}{path}", params=params, timeout=30)
        resp.raise_for_status()
        if resp.headers.get("X-RateLimit-Remaining") == "0":
            self.wait_until = time.time() + float(resp.headers.get("X-RateLimit-Reset", "1"))
        return resp.json()

    def pages(self, path, key):
        page = 1
        while True:
            body = self.get(path, {"page": page})
            yield from body[key]
            if page >= body["total_pages"]:
                return
            page += 1


def update(configuration: dict, state: dict):
    api = Api(configuration)
    stores = list(api.pages("/api/stores", "stores"))
    for s in stores:
        op.upsert("stores", s)
    for s in stores:
        for p in api.pages(f"/api/stores/{s['id']}/products", "products"):
            op.upsert("products", p)
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
