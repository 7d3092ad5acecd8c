"""Beacon tickets: bearer, page/per_page + has_more; incremental on updated_since (epoch ms), where a ticket's
modification time is `updated`, or `created` while `updated` is null."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "tickets", "primary_key": ["id"]}]


def update(configuration, state):
    url = configuration["base_url"].rstrip("/") + "/v1/tickets"
    headers = {"Authorization": "Bearer " + configuration["api_key"]}
    since = state.get("updated_since")
    newest = since or 0
    page = 1
    while True:
        params = {"page": page, "per_page": 100}
        if since:
            params["updated_since"] = since
        r = requests.get(url, headers=headers, params=params, timeout=30)
        r.raise_for_status()
        body = r.json()
        for ticket in body.get("tickets") or []:
            op.upsert("tickets", ticket)
            stamp = ticket.get("updated") or ticket.get("created") or 0
            newest = max(newest, int(stamp))
        if not body.get("has_more") or not body.get("tickets"):
            break
        page += 1
    op.checkpoint({"updated_since": newest} if newest else state)


connector = Connector(update=update, schema=schema)
