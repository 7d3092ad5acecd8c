"""Leadbase leads: POST search with paging and the updated_at filter in the JSON body, include_deleted, is_deleted
tombstones -> deletes, incremental on updated_at."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "leads", "primary_key": ["id"]}]


def update(configuration, state):
    url = configuration["crm_base"].rstrip("/") + "/api/v2/leads/search"
    headers = {"Authorization": "Token " + configuration["search_token"]}
    since = state.get("updated_since")
    newest = since
    body = {"include_deleted": True, "sort": {"field": "id", "order": "asc"}, "page": {"size": 100}}
    if since:
        body["filter"] = {"updated_at": {"gte": since}}
    upserts = deletes = 0
    while True:
        r = requests.post(url, json=body, headers=headers, timeout=30)
        r.raise_for_status()
        data = r.json()
        for lead in data["data"]:
            if lead.get("is_deleted"):
                op.delete("leads", {"id": lead["id"]})
                deletes += 1
            else:
                owner = lead.pop("owner", None) or {}
                lead["owner_id"], lead["owner_name"] = owner.get("id"), owner.get("name")
                op.upsert("leads", lead)
                upserts += 1
            if lead.get("updated_at") and (newest is None or lead["updated_at"] > newest):
                newest = lead["updated_at"]
        if not data["page"].get("next"):
            break
        body["page"] = {"size": 100, "after": data["page"]["next"]}
    log.info(f"{upserts} upserts, {deletes} deletes")
    op.checkpoint({"updated_since": newest})


connector = Connector(update=update, schema=schema)
