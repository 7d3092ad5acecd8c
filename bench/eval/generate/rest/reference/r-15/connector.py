"""Reference for r-15: GraphQL viewer.repositories (nodes/pageInfo), X-Api-Key, RATE_LIMITED errors inside HTTP 200."""
import time
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log

QUERY = ("query($cursor: String) { viewer { repositories(first: 25, after: $cursor) { nodes { id name isPrivate "
         "primaryLanguage { name } stargazerCount createdAt } pageInfo { hasNextPage endCursor } } } }")


def schema(configuration: dict):
    return [{"table": "repositories", "primary_key": ["id"]}]


def run(session, url, variables):
    for attempt in range(8):
        resp = session.post(url, json={"query": QUERY, "variables": variables}, timeout=30)
        resp.raise_for_status()
        body = resp.json()
        errors = body.get("errors")
        if not errors:
            return body["data"]
        if all(e.get("type") == "RATE_LIMITED" for e in errors):
            log.info("rate limited, retrying")
            time.sleep(0.5 * (attempt + 1))
            continue
        raise RuntimeError(f"GraphQL errors: {errors}")
    raise RuntimeError("still rate limited")


def update(configuration: dict, state: dict):
    session = requests.Session()
    session.headers["X-Api-Key"] = configuration["api_key"]
    cursor = None
    while True:
        conn = run(session, configuration["graphql_url"], {"cursor": cursor})["viewer"]["repositories"]
        for node in conn["nodes"]:
            op.upsert("repositories", node)
        if not conn["pageInfo"]["hasNextPage"]:
            break
        cursor = conn["pageInfo"]["endCursor"]
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
