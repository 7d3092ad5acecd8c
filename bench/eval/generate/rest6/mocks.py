"""Local mock HTTP APIs for the rest6 generate-evaluation set (standard library only).

serve(source, workdir) starts one mock on 127.0.0.1 (port 0, daemon thread) and yields an object with
.values (placeholders for the task's request and config: `base_url` plus credentials) and .advance() (the
changes a second sync must pick up, stamped with the current time). Every mock enforces what its task's
request says: auth (401 when wrong or missing), page-size caps (400 above the cap), real pagination (one page
loses rows), rate limits, required parameters. All data is seeded, so row counts are exact.
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
CITIES = [("Lisbon", "PT"), ("Porto", "PT"), ("Madrid", "ES"), ("Lyon", "FR"), ("Ghent", "BE"), ("Utrecht", "NL"),
          ("Bremen", "DE"), ("Graz", "AT"), ("Brno", "CZ"), ("Turin", "IT")]
EPOCH = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)


def iso(minutes: float) -> str:
    return (EPOCH + dt.timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")


def now_iso() -> str:
    """Changes made by advance() happen 'now', so a connector may keep either the newest timestamp it saw or
    the time its sync started as its cursor."""
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso(text: str) -> dt.datetime | None:
    try:
        value = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00").replace(" ", "+"))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


def person(rng: random.Random) -> tuple[str, str]:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    return f"{first.title()} {last.title()}", f"{first}.{last}{rng.randint(1, 99)}@example.com"


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
        return user, password


Resp = tuple  # (status, headers, body bytes)


def J(obj: Any, status: int = 200, headers: dict | None = None) -> Resp:
    return status, {"Content-Type": "application/json", **(headers or {})}, json.dumps(obj).encode()


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


def token_for(offset: int, salt: str) -> str:
    """An opaque page token (base64 of a small JSON object)."""
    return base64.urlsafe_b64encode(json.dumps({"o": offset, "s": salt}).encode()).decode().rstrip("=")


def offset_of(token: str, salt: str) -> int | None:
    try:
        data = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        return int(data["o"]) if data.get("s") == salt else None
    except Exception:
        return None


class Source:
    seed = 0

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.rng = random.Random(self.seed)
        self.values: dict[str, str] = {"base_url": base_url}

    def secret(self, prefix: str, n: int = 24) -> str:
        return prefix + "".join(self.rng.choice("abcdefghijkmnpqrstuvwxyz23456789") for _ in range(n))

    def handle(self, req: Req) -> Resp:
        raise NotImplementedError

    def advance(self) -> None:
        pass


# ---------------------------------------------------------------------------------------------- r6-01
class Gym(Source):
    """Bearer; GET /api/v1/members?page=&per_page= (cap 50, default 20); rows at `data`, `meta.pages`;
    nested `plan` and `home_club`."""
    seed = 601

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_token"] = self.secret("pf_live_")
        plans = [("BASIC", "Basic", 29.0), ("PLUS", "Plus", 45.0), ("PREM", "Premium", 69.0), ("OFFPK", "Off-peak", 19.0)]
        clubs = [(11, "Leeds"), (12, "York"), (15, "Hull"), (21, "Bradford")]
        self.members = []
        for i in range(173):
            name, email = person(self.rng)
            code, label, fee = self.rng.choice(plans)
            club = self.rng.choice(clubs)
            self.members.append({
                "id": 1000 + i, "full_name": name, "email": email,
                "status": self.rng.choice(["active", "active", "active", "frozen", "cancelled"]),
                "joined_at": iso(i * 613), "plan": {"code": code, "name": label, "monthly_fee": fee},
                "home_club": {"id": club[0], "city": club[1]}, "visits_last_30d": self.rng.randint(0, 22)})

    def handle(self, req: Req) -> Resp:
        if req.header("Authorization") != f"Bearer {self.values['api_token']}":
            return err(401, "invalid or missing bearer token")
        if req.path != "/api/v1/members":
            return err(404, "not found")
        page, per = int_arg(req, "page", 1), int_arg(req, "per_page", 20)
        if per < 1 or per > 50:
            return err(400, "per_page must be between 1 and 50")
        if page < 1:
            return err(400, "page must be >= 1")
        n = len(self.members)
        rows = self.members[(page - 1) * per: page * per]
        return J({"data": rows, "meta": {"page": page, "per_page": per, "pages": math.ceil(n / per), "total": n}})


# ---------------------------------------------------------------------------------------------- r6-02
class Maintenance(Source):
    """`Authorization: Api-Key <key>`; GET /api/v2/work_orders?offset=&limit= (cap 100, default 20) with
    `total`; rows at `entries`; `updated_since` in Unix epoch seconds (at or after); 2nd sync: 9 updated, 7 new."""
    seed = 602
    BASE = 1704067200  # 2024-01-01T00:00:00Z

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["domain"] = base_url.split("://", 1)[1]
        self.values["api_key"] = self.secret("tnly_", 32)
        self.properties = [(p, f"{w.title()} Court") for p, w in zip(range(51, 60), WORDS)]
        self.orders = [self._order(4000 + i, self.BASE + i * 3600 * 7) for i in range(212)]

    def _order(self, oid: int, created: int) -> dict:
        prop = self.rng.choice(self.properties)
        return {"id": oid, "property": {"id": prop[0], "name": prop[1]},
                "unit": f"{self.rng.randint(1, 6)}{self.rng.randint(1, 20):02d}",
                "category": self.rng.choice(["plumbing", "electrical", "heating", "appliance", "locks", "pest"]),
                "priority": self.rng.choice(["low", "normal", "high", "emergency"]),
                "status": self.rng.choice(["open", "scheduled", "in_progress", "done"]),
                "created_at": created, "updated_at": created + self.rng.randint(0, 5 * 86400)}

    def advance(self) -> None:
        now = int(time.time())
        for order in self.rng.sample(self.orders, 9):
            order["status"], order["updated_at"] = "done", now
        for i in range(7):
            self.orders.append({**self._order(4212 + i, now), "updated_at": now})

    def handle(self, req: Req) -> Resp:
        if req.header("Authorization") != f"Api-Key {self.values['api_key']}":
            return err(401, "missing or invalid API key")
        if req.path != "/api/v2/work_orders":
            return err(404, "not found")
        offset, limit = int_arg(req, "offset", 0), int_arg(req, "limit", 20)
        if limit < 1 or limit > 100:
            return err(400, "limit must be between 1 and 100")
        if offset < 0:
            return err(400, "offset must be >= 0")
        rows = self.orders
        since = req.query.get("updated_since")
        if since is not None:
            if not re.fullmatch(r"\d+(\.\d+)?", since.strip()):
                return err(400, "updated_since must be a Unix timestamp in seconds")
            rows = [o for o in rows if o["updated_at"] >= float(since)]
        return J({"entries": rows[offset: offset + limit], "offset": offset, "limit": limit, "total": len(rows)})


# ---------------------------------------------------------------------------------------------- r6-03
class Tickets(Source):
    """API key in the query (`api_key`); /v2/events and /v2/events/{id}/attendees, top-level arrays; limit cap 50
    (default 25); the next page's cursor only in the `X-Next-Cursor` response header; attendees numbered per event."""
    seed = 603

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_key"] = self.secret("evk_", 28)
        self.events, self.attendees = [], {}
        big = {5, 40, 77}
        for i in range(85):
            city = self.rng.choice(CITIES)
            eid = 7001 + i * 3
            self.events.append({"id": eid, "name": f"{self.rng.choice(WORDS).title()} {self.rng.choice(['Live', 'Summit', 'Night', 'Fest'])}",
                                "venue": {"name": f"{self.rng.choice(WORDS).title()} Hall", "city": city[0]},
                                "starts_at": iso(i * 2900), "capacity": self.rng.choice([80, 150, 300, 1200]),
                                "status": self.rng.choice(["on_sale", "on_sale", "sold_out", "past"])})
            n = self.rng.randint(55, 70) if i in big else self.rng.randint(0, 4)
            rows = []
            for t in range(1, n + 1):
                name, email = person(self.rng)
                rows.append({"ticket_no": t, "name": name, "email": email,
                             "ticket_type": self.rng.choice(["standard", "standard", "vip", "student"]),
                             "checked_in": self.rng.random() < 0.4})
            self.attendees[eid] = rows

    def page(self, req: Req, rows: list, salt: str) -> Resp:
        limit = int_arg(req, "limit", 25)
        if limit < 1 or limit > 50:
            return err(400, "limit must be between 1 and 50")
        offset = 0
        if req.query.get("cursor"):
            offset = offset_of(req.query["cursor"], salt)
            if offset is None:
                return err(400, "invalid cursor")
        headers = {"X-Next-Cursor": token_for(offset + limit, salt)} if offset + limit < len(rows) else {}
        return J(rows[offset: offset + limit], headers=headers)

    def handle(self, req: Req) -> Resp:
        if req.query.get("api_key") != self.values["api_key"]:
            return err(401, "missing or invalid api_key")
        if req.path == "/v2/events":
            return self.page(req, self.events, "events")
        m = re.fullmatch(r"/v2/events/(\d+)/attendees", req.path)
        if m and int(m.group(1)) in self.attendees:
            return self.page(req, self.attendees[int(m.group(1))], f"att{m.group(1)}")
        return err(404, "not found")


# ---------------------------------------------------------------------------------------------- r6-04
class Invoices(Source):
    """HTTP basic (secret key as the user, empty password); GET /v1/invoices?limit=&starting_after= (cap 100,
    default 10), `data` + `has_more`; nested `lines.data`; request 2, 5, 8, ... is 429 with Retry-After: 1, and so is
    any request made before that second has passed."""
    seed = 604

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["secret_key"] = self.secret("sk_test_", 32)
        self.calls, self.blocked_until = 0, 0.0
        self.invoices = []
        customers = [self.secret("cus_", 12) for _ in range(30)]
        for i in range(160):
            lines = []
            for _ in range(self.rng.randint(1, 3)):
                qty, unit = self.rng.randint(1, 5), self.rng.choice([900, 1500, 4900, 12000])
                lines.append({"id": self.secret("il_", 14), "object": "line_item",
                              "description": f"{self.rng.choice(WORDS).title()} plan", "quantity": qty,
                              "unit_amount": unit, "amount": qty * unit})
            self.invoices.append({"id": self.secret("in_", 14), "object": "invoice",
                                  "customer": self.rng.choice(customers),
                                  "status": self.rng.choice(["paid", "paid", "open", "void"]), "currency": "eur",
                                  "total": sum(x["amount"] for x in lines), "created": 1714000000 - i * 7200,
                                  "lines": {"object": "list", "data": lines, "has_more": False}})

    def handle(self, req: Req) -> Resp:
        creds = req.basic()
        if not creds or creds[0] != self.values["secret_key"]:
            return err(401, "Invalid API Key provided", {"WWW-Authenticate": 'Basic realm="Billflow"'})
        if req.path != "/v1/invoices":
            return err(404, "not found")
        now = time.monotonic()
        if now < self.blocked_until:
            return err(429, "Too many requests", {"Retry-After": str(max(1, math.ceil(self.blocked_until - now)))})
        self.calls += 1
        if self.calls % 3 == 2:
            self.blocked_until = now + 1.0
            return err(429, "Too many requests", {"Retry-After": "1"})
        limit = int_arg(req, "limit", 10)
        if limit < 1 or limit > 100:
            return err(400, "limit must be between 1 and 100")
        start = 0
        after = req.query.get("starting_after")
        if after:
            ids = [x["id"] for x in self.invoices]
            if after not in ids:
                return err(400, f"No such invoice: '{after}'")
            start = ids.index(after) + 1
        rows = self.invoices[start: start + limit]
        return J({"object": "list", "url": "/v1/invoices", "data": rows, "has_more": start + limit < len(self.invoices)})


# ---------------------------------------------------------------------------------------------- r6-05
class Surveys(Source):
    """`X-Survey-Token`; workspace id in the path; page_size cap 100 (default 25); `responses` is an object keyed
    by response id (the id is not repeated inside); `next` is an absolute URL or null."""
    seed = 605

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["workspace_id"] = self.secret("ws_", 8)
        self.values["token"] = self.secret("", 40)
        surveys = [self.secret("srv_", 6) for _ in range(4)]
        self.responses: dict[str, dict] = {}
        for i in range(260):
            _, email = person(self.rng)
            self.responses[self.secret("rsp_", 10)] = {
                "survey_id": self.rng.choice(surveys), "submitted_at": iso(i * 131 + self.rng.randint(0, 60)),
                "respondent": {"email": email, "locale": self.rng.choice(["en-GB", "de-DE", "fr-FR", "nl-NL"])},
                "answers": {"nps": self.rng.randint(0, 10), "comment": " ".join(self.rng.sample(WORDS, 3))},
                "completion_seconds": self.rng.randint(20, 900)}

    def handle(self, req: Req) -> Resp:
        if req.header("X-Survey-Token") != self.values["token"]:
            return err(401, "missing or invalid X-Survey-Token")
        if req.path != f"/v1/workspaces/{self.values['workspace_id']}/responses":
            return err(404, "workspace or route not found")
        size = int_arg(req, "page_size", 25)
        if size < 1 or size > 100:
            return err(400, "page_size must be between 1 and 100")
        offset = 0
        if req.query.get("page_token"):
            offset = offset_of(req.query["page_token"], "rsp")
            if offset is None:
                return err(400, "invalid page_token")
        items = list(self.responses.items())
        chunk = dict(items[offset: offset + size])
        nxt = None
        if offset + size < len(items):
            nxt = (f"{self.base_url}/v1/workspaces/{self.values['workspace_id']}/responses?"
                   + urllib.parse.urlencode({"page_size": size, "page_token": token_for(offset + size, "rsp")}))
        return J({"responses": chunk, "count": len(chunk), "next": nxt})


# ---------------------------------------------------------------------------------------------- r6-06
class Shipments(Source):
    """`Authorization: Token <pat>`; GET /api/shipments?page=&per_page= (cap 100, default 25); rows at
    `payload.rows`; internal shipments are filtered out after paging (short pages mid-stream, only an empty page
    ends); `archived: true` -> delete; `changed_since` (ISO, at or after). 2nd sync: 6 archived, 8 changed, 10 new."""
    seed = 606

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["pat"] = self.secret("pat_", 30)
        self.rows: list[dict] = []
        used: set = set()
        for i in range(322):
            self.rows.append(self._shipment(used, iso(i * 173), internal=self.rng.random() < 0.07))
        visible = [s for s in self.rows if not s["_internal"]]
        for s in self.rng.sample(visible, 12):
            s["archived"], s["status"] = True, "delivered"
        self._used = used

    def _shipment(self, used: set, changed: str, internal: bool = False) -> dict:
        while True:
            no = f"PX-{self.rng.randint(10000, 99999)}"
            if no not in used:
                used.add(no)
                break
        o, d = self.rng.sample(CITIES, 2)
        return {"tracking_no": no, "status": self.rng.choice(["label_created", "in_transit", "out_for_delivery", "delivered"]),
                "archived": False, "changed_at": changed, "carrier": self.rng.choice(["DPD", "GLS", "UPS", "PostNL"]),
                "origin": {"city": o[0], "country": o[1]}, "destination": {"city": d[0], "country": d[1]},
                "weight_kg": round(self.rng.uniform(0.2, 30), 2), "_internal": internal}

    def advance(self) -> None:
        now = now_iso()
        live = [s for s in self.rows if not s["_internal"] and not s["archived"]]
        picked = self.rng.sample(live, 14)
        for s in picked[:6]:
            s["archived"], s["changed_at"] = True, now
        for s in picked[6:]:
            s["status"], s["changed_at"] = "delivered", now
        for _ in range(10):
            self.rows.append(self._shipment(self._used, now))

    def handle(self, req: Req) -> Resp:
        if req.header("Authorization") != f"Token {self.values['pat']}":
            return err(401, "invalid or missing personal access token")
        if req.path != "/api/shipments":
            return err(404, "not found")
        page, per = int_arg(req, "page", 1), int_arg(req, "per_page", 25)
        if per < 1 or per > 100:
            return err(400, "per_page must be between 1 and 100")
        if page < 1:
            return err(400, "page must be >= 1")
        rows = sorted(self.rows, key=lambda s: (s["changed_at"], s["tracking_no"]))
        if req.query.get("changed_since"):
            since = parse_iso(req.query["changed_since"])
            if since is None:
                return err(400, "changed_since must be an ISO 8601 timestamp")
            rows = [s for s in rows if parse_iso(s["changed_at"]) >= since]
        chunk = [{k: v for k, v in s.items() if k != "_internal"}
                 for s in rows[(page - 1) * per: page * per] if not s["_internal"]]
        return J({"payload": {"rows": chunk, "page": page}})


# ---------------------------------------------------------------------------------------------- r6-07
class Timetrack(Source):
    """HTTP basic (token as the user, the literal `api_token` as the password); /api/v1/projects and
    /api/v1/time_entries, top-level arrays; per_page cap 20 (default 10); next page only in the Link header;
    projects carry a `members` array (user ids repeat across projects)."""
    seed = 607

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_token"] = self.secret("", 32)
        users = list(range(501, 526))
        clients = [(60 + i, f"{w.title()} Ltd") for i, w in enumerate(WORDS[:8])]
        self.projects = []
        for i in range(58):
            client = self.rng.choice(clients)
            members = [{"user_id": u, "role": self.rng.choice(["member", "member", "manager"]),
                        "hourly_rate": self.rng.choice([45, 60, 75, 90, 120])}
                       for u in sorted(self.rng.sample(users, self.rng.randint(1, 6)))]
            self.projects.append({"id": 300 + i, "name": f"{self.rng.choice(WORDS).title()} {self.rng.choice(['Website', 'Audit', 'Migration', 'Retainer'])}",
                                  "client": {"id": client[0], "name": client[1]}, "billable": self.rng.random() < 0.8,
                                  "archived": self.rng.random() < 0.15, "members": members})
        self.entries = []
        for i in range(380):
            p = self.rng.choice(self.projects)
            self.entries.append({"id": 90000 + i * 7, "project_id": p["id"], "user_id": self.rng.choice(p["members"])["user_id"],
                                 "started_at": iso(i * 97), "duration_minutes": self.rng.choice([15, 30, 45, 60, 90, 120, 240]),
                                 "billable": p["billable"], "description": " ".join(self.rng.sample(WORDS, 2))})

    def handle(self, req: Req) -> Resp:
        if req.basic() != (self.values["api_token"], "api_token"):
            return err(401, "authentication required", {"WWW-Authenticate": 'Basic realm="Clockwise"'})
        data = {"/api/v1/projects": self.projects, "/api/v1/time_entries": self.entries}.get(req.path)
        if data is None:
            return err(404, "not found")
        page, per = int_arg(req, "page", 1), int_arg(req, "per_page", 10)
        if per < 1 or per > 20:
            return err(400, "per_page must be between 1 and 20")
        if page < 1:
            return err(400, "page must be >= 1")
        last = max(1, math.ceil(len(data) / per))
        link = lambda p, rel: f'<{self.base_url}{req.path}?page={p}&per_page={per}>; rel="{rel}"'  # noqa: E731
        links = ([link(page + 1, "next")] if page < last else []) + [link(last, "last")]
        return J(data[(page - 1) * per: page * per], headers={"Link": ", ".join(links)})


# ---------------------------------------------------------------------------------------------- r6-08
class Hotel(Source):
    """`X-Hotel-Key`; /api/rooms and /api/reservations, limit cap 100 (default 25), `paging.next_cursor`;
    reservations need arrival_from/arrival_to (YYYY-MM-DD, at most 90 days apart); arrivals run from 520 days ago
    to 355 days ahead (a group block ~200 days ahead); only those from `start_date` (400 days ago) are wanted."""
    seed = 608

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.today = dt.datetime.now(dt.timezone.utc).date()
        self.values["hotel_key"] = self.secret("hk_", 26)
        self.values["start_date"] = (self.today - dt.timedelta(days=400)).isoformat()
        self.rooms = []
        for floor in range(1, 7):
            for n in range(1, 21):
                self.rooms.append({"id": floor * 100 + n, "room_number": f"{floor}{n:02d}", "floor": floor,
                                   "type": self.rng.choice(["single", "double", "twin", "suite"]),
                                   "max_guests": self.rng.choice([1, 2, 2, 3, 4]), "smoking": False})
        offsets = [self.rng.randint(-520, 355) for _ in range(270)] + [self.rng.randint(200, 204) for _ in range(110)]
        self.reservations = []
        used: set = set()
        for off in sorted(offsets):
            while True:
                rid = "R-" + "".join(self.rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(6))
                if rid not in used:
                    used.add(rid)
                    break
            arrival = self.today + dt.timedelta(days=off)
            nights = self.rng.randint(1, 7)
            name, email = person(self.rng)
            city = self.rng.choice(CITIES)
            self.reservations.append({
                "id": rid, "room_number": self.rng.choice(self.rooms)["room_number"], "arrival": arrival.isoformat(),
                "departure": (arrival + dt.timedelta(days=nights)).isoformat(), "nights": nights,
                "status": ("checked_out" if off < -7 else "confirmed") if self.rng.random() > 0.1 else "cancelled",
                "guest": {"name": name, "email": email, "country": city[1]},
                "rate": {"amount": self.rng.choice([89, 109, 129, 189]) * nights, "currency": "EUR"}})

    def page(self, req: Req, rows: list, key: str, salt: str) -> Resp:
        limit = int_arg(req, "limit", 25)
        if limit < 1 or limit > 100:
            return err(400, "limit must be between 1 and 100")
        offset = 0
        if req.query.get("cursor"):
            offset = offset_of(req.query["cursor"], salt)
            if offset is None:
                return err(400, "invalid cursor")
        nxt = token_for(offset + limit, salt) if offset + limit < len(rows) else None
        return J({key: rows[offset: offset + limit], "paging": {"limit": limit, "next_cursor": nxt}})

    def handle(self, req: Req) -> Resp:
        if req.header("X-Hotel-Key") != self.values["hotel_key"]:
            return err(401, "missing or wrong X-Hotel-Key")
        if req.path == "/api/rooms":
            return self.page(req, self.rooms, "rooms", "rooms")
        if req.path != "/api/reservations":
            return err(404, "not found")
        try:
            start = dt.date.fromisoformat(req.query.get("arrival_from", ""))
            end = dt.date.fromisoformat(req.query.get("arrival_to", ""))
        except ValueError:
            return err(400, "arrival_from and arrival_to are required (YYYY-MM-DD)")
        if end < start:
            return err(400, "arrival_to is before arrival_from")
        if (end - start).days > 90:
            return err(400, "arrival_from and arrival_to can be at most 90 days apart")
        rows = [r for r in self.reservations if start <= dt.date.fromisoformat(r["arrival"]) <= end]
        return self.page(req, rows, "reservations", f"res{start}{end}")


# ---------------------------------------------------------------------------------------------- r6-09
class Blog(Source):
    """WordPress-style: basic auth with an application password (it has spaces); /wp-json/wp/v2/posts and
    /comments, top-level arrays; per_page cap 100 (default 10); X-WP-Total / X-WP-TotalPages headers; a page past
    the last is 400 (rest_post_invalid_page_number), as WordPress does."""
    seed = 609

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["wp_user"] = "etl-bot"
        self.values["wp_app_password"] = " ".join(self.secret("", 4) for _ in range(6))
        self.posts = []
        for i in range(236):
            title = " ".join(self.rng.sample(WORDS, 3)).title()
            self.posts.append({"id": 12 + i * 3, "date_gmt": iso(i * 1500)[:-1], "modified_gmt": iso(i * 1500 + 300)[:-1],
                               "slug": title.lower().replace(" ", "-"), "status": "publish", "type": "post",
                               "title": {"rendered": title}, "excerpt": {"rendered": f"<p>{title} in short</p>", "protected": False},
                               "author": self.rng.randint(1, 6), "categories": sorted(self.rng.sample(range(1, 12), 2)),
                               "comment_status": "open"})
        self.comments = []
        for i in range(372):
            name, _ = person(self.rng)
            self.comments.append({"id": 900 + i * 2, "post": self.rng.choice(self.posts)["id"], "parent": 0,
                                  "author_name": name, "date_gmt": iso(i * 950)[:-1],
                                  "content": {"rendered": f"<p>{' '.join(self.rng.sample(WORDS, 5))}</p>"},
                                  "status": "approved", "type": "comment"})

    def handle(self, req: Req) -> Resp:
        creds = req.basic()
        if not creds or (creds[0], creds[1].replace(" ", "")) != (self.values["wp_user"], self.values["wp_app_password"].replace(" ", "")):
            return J({"code": "incorrect_password", "message": "The provided password is an invalid application password.",
                      "data": {"status": 401}}, 401)
        data = {"/wp-json/wp/v2/posts": self.posts, "/wp-json/wp/v2/comments": self.comments}.get(req.path)
        if data is None:
            return J({"code": "rest_no_route", "message": "No route was found matching the URL and request method.",
                      "data": {"status": 404}}, 404)
        page, per = int_arg(req, "page", 1), int_arg(req, "per_page", 10)
        if per < 1 or per > 100 or page < 1:
            return J({"code": "rest_invalid_param", "message": "Invalid parameter(s): per_page, page",
                      "data": {"status": 400}}, 400)
        pages = math.ceil(len(data) / per)
        if page > pages:
            return J({"code": "rest_post_invalid_page_number",
                      "message": "The page number requested is larger than the number of pages available.",
                      "data": {"status": 400}}, 400)
        return J(data[(page - 1) * per: page * per], headers={"X-WP-Total": str(len(data)), "X-WP-TotalPages": str(pages)})


# ---------------------------------------------------------------------------------------------- r6-10
class Contacts(Source):
    """Bearer PAT; workspace id in the path; GET /v3/workspaces/{ws}/contacts?page=&per_page= (cap 100, default 25);
    `results` + `total` (a count of contacts, not pages); `modified_after` ISO (strictly after);
    2nd sync: 11 updated, 14 new."""
    seed = 610

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["workspace_id"] = self.secret("wk_", 6)
        self.values["pat"] = self.secret("mh_pat_", 36)
        self.contacts = [self._contact(iso(i * 211)) for i in range(347)]

    def _contact(self, stamp: str) -> dict:
        name, email = person(self.rng)
        first, last = name.split(" ")
        return {"contact_id": self.secret("ct_", 10), "email": email, "first_name": first, "last_name": last,
                "status": self.rng.choice(["subscribed", "subscribed", "subscribed", "unsubscribed", "bounced"]),
                "tags": sorted(self.rng.sample(["vip", "trial", "newsletter", "webinar", "partner", "beta"], self.rng.randint(0, 3))),
                "custom_fields": {"company": f"{self.rng.choice(WORDS).title()} GmbH", "plan": self.rng.choice(["free", "pro", "team"])},
                "created_at": stamp, "modified_at": stamp}

    def advance(self) -> None:
        now = now_iso()
        for c in self.rng.sample(self.contacts, 11):
            c["status"], c["modified_at"] = "unsubscribed", now
        self.contacts += [self._contact(now) for _ in range(14)]

    def handle(self, req: Req) -> Resp:
        if req.header("Authorization") != f"Bearer {self.values['pat']}":
            return err(401, "invalid or missing token")
        if req.path != f"/v3/workspaces/{self.values['workspace_id']}/contacts":
            return err(404, "workspace or route not found")
        page, per = int_arg(req, "page", 1), int_arg(req, "per_page", 25)
        if per < 1 or per > 100:
            return err(400, "per_page must be between 1 and 100")
        if page < 1:
            return err(400, "page must be >= 1")
        rows = self.contacts
        if req.query.get("modified_after"):
            after = parse_iso(req.query["modified_after"])
            if after is None:
                return err(400, "modified_after must be an ISO 8601 timestamp")
            rows = [c for c in rows if parse_iso(c["modified_at"]) > after]
        return J({"results": rows[(page - 1) * per: page * per], "page": page, "per_page": per, "total": len(rows)})


SOURCES = {"gym": Gym, "maintenance": Maintenance, "tickets": Tickets, "invoices": Invoices, "surveys": Surveys,
           "shipments": Shipments, "timetrack": Timetrack, "hotel": Hotel, "blog": Blog, "contacts": Contacts}


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
