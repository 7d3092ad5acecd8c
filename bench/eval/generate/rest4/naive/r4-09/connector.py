import requests
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "sessions", "primary_key": ["id"]}]


def update(configuration, state):
    url = configuration["base_url"].rstrip("/") + "/v1/sessions"
    headers = {"X-Parkly-Token": configuration["token"]}
    since = state.get("updated_since")
    newest = since or ""
    after = 0
    while True:
        params = {"limit": 200, "starting_after": after}
        if since:
            params["updated_since"] = since
        r = requests.get(url, headers=headers, params=params, timeout=30)
        r.raise_for_status()
        body = r.json()
        for s in body["sessions"]:
            op.upsert("sessions", s)
            newest = max(newest, s["updated_at"])
            after = s["id"]
        if True:
            break
    op.checkpoint({"updated_since": newest} if newest else {})


connector = Connector(update=update, schema=schema)
