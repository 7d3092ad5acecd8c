import base64
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "app_logs", "primary_key": ["event_id"]}]


def update(configuration, state):
    url = configuration["base_url"].rstrip("/") + "/app-logs/_search"
    key = base64.b64encode(f"{configuration['api_key_id']}:{configuration['api_key']}".encode()).decode()
    headers = {"Authorization": "ApiKey " + key, "Content-Type": "application/json"}
    after = state.get("search_after")
    while True:
        body = {"size": 500, "sort": [{"@timestamp": "asc"}], "query": {"match_all": {}}}
        if after:
            body["search_after"] = after
        r = requests.post(url, headers=headers, json=body, timeout=60)
        r.raise_for_status()
        hits = r.json()["hits"]["hits"]
        for h in hits:
            src = h["_source"]
            ev, user, host = src.get("event") or {}, src.get("user") or {}, src.get("host") or {}
            op.upsert("app_logs", {"event_id": ev.get("id"), "doc_id": h["_id"], "timestamp": src.get("@timestamp"),
                                   "message": src.get("message"), "event_action": ev.get("action"),
                                   "event_outcome": ev.get("outcome"), "user_name": user.get("name"),
                                   "host_name": host.get("name"), "host_ip": host.get("ip")})
        if not hits:
            break
        after = hits[-1]["sort"]
        op.checkpoint({"search_after": after})
    op.checkpoint({"search_after": after})


connector = Connector(update=update, schema=schema)
