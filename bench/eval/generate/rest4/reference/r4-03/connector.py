import requests
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "appointments", "primary_key": ["appointment_id"]}]


def update(configuration, state):
    url = configuration["base_url"].rstrip("/") + "/v1/appointments"
    headers = {"X-Clinic-Key": configuration["clinic_key"]}
    since = state.get("modified_since")
    newest = since or ""
    cursor = None
    while True:
        params = {"limit": 100}
        if since:
            params["modified_since"] = since
        if cursor:
            params["cursor"] = cursor
        r = requests.get(url, headers=headers, params=params, timeout=30)
        r.raise_for_status()
        body = r.json()
        for a in body["data"]:
            if a.get("deleted"):
                op.delete("appointments", {"appointment_id": a["appointment_id"]})
            else:
                op.upsert("appointments", a)
            newest = max(newest, a["modified_at"])
        cursor = body.get("next_cursor")
        if not cursor:
            break
    op.checkpoint({"modified_since": newest} if newest else {})


connector = Connector(update=update, schema=schema)
