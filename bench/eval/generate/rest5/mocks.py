"""Local mock HTTP APIs for the rest5 generate-evaluation set (standard library only).

serve(source, workdir) starts one mock on 127.0.0.1 (port 0, daemon thread) and yields an object with
.values (placeholders for the task's request and config: base_url plus the credentials) and .advance()
(the changes seen by a second sync). Every mock enforces what its task's request says: auth (401), page-size
caps (400), real pagination (one page loses rows), date windows, rate limits, soft deletes. All data is seeded,
so row counts are exact; each source's counts() gives the rows a correct connector ends up with.
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


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST).title()} {rng.choice(LAST).title()}"


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


class Source:
    seed = 0

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.rng = random.Random(self.seed)
        self.values: dict[str, str] = {"base_url": base_url}
        self.requests = 0

    def secret(self, prefix: str, n: int = 24) -> str:
        return prefix + "".join(self.rng.choice("abcdefghijkmnpqrstuvwxyz23456789") for _ in range(n))

    def handle(self, req: Req) -> Resp:
        raise NotImplementedError

    def advance(self) -> None:
        pass

    def counts(self) -> dict[str, Any]:
        """What a correct connector has in the warehouse: {"tables": {...}, optional "deleted": {...}}."""
        raise NotImplementedError


# ---------------------------------------------------------------------------------------------- r5-01
class BikeRentals(Source):
    """?apikey= in the query; offset/limit (default 10, cap 25) with total; rows at results; nested bike."""
    seed = 501

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["apikey"] = self.secret("bk_", 20)
        stations = [f"{w.title()} Square" for w in WORDS[:14]]
        models = ["City 3", "Cargo L", "E-Urban", "Roadster"]
        self.rentals, rid = [], 30000
        for i in range(143):
            rid += self.rng.randint(1, 4)
            start, dur = i * 53 + self.rng.randint(0, 40), self.rng.randint(4, 95)
            model = self.rng.choice(models)
            self.rentals.append({"id": rid, "bike": {"id": f"B-{self.rng.randint(100, 999)}", "model": model,
                                                     "electric": model.startswith("E")},
                                 "start_station": self.rng.choice(stations), "end_station": self.rng.choice(stations),
                                 "started_at": iso(start), "ended_at": iso(start + dur), "duration_min": dur,
                                 "price_eur": round(1 + dur * 0.15, 2), "member": self.rng.random() > .4})

    def counts(self) -> dict[str, Any]:
        return {"tables": {"rentals": len(self.rentals)}}

    def handle(self, req: Req) -> Resp:
        if req.query.get("apikey") != self.values["apikey"]:
            return err(401, "missing or invalid apikey")
        if req.path != "/v2/rentals":
            return err(404, "not found")
        offset, limit = int_arg(req, "offset", 0), int_arg(req, "limit", 10)
        if limit < 1 or limit > 25:
            return err(400, "limit must be between 1 and 25")
        if offset < 0:
            return err(400, "offset must be >= 0")
        return J({"results": self.rentals[offset: offset + limit], "offset": offset, "limit": limit,
                  "total": len(self.rentals)})


# ---------------------------------------------------------------------------------------------- r5-02
class Newsletter(Source):
    """HTTP basic (account id : secret); opaque next_page_token -> page_token; page_size cap 100 (default 50);
    updated_after filter; second sync: 9 updated, 12 new."""
    seed = 502

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values.update(account_id=f"acc_{self.rng.randint(10000, 99999)}", secret=self.secret("nl_sec_", 28))
        self.subs: dict[int, dict] = {}
        for i in range(212):
            self.add(1000 + i * 7 + self.rng.randint(0, 5), iso(i * 41 + self.rng.randint(0, 30)))

    def add(self, sid: int, when: str) -> None:
        first, last = self.rng.choice(FIRST), self.rng.choice(LAST)
        self.subs[sid] = {"id": sid, "email": f"{first}.{last}{sid}@example.net", "name": f"{first.title()} "
                          f"{last.title()}", "status": self.rng.choice(["subscribed"] * 5 + ["unsubscribed", "bounced"]),
                          "lists": self.rng.sample(["weekly", "product-news", "events", "offers"],
                                                   self.rng.randint(1, 3)),
                          "source": {"form": self.rng.choice(["footer", "popup", "checkout", "import"]),
                                     "utm": {"campaign": self.rng.choice(WORDS), "medium": "web"}},
                          "created_at": when, "updated_at": when}

    def advance(self) -> None:
        for sid in self.rng.sample(sorted(self.subs), 9):
            self.subs[sid].update(status="unsubscribed", updated_at=now_iso())
        for i in range(12):
            self.add(9000 + i, now_iso())

    def counts(self) -> dict[str, Any]:
        return {"tables": {"subscribers": len(self.subs)}}

    def handle(self, req: Req) -> Resp:
        if req.basic() != (self.values["account_id"], self.values["secret"]):
            return err(401, "unauthorized", {"WWW-Authenticate": 'Basic realm="newsletter"'})
        if req.path != "/api/v1/subscribers":
            return err(404, "not found")
        size = int_arg(req, "page_size", 50)
        if size < 1 or size > 100:
            return err(400, "page_size must be between 1 and 100")
        if req.query.get("page_token"):
            try:
                token = json.loads(base64.urlsafe_b64decode(req.query["page_token"].encode()))
                offset, after_text = int(token["o"]), str(token["u"])
            except Exception:
                return err(400, "invalid page_token")
        else:
            offset, after_text = 0, req.query.get("updated_after", "")
        after = parse_iso(after_text) if after_text else None
        if after_text and after is None:
            return err(400, "updated_after must be an ISO 8601 timestamp")
        rows = sorted(self.subs.values(), key=lambda s: (s["updated_at"], s["id"]))
        if after:
            rows = [r for r in rows if parse_iso(r["updated_at"]) > after]
        nxt = None
        if offset + size < len(rows):
            nxt = base64.urlsafe_b64encode(json.dumps({"o": offset + size, "u": after_text}).encode()).decode()
        return J({"subscribers": rows[offset: offset + size], "next_page_token": nxt})


# ---------------------------------------------------------------------------------------------- r5-03
class Invoicing(Source):
    """Authorization: ApiKey <key>; list object with data + has_more; starting_after=<last id> (string ids);
    limit cap 100 (default 10); nested lines with line_no restarting at 1 per invoice."""
    seed = 503

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["key"] = self.secret("ak_live_", 26)
        customers = [{"id": f"cus_{self.rng.randrange(16**6):06x}", "name": person(self.rng),
                      "email": f"{self.rng.choice(FIRST)}@{self.rng.choice(WORDS)}.io"} for _ in range(30)]
        self.invoices, seen = [], set()
        for i in range(168):
            iid = f"in_{self.rng.randrange(16**8):08x}"
            while iid in seen:
                iid = f"in_{self.rng.randrange(16**8):08x}"
            seen.add(iid)
            lines = []
            for n in range(1, self.rng.randint(1, 5) + 1):
                qty, unit = self.rng.randint(1, 6), self.rng.choice([990, 1500, 2450, 4975, 12000])
                lines.append({"line_no": n, "description": f"{self.rng.choice(WORDS).title()} plan",
                              "quantity": qty, "unit_amount": unit, "amount": qty * unit})
            self.invoices.append({"id": iid, "number": f"INV-2024-{i + 1:04d}", "customer": self.rng.choice(customers),
                                  "status": self.rng.choice(["paid", "paid", "open", "void"]),
                                  "currency": self.rng.choice(["eur", "usd"]),
                                  "total": sum(x["amount"] for x in lines),
                                  "created": int((EPOCH + dt.timedelta(hours=i * 19)).timestamp()), "lines": lines})

    def counts(self) -> dict[str, Any]:
        return {"tables": {"invoices": len(self.invoices),
                           "invoice_lines": sum(len(i["lines"]) for i in self.invoices)}}

    def handle(self, req: Req) -> Resp:
        if req.header("Authorization") != f"ApiKey {self.values['key']}":
            return err(401, "invalid API key; use Authorization: ApiKey <key>")
        if req.path != "/v1/invoices":
            return err(404, "not found")
        limit = int_arg(req, "limit", 10)
        if limit < 1 or limit > 100:
            return err(400, "limit must be between 1 and 100")
        start = 0
        if req.query.get("starting_after"):
            ids = [i["id"] for i in self.invoices]
            if req.query["starting_after"] not in ids:
                return err(400, "starting_after: no such invoice")
            start = ids.index(req.query["starting_after"]) + 1
        chunk = self.invoices[start: start + limit]
        return J({"object": "list", "data": chunk, "has_more": start + limit < len(self.invoices)})


# ---------------------------------------------------------------------------------------------- r5-04
class Kanban(Source):
    """X-Board-Token; top-level arrays; page/per_page (cap 30, default 10) with X-Total-Pages etc. headers;
    cards per board at /api/boards/<id>/cards (no board_id in the card); three boards have > 30 cards."""
    seed = 504

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["board_token"] = self.secret("kb-", 32)
        self.boards, self.cards, bid, cid = [], {}, 2, 100
        for i in range(41):
            bid += self.rng.randint(1, 3)
            self.boards.append({"id": bid, "name": f"{self.rng.choice(WORDS).title()} {self.rng.choice(['Q1', 'Q2', 'Q3', 'ops', 'launch', 'backlog'])}",
                                "owner": self.rng.choice(FIRST), "archived": self.rng.random() < .1,
                                "created_at": iso(i * 900)})
            n = self.rng.randint(31, 64) if i in (2, 17, 33) else self.rng.choice([0, 0, 1, 2, 3, 4, 5, 6, 8, 10, 12])
            cards = []
            for p in range(n):
                cid += self.rng.randint(1, 3)
                who = self.rng.choice(FIRST + [None] * 6)
                cards.append({"id": cid, "title": f"{self.rng.choice(WORDS)} {self.rng.choice(['fix', 'draft', 'review', 'ship'])}",
                              "column": self.rng.choice(["Backlog", "Doing", "Review", "Done"]), "position": p,
                              "labels": self.rng.sample(["bug", "design", "urgent", "docs"], self.rng.randint(0, 2)),
                              "assignee": {"id": FIRST.index(who) + 1, "name": who.title()} if who else None,
                              "due_on": (EPOCH + dt.timedelta(days=self.rng.randint(0, 300))).date().isoformat()
                              if self.rng.random() < .5 else None,
                              "created_at": iso(i * 900 + p * 17)})
            self.cards[bid] = cards

    def counts(self) -> dict[str, Any]:
        return {"tables": {"boards": len(self.boards), "cards": sum(len(c) for c in self.cards.values())}}

    @staticmethod
    def page(rows: list, req: Req) -> Resp:
        page, per = int_arg(req, "page", 1), int_arg(req, "per_page", 10)
        if per < 1 or per > 30:
            return err(400, "per_page must be between 1 and 30")
        if page < 1:
            return err(400, "page must be >= 1")
        pages = -(-len(rows) // per)
        return J(rows[(page - 1) * per: page * per], headers={
            "X-Page": str(page), "X-Per-Page": str(per), "X-Total": str(len(rows)), "X-Total-Pages": str(pages)})

    def handle(self, req: Req) -> Resp:
        if req.header("X-Board-Token") != self.values["board_token"]:
            return err(401, "missing or invalid X-Board-Token")
        if req.path == "/api/boards":
            return self.page(self.boards, req)
        m = re.fullmatch(r"/api/boards/(\d+)/cards", req.path)
        if m and int(m.group(1)) in self.cards:
            return self.page(self.cards[int(m.group(1))], req)
        return err(404, "not found")


# ---------------------------------------------------------------------------------------------- r5-05
class Recruiting(Source):
    """Bearer; page/per_page (cap 20, default 10); rows at result.items, total_pages at result.meta; every
    4th request is 429 with Retry-After: 1; nested candidate and job objects."""
    seed = 505

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["token"] = self.secret("ats_", 30)
        teams = ["engineering", "sales", "support", "finance", "design"]
        self.jobs = [{"id": 400 + i * 3, "title": f"{self.rng.choice(['Senior', 'Junior', 'Lead', ''])} "
                      f"{self.rng.choice(['Engineer', 'Designer', 'Account Exec', 'Analyst', 'Agent'])}".strip(),
                      "team": self.rng.choice(teams), "location": self.rng.choice(["Remote", "Berlin", "Lisbon", "Austin"]),
                      "status": self.rng.choice(["open", "open", "closed"]), "opened_at": iso(i * 3000)}
                     for i in range(23)]
        self.applicants = []
        for i in range(157):
            job = self.rng.choice(self.jobs)
            self.applicants.append({
                "id": 88000 + i * 2 + self.rng.randint(0, 1),
                "candidate": {"first_name": self.rng.choice(FIRST).title(), "last_name": self.rng.choice(LAST).title(),
                              "email": f"cand{i}@mail.test", "location": {"city": self.rng.choice(
                                  ["Porto", "Madrid", "Oslo", "Denver", "Pune"]), "country": self.rng.choice(
                                  ["PT", "ES", "NO", "US", "IN"])}},
                "job": {"id": job["id"], "title": job["title"]},
                "stage": self.rng.choice(["applied", "screen", "interview", "offer", "hired", "rejected"]),
                "source": self.rng.choice(["referral", "careers-page", "linkedin", "agency"]),
                "applied_at": iso(i * 400 + self.rng.randint(0, 300))})

    def counts(self) -> dict[str, Any]:
        return {"tables": {"jobs": len(self.jobs), "applicants": len(self.applicants)}}

    def handle(self, req: Req) -> Resp:
        if req.header("Authorization") != f"Bearer {self.values['token']}":
            return err(401, "invalid or missing bearer token")
        self.requests += 1
        if self.requests % 4 == 0:
            return err(429, "rate limit exceeded, retry later", {"Retry-After": "1"})
        rows = {"/v1/jobs": self.jobs, "/v1/applicants": self.applicants}.get(req.path)
        if rows is None:
            return err(404, "not found")
        page, per = int_arg(req, "page", 1), int_arg(req, "per_page", 10)
        if per < 1 or per > 20:
            return err(400, "per_page must be between 1 and 20")
        if page < 1:
            return err(400, "page must be >= 1")
        pages = -(-len(rows) // per)
        return J({"result": {"items": rows[(page - 1) * per: page * per],
                             "meta": {"page": page, "per_page": per, "total_pages": pages, "total_items": len(rows)}}})


# ---------------------------------------------------------------------------------------------- r5-06
class VetClinic(Source):
    """Authorization: Token <key>; DRF-style count/next/previous/results with an absolute next URL; page_size
    cap 50 (default 20); modified_after; soft deletes (is_deleted: true, 5 before sync 1); second sync:
    6 deleted, 7 changed, 9 new."""
    seed = 506

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["vet_key"] = self.secret("", 40)
        self.pets: dict[int, dict] = {}
        for i in range(118):
            self.add(200 + i * 3 + self.rng.randint(0, 2), iso(i * 170 + self.rng.randint(0, 100)))
        for pid in self.rng.sample(sorted(self.pets), 5):
            self.pets[pid]["is_deleted"] = True

    def add(self, pid: int, when: str) -> None:
        species = self.rng.choice(["dog", "dog", "cat", "cat", "rabbit", "parrot"])
        self.pets[pid] = {"id": pid, "name": self.rng.choice(["Bella", "Max", "Luna", "Milo", "Coco", "Rocky", "Nala",
                                                              "Simba", "Kiwi", "Oscar"]),
                          "species": species, "breed": None if species in ("rabbit", "parrot") else self.rng.choice(
                              ["mixed", "labrador", "siamese", "beagle", "persian"]),
                          "birth_date": (EPOCH - dt.timedelta(days=self.rng.randint(100, 5000))).date().isoformat(),
                          "weight_kg": round(self.rng.uniform(0.3, 40), 1),
                          "owner": {"id": self.rng.randint(1, 60), "name": person(self.rng),
                                    "phone": f"+351 9{self.rng.randint(10000000, 99999999)}"},
                          "is_deleted": False, "modified_at": when}

    def advance(self) -> None:
        alive = sorted(p for p, v in self.pets.items() if not v["is_deleted"])
        picked = self.rng.sample(alive, 13)
        for pid in picked[:6]:
            self.pets[pid].update(is_deleted=True, modified_at=now_iso())
        for pid in picked[6:]:
            self.pets[pid].update(weight_kg=round(self.pets[pid]["weight_kg"] + 0.5, 1), modified_at=now_iso())
        for i in range(9):
            self.add(900 + i, now_iso())

    def counts(self) -> dict[str, Any]:
        if not hasattr(self, "_first"):  # rows are those not deleted at sync 1; later deletions stay, flagged
            self._first = {p for p, v in self.pets.items() if not v["is_deleted"]}
        rows = self._first | {p for p, v in self.pets.items() if not v["is_deleted"]}
        gone = len([p for p in rows if self.pets[p]["is_deleted"]])
        return {"tables": {"pets": len(rows)}, "deleted": {"pets": gone}}

    def handle(self, req: Req) -> Resp:
        if req.header("Authorization") != f"Token {self.values['vet_key']}":
            return err(401, "Authentication credentials were not provided or are invalid.")
        if req.path != "/api/pets":
            return err(404, "not found")
        page, size = int_arg(req, "page", 1), int_arg(req, "page_size", 20)
        if size < 1 or size > 50:
            return err(400, "page_size must be between 1 and 50")
        if page < 1:
            return err(404, "Invalid page.")
        after_text = req.query.get("modified_after", "")
        after = parse_iso(after_text) if after_text else None
        if after_text and after is None:
            return err(400, "modified_after: enter a valid date/time")
        rows = sorted(self.pets.values(), key=lambda p: (p["modified_at"], p["id"]))
        if after:
            rows = [r for r in rows if parse_iso(r["modified_at"]) > after]

        def link(p: int) -> str:
            q = {"page": p, "page_size": size, **({"modified_after": after_text} if after_text else {})}
            return f"{self.base_url}/api/pets/?{urllib.parse.urlencode(q)}"
        more = page * size < len(rows)
        return J({"count": len(rows), "next": link(page + 1) if more else None,
                  "previous": link(page - 1) if page > 1 else None, "results": rows[(page - 1) * size: page * size]})


# ---------------------------------------------------------------------------------------------- r5-07
class CallLogs(Source):
    """Tenant in the path (/t/<tenant>/calls); bearer; date_from/date_to required, inclusive, at most 7 days,
    date_to not in the future; page/page_size (cap 25, default 10) with has_more; string ids; calls before
    the configured start_date exist and must not be synced."""
    seed = 507
    start = dt.date(2025, 1, 1)

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values.update(tenant=f"northwind-{self.rng.randint(100, 999)}", acct_token=self.secret("cd_", 32))
        self.calls, seen = [], set()
        for n, first, days in [(43, dt.date(2024, 11, 20), 42), (297, self.start, 90)]:
            for _ in range(n):
                cid = f"CL{self.rng.randrange(16**10):010X}"
                while cid in seen:
                    cid = f"CL{self.rng.randrange(16**10):010X}"
                seen.add(cid)
                if first < self.start or self.rng.random() > .15:
                    day = first + dt.timedelta(days=self.rng.randrange(days))
                else:  # a busy launch week: many calls in the week of 2025-02-10
                    day = dt.date(2025, 2, 10) + dt.timedelta(days=self.rng.randrange(7))
                t = dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc) + dt.timedelta(
                    seconds=self.rng.randrange(86400))
                who = self.rng.choice(FIRST + [None] * 4)
                self.calls.append({"id": cid, "direction": self.rng.choice(["inbound", "inbound", "outbound"]),
                                   "from_number": f"+1555{self.rng.randint(1000000, 9999999)}",
                                   "to_number": f"+1555{self.rng.randint(1000000, 9999999)}",
                                   "agent": {"id": f"ag-{FIRST.index(who):02d}", "name": who.title()} if who else None,
                                   "started_at": t.strftime("%Y-%m-%dT%H:%M:%SZ"),
                                   "duration_sec": self.rng.randint(0, 1800),
                                   "outcome": self.rng.choice(["answered", "answered", "missed", "voicemail"])})
        self.calls.sort(key=lambda c: (c["started_at"], c["id"]))

    def counts(self) -> dict[str, Any]:
        return {"tables": {"calls": len([c for c in self.calls if c["started_at"][:10] >= self.start.isoformat()])}}

    def handle(self, req: Req) -> Resp:
        if req.header("Authorization") != f"Bearer {self.values['acct_token']}":
            return err(401, "invalid or missing bearer token")
        m = re.fullmatch(r"/t/([^/]+)/calls", req.path)
        if not m or m.group(1) != self.values["tenant"]:
            return err(404, "unknown tenant or path")
        try:
            d_from = dt.date.fromisoformat(req.query["date_from"])
            d_to = dt.date.fromisoformat(req.query["date_to"])
        except (KeyError, ValueError):
            return err(400, "date_from and date_to (YYYY-MM-DD) are required")
        if d_to < d_from:
            return err(400, "date_to must not be before date_from")
        if (d_to - d_from).days > 6:
            return err(400, "date range may cover at most 7 days (date_from and date_to are inclusive)")
        if d_to > dt.datetime.now(dt.timezone.utc).date() + dt.timedelta(days=1):
            return err(400, "date_to must not be in the future")
        page, size = int_arg(req, "page", 1), int_arg(req, "page_size", 10)
        if size < 1 or size > 25:
            return err(400, "page_size must be between 1 and 25")
        if page < 1:
            return err(400, "page must be >= 1")
        rows = [c for c in self.calls if d_from.isoformat() <= c["started_at"][:10] <= d_to.isoformat()]
        return J({"calls": rows[(page - 1) * size: page * size], "page": page, "page_size": size,
                  "has_more": page * size < len(rows)})


# ---------------------------------------------------------------------------------------------- r5-08
class Lms(Source):
    """Api-Key header; top-level arrays; Link header (absolute, rel=next/first/last); per_page cap 50 (default
    25); enrollments have no id: one per (course_id, user_id); users sit in many courses."""
    seed = 508

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["access_key"] = self.secret("lms_", 36)
        self.courses = [{"id": 1000 + i * 7, "code": f"{self.rng.choice(['MATH', 'HIST', 'BIO', 'CS', 'ART'])}-{100 + i}",
                         "name": f"{self.rng.choice(WORDS).title()} studies {i}", "term": self.rng.choice(
                             ["2024-fall", "2025-spring"]), "published": self.rng.random() > .15} for i in range(31)]
        pairs = set()
        while len(pairs) < 260:
            pairs.add((self.rng.choice(self.courses)["id"], 50 + self.rng.randrange(90)))
        self.enrollments = []
        for course_id, user_id in sorted(pairs):
            role = self.rng.choice(["student"] * 8 + ["ta", "teacher"])
            score = round(self.rng.uniform(40, 100), 1) if role == "student" and self.rng.random() > .2 else None
            self.enrollments.append({"course_id": course_id, "user_id": user_id, "role": role,
                                     "state": self.rng.choice(["active", "active", "completed", "invited"]),
                                     "enrolled_at": iso(self.rng.randint(0, 200000)),
                                     "grade": None if score is None else {"current_score": score, "final_grade":
                                                                           self.rng.choice(["A", "B", "C", None])}})

    def counts(self) -> dict[str, Any]:
        return {"tables": {"courses": len(self.courses), "enrollments": len(self.enrollments)}}

    def handle(self, req: Req) -> Resp:
        if req.header("Api-Key") != self.values["access_key"]:
            return err(401, "invalid or missing Api-Key header")
        rows = {"/api/v3/courses": self.courses, "/api/v3/enrollments": self.enrollments}.get(req.path)
        if rows is None:
            return err(404, "not found")
        page, per = int_arg(req, "page", 1), int_arg(req, "per_page", 25)
        if per < 1 or per > 50:
            return err(400, "per_page must be between 1 and 50")
        if page < 1:
            return err(400, "page must be >= 1")
        last = max(1, -(-len(rows) // per))

        def link(p: int) -> str:
            return f"{self.base_url}{req.path}?{urllib.parse.urlencode({'page': p, 'per_page': per})}"
        links = [f'<{link(1)}>; rel="first"', f'<{link(last)}>; rel="last"']
        if page < last:
            links.insert(0, f'<{link(page + 1)}>; rel="next"')
        if page > 1:
            links.insert(0, f'<{link(page - 1)}>; rel="prev"')
        return J(rows[(page - 1) * per: page * per], headers={"Link": ", ".join(links)})


# ---------------------------------------------------------------------------------------------- r5-09
class Listings(Source):
    """Bearer; offset/limit (limit default 10, cap 50; other size names are ignored); rows at data.listings,
    total at data.pagination.total; string ids; nested address/agent; updated_since; second sync 8 updated,
    5 new."""
    seed = 509

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["bearer_token"] = self.secret("re_", 32)
        self.listings: dict[str, dict] = {}
        for i in range(207):
            self.add(f"LST-{10 + i * 4 + self.rng.randint(0, 3):06d}", iso(i * 130 + self.rng.randint(0, 90)))

    def add(self, lid: str, when: str) -> None:
        self.listings[lid] = {
            "id": lid, "title": f"{self.rng.randint(1, 5)}-bed {self.rng.choice(['flat', 'house', 'loft', 'studio'])}",
            "price": self.rng.randrange(90000, 900000, 500), "currency": "EUR", "bedrooms": self.rng.randint(0, 5),
            "status": self.rng.choice(["active", "active", "under_offer", "sold"]),
            "address": {"street": f"{self.rng.randint(1, 200)} {self.rng.choice(WORDS).title()} Rd",
                        "city": self.rng.choice(["Lisbon", "Porto", "Braga", "Faro"]),
                        "zip": f"{self.rng.randint(1000, 9999)}-{self.rng.randint(100, 999)}",
                        "geo": {"lat": round(self.rng.uniform(37, 42), 5), "lng": round(self.rng.uniform(-9.5, -7), 5)}},
            "agent": {"id": self.rng.randint(1, 25), "name": person(self.rng)}, "updated_at": when}

    def advance(self) -> None:
        for lid in self.rng.sample(sorted(self.listings), 8):
            self.listings[lid].update(status="sold", updated_at=now_iso())
        for i in range(5):
            self.add(f"LST-{990001 + i:06d}", now_iso())

    def counts(self) -> dict[str, Any]:
        return {"tables": {"listings": len(self.listings)}}

    def handle(self, req: Req) -> Resp:
        if req.header("Authorization") != f"Bearer {self.values['bearer_token']}":
            return err(401, "invalid or missing bearer token")
        if req.path != "/api/listings":
            return err(404, "not found")
        offset, limit = int_arg(req, "offset", 0), int_arg(req, "limit", 10)
        if limit < 1 or limit > 50:
            return err(400, "limit must be between 1 and 50")
        if offset < 0:
            return err(400, "offset must be >= 0")
        since_text = req.query.get("updated_since", "")
        since = parse_iso(since_text) if since_text else None
        if since_text and since is None:
            return err(400, "updated_since must be an ISO 8601 timestamp")
        rows = sorted(self.listings.values(), key=lambda r: (r["updated_at"], r["id"]))
        if since:
            rows = [r for r in rows if parse_iso(r["updated_at"]) > since]
        return J({"data": {"listings": rows[offset: offset + limit],
                           "pagination": {"offset": offset, "limit": limit, "total": len(rows)}}})


# ---------------------------------------------------------------------------------------------- r5-10
class Fundraising(Source):
    """HTTP basic with the secret key as user name and an empty password (curl -u key:); Laravel-style
    current_page/last_page/next_page_url/data; per_page cap 100 (default 15); nested donor; two tables."""
    seed = 510

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["secret_key"] = self.secret("sk_live_", 24)
        self.campaigns = [{"id": 10 + i, "name": f"{self.rng.choice(WORDS).title()} appeal {2024 + i % 2}",
                           "goal": self.rng.choice([5000, 10000, 25000, 50000]), "currency": "USD",
                           "active": self.rng.random() > .3, "starts_on": (EPOCH + dt.timedelta(days=i * 14)).date()
                           .isoformat()} for i in range(24)]
        self.donations = []
        for i in range(311):
            anon = self.rng.random() < .15
            self.donations.append({"id": 90001 + i, "campaign_id": self.rng.choice(self.campaigns)["id"],
                                   "amount": f"{self.rng.choice([5, 10, 20, 25, 50, 100, 250])}.00", "currency": "USD",
                                   "donor": {"id": 500 + self.rng.randrange(120), "name": None if anon else person(self.rng),
                                             "email": None if anon else f"donor{i}@mail.test", "anonymous": anon},
                                   "recurring": self.rng.random() < .25, "created_at": iso(i * 310 + self.rng.randint(0, 200))})

    def counts(self) -> dict[str, Any]:
        return {"tables": {"campaigns": len(self.campaigns), "donations": len(self.donations)}}

    def handle(self, req: Req) -> Resp:
        auth = req.basic()
        if not auth or auth[0] != self.values["secret_key"]:
            return err(401, "Unauthenticated.", {"WWW-Authenticate": 'Basic realm="api"'})
        rows = {"/v1/campaigns": self.campaigns, "/v1/donations": self.donations}.get(req.path)
        if rows is None:
            return err(404, "not found")
        page, per = int_arg(req, "page", 1), int_arg(req, "per_page", 15)
        if per < 1 or per > 100:
            return err(400, "The per page may not be greater than 100.")
        if page < 1:
            return err(400, "page must be >= 1")
        last = max(1, -(-len(rows) // per))

        def link(p: int) -> str | None:
            return f"{self.base_url}{req.path}?{urllib.parse.urlencode({'page': p, 'per_page': per})}" \
                if 1 <= p <= last else None
        chunk = rows[(page - 1) * per: page * per]
        return J({"current_page": page, "data": chunk, "first_page_url": link(1), "from": (page - 1) * per + 1
                  if chunk else None, "last_page": last, "last_page_url": link(last), "next_page_url": link(page + 1),
                  "path": f"{self.base_url}{req.path}", "per_page": per, "prev_page_url": link(page - 1),
                  "to": (page - 1) * per + len(chunk) if chunk else None, "total": len(rows)})


SOURCES = {"bike_rentals": BikeRentals, "newsletter": Newsletter, "invoicing": Invoicing, "kanban": Kanban,
           "recruiting": Recruiting, "vet_clinic": VetClinic, "call_logs": CallLogs, "lms": Lms,
           "listings": Listings, "fundraising": Fundraising}


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
