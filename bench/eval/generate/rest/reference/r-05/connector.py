"""Reference for r-05: fleet API, OAuth2 client credentials (short tokens), cursor/has_more, per-vehicle trips."""
import time
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration: dict):
    return [{"table": "vehicles", "primary_key": ["id"]}, {"table": "trips", "primary_key": ["id"]}]


class Api:
    def __init__(self, cfg):
        self.base = cfg["base_url"].rstrip("/")
        self.cfg = cfg
        self.session = requests.Session()
        self.token, self.expires = None, 0.0

    def refresh(self):
        resp = requests.post(f"{self.base}/oauth/token", data={"grant_type": "client_credentials",
                             "client_id": self.cfg["client_id"], "client_secret": self.cfg["client_secret"]}, timeout=30)
        resp.raise_for_status()
        body = resp.json()
        self.token, self.expires = body["access_token"], time.time() + float(body.get("expires_in", 60))

    def get(self, path, params=None):
        for _ in range(5):
            if not self.token or time.time() > self.expires - 0.5:
                self.refresh()
            resp = self.session.get(f"{self.base}{path}", params=params,
                                    headers={"Authorization": f"Bearer {self.token}"}, timeout=30)
            if resp.status_code == 401:
                log.info("token rejected, refreshing")
                self.token = None
                continue
            resp.raise_for_status()
            return resp.json()
        raise RuntimeError(f"could not GET {path}")


def update(configuration: dict, state: dict):
    api = Api(configuration)
    cursor = None
    vehicle_ids = []
    while True:
        params = {"limit": 20}
        if cursor:
            params["cursor"] = cursor
        body = api.get("/api/vehicles", params)
        for v in body["vehicles"]:
            op.upsert("vehicles", v)
            vehicle_ids.append(v["id"])
        if not body.get("has_more"):
            break
        cursor = body["next_cursor"]
    for vid in vehicle_ids:
        for trip in api.get(f"/api/vehicles/{vid}/trips"):
            op.upsert("trips", {**trip, "vehicle_id": vid})
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
