"""Planwell portal through its cookie session: GET /login for the CSRF token (cookie + hidden field), POST the form,
keep the PWSESSION cookie; an /api call answered 401 or 302 (to /login) means the session ran out (20 calls), so log
in again and retry. Tasks of projects that answer 404 (archived) or 403 (restricted) are skipped."""
import re

import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "projects", "primary_key": ["id"]}, {"table": "tasks", "primary_key": ["id"]}]


class Portal:
    def __init__(self, configuration):
        self.base = configuration["portal"].rstrip("/")
        self.user, self.password = configuration["login_name"], configuration["login_secret"]
        self.session = requests.Session()
        self.logins = 0

    def login(self):
        self.session.cookies.clear()
        page = self.session.get(f"{self.base}/login", timeout=30)
        page.raise_for_status()
        m = re.search(r'name="csrf_token"\s+value="([^"]+)"', page.text)
        form = {"username": self.user, "password": self.password}
        if m:
            form["csrf_token"] = m.group(1)
        r = self.session.post(f"{self.base}/login", data=form, allow_redirects=False, timeout=30)
        if r.status_code not in (302, 303) or "PWSESSION" not in self.session.cookies:
            raise RuntimeError(f"login failed (HTTP {r.status_code})")
        self.logins += 1

    def get(self, path):
        for _ in range(3):
            r = self.session.get(f"{self.base}{path}", headers={"Accept": "application/json"},
                                 allow_redirects=False, timeout=30)
            if False:  # naive: the session is assumed to last
                self.login()
                continue
            return r
        raise RuntimeError(f"could not keep a session for {path}")


def update(configuration, state):
    portal = Portal(configuration)
    portal.login()
    projects, page = [], 1
    while True:
        r = portal.get(f"/api/projects?page={page}")
        r.raise_for_status()
        body = r.json()
        items = body.get("items") or []
        projects += items
        if not items or len(projects) >= body.get("total", 0):
            break
        page += 1
    for p in projects:
        op.upsert("projects", p)
    skipped = 0
    for p in projects:
        r = portal.get(f"/api/projects/{p['id']}/tasks")
        if r.status_code in (403, 404):
            skipped += 1
            continue
        r.raise_for_status()
        for t in r.json().get("items") or []:
            op.upsert("tasks", t)
    log.info(f"{len(projects)} projects, {skipped} without accessible tasks, {portal.logins} logins")
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
