"""Local mock HTTP APIs for the rest2 generate-evaluation set (standard library only).

serve(source, workdir) starts one mock on 127.0.0.1 (port 0, daemon thread) and yields an object with
.values (placeholders for the task's request and config) and .advance() (the data of a second sync).
Every mock enforces what its task's request says: auth, page-size caps, pagination, expiring tokens,
date windows, faults. All data is seeded, so row counts are exact.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import json
import pathlib
import random
import re
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Iterator
from xml.sax.saxutils import escape

FIRST = ["ana", "ben", "chloe", "dev", "elif", "farid", "gina", "hugo", "ines", "jon", "kira", "lars", "mei",
         "nora", "omar", "pia", "quinn", "rosa", "sven", "tara", "uma", "vik", "wen", "yara", "zane"]
LAST = ["abbott", "berg", "costa", "dahl", "evans", "fischer", "garcia", "haas", "ito", "jensen", "kowalski",
        "lopez", "moreau", "nakamura", "olsen", "petrov", "quist", "rossi", "silva", "tanaka"]
WORDS = ["alpha", "bolt", "cedar", "delta", "ember", "fjord", "granite", "harbor", "iris", "juniper", "kepler",
         "lumen", "maple", "nova", "onyx", "prism", "quartz", "raven", "sierra", "tundra", "umber", "vertex"]
EPOCH = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)


def iso(minutes: float) -> str:
    return (EPOCH + dt.timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")


def now_iso(seconds: int = 0) -> str:
    """Changes made by advance() happen 'now', so a connector may keep either the newest timestamp it saw or
    the time its sync started as its cursor."""
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


Resp = tuple  # (status, headers, body bytes)


def J(obj: Any, status: int = 200, headers: dict | None = None) -> Resp:
    return status, {"Content-Type": "application/json", **(headers or {})}, json.dumps(obj).encode()


def err(status: int, message: str, headers: dict | None = None) -> Resp:
    return J({"error": message}, status, headers)


def int_arg(req: Req, name: str, default: int | None) -> int | None:
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
        self.synced = 0
        self.requests = 0
        self.faulted: set = set()

    def secret(self, prefix: str, n: int = 24) -> str:
        return prefix + "".join(self.rng.choice("abcdefghijkmnpqrstuvwxyz23456789") for _ in range(n))

    def handle(self, req: Req) -> Resp:
        raise NotImplementedError

    def advance(self) -> None:
        pass

    def once(self, key: Any) -> bool:
        """True the first time a fault keyed by `key` is asked for."""
        if key in self.faulted:
            return False
        self.faulted.add(key)
        return True


# ---------------------------------------------------------------------------------------------- r2-01
class Helpdesk(Source):
    """Bearer token; ?page=&per_page= (max 50, default 25); body says page and total_pages."""
    seed = 101

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_token"] = self.secret("hd_")
        statuses, prios = ["open", "pending", "solved", "closed"], ["low", "normal", "high", "urgent"]
        self.tickets = [{"id": 5000 + i * 3, "subject": f"{self.rng.choice(WORDS)} issue #{i}",
                         "status": self.rng.choice(statuses), "priority": self.rng.choice(prios),
                         "requester_email": f"{self.rng.choice(FIRST)}@example.com",
                         "created_at": iso(i * 97), "tags": self.rng.sample(WORDS, 2)} for i in range(128)]

    def handle(self, req: Req) -> Resp:
        if req.header("Authorization") != f"Bearer {self.values['api_token']}":
            return err(401, "invalid or missing bearer token")
        if req.path != "/api/v2/tickets":
            return err(404, "not found")
        page, per = int_arg(req, "page", 1), int_arg(req, "per_page", 25)
        if per < 1 or per > 50:
            return err(400, "per_page must be between 1 and 50")
        if page < 1:
            return err(400, "page must be >= 1")
        total_pages = -(-len(self.tickets) // per)
        chunk = self.tickets[(page - 1) * per: page * per]
        return J({"tickets": chunk, "page": page, "per_page": per, "total_pages": total_pages,
                  "count": len(self.tickets)})


# ---------------------------------------------------------------------------------------------- r2-02
class Warehouse(Source):
    """X-Octo-Secret header; offset/limit (max 100) with total; records at data.result.items; sku key; child array."""
    seed = 102

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_key"] = self.secret("octo_", 32)
        self.items = []
        for i in range(237):
            locs = [{"warehouse": w, "qty": self.rng.randint(0, 40)}
                    for w in self.rng.sample(["AMS-1", "BER-2", "LIS-1", "WAW-3"], self.rng.randint(0, 3))]
            self.items.append({"sku": f"SKU-{self.rng.choice(WORDS).upper()}-{1000 + i}",
                               "name": f"{self.rng.choice(WORDS)} {self.rng.choice(WORDS)}",
                               "category": self.rng.choice(["tools", "garden", "kitchen", "toys"]),
                               "price": round(self.rng.uniform(1, 300), 2), "active": self.rng.random() > .1,
                               "locations": locs})

    def handle(self, req: Req) -> Resp:
        if req.header("X-Octo-Secret") != self.values["api_key"]:
            return err(403, "forbidden: bad X-Octo-Secret")
        if req.path != "/v3/items":
            return err(404, "not found")
        offset, limit = int_arg(req, "offset", 0), int_arg(req, "limit", 20)
        if limit < 1 or limit > 100:
            return err(400, "limit must be 1..100")
        if offset < 0:
            return err(400, "bad offset")
        return J({"status": "ok", "data": {"result": {"total": len(self.items), "offset": offset, "limit": limit,
                                                      "items": self.items[offset: offset + limit]}}})


# ---------------------------------------------------------------------------------------------- r2-03
class Crm(Source):
    """Authorization: Pnk <key>; cursor at meta.pagination.next_cursor; updated_after; second sync updates."""
    seed = 103

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_key"] = self.secret("pnk_live_")
        self.contacts = {}
        for i in range(150):
            cid = f"ct_{self.rng.randrange(16**8):08x}"
            self.contacts[cid] = {"id": cid, "email": f"{self.rng.choice(FIRST)}.{i}@example.org",
                                  "first_name": self.rng.choice(FIRST).title(), "last_name": self.rng.choice(LAST).title(),
                                  "lifecycle_stage": self.rng.choice(["lead", "mql", "customer"]),
                                  "updated_at": iso(i * 60 + self.rng.randint(0, 50))}

    def advance(self) -> None:
        for i, cid in enumerate(self.rng.sample(sorted(self.contacts), 12)):
            self.contacts[cid]["lifecycle_stage"] = "customer"
            self.contacts[cid]["updated_at"] = now_iso(i)
        for i in range(6):
            cid = f"ct_new{i:04d}"
            self.contacts[cid] = {"id": cid, "email": f"new{i}@example.org", "first_name": "New",
                                  "last_name": self.rng.choice(LAST).title(), "lifecycle_stage": "lead",
                                  "updated_at": now_iso(20 + i)}

    def handle(self, req: Req) -> Resp:
        if req.header("Authorization") != f"Pnk {self.values['api_key']}":
            return err(401, "unauthorized: expected Authorization: Pnk <key>")
        if req.path != "/api/contacts":
            return err(404, "not found")
        size = int_arg(req, "page_size", 25)
        if size < 1 or size > 100:
            return err(400, "page_size must be between 1 and 100")
        rows = sorted(self.contacts.values(), key=lambda c: (c["updated_at"], c["id"]))
        if req.query.get("updated_after"):
            after = parse_iso(req.query["updated_after"])
            if after is None:
                return err(400, "updated_after must be ISO 8601")
            rows = [r for r in rows if parse_iso(r["updated_at"]) > after]
        start = 0
        if req.query.get("cursor"):
            try:
                start = int(base64.urlsafe_b64decode(req.query["cursor"].encode()).decode().split(":")[1])
            except Exception:
                return err(400, "invalid cursor")
        chunk = rows[start: start + size]
        nxt = base64.urlsafe_b64encode(f"o:{start + size}".encode()).decode() if start + size < len(rows) else None
        return J({"data": {"contacts": chunk}, "meta": {"pagination": {"page_size": size, "next_cursor": nxt}}})


# ---------------------------------------------------------------------------------------------- r2-04
class Shop(Source):
    """?apikey= in the query; top-level list; Link header rel=next; per_page max 25; second sync new fields."""
    seed = 104

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_key"] = self.secret("sk_", 20)
        self.orders = [self.order(i) for i in range(88)]

    def order(self, i: int) -> dict:
        return {"id": 70001 + i, "number": f"#{1001 + i}", "customer_email": f"{self.rng.choice(FIRST)}@shop.test",
                "total_cents": self.rng.randint(500, 90000), "currency": self.rng.choice(["EUR", "USD"]),
                "status": self.rng.choice(["paid", "refunded", "pending"]), "created_at": iso(i * 200)}

    def advance(self) -> None:
        for i in range(88, 97):
            o = self.order(i)
            o.update(coupon_code=self.rng.choice(["SPRING10", "VIP", "WELCOME"]), gift=self.rng.random() > .5)
            self.orders.append(o)

    def handle(self, req: Req) -> Resp:
        if req.query.get("apikey") != self.values["api_key"]:
            return err(401, "missing or invalid apikey")
        if req.path != "/v1/orders":
            return err(404, "not found")
        page, per = int_arg(req, "page", 1), int_arg(req, "per_page", 10)
        if per < 1 or per > 25:
            return err(400, "per_page may not exceed 25")
        if page < 1:
            return err(400, "bad page")
        last = max(1, -(-len(self.orders) // per))

        def link(p: int) -> str:
            q = urllib.parse.urlencode({"apikey": self.values["api_key"], "page": p, "per_page": per})
            return f"{self.base_url}/v1/orders?{q}"
        links = [f'<{link(1)}>; rel="first"', f'<{link(last)}>; rel="last"']
        if page < last:
            links.insert(0, f'<{link(page + 1)}>; rel="next"')
        if page > 1:
            links.append(f'<{link(page - 1)}>; rel="prev"')
        return J(self.orders[(page - 1) * per: page * per], headers={"Link": ", ".join(links),
                                                                     "X-Total-Count": str(len(self.orders))})


# ---------------------------------------------------------------------------------------------- r2-05
class Telemetry(Source):
    """HTTP basic; top-level list; cursor in the X-Next-Cursor response header; 429 + Retry-After."""
    seed = 105

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values.update(username="ingest-bot", password=self.secret("pw-", 16))
        self.events = [{"event_id": f"evt_{self.rng.randrange(16**12):012x}", "type": self.rng.choice(
            ["boot", "heartbeat", "error", "shutdown"]), "device_id": f"dev-{self.rng.randint(1, 30):03d}",
            "value": round(self.rng.uniform(0, 100), 3), "ts": iso(i * 7)} for i in range(173)]

    def handle(self, req: Req) -> Resp:
        if req.basic() != (self.values["username"], self.values["password"]):
            return err(401, "bad credentials", {"WWW-Authenticate": 'Basic realm="telemetry"'})
        if req.path != "/events":
            return err(404, "not found")
        self.requests += 1
        if self.requests % 3 == 2 and self.once(self.requests):
            return err(429, "slow down", {"Retry-After": "1"})
        limit = int_arg(req, "limit", 50)
        if limit < 1 or limit > 100:
            return err(400, "limit must be <= 100")
        start = 0
        if req.query.get("cursor"):
            m = re.fullmatch(r"c([0-9a-f]+)", req.query["cursor"])
            if not m:
                return err(400, "bad cursor")
            start = int(m.group(1), 16)
        chunk = self.events[start: start + limit]
        headers = {"X-Next-Cursor": f"c{start + limit:x}"} if start + limit < len(self.events) else {}
        return J(chunk, headers=headers)


# ---------------------------------------------------------------------------------------------- r2-06
class Logistics(Source):
    """OAuth2 client credentials (form body); tokens die after 6 calls; next URL in body; per-parent child."""
    seed = 106

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values.update(client_id="cli_" + self.secret("", 10), client_secret=self.secret("cs_", 30))
        self.tokens: dict[str, int] = {}
        self.shipments, self.events = [], {}
        for i in range(64):
            sid = f"shp_{i:04d}{self.rng.choice('abcdef')}"
            self.shipments.append({"id": sid, "carrier": self.rng.choice(["dhl", "ups", "postnl"]),
                                   "origin": self.rng.choice(["NL", "DE", "FR"]), "destination": self.rng.choice(
                                       ["US", "GB", "ES", "IT"]), "weight_kg": round(self.rng.uniform(.2, 30), 1),
                                   "created_at": iso(i * 300)})
            self.events[sid] = [{"id": f"{sid}-ev{j}", "code": self.rng.choice(["PU", "IT", "OD", "DL"]),
                                 "at": iso(i * 300 + j * 90)} for j in range(self.rng.randint(0, 5))]

    def handle(self, req: Req) -> Resp:
        if req.path == "/oauth/token":
            if req.method != "POST":
                return err(405, "POST only")
            if "application/x-www-form-urlencoded" not in req.header("Content-Type"):
                return J({"error": "invalid_request", "error_description": "form-encoded body required"}, 400)
            f = req.form()
            if f.get("grant_type") != "client_credentials":
                return J({"error": "unsupported_grant_type"}, 400)
            if (f.get("client_id"), f.get("client_secret")) != (self.values["client_id"], self.values["client_secret"]):
                return J({"error": "invalid_client"}, 401)
            token = self.secret("at_", 20)
            self.tokens[token] = 6
            return J({"access_token": token, "token_type": "Bearer", "expires_in": 3600})
        auth = req.header("Authorization")
        token = auth[7:] if auth.startswith("Bearer ") else ""
        if token not in self.tokens:
            return J({"error": "invalid_token"}, 401)
        if self.tokens[token] <= 0:
            return J({"error": "invalid_token", "error_description": "The access token expired"}, 401)
        self.tokens[token] -= 1
        m = re.fullmatch(r"/v1/shipments/([^/]+)/events", req.path)
        if m:
            if m.group(1) not in self.events:
                return err(404, "no such shipment")
            return J({"shipment_id": m.group(1), "events": self.events[m.group(1)]})
        if req.path != "/v1/shipments":
            return err(404, "not found")
        start = 0
        if req.query.get("page_token"):
            try:
                start = int(req.query["page_token"][3:], 16)
            except ValueError:
                return err(400, "bad page_token")
        nxt = f"{self.base_url}/v1/shipments?page_token=pt_{start + 10:x}" if start + 10 < len(self.shipments) else None
        return J({"shipments": self.shipments[start: start + 10], "next": nxt})


# ---------------------------------------------------------------------------------------------- r2-07
class Community(Source):
    """POST /auth/login -> session token in X-Session-Token; keyset ?after_id=&limit= (max 200)."""
    seed = 107

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values.update(username="sync.user", password=self.secret("", 14))
        self.sessions: set[str] = set()
        self.members, next_id = [], 10
        for i in range(340):
            next_id += self.rng.randint(1, 9)
            self.members.append({"id": next_id, "handle": f"{self.rng.choice(FIRST)}_{self.rng.choice(WORDS)}{i}",
                                 "country": self.rng.choice(["BR", "VN", "PL", "EG", "ID"]),
                                 "karma": self.rng.randint(0, 5000), "joined": iso(i * 45)})
        self.visible = 300

    def advance(self) -> None:
        self.visible = 340

    def handle(self, req: Req) -> Resp:
        if req.path == "/auth/login":
            body = req.json() if "json" in req.header("Content-Type") else None
            if req.method != "POST" or not isinstance(body, dict):
                return err(400, "POST a JSON body {username, password}")
            if (body.get("username"), body.get("password")) != (self.values["username"], self.values["password"]):
                return err(401, "wrong username or password")
            token = self.secret("sess_", 24)
            self.sessions.add(token)
            return J({"ok": True, "session": {"token": token, "ttl": 1800}})
        if req.header("X-Session-Token") not in self.sessions:
            return err(401, "no session")
        if req.path != "/api/members":
            return err(404, "not found")
        after, limit = int_arg(req, "after_id", 0), int_arg(req, "limit", 50)
        if limit < 1 or limit > 200:
            return err(400, "limit too big (max 200)")
        rows = [m for m in self.members[: self.visible] if m["id"] > after][:limit]
        return J({"members": rows})


# ---------------------------------------------------------------------------------------------- r2-08 / r2-16
def gql_args(req: Req, names: list[str]) -> tuple[str, dict]:
    body = req.json()
    if not isinstance(body, dict) or not isinstance(body.get("query"), str):
        raise ValueError("POST a JSON body with a query")
    query, variables = body["query"], body.get("variables") or {}
    args: dict[str, Any] = {}
    for name in names:
        m = re.search(name + r"\s*:\s*(\"(?:[^\"\\]|\\.)*\"|-?\d+|\$\w+|null)", query)
        if not m:
            continue
        raw = m.group(1)
        if raw.startswith("$"):
            args[name] = variables.get(raw[1:])
        elif raw.startswith('"'):
            args[name] = json.loads(raw)
        elif raw == "null":
            args[name] = None
        else:
            args[name] = int(raw)
    return query, args


class Projects(Source):
    """GraphQL Relay (edges/node, pageInfo), bearer, first <= 50; node holds members[]."""
    seed = 108

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["token"] = self.secret("ghp_", 30)
        self.projects = []
        for i in range(45):
            pid = base64.b64encode(f"Project:{300 + i}".encode()).decode()
            self.projects.append({"id": pid, "name": f"{self.rng.choice(WORDS).title()} {i}", "state": self.rng.choice(
                ["ACTIVE", "PAUSED", "DONE"]), "createdAt": iso(i * 1000), "owner": {"login": self.rng.choice(FIRST)},
                "members": [{"login": u, "role": self.rng.choice(["ADMIN", "WRITER", "READER"])}
                            for u in self.rng.sample(FIRST, self.rng.randint(1, 4))]})

    def handle(self, req: Req) -> Resp:
        if req.header("Authorization") != f"Bearer {self.values['token']}":
            return J({"errors": [{"message": "Bad credentials"}]}, 401)
        if req.path != "/graphql" or req.method != "POST":
            return err(404, "POST /graphql")
        try:
            query, args = gql_args(req, ["first", "after"])
        except ValueError as e:
            return J({"errors": [{"message": str(e)}]}, 400)
        if "projects" not in query:
            return J({"errors": [{"message": "unknown field"}]}, 400)
        first = args.get("first")
        if not isinstance(first, int) or first < 1 or first > 50:
            return J({"errors": [{"message": "`first` is required and must be between 1 and 50"}]}, 400)
        start = 0
        if args.get("after"):
            ids = [p["id"] for p in self.projects]
            cur = base64.b64decode(args["after"]).decode() if args["after"] else ""
            if not cur.startswith("cursor:") or cur[7:] not in ids:
                return J({"errors": [{"message": "invalid cursor"}]}, 400)
            start = ids.index(cur[7:]) + 1
        chunk = self.projects[start: start + first]
        edges = [{"cursor": base64.b64encode(f"cursor:{p['id']}".encode()).decode(), "node": p} for p in chunk]
        return J({"data": {"projects": {"totalCount": len(self.projects), "edges": edges, "pageInfo": {
            "hasNextPage": start + first < len(self.projects),
            "endCursor": edges[-1]["cursor"] if edges else None}}}})


class Billing(Source):
    """GraphQL offset style invoices(limit, offset){totalCount nodes{...}}; Authorization: Shopkey <key>; limit <= 100."""
    seed = 116

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_key"] = self.secret("shk_", 28)
        self.invoices = []
        for i in range(210):
            self.invoices.append({"id": f"inv_{2000 + i}", "number": f"INV-2024-{i + 1:04d}",
                                  "customer": {"id": f"cus_{self.rng.randint(1, 60)}", "name": self.rng.choice(LAST).title()},
                                  "total": round(self.rng.uniform(10, 5000), 2), "currency": "EUR",
                                  "issuedAt": iso(i * 150), "lines": [
                                      {"sku": f"P-{self.rng.randint(100, 999)}", "qty": self.rng.randint(1, 9),
                                       "unitPrice": round(self.rng.uniform(1, 400), 2)}
                                      for _ in range(self.rng.randint(1, 3))]})

    def handle(self, req: Req) -> Resp:
        if req.header("Authorization") != f"Shopkey {self.values['api_key']}":
            return J({"errors": [{"message": "Unauthorized"}]}, 401)
        if req.path != "/graphql" or req.method != "POST":
            return err(404, "POST /graphql")
        try:
            query, args = gql_args(req, ["limit", "offset"])
        except ValueError as e:
            return J({"errors": [{"message": str(e)}]}, 400)
        if "invoices" not in query:
            return J({"errors": [{"message": "unknown field"}]}, 400)
        limit, offset = args.get("limit", 20), args.get("offset", 0) or 0
        if not isinstance(limit, int) or limit < 1 or limit > 100:
            return J({"errors": [{"message": "limit must be between 1 and 100"}]}, 400)
        return J({"data": {"invoices": {"totalCount": len(self.invoices),
                                        "nodes": self.invoices[offset: offset + limit]}}})


# ---------------------------------------------------------------------------------------------- r2-09
class Directory(Source):
    """Api-Secret-Key header; records as a dict keyed by id; has_more flag; page size fixed at 20."""
    seed = 109

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_key"] = self.secret("", 32)
        self.people = {f"p_{self.rng.randrange(10**6):06d}": {"name": f"{self.rng.choice(FIRST).title()} "
                                                             f"{self.rng.choice(LAST).title()}",
                                                             "team": self.rng.choice(["ops", "sales", "eng"]),
                                                             "title": self.rng.choice(["lead", "ic", "intern"]),
                                                             "start_date": iso(i * 1440)[:10]} for i in range(95)}

    def handle(self, req: Req) -> Resp:
        if req.header("Api-Secret-Key") != self.values["api_key"]:
            return err(401, "Api-Secret-Key header missing or wrong")
        if req.path != "/v1/people":
            return err(404, "not found")
        page = int_arg(req, "page", 1)
        if page < 1:
            return err(400, "bad page")
        keys = sorted(self.people)[(page - 1) * 20: page * 20]
        return J({"data": {k: self.people[k] for k in keys}, "page": page, "has_more": page * 20 < len(self.people)})


# ---------------------------------------------------------------------------------------------- r2-10
class Analytics(Source):
    """Basic auth with the key as user and empty password; columns + rows arrays; offset/limit/total; 503s."""
    seed = 110

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_key"] = self.secret("ak_", 26)
        self.columns = ["session_id", "started_at", "country", "pages", "duration_s", "bounced"]
        self.rows = [[f"s{self.rng.randrange(16**10):010x}", iso(i * 3), self.rng.choice(["US", "DE", "JP", "BR"]),
                      self.rng.randint(1, 30), round(self.rng.uniform(1, 900), 1), self.rng.random() > .7]
                     for i in range(333)]

    def handle(self, req: Req) -> Resp:
        if req.basic() not in ((self.values["api_key"], ""),):
            return err(401, "use your API key as the basic-auth username")
        if req.path != "/api/v1/reports/sessions":
            return err(404, "not found")
        self.requests += 1
        if self.requests % 2 == 0 and self.once(self.requests):
            return 503, {"Content-Type": "text/html"}, b"<html><body>503 Service Unavailable</body></html>"
        offset, limit = int_arg(req, "offset", 0), int_arg(req, "limit", 50)
        if limit < 1 or limit > 200 or offset < 0:
            return err(400, "limit must be 1..200")
        return J({"columns": self.columns, "rows": self.rows[offset: offset + limit], "total": len(self.rows),
                  "offset": offset})


# ---------------------------------------------------------------------------------------------- r2-11
class CatalogXml(Source):
    """XML feed; ?token= in the query; ?page= with an empty last page; second sync: decimal prices, <brand>."""
    seed = 111

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["token"] = self.secret("", 20)
        self.products = [{"id": f"A{10000 + i * 7}", "name": f"{self.rng.choice(WORDS).title()} {self.rng.choice(WORDS)}",
                          "price": str(self.rng.randint(3, 400)), "stock": str(self.rng.randint(0, 80)),
                          "updated": iso(i * 33)} for i in range(77)]

    def advance(self) -> None:
        for p in self.products[::5]:
            p["price"] = f"{int(p['price'])}.{self.rng.randint(10, 99)}"
        for p in self.products:
            p["brand"] = self.rng.choice(["Acme", "Globex", "Initech"])
        for i in range(77, 80):
            self.products.append({"id": f"A{10000 + i * 7}", "name": f"New {i}", "price": "19.95", "stock": "5",
                                  "updated": iso(90000 + i), "brand": "Acme"})

    def handle(self, req: Req) -> Resp:
        if req.query.get("token") != self.values["token"]:
            return 403, {"Content-Type": "application/xml"}, b"<error>invalid token</error>"
        if req.path != "/feed/products.xml":
            return 404, {"Content-Type": "application/xml"}, b"<error>not found</error>"
        page = int_arg(req, "page", 1)
        if page < 1:
            return 400, {"Content-Type": "application/xml"}, b"<error>bad page</error>"
        out = [f'<?xml version="1.0" encoding="UTF-8"?>\n<catalog page="{page}">']
        for p in self.products[(page - 1) * 15: page * 15]:
            out.append(f'  <product id="{p["id"]}">')
            for k, v in p.items():
                if k != "id":
                    out.append(f"    <{k}>{escape(v)}</{k}>")
            out.append("  </product>")
        out.append("</catalog>")
        return 200, {"Content-Type": "application/xml; charset=utf-8"}, "\n".join(out).encode()


# ---------------------------------------------------------------------------------------------- r2-12
class Usage(Source):
    """OAuth2 client credentials (JSON body); date windows <= 7 days up to a source-given bound; rate-limit headers."""
    seed = 112
    METRICS = ["api_calls", "storage_gb", "active_users"]

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values.update(client_id=self.secret("app-", 8), client_secret=self.secret("", 32))
        self.tokens: set[str] = set()
        self.earliest, self.latest = dt.date(2024, 1, 1), dt.date(2024, 2, 19)
        self.hits: list[float] = []

    def advance(self) -> None:
        self.latest = dt.date(2024, 2, 26)

    def value(self, day: dt.date, metric: str) -> float:
        r = random.Random(f"{day}{metric}")
        return round(r.uniform(10, 10000), 2) if metric != "active_users" else r.randint(5, 500)

    def handle(self, req: Req) -> Resp:
        if req.path == "/oauth2/token":
            body = req.json()
            if req.method != "POST" or "json" not in req.header("Content-Type") or not isinstance(body, dict):
                return J({"error": "invalid_request", "error_description": "send a JSON body"}, 400)
            if body.get("grant_type") != "client_credentials":
                return J({"error": "unsupported_grant_type"}, 400)
            if (body.get("client_id"), body.get("client_secret")) != (self.values["client_id"], self.values["client_secret"]):
                return J({"error": "invalid_client"}, 401)
            token = self.secret("", 40)
            self.tokens.add(token)
            return J({"access_token": token, "token_type": "bearer", "expires_in": 3600})
        auth = req.header("Authorization")
        if not auth.lower().startswith("bearer ") or auth[7:] not in self.tokens:
            return err(401, "invalid_token")
        now = time.monotonic()
        self.hits = [h for h in self.hits if now - h < 1.0]
        reset = "1"
        if len(self.hits) >= 4:
            return err(429, "rate limit exceeded", {"X-RateLimit-Limit": "4", "X-RateLimit-Remaining": "0",
                                                    "X-RateLimit-Reset": reset})
        self.hits.append(now)
        limits = {"X-RateLimit-Limit": "4", "X-RateLimit-Remaining": str(4 - len(self.hits)), "X-RateLimit-Reset": reset}
        if req.path == "/v2/usage/bounds":
            return J({"earliest_date": str(self.earliest), "latest_complete_date": str(self.latest)}, headers=limits)
        if req.path != "/v2/usage/daily":
            return err(404, "not found")
        try:
            start = dt.date.fromisoformat(req.query.get("start_date", ""))
            end = dt.date.fromisoformat(req.query.get("end_date", ""))
        except ValueError:
            return err(400, "start_date and end_date (YYYY-MM-DD) are required", limits)
        if end < start or (end - start).days > 6:
            return err(400, "window must be 1 to 7 days (end_date inclusive)", limits)
        if start < self.earliest or end > self.latest:
            return err(400, f"dates must be between {self.earliest} and {self.latest}", limits)
        recs = []
        day = start
        while day <= end:
            recs += [{"date": str(day), "metric": m, "value": self.value(day, m)} for m in self.METRICS]
            day += dt.timedelta(days=1)
        return J({"window": {"start_date": str(start), "end_date": str(end)}, "records": recs}, headers=limits)


# ---------------------------------------------------------------------------------------------- r2-13
class Deals(Source):
    """X-Dealflow-Auth header; modified_since + page/more; deleted-ids endpoint."""
    seed = 113

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_key"] = self.secret("dfa_", 24)
        self.deals = {}
        for i in range(120):
            self.deals[900 + i * 2] = self.deal(900 + i * 2, iso(i * 120))
        self.deleted = [(801, iso(-500)), (803, iso(-400)), (805, iso(-300))]

    def deal(self, did: int, modified: str) -> dict:
        return {"id": did, "title": f"{self.rng.choice(WORDS).title()} deal", "stage": self.rng.choice(
            ["prospect", "proposal", "won", "lost"]), "amount": self.rng.randint(1000, 200000),
            "owner": self.rng.choice(FIRST), "modified_at": modified}

    def advance(self) -> None:
        ids = sorted(self.deals)
        for i, did in enumerate(self.rng.sample(ids, 7)):
            self.deals[did]["stage"] = "won"
            self.deals[did]["modified_at"] = now_iso(i)
        for did in self.rng.sample([d for d in ids if self.deals[d]["stage"] != "won"], 6):
            del self.deals[did]
            self.deleted.append((did, now_iso(10)))
        for i in range(4):
            self.deals[2000 + i] = self.deal(2000 + i, now_iso(20 + i))

    def handle(self, req: Req) -> Resp:
        if req.header("X-Dealflow-Auth") != self.values["api_key"]:
            return err(401, "X-Dealflow-Auth missing or invalid")
        since = None
        key = "since" if req.path == "/api/deals/deleted" else "modified_since"
        if req.query.get(key):
            since = parse_iso(req.query[key])
            if since is None:
                return err(400, f"{key} must be ISO 8601")
        if req.path == "/api/deals/deleted":
            return J({"deleted_ids": [d for d, at in self.deleted if since is None or parse_iso(at) > since]})
        if req.path != "/api/deals":
            return err(404, "not found")
        page = int_arg(req, "page", 1)
        if page < 1:
            return err(400, "bad page")
        rows = sorted(self.deals.values(), key=lambda d: (d["modified_at"], d["id"]))
        if since:
            rows = [r for r in rows if parse_iso(r["modified_at"]) > since]
        return J({"items": rows[(page - 1) * 25: page * 25], "more": page * 25 < len(rows)})


# ---------------------------------------------------------------------------------------------- r2-14
class Tasks(Source):
    """Bearer; updated_after; next_cursor in body; one truncated JSON body; archived flag -> delete in sync 2."""
    seed = 114

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_token"] = self.secret("tsk_", 30)
        self.tasks = {}
        for i in range(90):
            tid = f"T-{i + 1:03d}"
            self.tasks[tid] = {"id": tid, "title": f"{self.rng.choice(WORDS)} the {self.rng.choice(WORDS)}",
                               "assignee": self.rng.choice(FIRST), "archived": False, "updated_at": iso(i * 77)}

    def advance(self) -> None:
        for i, tid in enumerate(self.rng.sample(sorted(self.tasks), 8)):
            self.tasks[tid].update(archived=True, updated_at=now_iso(i))
        for i in range(3):
            tid = f"T-{91 + i:03d}"
            self.tasks[tid] = {"id": tid, "title": "new task", "assignee": "ana", "archived": False,
                               "updated_at": now_iso(20 + i)}

    def handle(self, req: Req) -> Resp:
        if req.header("Authorization") != f"Bearer {self.values['api_token']}":
            return err(401, "unauthorized")
        if req.path != "/api/tasks":
            return err(404, "not found")
        self.requests += 1
        rows = sorted(self.tasks.values(), key=lambda t: (t["updated_at"], t["id"]))
        if req.query.get("updated_after"):
            after = parse_iso(req.query["updated_after"])
            if after is None:
                return err(400, "updated_after must be ISO 8601")
            rows = [r for r in rows if parse_iso(r["updated_at"]) > after]
        start = 0
        if req.query.get("cursor"):
            m = re.fullmatch(r"cur_(\d+)", req.query["cursor"])
            if not m:
                return err(400, "bad cursor")
            start = int(m.group(1))
        nxt = f"cur_{start + 20}" if start + 20 < len(rows) else None
        body = json.dumps({"results": rows[start: start + 20], "next_cursor": nxt}).encode()
        if self.requests == 2 and self.once("truncate"):
            body = body[: len(body) // 2]
        return 200, {"Content-Type": "application/json"}, body


# ---------------------------------------------------------------------------------------------- r2-15
class Chat(Source):
    """OAuth2 client credentials with HTTP basic client auth; tokens live 1 s; since_id/count (max 100);
    records at response.body.messages; each call takes 0.35 s."""
    seed = 115

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values.update(client_id=self.secret("", 12), client_secret=self.secret("", 24))
        self.tokens: dict[str, float] = {}
        self.messages, mid = [], 10**6
        for i in range(255):
            mid += self.rng.randint(1, 50)
            msg = {"id": mid, "channel": self.rng.choice(["#general", "#ops", "#random"]),
                   "author": self.rng.choice(FIRST), "text": " ".join(self.rng.sample(WORDS, 4)), "sent_at": iso(i * 11)}
            if i >= 230:
                msg["reactions"] = {"+1": self.rng.randint(0, 5)}
            self.messages.append(msg)
        self.visible = 230

    def advance(self) -> None:
        self.visible = 255

    def handle(self, req: Req) -> Resp:
        if req.path == "/oauth/token":
            if req.method != "POST" or req.basic() != (self.values["client_id"], self.values["client_secret"]):
                return J({"error": "invalid_client"}, 401, {"WWW-Authenticate": "Basic"})
            if req.form().get("grant_type") != "client_credentials":
                return J({"error": "unsupported_grant_type"}, 400)
            token = self.secret("", 32)
            self.tokens[token] = time.monotonic() + 1.0
            return J({"access_token": token, "token_type": "Bearer", "expires_in": 1})
        auth = req.header("Authorization")
        token = auth[7:] if auth.startswith("Bearer ") else ""
        if token not in self.tokens:
            return J({"error": "invalid_token"}, 401)
        if time.monotonic() > self.tokens[token]:
            return J({"error": "invalid_token", "error_description": "token expired"}, 401)
        if req.path != "/api/messages":
            return err(404, "not found")
        time.sleep(0.35)
        since, count = int_arg(req, "since_id", 0), int_arg(req, "count", 20)
        if count < 1 or count > 100:
            return err(400, "count must be 1..100")
        rows = [m for m in self.messages[: self.visible] if m["id"] > since][:count]
        return J({"response": {"status": "ok", "body": {"messages": rows, "count": len(rows)}}})


SOURCES = {"helpdesk": Helpdesk, "warehouse": Warehouse, "crm": Crm, "shop": Shop, "telemetry": Telemetry,
           "logistics": Logistics, "community": Community, "projects": Projects, "directory": Directory,
           "analytics": Analytics, "catalog_xml": CatalogXml, "usage": Usage, "deals": Deals, "tasks": Tasks,
           "chat": Chat, "billing": Billing}


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
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(payload)

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = dispatch

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
