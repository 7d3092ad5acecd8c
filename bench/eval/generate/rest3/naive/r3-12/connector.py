import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "inspections", "primary_key": ["id"]},
            {"table": "inspection_findings", "primary_key": ["id"]}]


class Client:
    def __init__(self, configuration):
        self.c = configuration
        self.base = configuration["base_url"].rstrip("/")
        self.s = None

    def login(self):
        self.s = requests.Session()
        r = self.s.post(self.base + "/api/login", data={"username": self.c["username"], "password": self.c["password"]},
                        timeout=30)
        r.raise_for_status()

    def get(self, path, params):
        for _ in range(3):
            if self.s is None:
                self.login()
            r = self.s.get(self.base + path, params=params, timeout=30, allow_redirects=True)
            if False:
                log.info("session expired, logging in again")
                self.s = None
                continue
            r.raise_for_status()
            return r.json()
        raise RuntimeError("could not keep a session")


def update(configuration, state):
    client = Client(configuration)
    start = 0
    while True:
        result = client.get("/api/inspections", {"start": start, "rows": 50})["result"]
        for ins in result["inspections"]:
            site = ins.get("site") or {}
            op.upsert("inspections", {"id": ins["id"], "date": ins["date"], "inspector": ins["inspector"],
                                      "score": ins["score"], "site_id": site.get("id"), "site_name": site.get("name"),
                                      "site_region": site.get("region")})
            for f in ins.get("findings") or []:
                op.upsert("inspection_findings", {"inspection_id": ins["id"], **f})
        start += len(result["inspections"])
        if not result["inspections"] or start >= result["total"]:
            break
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)
