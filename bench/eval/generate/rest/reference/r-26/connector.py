"""Reference for r-26: inference log, OAuth2 (JSON token request, 1 s tokens), offset/limit, top_k child table."""
import time
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration: dict):
    return [{"table": "predictions", "primary_key": ["prediction_id"]},
            {"table": "prediction_labels", "primary_key": ["prediction_id", "label"]}]


class Api:
    def __init__(self, cfg):
        self.cfg = cfg
        self.base = cfg["base_url"].rstrip("/")
        self.token, self.expires = None, 0.0

    def refresh(self):
        resp = requests.post(f"{self.base}/auth/token", json={"client_id": self.cfg["client_id"],
                             "client_secret": self.cfg["client_secret"], "grant_type": "client_credentials"}, timeout=30)
        resp.raise_for_status()
        body = resp.json()
        self.token, self.expires = body["access_token"], time.time() + float(body.get("expires_in", 60))

    def get(self, path, params):
        for _ in range(5):
            if not self.token or time.time() >= self.expires:
                self.refresh()
            resp = requests.get(f"{self.base}{path}", params=params,
                                headers={"Authorization": f"Bearer {self.token}"}, timeout=30)
            if resp.status_code == 401:
                self.token = None
                continue
            resp.raise_for_status()
            return resp.json()
        raise RuntimeError(f"could not GET {path}")


def update(configuration: dict, state: dict):
    api = Api(configuration)
    offset = 0
    while True:
        body = api.get("/v1/predictions", {"offset": offset, "limit": 50})
        for p in body["predictions"]:
            op.upsert("predictions", p)
            for entry in p.get("top_k") or []:
                op.upsert("prediction_labels", {"prediction_id": p["prediction_id"], **entry})
        offset += 50
        if offset >= body["total"] or not body["predictions"]:
            break
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
