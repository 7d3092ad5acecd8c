"""Local mock HTTP APIs for the rest10 generate-evaluation set (standard library only).

serve(source, workdir) starts one mock on 127.0.0.1 (port 0, daemon thread) and yields an object with
.values (placeholders for the task's request and config: `base_url` plus the credentials, and for Quillform the
form id) and .advance() (the changes seen by a second sync, stamped with the current time).

Every mock enforces what its task's request says (auth scheme, stated page-size caps, the pagination it names,
filter formats, rate limits) and, where the request is silent, behaves as an ordinary API would (a default page
size, unknown parameters ignored, an unstated cap clamped rather than refused). All data is seeded, so row counts
are exact; make_tasks.py reads the expected counts from these classes.

The one rate-limited API (r10-06) counts requests, not time: every 4th request is a 429 with `Retry-After: 2`, and
any request within 1 s of that 429 is another 429, so a client that waits as told (2 s) always gets through while a
client that does not retry fails at once. Nothing else depends on timing.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import json
import math
import pathlib
import random
import re
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Iterator

FIRST = ["ana", "ben", "chloe", "dev", "elif", "farid", "gina", "hugo", "ines", "jon", "kira", "lars", "mei",
         "nora", "omar", "pia", "quinn", "rosa", "sven", "tara", "uma", "vik", "wen", "yara", "zane"]
LAST = ["abbott", "berg", "costa", "dahl", "evans", "fischer", "garcia", "haas", "ito", "jensen", "kowalski",
        "lopez", "moreau", "nakamura", "olsen", "petrov", "quist", "rossi", "silva", "tanaka"]
WORDS = ["alpha", "bolt", "cedar", "delta", "ember", "fjord", "granite", "harbor", "iris", "juniper", "kepler",
         "lumen", "maple", "nova", "onyx", "prism", "quartz", "raven", "sierra", "tundra", "umber", "vertex"]
EPOCH = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
ALNUM = "abcdefghijkmnpqrstuvwxyz23456789"
STRICT_TS = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def iso(minutes: float) -> str:
    return (EPOCH + dt.timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")


def now_iso() -> str:
    """Changes made by advance() happen 'now' (after the first sync ended), so a connector may keep either the
    newest timestamp it saw or the time its sync started as its cursor; filters are inclusive."""
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso(text: str) -> dt.datetime | None:
    try:
        value = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00").replace(" ", "+"))
    except (ValueError, AttributeError):
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


class Req:
    def __init__(self, method: str, raw_path: str, headers: Any, body: bytes):
        parts = urllib.parse.urlsplit(raw_path)
        self.method, self.path, self.headers, self.body = method, parts.path.rstrip("/") or "/", headers, body
        self.query = {k: v[-1] for k, v in urllib.parse.parse_qs(parts.query, keep_blank_values=True).items()}

    def header(self, name: str) -> str:
        return self.headers.get(name) or ""

    def basic(self) -> tuple[str, str] | None:
        auth = self.header("Authorization")
        if not auth.lower().startswith("basic "):
            return None
        try:
            user, _, password = base64.b64decode(auth[6:].strip()).decode().partition(":")
        except Exception:
            return None
        return urllib.parse.unquote(user), urllib.parse.unquote(password)

    def bearer(self) -> str | None:
        auth = self.header("Authorization")
        return auth[7:].strip() if auth.lower().startswith("bearer ") else None

    def form(self) -> dict[str, str] | None:
        if "application/x-www-form-urlencoded" not in self.header("Content-Type").lower():
            return None
        try:
            return {k: v[-1] for k, v in urllib.parse.parse_qs(self.body.decode(), keep_blank_values=True).items()}
        except Exception:
            return None


Resp = tuple  # (status, headers, body bytes)


def J(obj: Any, status: int = 200, headers: dict | None = None) -> Resp:
    return status, {"Content-Type": "application/json", **(headers or {})}, json.dumps(obj).encode()


def int_arg(req: Req, name: str, default: int) -> int:
    raw = req.query.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        return -1


def token(obj: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(obj, separators=(",", ":")).encode()).decode().rstrip("=")


def untoken(text: Any) -> Any:
    if not isinstance(text, str):
        return None
    try:
        return json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except Exception:
        return None


def link_header(urls: dict[str, str]) -> str:
    return ", ".join(f'<{u}>; rel="{rel}"' for rel, u in urls.items())


class Source:
    seed = 0

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.rng = random.Random(self.seed)
        self.values: dict[str, str] = {"base_url": base_url}

    def secret(self, prefix: str, n: int = 24) -> str:
        return prefix + "".join(self.rng.choice(ALNUM) for _ in range(n))

    def person(self) -> tuple[str, str]:
        first, last = self.rng.choice(FIRST), self.rng.choice(LAST)
        return f"{first.title()} {last.title()}", f"{first}.{last}{self.rng.randint(1, 99)}@example.com"

    def handle(self, req: Req) -> Resp:
        raise NotImplementedError

    def advance(self) -> None:
        pass

    def counts(self) -> dict[str, int]:
        """Rows per table a correct connector holds after syncing the current data."""
        raise NotImplementedError


class ClientCredentials:
    """An OAuth2 token endpoint (grant_type=client_credentials, form-encoded). `basic_only`: the client must
    authenticate with HTTP Basic (credentials in the form body are refused); otherwise either is accepted.
    `scope`: a scope the request must ask for."""

    def __init__(self, src: Source, client_id: str, client_secret: str, prefix: str, basic_only: bool = False,
                 scope: str | None = None):
        self.src, self.client_id, self.client_secret, self.prefix = src, client_id, client_secret, prefix
        self.basic_only, self.scope = basic_only, scope
        self.tokens: set[str] = set()

    def issue(self, req: Req) -> Resp:
        if req.method != "POST":
            return J({"error": "invalid_request", "error_description": "token requests must be POST"}, 405)
        form = req.form()
        if form is None:
            return J({"error": "invalid_request", "error_description": "the token request body must be "
                      "application/x-www-form-urlencoded"}, 400)
        if form.get("grant_type") != "client_credentials":
            return J({"error": "unsupported_grant_type", "error_description": "grant_type must be client_credentials"},
                     400)
        if self.basic_only:
            creds = req.basic()
            if creds is None:
                return J({"error": "invalid_client", "error_description": "client authentication must use HTTP "
                          "Basic (client_id:client_secret); credentials in the body are not accepted"}, 401,
                         {"WWW-Authenticate": 'Basic realm="token"'})
        else:
            creds = req.basic() or (form.get("client_id"), form.get("client_secret"))
        if creds != (self.client_id, self.client_secret):
            return J({"error": "invalid_client", "error_description": "client authentication failed"}, 401)
        if self.scope and self.scope not in (form.get("scope") or "").split():
            return J({"error": "invalid_scope", "error_description": f"request scope {self.scope}"}, 400)
        tok = self.src.secret(self.prefix, 32)
        self.tokens.add(tok)
        body = {"access_token": tok, "token_type": "Bearer", "expires_in": 3600}
        if self.scope:
            body["scope"] = self.scope
        return J(body, headers={"Cache-Control": "no-store"})

    def ok(self, req: Req) -> bool:
        return req.bearer() in self.tokens


class Throttle:
    """Every `every`-th served request is answered 429 with Retry-After; any request within `grace` seconds of a
    429 is another 429 (not counted). Only waiting as told gets through; waiting longer is always fine."""

    def __init__(self, every: int, retry_after: int = 2, grace: float = 1.0):
        self.every, self.retry_after, self.grace = every, retry_after, grace
        self.served = 0
        self.blocked_until = 0.0

    def check(self) -> bool:
        now = time.monotonic()
        if now < self.blocked_until:
            return True
        self.served += 1
        if self.served % self.every == 0:
            self.blocked_until = now + self.grace
            return True
        return False


# ---------------------------------------------------------------------------------------------- r10-01
class Pantrybox(Source):
    """Restaurant inventory. Bearer token. GET /api/v1/items?page=&per_page= (default 25, max 100) ->
    {items, page, per_page, total}; a page past the end is empty. 347 items (4 pages at 100, the last partial)."""
    seed = 1001

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["token"] = self.secret("pbx_", 32)
        cats = {"dry goods": ["Basmati rice 5kg", "Penne 3kg", "Plain flour 16kg", "Arborio rice 2kg"],
                "produce": ["Shallots 5kg", "Lemons case", "Flat parsley bunch", "Vine tomatoes 6kg"],
                "dairy": ["Double cream 2l", "Unsalted butter 5kg", "Parmesan wheel 1/8", "Whole milk 12l"],
                "protein": ["Chicken thighs 5kg", "Salmon side", "Beef short rib 4kg", "Tofu firm 2kg"],
                "cleaning": ["Sanitiser 5l", "Blue roll x6", "Dish tabs 200"]}
        self.items = []
        for i in range(347):
            cat = self.rng.choice(sorted(cats))
            self.items.append({"id": 5000 + i * 3, "name": self.rng.choice(cats[cat]), "category": cat,
                               "unit": self.rng.choice(["bag", "case", "each", "kg", "l"]),
                               "on_hand": self.rng.randint(0, 60), "par_level": self.rng.choice([5, 10, 12, 20, 24]),
                               "supplier": {"id": 40 + self.rng.randint(0, 9),
                                            "name": self.rng.choice(WORDS).title() + " Wholesale"},
                               "updated_at": iso(i * 97 + self.rng.randint(0, 90))})

    def counts(self) -> dict[str, int]:
        return {"items": len(self.items)}

    def handle(self, req: Req) -> Resp:
        if req.bearer() != self.values["token"]:
            return J({"error": "unauthorized", "message": "missing or invalid bearer token"}, 401,
                     {"WWW-Authenticate": 'Bearer realm="pantrybox"'})
        if req.path != "/api/v1/items":
            return J({"error": "not_found", "message": f"no route for {req.path}"}, 404)
        page, per_page = int_arg(req, "page", 1), int_arg(req, "per_page", 25)
        if per_page < 1 or per_page > 100:
            return J({"error": "invalid_parameter", "message": "per_page must be between 1 and 100"}, 400)
        if page < 1:
            return J({"error": "invalid_parameter", "message": "page must be >= 1"}, 400)
        return J({"items": self.items[(page - 1) * per_page: page * per_page], "page": page, "per_page": per_page,
                  "total": len(self.items)})


# ---------------------------------------------------------------------------------------------- r10-02
class Tern(Source):
    """CRM. Header X-Api-Key. GET /v1/contacts?offset=&limit=&updated_since= (limit default 20, max 200;
    updated_since ISO 8601, inclusive) -> {data, offset, limit, total}, ordered by id. Archived contacts stay listed
    with archived: true. advance(): 7 contacts archived, 12 updated, 18 new."""
    seed = 1002

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_key"] = self.secret("tern_live_", 28)
        self.contacts: list[dict] = []
        for i in range(530):
            self._contact(iso(i * 180 + self.rng.randint(0, 150)))

    def _contact(self, when: str) -> None:
        name, email = self.person()
        first, last = name.split()
        self.contacts.append({
            "id": 210000 + len(self.contacts) * 4, "first_name": first, "last_name": last, "email": email,
            "company": self.rng.choice([None, "Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay"]),
            "lifecycle_stage": self.rng.choice(["lead", "lead", "mql", "sql", "customer", "customer"]),
            "owner_id": self.rng.choice([11, 12, 15, 19, None]),
            "tags": self.rng.sample(["webinar", "trial", "partner", "newsletter", "event"], self.rng.randint(0, 2)),
            "archived": False, "archived_at": None, "created_at": when, "updated_at": when})

    def counts(self) -> dict[str, int]:
        return {"contacts": len(self.contacts)}

    def archived(self) -> int:
        return sum(c["archived"] for c in self.contacts)

    def handle(self, req: Req) -> Resp:
        if req.header("X-Api-Key") != self.values["api_key"]:
            return J({"status": 401, "error": "Unauthorized", "detail": "missing or invalid X-Api-Key header"}, 401)
        if req.path != "/v1/contacts":
            return J({"status": 404, "error": "Not Found"}, 404)
        offset, limit = int_arg(req, "offset", 0), int_arg(req, "limit", 20)
        if limit < 1 or limit > 200:
            return J({"status": 400, "error": "Bad Request", "detail": "limit must be between 1 and 200"}, 400)
        if offset < 0:
            return J({"status": 400, "error": "Bad Request", "detail": "offset must be >= 0"}, 400)
        raw = req.query.get("updated_since") or ""
        since = parse_iso(raw) if raw else None
        if raw and since is None:
            return J({"status": 400, "error": "Bad Request", "detail": "updated_since must be ISO 8601"}, 400)
        rows = [c for c in self.contacts if since is None or parse_iso(c["updated_at"]) >= since]
        return J({"data": rows[offset: offset + limit], "offset": offset, "limit": limit, "total": len(rows)})

    def advance(self) -> None:
        picked = self.rng.sample([c for c in self.contacts if not c["archived"]], 19)
        now = now_iso()
        for c in picked[:7]:
            c.update(archived=True, archived_at=now, updated_at=now)
        for c in picked[7:]:
            c.update(lifecycle_stage="customer", updated_at=now)
        for _ in range(18):
            self._contact(now)


# ---------------------------------------------------------------------------------------------- r10-03
class HarborHR(Source):
    """HR. OAuth2 client credentials at POST /oauth/token (form-encoded; id/secret in the form or HTTP Basic; a JSON
    body is a 400 as with real OAuth servers). GET /v2/employees and /v2/departments?limit=&cursor= (default 25,
    max 100) -> {data, next_cursor}. 412 employees, 23 departments."""
    seed = 1003

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["client_id"] = self.secret("hhr_", 16)
        self.values["client_secret"] = self.secret("", 40)
        self.oauth = ClientCredentials(self, self.values["client_id"], self.values["client_secret"], "hhrat_")
        names = ["Finance", "People", "Engineering", "Sales", "Support", "Legal", "Marketing", "Facilities", "Data",
                 "Security", "Procurement", "Design", "Product", "Partnerships", "IT", "Research", "Operations",
                 "Quality", "Logistics", "Training", "Compliance", "Customer Success", "Internal Audit"]
        self.departments = [{"id": 10 + n, "name": nm, "cost_center": f"CC-{100 + n * 7}",
                             "parent_id": None if n < 5 else 10 + self.rng.randint(0, 4)} for n, nm in enumerate(names)]
        self.employees = []
        for i in range(412):
            name, _ = self.person()
            dept = self.rng.choice(self.departments)
            self.employees.append({
                "id": f"E{3000 + i}", "full_name": name,
                "work_email": name.lower().replace(" ", ".") + f"{i}@harbor.example",
                "department_id": dept["id"], "title": self.rng.choice(["Analyst", "Engineer", "Manager", "Associate",
                                                                      "Specialist", "Lead"]),
                "employment_type": self.rng.choice(["full_time", "full_time", "full_time", "part_time", "contractor"]),
                "manager": None if i < 10 else {"id": f"E{3000 + self.rng.randint(0, 9)}"},
                "hire_date": (EPOCH - dt.timedelta(days=self.rng.randint(0, 3000))).strftime("%Y-%m-%d"),
                "status": self.rng.choice(["active"] * 9 + ["on_leave"])})

    def counts(self) -> dict[str, int]:
        return {"employees": len(self.employees), "departments": len(self.departments)}

    def handle(self, req: Req) -> Resp:
        if req.path == "/oauth/token":
            return self.oauth.issue(req)
        if not self.oauth.ok(req):
            return J({"error": "invalid_token", "message": "a valid bearer access token is required"}, 401,
                     {"WWW-Authenticate": 'Bearer error="invalid_token"'})
        rows = {"/v2/employees": self.employees, "/v2/departments": self.departments}.get(req.path)
        if rows is None:
            return J({"error": "not_found"}, 404)
        limit = int_arg(req, "limit", 25)
        if limit < 1 or limit > 100:
            return J({"error": "invalid_request", "message": "limit must be between 1 and 100"}, 400)
        offset = 0
        if req.query.get("cursor"):
            state = untoken(req.query["cursor"])
            if not isinstance(state, dict) or state.get("p") != req.path:
                return J({"error": "invalid_request", "message": "invalid cursor"}, 400)
            offset = state["o"]
        nxt = token({"p": req.path, "o": offset + limit}) if offset + limit < len(rows) else None
        return J({"data": rows[offset: offset + limit], "next_cursor": nxt})


# ---------------------------------------------------------------------------------------------- r10-04
class Trackly(Source):
    """Projects. HTTP Basic (email, API token). GET /api/projects and /api/projects/{id}/tasks?per_page= (default 20,
    max 50) return a bare JSON array; the next page is only in the Link header (rel="next" with an opaque `after`
    token; `page` is ignored). Tasks do not carry their project id; 5 projects have more than 50 tasks."""
    seed = 1004

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["email"] = f"ops@{self.rng.choice(WORDS)}.example"
        self.values["api_token"] = self.secret("trk_", 30)
        self.projects: list[dict] = []
        self.tasks: dict[int, list[dict]] = {}
        heavy = set(self.rng.sample(range(130), 5))
        tid = 70000
        for i in range(130):
            pid = 900 + i * 2
            created = i * 300
            n = self.rng.randint(55, 140) if i in heavy else self.rng.choice([0, 0, 1, 2, 3, 5, 8, 12])
            tasks = []
            for j in range(n):
                tid += self.rng.randint(1, 3)
                done = self.rng.random() < 0.4
                tasks.append({"id": tid, "title": f"{self.rng.choice(['Fix', 'Write', 'Review', 'Plan', 'Ship'])} "
                                                  f"{self.rng.choice(WORDS)} {self.rng.choice(['docs', 'api', 'ui', 'tests'])}",
                              "status": "done" if done else self.rng.choice(["todo", "in_progress", "blocked"]),
                              "assignee": self.rng.choice(FIRST + [None]),
                              "estimate_hours": self.rng.choice([1, 2, 3, 5, 8, None]),
                              "labels": self.rng.sample(["bug", "feature", "chore", "urgent"], self.rng.randint(0, 2)),
                              "created_at": iso(created + j * 13), "completed_at": iso(created + j * 13 + 600) if done else None})
            self.tasks[pid] = tasks
            self.projects.append({"id": pid, "name": f"{self.rng.choice(WORDS).title()} {self.rng.choice(['Launch', 'Revamp', 'Q3 Ops', 'Backlog'])}",
                                  "owner": self.rng.choice(FIRST), "archived": self.rng.random() < 0.1,
                                  "created_at": iso(created)})

    def counts(self) -> dict[str, int]:
        return {"projects": len(self.projects), "tasks": sum(len(t) for t in self.tasks.values())}

    def _page(self, req: Req, rows: list[dict]) -> Resp:
        per_page = int_arg(req, "per_page", 20)
        if per_page < 1 or per_page > 50:
            return J({"message": "per_page must be between 1 and 50"}, 400)
        offset = 0
        if req.query.get("after"):
            state = untoken(req.query["after"])
            if not isinstance(state, dict) or state.get("p") != req.path:
                return J({"message": "invalid after token"}, 400)
            offset = state["o"]
        url = f"{self.base_url}{req.path}"
        links = {"first": url + "?" + urllib.parse.urlencode({"per_page": per_page})}
        if offset + per_page < len(rows):
            links["next"] = url + "?" + urllib.parse.urlencode(
                {"per_page": per_page, "after": token({"p": req.path, "o": offset + per_page})})
        return J(rows[offset: offset + per_page], headers={"Link": link_header(links)})

    def handle(self, req: Req) -> Resp:
        if req.basic() != (self.values["email"], self.values["api_token"]):
            return J({"message": "Bad credentials: use HTTP basic auth with your email and API token"}, 401,
                     {"WWW-Authenticate": 'Basic realm="trackly"'})
        if req.path == "/api/projects":
            return self._page(req, self.projects)
        m = re.fullmatch(r"/api/projects/(\d+)/tasks", req.path)
        if m and int(m.group(1)) in self.tasks:
            return self._page(req, self.tasks[int(m.group(1))])
        return J({"message": "Not Found"}, 404)


# ---------------------------------------------------------------------------------------------- r10-05
def isbn13(stem: str) -> str:
    total = sum(int(c) * (1 if n % 2 == 0 else 3) for n, c in enumerate(stem))
    return stem + str((10 - total % 10) % 10)


class Shelfwise(Source):
    """Book distributor. `api_key` query parameter on every request (the next URLs do not carry it). GET
    /api/titles?page_size=&page_token= (default 50; above 100 is clamped, the request states no cap) ->
    {results, next} with `next` an absolute URL or null. Each title nests `contributors` [{name, role}], unique
    (name, role) per title."""
    seed = 1005

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_key"] = self.secret("sw_", 24)
        self.titles = []
        for i in range(380):
            contributors, seen = [], set()
            for _ in range(self.rng.choice([1, 1, 1, 2, 2, 3, 4])):
                name, _ = self.person()
                role = "author" if not contributors else self.rng.choice(["author", "editor", "illustrator", "translator"])
                if (name, role) not in seen:
                    seen.add((name, role))
                    contributors.append({"name": name, "role": role})
            self.titles.append({
                "isbn": isbn13(f"978{1000000 + i * 37:09d}"),
                "title": f"The {self.rng.choice(WORDS).title()} {self.rng.choice(['Letters', 'Garden', 'Problem', 'Year', 'Atlas'])}",
                "publisher": self.rng.choice(["Northfold", "Blue Heron", "Lantern & Quill", "Pellmell"]),
                "format": self.rng.choice(["hardback", "paperback", "paperback", "ebook"]),
                "list_price": round(self.rng.uniform(6, 45), 2), "currency": "GBP",
                "published": (EPOCH - dt.timedelta(days=self.rng.randint(0, 2500))).strftime("%Y-%m-%d"),
                "contributors": contributors})

    def counts(self) -> dict[str, int]:
        return {"titles": len(self.titles), "contributors": sum(len(t["contributors"]) for t in self.titles)}

    def handle(self, req: Req) -> Resp:
        if req.query.get("api_key") != self.values["api_key"]:
            return J({"error": "invalid or missing api_key query parameter"}, 401)
        if req.path != "/api/titles":
            return J({"error": "not found"}, 404)
        size = int_arg(req, "page_size", 50)
        if size < 1:
            return J({"error": "page_size must be a positive integer"}, 400)
        size = min(size, 100)
        offset = 0
        if req.query.get("page_token"):
            state = untoken(req.query["page_token"])
            if not isinstance(state, dict) or "o" not in state:
                return J({"error": "invalid page_token"}, 400)
            offset = state["o"]
        nxt = None
        if offset + size < len(self.titles):
            q = {"page_token": token({"o": offset + size})}
            if "page_size" in req.query:
                q = {"page_size": size, **q}
            nxt = f"{self.base_url}/api/titles?" + urllib.parse.urlencode(q)
        return J({"results": self.titles[offset: offset + size], "next": nxt})


# ---------------------------------------------------------------------------------------------- r10-06
class Quillform(Source):
    """Forms. Bearer personal access token. GET /v1/forms/{form_id}/submissions?page=&page_size= (default 20, max
    100) -> {submissions, page, page_size, total_pages, total_items}; other forms 404. Rate limit: every 4th
    authorised request is a 429 with Retry-After: 2 (see Throttle). advance(): 25 new submissions."""
    seed = 1006

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["pat"] = self.secret("qf_pat_", 30)
        self.values["form_id"] = self.secret("frm_", 10)
        self.throttle = Throttle(4)
        self.submissions: list[dict] = []
        for i in range(640):
            self._submission(iso(i * 45 + self.rng.randint(0, 40)))

    def _submission(self, when: str) -> None:
        name, email = self.person()
        self.submissions.append({
            "id": self.secret("sub_", 14), "form_id": self.values["form_id"], "submitted_at": when,
            "respondent_email": email, "completed": self.rng.random() < 0.92,
            "answers": [{"question": "Full name", "answer": name},
                        {"question": "Ticket type", "answer": self.rng.choice(["early bird", "standard", "student"])},
                        {"question": "Dietary needs", "answer": self.rng.choice(["none", "vegetarian", "vegan", "gluten free"])}]})

    def counts(self) -> dict[str, int]:
        return {"submissions": len(self.submissions)}

    def handle(self, req: Req) -> Resp:
        if req.bearer() != self.values["pat"]:
            return J({"code": "UNAUTHORIZED", "message": "invalid personal access token"}, 401)
        m = re.fullmatch(r"/v1/forms/([^/]+)/submissions", req.path)
        if not m or m.group(1) != self.values["form_id"]:
            return J({"code": "NOT_FOUND", "message": "form not found"}, 404)
        if self.throttle.check():
            return J({"code": "RATE_LIMITED", "message": "Too many requests. Retry after 2 seconds."}, 429,
                     {"Retry-After": str(self.throttle.retry_after)})
        page, size = int_arg(req, "page", 1), int_arg(req, "page_size", 20)
        if size < 1 or size > 100:
            return J({"code": "INVALID_PARAMETER", "message": "page_size must be between 1 and 100"}, 400)
        if page < 1:
            return J({"code": "INVALID_PARAMETER", "message": "page starts at 1"}, 400)
        rows = self.submissions
        return J({"submissions": rows[(page - 1) * size: page * size], "page": page, "page_size": size,
                  "total_pages": math.ceil(len(rows) / size), "total_items": len(rows)})

    def advance(self) -> None:
        for _ in range(25):
            self._submission(now_iso())


# ---------------------------------------------------------------------------------------------- r10-07
class Orderdesk(Source):
    """Store. `Authorization: Token <key>` (Bearer is refused). GET /api/orders/?limit=&offset= (default 20, max 100),
    Django REST framework style {count, next, previous, results} with absolute next/previous URLs. Each order nests
    `lines` numbered 1..n within the order."""
    seed = 1007

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_token"] = self.secret("", 40)
        self.orders = []
        prices = {"MUG-BLK": "12.50", "MUG-WHT": "12.50", "TEE-M": "24.00", "TEE-L": "24.00", "CAP-NVY": "18.00",
                  "POSTER-A2": "15.00", "STICKER-5": "4.00"}
        for i in range(455):
            oid = 88000 + i * 3
            lines = []
            for n, sku in enumerate(self.rng.sample(sorted(prices), self.rng.randint(1, 6))):
                lines.append({"line": n + 1, "sku": sku, "qty": self.rng.randint(1, 4), "price": prices[sku]})
            _, email = self.person()
            self.orders.append({"id": oid, "number": f"OD-{oid}", "status": self.rng.choice(["pending", "paid", "shipped",
                                                                                             "shipped", "refunded"]),
                                "placed_at": iso(i * 130 + self.rng.randint(0, 100)), "customer_email": email,
                                "shipping_country": self.rng.choice(["GB", "IE", "FR", "DE", "US"]), "lines": lines})

    def counts(self) -> dict[str, int]:
        return {"orders": len(self.orders), "order_lines": sum(len(o["lines"]) for o in self.orders)}

    def handle(self, req: Req) -> Resp:
        auth = self.header_token(req)
        if auth != self.values["api_token"]:
            return J({"detail": "Invalid token. Send 'Authorization: Token <key>'."}, 401, {"WWW-Authenticate": "Token"})
        if req.path != "/api/orders":
            return J({"detail": "Not found."}, 404)
        limit, offset = int_arg(req, "limit", 20), int_arg(req, "offset", 0)
        if limit < 1 or limit > 100:
            return J({"limit": ["Ensure this value is between 1 and 100."]}, 400)
        if offset < 0:
            return J({"offset": ["Ensure this value is greater than or equal to 0."]}, 400)
        url = f"{self.base_url}/api/orders/?"
        total = len(self.orders)
        nxt = url + urllib.parse.urlencode({"limit": limit, "offset": offset + limit}) if offset + limit < total else None
        prev = url + urllib.parse.urlencode({"limit": limit, "offset": max(0, offset - limit)}) if offset > 0 else None
        return J({"count": total, "next": nxt, "previous": prev, "results": self.orders[offset: offset + limit]})

    @staticmethod
    def header_token(req: Req) -> str | None:
        auth = req.header("Authorization")
        return auth[6:].strip() if auth.lower().startswith("token ") else None


# ---------------------------------------------------------------------------------------------- r10-08
class Rentwise(Source):
    """Property management. HTTP Basic with the API key as username (the password is ignored). GET
    /api/v1/leases?offset=&limit=&modified_since= (limit default 25, max 100; modified_since exactly
    YYYY-MM-DDTHH:MM:SSZ, inclusive, anything else 400) -> {leases, offset, limit, total}.
    advance(): 9 leases modified, 14 new."""
    seed = 1008

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_key"] = self.secret("rw_", 32)
        self.leases: list[dict] = []
        for i in range(310):
            self._lease(iso(i * 400 + self.rng.randint(0, 300)))

    def _lease(self, when: str) -> None:
        n = len(self.leases)
        start = EPOCH + dt.timedelta(days=self.rng.randint(-400, 200))
        name, _ = self.person()
        self.leases.append({
            "id": f"L-{40100 + n}", "property": self.rng.choice(["Maple Court", "Harbor View", "Cedar Lofts", "Onyx House"]),
            "unit": f"{self.rng.randint(1, 12)}{self.rng.choice('ABCD')}", "tenant_name": name,
            "rent_cents": self.rng.randint(90, 320) * 1000, "deposit_cents": self.rng.choice([0, 100000, 150000]),
            "currency": "USD", "start_date": start.strftime("%Y-%m-%d"),
            "end_date": (start + dt.timedelta(days=365)).strftime("%Y-%m-%d"),
            "status": self.rng.choice(["active", "active", "active", "notice_given", "ended"]), "modified_at": when})

    def counts(self) -> dict[str, int]:
        return {"leases": len(self.leases)}

    def handle(self, req: Req) -> Resp:
        creds = req.basic()
        if creds is None or creds[0] != self.values["api_key"]:
            return J({"error": "authentication_failed", "message": "use HTTP basic auth with your API key as the "
                      "username"}, 401, {"WWW-Authenticate": 'Basic realm="rentwise"'})
        if req.path != "/api/v1/leases":
            return J({"error": "not_found"}, 404)
        offset, limit = int_arg(req, "offset", 0), int_arg(req, "limit", 25)
        if limit < 1 or limit > 100:
            return J({"error": "invalid_parameter", "message": "limit must be between 1 and 100"}, 400)
        if offset < 0:
            return J({"error": "invalid_parameter", "message": "offset must be >= 0"}, 400)
        raw = req.query.get("modified_since")
        if raw is not None and not STRICT_TS.fullmatch(raw):
            return J({"error": "invalid_parameter", "message": "modified_since must look like 2024-05-01T13:45:00Z"},
                     400)
        rows = self.leases if raw is None else [x for x in self.leases if x["modified_at"] >= raw]
        return J({"leases": rows[offset: offset + limit], "offset": offset, "limit": limit, "total": len(rows)})

    def advance(self) -> None:
        now = now_iso()
        for x in self.rng.sample(self.leases, 9):
            x.update(status="notice_given", modified_at=now)
        for _ in range(14):
            self._lease(now)


# ---------------------------------------------------------------------------------------------- r10-09
class Fleetbase(Source):
    """Fleet. OAuth2 client credentials at POST /oauth2/token: form-encoded, client authenticated by HTTP Basic only,
    scope vehicles.read required. GET /api/vehicles?page_size=&page_token=&updated_after= (default 50, max 200;
    updated_after ISO 8601, inclusive) -> {vehicles, next_page_token (null on the last page)}.
    advance(): 11 vehicles updated, 8 new."""
    seed = 1009

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["client_id"] = self.secret("fb-", 20)
        self.values["client_secret"] = self.secret("fbs_", 36)
        self.oauth = ClientCredentials(self, self.values["client_id"], self.values["client_secret"], "fbat_",
                                       basic_only=True, scope="vehicles.read")
        self.vehicles: list[dict] = []
        for i in range(505):
            self._vehicle(iso(i * 210 + self.rng.randint(0, 200)))

    def _vehicle(self, when: str) -> None:
        n = len(self.vehicles)
        make, model = self.rng.choice([("Ford", "Transit"), ("Mercedes", "Sprinter"), ("Renault", "Master"),
                                       ("VW", "Crafter"), ("Iveco", "Daily")])
        self.vehicles.append({
            "id": f"veh_{5000 + n * 7}", "registration": f"{self.rng.choice(['KX', 'LR', 'MA', 'YD'])}{self.rng.randint(10, 74)} "
                                                        f"{''.join(self.rng.choice('ABCDEFGHJKLMNPRSTUVWXYZ') for _ in range(3))}",
            "make": make, "model": model, "year": self.rng.randint(2015, 2024),
            "odometer_km": self.rng.randint(1000, 240000), "depot": self.rng.choice(["Leeds", "Bristol", "Croydon", "Derby"]),
            "status": self.rng.choice(["active", "active", "active", "in_service", "off_road"]),
            "last_position": {"lat": round(self.rng.uniform(50.5, 54.5), 5), "lng": round(self.rng.uniform(-3.5, 0.5), 5)},
            "updated_at": when})

    def counts(self) -> dict[str, int]:
        return {"vehicles": len(self.vehicles)}

    def handle(self, req: Req) -> Resp:
        if req.path == "/oauth2/token":
            return self.oauth.issue(req)
        if not self.oauth.ok(req):
            return J({"error": "unauthorized", "message": "missing or invalid access token"}, 401,
                     {"WWW-Authenticate": 'Bearer error="invalid_token"'})
        if req.path != "/api/vehicles":
            return J({"error": "not_found"}, 404)
        size = int_arg(req, "page_size", 50)
        if size < 1 or size > 200:
            return J({"error": "bad_request", "message": "page_size must be between 1 and 200"}, 400)
        raw = req.query.get("updated_after") or ""
        since = parse_iso(raw) if raw else None
        if raw and since is None:
            return J({"error": "bad_request", "message": "updated_after must be an ISO 8601 timestamp"}, 400)
        rows = [v for v in self.vehicles if since is None or parse_iso(v["updated_at"]) >= since]
        offset = 0
        if req.query.get("page_token"):
            state = untoken(req.query["page_token"])
            if not isinstance(state, dict) or "o" not in state:
                return J({"error": "bad_request", "message": "invalid page_token"}, 400)
            offset = state["o"]
        nxt = token({"o": offset + size}) if offset + size < len(rows) else None
        return J({"vehicles": rows[offset: offset + size], "next_page_token": nxt})

    def advance(self) -> None:
        now = now_iso()
        for v in self.rng.sample(self.vehicles, 11):
            v.update(odometer_km=v["odometer_km"] + 850, updated_at=now)
        for _ in range(8):
            self._vehicle(now)


# ---------------------------------------------------------------------------------------------- r10-10
class Pagerline(Source):
    """On-call incidents. Header X-Pagerline-Token. GET /api/incidents?page=&per_page=&since= (per_page default 25,
    max 100; since ISO 8601 on updated_at, inclusive) -> {incidents}, pages in an RFC 8288 Link header
    (first/prev/next/last). Each incident nests `assignments` [{id, responder, ...}].
    advance(): 10 incidents updated (4 of them gain an assignment), 12 new."""
    seed = 1010

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["token"] = self.secret("pl_", 30)
        self.next_assignment = 61000
        self.incidents: list[dict] = []
        for i in range(262):
            self._incident(i * 170 + self.rng.randint(0, 120))

    def _assignment(self, minutes: float | None) -> dict:
        self.next_assignment += self.rng.randint(1, 5)
        at = iso(minutes) if minutes is not None else now_iso()
        return {"id": self.next_assignment, "responder": self.rng.choice(FIRST).title(),
                "escalation_level": self.rng.randint(1, 3), "assigned_at": at,
                "acknowledged": self.rng.random() < 0.85}

    def _incident(self, minutes: float | None) -> None:
        n = len(self.incidents)
        when = iso(minutes) if minutes is not None else now_iso()
        self.incidents.append({
            "id": f"INC-{7000 + n}", "title": f"{self.rng.choice(['High latency', 'Error rate', 'Disk full', 'Cert expiry'])} "
                                              f"on {self.rng.choice(WORDS)}-{self.rng.randint(1, 9)}",
            "service": self.rng.choice(["checkout", "search", "auth", "billing"]),
            "urgency": self.rng.choice(["high", "low", "low"]),
            "status": self.rng.choice(["resolved", "resolved", "resolved", "acknowledged", "triggered"]),
            "created_at": when, "updated_at": when,
            "assignments": [self._assignment(minutes) for _ in range(self.rng.randint(1, 4))]})

    def counts(self) -> dict[str, int]:
        return {"incidents": len(self.incidents),
                "incident_assignments": sum(len(x["assignments"]) for x in self.incidents)}

    def handle(self, req: Req) -> Resp:
        if req.header("X-Pagerline-Token") != self.values["token"]:
            return J({"error": {"code": 2006, "message": "Invalid or missing X-Pagerline-Token"}}, 401)
        if req.path != "/api/incidents":
            return J({"error": {"code": 2100, "message": "Not found"}}, 404)
        page, per_page = int_arg(req, "page", 1), int_arg(req, "per_page", 25)
        if per_page < 1 or per_page > 100:
            return J({"error": {"code": 2001, "message": "per_page must be between 1 and 100"}}, 400)
        if page < 1:
            return J({"error": {"code": 2001, "message": "page must be >= 1"}}, 400)
        raw = req.query.get("since") or ""
        since = parse_iso(raw) if raw else None
        if raw and since is None:
            return J({"error": {"code": 2001, "message": "since must be an ISO 8601 timestamp"}}, 400)
        rows = [x for x in self.incidents if since is None or parse_iso(x["updated_at"]) >= since]
        last = max(1, math.ceil(len(rows) / per_page))

        def url(p: int) -> str:
            q = {"page": p, "per_page": per_page}
            if raw:
                q["since"] = raw
            return f"{self.base_url}/api/incidents?" + urllib.parse.urlencode(q)

        links = {"first": url(1)}
        if page > 1:
            links["prev"] = url(min(page - 1, last))
        if page < last:
            links["next"] = url(page + 1)
        links["last"] = url(last)
        return J({"incidents": rows[(page - 1) * per_page: page * per_page]}, headers={"Link": link_header(links)})

    def advance(self) -> None:
        now = now_iso()
        for n, x in enumerate(self.rng.sample(self.incidents, 10)):
            if n < 4:
                x["assignments"].append(self._assignment(None))
            x.update(status="resolved", updated_at=now)
        for _ in range(12):
            self._incident(None)


SOURCES = {"pantrybox": Pantrybox, "tern": Tern, "harborhr": HarborHR, "trackly": Trackly, "shelfwise": Shelfwise,
           "quillform": Quillform, "orderdesk": Orderdesk, "rentwise": Rentwise, "fleetbase": Fleetbase,
           "pagerline": Pagerline}


class Running:
    def __init__(self, src: Source):
        self._src = src
        self.values = dict(src.values)

    def advance(self) -> None:
        with _lock(self._src):
            self._src.advance()


def _lock(src: Source) -> threading.Lock:
    if not hasattr(src, "_lock"):
        src._lock = threading.Lock()  # type: ignore[attr-defined]
    return src._lock  # type: ignore[attr-defined]


@contextlib.contextmanager
def serve(source: str, workdir: pathlib.Path) -> Iterator[Running]:
    """Runs the mock API `source` on 127.0.0.1 for the duration of the block."""
    if source not in SOURCES:
        raise KeyError(f"unknown source {source!r}")
    holder: dict[str, Source] = {}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:
            pass

        def dispatch(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            src = holder["src"]
            try:
                with _lock(src):
                    status, headers, payload = src.handle(Req(self.command, self.path, self.headers, body))
            except Exception as e:  # a bug in a mock is a 500, never a hang
                status, headers, payload = 500, {"Content-Type": "text/plain"}, f"mock error: {e}".encode()
            self.send_response(status)
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(payload)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = dispatch

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    holder["src"] = SOURCES[source](f"http://127.0.0.1:{server.server_address[1]}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Running(holder["src"])
    finally:
        server.shutdown()
        server.server_close()
