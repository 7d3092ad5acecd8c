"""Local mock HTTP APIs for the rest7 generate-evaluation set (standard library only).

serve(source, workdir) starts one mock on 127.0.0.1 (port 0, daemon thread) and yields an object with
.values (placeholders for the task's request and config) and .advance() (the changes seen by a second sync).
Every mock enforces what its task's request says (auth, page-size caps, pagination, rate limits) and, where the
request is silent, behaves as an ordinary API would. All data is seeded, so row counts are exact.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import json
import math
import pathlib
import random
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


def iso(minutes: float) -> str:
    return (EPOCH + dt.timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")


def day(days: float) -> str:
    return (EPOCH + dt.timedelta(days=days)).strftime("%Y-%m-%d")


def unix(minutes: float) -> int:
    return int((EPOCH + dt.timedelta(minutes=minutes)).timestamp())


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
    return J({"error": {"status": status, "message": message}}, status, headers)


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


def untoken(text: str) -> Any:
    try:
        return json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except Exception:
        return None


class Source:
    seed = 0

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.rng = random.Random(self.seed)
        self.values: dict[str, str] = {"base_url": base_url}
        self.requests = 0

    def secret(self, prefix: str, n: int = 24) -> str:
        return prefix + "".join(self.rng.choice(ALNUM) for _ in range(n))

    def person(self) -> tuple[str, str]:
        first, last = self.rng.choice(FIRST), self.rng.choice(LAST)
        return f"{first.title()} {last.title()}", f"{first}.{last}{self.rng.randint(1, 99)}@example.com"

    def handle(self, req: Req) -> Resp:
        raise NotImplementedError

    def advance(self) -> None:
        pass


# ---------------------------------------------------------------------------------------------- r7-01
class Fitloop(Source):
    """Bearer; ?page=&per_page= (default 25, max 100); rows at data, meta.total/total_pages; nested objects."""
    seed = 701

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_token"] = self.secret("flp_")
        classes = [{"id": 40 + i, "name": f"{w.title()} {kind}", "coach": self.person()[0]}
                   for i, (w, kind) in enumerate(zip(WORDS, ["Spin", "Yoga", "HIIT", "Pilates", "Boxing"] * 5))]
        members = []
        for i in range(60):
            name, email = self.person()
            members.append({"id": f"mem_{self.secret('', 8)}", "name": name, "email": email,
                            "plan": {"name": self.rng.choice(["Basic", "Plus", "Unlimited"]),
                                     "billing": self.rng.choice(["monthly", "yearly"])}})
        self.bookings = []
        for i in range(163):
            cls = dict(self.rng.choice(classes), starts_at=iso(600 + i * 75))
            self.bookings.append({"id": 12000 + i * 2 + self.rng.randint(0, 1),
                                  "status": self.rng.choice(["confirmed", "attended", "cancelled", "no_show"]),
                                  "booked_at": iso(i * 75), "member": self.rng.choice(members), "class": cls,
                                  "price": {"amount": self.rng.choice([0, 9.5, 12, 15]), "currency": "EUR"}})

    def handle(self, req: Req) -> Resp:
        if req.header("Authorization") != f"Bearer {self.values['api_token']}":
            return err(401, "missing or invalid bearer token")
        if req.path != "/v1/bookings":
            return err(404, "not found")
        if req.method != "GET":
            return err(405, "method not allowed")
        page, per = int_arg(req, "page", 1), int_arg(req, "per_page", 25)
        if per < 1 or per > 100:
            return err(400, "per_page must be between 1 and 100")
        if page < 1:
            return err(400, "page must be a positive integer")
        total = len(self.bookings)
        return J({"data": self.bookings[(page - 1) * per: page * per],
                  "meta": {"page": page, "per_page": per, "total": total, "total_pages": math.ceil(total / per)}})


# ---------------------------------------------------------------------------------------------- r7-02
class Ledgerly(Source):
    """?api_key= in the query; offset/limit (default 20, max 50) with total; string ids; line_items arrays whose
    line_no restarts at 1 on every invoice."""
    seed = 702

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_key"] = self.secret("lk_", 28)
        customers = [{"id": f"cus_{self.secret('', 10)}", "name": f"{self.rng.choice(WORDS).title()} "
                      f"{self.rng.choice(['GmbH', 'Ltd', 'BV', 'Oy', 'SARL'])}"} for _ in range(25)]
        self.invoices = []
        for i in range(150):
            lines, total = [], 0.0
            for n in range(1, self.rng.randint(1, 3) + 1):
                qty, unit = self.rng.randint(1, 10), self.rng.choice([12.5, 30.0, 49.99, 120.0, 8.0])
                total += qty * unit
                lines.append({"line_no": n, "description": f"{self.rng.choice(WORDS).title()} subscription",
                              "quantity": qty, "unit_price": f"{unit:.2f}", "amount": f"{qty * unit:.2f}"})
            self.invoices.append({"id": f"inv_{self.secret('', 12)}", "number": f"INV-2024-{i + 1:04d}",
                                  "customer": self.rng.choice(customers), "currency": self.rng.choice(["EUR", "GBP"]),
                                  "status": self.rng.choice(["draft", "open", "paid", "paid", "void"]),
                                  "issued_on": day(i), "due_on": day(i + 30), "total": f"{total:.2f}",
                                  "line_items": lines})

    def handle(self, req: Req) -> Resp:
        if req.query.get("api_key") != self.values["api_key"]:
            return err(401, "invalid api_key")
        if req.path != "/api/invoices":
            return err(404, "not found")
        offset, limit = int_arg(req, "offset", 0), int_arg(req, "limit", 20)
        if limit < 1 or limit > 50:
            return err(400, "limit must be between 1 and 50")
        if offset < 0:
            return err(400, "offset must be >= 0")
        return J({"invoices": self.invoices[offset: offset + limit], "offset": offset, "limit": limit,
                  "total": len(self.invoices)})


# ---------------------------------------------------------------------------------------------- r7-03
class Supportly(Source):
    """X-Api-Key; opaque next_page_token (null at the end); limit default 25, max 100; updated_after (strict);
    every 3rd request is a 429 with Retry-After: 1."""
    seed = 703

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_key"] = self.secret("sup_", 30)
        self.tickets = {}
        for i in range(240):
            self._ticket(3000 + i, i * 50, i * 50 + self.rng.randint(0, 900))
        self.next_id = 3240

    def _ticket(self, tid: int, created: float, updated: float) -> None:
        name, email = self.person()
        self.tickets[tid] = {"id": tid, "subject": f"{self.rng.choice(WORDS).title()} {self.rng.choice(['login', 'billing', 'export', 'sync', 'crash'])} problem",
                             "status": self.rng.choice(["new", "open", "pending", "solved"]),
                             "priority": self.rng.choice(["low", "normal", "high"]), "requester": email,
                             "assignee": self.rng.choice([None, "sam", "ria", "joe"]),
                             "tags": self.rng.sample(WORDS, self.rng.randint(0, 3)),
                             "created_at": iso(created), "updated_at": iso(updated)}

    def handle(self, req: Req) -> Resp:
        if req.header("X-Api-Key") != self.values["api_key"]:
            return err(401, "missing or invalid X-Api-Key")
        if req.path != "/api/tickets":
            return err(404, "not found")
        self.requests += 1
        if self.requests % 3 == 0:
            return err(429, "rate limit exceeded, retry later", {"Retry-After": "1"})
        limit = int_arg(req, "limit", 25)
        if limit < 1 or limit > 100:
            return err(400, "limit must be between 1 and 100")
        offset, after = 0, req.query.get("updated_after") or ""
        if req.query.get("page_token"):
            state = untoken(req.query["page_token"])
            if not isinstance(state, dict) or "o" not in state:
                return err(400, "invalid page_token")
            offset, after = state["o"], state["a"]
        since = parse_iso(after) if after else None
        if after and since is None:
            return err(400, "updated_after must be an ISO 8601 timestamp")
        rows = [t for _, t in sorted(self.tickets.items()) if since is None or parse_iso(t["updated_at"]) > since]
        page = rows[offset: offset + limit]
        more = offset + limit < len(rows)
        return J({"tickets": page, "next_page_token": token({"o": offset + limit, "a": after}) if more else None})

    def advance(self) -> None:
        for tid in self.rng.sample(sorted(self.tickets), 15):
            self.tickets[tid].update(status="solved", updated_at=now_iso())
        for _ in range(11):
            self._ticket(self.next_id, 20000, 0)
            self.tickets[self.next_id].update(created_at=now_iso(), updated_at=now_iso())
            self.next_id += 1


# ---------------------------------------------------------------------------------------------- r7-04
class PlantPal(Source):
    """HTTP basic; top-level arrays; paging only in the Link header (GitHub style); per_page default 10, max 30;
    waterings per plant at /api/plants/{id}/waterings (two plants have more than 30)."""
    seed = 704

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["username"] = f"{self.rng.choice(FIRST)}{self.rng.randint(10, 99)}"
        self.values["password"] = self.secret("", 16)
        species = ["Monstera deliciosa", "Ficus lyrata", "Pothos", "Calathea", "Sansevieria", "Pilea", "Fern"]
        self.plants, self.waterings, wid = [], {}, 501
        for i in range(34):
            pid = 101 + i
            self.plants.append({"id": pid, "nickname": f"{self.rng.choice(WORDS).title()}",
                                "species": self.rng.choice(species),
                                "room": self.rng.choice(["kitchen", "living room", "office", "bedroom"]),
                                "water_every_days": self.rng.choice([3, 5, 7, 10, 14]), "added_on": day(i * 3)})
            count = {5: 35, 22: 41}.get(i, self.rng.randint(0, 8))
            self.waterings[pid] = []
            for n in range(count):
                self.waterings[pid].append({"id": wid, "plant_id": pid, "watered_at": iso(i * 4320 + n * 1440),
                                            "amount_ml": self.rng.choice([100, 200, 250, 400]),
                                            "note": self.rng.choice([None, "", "misted too", "fertilized"])})
                wid += 1

    def _page(self, req: Req, rows: list) -> Resp:
        page, per = int_arg(req, "page", 1), int_arg(req, "per_page", 10)
        if per < 1 or per > 30:
            return err(400, "per_page must be between 1 and 30")
        if page < 1:
            return err(400, "page must be >= 1")
        last = max(1, math.ceil(len(rows) / per))
        url = lambda p: f"{self.base_url}{req.path}?page={p}&per_page={per}"  # noqa: E731
        links = []
        if page < last:
            links.append(f'<{url(page + 1)}>; rel="next"')
            links.append(f'<{url(last)}>; rel="last"')
        if page > 1:
            links.append(f'<{url(1)}>; rel="first"')
            links.append(f'<{url(page - 1)}>; rel="prev"')
        return J(rows[(page - 1) * per: page * per], headers={"Link": ", ".join(links)} if links else None)

    def handle(self, req: Req) -> Resp:
        if req.basic() != (self.values["username"], self.values["password"]):
            return err(401, "bad credentials", {"WWW-Authenticate": 'Basic realm="plantpal"'})
        parts = req.path.strip("/").split("/")
        if parts == ["api", "plants"]:
            return self._page(req, self.plants)
        if len(parts) == 4 and parts[:2] == ["api", "plants"] and parts[3] == "waterings":
            rows = self.waterings.get(int(parts[2])) if parts[2].isdigit() else None
            return err(404, "no such plant") if rows is None else self._page(req, rows)
        return err(404, "not found")


# ---------------------------------------------------------------------------------------------- r7-05
class Mailcrate(Source):
    """Bearer; Stripe-like list (data, has_more, starting_after=<last id>), limit default 10, max 100; string ids;
    `since` unix seconds (updated_at >= since); soft-deleted subscribers come back with deleted: true."""
    seed = 705

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_key"] = self.secret("mc_live_", 28)
        self.subs: dict[str, dict] = {}
        for i in range(180):
            self._sub(unix(i * 90), unix(i * 90 + self.rng.randint(0, 3000)))
        for sid in self.rng.sample(sorted(self.subs), 5):
            self.subs[sid].update(deleted=True, status="unsubscribed", updated_at=unix(300000))
        self.campaigns = [{"id": f"cmp_{self.secret('', 10)}", "object": "campaign", "name": f"{w.title()} digest",
                           "sent_at": unix(i * 10000)} for i, w in enumerate(WORDS)]

    def _sub(self, created: int, updated: int) -> None:
        sid = f"sub_{self.secret('', 14)}"
        name, email = self.person()
        self.subs[sid] = {"id": sid, "object": "subscriber", "email": email, "first_name": name.split()[0],
                          "last_name": name.split()[1], "status": self.rng.choice(["subscribed", "subscribed", "bounced"]),
                          "lists": self.rng.sample(["newsletter", "product", "events", "offers"], self.rng.randint(1, 3)),
                          "created_at": created, "updated_at": updated, "deleted": False}

    def handle(self, req: Req) -> Resp:
        if req.header("Authorization") != f"Bearer {self.values['api_key']}":
            return err(401, "Invalid API key provided")
        headers = {"X-RateLimit-Limit": "100", "X-RateLimit-Remaining": "99"}
        if req.path not in ("/v3/subscribers", "/v3/campaigns"):
            return err(404, "Unrecognized request URL")
        if req.method != "GET":
            return err(405, "method not allowed")
        limit = int_arg(req, "limit", 10)
        if limit < 1 or limit > 100:
            return err(400, "limit must be between 1 and 100", headers)
        if req.path == "/v3/campaigns":
            rows = self.campaigns
        else:
            since = int_arg(req, "since", 0)
            if since < 0:
                return err(400, "since must be a unix timestamp in seconds", headers)
            rows = [s for _, s in sorted(self.subs.items()) if s["updated_at"] >= since]
        after = req.query.get("starting_after")
        if after:
            rows = [r for r in rows if r["id"] > after]
        return J({"object": "list", "data": rows[:limit], "has_more": len(rows) > limit}, headers=headers)

    def advance(self) -> None:
        now = int(time.time())
        live = [sid for sid, s in sorted(self.subs.items()) if not s["deleted"]]
        picked = self.rng.sample(live, 16)
        for sid in picked[:7]:
            self.subs[sid].update(deleted=True, status="unsubscribed", updated_at=now)
        for sid in picked[7:]:
            self.subs[sid].update(status="bounced", updated_at=now)
        for _ in range(12):
            self._sub(now, now)


# ---------------------------------------------------------------------------------------------- r7-06
class Parcelpoint(Source):
    """X-Account-Id + X-Account-Secret; results + absolute `next` URL (null at the end); page_size default 10,
    max 25; string ids."""
    seed = 706

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["account_id"] = f"ACC-{self.rng.randint(100000, 999999)}"
        self.values["secret"] = self.secret("pps_", 32)
        cities = [("Rotterdam", "NL"), ("Lyon", "FR"), ("Leipzig", "DE"), ("Porto", "PT"), ("Gdansk", "PL")]
        self.shipments = []
        for i in range(140):
            (oc, occ), (dc, dcc) = self.rng.sample(cities, 2)
            self.shipments.append({"id": f"shp_{self.secret('', 10)}",
                                   "tracking_number": f"PP{self.rng.randint(10**9, 10**10 - 1)}",
                                   "carrier": self.rng.choice(["dhl", "ups", "postnl", "gls"]),
                                   "status": self.rng.choice(["label_created", "in_transit", "delivered", "returned"]),
                                   "origin": {"city": oc, "country": occ}, "destination": {"city": dc, "country": dcc},
                                   "weight_kg": round(self.rng.uniform(0.2, 30), 2), "created_at": iso(i * 200)})

    def handle(self, req: Req) -> Resp:
        if (req.header("X-Account-Id") != self.values["account_id"]
                or req.header("X-Account-Secret") != self.values["secret"]):
            return err(401, "unknown account or wrong secret")
        if req.path != "/v2/shipments":
            return err(404, "not found")
        size = int_arg(req, "page_size", 10)
        if size < 1 or size > 25:
            return err(400, "page_size must be between 1 and 25")
        offset = 0
        if req.query.get("cursor"):
            state = untoken(req.query["cursor"])
            if not isinstance(state, dict) or "p" not in state:
                return err(400, "invalid cursor")
            offset = state["p"]
        nxt = None
        if offset + size < len(self.shipments):
            nxt = f"{self.base_url}/v2/shipments?" + urllib.parse.urlencode(
                {"cursor": token({"p": offset + size}), "page_size": size})
        return J({"results": self.shipments[offset: offset + size], "next": nxt})


# ---------------------------------------------------------------------------------------------- r7-07
class Stockroom(Source):
    """?apikey= in the query; items + links.next as a relative path without the apikey (null at the end);
    limit default 50, max 100; one row per (product_id, location_id), no id field."""
    seed = 707

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["apikey"] = self.secret("", 32)
        self.levels = []
        for p in range(60):
            for loc in ["WH-AMS", "WH-BER", "WH-MAD", "STORE-01"]:
                if self.rng.random() < 0.85:
                    self.levels.append({"product_id": f"SKU-{10000 + p * 7}", "location_id": loc,
                                        "on_hand": self.rng.randint(0, 500), "reserved": self.rng.randint(0, 20),
                                        "reorder_point": self.rng.choice([10, 25, 50]),
                                        "updated_at": iso(self.rng.randint(0, 200000))})

    def handle(self, req: Req) -> Resp:
        if req.query.get("apikey") != self.values["apikey"]:
            return err(401, "apikey missing or invalid")
        if req.path != "/inventory/levels":
            return err(404, "not found")
        limit = int_arg(req, "limit", 50)
        if limit < 1 or limit > 100:
            return err(400, "limit must be between 1 and 100")
        offset = 0
        if req.query.get("cursor"):
            state = untoken(req.query["cursor"])
            if not isinstance(state, dict) or "i" not in state:
                return err(400, "invalid cursor")
            offset = state["i"]
        nxt = None
        if offset + limit < len(self.levels):
            nxt = "/inventory/levels?" + urllib.parse.urlencode({"cursor": token({"i": offset + limit}), "limit": limit})
        return J({"items": self.levels[offset: offset + limit], "links": {"self": req.path, "next": nxt}})


# ---------------------------------------------------------------------------------------------- r7-08
class Clockwise(Source):
    """HTTP basic with the API token as user name and the literal password `api_token`; page/per_page (default 50,
    max 100); time_entries + pagination.total_pages; nested user/project."""
    seed = 708

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_token"] = self.secret("", 32)
        users = [{"id": 10 + i, "name": self.person()[0]} for i in range(9)]
        projects = [{"id": 300 + i, "name": f"{w.title()} {k}", "client": {"id": 70 + i % 4, "name": f"{c} Inc"}}
                    for i, (w, k, c) in enumerate(zip(WORDS[:8], ["relaunch", "audit", "app", "migration"] * 2,
                                                      ["Acme", "Globex", "Initech", "Umbrella"] * 2))]
        self.entries = []
        for i in range(300):
            minutes = self.rng.choice([15, 30, 45, 60, 90, 120, 240])
            self.entries.append({"id": 88000 + i * 3, "user": self.rng.choice(users), "project": self.rng.choice(projects),
                                 "started_at": iso(i * 130), "minutes": minutes,
                                 "billable": self.rng.random() > 0.25,
                                 "note": self.rng.choice(["", "standup", "review", "bugfix", "client call"])})

    def handle(self, req: Req) -> Resp:
        if req.basic() != (self.values["api_token"], "api_token"):
            return err(401, "authentication failed", {"WWW-Authenticate": 'Basic realm="clockwise"'})
        if req.path != "/api/v1/time_entries":
            return err(404, "not found")
        page, per = int_arg(req, "page", 1), int_arg(req, "per_page", 50)
        if per < 1 or per > 100:
            return err(400, "per_page must be between 1 and 100")
        if page < 1:
            return err(400, "page must be >= 1")
        total = len(self.entries)
        return J({"time_entries": self.entries[(page - 1) * per: page * per],
                  "pagination": {"page": page, "per_page": per, "total_entries": total,
                                 "total_pages": math.ceil(total / per)}})


# ---------------------------------------------------------------------------------------------- r7-09
class Pipewise(Source):
    """Bearer; /v1/companies and /v1/contacts; offset/limit (default 20, max 50) with total; records; updated_since
    (updated_at >= value)."""
    seed = 709

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_key"] = self.secret("pw_", 32)
        self.owners = [{"id": 1 + i, "name": self.person()[0]} for i in range(6)]
        self.companies: dict[int, dict] = {}
        self.contacts: dict[int, dict] = {}
        for i in range(64):
            self._company(900 + i, iso(i * 300), iso(i * 300 + self.rng.randint(0, 5000)))
        for i in range(320):
            self._contact(20000 + i, iso(i * 60), iso(i * 60 + self.rng.randint(0, 9000)))

    def _company(self, cid: int, created: str, updated: str) -> None:
        self.companies[cid] = {"id": cid, "name": f"{self.rng.choice(WORDS).title()} {self.rng.choice(LAST).title()}",
                               "domain": f"{self.rng.choice(WORDS)}{cid}.example.com",
                               "industry": self.rng.choice(["retail", "saas", "logistics", "health"]),
                               "employees": self.rng.choice([5, 20, 80, 250, 1200]),
                               "created_at": created, "updated_at": updated}

    def _contact(self, cid: int, created: str, updated: str) -> None:
        name, email = self.person()
        self.contacts[cid] = {"id": cid, "first_name": name.split()[0], "last_name": name.split()[1], "email": email,
                              "company_id": self.rng.choice(sorted(self.companies)),
                              "owner": self.rng.choice(self.owners),
                              "stage": self.rng.choice(["lead", "qualified", "customer", "churned"]),
                              "created_at": created, "updated_at": updated}

    def handle(self, req: Req) -> Resp:
        if req.header("Authorization") != f"Bearer {self.values['api_key']}":
            return err(401, "unauthorized")
        table = {"/v1/companies": self.companies, "/v1/contacts": self.contacts}.get(req.path)
        if table is None:
            return err(404, "not found")
        offset, limit = int_arg(req, "offset", 0), int_arg(req, "limit", 20)
        if limit < 1 or limit > 50:
            return err(400, "limit must be between 1 and 50")
        if offset < 0:
            return err(400, "offset must be >= 0")
        raw = req.query.get("updated_since") or ""
        since = parse_iso(raw) if raw else None
        if raw and since is None:
            return err(400, "updated_since must be an ISO 8601 timestamp")
        rows = [r for _, r in sorted(table.items()) if since is None or parse_iso(r["updated_at"]) >= since]
        return J({"records": rows[offset: offset + limit], "total": len(rows), "offset": offset, "limit": limit})

    def advance(self) -> None:
        for cid in self.rng.sample(sorted(self.companies), 2):
            self.companies[cid].update(employees=self.companies[cid]["employees"] + 5, updated_at=now_iso())
        for i in range(3):
            self._company(964 + i, now_iso(), now_iso())
        for cid in self.rng.sample(sorted(self.contacts), 10):
            self.contacts[cid].update(stage="customer", updated_at=now_iso())
        for i in range(15):
            self._contact(20320 + i, now_iso(), now_iso())


# ---------------------------------------------------------------------------------------------- r7-10
class Rotaro(Source):
    """Authorization: ApiKey <key>; top-level array, total in X-Total-Count; page/per_page (default 10, max 20);
    every 4th request is a 429 whose Retry-After (2 s) is enforced: earlier retries get 429 again."""
    seed = 710

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_key"] = self.secret("rk_", 30)
        self.blocked_until = 0.0
        locations = [{"id": 7 + i, "name": n} for i, n in enumerate(["Central", "Harbour", "Airport", "Mall"])]
        self.shifts = []
        for i in range(230):
            start = 480 + i * 360
            self.shifts.append({"id": 41000 + i, "employee_id": 500 + self.rng.randint(0, 40),
                                "location": self.rng.choice(locations),
                                "role": self.rng.choice(["barista", "cashier", "cook", "manager"]),
                                "starts_at": iso(start), "ends_at": iso(start + self.rng.choice([240, 360, 480])),
                                "break_minutes": self.rng.choice([0, 15, 30]),
                                "status": self.rng.choice(["scheduled", "completed", "swapped"]),
                                "published": self.rng.random() > 0.1})

    def handle(self, req: Req) -> Resp:
        if req.header("Authorization") != f"ApiKey {self.values['api_key']}":
            return err(401, "missing or invalid API key")
        if req.path not in ("/api/v2/shifts", "/api/v2/employees", "/api/v2/locations"):
            return err(404, "not found")
        now = time.monotonic()
        if now < self.blocked_until:
            wait = math.ceil(self.blocked_until - now)
            return err(429, "too many requests", {"Retry-After": str(wait)})
        self.requests += 1
        if self.requests % 4 == 0:
            self.blocked_until = now + 2
            return err(429, "too many requests", {"Retry-After": "2"})
        page, per = int_arg(req, "page", 1), int_arg(req, "per_page", 10)
        if per < 1 or per > 20:
            return err(400, "per_page must be between 1 and 20")
        if page < 1:
            return err(400, "page must be >= 1")
        rows = self.shifts if req.path == "/api/v2/shifts" else []
        return J(rows[(page - 1) * per: page * per],
                 headers={"X-Total-Count": str(len(rows)), "X-Page": str(page), "X-Per-Page": str(per)})


SOURCES = {"fitloop": Fitloop, "ledgerly": Ledgerly, "supportly": Supportly, "plantpal": PlantPal,
           "mailcrate": Mailcrate, "parcelpoint": Parcelpoint, "stockroom": Stockroom, "clockwise": Clockwise,
           "pipewise": Pipewise, "rotaro": Rotaro}


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
