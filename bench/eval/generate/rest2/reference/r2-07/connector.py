import requests
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "members", "primary_key": ["id"]}]


def update(configuration, state):
    base = configuration["base_url"].rstrip("/")
    r = requests.post(base + "/auth/login", json={"username": configuration["username"],
                                                  "password": configuration["password"]}, timeout=30)
    r.raise_for_status()
    headers = {"X-Session-Token": r.json()["session"]["token"]}
    after = int(state.get("after_id", 0))
    while True:
        r = requests.get(base + "/api/members", headers=headers, params={"after_id": after, "limit": 200}, timeout=30)
        r.raise_for_status()
        rows = r.json()["members"]
        if not rows:
            break
        for m in rows:
            op.upsert("members", m)
        after = rows[-1]["id"]
        op.checkpoint({"after_id": after})
    op.checkpoint({"after_id": after})


connector = Connector(update=update, schema=schema)
