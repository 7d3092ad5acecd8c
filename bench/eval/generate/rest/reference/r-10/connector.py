"""Reference for r-10: deals, X-Api-Key, page + has_more, updated_since incremental with is_deleted tombstones."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration: dict):
    return [{"table": "deals", "primary_key": ["id"]}]


def update(configuration: dict, state: dict):
    session = requests.Session()
    session.headers["X-Api-Key"] = configuration["api_key"]
    url = f"{configuration['base_url'].rstrip('/')}/api/deals"
    since = state.get("updated_since")
    high = since
    page = 1
    while True:
        params = {"page": page}
        if since:
            params["updated_since"] = since
        resp = session.get(url, params=params, timeout=30)
        resp.raise_for_status()
        body = resp.json()
        for deal in body["deals"]:
            if deal.get("is_deleted"):
                op.delete("deals", {"id": deal["id"]})
            else:
                op.upsert("deals", deal)
            if high is None or deal["updated_at"] > high:
                high = deal["updated_at"]
        if not body.get("has_more"):
            break
        page += 1
    if high:
        state["updated_since"] = high
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
