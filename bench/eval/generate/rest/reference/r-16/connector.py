"""Reference for r-16: PayrollCo, OAuth2 client credentials (HTTP Basic client auth, scope=read), short tokens."""
import time
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration: dict):
    return [{"table": "employees", "primary_key": ["id"]}, {"table": "departments", "primary_key": ["id"]}]


class Api:
    def __init__(self, cfg):
        self.base = cfg["base_url"].rstrip("/")
        self.auth = (cfg["client_id"], cfg["client_secret"])
        self.token = None

    def refresh(self):
        resp = requests.post(f"{self.base}/oauth2/token", auth=self.auth,
                             data={"grant_type": "client_credentials", "scope": "read"}, timeout=30)
        resp.raise_for_status()
        self.token = resp.json()["access_token"]

    def get(self, path, params=None):
        for _ in range(5):
            if not self.token:
                self.refresh()
            resp = requests.get(f"{self.base}{path}", params=params,
                                headers={"Authorization": f"Bearer {self.token}"}, timeout=30)
            if resp.status_code == 401:
                log.info("401, refreshing the token")
                self.token = None
                continue
            resp.raise_for_status()
            return resp.json()
        raise RuntimeError(f"could not GET {path}")


def update(configuration: dict, state: dict):
    api = Api(configuration)
    page = 1
    while True:
        body = api.get("/v1/employees", {"page": page, "page_size": 20})
        for e in body["result"]["items"]:
            op.upsert("employees", e)
        if page >= body["paging"]["total_pages"]:
            break
        page += 1
    for d in api.get("/v1/departments"):
        op.upsert("departments", d)
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
