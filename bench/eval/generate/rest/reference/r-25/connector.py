"""Reference for r-25: users POST search (page_token in the body), ApiKey auth, updated_after, is_deleted -> delete."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration: dict):
    return [{"table": "users", "primary_key": ["id"]}]


def update(configuration: dict, state: dict):
    session = requests.Session()
    session.headers["Authorization"] = f"ApiKey {configuration['api_key']}"
    url = f"{configuration['base_url'].rstrip('/')}/api/users/search"
    high = state.get("updated_after")
    body = {"page_size": 50, "page_token": None}
    if high:
        body["updated_after"] = high
    while True:
        resp = session.post(url, json=body, timeout=30)
        resp.raise_for_status()
        page = resp.json()
        for u in page["users"]:
            if u.get("is_deleted"):
                op.delete("users", {"id": u["id"]})
            else:
                op.upsert("users", u)
            if high is None or u["updated_at"] > high:
                high = u["updated_at"]
        if not page.get("next_page_token"):
            break
        body["page_token"] = page["next_page_token"]
    if high:
        state["updated_after"] = high
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
