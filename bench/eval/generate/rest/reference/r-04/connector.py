"""Reference for r-04: storefront GraphQL products (relay edges/pageInfo), bearer, THROTTLED errors inside HTTP 200."""
import time
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log

QUERY = ("query Products($first: Int!, $after: String) { products(first: $first, after: $after) { edges { node { id "
         "title vendor status priceRange { min max } tags updatedAt } } pageInfo { hasNextPage endCursor } } }")


def schema(configuration: dict):
    return [{"table": "products", "primary_key": ["id"]}]


def run(session, url, variables):
    for _ in range(10):
        resp = session.post(url, json={"query": QUERY, "variables": variables}, timeout=30)
        resp.raise_for_status()
        body = resp.json()
        errors = body.get("errors")
        if not errors:
            return body["data"]
        if all((e.get("extensions") or {}).get("code") == "THROTTLED" for e in errors):
            log.info("throttled, retrying in 1s")
            time.sleep(1)
            continue
        raise RuntimeError(f"GraphQL errors: {errors}")
    raise RuntimeError("still throttled")


def update(configuration: dict, state: dict):
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {configuration['access_token']}"
    after = None
    while True:
        conn = run(session, configuration["endpoint"], {"first": 50, "after": after})["products"]
        for edge in conn["edges"]:
            op.upsert("products", edge["node"])
        if not conn["pageInfo"]["hasNextPage"]:
            break
        after = conn["pageInfo"]["endCursor"]
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
