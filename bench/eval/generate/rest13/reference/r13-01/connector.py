"""Tallybook contacts: bearer, page/per_page (max 100) with meta.total_pages; keyed on `uuid` (there is no `id`);
company may be null, so company_name is taken with .get()."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "contacts", "primary_key": ["uuid"]}]


def update(configuration, state):
    url = configuration["base_url"].rstrip("/") + "/api/contacts"
    headers = {"Authorization": "Bearer " + configuration["api_token"]}
    page = 1
    while True:
        r = requests.get(url, headers=headers, params={"page": page, "per_page": 100}, timeout=30)
        r.raise_for_status()
        body = r.json()
        for contact in body.get("data") or []:
            company = contact.get("company") or {}
            op.upsert("contacts", {**contact, "company_name": company.get("name")})
        if not body.get("data") or page >= int(body["meta"]["total_pages"]):
            break
        page += 1
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)
