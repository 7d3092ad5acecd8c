import requests
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "shipments", "primary_key": ["id"]},
            {"table": "shipment_events", "primary_key": ["id"]}]


class Api:
    def __init__(self, configuration):
        self.base = configuration["base_url"].rstrip("/")
        self.cfg = configuration
        self.token = None

    def login(self):
        r = requests.post(self.base + "/oauth/token", data={"grant_type": "client_credentials",
                                                             "client_id": self.cfg["client_id"],
                                                             "client_secret": self.cfg["client_secret"]}, timeout=30)
        r.raise_for_status()
        self.token = r.json()["access_token"]

    def get(self, url):
        for _ in range(3):
            if not self.token:
                self.login()
            r = requests.get(url if url.startswith("http") else self.base + url,
                             headers={"Authorization": "Bearer " + self.token}, timeout=30)
            if r.status_code == 401:
                self.token = None
                continue
            r.raise_for_status()
            return r.json()
        raise RuntimeError("could not authenticate")


def update(configuration, state):
    api = Api(configuration)
    url = "/v1/shipments"
    while url:
        body = api.get(url)
        for s in body["shipments"]:
            op.upsert("shipments", s)
            for e in api.get(f"/v1/shipments/{s['id']}/events")["events"]:
                op.upsert("shipment_events", {"shipment_id": s["id"], **e})
        url = body.get("next")
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)
