"""Local mock HTTP APIs for the rest14 generate-evaluation set (standard library only).

serve(source, workdir) starts one mock on 127.0.0.1 (port 0, daemon thread) and yields an object with
.values (placeholders for the task's request and config) and .advance() (the changes seen by a second sync).
Every mock enforces what its task's request says (auth, page-size caps, pagination, filters) and, where the
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


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def money(rng: random.Random, lo: float, hi: float) -> str:
    return f"{rng.uniform(lo, hi):.2f}"


# ---------------------------------------------------------------------------------------------- r14-01
class Spendly(Source):
    """Bearer; ?page= (1-based) &per_page= (default 20, max 100); body {expenses, page, per_page, next_page}
    with next_page null on the last page; amounts as strings; nulls; nested employee/receipt."""
    seed = 1401

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["token"] = self.secret("spd_", 32)
        employees = [{"id": 300 + i, "name": self.person()[0], "department": self.rng.choice(
            ["sales", "engineering", "ops", None])} for i in range(18)]
        self.expenses = []
        for i in range(212):
            self.expenses.append({
                "id": 70000 + i * 3 + self.rng.randint(0, 2),
                "employee": self.rng.choice(employees),
                "merchant": self.rng.choice(["Uber", "Lufthansa", "Pret", "Staples", "AWS", "Hilton", None]),
                "category": self.rng.choice(["travel", "meals", "office", "software", None]),
                "amount": money(self.rng, 3, 900), "currency": self.rng.choice(["EUR", "USD", "GBP"]),
                "spent_on": day(i // 2), "status": self.rng.choice(["submitted", "approved", "reimbursed", "rejected"]),
                "receipt": None if self.rng.random() < 0.3 else {"file": f"r{i}.pdf", "pages": self.rng.randint(1, 3)},
                "created_at": iso(i * 200), "updated_at": iso(i * 200 + self.rng.randint(0, 4000))})

    def handle(self, req: Req) -> Resp:
        if req.header("Authorization") != f"Bearer {self.values['token']}":
            return err(401, "unauthenticated")
        if req.path != "/api/expenses":
            return err(404, "not found")
        page, per = int_arg(req, "page", 1), int_arg(req, "per_page", 20)
        if per < 1 or per > 100:
            return err(400, "per_page must be between 1 and 100")
        if page < 1:
            return err(400, "page must be >= 1")
        rows = self.expenses[(page - 1) * per: page * per]
        more = page * per < len(self.expenses)
        return J({"expenses": rows, "page": page, "per_page": per, "next_page": page + 1 if more else None})


# ---------------------------------------------------------------------------------------------- r14-02
class Stocklane(Source):
    """X-API-Key; ?limit= (default 20, max 50) &cursor= from next_cursor (null at the end) &updated_since= (ISO,
    inclusive); unknown query parameters are 400; purchase orders with a nested `lines` array whose lines have
    their own ids but no purchase-order id."""
    seed = 1402
    PARAMS = {"limit", "cursor", "updated_since"}

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_key"] = self.secret("slk_", 32)
        self.suppliers = [{"id": 10 + i, "name": f"{w.title()} Supply"} for i, w in enumerate(WORDS[:9])]
        self.pos: dict[int, dict] = {}
        self.next_line = 1
        for i in range(130):
            created = i * 300
            self._po(1001 + i, iso(created), iso(created + self.rng.randint(0, 6000)))

    def _po(self, num: int, created: str, updated: str) -> None:
        lines = []
        for _ in range(self.rng.randint(1, 4)):
            qty, cost = self.rng.randint(1, 40), self.rng.choice([0.85, 4.5, 12.0, 19.99, 64.0])
            lines.append({"id": f"pol_{self.next_line:06d}", "sku": f"{self.rng.choice(WORDS)[:3].upper()}-"
                          f"{self.rng.randint(1, 60):03d}", "qty": qty, "unit_cost": f"{cost:.2f}",
                          "received_qty": self.rng.choice([None, 0, qty])})
            self.next_line += 1
        total = sum(line["qty"] * float(line["unit_cost"]) for line in lines)
        self.pos[num] = {"id": f"po_{num}", "number": f"PO-{num}", "supplier": self.rng.choice(self.suppliers),
                         "status": self.rng.choice(["draft", "sent", "partially_received", "received"]),
                         "currency": "USD", "total": f"{total:.2f}", "expected_on": self.rng.choice([None, day(num % 90)]),
                         "lines": lines, "created_at": created, "updated_at": updated}

    def handle(self, req: Req) -> Resp:
        if req.header("X-API-Key") != self.values["api_key"]:
            return err(401, "invalid or missing X-API-Key")
        if req.path != "/v1/purchase_orders":
            return err(404, "not found")
        unknown = sorted(set(req.query) - self.PARAMS)
        if unknown:
            return err(400, f"unknown query parameter(s): {', '.join(unknown)}; allowed: cursor, limit, updated_since")
        limit = int_arg(req, "limit", 20)
        if limit < 1 or limit > 50:
            return err(400, "limit must be between 1 and 50")
        offset, raw = 0, req.query.get("updated_since") or ""
        if req.query.get("cursor"):
            state = untoken(req.query["cursor"])
            if not isinstance(state, dict) or "o" not in state:
                return err(400, "invalid cursor")
            offset, raw = state["o"], state["u"]
        since = parse_iso(raw) if raw else None
        if raw and since is None:
            return err(400, "updated_since must be an ISO 8601 timestamp")
        rows = [p for _, p in sorted(self.pos.items()) if since is None or parse_iso(p["updated_at"]) >= since]
        more = offset + limit < len(rows)
        return J({"data": rows[offset: offset + limit],
                  "next_cursor": token({"o": offset + limit, "u": raw}) if more else None})

    def advance(self) -> None:
        for num in self.rng.sample(sorted(self.pos), 6):
            self.pos[num].update(status="received", updated_at=now_iso())
        for i in range(8):
            self._po(1131 + i, now_iso(), now_iso())


# ---------------------------------------------------------------------------------------------- r14-03
class Kestrel(Source):
    """HTTP basic (email, API token); top-level arrays; Link header (absolute, rel=next absent on the last page);
    per_page default 30, max 100; updated_since (ISO, inclusive); hard deletes only visible at
    /api/v1/contacts/deleted (same paging, optional `since` on deleted_at)."""
    seed = 1403

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["email"] = "data-team@example.com"
        self.values["api_token"] = self.secret("kst_", 28)
        self.contacts: dict[int, dict] = {}
        self.deleted: list[dict] = []
        for i in range(268):
            self._contact(5000 + i, iso(i * 100), iso(i * 100 + self.rng.randint(0, 8000)))
        for cid in self.rng.sample(sorted(self.contacts), 8):
            self.contacts.pop(cid)
            self.deleted.append({"id": cid, "deleted_at": iso(60000 + cid % 100)})
        self.next_id = 5268

    def _contact(self, cid: int, created: str, updated: str) -> None:
        name, email = self.person()
        self.contacts[cid] = {"id": cid, "name": name, "email": email,
                              "phone": self.rng.choice([None, f"+31 6 {self.rng.randint(10000000, 99999999)}"]),
                              "company": self.rng.choice([None, {"id": 40 + cid % 7, "name": f"{self.rng.choice(WORDS).title()} BV"}]),
                              "lifecycle": self.rng.choice(["lead", "customer", "partner"]),
                              "custom_fields": {"score": str(self.rng.randint(0, 100)), "region": self.rng.choice(["EMEA", "NA", None])},
                              "created_at": created, "updated_at": updated}

    def _page(self, req: Req, rows: list) -> Resp:
        page, per = int_arg(req, "page", 1), int_arg(req, "per_page", 30)
        if per < 1 or per > 100:
            return err(400, "per_page must be between 1 and 100")
        if page < 1:
            return err(400, "page must be >= 1")
        last = max(1, math.ceil(len(rows) / per))
        keep = {k: v for k, v in req.query.items() if k not in ("page", "per_page")}

        def url(p: int) -> str:
            return f"{self.base_url}{req.path}?" + urllib.parse.urlencode({**keep, "page": p, "per_page": per})

        links = [f'<{url(1)}>; rel="first"', f'<{url(last)}>; rel="last"']
        if page < last:
            links.insert(0, f'<{url(page + 1)}>; rel="next"')
        if page > 1:
            links.append(f'<{url(page - 1)}>; rel="prev"')
        return J(rows[(page - 1) * per: page * per], headers={"Link": ", ".join(links)})

    def handle(self, req: Req) -> Resp:
        if req.basic() != (self.values["email"], self.values["api_token"]):
            return err(401, "invalid credentials", {"WWW-Authenticate": 'Basic realm="kestrel"'})
        if req.path == "/api/v1/contacts":
            raw = req.query.get("updated_since") or ""
            since = parse_iso(raw) if raw else None
            if raw and since is None:
                return err(400, "updated_since must be an ISO 8601 timestamp")
            rows = [c for _, c in sorted(self.contacts.items()) if since is None or parse_iso(c["updated_at"]) >= since]
            return self._page(req, rows)
        if req.path == "/api/v1/contacts/deleted":
            raw = req.query.get("since") or ""
            since = parse_iso(raw) if raw else None
            if raw and since is None:
                return err(400, "since must be an ISO 8601 timestamp")
            return self._page(req, [d for d in self.deleted if since is None or parse_iso(d["deleted_at"]) >= since])
        if req.path in ("/api/v1/deals", "/api/v1/users"):
            return self._page(req, [])
        return err(404, "not found")

    def advance(self) -> None:
        picked = self.rng.sample(sorted(self.contacts), 10)
        for cid in picked[:4]:
            self.contacts.pop(cid)
            self.deleted.append({"id": cid, "deleted_at": now_iso()})
        for cid in picked[4:]:
            self.contacts[cid].update(lifecycle="customer", updated_at=now_iso())
        for _ in range(9):
            self._contact(self.next_id, now_iso(), now_iso())
            self.next_id += 1


# ---------------------------------------------------------------------------------------------- r14-04
class Venuely(Source):
    """?token= in the query; offset/limit (default 10, max 25) with total; venues and per-venue rooms at
    /v1/venues/{id}/rooms (two venues have more than 25 rooms); rooms carry no venue id."""
    seed = 1404

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["token"] = self.secret("vnu_", 24)
        cities = ["Lisbon", "Ghent", "Tallinn", "Bologna", "Cork", "Aarhus"]
        self.venues, self.rooms, rid = [], {}, 1
        for i in range(31):
            vid = 200 + i * 5
            self.venues.append({"id": vid, "name": f"{self.rng.choice(WORDS).title()} {self.rng.choice(['Hall', 'Loft', 'House', 'Hub'])}",
                                "city": self.rng.choice(cities), "timezone": "Europe/Lisbon" if i % 6 == 0 else "Europe/Brussels",
                                "address": {"street": f"{self.rng.choice(LAST).title()}straat {self.rng.randint(1, 200)}",
                                            "postcode": str(self.rng.randint(1000, 9999)), "line2": None},
                                "active": self.rng.random() > 0.1})
            count = {3: 31, 17: 44}.get(i, self.rng.randint(0, 6))
            self.rooms[vid] = []
            for n in range(count):
                self.rooms[vid].append({"id": rid, "name": f"Room {n + 1}", "capacity": self.rng.choice([4, 8, 12, 40, 120]),
                                        "hourly_rate": self.rng.choice([None, "25.00", "60.00", "149.50"]),
                                        "amenities": self.rng.sample(["projector", "whiteboard", "video", "kitchen", "stage"],
                                                                     self.rng.randint(0, 3))})
                rid += 1

    def _page(self, req: Req, rows: list) -> Resp:
        offset, limit = int_arg(req, "offset", 0), int_arg(req, "limit", 10)
        if limit < 1 or limit > 25:
            return err(400, "limit must be between 1 and 25")
        if offset < 0:
            return err(400, "offset must be >= 0")
        return J({"results": rows[offset: offset + limit], "total": len(rows), "offset": offset, "limit": limit})

    def handle(self, req: Req) -> Resp:
        if req.query.get("token") != self.values["token"]:
            return err(401, "token missing or invalid")
        parts = req.path.strip("/").split("/")
        if parts == ["v1", "venues"]:
            return self._page(req, self.venues)
        if len(parts) == 4 and parts[:2] == ["v1", "venues"] and parts[3] == "rooms":
            rows = self.rooms.get(int(parts[2])) if parts[2].isdigit() else None
            return err(404, "venue not found") if rows is None else self._page(req, rows)
        return err(404, "not found")


# ---------------------------------------------------------------------------------------------- r14-05
class Fatturino(Source):
    """Bearer; ?page=&page_size= (default 25, max 50) with total_pages; modified_since only as
    'YYYY-MM-DD HH:MM:SS' (inclusive; ISO with T/Z is 400); `deleted` is the string "0" or "1"."""
    seed = 1405
    FMT = "%Y-%m-%d %H:%M:%S"

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_token"] = self.secret("ftt_", 30)
        self.customers: dict[str, dict] = {}
        for i in range(190):
            self._customer(i + 1, (EPOCH + dt.timedelta(hours=i * 5 + self.rng.randint(0, 40))).strftime(self.FMT))
        for cid in self.rng.sample(sorted(self.customers), 6):
            self.customers[cid].update(deleted="1", modified="2024-03-15 09:00:00")
        self.next_n = 191

    def _customer(self, n: int, modified: str) -> None:
        company = f"{self.rng.choice(WORDS).title()} {self.rng.choice(['S.r.l.', 'S.p.A.', 'S.n.c.'])}"
        self.customers[f"C{n:05d}"] = {
            "id": f"C{n:05d}", "ragione_sociale": company, "partita_iva": f"IT{self.rng.randint(10**10, 10**11 - 1)}",
            "email": self.rng.choice([None, f"amministrazione@{self.rng.choice(WORDS)}.it"]),
            "address": {"via": f"Via {self.rng.choice(LAST).title()} {self.rng.randint(1, 99)}",
                        "citta": self.rng.choice(["Milano", "Torino", "Bologna", "Bari"]), "cap": f"{self.rng.randint(10000, 99999)}"},
            "credit_limit": self.rng.choice([None, "1500.00", "5000.00", "0.00"]), "payment_days": str(self.rng.choice([30, 60, 90])),
            "deleted": "0", "modified": modified}

    def handle(self, req: Req) -> Resp:
        if req.header("Authorization") != f"Bearer {self.values['api_token']}":
            return err(401, "token non valido / invalid token")
        if req.path != "/api/v1/customers":
            return err(404, "not found")
        page, size = int_arg(req, "page", 1), int_arg(req, "page_size", 25)
        if size < 1 or size > 50:
            return err(400, "page_size must be between 1 and 50")
        if page < 1:
            return err(400, "page must be >= 1")
        raw = req.query.get("modified_since") or ""
        since = None
        if raw:
            try:
                since = dt.datetime.strptime(raw, self.FMT).strftime(self.FMT)
            except ValueError:
                return err(400, "modified_since: formato non valido, usare YYYY-MM-DD HH:MM:SS")
        rows = [c for _, c in sorted(self.customers.items()) if since is None or c["modified"] >= since]
        return J({"data": rows[(page - 1) * size: page * size], "page": page, "page_size": size,
                  "total_pages": max(1, math.ceil(len(rows) / size)), "total": len(rows)})

    def advance(self) -> None:
        stamp = now().strftime(self.FMT)
        live = [cid for cid, c in sorted(self.customers.items()) if c["deleted"] == "0"]
        picked = self.rng.sample(live, 12)
        for cid in picked[:5]:
            self.customers[cid].update(deleted="1", modified=stamp)
        for cid in picked[5:]:
            self.customers[cid].update(credit_limit="2500.00", modified=stamp)
        for _ in range(10):
            self._customer(self.next_n, stamp)
            self.next_n += 1


# ---------------------------------------------------------------------------------------------- r14-06
class Cartwheel(Source):
    """Api-Key header; offset/limit (default 20, max 100) with has_more; orders with an `items` array whose items
    have no id (sku unique within an order, repeated across orders); string prices; nulls."""
    seed = 1406

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_key"] = self.secret("cw_", 32)
        skus = [f"CW-{w[:4].upper()}-{n}" for w in WORDS[:10] for n in ("S", "M")]
        self.orders = []
        for i in range(240):
            items = [{"sku": sku, "name": sku.replace("-", " ").title(), "quantity": self.rng.randint(1, 4),
                      "price": self.rng.choice(["9.90", "24.00", "59.50", "110.00"]),
                      "discount": self.rng.choice([None, None, "5.00"])}
                     for sku in self.rng.sample(skus, self.rng.randint(1, 3))]
            name, email = self.person()
            self.orders.append({"id": 880000 + i, "order_number": f"#{10400 + i}", "email": email,
                                "financial_status": self.rng.choice(["paid", "pending", "refunded"]),
                                "fulfillment_status": self.rng.choice([None, "fulfilled", "partial"]),
                                "total_price": f"{sum(int(x['quantity']) * float(x['price']) for x in items):.2f}",
                                "currency": "EUR", "shipping_address": None if i % 9 == 0 else {
                                    "name": name, "city": self.rng.choice(["Utrecht", "Gent", "Lille"]),
                                    "country_code": self.rng.choice(["NL", "BE", "FR"])},
                                "items": items, "created_at": iso(i * 180)})
        self.refunds = [{"id": 1 + i, "order_id": 880000 + i * 7, "amount": "10.00"} for i in range(30)]

    def handle(self, req: Req) -> Resp:
        if req.header("Api-Key") != self.values["api_key"]:
            return err(401, "missing or invalid Api-Key header")
        rows = {"/api/orders": self.orders, "/api/refunds": self.refunds}.get(req.path)
        if rows is None:
            return err(404, "not found")
        offset, limit = int_arg(req, "offset", 0), int_arg(req, "limit", 20)
        if limit < 1 or limit > 100:
            return err(400, "limit must be between 1 and 100")
        if offset < 0:
            return err(400, "offset must be >= 0")
        return J({"orders" if req.path == "/api/orders" else "refunds": rows[offset: offset + limit],
                  "has_more": offset + limit < len(rows)})


# ---------------------------------------------------------------------------------------------- r14-07
class Assetto(Source):
    """HTTP basic (service user); Django REST framework paging: ?page=&page_size= (default 25, max 100),
    body {count, next (absolute, keeps the filters), previous, results}; modified__gte (ISO, inclusive)."""
    seed = 1407

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["username"] = "svc_fivetran"
        self.values["password"] = self.secret("", 20)
        self.people = [{"id": 1 + i, "username": self.person()[1].split("@")[0]} for i in range(30)]
        self.assets: dict[int, dict] = {}
        for i in range(275):
            self._asset(1 + i, (EPOCH + dt.timedelta(minutes=i * 97, microseconds=self.rng.randint(0, 999999))))
        self.next_id = 276

    def _asset(self, aid: int, modified: dt.datetime) -> None:
        kind = self.rng.choice(["laptop", "monitor", "phone", "dock", "licence"])
        self.assets[aid] = {"id": aid, "asset_tag": f"AST-{aid:05d}", "kind": kind,
                            "model": f"{self.rng.choice(WORDS).title()} {self.rng.randint(1, 9)}",
                            "serial": None if kind == "licence" else self.secret("", 10).upper(),
                            "assigned_to": self.rng.choice([None] + self.people),
                            "purchase_cost": self.rng.choice([None, "1299.00", "249.99", "89.00"]),
                            "tags": self.rng.sample(["finance", "remote", "loaner", "byod"], self.rng.randint(0, 2)),
                            "retired": False,
                            "modified": modified.strftime("%Y-%m-%dT%H:%M:%S.%fZ")}

    def handle(self, req: Req) -> Resp:
        if req.basic() != (self.values["username"], self.values["password"]):
            return err(401, "Invalid username/password.", {"WWW-Authenticate": 'Basic realm="api"'})
        if req.path != "/api/assets":
            return err(404, "Not found.")
        page, size = int_arg(req, "page", 1), int_arg(req, "page_size", 25)
        if size < 1 or size > 100:
            return err(400, "page_size must be between 1 and 100")
        raw = req.query.get("modified__gte") or ""
        since = parse_iso(raw) if raw else None
        if raw and since is None:
            return err(400, "modified__gte: Enter a valid date/time.")
        rows = [a for _, a in sorted(self.assets.items()) if since is None or parse_iso(a["modified"]) >= since]
        last = max(1, math.ceil(len(rows) / size))
        if page < 1 or page > last:
            return err(404, "Invalid page.")
        keep = {k: v for k, v in req.query.items() if k != "page"}

        def url(p: int) -> str:
            return f"{self.base_url}/api/assets/?" + urllib.parse.urlencode({**keep, "page": p})

        return J({"count": len(rows), "next": url(page + 1) if page < last else None,
                  "previous": url(page - 1) if page > 1 else None, "results": rows[(page - 1) * size: page * size]})

    def advance(self) -> None:
        for aid in self.rng.sample(sorted(self.assets), 12):
            self.assets[aid].update(assigned_to=None, modified=now().strftime("%Y-%m-%dT%H:%M:%S.%fZ"))
        for _ in range(7):
            self._asset(self.next_id, now())
            self.next_id += 1


# ---------------------------------------------------------------------------------------------- r14-08
class Surveyhub(Source):
    """?access_token= in the query; top-level arrays; Link header (absolute) whose URLs do NOT carry the
    access_token; per_page default 10, max 50; surveys and responses (nested answers, respondent may be null)."""
    seed = 1408

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["access_token"] = self.secret("sh_", 36)
        self.surveys = [{"id": 600 + i, "title": f"{self.rng.choice(WORDS).title()} {self.rng.choice(['NPS', 'onboarding', 'exit', 'pulse'])} survey",
                         "status": self.rng.choice(["draft", "live", "closed"]), "question_count": self.rng.randint(3, 12),
                         "created_at": iso(i * 1440)} for i in range(58)]
        self.responses = []
        for i in range(413):
            sv = self.rng.choice(self.surveys)
            self.responses.append({"id": f"rsp_{i + 1:05d}", "survey_id": sv["id"],
                                   "respondent": None if self.rng.random() < 0.25 else {"email": self.person()[1]},
                                   "score": self.rng.choice([None] + [str(n) for n in range(11)]),
                                   "answers": [{"question": q, "value": self.rng.choice(["yes", "no", "3", "4", None])}
                                               for q in range(1, self.rng.randint(2, 5))],
                                   "submitted_at": iso(i * 311)})

    def handle(self, req: Req) -> Resp:
        if req.query.get("access_token") != self.values["access_token"]:
            return err(401, "access_token missing or invalid")
        rows = {"/api/v1/surveys": self.surveys, "/api/v1/responses": self.responses}.get(req.path)
        if rows is None:
            return err(404, "not found")
        page, per = int_arg(req, "page", 1), int_arg(req, "per_page", 10)
        if per < 1 or per > 50:
            return err(400, "per_page must be between 1 and 50")
        if page < 1:
            return err(400, "page must be >= 1")
        last = max(1, math.ceil(len(rows) / per))
        url = lambda p: f"{self.base_url}{req.path}?page={p}&per_page={per}"  # noqa: E731
        links = []
        if page < last:
            links += [f'<{url(page + 1)}>; rel="next"', f'<{url(last)}>; rel="last"']
        if page > 1:
            links += [f'<{url(1)}>; rel="first"', f'<{url(page - 1)}>; rel="prev"']
        return J(rows[(page - 1) * per: page * per], headers={"Link": ", ".join(links)} if links else None)


# ---------------------------------------------------------------------------------------------- r14-09
class Rentwise(Source):
    """X-Auth-Token; Spring Data paging: ?page= (0-based) &size= (default 20, max 50), body {content, number, size,
    totalElements, totalPages, first, last}; properties and per-property units (one property has 57 units)."""
    seed = 1409

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["auth_token"] = self.secret("", 40)
        self.properties, self.units, self.next_unit = [], {}, 9001
        for i in range(73):
            self._property(31 + i, {12: 57}.get(i, self.rng.randint(0, 9)))

    def _property(self, pid: int, units: int) -> None:
        self.properties.append({"id": pid, "name": f"{self.rng.choice(WORDS).title()} {self.rng.choice(['Court', 'Residences', 'Lofts'])}",
                                "type": self.rng.choice(["RESIDENTIAL", "COMMERCIAL", "MIXED"]),
                                "address": {"line1": f"{self.rng.randint(1, 400)} {self.rng.choice(LAST).title()} St",
                                            "city": self.rng.choice(["Leeds", "Bristol", "Cardiff"]), "postcode": None},
                                "yearBuilt": self.rng.choice([None, 1910, 1968, 2004, 2019])})
        self.units[pid] = []
        for _ in range(units):
            self._unit(pid)

    def _unit(self, pid: int) -> None:
        self.units[pid].append({"id": self.next_unit, "label": f"{self.rng.randint(1, 12)}{self.rng.choice('ABCD')}",
                                "bedrooms": self.rng.choice([0, 1, 2, 3]), "rentPcm": self.rng.choice([None, "850.00", "1200.00", "1675.50"]),
                                "occupied": self.rng.random() > 0.2,
                                "lease": None if self.rng.random() < 0.3 else {"start": day(self.rng.randint(0, 300)), "months": 12}})
        self.next_unit += 1

    def _page(self, req: Req, rows: list) -> Resp:
        page, size = int_arg(req, "page", 0), int_arg(req, "size", 20)
        if size < 1 or size > 50:
            return err(400, "size must be between 1 and 50")
        if page < 0:
            return err(400, "page must be >= 0")
        total_pages = math.ceil(len(rows) / size)
        return J({"content": rows[page * size: (page + 1) * size], "number": page, "size": size,
                  "totalElements": len(rows), "totalPages": total_pages, "first": page == 0,
                  "last": page >= total_pages - 1, "empty": not rows[page * size: (page + 1) * size]})

    def handle(self, req: Req) -> Resp:
        if req.header("X-Auth-Token") != self.values["auth_token"]:
            return J({"timestamp": now_iso(), "status": 401, "error": "Unauthorized", "path": req.path}, 401)
        parts = req.path.strip("/").split("/")
        if parts == ["api", "properties"]:
            return self._page(req, self.properties)
        if len(parts) == 4 and parts[:2] == ["api", "properties"] and parts[3] == "units":
            rows = self.units.get(int(parts[2])) if parts[2].isdigit() else None
            return err(404, "property not found") if rows is None else self._page(req, rows)
        return err(404, "not found")

    def advance(self) -> None:
        for pid in (104, 105):
            self._property(pid, 3)
        for p in self.rng.sample([p["id"] for p in self.properties[:73]], 4):
            self._unit(p)


# ---------------------------------------------------------------------------------------------- r14-10
class Dealflow(Source):
    """Bearer; HubSpot-like: ?limit= (default 10, max 100) &after= from paging.next.after (paging absent at the
    end); updatedAfter (ISO, inclusive); archived deals are listed only with archived=true; string ids and
    string property values."""
    seed = 1410

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["access_token"] = self.secret("df-pat-", 36)
        self.deals: dict[int, dict] = {}
        for i in range(244):
            t = EPOCH + dt.timedelta(minutes=i * 131)
            self._deal(4_100_000 + i * 13, t, t + dt.timedelta(minutes=self.rng.randint(0, 9000)))
        for did in self.rng.sample(sorted(self.deals), 9):
            self.deals[did].update(archived=True, archivedAt="2024-04-01T00:00:00.000Z", updatedAt="2024-04-01T00:00:00.000Z")
        self.next_id = 4_200_000

    @staticmethod
    def _ts(t: dt.datetime) -> str:
        return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"

    def _deal(self, did: int, created: dt.datetime, updated: dt.datetime) -> None:
        self.deals[did] = {"id": str(did), "properties": {
            "dealname": f"{self.rng.choice(WORDS).title()} - {self.rng.choice(['renewal', 'new business', 'upsell'])}",
            "amount": self.rng.choice([None, "1200.50", "15000", "480.00"]),
            "dealstage": self.rng.choice(["appointmentscheduled", "qualifiedtobuy", "closedwon", "closedlost"]),
            "pipeline": "default", "closedate": self.rng.choice([None, self._ts(updated)]),
            "hubspot_owner_id": self.rng.choice([None, "5512", "5519"])},
            "createdAt": self._ts(created), "updatedAt": self._ts(updated), "archived": False}

    def handle(self, req: Req) -> Resp:
        if req.header("Authorization") != f"Bearer {self.values['access_token']}":
            return err(401, "Authentication credentials not found")
        if req.path != "/crm/v1/deals":
            return err(404, "not found")
        limit = int_arg(req, "limit", 10)
        if limit < 1 or limit > 100:
            return err(400, "limit must be between 1 and 100")
        archived = (req.query.get("archived") or "false").lower()
        if archived not in ("true", "false"):
            return err(400, "archived must be true or false")
        raw = req.query.get("updatedAfter") or ""
        since = parse_iso(raw) if raw else None
        if raw and since is None:
            return err(400, "updatedAfter must be an ISO 8601 timestamp")
        rows = [d for _, d in sorted(self.deals.items()) if d["archived"] == (archived == "true")
                and (since is None or parse_iso(d["updatedAt"]) >= since)]
        after = req.query.get("after") or ""
        if after:
            if not after.isdigit():
                return err(400, "invalid after")
            rows = [d for d in rows if int(d["id"]) > int(after)]
        body: dict = {"results": rows[:limit]}
        if len(rows) > limit:
            nxt = rows[limit - 1]["id"]
            keep = {k: v for k, v in req.query.items() if k != "after"}
            link = f"{self.base_url}/crm/v1/deals?" + urllib.parse.urlencode({**keep, "after": nxt, "limit": limit})
            body["paging"] = {"next": {"after": nxt, "link": link}}
        return J(body)

    def advance(self) -> None:
        stamp = self._ts(now())
        live = [d for d, x in sorted(self.deals.items()) if not x["archived"]]
        picked = self.rng.sample(live, 14)
        for did in picked[:6]:
            self.deals[did].update(archived=True, archivedAt=stamp, updatedAt=stamp)
        for did in picked[6:]:
            self.deals[did]["properties"]["dealstage"] = "closedwon"
            self.deals[did]["updatedAt"] = stamp
        for _ in range(11):
            self._deal(self.next_id, now(), now())
            self.deals[self.next_id]["updatedAt"] = stamp
            self.next_id += 7


SOURCES = {"spendly": Spendly, "stocklane": Stocklane, "kestrel": Kestrel, "venuely": Venuely,
           "fatturino": Fatturino, "cartwheel": Cartwheel, "assetto": Assetto, "surveyhub": Surveyhub,
           "rentwise": Rentwise, "dealflow": Dealflow}


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
