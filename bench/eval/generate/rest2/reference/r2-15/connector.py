import time
import requests
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "messages", "primary_key": ["id"]}]


class Api:
    def __init__(self, c):
        self.c, self.base, self.token, self.expires = c, c["base_url"].rstrip("/"), None, 0

    def auth(self):
        r = requests.post(self.base + "/oauth/token", data={"grant_type": "client_credentials"},
                          auth=(self.c["client_id"], self.c["client_secret"]), timeout=30)
        r.raise_for_status()
        body = r.json()
        self.token, self.expires = body["access_token"], time.monotonic() + float(body.get("expires_in", 60))

    def get(self, path, params):
        for _ in range(5):
            if not self.token or time.monotonic() > self.expires - 0.3:
                self.auth()
            r = requests.get(self.base + path, headers={"Authorization": "Bearer " + self.token}, params=params,
                             timeout=30)
            if r.status_code == 401:
                self.token = None
                continue
            r.raise_for_status()
            return r.json()
        raise RuntimeError("auth keeps failing")


def update(configuration, state):
    api = Api(configuration)
    since = int(state.get("since_id", 0))
    while True:
        msgs = api.get("/api/messages", {"since_id": since, "count": 100})["response"]["body"]["messages"]
        if not msgs:
            break
        for m in msgs:
            op.upsert("messages", m)
            since = max(since, m["id"])
        op.checkpoint({"since_id": since})
    op.checkpoint({"since_id": since})


connector = Connector(update=update, schema=schema)
