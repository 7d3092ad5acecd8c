"""Helpline tickets + ticket_comments: bearer, `after` from paging.next.after (no paging = last page; pages may be
empty in the middle); updatedAfter incremental; requester/organization and comment authors may be null."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "tickets", "primary_key": ["id"]}, {"table": "ticket_comments", "primary_key": ["id"]}]


def dig(obj, *keys):
    for key in keys:
        if not isinstance(obj, dict):
            return None
        obj = obj.get(key)
    return obj


def update(configuration, state):
    url = configuration["base_url"].rstrip("/") + "/api/v3/tickets"
    headers = {"Authorization": "Bearer " + configuration["api_key"]}
    cursor = state.get("updatedAfter")
    newest = cursor
    after = None
    while True:
        params = {"limit": 50}
        if cursor:
            params["updatedAfter"] = cursor
        if after:
            params["after"] = after
        r = requests.get(url, headers=headers, params=params, timeout=30)
        r.raise_for_status()
        body = r.json()
        for ticket in body.get("results") or []:
            comments = ticket.pop("comments", None) or []
            op.upsert("tickets", {**ticket, "organization_name": dig(ticket, "requester", "organization", "name")})
            for comment in comments:
                op.upsert("ticket_comments", {**comment, "ticket_id": ticket["id"],
                                              "author_name": dig(comment, "author", "name")})
            if ticket.get("updated_at") and (newest is None or ticket["updated_at"] > newest):
                newest = ticket["updated_at"]
        after = dig(body, "paging", "next", "after")
        if not after:
            break
    op.checkpoint({"updatedAfter": newest} if newest else state)


connector = Connector(update=update, schema=schema)
