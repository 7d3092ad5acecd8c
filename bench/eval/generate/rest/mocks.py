"""Local mock HTTP APIs for the gen_rest evaluation set (standard library only, Python 3.11).

Usage::

    with serve("crm_contacts", pathlib.Path("/some/workdir")) as src:
        src.values      # {"base_url": "http://127.0.0.1:43123", "token": "...", ...}
        src.requests    # ["GET /v1/contacts?page=1&per_page=25", ...]
        src.advance()   # change the data for a second sync (only mocks whose task has one)

Every mock is an in-process ``http.server.ThreadingHTTPServer`` on 127.0.0.1, port 0, with deterministic data.
Mocks enforce what their task's request says: authentication (401 without it), page-size caps (400), one-day windows,
token expiry, rate limits and so on. Faults (429, 503, truncated bodies, GraphQL errors) are triggered by request counts,
so they happen whatever page size the client chooses.
"""
from __future__ import annotations

import base64
import contextlib
import dataclasses
import datetime as dt
import hashlib
import http.server
import json
import math
import pathlib
import random
import re
import threading
import time
import urllib.parse
from typing import Callable, Iterator
from xml.sax.saxutils import escape, quoteattr

UTC = dt.timezone.utc

# --------------------------------------------------------------------------------------------------------------------
# plumbing
# --------------------------------------------------------------------------------------------------------------------


@dataclasses.dataclass
class Response:
    status: int = 200
    body: bytes = b""
    headers: list = dataclasses.field(default_factory=list)
    delay: float = 0.0  # seconds to wait (outside the mock's lock) before answering


class HTTPError(Exception):
    def __init__(self, status: int, body, headers: list | None = None):
        super().__init__(status)
        self.status, self.body, self.headers = status, body, headers or []

    def response(self) -> Response:
        if isinstance(self.body, (dict, list)):
            return jresp(self.body, self.status, self.headers)
        return Response(self.status, str(self.body).encode(), [("Content-Type", "text/plain")] + self.headers)


@dataclasses.dataclass
class Request:
    method: str
    path: str
    query: dict
    headers: object  # email.message.Message (case-insensitive get)
    body: bytes
    raw: str

    def arg(self, name: str, default=None):
        v = self.query.get(name)
        if not v or v[-1] == "":
            return default
        return v[-1]

    def json(self):
        if not self.body:
            raise HTTPError(400, {"error": "request body must be JSON"})
        try:
            return json.loads(self.body)
        except ValueError:
            raise HTTPError(400, {"error": "request body is not valid JSON"})

    def form(self) -> dict:
        ctype = (self.headers.get("Content-Type") or "").lower()
        if "application/x-www-form-urlencoded" not in ctype:
            raise HTTPError(400, {"error": "invalid_request",
                                  "error_description": "token requests must be application/x-www-form-urlencoded"})
        return {k: v[-1] for k, v in urllib.parse.parse_qs(self.body.decode(), keep_blank_values=True).items()}


def jresp(obj, status: int = 200, headers: list | None = None, delay: float = 0.0) -> Response:
    return Response(status, json.dumps(obj).encode(), [("Content-Type", "application/json")] + (headers or []), delay)


def xresp(text: str, status: int = 200, headers: list | None = None) -> Response:
    return Response(status, text.encode(), [("Content-Type", "application/xml; charset=utf-8")] + (headers or []))


def not_found(req: Request):
    raise HTTPError(404, {"error": f"no route for {req.method} {req.path}"})


def int_arg(value, name: str, default: int, lo: int | None = None, hi: int | None = None) -> int:
    if value is None or value == "":
        return default
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise HTTPError(400, {"error": f"{name} must be an integer"})
    if lo is not None and n < lo:
        raise HTTPError(400, {"error": f"{name} must be at least {lo}"})
    if hi is not None and n > hi:
        raise HTTPError(400, {"error": f"{name} must be at most {hi}"})
    return n


def parse_ts(value: str, name: str) -> dt.datetime:
    """Lenient ISO-8601 parsing ('+' may have become ' ' in a query string; naive means UTC)."""
    s = value.strip().replace(" ", "+")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        s += "T00:00:00"
    try:
        t = dt.datetime.fromisoformat(s)
    except ValueError:
        raise HTTPError(400, {"error": f"{name} must be an ISO-8601 timestamp, got {value!r}"})
    return t if t.tzinfo else t.replace(tzinfo=UTC)


def iso(t: dt.datetime) -> str:
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_ms(t: dt.datetime) -> str:
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


def now_utc() -> dt.datetime:
    return dt.datetime.now(UTC)


def enc_cursor(obj) -> str:
    return base64.urlsafe_b64encode(json.dumps(obj, separators=(",", ":")).encode()).decode().rstrip("=")


def dec_cursor(s: str, name: str = "cursor"):
    try:
        return json.loads(base64.urlsafe_b64decode(s + "=" * (-len(s) % 4)))
    except Exception:
        raise HTTPError(400, {"error": f"invalid {name}"})


def secret(mock: str, kind: str) -> str:
    return kind[:3] + "_" + hashlib.sha256(f"{mock}:{kind}".encode()).hexdigest()[:24]


def check_scheme(req: Request, scheme: str, credential: str):
    h = req.headers.get("Authorization") or ""
    got_scheme, _, got = h.partition(" ")
    if got_scheme.lower() != scheme.lower() or got.strip() != credential:
        raise HTTPError(401, {"error": "unauthorized"}, [("WWW-Authenticate", f'{scheme} realm="api"')])


def check_basic(req: Request, user: str, password: str):
    want = base64.b64encode(f"{user}:{password}".encode()).decode()
    check_scheme(req, "Basic", want)


def check_header(req: Request, name: str, value: str):
    if (req.headers.get(name) or "") != value:
        raise HTTPError(401, {"error": f"missing or invalid {name} header"})


def check_query(req: Request, name: str, value: str):
    if req.arg(name) != value:
        raise HTTPError(401, {"error": f"missing or invalid {name} query parameter"})


FIRST = ["Ada", "Bram", "Chen", "Dalia", "Emeka", "Freya", "Goran", "Hana", "Ines", "Jonas", "Keiko", "Luis", "Maya",
         "Nils", "Oona", "Priya", "Quinn", "Rosa", "Sami", "Tomas", "Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zoe"]
LAST = ["Okafor", "Lindqvist", "Moreau", "Tanaka", "Novak", "Haddad", "Silva", "Kowalski", "Brennan", "Mehta",
        "Fischer", "Rossi", "Nguyen", "Adeyemi", "Larsen", "Petrov", "Costa", "Walsh", "Ibrahim", "Schulz"]
WORDS = ["alpha", "bravo", "cobalt", "delta", "ember", "falcon", "granite", "harbor", "indigo", "juniper", "kestrel",
         "lumen", "meadow", "nimbus", "orchid", "prism", "quartz", "raven", "summit", "tundra", "umber", "vertex",
         "willow", "zephyr"]
COMPANIES = ["Northwind", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark", "Wayne", "Acme", "Tyrell"]


def person(rng: random.Random) -> tuple[str, str]:
    return rng.choice(FIRST), rng.choice(LAST)


def day_ts(rng: random.Random, start: dt.datetime, days: int) -> dt.datetime:
    return start + dt.timedelta(seconds=rng.randrange(days * 86400))


class Mock:
    """One mock API. Subclasses fill `secrets` and data in setup() and answer in handle() (called under a lock)."""

    def __init__(self, workdir: pathlib.Path):
        self.workdir = workdir
        self.base_url = ""
        self.secrets: dict[str, str] = {}
        self.setup()

    def setup(self):
        pass

    def values(self) -> dict[str, str]:
        return {"base_url": self.base_url, **self.secrets}

    def handle(self, req: Request) -> Response:
        raise NotImplementedError

    def advance(self):
        raise RuntimeError(f"mock {type(self).__name__} has no second sync")


MOCKS: dict[str, type[Mock]] = {}


def register(name: str) -> Callable[[type[Mock]], type[Mock]]:
    def deco(cls):
        cls.mock_name = name
        MOCKS[name] = cls
        return cls
    return deco


class Source:
    """What serve() yields."""

    def __init__(self, mock: Mock, log: list[str], statuses: list[int], lock: threading.Lock):
        self._mock, self._lock = mock, lock
        self.requests: list[str] = log
        self.statuses: list[int] = statuses  # extra, for diagnosis: the status answered to requests[i]

    @property
    def values(self) -> dict[str, str]:
        return self._mock.values()

    def advance(self) -> None:
        with self._lock:
            self._mock.advance()


def _handler(mock: Mock, log: list[str], statuses: list[int], lock: threading.Lock):
    class Handler(http.server.BaseHTTPRequestHandler):
        server_version = "MockAPI/1.0"

        def _serve(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            parts = urllib.parse.urlsplit(self.path)
            req = Request(self.command, parts.path, urllib.parse.parse_qs(parts.query, keep_blank_values=True),
                          self.headers, body, self.path)
            with lock:
                log.append(f"{self.command} {self.path}")
                idx = len(log) - 1
                try:
                    resp = mock.handle(req)
                except HTTPError as e:
                    resp = e.response()
                except Exception as e:  # a bug in the mock: make it visible
                    resp = jresp({"error": f"mock failure: {e!r}"}, 500)
                statuses.extend([0] * (idx + 1 - len(statuses)))
                statuses[idx] = resp.status
            if resp.delay:
                time.sleep(resp.delay)
            self.send_response(resp.status)
            for k, v in resp.headers:
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(resp.body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(resp.body)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = _serve

        def log_message(self, *args):
            pass

    return Handler


@contextlib.contextmanager
def serve(source: str, workdir: pathlib.Path) -> Iterator[Source]:
    mock = MOCKS[source](pathlib.Path(workdir))
    log: list[str] = []
    statuses: list[int] = []
    lock = threading.Lock()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(mock, log, statuses, lock))
    server.daemon_threads = True
    mock.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Source(mock, log, statuses, lock)
    finally:
        server.shutdown()
        server.server_close()


# --------------------------------------------------------------------------------------------------------------------
# shared fault / auth machinery
# --------------------------------------------------------------------------------------------------------------------


class OAuthTokens:
    """Client-credentials tokens that really expire (expires_in seconds, plus a small grace)."""

    def __init__(self, ttl: float, grace: float = 0.4):
        self.ttl, self.grace = ttl, grace
        self.issued: dict[str, float] = {}
        self.count = 0

    def issue(self) -> dict:
        self.count += 1
        tok = "at_" + hashlib.sha256(f"{self.count}:{time.time()}".encode()).hexdigest()[:32]
        self.issued[tok] = time.time()
        return {"access_token": tok, "token_type": "Bearer", "expires_in": int(self.ttl)}

    def check(self, req: Request):
        h = req.headers.get("Authorization") or ""
        scheme, _, tok = h.partition(" ")
        tok = tok.strip()
        if scheme.lower() != "bearer" or tok not in self.issued:
            raise HTTPError(401, {"error": "invalid_token"}, [("WWW-Authenticate", 'Bearer error="invalid_token"')])
        if time.time() > self.issued[tok] + self.ttl + self.grace:
            raise HTTPError(401, {"error": "token_expired"},
                            [("WWW-Authenticate", 'Bearer error="invalid_token", error_description="expired"')])


class RateWindow:
    """X-RateLimit-* headers; calling while Remaining is 0 (before the reset) locks the key for good."""

    def __init__(self, limit: int, window: float, relative_reset: bool):
        self.limit, self.window, self.relative = limit, window, relative_reset
        self.reset_at = 0.0
        self.used = 0
        self.locked = False
        self.windows = 0

    def take(self) -> list:
        now = time.time()
        if self.locked:
            raise HTTPError(403, {"error": "key locked out after exceeding the rate limit; try again in 10 minutes"})
        if now >= self.reset_at - 0.25:
            self.reset_at = float(math.ceil(now + self.window))
            self.used = 0
            self.windows += 1
        if self.used >= self.limit:
            self.locked = True
            raise HTTPError(429, {"error": "rate limit exceeded; key locked out for 10 minutes"})
        self.used += 1
        reset = max(1, math.ceil(self.reset_at - now)) if self.relative else int(self.reset_at)
        return [("X-RateLimit-Limit", str(self.limit)), ("X-RateLimit-Remaining", str(self.limit - self.used)),
                ("X-RateLimit-Reset", str(reset))]


class RetryAfter:
    """429 + Retry-After on chosen request numbers; calling again before the wait is over gets another 429."""

    def __init__(self, seconds: int, on: set[int]):
        self.seconds, self.on = seconds, on
        self.n = 0
        self.until = 0.0

    def gate(self):
        now = time.time()
        if now < self.until - 0.05:
            raise HTTPError(429, {"error": "too many requests"},
                            [("Retry-After", str(max(1, math.ceil(self.until - now))))])
        self.n += 1
        if self.n in self.on:
            self.until = now + self.seconds
            raise HTTPError(429, {"error": "too many requests"}, [("Retry-After", str(self.seconds))])


class Flaky503:
    def __init__(self, on: set[int]):
        self.on, self.n = on, 0

    def gate(self):
        self.n += 1
        if self.n in self.on:
            raise HTTPError(503, "<html><body><h1>503 Service Unavailable</h1></body></html>",
                            [("Content-Type", "text/html")])


def truncated(obj) -> Response:
    body = json.dumps(obj).encode()
    return Response(200, body[: max(10, len(body) // 3)], [("Content-Type", "application/json")])


def gql_args(body: dict, field: str) -> dict:
    """Arguments of `field(...)` in a GraphQL query, from literals or $variables."""
    q = body.get("query") or ""
    variables = body.get("variables") or {}
    m = re.search(r"\b" + field + r"\s*\(([^)]*)\)", q)
    if not re.search(r"\b" + field + r"\b", q):
        raise HTTPError(200, {"data": None, "errors": [{"message": f"query must select {field}"}]})
    args = {}
    if m:
        for am in re.finditer(r"(\w+)\s*:\s*(\$\w+|\"(?:[^\"\\]|\\.)*\"|-?\d+|null)", m.group(1)):
            name, val = am.groups()
            if val.startswith("$"):
                args[name] = variables.get(val[1:])
            elif val.startswith('"'):
                args[name] = json.loads(val)
            elif val == "null":
                args[name] = None
            else:
                args[name] = int(val)
    return args


# --------------------------------------------------------------------------------------------------------------------
# r-01  crm_contacts: bearer, page/per_page (max 25), total_pages, records under "data"
# --------------------------------------------------------------------------------------------------------------------


@register("crm_contacts")
class CrmContacts(Mock):
    def setup(self):
        self.secrets = {"token": secret("crm_contacts", "token")}
        rng = random.Random(101)
        stages = ["lead", "mql", "sql", "customer", "churned"]
        tags = ["vip", "newsletter", "partner", "trial", "enterprise", "smb", "emea", "apac"]
        self.rows = []
        for i in range(83):
            fn, ln = person(rng)
            co = rng.choice(COMPANIES)
            self.rows.append({
                "id": 1000 + i * 3 + rng.randrange(3), "first_name": fn, "last_name": ln,
                "email": f"{fn}.{ln}{i}@{co.lower()}.example".lower(),
                "phone": None if rng.random() < 0.2 else f"+31 6 {rng.randrange(10**7, 10**8)}",
                "company": {"name": co, "domain": f"{co.lower()}.example"},
                "lifecycle_stage": rng.choice(stages), "tags": rng.sample(tags, rng.randrange(0, 4)),
                "created_at": iso(day_ts(rng, dt.datetime(2022, 1, 1, tzinfo=UTC), 700)),
            })

    def handle(self, req):
        check_scheme(req, "Bearer", self.secrets["token"])
        if req.method == "GET" and req.path == "/v1/contacts":
            per = int_arg(req.arg("per_page"), "per_page", 20, 1, 25)
            page = int_arg(req.arg("page"), "page", 1, 1)
            total_pages = math.ceil(len(self.rows) / per)
            return jresp({"data": self.rows[(page - 1) * per: page * per], "page": page, "per_page": per,
                          "total_pages": total_pages, "total": len(self.rows)})
        not_found(req)


# --------------------------------------------------------------------------------------------------------------------
# r-02  ticketly: X-Api-Key, offset/limit (max 50) + total, comments array -> child table, 429 Retry-After
# --------------------------------------------------------------------------------------------------------------------


@register("ticketly")
class Ticketly(Mock):
    def setup(self):
        self.secrets = {"api_key": secret("ticketly", "api_key")}
        self.limiter = RetryAfter(1, {3, 8, 14})
        rng = random.Random(202)
        self.rows = []
        cid = 90000
        for i in range(257):
            fn, ln = person(rng)
            created = day_ts(rng, dt.datetime(2023, 6, 1, tzinfo=UTC), 300)
            comments = []
            for _ in range(rng.choice([0, 1, 1, 2, 3, 4])):
                cid += rng.randrange(1, 4)
                comments.append({"id": cid, "author": rng.choice(["agent", "customer"]),
                                 "body": " ".join(rng.sample(WORDS, 5)), "public": rng.random() < 0.8,
                                 "created_at": iso(created + dt.timedelta(hours=rng.randrange(1, 96)))})
            self.rows.append({
                "id": 5001 + i, "subject": f"{rng.choice(WORDS).title()} {rng.choice(['broken', 'question', 'refund', 'login issue', 'slow'])}",
                "status": rng.choice(["open", "pending", "solved", "closed"]),
                "priority": rng.choice(["low", "normal", "high", "urgent"]),
                "requester": {"name": f"{fn} {ln}", "email": f"{fn}.{ln}@mail.example".lower()},
                "tags": rng.sample(WORDS, rng.randrange(0, 3)), "created_at": iso(created),
                "comments": comments,
            })

    def handle(self, req):
        check_header(req, "X-Api-Key", self.secrets["api_key"])
        if req.method == "GET" and req.path == "/api/tickets":
            self.limiter.gate()
            limit = int_arg(req.arg("limit"), "limit", 25, 1, 50)
            offset = int_arg(req.arg("offset"), "offset", 0, 0)
            return jresp({"total": len(self.rows), "offset": offset, "limit": limit,
                          "tickets": self.rows[offset: offset + limit]})
        not_found(req)


# --------------------------------------------------------------------------------------------------------------------
# r-03  adstats: api_key query param, one-day windows from/to, availability endpoint, second sync
# --------------------------------------------------------------------------------------------------------------------


def _day(value: str | None, name: str) -> dt.date:
    if not value:
        raise HTTPError(400, {"error": f"{name} is required (YYYY-MM-DD)"})
    s = value.strip().replace(" ", "+")
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})(?:T00:00(?::00(?:\.0+)?)?(?:Z|\+00:00)?)?", s)
    if not m:
        raise HTTPError(400, {"error": f"{name} must be a date YYYY-MM-DD, got {value!r}"})
    return dt.date.fromisoformat(m.group(1))


@register("adstats")
class AdStats(Mock):
    CAMPAIGNS = [("c-101", dt.date(2024, 1, 1), None), ("c-102", dt.date(2024, 1, 1), None),
                 ("c-103", dt.date(2024, 1, 1), dt.date(2024, 3, 15)), ("c-104", dt.date(2024, 3, 8), None),
                 ("c-105", dt.date(2024, 3, 12), None)]

    def setup(self):
        self.secrets = {"api_key": secret("adstats", "api_key")}
        self.latest = dt.date(2024, 3, 20)

    def rows_for(self, day: dt.date) -> list:
        out = []
        for cid, start, end in self.CAMPAIGNS:
            if day < start or (end and day > end):
                continue
            rng = random.Random(f"{cid}{day}")
            imp = rng.randrange(500, 20000)
            clicks = rng.randrange(0, imp // 30 + 1)
            out.append({"campaign_id": cid, "day": day.isoformat(), "impressions": imp, "clicks": clicks,
                        "spend": round(clicks * rng.uniform(0.2, 1.4), 2)})
        return out

    def handle(self, req):
        check_query(req, "api_key", self.secrets["api_key"])
        if req.method != "GET":
            not_found(req)
        if req.path == "/v2/availability":
            return jresp({"latest_complete_day": self.latest.isoformat()})
        if req.path == "/v2/stats/daily":
            frm, to = _day(req.arg("from"), "from"), _day(req.arg("to"), "to")
            if to - frm != dt.timedelta(days=1):
                raise HTTPError(400, {"error": "the window must be exactly one day: to = from + 1 day"})
            if frm > self.latest:
                raise HTTPError(422, {"error": f"statistics for {frm} are not final yet",
                                      "latest_complete_day": self.latest.isoformat()})
            return jresp({"from": frm.isoformat(), "to": to.isoformat(), "rows": self.rows_for(frm)})
        not_found(req)

    def advance(self):
        self.latest += dt.timedelta(days=3)


# --------------------------------------------------------------------------------------------------------------------
# r-04  shop_graphql: bearer, GraphQL relay edges/pageInfo, first <= 50, THROTTLED error inside HTTP 200
# --------------------------------------------------------------------------------------------------------------------


@register("shop_graphql")
class ShopGraphql(Mock):
    def setup(self):
        self.secrets = {"token": secret("shop_graphql", "token")}
        self.n = 0
        rng = random.Random(404)
        vendors = ["Lumen Goods", "Harbor & Co", "Kestrel Outdoor", "Prism Labs"]
        self.rows = []
        for i in range(143):
            lo = round(rng.uniform(5, 200), 2)
            self.rows.append({
                "id": f"gid://shop/Product/{7000 + i * 7}", "title": f"{rng.choice(WORDS).title()} {rng.choice(['Mug', 'Tent', 'Lamp', 'Jacket', 'Cable', 'Desk'])}",
                "vendor": rng.choice(vendors), "status": rng.choice(["ACTIVE", "ACTIVE", "DRAFT", "ARCHIVED"]),
                "priceRange": {"min": lo, "max": round(lo * rng.choice([1, 1, 1.5, 2]), 2)},
                "tags": rng.sample(WORDS, rng.randrange(0, 4)),
                "updatedAt": iso(day_ts(rng, dt.datetime(2024, 1, 1, tzinfo=UTC), 120)),
            })

    def handle(self, req):
        check_scheme(req, "Bearer", self.secrets["token"])
        if req.path != "/graphql":
            not_found(req)
        if req.method != "POST":
            raise HTTPError(405, {"error": "use POST"})
        body = req.json()
        if not isinstance(body, dict) or not isinstance(body.get("query"), str):
            return jresp({"data": None, "errors": [{"message": "body must be {query, variables}"}]})
        try:
            args = gql_args(body, "products")
        except HTTPError as e:
            return jresp(e.body)
        self.n += 1
        if self.n == 3:
            return jresp({"data": None, "errors": [{"message": "Throttled", "extensions": {"code": "THROTTLED"}}]})
        first = args.get("first") or 10
        if not isinstance(first, int) or not 1 <= first <= 50:
            return jresp({"data": None, "errors": [{"message": "first must be between 1 and 50",
                                                    "extensions": {"code": "BAD_USER_INPUT"}}]})
        after = args.get("after")
        start = dec_cursor(after, "after")["i"] + 1 if after else 0
        nodes = self.rows[start: start + first]
        edges = [{"cursor": enc_cursor({"i": start + k}), "node": n} for k, n in enumerate(nodes)]
        return jresp({"data": {"products": {"edges": edges, "pageInfo": {
            "hasNextPage": start + first < len(self.rows),
            "endCursor": edges[-1]["cursor"] if edges else None}}}})


# --------------------------------------------------------------------------------------------------------------------
# r-05  fleet_oauth: OAuth2 client credentials (form), short tokens, cursor/has_more, per-vehicle trips (top-level list)
# --------------------------------------------------------------------------------------------------------------------


@register("fleet_oauth")
class FleetOauth(Mock):
    def setup(self):
        self.secrets = {"client_id": "fleet-sync-" + secret("fleet_oauth", "cid")[4:12],
                        "client_secret": secret("fleet_oauth", "client_secret")}
        self.tokens = OAuthTokens(ttl=2)
        rng = random.Random(505)
        self.vehicles, self.trips = [], {}
        tid = 0
        for i in range(95):
            vid = f"veh_{i + 1:03d}"
            self.vehicles.append({
                "id": vid, "vin": "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(17)),
                "make": rng.choice(["Volvo", "Scania", "MAN", "Iveco", "DAF"]), "year": rng.randrange(2015, 2024),
                "odometer_km": rng.randrange(10000, 900000), "status": rng.choice(["active", "active", "maintenance"]),
                "depot": {"code": rng.choice(["AMS", "RTM", "UTR"]), "bay": rng.randrange(1, 40)},
            })
            trips = []
            for _ in range(rng.choice([0, 1, 2, 3, 4, 5, 6])):
                tid += 1
                start = day_ts(rng, dt.datetime(2024, 4, 1, tzinfo=UTC), 30)
                trips.append({"id": f"trip_{tid:05d}", "started_at": iso(start),
                              "ended_at": iso(start + dt.timedelta(minutes=rng.randrange(10, 600))),
                              "distance_km": round(rng.uniform(2, 700), 1),
                              "driver": {"id": rng.randrange(1, 60), "name": " ".join(person(rng))}})
            self.trips[vid] = trips

    def handle(self, req):
        if req.path == "/oauth/token":
            if req.method != "POST":
                raise HTTPError(405, {"error": "use POST"})
            f = req.form()
            if f.get("grant_type") != "client_credentials":
                raise HTTPError(400, {"error": "unsupported_grant_type"})
            if f.get("client_id") != self.secrets["client_id"] or f.get("client_secret") != self.secrets["client_secret"]:
                raise HTTPError(401, {"error": "invalid_client"})
            return jresp(self.tokens.issue())
        self.tokens.check(req)
        if req.method != "GET":
            not_found(req)
        if req.path == "/api/vehicles":
            limit = int_arg(req.arg("limit"), "limit", 10, 1, 20)
            cur = req.arg("cursor")
            start = dec_cursor(cur)["o"] if cur else 0
            page = self.vehicles[start: start + limit]
            more = start + limit < len(self.vehicles)
            return jresp({"vehicles": page, "next_cursor": enc_cursor({"o": start + limit}) if more else None,
                          "has_more": more}, delay=0.05)
        m = re.fullmatch(r"/api/vehicles/([^/]+)/trips", req.path)
        if m:
            if m.group(1) not in self.trips:
                raise HTTPError(404, {"error": "vehicle not found"})
            return jresp(self.trips[m.group(1)], delay=0.05)
        not_found(req)


# --------------------------------------------------------------------------------------------------------------------
# r-06  issue_tracker: "Authorization: Token", Link header pagination, top-level list, 503s
# --------------------------------------------------------------------------------------------------------------------


def link_header(base: str, path: str, query: dict, page: int, last: int) -> str:
    def url(p):
        q = {k: v[-1] for k, v in query.items()}
        q["page"] = str(p)
        return f"{base}{path}?{urllib.parse.urlencode(q)}"
    links = []
    if page < last:
        links.append(f'<{url(page + 1)}>; rel="next"')
        links.append(f'<{url(last)}>; rel="last"')
    if page > 1:
        links.append(f'<{url(1)}>; rel="first"')
        links.append(f'<{url(page - 1)}>; rel="prev"')
    return ", ".join(links)


@register("issue_tracker")
class IssueTracker(Mock):
    def setup(self):
        self.secrets = {"api_key": secret("issue_tracker", "api_key")}
        self.flaky = Flaky503({2, 3, 6})
        rng = random.Random(606)
        labels = [{"id": 11, "name": "bug", "color": "d73a4a"}, {"id": 12, "name": "feature", "color": "a2eeef"},
                  {"id": 13, "name": "docs", "color": "0075ca"}, {"id": 14, "name": "p1", "color": "b60205"}]
        self.rows = []
        for i in range(187):
            created = day_ts(rng, dt.datetime(2023, 1, 1, tzinfo=UTC), 500)
            closed = rng.random() < 0.55
            fn, _ = person(rng)
            self.rows.append({
                "id": 7_300_000 + i * 13, "number": i + 1, "title": f"{rng.choice(WORDS)} {rng.choice(['fails', 'crashes', 'is slow', 'needs docs', 'request'])}",
                "state": "closed" if closed else "open", "labels": rng.sample(labels, rng.randrange(0, 3)),
                "assignee": {"login": fn.lower(), "id": 100 + FIRST.index(fn)} if rng.random() < 0.6 else None,
                "comments": rng.randrange(0, 30), "created_at": iso(created),
                "closed_at": iso(created + dt.timedelta(days=rng.randrange(1, 90))) if closed else None,
            })

    def handle(self, req):
        check_scheme(req, "Token", self.secrets["api_key"])
        if req.method == "GET" and req.path == "/api/issues":
            self.flaky.gate()
            per = int_arg(req.arg("per_page"), "per_page", 30, 1, 100)
            page = int_arg(req.arg("page"), "page", 1, 1)
            last = max(1, math.ceil(len(self.rows) / per))
            hdr = link_header(self.base_url, req.path, req.query, page, last)
            return jresp(self.rows[(page - 1) * per: page * per], headers=[("Link", hdr)] if hdr else [])
        not_found(req)


# --------------------------------------------------------------------------------------------------------------------
# r-07  stock_atom: basic auth, Atom XML with namespaces, next link inside the body
# --------------------------------------------------------------------------------------------------------------------


@register("stock_atom")
class StockAtom(Mock):
    PAGE = 25

    def setup(self):
        self.secrets = {"username": "feedreader", "password": secret("stock_atom", "password")}
        rng = random.Random(707)
        whs = [("AMS-1", "Amsterdam"), ("RTM-2", "Rotterdam"), ("ANR-1", "Antwerp")]
        self.rows = []
        for i in range(61):
            code, city = rng.choice(whs)
            self.rows.append({"sku": f"SKU-{10001 + i * 2}", "name": f"{rng.choice(WORDS).title()} {rng.choice(['bolt', 'panel', 'hinge', 'valve', 'bracket'])}",
                              "warehouse_code": code, "warehouse": city, "quantity": rng.randrange(0, 500),
                              "price": f"{rng.uniform(0.5, 80):.2f}", "currency": "EUR",
                              "updated": iso(day_ts(rng, dt.datetime(2024, 2, 1, tzinfo=UTC), 20))})

    def handle(self, req):
        check_basic(req, self.secrets["username"], self.secrets["password"])
        if req.method == "GET" and req.path == "/feeds/stock":
            page = int_arg(req.arg("page"), "page", 1, 1)
            items = self.rows[(page - 1) * self.PAGE: page * self.PAGE]
            out = ['<?xml version="1.0" encoding="utf-8"?>',
                   '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:inv="urn:stockfeed:inventory:1.0">',
                   "  <title>Stock levels</title>", f"  <id>urn:stockfeed:stock:page:{page}</id>",
                   f"  <updated>2024-02-21T06:00:00Z</updated>",
                   f'  <link rel="self" href={quoteattr(f"{self.base_url}/feeds/stock?page={page}")}/>']
            if page * self.PAGE < len(self.rows):
                out.append(f'  <link rel="next" href={quoteattr(f"{self.base_url}/feeds/stock?page={page + 1}")}/>')
            for r in items:
                out += ["  <entry>", f"    <id>urn:stockfeed:item:{r['sku']}</id>", f"    <title>{escape(r['name'])}</title>",
                        f"    <updated>{r['updated']}</updated>", f"    <inv:sku>{r['sku']}</inv:sku>",
                        f"    <inv:name>{escape(r['name'])}</inv:name>",
                        f'    <inv:warehouse code="{r["warehouse_code"]}">{r["warehouse"]}</inv:warehouse>',
                        f"    <inv:quantity>{r['quantity']}</inv:quantity>",
                        f'    <inv:unitPrice currency="{r["currency"]}">{r["price"]}</inv:unitPrice>', "  </entry>"]
            out.append("</feed>")
            return xresp("\n".join(out), headers=[("Content-Type", "application/atom+xml")])
        not_found(req)


# --------------------------------------------------------------------------------------------------------------------
# r-08  orderhub_search: "Authorization: ApiKey", POST search with page_token in body, line_items child, truncated JSON
# --------------------------------------------------------------------------------------------------------------------


@register("orderhub_search")
class OrderhubSearch(Mock):
    def setup(self):
        self.secrets = {"api_key": secret("orderhub_search", "api_key")}
        self.n = 0
        rng = random.Random(808)
        self.rows = []
        lid = 0
        for i in range(219):
            fn, ln = person(rng)
            items = []
            for _ in range(rng.randrange(1, 6)):
                lid += 1
                items.append({"id": f"li_{lid:06d}", "sku": f"SKU-{rng.randrange(100, 999)}",
                              "quantity": rng.randrange(1, 6), "unit_price": round(rng.uniform(3, 150), 2)})
            self.rows.append({
                "id": f"ord_{10001 + i}", "number": f"OH-{2024_000 + i * 3}", "status": rng.choice(["open", "paid", "shipped", "cancelled"]),
                "customer": {"id": rng.randrange(1, 500), "name": f"{fn} {ln}"}, "currency": "USD",
                "total_amount": round(sum(x["quantity"] * x["unit_price"] for x in items), 2),
                "placed_at": iso(day_ts(rng, dt.datetime(2024, 1, 1, tzinfo=UTC), 90)),
                "shipping_address": {"city": rng.choice(["Austin", "Denver", "Boston"]), "country": "US"},
                "line_items": items,
            })

    def handle(self, req):
        check_scheme(req, "ApiKey", self.secrets["api_key"])
        if req.path != "/v1/orders/search":
            not_found(req)
        if req.method != "POST":
            raise HTTPError(405, {"error": "use POST"})
        if "page_token" in req.query or "page_size" in req.query:
            raise HTTPError(400, {"error": "page_size and page_token go in the JSON body"})
        body = req.json()
        if not isinstance(body, dict) or not isinstance(body.get("filter", {}), (dict, type(None))):
            raise HTTPError(400, {"error": "body must be an object; filter must be an object"})
        size = int_arg(body.get("page_size"), "page_size", 25, 1, 100)
        tok = body.get("page_token")
        start = dec_cursor(tok, "page_token")["o"] if tok else 0
        more = start + size < len(self.rows)
        out = {"results": self.rows[start: start + size],
               "next_page_token": enc_cursor({"o": start + size}) if more else None}
        self.n += 1
        if self.n == 3:
            return truncated(out)
        return jresp(out)


# --------------------------------------------------------------------------------------------------------------------
# r-09  tagwise: bearer, nested cursor meta.next, ML records (embedding, labels with bbox, nested source)
# --------------------------------------------------------------------------------------------------------------------


@register("tagwise")
class Tagwise(Mock):
    DATASET = "ds_7f3a"

    def setup(self):
        self.secrets = {"token": secret("tagwise", "token")}
        rng = random.Random(909)
        classes = ["car", "pedestrian", "bicycle", "traffic_light", "dog"]
        self.rows = []
        for i in range(113):
            w, h = rng.choice([(1920, 1080), (1280, 720), (640, 480)])
            labels = []
            for _ in range(rng.randrange(0, 4)):
                x, y = rng.randrange(0, w - 50), rng.randrange(0, h - 50)
                labels.append({"name": rng.choice(classes), "confidence": round(rng.uniform(0.3, 1.0), 3),
                               "bbox": {"x": x, "y": y, "w": rng.randrange(10, w - x), "h": rng.randrange(10, h - y)}})
            self.rows.append({
                "id": f"smp_{i + 1:05d}", "dataset_id": self.DATASET, "split": rng.choice(["train", "train", "train", "val", "test"]),
                "source": {"url": f"s3://tagwise-raw/{self.DATASET}/{i + 1:05d}.jpg", "width": w, "height": h, "format": "jpeg"},
                "embedding": [round(rng.gauss(0, 1), 4) for _ in range(8)], "labels": labels,
                "annotator": {"id": rng.randrange(1, 12), "name": " ".join(person(rng))} if labels else None,
                "reviewed": rng.random() < 0.4, "created_at": iso(day_ts(rng, dt.datetime(2024, 3, 1, tzinfo=UTC), 40)),
            })

    def handle(self, req):
        check_scheme(req, "Bearer", self.secrets["token"])
        m = re.fullmatch(r"/api/v1/datasets/([^/]+)/samples", req.path)
        if req.method == "GET" and m:
            if m.group(1) != self.DATASET:
                raise HTTPError(404, {"error": "dataset not found"})
            limit = int_arg(req.arg("limit"), "limit", 20, 1, 40)
            cur = req.arg("cursor")
            start = dec_cursor(cur)["o"] if cur else 0
            more = start + limit < len(self.rows)
            return jresp({"samples": self.rows[start: start + limit],
                          "meta": {"next": enc_cursor({"o": start + limit}) if more else None, "limit": limit}})
        not_found(req)


# --------------------------------------------------------------------------------------------------------------------
# r-10  deals_incr: X-Api-Key, fixed 40-row pages + has_more, updated_since incremental with is_deleted tombstones
# --------------------------------------------------------------------------------------------------------------------


@register("deals_incr")
class DealsIncr(Mock):
    PAGE = 40

    def setup(self):
        self.secrets = {"api_key": secret("deals_incr", "api_key")}
        self.rng = random.Random(1010)
        self.live: dict[int, dict] = {}
        self.tombstones: dict[int, dict] = {}
        for i in range(126):
            self._new(301 + i * 2, day_ts(self.rng, dt.datetime(2024, 1, 1, tzinfo=UTC), 150))

    def _new(self, did: int, t: dt.datetime):
        rng = self.rng
        fn, ln = person(rng)
        self.live[did] = {"id": did, "title": f"{rng.choice(COMPANIES)} - {rng.choice(['renewal', 'expansion', 'pilot', 'new logo'])}",
                          "value": rng.randrange(1, 200) * 500, "currency": "EUR",
                          "stage": rng.choice(["qualified", "proposal", "negotiation", "won", "lost"]),
                          "owner": {"id": rng.randrange(1, 15), "name": f"{fn} {ln}"},
                          "created_at": iso_ms(t), "updated_at": iso_ms(t), "is_deleted": False}

    def handle(self, req):
        check_header(req, "X-Api-Key", self.secrets["api_key"])
        if req.method == "GET" and req.path == "/api/deals":
            page = int_arg(req.arg("page"), "page", 1, 1)
            since = req.arg("updated_since")
            if since is None:
                rows = sorted(self.live.values(), key=lambda r: r["id"])
            else:
                t = parse_ts(since, "updated_since")
                rows = [r for r in list(self.live.values()) + list(self.tombstones.values())
                        if parse_ts(r["updated_at"], "x") >= t]
                rows.sort(key=lambda r: (r["updated_at"], r["id"]))
            chunk = rows[(page - 1) * self.PAGE: page * self.PAGE]
            return jresp({"deals": chunk, "page": page, "has_more": page * self.PAGE < len(rows)})
        not_found(req)

    def advance(self):
        t = now_utc()
        ids = sorted(self.live)
        for k, did in enumerate([ids[5], ids[40], ids[77], ids[120]]):
            r = self.live[did]
            r["stage"], r["value"] = "won", r["value"] + 1000
            r["updated_at"] = iso_ms(t + dt.timedelta(milliseconds=k + 1))
        for k, did in enumerate([ids[2], ids[63], ids[101]]):
            del self.live[did]
            self.tombstones[did] = {"id": did, "is_deleted": True, "updated_at": iso_ms(t + dt.timedelta(milliseconds=10 + k))}
        for k in range(5):
            self._new(max(ids) + 2 * (k + 1), t + dt.timedelta(milliseconds=20 + k))


# --------------------------------------------------------------------------------------------------------------------
# r-11  members_deleted: bearer, page/page_size (max 100) with pagination object, deleted-ids endpoint
# --------------------------------------------------------------------------------------------------------------------


@register("members_deleted")
class MembersDeleted(Mock):
    def setup(self):
        self.secrets = {"token": secret("members_deleted", "token")}
        self.rng = random.Random(1111)
        self.live: dict[str, dict] = {}
        self.deleted = {"m_9001": dt.datetime(2023, 5, 2, tzinfo=UTC), "m_9002": dt.datetime(2023, 11, 19, tzinfo=UTC)}
        for i in range(204):
            self._new(i + 1)

    def _new(self, n: int):
        rng = self.rng
        fn, ln = person(rng)
        self.live[f"m_{n:04d}"] = {"id": f"m_{n:04d}", "name": f"{fn} {ln}", "email": f"{fn}.{ln}.{n}@club.example".lower(),
                                   "tier": rng.choice(["basic", "plus", "gold"]), "points": rng.randrange(0, 5000),
                                   "joined_at": iso(day_ts(rng, dt.datetime(2021, 1, 1, tzinfo=UTC), 1000))}

    def handle(self, req):
        check_scheme(req, "Bearer", self.secrets["token"])
        if req.method != "GET":
            not_found(req)
        if req.path == "/v3/members":
            size = int_arg(req.arg("page_size"), "page_size", 50, 1, 100)
            page = int_arg(req.arg("page"), "page", 1, 1)
            rows = [self.live[k] for k in sorted(self.live)]
            return jresp({"members": rows[(page - 1) * size: page * size],
                          "pagination": {"page": page, "page_size": size, "total_pages": math.ceil(len(rows) / size)}})
        if req.path == "/v3/members/deleted":
            since = req.arg("since")
            t = parse_ts(since, "since") if since else None
            return jresp({"deleted_ids": [k for k, at in sorted(self.deleted.items()) if t is None or at >= t]})
        not_found(req)

    def advance(self):
        t = now_utc()
        for mid in ["m_0017", "m_0088", "m_0120", "m_0199"]:
            del self.live[mid]
            self.deleted[mid] = t
        for n in (205, 206, 207):
            self._new(n)


# --------------------------------------------------------------------------------------------------------------------
# r-12  clockwise: key in query, projects offset/limit (max 25), time_entries cursor/has_more (page_size max 200)
# --------------------------------------------------------------------------------------------------------------------


@register("clockwise")
class Clockwise(Mock):
    def setup(self):
        self.secrets = {"api_key": secret("clockwise", "api_key")}
        rng = random.Random(1212)
        self.projects = [{"id": 40 + i * 3, "name": f"{rng.choice(COMPANIES)} {rng.choice(WORDS)}", "billable": rng.random() < 0.7,
                          "client": rng.choice(COMPANIES), "archived": rng.random() < 0.2,
                          "budget_hours": rng.choice([None, 40, 80, 120, 400])} for i in range(37)]
        self.entries = []
        for i in range(412):
            start = day_ts(rng, dt.datetime(2024, 2, 1, tzinfo=UTC), 60)
            mins = rng.randrange(5, 480)
            self.entries.append({"id": 880000 + i, "project_id": rng.choice(self.projects)["id"], "user": rng.choice(FIRST),
                                 "started_at": iso(start), "duration_minutes": mins, "note": rng.choice(["", "review", "standup", "impl", "bugfix"])})

    def handle(self, req):
        check_query(req, "key", self.secrets["api_key"])
        if req.method != "GET":
            not_found(req)
        if req.path == "/api/projects":
            limit = int_arg(req.arg("limit"), "limit", 10, 1, 25)
            offset = int_arg(req.arg("offset"), "offset", 0, 0)
            return jresp({"count": len(self.projects), "results": self.projects[offset: offset + limit]})
        if req.path == "/api/time_entries":
            size = int_arg(req.arg("page_size"), "page_size", 50, 1, 200)
            cur = req.arg("cursor")
            start = dec_cursor(cur)["o"] if cur else 0
            more = start + size < len(self.entries)
            return jresp({"entries": self.entries[start: start + size],
                          "next_cursor": enc_cursor({"o": start + size}) if more else None, "has_more": more})
        not_found(req)


# --------------------------------------------------------------------------------------------------------------------
# r-13  devices_drift: bearer, top-level list, firmware int -> string and new fields on the second sync
# --------------------------------------------------------------------------------------------------------------------


@register("devices_drift")
class DevicesDrift(Mock):
    def setup(self):
        self.secrets = {"token": secret("devices_drift", "token")}
        rng = random.Random(1313)
        self.rng = rng
        self.rows = [self._device(i) for i in range(23)]
        self.drifted = False

    def _device(self, i: int) -> dict:
        rng = self.rng
        return {"device_id": f"dev-{i + 1:04d}", "name": f"{rng.choice(WORDS)}-{rng.randrange(100, 999)}",
                "model": rng.choice(["TH-10", "TH-20", "GW-1"]), "firmware": rng.choice([3, 3, 4]),
                "status": rng.choice(["online", "online", "offline"]),
                "last_seen": iso(day_ts(rng, dt.datetime(2024, 5, 1, tzinfo=UTC), 10)),
                "tags": rng.sample(["roof", "basement", "lab", "north", "south"], rng.randrange(0, 3))}

    def handle(self, req):
        check_scheme(req, "Bearer", self.secrets["token"])
        if req.method == "GET" and req.path == "/api/devices":
            return jresp(self.rows)
        not_found(req)

    def advance(self):
        rng = self.rng
        self.rows += [self._device(23), self._device(24)]
        for r in self.rows:
            r["firmware"] = f"{r['firmware']}.{rng.randrange(0, 3)}.{rng.randrange(0, 9)}" + rng.choice(["", "", "-rc1"])
            r["battery_pct"] = rng.randrange(5, 100)
            r["location"] = {"lat": round(rng.uniform(51, 53), 5), "lon": round(rng.uniform(4, 6), 5)}


# --------------------------------------------------------------------------------------------------------------------
# r-14  pricing_xml: "Authorization: ApiKey", namespaced XML, offset/count with a Paging element, 503s
# --------------------------------------------------------------------------------------------------------------------


@register("pricing_xml")
class PricingXml(Mock):
    def setup(self):
        self.secrets = {"api_key": secret("pricing_xml", "api_key")}
        self.flaky = Flaky503({2, 3, 6})
        rng = random.Random(1414)
        self.rows = []
        for i in range(133):
            cur, region = rng.choice([("EUR", "EU"), ("USD", "US"), ("GBP", "UK")])
            self.rows.append({"id": f"P-{123 + i * 5:06d}", "product": f"{rng.choice(WORDS).title()} {rng.choice(['Basic', 'Pro', 'Max'])}",
                              "sku": f"PR-{rng.randrange(1000, 9999)}", "region": region, "currency": cur,
                              "amount": f"{rng.uniform(1, 999):.2f}", "valid_from": f"2024-0{rng.randrange(1, 7)}-01",
                              "valid_to": rng.choice([None, "2024-12-31"])})

    def handle(self, req):
        check_scheme(req, "ApiKey", self.secrets["api_key"])
        if req.method == "GET" and req.path == "/pricing/v1/PriceList":
            self.flaky.gate()
            count = int_arg(req.arg("count"), "count", 20, 1, 50)
            offset = int_arg(req.arg("offset"), "offset", 0, 0)
            out = ['<?xml version="1.0" encoding="UTF-8"?>',
                   '<pl:PriceListResponse xmlns:pl="http://schemas.example.com/pricing/2019" xmlns:m="http://schemas.example.com/money">',
                   f'  <pl:Paging offset="{offset}" count="{count}" total="{len(self.rows)}"/>', "  <pl:Prices>"]
            for r in self.rows[offset: offset + count]:
                out += [f'    <pl:Price id="{r["id"]}">', f'      <pl:Product sku="{r["sku"]}">{escape(r["product"])}</pl:Product>',
                        f"      <pl:Region>{r['region']}</pl:Region>",
                        f'      <m:Amount currency="{r["currency"]}">{r["amount"]}</m:Amount>',
                        f"      <pl:ValidFrom>{r['valid_from']}</pl:ValidFrom>"]
                if r["valid_to"]:
                    out.append(f"      <pl:ValidTo>{r['valid_to']}</pl:ValidTo>")
                out.append("    </pl:Price>")
            out += ["  </pl:Prices>", "</pl:PriceListResponse>"]
            return xresp("\n".join(out))
        not_found(req)


# --------------------------------------------------------------------------------------------------------------------
# r-15  gql_repos: X-Api-Key, GraphQL viewer.repositories nodes/pageInfo, first <= 25, RATE_LIMITED inside HTTP 200
# --------------------------------------------------------------------------------------------------------------------


@register("gql_repos")
class GqlRepos(Mock):
    def setup(self):
        self.secrets = {"api_key": secret("gql_repos", "api_key")}
        self.n = 0
        rng = random.Random(1515)
        langs = [None, {"name": "Python"}, {"name": "Go"}, {"name": "TypeScript"}, {"name": "Rust"}]
        self.rows = [{"id": f"R_kgDO{hashlib.md5(str(i).encode()).hexdigest()[:8]}", "name": f"{rng.choice(WORDS)}-{rng.choice(WORDS)}-{i}",
                      "isPrivate": rng.random() < 0.5, "primaryLanguage": rng.choice(langs),
                      "stargazerCount": rng.randrange(0, 3000),
                      "createdAt": iso(day_ts(rng, dt.datetime(2019, 1, 1, tzinfo=UTC), 1800))} for i in range(58)]

    def handle(self, req):
        check_header(req, "X-Api-Key", self.secrets["api_key"])
        if req.path != "/api/graphql":
            not_found(req)
        if req.method != "POST":
            raise HTTPError(405, {"error": "use POST"})
        body = req.json()
        if not isinstance(body, dict) or not isinstance(body.get("query"), str):
            return jresp({"data": None, "errors": [{"type": "BAD_REQUEST", "message": "body must be {query, variables}"}]})
        try:
            args = gql_args(body, "repositories")
        except HTTPError as e:
            return jresp(e.body)
        self.n += 1
        if self.n == 2:
            return jresp({"data": None, "errors": [{"type": "RATE_LIMITED", "message": "API rate limit exceeded, retry shortly"}]})
        first = args.get("first")
        if not isinstance(first, int) or not 1 <= first <= 25:
            return jresp({"data": None, "errors": [{"type": "INVALID_ARGUMENT", "message": "first must be between 1 and 25"}]})
        after = args.get("after")
        start = dec_cursor(after, "after")["i"] + 1 if after else 0
        nodes = self.rows[start: start + first]
        end = enc_cursor({"i": start + len(nodes) - 1}) if nodes else None
        return jresp({"data": {"viewer": {"login": "acme-bot", "repositories": {
            "totalCount": len(self.rows), "nodes": nodes,
            "pageInfo": {"hasNextPage": start + first < len(self.rows), "endCursor": end}}}}})


# --------------------------------------------------------------------------------------------------------------------
# r-16  payroll_oauth: OAuth2 (basic client auth, scope=read), slow sandbox, page/page_size (max 20), nested
#       result.items, departments as a plain array
# --------------------------------------------------------------------------------------------------------------------


@register("payroll_oauth")
class PayrollOauth(Mock):
    def setup(self):
        self.secrets = {"client_id": "pc_" + secret("payroll_oauth", "cid")[4:16],
                        "client_secret": secret("payroll_oauth", "client_secret")}
        self.tokens = OAuthTokens(ttl=2)
        rng = random.Random(1616)
        self.departments = [{"id": 10 + i, "name": n, "cost_center": f"CC-{100 + i}", "parent_id": None if i < 3 else 10 + rng.randrange(0, 3)}
                            for i, n in enumerate(["Engineering", "Sales", "Operations", "Platform", "Mobile", "Data",
                                                   "EMEA Sales", "US Sales", "Partnerships", "Facilities", "Finance",
                                                   "People", "Legal", "Support"])]
        self.employees = []
        for i in range(148):
            fn, ln = person(rng)
            self.employees.append({"id": f"E{2000 + i}", "first_name": fn, "last_name": ln,
                                   "department_id": rng.choice(self.departments)["id"],
                                   "employment": {"type": rng.choice(["full_time", "part_time", "contractor"]),
                                                  "start_date": f"20{rng.randrange(15, 24)}-0{rng.randrange(1, 10)}-01"},
                                   "salary": {"amount": rng.randrange(40, 160) * 1000, "currency": "EUR", "period": "year"},
                                   "active": rng.random() < 0.9})

    def handle(self, req):
        if req.path == "/oauth2/token":
            if req.method != "POST":
                raise HTTPError(405, {"error": "use POST"})
            check_basic(req, self.secrets["client_id"], self.secrets["client_secret"])
            f = req.form()
            if f.get("grant_type") != "client_credentials":
                raise HTTPError(400, {"error": "unsupported_grant_type"})
            if "read" not in (f.get("scope") or "").split():
                raise HTTPError(400, {"error": "invalid_scope", "error_description": "scope=read is required"})
            out = self.tokens.issue()
            out["scope"] = "read"
            return jresp(out)
        self.tokens.check(req)
        if req.method != "GET":
            not_found(req)
        if req.path == "/v1/employees":
            size = int_arg(req.arg("page_size"), "page_size", 10, 1, 20)
            page = int_arg(req.arg("page"), "page", 1, 1)
            return jresp({"result": {"items": self.employees[(page - 1) * size: page * size]},
                          "paging": {"page": page, "page_size": size, "total_pages": math.ceil(len(self.employees) / size)}},
                         delay=0.4)
        if req.path == "/v1/departments":
            return jresp(self.departments, delay=0.4)
        not_found(req)


# --------------------------------------------------------------------------------------------------------------------
# r-17  erp_export: basic auth, server-sized pages + total_pages, two tables, 503s
# --------------------------------------------------------------------------------------------------------------------


@register("erp_export")
class ErpExport(Mock):
    PAGE = 10

    def setup(self):
        self.secrets = {"username": "export", "password": secret("erp_export", "password")}
        self.flaky = Flaky503({3, 4, 9})
        rng = random.Random(1717)
        self.customers = []
        for i in range(31):
            fn, ln = person(rng)
            self.customers.append({"customer_no": f"C{30100 + i}", "name": f"{fn} {ln}", "city": rng.choice(["Lyon", "Gent", "Porto", "Graz"]),
                                   "credit_limit": rng.choice([0, 1000, 5000, 10000]), "created": f"2019-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"})
        self.orders = [{"order_no": 700000 + i * 11, "customer_no": rng.choice(self.customers)["customer_no"],
                        "order_date": f"2024-{rng.randrange(1, 5):02d}-{rng.randrange(1, 29):02d}",
                        "status": rng.choice(["OPEN", "INVOICED", "SHIPPED"]), "amount": round(rng.uniform(10, 4000), 2),
                        "lines": rng.randrange(1, 9)} for i in range(95)]

    def handle(self, req):
        check_basic(req, self.secrets["username"], self.secrets["password"])
        if req.method == "GET" and req.path in ("/export/customers", "/export/orders"):
            self.flaky.gate()
            rows = self.customers if req.path.endswith("customers") else self.orders
            page = int_arg(req.arg("page"), "page", 1, 1)
            return jresp({"data": rows[(page - 1) * self.PAGE: page * self.PAGE],
                          "total_pages": math.ceil(len(rows) / self.PAGE)})
        not_found(req)


# --------------------------------------------------------------------------------------------------------------------
# r-18  items_keyset: "Authorization: Token", keyset after_id/limit (max 100), top-level list, [] at the end
# --------------------------------------------------------------------------------------------------------------------


@register("items_keyset")
class ItemsKeyset(Mock):
    def setup(self):
        self.secrets = {"api_key": secret("items_keyset", "api_key")}
        rng = random.Random(1818)
        ids, cur = [], 0
        for _ in range(257):
            cur += rng.choice([1, 1, 1, 2, 3, 7])
            ids.append(cur)
        self.rows = [{"id": i, "name": f"{rng.choice(WORDS)} {rng.choice(WORDS)}", "category": rng.choice(["tools", "garden", "kitchen", "toys"]),
                      "price_cents": rng.randrange(99, 99999), "in_stock": rng.random() < 0.8} for i in ids]

    def handle(self, req):
        check_scheme(req, "Token", self.secrets["api_key"])
        if req.method == "GET" and req.path == "/items":
            limit = int_arg(req.arg("limit"), "limit", 50, 1, 100)
            after = int_arg(req.arg("after_id"), "after_id", 0)
            return jresp([r for r in self.rows if r["id"] > after][:limit])
        not_found(req)


# --------------------------------------------------------------------------------------------------------------------
# r-19  billing_ratelimit: bearer, next URL in the body, X-RateLimit-* with an epoch reset, lock-out on violation
# --------------------------------------------------------------------------------------------------------------------


@register("billing_ratelimit")
class BillingRatelimit(Mock):
    def setup(self):
        self.secrets = {"token": secret("billing_ratelimit", "token")}
        self.rate = RateWindow(limit=4, window=2, relative_reset=False)
        rng = random.Random(1919)
        self.rows = [{"id": f"in_{rng.randrange(16**6):06x}{i:03d}", "number": f"INV-2024-{i + 1:04d}",
                      "customer_id": f"cus_{rng.randrange(1, 80):03d}", "status": rng.choice(["paid", "open", "void", "uncollectible"]),
                      "amount_due": rng.randrange(500, 500000), "currency": rng.choice(["usd", "eur"]),
                      "lines": [{"description": rng.choice(["Pro plan", "Seats", "Overage"]), "amount": rng.randrange(100, 90000)}
                                for _ in range(rng.randrange(1, 4))],
                      "created": iso(day_ts(rng, dt.datetime(2024, 1, 1, tzinfo=UTC), 100))} for i in range(174)]

    def handle(self, req):
        check_scheme(req, "Bearer", self.secrets["token"])
        headers = self.rate.take()
        if req.method == "GET" and req.path == "/api/v1/invoices":
            limit = int_arg(req.arg("limit"), "limit", 10, 1, 20)
            cur = req.arg("cursor")
            start = dec_cursor(cur)["o"] if cur else 0
            more = start + limit < len(self.rows)
            nxt = f"{self.base_url}/api/v1/invoices?{urllib.parse.urlencode({'cursor': enc_cursor({'o': start + limit}), 'limit': limit})}" if more else None
            return jresp({"data": self.rows[start: start + limit], "links": {"next": nxt}}, headers=headers)
        not_found(req)


# --------------------------------------------------------------------------------------------------------------------
# r-20  shoply_ratelimit: X-Api-Key, page/total_pages, stores -> per-store products, X-RateLimit-Reset in seconds
# --------------------------------------------------------------------------------------------------------------------


@register("shoply_ratelimit")
class ShoplyRatelimit(Mock):
    STORE_PAGE, PRODUCT_PAGE = 5, 10

    def setup(self):
        self.secrets = {"api_key": secret("shoply_ratelimit", "api_key")}
        self.rate = RateWindow(limit=8, window=1, relative_reset=True)
        rng = random.Random(2020)
        self.stores = [{"id": 310 + i * 4, "name": f"{rng.choice(WORDS).title()} Store", "country": rng.choice(["NL", "BE", "DE", "FR"]),
                        "currency": "EUR", "opened_on": f"20{rng.randrange(10, 24)}-0{rng.randrange(1, 10)}-15"} for i in range(12)]
        self.products = {}
        pid = 0
        for s in self.stores:
            lst = []
            for _ in range(rng.choice([0, 3, 7, 10, 12, 18, 23])):
                pid += 1
                lst.append({"id": f"p{pid:05d}", "store_id": s["id"], "title": f"{rng.choice(WORDS).title()} {rng.choice(['Tee', 'Cap', 'Mug', 'Poster'])}",
                            "price": round(rng.uniform(5, 60), 2), "stock": rng.randrange(0, 100), "variants": rng.sample(["S", "M", "L", "XL"], rng.randrange(0, 4))})
            self.products[s["id"]] = lst

    def handle(self, req):
        check_header(req, "X-Api-Key", self.secrets["api_key"])
        headers = self.rate.take()
        if req.method != "GET":
            not_found(req)
        page = int_arg(req.arg("page"), "page", 1, 1)
        if req.path == "/api/stores":
            rows, size, key = self.stores, self.STORE_PAGE, "stores"
        else:
            m = re.fullmatch(r"/api/stores/(\d+)/products", req.path)
            if not m:
                not_found(req)
            if int(m.group(1)) not in self.products:
                raise HTTPError(404, {"error": "store not found"})
            rows, size, key = self.products[int(m.group(1))], self.PRODUCT_PAGE, "products"
        return jresp({key: rows[(page - 1) * size: page * size], "page": page,
                      "total_pages": max(1, math.ceil(len(rows) / size))}, headers=headers)


# --------------------------------------------------------------------------------------------------------------------
# r-21  audit_events: api_key query param, Link header, since= incremental, a truncated body in each sync
# --------------------------------------------------------------------------------------------------------------------


@register("audit_events")
class AuditEvents(Mock):
    def setup(self):
        self.secrets = {"api_key": secret("audit_events", "api_key")}
        self.n = 0
        self.truncate_at = {2}
        self.rng = random.Random(2121)
        t = dt.datetime(2024, 6, 1, tzinfo=UTC)
        self.rows = []
        for i in range(166):
            t += dt.timedelta(seconds=self.rng.randrange(30, 4000))
            self._add(i + 1, t)

    def _add(self, n: int, t: dt.datetime):
        rng = self.rng
        self.rows.append({"id": f"evt_{n:06d}", "occurred_at": iso_ms(t), "actor": {"type": rng.choice(["user", "api_key"]), "id": rng.randrange(1, 40)},
                          "action": rng.choice(["login", "logout", "user.invite", "role.change", "export.create", "key.rotate"]),
                          "ip": f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(256)}",
                          "metadata": {"ua": rng.choice(["cli/2.1", "web", "terraform"]), "success": rng.random() < 0.93}})

    def handle(self, req):
        check_query(req, "api_key", self.secrets["api_key"])
        if req.method == "GET" and req.path == "/v1/events":
            per = int_arg(req.arg("per_page"), "per_page", 25, 1, 50)
            page = int_arg(req.arg("page"), "page", 1, 1)
            since = req.arg("since")
            rows = self.rows
            if since:
                t = parse_ts(since, "since")
                rows = [r for r in rows if parse_ts(r["occurred_at"], "x") >= t]
            last = max(1, math.ceil(len(rows) / per))
            hdr = link_header(self.base_url, req.path, req.query, page, last)
            self.n += 1
            body = rows[(page - 1) * per: page * per]
            if self.n in self.truncate_at:
                return truncated(body)
            return jresp(body, headers=[("Link", hdr)] if hdr else [])
        not_found(req)

    def advance(self):
        t = now_utc()
        for k in range(29):
            self._add(167 + k, t + dt.timedelta(milliseconds=k * 7))
        self.truncate_at = {self.n + 1}


# --------------------------------------------------------------------------------------------------------------------
# r-22  scheduler_jobs: "Authorization: Token", offset/limit (max 100), records at data.jobs, 429 Retry-After: 2
# --------------------------------------------------------------------------------------------------------------------


@register("scheduler_jobs")
class SchedulerJobs(Mock):
    def setup(self):
        self.secrets = {"api_key": secret("scheduler_jobs", "api_key")}
        self.limiter = RetryAfter(2, {2, 5})
        rng = random.Random(2222)
        self.rows = [{"id": f"job_{i * 3 + 17:05d}", "name": f"{rng.choice(['nightly', 'hourly', 'weekly'])}-{rng.choice(WORDS)}",
                      "status": rng.choice(["succeeded", "failed", "running", "queued"]), "runs": rng.randrange(0, 2000),
                      "schedule": rng.choice(["0 2 * * *", "*/15 * * * *", "0 0 * * 0"]),
                      "owner": {"team": rng.choice(["data", "platform", "growth"])},
                      "last_run_at": iso(day_ts(rng, dt.datetime(2024, 4, 1, tzinfo=UTC), 30))} for i in range(321)]

    def handle(self, req):
        check_scheme(req, "Token", self.secrets["api_key"])
        if req.method == "GET" and req.path == "/api/v2/jobs":
            self.limiter.gate()
            limit = int_arg(req.arg("limit"), "limit", 20, 1, 100)
            offset = int_arg(req.arg("offset"), "offset", 0, 0)
            return jresp({"data": {"jobs": self.rows[offset: offset + limit], "total": len(self.rows)},
                          "offset": offset, "limit": limit})
        not_found(req)


# --------------------------------------------------------------------------------------------------------------------
# r-23  cloud_usage: bearer, one-day windows (start/end midnight UTC), data_complete_through in every body
# --------------------------------------------------------------------------------------------------------------------


def _midnight(value: str | None, name: str) -> dt.datetime:
    if not value:
        raise HTTPError(400, {"error": f"{name} is required"})
    t = parse_ts(value, name)
    if (t.hour, t.minute, t.second, t.microsecond) != (0, 0, 0, 0) or t.utcoffset() != dt.timedelta(0):
        raise HTTPError(400, {"error": f"{name} must be midnight UTC"})
    return t


@register("cloud_usage")
class CloudUsage(Mock):
    def setup(self):
        self.secrets = {"token": secret("cloud_usage", "token")}
        self.through = dt.date(2024, 5, 17)

    def rows_for(self, day: dt.date) -> list:
        rng = random.Random(f"usage{day}")
        out = []
        for service, sku, unit in [("compute", "vm.standard.2", "hour"), ("compute", "vm.gpu.1", "hour"),
                                   ("storage", "blob.hot", "gb_month"), ("network", "egress", "gb"), ("database", "pg.small", "hour")]:
            if sku == "vm.gpu.1" and day.day % 3:
                continue
            for region in (["eu-west"] if service != "network" else ["eu-west", "us-east"]):
                q = round(rng.uniform(1, 500), 3)
                out.append({"date": day.isoformat(), "service": service, "sku": sku, "region": region,
                            "quantity": q, "unit": unit, "cost_usd": round(q * rng.uniform(0.01, 0.9), 4)})
        return out

    def handle(self, req):
        check_scheme(req, "Bearer", self.secrets["token"])
        if req.method == "GET" and req.path == "/reports/usage":
            start, end = _midnight(req.arg("start"), "start"), _midnight(req.arg("end"), "end")
            if end - start != dt.timedelta(days=1):
                raise HTTPError(400, {"error": "end - start must be exactly 24 hours",
                                      "data_complete_through": self.through.isoformat()})
            if start.date() > self.through:
                raise HTTPError(400, {"error": f"no complete data for {start.date()} yet",
                                      "data_complete_through": self.through.isoformat()})
            return jresp({"usage": self.rows_for(start.date()), "data_complete_through": self.through.isoformat()})
        not_found(req)

    def advance(self):
        self.through += dt.timedelta(days=2)


# --------------------------------------------------------------------------------------------------------------------
# r-24  kb_articles: basic auth, cursor/next_cursor (limit <= 30), modified_after incremental with a re-pull quota
# --------------------------------------------------------------------------------------------------------------------


@register("kb_articles")
class KbArticles(Mock):
    def setup(self):
        self.secrets = {"username": "svc-warehouse", "password": secret("kb_articles", "password")}
        self.rng = random.Random(2424)
        self.rows: dict[int, dict] = {}
        self.full_allowed_before: dt.datetime | None = None
        for i in range(88):
            self._new(i + 1, day_ts(self.rng, dt.datetime(2023, 9, 1, tzinfo=UTC), 200))

    def _new(self, n: int, t: dt.datetime):
        rng = self.rng
        self.rows[n] = {"id": n, "slug": f"{rng.choice(WORDS)}-{rng.choice(WORDS)}-{n}", "title": f"How to {rng.choice(WORDS)} your {rng.choice(WORDS)}",
                        "section": rng.choice(["billing", "account", "api", "getting-started"]), "version": 1,
                        "author": {"id": rng.randrange(1, 9), "name": " ".join(person(rng))},
                        "body_html": f"<p>{' '.join(rng.sample(WORDS, 8))}</p>", "modified_at": iso_ms(t)}

    def handle(self, req):
        check_basic(req, self.secrets["username"], self.secrets["password"])
        if req.method == "GET" and req.path == "/api/articles":
            limit = int_arg(req.arg("limit"), "limit", 10, 1, 30)
            cur = req.arg("cursor")
            if cur:
                c = dec_cursor(cur)
                after, start = (parse_ts(c["a"], "cursor") if c["a"] else None), c["o"]
            else:
                ma = req.arg("modified_after")
                after, start = (parse_ts(ma, "modified_after") if ma else None), 0
                if self.full_allowed_before and (after is None or after < self.full_allowed_before):
                    raise HTTPError(403, {"error": "quota exceeded: full re-export not allowed; use modified_after from your last sync"})
            rows = sorted(self.rows.values(), key=lambda r: (r["modified_at"], r["id"]))
            if after:
                rows = [r for r in rows if parse_ts(r["modified_at"], "x") >= after]
            more = start + limit < len(rows)
            out = {"articles": rows[start: start + limit]}
            if more:
                out["next_cursor"] = enc_cursor({"a": iso_ms(after) if after else None, "o": start + limit})
            return jresp(out)
        not_found(req)

    def advance(self):
        self.full_allowed_before = max(parse_ts(r["modified_at"], "x") for r in self.rows.values())
        t = now_utc()
        for k, n in enumerate([3, 9, 14, 22, 35, 41, 60, 71, 80]):
            r = self.rows[n]
            r["version"] += 1
            r["title"] += " (updated)"
            r["modified_at"] = iso_ms(t + dt.timedelta(milliseconds=k + 1))
        for k in range(6):
            self._new(89 + k, t + dt.timedelta(milliseconds=20 + k))


# --------------------------------------------------------------------------------------------------------------------
# r-25  users_search: "Authorization: ApiKey", POST search with page_token in body, is_deleted flags on second sync
# --------------------------------------------------------------------------------------------------------------------


@register("users_search")
class UsersSearch(Mock):
    def setup(self):
        self.secrets = {"api_key": secret("users_search", "api_key")}
        self.rng = random.Random(2525)
        self.rows: dict[str, dict] = {}
        for i in range(77):
            self._new(i + 1, day_ts(self.rng, dt.datetime(2023, 1, 1, tzinfo=UTC), 400))

    def _new(self, n: int, t: dt.datetime):
        rng = self.rng
        fn, ln = person(rng)
        uid = f"usr_{n:04d}"
        self.rows[uid] = {"id": uid, "email": f"{fn}.{ln}.{n}@corp.example".lower(), "display_name": f"{fn} {ln}",
                          "role": rng.choice(["member", "admin", "viewer"]), "mfa_enabled": rng.random() < 0.6,
                          "is_deleted": False, "updated_at": iso_ms(t)}

    def handle(self, req):
        check_scheme(req, "ApiKey", self.secrets["api_key"])
        if req.path != "/api/users/search":
            not_found(req)
        if req.method != "POST":
            raise HTTPError(405, {"error": "use POST"})
        if "page_token" in req.query or "page_size" in req.query:
            raise HTTPError(400, {"error": "page_size and page_token go in the JSON body"})
        body = req.json()
        if not isinstance(body, dict):
            raise HTTPError(400, {"error": "body must be an object"})
        size = int_arg(body.get("page_size"), "page_size", 20, 1, 50)
        tok = body.get("page_token")
        ua = body.get("updated_after")
        rows = sorted(self.rows.values(), key=lambda r: (r["updated_at"], r["id"]))
        if ua:
            t = parse_ts(ua, "updated_after")
            rows = [r for r in rows if parse_ts(r["updated_at"], "x") >= t]
        start = dec_cursor(tok, "page_token")["o"] if tok else 0
        more = start + size < len(rows)
        return jresp({"users": rows[start: start + size], "next_page_token": enc_cursor({"o": start + size}) if more else None})

    def advance(self):
        t = now_utc()
        for k, uid in enumerate(["usr_0005", "usr_0031", "usr_0064"]):
            self.rows[uid]["is_deleted"] = True
            self.rows[uid]["updated_at"] = iso_ms(t + dt.timedelta(milliseconds=k + 1))
        for k, uid in enumerate(["usr_0012", "usr_0050"]):
            self.rows[uid]["role"] = "admin"
            self.rows[uid]["updated_at"] = iso_ms(t + dt.timedelta(milliseconds=10 + k))
        for k in range(4):
            self._new(78 + k, t + dt.timedelta(milliseconds=20 + k))


# --------------------------------------------------------------------------------------------------------------------
# r-26  inference_log: OAuth2 (JSON token request, 1 s tokens), offset/limit (max 50), ML records, top_k child table,
#       model_version int -> string and new fields on the second sync
# --------------------------------------------------------------------------------------------------------------------


@register("inference_log")
class InferenceLog(Mock):
    def setup(self):
        self.secrets = {"client_id": "infer-" + secret("inference_log", "cid")[4:14],
                        "client_secret": secret("inference_log", "client_secret")}
        self.tokens = OAuthTokens(ttl=1, grace=0.3)
        self.rng = random.Random(2626)
        self.rows = []
        for i in range(173):
            self._new(i + 1, False)

    def _new(self, n: int, v4: bool):
        rng = self.rng
        p = round(rng.uniform(0.05, 0.95), 3)
        top = [{"label": "churn", "p": p}, {"label": "stay", "p": round(1 - p, 3)}]
        if rng.random() < 0.3:
            top = [{"label": "churn", "p": round(p * 0.8, 3)}, {"label": "stay", "p": round((1 - p) * 0.8, 3)},
                   {"label": "downgrade", "p": round(0.2, 3)}]
        r = {"prediction_id": f"pred_{n:06d}", "model_name": "churn-xgb", "model_version": "4.0-beta" if v4 else 3,
             "features": {"tenure_months": rng.randrange(1, 60), "plan": rng.choice(["free", "pro", "team"]), "seats": rng.randrange(1, 50)},
             "embedding": [round(rng.uniform(-1, 1), 3) for _ in range(6)], "top_k": top,
             "created_at": iso(dt.datetime(2024, 4, 2, tzinfo=UTC) + dt.timedelta(minutes=17 * n))}
        if v4:
            r["latency_ms"] = rng.randrange(3, 80)
            r["explanation"] = {"shap": {"tenure_months": round(rng.uniform(-0.3, 0.3), 3), "seats": round(rng.uniform(-0.3, 0.3), 3)}}
        self.rows.append(r)

    def handle(self, req):
        if req.path == "/auth/token":
            if req.method != "POST":
                raise HTTPError(405, {"error": "use POST"})
            body = req.json()
            if not isinstance(body, dict) or body.get("grant_type") != "client_credentials":
                raise HTTPError(400, {"error": "unsupported_grant_type"})
            if body.get("client_id") != self.secrets["client_id"] or body.get("client_secret") != self.secrets["client_secret"]:
                raise HTTPError(401, {"error": "invalid_client"})
            return jresp(self.tokens.issue())
        self.tokens.check(req)
        if req.method == "GET" and req.path == "/v1/predictions":
            limit = int_arg(req.arg("limit"), "limit", 20, 1, 50)
            offset = int_arg(req.arg("offset"), "offset", 0, 0)
            return jresp({"predictions": self.rows[offset: offset + limit], "total": len(self.rows)}, delay=0.6)
        not_found(req)

    def advance(self):
        for k in range(12):
            self._new(174 + k, True)
