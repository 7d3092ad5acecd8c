"""Dealflow deals: bearer, limit (max 100) + after from paging.next.after, updatedAfter incremental; archived deals
(listed only with archived=true) -> op.delete."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "deals", "primary_key": ["id"]}]


def update(configuration, state):
    url = configuration["base_url"].rstrip("/") + "/crm/v1/deals"
    headers = {"Authorization": "Bearer " + configuration["access_token"]}
    since = state.get("updatedAfter")
    newest = since
    for archived in ("false", "true"):
        params = {"limit": 100, "archived": archived}
        if since:
            params["updatedAfter"] = since
        while True:
            r = requests.get(url, headers=headers, params=params, timeout=30)
            r.raise_for_status()
            body = r.json()
            for deal in body["results"]:
                if deal.get("archived"):
                    op.delete("deals", {"id": deal["id"]})
                else:
                    props = deal.pop("properties", None) or {}
                    op.upsert("deals", {**deal, **props})
                if newest is None or deal["updatedAt"] > newest:
                    newest = deal["updatedAt"]
            after = ((body.get("paging") or {}).get("next") or {}).get("after")
            if not after:
                break
            params["after"] = after
    op.checkpoint({"updatedAfter": newest})


connector = Connector(update=update, schema=schema)
