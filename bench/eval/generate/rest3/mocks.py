"""Local mock HTTP APIs for the rest3 generate-evaluation set (standard library only).

serve(source, workdir) starts one mock on 127.0.0.1 (port 0, daemon thread) and yields an object with
.values (placeholders for the task's request and config) and .advance() (the source changes between the
first and the second sync). Every mock enforces what its task's request says (auth, caps, pagination,
expiring sessions, throttling, faults). Data is seeded, so row counts are exact; changes made by advance()
are stamped with the current time.
"""

from __future__ import annotations

import base64
import contextlib
import csv
import datetime as dt
import gzip
import hashlib
import hmac
import io
import json
import pathlib
import random
import re
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Iterator
from xml.sax.saxutils import escape, quoteattr

FIRST = ["amal", "bruno", "carla", "dmitri", "eva", "femi", "greta", "hiro", "ivana", "jamal", "kofi", "lena",
         "marco", "nadia", "oskar", "priya", "rafael", "sofia", "tomas", "ursula", "viktor", "wanda", "xiu", "yusuf"]
LAST = ["adler", "brandt", "cruz", "duval", "eriksen", "ferreira", "gruber", "holm", "iqbal", "janssen", "keller",
        "lindqvist", "moretti", "novak", "okafor", "pereira", "ramos", "schulz", "takeda", "varga"]
WORDS = ["amber", "birch", "cobalt", "dune", "echo", "flint", "glacier", "heron", "indigo", "jade", "kelp", "lark",
         "mesa", "nimbus", "opal", "pine", "quill", "ridge", "slate", "thistle", "willow", "zephyr"]
EPOCH = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)


def iso(minutes: float) -> str:
    return (EPOCH + dt.timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")


def now_iso(seconds: int = 0) -> str:
    return (dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso(text: str) -> dt.datetime | None:
    try:
        value = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00").replace(" ", "+"))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


class Req:
    def __init__(self, method: str, raw_path: str, headers: Any, body: bytes):
        parts = urllib.parse.urlsplit(raw_path)
        self.raw_path = raw_path
        self.method, self.path, self.headers, self.body = method, parts.path.rstrip("/") or "/", headers, body
        self.query = {k: v[-1] for k, v in urllib.parse.parse_qs(parts.query, keep_blank_values=True).items()}

    def header(self, name: str) -> str:
        return self.headers.get(name) or ""

    def json(self) -> Any:
        try:
            return json.loads(self.body or b"null")
        except ValueError:
            return None

    def form(self) -> dict[str, str]:
        if "application/x-www-form-urlencoded" not in self.header("Content-Type"):
            return {}
        return {k: v[-1] for k, v in urllib.parse.parse_qs(self.body.decode("utf-8", "replace")).items()}

    def basic(self) -> tuple[str, str] | None:
        auth = self.header("Authorization")
        if not auth.lower().startswith("basic "):
            return None
        try:
            user, _, password = base64.b64decode(auth[6:].strip()).decode().partition(":")
        except Exception:
            return None
        return user, password

    def bearer(self) -> str:
        auth = self.header("Authorization")
        return auth[7:].strip() if auth.startswith("Bearer ") else ""


Resp = tuple  # (status, headers, body bytes)


def J(obj: Any, status: int = 200, headers: dict | None = None, ctype: str = "application/json") -> Resp:
    return status, {"Content-Type": ctype, **(headers or {})}, json.dumps(obj).encode()


def err(status: int, message: str, headers: dict | None = None) -> Resp:
    return J({"error": message}, status, headers)


def int_arg(req: Req, name: str, default: int) -> int:
    raw = req.query.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        return -1


class Source:
    seed = 0

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.rng = random.Random(self.seed)
        self.values: dict[str, str] = {"base_url": base_url}
        self.faulted: set = set()

    def secret(self, prefix: str, n: int = 24) -> str:
        return prefix + "".join(self.rng.choice("abcdefghijkmnpqrstuvwxyz23456789") for _ in range(n))

    def handle(self, req: Req) -> Resp:
        raise NotImplementedError

    def advance(self) -> None:
        pass

    def once(self, key: Any) -> bool:
        if key in self.faulted:
            return False
        self.faulted.add(key)
        return True


# ---------------------------------------------------------------------------------------------- r3-01
class Oncall(Source):
    """Authorization: Token token=<key>; offset/limit (max 100); body flag `more`, total null."""
    seed = 301

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_key"] = self.secret("u+", 20)
        services = [{"id": f"PSV{i:03d}", "type": "service_reference", "summary": f"{w} service"}
                    for i, w in enumerate(self.rng.sample(WORDS, 6))]
        self.incidents = []
        for i in range(237):
            who = self.rng.choice(FIRST)
            self.incidents.append({
                "id": "Q" + "".join(self.rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(13)),
                "type": "incident", "incident_number": 1200 + i,
                "title": f"{self.rng.choice(WORDS)} {self.rng.choice(['latency', 'errors', 'disk full', 'down'])}",
                "status": self.rng.choice(["triggered", "acknowledged", "resolved", "resolved"]),
                "urgency": self.rng.choice(["high", "low"]), "created_at": iso(i * 41),
                "service": self.rng.choice(services),
                "assignments": [{"at": iso(i * 41 + 2), "assignee": {"id": f"PU{who.upper()}", "summary": who}}]})

    def handle(self, req: Req) -> Resp:
        if req.header("Authorization") != f"Token token={self.values['api_key']}":
            return err(401, "Authentication failed: use Authorization: Token token=<key>")
        if req.path != "/incidents":
            return err(404, "not found")
        offset, limit = int_arg(req, "offset", 0), int_arg(req, "limit", 25)
        if limit < 1 or limit > 100:
            return err(400, "Invalid Input Provided: limit must be between 1 and 100")
        if offset < 0:
            return err(400, "Invalid Input Provided: offset")
        chunk = self.incidents[offset: offset + limit]
        return J({"incidents": chunk, "limit": limit, "offset": offset, "total": None,
                  "more": offset + limit < len(self.incidents)})


# ---------------------------------------------------------------------------------------------- r3-02
class Schools(Source):
    """Basic auth; schools list and per-school classes, both paged by a RELATIVE links.next; archived
    schools answer 410 for classes; class ids restart at 1 in every school."""
    seed = 302

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["username"] = "sync-" + self.secret("", 6)
        self.values["password"] = self.secret("", 16)
        self.schools, self.classes = [], {}
        for i in range(14):
            sid = 301 + i * 7
            archived = i in (3, 8, 11)
            self.schools.append({"id": sid, "name": f"{self.rng.choice(WORDS).title()} {self.rng.choice(['Primary', 'High', 'Academy'])}",
                                 "city": self.rng.choice(["Leeds", "Porto", "Graz", "Lyon"]),
                                 "status": "archived" if archived else "active", "opened": f"{1950 + i * 4}-09-01"})
            n = 0 if i == 5 else self.rng.randint(4, 38)
            self.classes[sid] = [{"id": k + 1, "name": f"{self.rng.randint(1, 12)}{self.rng.choice('ABCD')}",
                                  "teacher": f"{self.rng.choice(FIRST).title()} {self.rng.choice(LAST).title()}",
                                  "students": self.rng.randint(8, 31)} for k in range(n)]

    def handle(self, req: Req) -> Resp:
        if req.basic() != (self.values["username"], self.values["password"]):
            return err(401, "unauthorized")
        page = int_arg(req, "page_token", 0)
        if page < 0:
            return err(400, "bad page_token")
        if req.path == "/v1/schools":
            rows, size = self.schools, 10
        else:
            m = re.fullmatch(r"/v1/schools/(\d+)/classes", req.path)
            school = next((s for s in self.schools if m and s["id"] == int(m.group(1))), None)
            if not school:
                return err(404, "not found")
            if school["status"] == "archived":
                return err(410, f"school {school['id']} is archived")
            rows, size = self.classes[school["id"]], 15
        chunk = rows[page * size: page * size + size]
        nxt = f"{req.path}?page_token={page + 1}" if page * size + size < len(rows) else None
        key = "schools" if req.path == "/v1/schools" else "data"
        return J({key: chunk, "links": {"self": f"{req.path}?page_token={page}", "next": nxt}})


# ---------------------------------------------------------------------------------------------- r3-03
class Payments(Source):
    """OAuth2 client credentials (form, credentials in body, audience required); tokens live 2 s;
    charges newest first with starting_after/has_more, limit <= 25, created[gt] filter; 0.25 s per call."""
    seed = 303
    AUDIENCE = "https://api.payments.example"

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["client_id"] = self.secret("cli_", 12)
        self.values["client_secret"] = self.secret("sec_", 28)
        self.tokens: dict[str, float] = {}
        self.charges = [self.charge(1704067200 + i * 3517) for i in range(300)]

    def charge(self, created: int) -> dict:
        return {"id": "ch_" + self.secret("", 14), "object": "charge", "amount": self.rng.randint(100, 250000),
                "currency": self.rng.choice(["usd", "eur", "gbp"]), "status": self.rng.choice(["succeeded", "failed", "succeeded"]),
                "created": created, "customer": "cus_" + self.secret("", 8),
                "metadata": {"order": str(self.rng.randint(1000, 9999))}}

    def advance(self) -> None:
        now = int(time.time())
        self.charges += [self.charge(now + i) for i in range(20)]

    def handle(self, req: Req) -> Resp:
        if req.path == "/oauth/token":
            f = req.form()
            if req.method != "POST" or not f:
                return J({"error": "invalid_request", "error_description": "POST form-encoded body expected"}, 400)
            if (f.get("client_id"), f.get("client_secret")) != (self.values["client_id"], self.values["client_secret"]):
                return J({"error": "invalid_client"}, 401)
            if f.get("grant_type") != "client_credentials":
                return J({"error": "unsupported_grant_type"}, 400)
            if f.get("audience") != self.AUDIENCE:
                return J({"error": "invalid_request", "error_description": "audience is missing or wrong"}, 400)
            token = self.secret("at_", 32)
            self.tokens[token] = time.monotonic() + 2.0
            return J({"access_token": token, "token_type": "Bearer", "expires_in": 2})
        token = req.bearer()
        if token not in self.tokens or time.monotonic() > self.tokens[token]:
            return J({"error": {"type": "invalid_request_error", "message": "expired or invalid access token"}}, 401)
        if req.path != "/v1/charges":
            return err(404, "not found")
        time.sleep(0.25)
        limit = int_arg(req, "limit", 10)
        if limit < 1 or limit > 25:
            return J({"error": {"type": "invalid_request_error", "message": "limit must be between 1 and 25"}}, 400)
        rows = sorted(self.charges, key=lambda c: (c["created"], c["id"]), reverse=True)
        if "created[gt]" in req.query:
            gt = int_arg(req, "created[gt]", 0)
            rows = [c for c in rows if c["created"] > gt]
        after = req.query.get("starting_after")
        if after:
            idx = next((i for i, c in enumerate(rows) if c["id"] == after), None)
            if idx is None:
                return J({"error": {"type": "invalid_request_error", "message": "No such charge: " + after}}, 400)
            rows = rows[idx + 1:]
        return J({"object": "list", "url": "/v1/charges", "data": rows[:limit], "has_more": len(rows) > limit})


# ---------------------------------------------------------------------------------------------- r3-04
class Blog(Source):
    """WordPress-like: basic auth with an application password; page/per_page (<= 100) with X-WP-Total and
    X-WP-TotalPages headers; a page past the end is 400; only `publish` unless `status` is given;
    modified_after; trashed posts are deletions."""
    seed = 304

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["wp_user"] = "fivetran-bot"
        self.values["app_password"] = " ".join(self.secret("", 4) for _ in range(6))
        self.posts = []
        for i in range(260):
            status = "trash" if i % 33 == 7 else "draft" if i % 12 == 5 else "publish"
            self.posts.append(self.post(2000 + i * 3, status, iso(i * 300), iso(i * 300 + self.rng.randint(0, 9000))))

    def post(self, pid: int, status: str, date: str, modified: str) -> dict:
        slug = f"{self.rng.choice(WORDS)}-{self.rng.choice(WORDS)}-{pid}"
        return {"id": pid, "date_gmt": date[:-1], "modified_gmt": modified[:-1], "slug": slug, "status": status,
                "type": "post", "link": f"{self.base_url}/{slug}/", "title": {"rendered": slug.replace("-", " ").title()},
                "author": self.rng.randint(1, 6), "categories": self.rng.sample(range(1, 15), 2)}

    def advance(self) -> None:
        live = [p for p in self.posts if p["status"] == "publish"]
        picks = self.rng.sample(live, 11)
        for k, p in enumerate(picks[:6]):
            p["title"]["rendered"] += " (updated)"
            p["modified_gmt"] = now_iso(k)[:-1]
        for k, p in enumerate(picks[6:]):
            p["status"] = "trash"
            p["modified_gmt"] = now_iso(k)[:-1]
        for k in range(4):
            self.posts.append(self.post(9000 + k, "publish", now_iso(k), now_iso(k)))

    def handle(self, req: Req) -> Resp:
        auth = req.basic()
        if not auth or auth[0] != self.values["wp_user"] or \
                auth[1].replace(" ", "") != self.values["app_password"].replace(" ", ""):
            return J({"code": "rest_not_logged_in", "message": "You are not currently logged in.", "data": {"status": 401}}, 401)
        if req.path != "/wp-json/wp/v2/posts":
            return J({"code": "rest_no_route", "message": "No route was found", "data": {"status": 404}}, 404)
        page, per = int_arg(req, "page", 1), int_arg(req, "per_page", 10)
        if per < 1 or per > 100 or page < 1:
            return J({"code": "rest_invalid_param", "message": "Invalid parameter(s): per_page",
                      "data": {"status": 400, "params": {"per_page": "per_page must be between 1 (inclusive) and 100 (inclusive)"}}}, 400)
        statuses = [s for s in req.query.get("status", "publish").split(",") if s]
        if any(s not in ("publish", "draft", "trash", "pending", "private", "future") for s in statuses):
            return J({"code": "rest_invalid_param", "message": "Invalid parameter(s): status", "data": {"status": 400}}, 400)
        rows = [p for p in self.posts if p["status"] in statuses]
        if req.query.get("modified_after"):
            after = parse_iso(req.query["modified_after"])
            if after is None:
                return J({"code": "rest_invalid_param", "message": "Invalid parameter(s): modified_after", "data": {"status": 400}}, 400)
            rows = [p for p in rows if parse_iso(p["modified_gmt"]) > after]
        order = req.query.get("order", "desc")
        key = "modified_gmt" if req.query.get("orderby") == "modified" else "date_gmt" if req.query.get("orderby", "date") == "date" else "id"
        rows = sorted(rows, key=lambda p: (p[key], p["id"]), reverse=order != "asc")
        pages = max(1, -(-len(rows) // per))
        if page > pages:
            return J({"code": "rest_post_invalid_page_number",
                      "message": "The page number requested is larger than the number of pages available.",
                      "data": {"status": 400}}, 400)
        return J(rows[(page - 1) * per: page * per], headers={"X-WP-Total": str(len(rows)), "X-WP-TotalPages": str(pages)})


# ---------------------------------------------------------------------------------------------- r3-05
class Surveys(Source):
    """Bearer; list gives id+title only (page, next_page); details per id hold the rest and a questions
    array; more than 4 requests in any 1 s window -> 429 Retry-After: 1."""
    seed = 305

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_token"] = self.secret("sv_", 30)
        self.calls: list[float] = []
        self.surveys = []
        for i in range(43):
            qs = [{"position": k + 1, "type": self.rng.choice(["rating", "text", "single_choice", "nps"]),
                   "text": f"How {self.rng.choice(WORDS)} was it?", "required": self.rng.random() < .6}
                  for k in range(self.rng.randint(1, 9))]
            self.surveys.append({"id": 88000 + i * 11, "title": f"{self.rng.choice(WORDS).title()} feedback {i}",
                                 "status": self.rng.choice(["live", "closed", "draft"]), "language": self.rng.choice(["en", "de", "pt"]),
                                 "created_at": iso(i * 1440), "owner": {"email": f"{self.rng.choice(FIRST)}@corp.test"},
                                 "response_count": self.rng.randint(0, 900), "questions": qs})

    def handle(self, req: Req) -> Resp:
        now = time.monotonic()
        self.calls = [t for t in self.calls if now - t < 1.0]
        if len(self.calls) >= 4:
            return err(429, "Too Many Requests", {"Retry-After": "1"})
        self.calls.append(now)
        if req.bearer() != self.values["api_token"]:
            return err(401, "invalid token")
        if req.path == "/v3/surveys":
            page = int_arg(req, "page", 1)
            if page < 1:
                return err(400, "bad page")
            chunk = [{"id": s["id"], "title": s["title"], "href": f"/v3/surveys/{s['id']}"}
                     for s in self.surveys[(page - 1) * 10: page * 10]]
            return J({"surveys": chunk, "page": page, "next_page": page + 1 if page * 10 < len(self.surveys) else None})
        m = re.fullmatch(r"/v3/surveys/(\d+)", req.path)
        s = next((s for s in self.surveys if m and s["id"] == int(m.group(1))), None)
        return J(s) if s else err(404, "not found")


# ---------------------------------------------------------------------------------------------- r3-06
class Logs(Source):
    """Elasticsearch-like _search: Authorization: ApiKey base64(id:key); size <= 500; from+size <= 1000;
    search_after with sort [@timestamp, event.id]; timestamps repeat; range filter on @timestamp."""
    seed = 306

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_key_id"] = self.secret("", 20)
        self.values["api_key"] = self.secret("", 22)
        self.docs = []
        base = int(EPOCH.timestamp() * 1000)
        for i in range(2300):
            self.docs.append(self.doc(base + (i // 3) * 1500, i))

    def doc(self, millis: int, i: int) -> dict:
        stamp = dt.datetime.fromtimestamp(millis / 1000, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
        return {"_id": self.secret("", 20), "millis": millis, "_source": {
            "@timestamp": stamp, "message": f"{self.rng.choice(['GET', 'POST'])} /{self.rng.choice(WORDS)} {self.rng.choice([200, 200, 404, 500])}",
            "event": {"id": f"evt-{i:06d}", "action": self.rng.choice(["login", "logout", "request", "export"]),
                      "outcome": self.rng.choice(["success", "failure"])},
            "user": {"name": self.rng.choice(FIRST)},
            "host": {"name": f"web-{self.rng.randint(1, 9)}", "ip": f"10.0.{self.rng.randint(0, 9)}.{self.rng.randint(1, 250)}"}}}

    def advance(self) -> None:
        base = int(time.time() * 1000)
        self.docs += [self.doc(base + (k // 2) * 10, 2300 + k) for k in range(150)]

    @staticmethod
    def es_err(status: int, etype: str, reason: str) -> Resp:
        return J({"error": {"root_cause": [{"type": etype, "reason": reason}], "type": etype, "reason": reason},
                  "status": status}, status)

    def handle(self, req: Req) -> Resp:
        expected = base64.b64encode(f"{self.values['api_key_id']}:{self.values['api_key']}".encode()).decode()
        if req.header("Authorization") != f"ApiKey {expected}":
            return self.es_err(401, "security_exception", "unable to authenticate with provided credentials")
        if req.path != "/app-logs/_search":
            return self.es_err(404, "index_not_found_exception", "no such index")
        body = req.json() if req.body else {}
        if not isinstance(body, dict):
            return self.es_err(400, "parsing_exception", "request body must be a JSON object")
        size, frm = body.get("size", 10), body.get("from", 0)
        if not isinstance(size, int) or size < 0 or size > 500:
            return self.es_err(400, "illegal_argument_exception", "[size] must be between 0 and 500 for this key")
        if not isinstance(frm, int) or frm < 0 or frm + size > 1000:
            return self.es_err(400, "illegal_argument_exception",
                               "Result window is too large, from + size must be less than or equal to: [1000]. "
                               "Use search_after for deep pagination.")
        sort_fields = []
        for s in body.get("sort") or []:
            name = s if isinstance(s, str) else next(iter(s)) if isinstance(s, dict) and s else None
            if name not in ("@timestamp", "event.id"):
                return self.es_err(400, "illegal_argument_exception", f"cannot sort on [{name}]")
            order = s[name] if isinstance(s, dict) else "asc"
            order = order.get("order", "asc") if isinstance(order, dict) else order
            if order != "asc":
                return self.es_err(400, "illegal_argument_exception", "only ascending sort is allowed on this index")
            sort_fields.append(name)
        rows = list(self.docs)
        rng = self.find_range(body.get("query"))
        if rng:
            for op_, val in rng.items():
                ms = val if isinstance(val, (int, float)) else (parse_iso(str(val)).timestamp() * 1000 if parse_iso(str(val)) else None)
                if ms is None or op_ not in ("gt", "gte", "lt", "lte"):
                    return self.es_err(400, "parse_exception", f"failed to parse range [{op_}: {val}]")
                ms = int(ms)
                rows = [d for d in rows if {"gt": d["millis"] > ms, "gte": d["millis"] >= ms,
                                            "lt": d["millis"] < ms, "lte": d["millis"] <= ms}[op_]]

        def sval(d: dict, f: str) -> Any:
            return d["millis"] if f == "@timestamp" else d["_source"]["event"]["id"]

        if sort_fields:
            rows.sort(key=lambda d: tuple(sval(d, f) for f in sort_fields))
        else:  # "relevance" order: unstable for paging
            rows.sort(key=lambda d: d["_id"])
        after = body.get("search_after")
        if after is not None:
            if not sort_fields or not isinstance(after, list) or len(after) != len(sort_fields):
                return self.es_err(400, "illegal_argument_exception",
                                   "search_after has to have as many values as the sort has fields")
            key = tuple(after)
            rows = [d for d in rows if tuple(sval(d, f) for f in sort_fields) > key]
        total = len(rows) if after is None else len(rows)
        hits = [{"_index": "app-logs-000003", "_id": d["_id"], "_score": None, "_source": d["_source"],
                 **({"sort": [sval(d, f) for f in sort_fields]} if sort_fields else {})}
                for d in rows[frm: frm + size]]
        return J({"took": 3, "timed_out": False, "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
                  "hits": {"total": {"value": min(total, 10000), "relation": "eq"}, "max_score": None, "hits": hits}})

    def find_range(self, q: Any) -> dict | None:
        if isinstance(q, dict):
            if "range" in q and isinstance(q["range"], dict) and "@timestamp" in q["range"]:
                r = q["range"]["@timestamp"]
                return {k: v for k, v in r.items() if k in ("gt", "gte", "lt", "lte")} or {"bad": r}
            for v in q.values():
                found = self.find_range(v)
                if found:
                    return found
        if isinstance(q, list):
            for v in q:
                found = self.find_range(v)
                if found:
                    return found
        return None


# ---------------------------------------------------------------------------------------------- r3-07
class Odata(Source):
    """OData v4: Ocp-Apim-Subscription-Key; server pages of 100 with absolute @odata.nextLink ($skiptoken);
    $top caps the TOTAL; $filter=ModifiedAt gt|ge <datetime>; Addresses only with $expand=Addresses."""
    seed = 307

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["subscription_key"] = self.secret("", 32)
        self.next_addr = 500000
        self.customers = [self.customer(10000 + i * 4, iso(i * 173)) for i in range(340)]

    def address(self) -> dict:
        self.next_addr += self.rng.randint(1, 9)
        return {"AddressId": self.next_addr, "Type": self.rng.choice(["Billing", "Shipping"]),
                "Street": f"{self.rng.randint(1, 300)} {self.rng.choice(WORDS).title()} Str.",
                "City": self.rng.choice(["Kraków", "São Paulo", "Izmir", "Ha Noi", "Chennai"]),
                "Country": self.rng.choice(["PL", "BR", "TR", "VN", "IN"])}

    def customer(self, cid: int, modified: str) -> dict:
        return {"CustomerId": cid, "CompanyName": f"{self.rng.choice(WORDS).title()} {self.rng.choice(['GmbH', 'Ltda', 'A.S.', 'Sp. z o.o.'])}",
                "ContactName": f"{self.rng.choice(FIRST).title()} {self.rng.choice(LAST).title()}",
                "Email": f"{self.rng.choice(FIRST)}{cid}@cust.test", "Country": self.rng.choice(["PL", "BR", "TR", "VN"]),
                "CreditLimit": self.rng.randint(0, 50) * 1000, "ModifiedAt": modified,
                "Addresses": [self.address() for _ in range(self.rng.randint(1, 3))]}

    def advance(self) -> None:
        for k, c in enumerate(self.rng.sample(self.customers, 12)):
            c["CreditLimit"] += 500
            c["Addresses"].append(self.address())
            c["ModifiedAt"] = now_iso(k)
        for k in range(7):
            c = self.customer(20000 + k, now_iso(k))
            c["Addresses"] = [self.address(), self.address()]
            self.customers.append(c)

    def handle(self, req: Req) -> Resp:
        if req.header("Ocp-Apim-Subscription-Key") != self.values["subscription_key"]:
            return J({"statusCode": 401, "message": "Access denied due to missing or invalid subscription key. "
                      "Make sure to include subscription key when making requests to an API."}, 401)
        if req.path != "/odata/v4/Customers":
            return J({"error": {"code": "", "message": "No HTTP resource was found that matches the request URI."}}, 404)
        rows = sorted(self.customers, key=lambda c: c["CustomerId"])
        flt = req.query.get("$filter")
        if flt:
            m = re.fullmatch(r"\s*ModifiedAt\s+(gt|ge)\s+'?([0-9T:\-\.Z+]+)'?\s*", flt)
            when = parse_iso(m.group(2)) if m else None
            if not when:
                return J({"error": {"code": "", "message": f"The query specified in the URI is not valid: {flt}"}}, 400)
            rows = [c for c in rows if (parse_iso(c["ModifiedAt"]) > when if m.group(1) == "gt" else parse_iso(c["ModifiedAt"]) >= when)]
        skip = int_arg(req, "$skiptoken", -10**9)
        if "$skiptoken" in req.query:
            rows = [c for c in rows if c["CustomerId"] > skip]
        top = int_arg(req, "$top", 10**9)
        if top < 0:
            return J({"error": {"code": "", "message": "Invalid $top"}}, 400)
        served = int_arg(req, "$served", 0)  # how many of a $top were already returned on earlier pages
        remaining = top - served
        page = rows[: min(100, remaining)]
        expand = req.query.get("$expand", "")
        if expand and expand != "Addresses":
            return J({"error": {"code": "", "message": f"Could not find a property named '{expand}'"}}, 400)
        out = [{k: v for k, v in c.items() if k != "Addresses" or expand} for c in page]
        body: dict = {"@odata.context": f"{self.base_url}/odata/v4/$metadata#Customers", "value": out}
        if len(rows) > len(page) and remaining > len(page):
            q = {k: v for k, v in req.query.items() if k not in ("$skiptoken", "$served")}
            q["$skiptoken"] = str(page[-1]["CustomerId"])
            if "$top" in req.query:
                q["$served"] = str(served + len(page))
            body["@odata.nextLink"] = f"{self.base_url}{req.path}?" + urllib.parse.urlencode(q, safe="$,'")
        return J(body, ctype="application/json; odata.metadata=minimal")


# ---------------------------------------------------------------------------------------------- r3-08
class Changes(Source):
    """Compacted changes feed: bearer; /v2/changes?since=&limit (<= 500); results with seq, id, deleted, doc;
    last_seq and pending."""
    seed = 308

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_token"] = self.secret("chg_", 26)
        self.seq = 0
        self.docs: dict[str, dict] = {}  # id -> {"seq", "deleted", "doc"}
        for i in range(800):
            self.put(f"c_{i:05d}_{self.secret('', 4)}", self.contact(iso(i * 30)))
        ids = sorted(self.docs)
        for cid in self.rng.sample(ids, 250):
            d = self.docs[cid]["doc"]
            d["phone"] = f"+351 9{self.rng.randint(10000000, 99999999)}"
            self.put(cid, d)
        for cid in self.rng.sample(ids, 40):
            self.remove(cid)

    def contact(self, when: str) -> dict:
        return {"name": f"{self.rng.choice(FIRST).title()} {self.rng.choice(LAST).title()}",
                "email": f"{self.rng.choice(FIRST)}.{self.rng.randint(1, 9999)}@mail.test", "phone": None,
                "company": {"name": self.rng.choice(WORDS).title() + " Ltd", "domain": self.rng.choice(WORDS) + ".test"},
                "tags": self.rng.sample(WORDS, 2), "updated_at": when}

    def put(self, cid: str, doc: dict) -> None:
        self.seq += 1
        self.docs[cid] = {"seq": self.seq, "deleted": False, "doc": {"id": cid, **doc}}

    def remove(self, cid: str) -> None:
        self.seq += 1
        self.docs[cid] = {"seq": self.seq, "deleted": True, "doc": None}

    def advance(self) -> None:
        live = sorted(c for c, d in self.docs.items() if not d["deleted"])
        picks = self.rng.sample(live, 42)
        for k, cid in enumerate(picks[:30]):
            d = self.docs[cid]["doc"]
            d["tags"] = d["tags"] + ["vip"]
            d["updated_at"] = now_iso(k)
            self.put(cid, d)
        for cid in picks[30:]:
            self.remove(cid)
        for k in range(15):
            self.put(f"c_new{k:03d}", self.contact(now_iso(k)))

    def handle(self, req: Req) -> Resp:
        if req.bearer() != self.values["api_token"]:
            return J({"code": "unauthorized", "message": "missing or invalid bearer token"}, 401)
        if req.path != "/v2/changes":
            return J({"code": "not_found", "message": "not found"}, 404)
        since, limit = int_arg(req, "since", 0), int_arg(req, "limit", 100)
        if limit < 1 or limit > 500:
            return J({"code": "invalid_parameter", "message": "limit must be between 1 and 500"}, 400)
        if since < 0:
            return J({"code": "invalid_parameter", "message": "since must be a sequence number"}, 400)
        feed = sorted((d["seq"], cid, d) for cid, d in self.docs.items() if d["seq"] > since)
        page = feed[:limit]
        results = [{"seq": s, "id": cid, "deleted": True} if d["deleted"] else
                   {"seq": s, "id": cid, "deleted": False, "doc": d["doc"]} for s, cid, d in page]
        last = page[-1][0] if page else since
        return J({"results": results, "last_seq": last, "pending": len(feed) - len(page)})


# ---------------------------------------------------------------------------------------------- r3-09
class Jsonapi(Source):
    """JSON:API: bearer + Accept: application/vnd.api+json (else 406); page[number]/page[size] (<= 50);
    links.next; line items only in `included` with include=line_items."""
    seed = 309
    MEDIA = "application/vnd.api+json"

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_token"] = self.secret("pat_", 36)
        self.orders, self.items = [], []
        lid = 70000
        for i in range(130):
            oid = str(4100 + i)
            mine = []
            for _ in range(self.rng.randint(1, 5)):
                lid += self.rng.randint(1, 4)
                mine.append(str(lid))
                self.items.append({"type": "line_items", "id": str(lid),
                                   "attributes": {"sku": f"SKU-{self.rng.randint(100, 999)}", "quantity": self.rng.randint(1, 6),
                                                  "unit_price": f"{self.rng.randint(100, 9000) / 100:.2f}"},
                                   "relationships": {"order": {"data": {"type": "orders", "id": oid}}}})
            self.orders.append({"type": "orders", "id": oid,
                                "attributes": {"number": f"SO-{oid}", "status": self.rng.choice(["placed", "shipped", "cancelled"]),
                                               "placed_at": iso(i * 222), "total": f"{self.rng.randint(1000, 90000) / 100:.2f}",
                                               "currency": "EUR"},
                                "relationships": {"customer": {"data": {"type": "customers", "id": str(self.rng.randint(1, 60))}},
                                                  "line_items": {"data": [{"type": "line_items", "id": x} for x in mine]}}})

    def handle(self, req: Req) -> Resp:
        def jerr(status: int, title: str) -> Resp:
            return J({"errors": [{"status": str(status), "title": title}]}, status, ctype=self.MEDIA)

        if req.bearer() != self.values["api_token"]:
            return jerr(401, "Unauthorized")
        if self.MEDIA not in req.header("Accept"):
            return jerr(406, "Not Acceptable: send Accept: application/vnd.api+json")
        if req.path != "/api/orders":
            return jerr(404, "Not Found")
        number, size = int_arg(req, "page[number]", 1), int_arg(req, "page[size]", 10)
        if size < 1 or size > 50:
            return jerr(400, "page[size] must be between 1 and 50")
        if number < 1:
            return jerr(400, "page[number] must be >= 1")
        include = req.query.get("include", "")
        if include not in ("", "line_items"):
            return jerr(400, f"invalid include path: {include}")
        data = self.orders[(number - 1) * size: number * size]
        last = max(1, -(-len(self.orders) // size))

        def link(n: int) -> str:
            q = {"page[number]": n, "page[size]": size, **({"include": include} if include else {})}
            return f"{self.base_url}/api/orders?" + urllib.parse.urlencode(q)

        body: dict = {"data": data, "links": {"self": link(number), "last": link(last),
                                              "next": link(number + 1) if number < last else None},
                      "meta": {"total": len(self.orders)}}
        if include:
            ids = {r["id"] for o in data for r in o["relationships"]["line_items"]["data"]}
            body["included"] = [x for x in self.items if x["id"] in ids]
        return J(body, ctype=self.MEDIA)


# ---------------------------------------------------------------------------------------------- r3-10
class Reports(Source):
    """Async reports: bearer; POST report (<= 90 days inclusive, end_date not in the future); poll until
    done (third poll); pre-signed download URL must NOT get the Authorization header; gzip CSV."""
    seed = 310
    FIRST_DAY = dt.date(2024, 1, 1)

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_token"] = self.secret("adv_", 30)
        self.values["account_id"] = "act_" + str(self.rng.randint(10**8, 10**9))
        self.reports: dict[str, dict] = {}
        self.rows = []
        for c in range(5):
            start = self.FIRST_DAY + dt.timedelta(days=c * 9)
            days = self.rng.randint(40, 100)
            name = f"{self.rng.choice(WORDS).title()} {self.rng.choice(['Search', 'Display', 'Video'])}"
            for d in range(days):
                imp = self.rng.randint(100, 90000)
                clicks = self.rng.randint(0, imp // 20)
                self.rows.append({"date": (start + dt.timedelta(days=d)).isoformat(), "campaign_id": str(9100 + c),
                                  "campaign_name": name, "impressions": imp, "clicks": clicks,
                                  "spend_micros": clicks * self.rng.randint(50000, 900000)})

    def handle(self, req: Req) -> Resp:
        acct = self.values["account_id"]
        if req.path.startswith("/files/"):
            if req.header("Authorization"):
                body = (b'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>InvalidArgument</Code><Message>Only one auth '
                        b'mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or '
                        b'the Authorization header should be specified</Message></Error>')
                return 400, {"Content-Type": "application/xml"}, body
            rid = req.path[len("/files/"):].removesuffix(".csv.gz")
            rep = self.reports.get(rid)
            if not rep or req.query.get("X-Amz-Signature") != rep["sig"]:
                return 403, {"Content-Type": "application/xml"}, b"<Error><Code>AccessDenied</Code></Error>"
            buf = io.StringIO()
            w = csv.DictWriter(buf, ["date", "campaign_id", "campaign_name", "impressions", "clicks", "spend_micros"])
            w.writeheader()
            for r in self.rows:
                if rep["start"] <= r["date"] <= rep["end"]:
                    w.writerow(r)
            return 200, {"Content-Type": "application/gzip"}, gzip.compress(buf.getvalue().encode())
        if req.bearer() != self.values["api_token"]:
            return err(401, "invalid access token")
        if req.path == f"/v1/accounts/{acct}/reports" and req.method == "POST":
            body = req.json()
            if not isinstance(body, dict) or body.get("report_type") != "campaign_daily":
                return err(400, "report_type must be campaign_daily")
            try:
                start = dt.date.fromisoformat(body["start_date"])
                end = dt.date.fromisoformat(body["end_date"])
            except Exception:
                return err(400, "start_date and end_date must be YYYY-MM-DD")
            if end < start:
                return err(400, "end_date before start_date")
            if (end - start).days > 89:
                return err(400, "a report may cover at most 90 days")
            if end > dt.datetime.now(dt.timezone.utc).date() + dt.timedelta(days=1):
                return err(400, "end_date is in the future")
            rid = "rpt_" + self.secret("", 10)
            self.reports[rid] = {"start": start.isoformat(), "end": end.isoformat(), "polls": 0, "sig": self.secret("", 20)}
            return J({"id": rid, "status": "queued"}, 202)
        m = re.fullmatch(rf"/v1/accounts/{acct}/reports/(rpt_\w+)", req.path)
        if m and m.group(1) in self.reports and req.method == "GET":
            rep = self.reports[m.group(1)]
            rep["polls"] += 1
            if rep["polls"] < 3:
                return J({"id": m.group(1), "status": "queued" if rep["polls"] == 1 else "processing"})
            return J({"id": m.group(1), "status": "done", "expires_in": 60,
                      "download_url": f"{self.base_url}/files/{m.group(1)}.csv.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                                      f"&X-Amz-Expires=60&X-Amz-Signature={rep['sig']}"})
        return err(404, "not found")


# ---------------------------------------------------------------------------------------------- r3-11
class Ledger(Source):
    """HMAC-signed requests (X-Key, X-Ts, X-Sign = hex hmac_sha256(secret, ts+METHOD+path?query));
    page/next_page; 5 requests per 2 s, then 429 with X-RateLimit-Reset (epoch seconds) and no Retry-After."""
    seed = 311

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_key"] = self.secret("lk_", 16)
        self.values["api_secret"] = self.secret("", 40)
        self.calls: list[float] = []
        self.entries = [{"id": 600000 + i * 13, "ts": iso(i * 77 + self.rng.random()), "asset": self.rng.choice(["BTC", "ETH", "EUR", "USDC"]),
                         "type": self.rng.choice(["deposit", "withdrawal", "trade", "fee"]),
                         "amount": f"{self.rng.uniform(-5, 5):.8f}", "ref": self.secret("tx", 10)} for i in range(185)]

    def handle(self, req: Req) -> Resp:
        now = time.time()
        self.calls = [t for t in self.calls if now - t < 2.0]
        reset = int(self.calls[0] + 2.0) + 1 if self.calls else int(now) + 1
        if len(self.calls) >= 5:
            return err(429, "rate limit exceeded", {"X-RateLimit-Limit": "5", "X-RateLimit-Remaining": "0",
                                                    "X-RateLimit-Reset": str(reset)})
        self.calls.append(now)
        rl = {"X-RateLimit-Limit": "5", "X-RateLimit-Remaining": str(5 - len(self.calls)), "X-RateLimit-Reset": str(reset)}
        ts = req.header("X-Ts")
        if req.header("X-Key") != self.values["api_key"] or not ts.isdigit() or abs(int(ts) - now) > 30:
            return err(401, "missing key or stale timestamp", rl)
        want = hmac.new(self.values["api_secret"].encode(), (ts + req.method + req.raw_path).encode(), hashlib.sha256).hexdigest()
        if not hmac.compare_digest(want, req.header("X-Sign").lower()):
            return err(401, "bad signature", rl)
        if req.path != "/api/v1/ledger":
            return err(404, "not found", rl)
        page = int_arg(req, "page", 1)
        if page < 1:
            return err(400, "bad page", rl)
        chunk = self.entries[(page - 1) * 20: page * 20]
        return J({"entries": chunk, "page": page, "next_page": page + 1 if page * 20 < len(self.entries) else None}, headers=rl)


# ---------------------------------------------------------------------------------------------- r3-12
class Inspections(Source):
    """Form login sets a JSESSIONID cookie; a session serves 3 data calls, then the API 302-redirects to the
    HTML login page; start/rows (<= 50) paging with result.total; findings arrays."""
    seed = 312

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["username"] = "svc_" + self.secret("", 5)
        self.values["password"] = self.secret("", 14) + "!"
        self.sessions: dict[str, int] = {}
        sites = [{"id": 40 + k, "name": f"{w.title()} plant", "region": self.rng.choice(["north", "south", "east"])}
                 for k, w in enumerate(self.rng.sample(WORDS, 8))]
        self.rows, fid = [], 1
        for i in range(163):
            findings = []
            for _ in range(self.rng.choice([0, 0, 1, 2, 3, 4])):
                fid += 1
                findings.append({"id": 9000 + fid, "severity": self.rng.choice(["minor", "major", "critical"]),
                                 "note": f"{self.rng.choice(WORDS)} not compliant"})
            self.rows.append({"id": 31000 + i, "site": self.rng.choice(sites), "inspector": self.rng.choice(FIRST).title(),
                              "date": iso(i * 900)[:10], "score": self.rng.randint(40, 100), "findings": findings})

    def handle(self, req: Req) -> Resp:
        if req.path == "/login":
            return 200, {"Content-Type": "text/html"}, b"<html><body><form action='/api/login' method='post'>" \
                                                       b"<input name='username'><input name='password' type='password'></form></body></html>"
        if req.path == "/api/login":
            f = req.form()
            if req.method != "POST" or not f.get("username"):
                return err(400, "expected a form post with username and password")
            if (f.get("username"), f.get("password")) != (self.values["username"], self.values["password"]):
                return err(401, "invalid credentials")
            sid = self.secret("", 32).upper()
            self.sessions[sid] = 0
            return J({"status": "ok"}, headers={"Set-Cookie": f"JSESSIONID={sid}; Path=/; HttpOnly"})
        cookies = dict(p.strip().split("=", 1) for p in req.header("Cookie").split(";") if "=" in p)
        sid = cookies.get("JSESSIONID", "")
        if sid not in self.sessions or self.sessions[sid] >= 3:
            return 302, {"Location": "/login", "Content-Type": "text/html"}, b"<html>Moved</html>"
        self.sessions[sid] += 1
        if req.path != "/api/inspections":
            return err(404, "not found")
        start, rows = int_arg(req, "start", 0), int_arg(req, "rows", 10)
        if rows < 1 or rows > 50 or start < 0:
            return err(400, "rows must be 1..50")
        return J({"result": {"total": len(self.rows), "start": start, "inspections": self.rows[start: start + rows]}})


# ---------------------------------------------------------------------------------------------- r3-13
class Atom(Source):
    """Atom XML feed with a product namespace; key in the query on every call (next links do not carry it);
    rel=next links; variants as child elements."""
    seed = 313
    P = "http://schemas.nordwaren.example/product/1.0"

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["feed_key"] = self.secret("", 18)
        self.products = []
        for i in range(95):
            variants = [{"sku": f"NW-{i:03d}-{k}", "size": self.rng.choice(["S", "M", "L", "XL"]),
                         "color": self.rng.choice(["rot", "blau", "schwarz"]), "stock": self.rng.randint(0, 40)}
                        for k in range(self.rng.randint(0, 4))]
            self.products.append({"id": 7300 + i * 2, "title": f"{self.rng.choice(WORDS).title()} Jacke",
                                  "updated": iso(i * 600), "price": f"{self.rng.randint(1990, 24990) / 100:.2f}",
                                  "brand": self.rng.choice(["Nordwaren", "Fjellkraft", "Alpenlicht"]), "variants": variants})

    def handle(self, req: Req) -> Resp:
        if req.query.get("key") != self.values["feed_key"]:
            return 403, {"Content-Type": "application/xml"}, b"<?xml version='1.0'?><error><code>403</code><message>invalid or missing key</message></error>"
        if req.path != "/feeds/products.atom":
            return 404, {"Content-Type": "application/xml"}, b"<error><code>404</code></error>"
        cursor = req.query.get("cursor", "")
        try:
            start = int(base64.urlsafe_b64decode(cursor.encode()).decode()) if cursor else 0
        except Exception:
            return 400, {"Content-Type": "application/xml"}, b"<error><code>400</code><message>bad cursor</message></error>"
        chunk = self.products[start: start + 20]
        out = [f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xmlns:p="{self.P}">',
               "<title>Nordwaren Produkte</title>", f"<id>urn:nordwaren:feed:products</id><updated>{iso(95 * 600)}</updated>",
               f'<link rel="self" href="{self.base_url}/feeds/products.atom{"?cursor=" + cursor if cursor else ""}"/>']
        if start + 20 < len(self.products):
            nxt = base64.urlsafe_b64encode(str(start + 20).encode()).decode()
            out.append(f'<link rel="next" href="{self.base_url}/feeds/products.atom?cursor={nxt}"/>')
        for p in chunk:
            out.append(f"<entry><id>urn:nordwaren:product:{p['id']}</id><title>{escape(p['title'])}</title>"
                       f"<updated>{p['updated']}</updated><p:brand>{escape(p['brand'])}</p:brand>"
                       f'<p:price currency="EUR">{p["price"]}</p:price><p:variants>'
                       + "".join(f"<p:variant sku={quoteattr(v['sku'])} size={quoteattr(v['size'])} color={quoteattr(v['color'])}"
                                 f" stock=\"{v['stock']}\"/>" for v in p["variants"])
                       + "</p:variants></entry>")
        out.append("</feed>")
        return 200, {"Content-Type": "application/atom+xml; charset=utf-8"}, "\n".join(out).encode()


# ---------------------------------------------------------------------------------------------- r3-14
class Graphql(Source):
    """AppSync-like GraphQL: x-api-key; listTickets(limit <= 50, nextToken); limit too big -> HTTP 200 with
    errors; comments only when selected; every 4th request answers 503 once."""
    seed = 314

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_key"] = "da2-" + self.secret("", 26)
        self.count = 0
        self.tickets, cid = [], 0
        for i in range(210):
            comments = []
            for _ in range(self.rng.choice([0, 1, 1, 2, 3, 4])):
                cid += 1
                comments.append({"id": f"cmt-{cid:05d}", "body": f"{self.rng.choice(WORDS)} {self.rng.choice(WORDS)}",
                                 "author": self.rng.choice(FIRST), "createdAt": iso(i * 50 + cid)})
            who = self.rng.choice(FIRST)
            self.tickets.append({"id": f"tkt-{self.secret('', 8)}", "title": f"{self.rng.choice(WORDS).title()} broken",
                                 "status": self.rng.choice(["OPEN", "IN_PROGRESS", "DONE"]), "priority": self.rng.randint(1, 4),
                                 "createdAt": iso(i * 50), "updatedAt": iso(i * 50 + 30),
                                 "assignee": None if i % 9 == 0 else {"id": f"u-{who}", "name": who.title()},
                                 "comments": {"items": comments}})

    def handle(self, req: Req) -> Resp:
        self.count += 1
        if self.count % 4 == 2:
            return 503, {"Content-Type": "application/json", "Retry-After": "1"}, b'{"message":"Service Unavailable"}'
        if req.header("x-api-key") != self.values["api_key"]:
            return J({"errors": [{"errorType": "UnauthorizedException", "message": "You are not authorized to make this call."}]}, 401)
        if req.path != "/graphql" or req.method != "POST":
            return err(404, "not found")
        body = req.json()
        if not isinstance(body, dict) or not isinstance(body.get("query"), str):
            return J({"errors": [{"errorType": "MalformedHttpRequestException", "message": "query missing"}]}, 400)
        query, variables = body["query"], body.get("variables") or {}
        if "listTickets" not in query:
            return J({"data": None, "errors": [{"errorType": "ValidationError", "message": "unknown field"}]})

        def arg(name: str) -> Any:
            m = re.search(rf"listTickets\s*\([^)]*\b{name}\s*:\s*(\$\w+|\"[^\"]*\"|null|\d+)", query)
            if not m:
                return None
            raw = m.group(1)
            if raw.startswith("$"):
                return variables.get(raw[1:])
            return None if raw == "null" else raw.strip('"') if raw.startswith('"') else int(raw)

        limit, token = arg("limit"), arg("nextToken")
        limit = 20 if limit is None else limit
        if not isinstance(limit, int) or limit < 1 or limit > 50:
            return J({"data": {"listTickets": None}, "errors": [{"path": ["listTickets"], "errorType": "ValidationError",
                                                                  "message": "limit must be between 1 and 50"}]})
        try:
            start = int(base64.b64decode(token).decode().split("|")[1]) if token else 0
        except Exception:
            return J({"data": {"listTickets": None}, "errors": [{"errorType": "InvalidNextToken", "message": "bad nextToken"}]})
        chunk = self.tickets[start: start + limit]
        with_comments = re.search(r"\bcomments\b", query) is not None
        items = [{k: v for k, v in t.items() if k != "comments" or with_comments} for t in chunk]
        nxt = base64.b64encode(f"v2|{start + limit}|{self.secret('', 6)}".encode()).decode() if start + limit < len(self.tickets) else None
        return J({"data": {"listTickets": {"items": items, "nextToken": nxt}}})


SOURCES = {"oncall": Oncall, "schools": Schools, "payments": Payments, "blog": Blog, "surveys": Surveys, "logs": Logs,
           "odata": Odata, "changes": Changes, "jsonapi": Jsonapi, "reports": Reports, "ledger": Ledger,
           "inspections": Inspections, "atom": Atom, "graphql": Graphql}


class Running:
    def __init__(self, src: Source, lock: threading.Lock):
        self._src, self._lock = src, lock
        self.values = dict(src.values)

    def advance(self) -> None:
        with self._lock:
            self._src.advance()


@contextlib.contextmanager
def serve(source: str, workdir: pathlib.Path) -> Iterator[Running]:
    """Runs the mock API `source` on 127.0.0.1 for the duration of the block."""
    if source not in SOURCES:
        raise KeyError(f"unknown source {source!r}")
    holder: dict[str, Any] = {"lock": threading.Lock()}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:
            pass

        def dispatch(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            try:
                with holder["lock"]:
                    status, headers, payload = holder["src"].handle(Req(self.command, self.path, self.headers, body))
            except Exception as e:  # a bug in a mock is a 500, never a hang
                status, headers, payload = 500, {"Content-Type": "text/plain"}, f"mock error: {e!r}".encode()
            self.send_response(status)
            for k, v in headers.items():
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
        yield Running(holder["src"], holder["lock"])
    finally:
        server.shutdown()
        server.server_close()
