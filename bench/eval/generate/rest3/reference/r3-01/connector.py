import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "incidents", "primary_key": ["id"]}]


def update(configuration, state):
    url = configuration["base_url"].rstrip("/") + "/incidents"
    headers = {"Authorization": "Token token=" + configuration["api_key"], "Accept": "application/json"}
    offset = 0
    while True:
        r = requests.get(url, headers=headers, params={"offset": offset, "limit": 100}, timeout=30)
        r.raise_for_status()
        body = r.json()
        for inc in body["incidents"]:
            service = inc.get("service") or {}
            assignee = ((inc.get("assignments") or [{}])[0].get("assignee") or {})
            op.upsert("incidents", {
                "id": inc["id"], "incident_number": inc["incident_number"], "title": inc["title"],
                "status": inc["status"], "urgency": inc["urgency"], "created_at": inc["created_at"],
                "service_id": service.get("id"), "service_name": service.get("summary"),
                "assignee_id": assignee.get("id"), "assignee_name": assignee.get("summary")})
        if not body.get("more"):
            break
        offset += len(body["incidents"])
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)
