"""Local mock HTTP APIs for the rest13 generate-evaluation set (standard library only).

serve(source, workdir) starts one mock on 127.0.0.1 (port 0, daemon thread) and yields an object with
.values (placeholders for the task's request and config) and .advance() (the changes seen by a second sync).
Every mock enforces auth and its API's rules (page-size caps, cursor and filter formats) with 401/400, and serves
seeded, messy data: fields that are null or missing, nested objects several levels deep, lists of scalars, numbers
and booleans sent as strings, ids that are strings in one endpoint and integers in another, timestamps in several
formats, empty pages and `null` collections, wrappers and records keys that differ per endpoint, keys other than
`id`, long unicode text. Row counts are exact.
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
UNICODE_NAMES = ["Zoë Ångström", "José Núñez", "Łukasz Wróbel", "Søren Kierkegård", "Ayşe Yılmaz", "Nguyễn Văn An",
                 "Χρήστος Παπαδόπουλος", "Иван Петров", "山田 太郎", "김민준", "محمد علي", "François Lefèvre"]
WORDS = ["alpha", "bolt", "cedar", "delta", "ember", "fjord", "granite", "harbor", "iris", "juniper", "kepler",
         "lumen", "maple", "nova", "onyx", "prism", "quartz", "raven", "sierra", "tundra", "umber", "vertex"]
EPOCH = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
ALNUM = "abcdefghijkmnpqrstuvwxyz23456789"
HEX = "0123456789abcdef"


def at(minutes: float) -> dt.datetime:
    return EPOCH + dt.timedelta(minutes=minutes)


def iso(minutes: float) -> str:
    return at(minutes).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_offset(minutes: float, offset_minutes: int) -> str:
    """The same instant written in a local offset, e.g. 2024-03-05T12:00:00+02:00."""
    tz = dt.timezone(dt.timedelta(minutes=offset_minutes))
    return at(minutes).astimezone(tz).isoformat()


def day(days: float) -> str:
    return (EPOCH + dt.timedelta(days=days)).strftime("%Y-%m-%d")


def ms(minutes: float) -> int:
    return int(at(minutes).timestamp() * 1000)


def unix(minutes: float) -> int:
    return int(at(minutes).timestamp())


def now_minutes() -> float:
    """Changes made by advance() happen 'now' (minutes after EPOCH), so a connector may keep either the newest
    timestamp it saw or the time its sync started as its cursor."""
    return (dt.datetime.now(dt.timezone.utc) - EPOCH).total_seconds() / 60


def parse_iso_strict(text: str) -> dt.datetime | None:
    """RFC 3339 with a Z or an offset; anything else (a space where '+' was, no zone, a number) is None."""
    try:
        value = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if value.tzinfo is None or " " in text.strip():
        return None
    return value


class Req:
    def __init__(self, method: str, raw_path: str, headers: Any, body: bytes):
        parts = urllib.parse.urlsplit(raw_path)
        self.method, self.path, self.headers, self.body = method, parts.path.rstrip("/") or "/", headers, body
        self.query = {k: v[-1] for k, v in urllib.parse.parse_qs(parts.query, keep_blank_values=True).items()}

    def header(self, name: str) -> str:
        return self.headers.get(name) or ""


Resp = tuple  # (status, headers, body bytes)


def J(obj: Any, status: int = 200, headers: dict | None = None) -> Resp:
    return status, {"Content-Type": "application/json; charset=utf-8", **(headers or {})}, \
        json.dumps(obj, ensure_ascii=False).encode("utf-8")


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

    def secret(self, prefix: str, n: int = 24, alphabet: str = ALNUM) -> str:
        return prefix + "".join(self.rng.choice(alphabet) for _ in range(n))

    def person(self) -> tuple[str, str]:
        first, last = self.rng.choice(FIRST), self.rng.choice(LAST)
        return f"{first.title()} {last.title()}", f"{first}.{last}{self.rng.randint(1, 99)}@example.com"

    def uuid(self) -> str:
        h = self.secret("", 32, HEX)
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"

    def handle(self, req: Req) -> Resp:
        raise NotImplementedError

    def advance(self) -> None:
        pass


# ---------------------------------------------------------------------------------------------- r13-01
class Tallybook(Source):
    """Bearer; page/per_page (default 20, max 100) with meta.total_pages; contacts keyed by `uuid` (no `id`);
    company null or a nested object; email/phone sometimes missing; tags a list of scalars."""
    seed = 1301

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_token"] = self.secret("tb_", 32)
        companies = [{"id": 5000 + i, "name": f"{w.title()} {s}", "domain": f"{w}.example.com",
                      "address": {"city": self.rng.choice(["Lisbon", "Oslo", "Graz", None]), "country": "PT"}}
                     for i, (w, s) in enumerate(zip(WORDS, ["Labs", "GmbH", "Ltd", "AB", "SA"] * 5))]
        self.contacts = []
        for i in range(173):
            name, email = self.person()
            c: dict[str, Any] = {"uuid": self.uuid(), "first_name": name.split()[0], "last_name": name.split()[1]}
            if self.rng.random() > 0.12:
                c["email"] = email
            roll = self.rng.random()
            if roll < 0.3:
                c["phone"] = None
            elif roll < 0.8:
                c["phone"] = f"+351 9{self.rng.randint(10000000, 99999999)}"
            c["company"] = None if self.rng.random() < 0.27 else self.rng.choice(companies)
            c["tags"] = self.rng.sample(["lead", "vip", "newsletter", "partner", "churn-risk"], self.rng.randint(0, 3))
            c["created_at"] = iso(i * 97)
            self.contacts.append(c)

    def handle(self, req: Req) -> Resp:
        if req.header("Authorization") != f"Bearer {self.values['api_token']}":
            return err(401, "missing or invalid bearer token")
        if req.path != "/api/contacts":
            return err(404, "not found")
        page, per = int_arg(req, "page", 1), int_arg(req, "per_page", 20)
        if per < 1 or per > 100:
            return err(400, "per_page must be between 1 and 100")
        if page < 1:
            return err(400, "page must be a positive integer")
        total = len(self.contacts)
        return J({"data": self.contacts[(page - 1) * per: page * per],
                  "meta": {"page": page, "per_page": per, "total": total, "total_pages": math.ceil(total / per)}})


# ---------------------------------------------------------------------------------------------- r13-02
class Shopwise(Source):
    """X-Shopwise-Key; cursor paging where next_cursor is "" (not null) on the last page and an empty cursor is a
    400; limit default 25, max 50; `items` null on cancelled orders and missing on drafts; numbers as strings."""
    seed = 1302

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_key"] = self.secret("sw_live_", 28)
        products = [("Café crème beans 1 kg", "24.90"), ("Teekanne „Grün“", "9.50"), ("Mug — matte black", "14.00"),
                    ("Pour-over kettle", "39.00"), ("Filter papers ×100", "4.20"), ("Espresso cups (2)", "18.00"),
                    ("Grinder Ø 64mm", "189.00")]
        self.orders = []
        item_id = 70001
        for i in range(137):
            status = self.rng.choice(["paid", "paid", "fulfilled", "fulfilled", "cancelled", "draft"])
            name, email = self.person()
            order: dict[str, Any] = {"id": 300100 + i, "number": f"SW-{10400 + i}", "status": status,
                                     "customer": None if self.rng.random() < 0.15 else
                                     {"id": 900 + self.rng.randint(0, 60), "email": email, "name": name},
                                     "currency": "EUR", "created_at": iso(i * 211)}
            if status == "cancelled":
                order["items"] = None
                order["total"] = "0.00"
            elif status != "draft":
                items, total = [], 0.0
                for _ in range(self.rng.randint(1, 4)):
                    title, price = self.rng.choice(products)
                    qty = self.rng.randint(1, 3)
                    total += qty * float(price)
                    items.append({"id": item_id, "sku": f"SKU-{self.rng.randint(100, 999)}", "title": title,
                                  "quantity": str(qty), "unit_price": price,
                                  "discount": None if self.rng.random() < 0.7 else "2.00"})
                    item_id += 1
                order["items"] = items
                order["total"] = f"{total:.2f}"
            else:
                order["total"] = None
            self.orders.append(order)

    def handle(self, req: Req) -> Resp:
        if req.header("X-Shopwise-Key") != self.values["api_key"]:
            return err(401, "invalid or missing X-Shopwise-Key")
        if req.path != "/v2/orders":
            return err(404, "not found")
        limit = int_arg(req, "limit", 25)
        if limit < 1 or limit > 50:
            return err(400, "limit must be between 1 and 50")
        offset = 0
        if "cursor" in req.query:
            state = untoken(req.query["cursor"]) if req.query["cursor"] else None
            if not isinstance(state, dict) or "o" not in state:
                return err(400, "invalid cursor")
            offset = state["o"]
        nxt = token({"o": offset + limit}) if offset + limit < len(self.orders) else ""
        return J({"orders": self.orders[offset: offset + limit], "next_cursor": nxt})


# ---------------------------------------------------------------------------------------------- r13-03
class Beacon(Source):
    """Bearer; page/per_page (default 25, max 100) with has_more; `created`/`updated` in epoch milliseconds,
    `updated` null until a ticket is first modified; `updated_since` must be epoch ms (coalesce(updated, created)
    >= value); due_date date-only or null; closed_at ISO with an offset or null."""
    seed = 1303

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_key"] = self.secret("bcn_", 30)
        self.agents = [{"id": 40 + i, "name": self.person()[0], "team": {"id": 7 + i % 3, "name": ["L1", "L2", "Billing"][i % 3]}}
                       for i in range(8)]
        self.tickets: dict[int, dict] = {}
        for i in range(212):
            created = i * 180
            updated = None if self.rng.random() < 0.4 else created + self.rng.randint(5, 4000)
            self._ticket(6100 + i, created, updated)
        self.next_id = 6312

    def _ticket(self, tid: int, created: float, updated: float | None) -> None:
        status = self.rng.choice(["open", "pending", "solved", "closed"])
        self.tickets[tid] = {
            "id": tid, "subject": f"{self.rng.choice(WORDS).title()} {self.rng.choice(['outage', 'invoice', 'login', 'export'])}",
            "status": status, "priority": self.rng.choice(["low", "normal", "high", None]),
            "created": ms(created), "updated": None if updated is None else ms(updated),
            "due_date": None if self.rng.random() < 0.5 else day(created / 1440 + self.rng.randint(1, 14)),
            "closed_at": iso_offset(created + 3000, self.rng.choice([0, 60, 120, -300, 330])) if status == "closed" else None,
            "assignee": None if self.rng.random() < 0.3 else self.rng.choice(self.agents)}

    def handle(self, req: Req) -> Resp:
        if req.header("Authorization") != f"Bearer {self.values['api_key']}":
            return err(401, "unauthorized")
        if req.path != "/v1/tickets":
            return err(404, "not found")
        page, per = int_arg(req, "page", 1), int_arg(req, "per_page", 25)
        if per < 1 or per > 100:
            return err(400, "per_page must be between 1 and 100")
        if page < 1:
            return err(400, "page must be >= 1")
        raw = req.query.get("updated_since")
        since = None
        if raw is not None:
            if not raw.isdigit() or int(raw) < 10 ** 12:
                return err(400, "updated_since must be a Unix timestamp in milliseconds")
            since = int(raw)
        rows = [t for _, t in sorted(self.tickets.items())
                if since is None or (t["updated"] if t["updated"] is not None else t["created"]) >= since]
        return J({"tickets": rows[(page - 1) * per: page * per], "page": page, "has_more": page * per < len(rows)})

    def advance(self) -> None:
        now = now_minutes()
        for tid in self.rng.sample(sorted(self.tickets), 8):
            self.tickets[tid].update(status="solved", updated=ms(now))
        for _ in range(6):
            self._ticket(self.next_id, now, None)
            self.next_id += 1


# ---------------------------------------------------------------------------------------------- r13-04
class Kassa(Source):
    """?token= in the query; {"status": "ok", "result": {"items": [...], "page": n, "pages": "6", "count": "117"}}
    (pages and count are strings); page/limit (default 20, max 100), pages past the end are empty; `refunded` is the
    string "true"/"false"; totals are strings; created is a naive local time with a space."""
    seed = 1304

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["token"] = self.secret("", 40, HEX)
        stores = [{"id": 11, "name": "Kassa Mitte"}, {"id": 12, "name": "Kassa Süd"}, {"id": 14, "name": "Kiosk Bahnhof"}]
        goods = [("Brötchen", "0.45"), ("Kaffee groß", "3.20"), ("Brezel", "1.10"), ("Apfelschorle", "2.50"),
                 ("Käsekuchen", "3.90"), ("Croissant", "1.60")]
        self.receipts = []
        line_id = 1
        for i in range(263):
            lines, total = [], 0.0
            for n in range(self.rng.randint(1, 5)):
                product, price = self.rng.choice(goods)
                qty = self.rng.randint(1, 4)
                total += qty * float(price)
                lines.append({"id": line_id, "product": product, "qty": str(qty), "price": price})
                line_id += 1
            self.receipts.append({"id": 880000 + i, "number": f"B-{2024}-{i + 1:05d}", "store": self.rng.choice(stores),
                                  "cashier": self.rng.choice(["Jana", "Mehmet", "Olga", "Piotr"]),
                                  "total": f"{total:.2f}", "refunded": "true" if self.rng.random() < 0.14 else "false",
                                  "paid_with": self.rng.choice(["cash", "card", "card", None]),
                                  "created": at(i * 53).strftime("%Y-%m-%d %H:%M:%S"), "lines": lines})

    def handle(self, req: Req) -> Resp:
        if req.query.get("token") != self.values["token"]:
            return J({"status": "error", "message": "token ungültig / invalid token"}, 401)
        if req.path != "/api/v1/receipts":
            return J({"status": "error", "message": "not found"}, 404)
        page, limit = int_arg(req, "page", 1), int_arg(req, "limit", 20)
        if limit < 1 or limit > 100:
            return J({"status": "error", "message": "limit max 100"}, 400)
        if page < 1:
            return J({"status": "error", "message": "page must be >= 1"}, 400)
        pages = math.ceil(len(self.receipts) / limit)
        if page > pages + 1:
            return J({"status": "error", "message": f"page {page} out of range (pages: {pages})"}, 400)
        return J({"status": "ok", "result": {"items": self.receipts[(page - 1) * limit: page * limit], "page": page,
                                             "pages": str(pages), "count": str(len(self.receipts))}})


# ---------------------------------------------------------------------------------------------- r13-05
LONG_ANSWER = ("Honestly the onboarding was great — the trainer (Zoë) explained everything twice 🙏. "
               "But the mobile app crashes when I switch to Ελληνικά or 日本語, and the export to Excel mangles "
               "umlauts (Müller → MÃ¼ller). ")


class Fieldnote(Source):
    """Authorization: Token <key>; /api/forms -> {"forms": [...], "next_page": n|null} (10 a page);
    /api/submissions -> {"result": {"submissions": [...], "next_page": n|null}} (50 a page); submissions keyed by
    `submission_id` (no `id`), form_id a string while forms' id is an integer; answers hold long unicode text and
    lists of scalars; respondent null for anonymous forms."""
    seed = 1305

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_key"] = self.secret("fn_", 36)
        titles = ["Encuesta de satisfacción", "顧客アンケート", "NPS Q1", "Onboarding feedback", "Événement Paris",
                  "Kundenumfrage Ü50", "Beta signup", "Exit survey", "Workshop — day 2", "Churn interview",
                  "Ürün geri bildirimi", "Опрос сотрудников"]
        self.forms = [{"id": 120 + i * 3, "title": titles[i % len(titles)] + ("" if i < len(titles) else f" #{i}"),
                       "anonymous": i % 4 == 0, "created_at": iso(i * 1200),
                       "questions": self.rng.randint(3, 12)} for i in range(23)]
        self.subs = []
        for i in range(412):
            form = self.rng.choice(self.forms)
            name = self.rng.choice(UNICODE_NAMES)
            answers: dict[str, Any] = {"score": self.rng.choice([None, 0, 3, 7, 9, 10]),
                                       "channels": self.rng.sample(["email", "chat", "phone", "app"], self.rng.randint(0, 3))}
            if self.rng.random() < 0.3:
                answers["comment"] = LONG_ANSWER * self.rng.randint(5, 60)
            elif self.rng.random() < 0.5:
                answers["comment"] = self.rng.choice(["👍", "ok", "Très bien !", "", "変わりません"])
            self.subs.append({"submission_id": f"s_{self.secret('', 16)}", "form_id": str(form["id"]),
                              "submitted_at": iso(i * 41 + 30),
                              "respondent": None if form["anonymous"] else
                              {"name": name, "email": None if self.rng.random() < 0.2 else f"r{i}@example.org"},
                              "answers": answers})

    def handle(self, req: Req) -> Resp:
        if req.header("Authorization") != f"Token {self.values['api_key']}":
            return err(401, "Authentication credentials were not provided or are invalid.")
        page = int_arg(req, "page", 1)
        if page < 1:
            return err(400, "page must be >= 1")
        if "page_size" in req.query or "per_page" in req.query or "limit" in req.query:
            return err(400, "page size is fixed; remove page_size/per_page/limit")
        if req.path == "/api/forms":
            rows, size = self.forms, 10
            more = page * size < len(rows)
            return J({"forms": rows[(page - 1) * size: page * size], "next_page": page + 1 if more else None})
        if req.path == "/api/submissions":
            rows, size = self.subs, 50
            more = page * size < len(rows)
            return J({"result": {"submissions": rows[(page - 1) * size: page * size],
                                 "next_page": page + 1 if more else None}})
        return err(404, "not found")


# ---------------------------------------------------------------------------------------------- r13-06
class Rostr(Source):
    """X-Api-Key; offset/limit (default 25, max 100) with total; keyed by employee_number (a zero-padded string, no
    `id`); skills a list of strings, null for some, missing for contractors; manager null or nested."""
    seed = 1306

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_key"] = self.secret("rs_", 32)
        skills = ["forklift", "first aid", "SAP", "Excel", "German B2", "HACCP", "welding", "customer service"]
        self.employees = []
        numbers = sorted(self.rng.sample(range(1, 2000), 243))
        for n in numbers:
            name, email = self.person()
            kind = self.rng.choice(["employee"] * 5 + ["contractor"])
            e: dict[str, Any] = {"employee_number": f"{n:06d}", "name": name, "email": email, "type": kind,
                                 "department": {"code": self.rng.choice(["OPS", "HR", "FIN", "LOG"]),
                                                "site": {"name": self.rng.choice(["Hamburg", "Kraków", "Łódź"]),
                                                         "country": self.rng.choice(["DE", "PL"])}},
                                 "hourly_rate": self.rng.choice([None, "18.50", "21", "24.75"]),
                                 "hired_on": day(-self.rng.randint(0, 3000))}
            if kind != "contractor":
                e["skills"] = None if self.rng.random() < 0.15 else self.rng.sample(skills, self.rng.randint(0, 4))
            e["manager"] = None if self.rng.random() < 0.2 else {"employee_number": f"{self.rng.choice(numbers[:20]):06d}"}
            self.employees.append(e)

    def handle(self, req: Req) -> Resp:
        if req.header("X-Api-Key") != self.values["api_key"]:
            return err(401, "invalid X-Api-Key")
        if req.path != "/api/employees":
            return err(404, "not found")
        offset, limit = int_arg(req, "offset", 0), int_arg(req, "limit", 25)
        if limit < 1 or limit > 100:
            return err(400, "limit must be between 1 and 100")
        if offset < 0:
            return err(400, "offset must be >= 0")
        return J({"employees": self.employees[offset: offset + limit], "total": len(self.employees),
                  "offset": offset, "limit": limit})


# ---------------------------------------------------------------------------------------------- r13-07
class Ledgerline(Source):
    """Bearer; Stripe-like list where has_more only says the page was full (an exactly full last page is followed
    by an empty one); limit default 10, max 100; starting_after must be a known id; amounts are strings in cents,
    fee null or a string; created epoch seconds; value_date date-only. New transactions append (ids ascending)."""
    seed = 1307

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_key"] = self.secret("ll_sk_", 30)
        self.txns: list[dict] = []
        for i in range(300):
            self._txn(i * 130)

    def _txn(self, minutes: float) -> None:
        n = len(self.txns) + 1
        cents = self.rng.choice([-1, 1, 1]) * self.rng.randint(50, 250000)
        self.txns.append({"id": f"txn_{n:08d}", "object": "transaction", "amount": str(cents), "currency": "EUR",
                          "fee": None if self.rng.random() < 0.6 else str(self.rng.randint(5, 90)),
                          "description": self.rng.choice(["SEPA Überweisung", "Card payment — Café Ñandú", "Refund",
                                                          "Payout", None]),
                          "counterparty": None if self.rng.random() < 0.25 else
                          {"name": self.rng.choice(UNICODE_NAMES), "iban": f"DE{self.rng.randint(10**19, 10**20 - 1)}"},
                          "created": unix(minutes), "value_date": day(minutes / 1440 + self.rng.randint(0, 2))})

    def handle(self, req: Req) -> Resp:
        if req.header("Authorization") != f"Bearer {self.values['api_key']}":
            return err(401, "invalid api key")
        if req.path != "/v1/transactions":
            return err(404, "not found")
        limit = int_arg(req, "limit", 10)
        if limit < 1 or limit > 100:
            return err(400, "limit must be between 1 and 100")
        rows = self.txns
        after = req.query.get("starting_after")
        if after is not None:
            idx = next((i for i, t in enumerate(rows) if t["id"] == after), None)
            if idx is None:
                return err(400, f"starting_after: no such transaction {after!r}")
            rows = rows[idx + 1:]
        page = rows[:limit]
        return J({"object": "list", "data": page, "has_more": len(page) == limit})

    def advance(self) -> None:
        now = now_minutes()
        for _ in range(14):
            self._txn(now)


# ---------------------------------------------------------------------------------------------- r13-08
class Helpline(Source):
    """Bearer; HubSpot-like {"results": [...], "paging": {"next": {"after": ...}}}, paging absent at the end;
    limit default 20, max 50; pages can be empty in the middle (merged/spam tickets are filtered after paging);
    requester -> organization -> address nested, null at any level; comments with null authors;
    updatedAfter (RFC 3339, updated_at >= value)."""
    seed = 1308

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_key"] = self.secret("hl_pat_", 32)
        self.orgs = [{"id": 300 + i, "name": f"{w.title()} {s}",
                      "address": None if i % 3 == 0 else {"city": self.rng.choice(["Porto", "Gent", "Cork"]),
                                                          "country": {"code": "PT", "name": "Portugal"}}}
                     for i, (w, s) in enumerate(zip(WORDS[:9], ["Inc", "BV", "Ltd"] * 3))]
        self.tickets: list[dict] = []
        self.comment_id = 1
        for i in range(260):
            hidden = 90 <= i < 150 or self.rng.random() < 0.05  # a block of merged tickets, and some spam
            self._ticket(i * 120, i * 120 + self.rng.randint(0, 3000), hidden)

    def _ticket(self, created: float, updated: float, hidden: bool = False) -> None:
        tid = 50000 + len(self.tickets)
        name, email = self.person()
        roll = self.rng.random()
        requester = None if roll < 0.1 else {"id": self.rng.randint(1, 900), "name": name, "email": email,
                                             "organization": None if roll < 0.35 else self.rng.choice(self.orgs)}
        comments = []
        for _ in range(self.rng.randint(0, 3)):
            system = self.rng.random() < 0.3
            comments.append({"id": self.comment_id, "author": None if system else {"id": self.rng.randint(1, 30),
                                                                                   "name": self.rng.choice(UNICODE_NAMES)},
                             "body": "Status changed" if system else self.rng.choice(["Thanks!", "Can you retry?",
                                                                                      "Merci, c’est réglé."]),
                             "public": not system, "created_at": iso(created + 10 + self.comment_id % 50)})
            self.comment_id += 1
        self.tickets.append({"id": tid, "subject": f"{self.rng.choice(WORDS).title()} issue",
                             "status": "merged" if hidden else self.rng.choice(["new", "open", "solved"]),
                             "requester": requester, "comments": comments, "hidden": hidden,
                             "created_at": iso(created), "updated_at": iso(updated)})

    def visible(self) -> list[dict]:
        return [t for t in self.tickets if not t["hidden"]]

    def handle(self, req: Req) -> Resp:
        if req.header("Authorization") != f"Bearer {self.values['api_key']}":
            return err(401, "authentication required")
        if req.path != "/api/v3/tickets":
            return err(404, "not found")
        limit = int_arg(req, "limit", 20)
        if limit < 1 or limit > 50:
            return err(400, "limit must be between 1 and 50")
        offset = 0
        if "after" in req.query:
            state = untoken(req.query["after"])
            if not isinstance(state, dict) or "o" not in state:
                return err(400, "invalid after cursor")
            offset = state["o"]
        since = None
        if "updatedAfter" in req.query:
            since = parse_iso_strict(req.query["updatedAfter"])
            if since is None:
                return err(400, "updatedAfter must be an RFC 3339 timestamp, e.g. 2024-05-01T00:00:00Z")
        scan = [t for t in self.tickets if since is None or parse_iso_strict(t["updated_at"]) >= since]
        window = scan[offset: offset + limit]
        out = [{k: v for k, v in t.items() if k != "hidden"} for t in window if not t["hidden"]]
        body: dict[str, Any] = {"results": out}
        if offset + limit < len(scan):
            body["paging"] = {"next": {"after": token({"o": offset + limit}),
                                       "link": f"{self.base_url}/api/v3/tickets?after={token({'o': offset + limit})}"}}
        return J(body)

    def advance(self) -> None:
        now = now_minutes()
        for t in self.rng.sample(self.visible(), 7):
            t["comments"].append({"id": self.comment_id, "author": None, "body": "Reopened by customer reply",
                                  "public": False, "created_at": iso(now)})
            self.comment_id += 1
            t.update(status="open", updated_at=iso(now))
        for _ in range(5):
            self._ticket(now, now)


# ---------------------------------------------------------------------------------------------- r13-09
class Metricly(Source):
    """?api_key= in the query; /v1/campaigns -> {"campaigns": [...]} with integer ids; /v1/stats/daily ->
    {"rows": [...], "next_page_token": ...} (page_size default 100, max 200), the last page empty; stats rows have no
    id (key: date + campaign_id), campaign_id a string, clicks/spend strings, clicks "0" on some days, conversions
    null."""
    seed = 1309

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_key"] = self.secret("mtr_", 32)
        self.campaigns = [{"id": 4100 + i * 7, "name": f"{w.title()} — {k}", "status": self.rng.choice(["active", "paused"]),
                           "budget": {"daily": self.rng.choice(["50.00", "120.00", None]), "currency": "EUR"}}
                          for i, (w, k) in enumerate(zip(WORDS[:14], ["Search", "Display", "Retargeting", "Video"] * 4))]
        self.stats = []
        for d in range(31):
            for c in self.campaigns:
                if self.rng.random() < 0.13:
                    continue
                clicks = 0 if self.rng.random() < 0.2 else self.rng.randint(1, 400)
                self.stats.append({"date": day(d), "campaign_id": str(c["id"]),
                                   "impressions": self.rng.randint(100, 50000), "clicks": str(clicks),
                                   "spend": f"{clicks * self.rng.uniform(0.1, 2.0):.2f}",
                                   "conversions": None if self.rng.random() < 0.35 else self.rng.randint(0, 20)})

    def handle(self, req: Req) -> Resp:
        if req.query.get("api_key") != self.values["api_key"]:
            return err(401, "api_key missing or invalid")
        if req.path == "/v1/campaigns":
            return J({"campaigns": self.campaigns})
        if req.path != "/v1/stats/daily":
            return err(404, "not found")
        size = int_arg(req, "page_size", 100)
        if size < 1 or size > 200:
            return err(400, "page_size must be between 1 and 200")
        offset = 0
        if req.query.get("page_token"):
            state = untoken(req.query["page_token"])
            if not isinstance(state, dict) or "o" not in state:
                return err(400, "invalid page_token")
            offset = state["o"]
        page = self.stats[offset: offset + size]
        # the token is handed out while there may be rows left; the last page is therefore empty
        nxt = token({"o": offset + size}) if page else None
        return J({"rows": page, "next_page_token": nxt})


# ---------------------------------------------------------------------------------------------- r13-10
class Tripset(Source):
    """X-Tripset-Token; a Go API: empty collections are `null`; page/per_page (default 20, max 50), no total: a
    short page ends the list, and a page past the end is {"items": null}; properties keyed by `code`, bookings by
    `booking_ref`; modified RFC 3339 in the property's offset; modified_since strict RFC 3339 (modified >= value)."""
    seed = 1310

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["token"] = self.secret("tps_", 32)
        places = [("LIS", "Lisbon", 0), ("OPO", "Porto", 0), ("BCN", "Barcelona", 60), ("ATH", "Athens", 120),
                  ("NYC", "New York", -300), ("MEX", "Ciudad de México", -360)]
        self.properties = []
        for i in range(12):
            code, city, off = places[i % len(places)]
            self.properties.append({"code": f"{code}-{i // len(places) + 1:02d}", "name": f"Casa {self.rng.choice(WORDS).title()}",
                                    "city": city, "utc_offset_minutes": off,
                                    "amenities": None if i % 5 == 0 else self.rng.sample(["wifi", "pool", "parking", "ac"], 2)})
        self.bookings: list[dict] = []
        for i in range(200):
            self._booking(i * 300, i * 300 + self.rng.randint(0, 5000))

    def _booking(self, created: float, modified: float) -> None:
        prop = self.rng.choice(self.properties)
        name, email = self.person()
        nights = self.rng.randint(1, 9)
        start = created / 1440 + self.rng.randint(3, 60)
        guests = [{"name": self.rng.choice(UNICODE_NAMES), "age": self.rng.choice([None, 8, 34, 41])}
                  for _ in range(self.rng.randint(0, 3))]
        self.bookings.append({"booking_ref": f"TS{self.secret('', 8).upper()}", "property_code": prop["code"],
                              "status": self.rng.choice(["confirmed", "confirmed", "cancelled", "checked_out"]),
                              "lead_guest": {"name": name, "email": email if self.rng.random() > 0.2 else None},
                              "guests": guests or None, "check_in": day(start), "check_out": day(start + nights),
                              "price": {"amount": f"{nights * self.rng.randint(60, 240)}.00", "currency": "EUR"},
                              "created": iso_offset(created, prop["utc_offset_minutes"]),
                              "modified": iso_offset(modified, prop["utc_offset_minutes"])})

    def handle(self, req: Req) -> Resp:
        if req.header("X-Tripset-Token") != self.values["token"]:
            return err(401, "unauthorized")
        page, per = int_arg(req, "page", 1), int_arg(req, "per_page", 20)
        if per < 1 or per > 50:
            return err(400, "per_page must be between 1 and 50")
        if page < 1:
            return err(400, "page must be >= 1")
        if req.path == "/v1/properties":
            rows = self.properties
        elif req.path == "/v1/bookings":
            rows = self.bookings
            if "modified_since" in req.query:
                since = parse_iso_strict(req.query["modified_since"])
                if since is None:
                    return err(400, "modified_since must be RFC 3339 (e.g. 2024-05-01T10:00:00+02:00)")
                rows = [b for b in rows if parse_iso_strict(b["modified"]) >= since]
        else:
            return err(404, "not found")
        page_rows = rows[(page - 1) * per: page * per]
        return J({"items": page_rows or None, "page": page, "per_page": per})

    def advance(self) -> None:
        now = now_minutes()
        for b in self.rng.sample(self.bookings, 5):
            off = next(p["utc_offset_minutes"] for p in self.properties if p["code"] == b["property_code"])
            b.update(status="cancelled", modified=iso_offset(now, off))
        for _ in range(4):
            self._booking(now, now)


SOURCES = {"tallybook": Tallybook, "shopwise": Shopwise, "beacon": Beacon, "kassa": Kassa, "fieldnote": Fieldnote,
           "rostr": Rostr, "ledgerline": Ledgerline, "helpline": Helpline, "metricly": Metricly, "tripset": Tripset}


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
