"""Reference for r-24: help-center articles, basic auth, next_cursor, modified_after incremental."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration: dict):
    return [{"table": "articles", "primary_key": ["id"]}]


def update(configuration: dict, state: dict):
    session = requests.Session()
    session.auth = (configuration["username"], configuration["password"])
    url = f"{configuration['base_url'].rstrip('/')}/api/articles"
    high = state.get("modified_after")
    params = {"limit": 30}
    if high:
        params["modified_after"] = high
    while True:
        resp = session.get(url, params=params, timeout=30)
        resp.raise_for_status()
        body = resp.json()
        for a in body["articles"]:
            op.upsert("articles", a)
            if high is None or a["modified_at"] > high:
                high = a["modified_at"]
        if not body.get("next_cursor"):
            break
        params = {"limit": 30, "cursor": body["next_cursor"]}
    if high:
        state["modified_after"] = high
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
