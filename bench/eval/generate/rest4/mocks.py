"""Local mock HTTP APIs for the rest4 generate-evaluation set (standard library only).

serve(source, workdir) starts one mock on 127.0.0.1 (port 0, daemon thread) and yields an object with
.values (placeholders for the task's request and config) and .advance() (the data of a second sync).
Every mock enforces what its task's request says: auth, page-size caps, pagination, date windows, rate
limits. All data is seeded, so row counts are exact.
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


def since_arg(req: Req, name: str) -> tuple[dt.datetime | None, bool]:
    """(parsed value or None if absent, ok)."""
    raw = req.query.get(name)
    if raw is None or raw == "":
        return None, True
    value = parse_iso(raw)
    return value, value is not None


# ---------------------------------------------------------------------------------------------- r4-01
class Fleet(Source):
    """Bearer token; GET /v2/vehicles?page=&per_page= (max 100, default 20); meta.next_page null at the end."""
    seed = 401

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["access_token"] = self.secret("flt_")
        makes = [("Ford", "Transit"), ("Mercedes", "Sprinter"), ("Iveco", "Daily"), ("Renault", "Master"),
                 ("Volvo", "FH16"), ("MAN", "TGX")]
        self.vehicles = []
        for i in range(263):
            mk, model = self.rng.choice(makes)
            self.vehicles.append({
                "id": f"veh_{1000 + i * 7}", "vin": "".join(self.rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789")
                                                          for _ in range(17)),
                "make": mk, "model": model, "year": self.rng.randint(2014, 2024),
                "odometer_km": self.rng.randint(1000, 400000), "status": self.rng.choice(["active", "in_shop", "idle"]),
                "last_ping": {"lat": round(self.rng.uniform(47, 55), 5), "lon": round(self.rng.uniform(6, 15), 5),
                              "at": iso(i * 13)}})

    def handle(self, req: Req) -> Resp:
        if req.header("Authorization") != f"Bearer {self.values['access_token']}":
            return err(401, "invalid or missing bearer token")
        if req.path != "/v2/vehicles":
            return err(404, "not found")
        page, per = int_arg(req, "page", 1), int_arg(req, "per_page", 20)
        if per < 1 or per > 100:
            return err(400, "per_page must be between 1 and 100")
        if page < 1:
            return err(400, "page must be >= 1")
        rows = self.vehicles[(page - 1) * per: page * per]
        more = page * per < len(self.vehicles)
        return J({"vehicles": rows, "meta": {"page": page, "per_page": per, "next_page": page + 1 if more else None}})


# ---------------------------------------------------------------------------------------------- r4-02
class Library(Source):
    """API key in the query (?key=); GET /api/loans?offset=&limit= (max 50) &updated_since=; body loans + total."""
    seed = 402

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["library_key"] = self.secret("lib-", 20)
        self.loans = [self._loan(i, iso(i * 41)) for i in range(210)]

    def _loan(self, i: int, updated: str) -> dict:
        return {"loan_id": 70000 + i, "member_id": self.rng.randint(1, 400), "isbn": f"978{self.rng.randint(10**9, 10**10 - 1)}",
                "branch": self.rng.choice(["central", "north", "harbour", "eastside"]),
                "borrowed_at": iso(i * 41 - 600), "due_at": iso(i * 41 + 20000), "returned_at": None,
                "updated_at": updated}

    def advance(self) -> None:
        for k, loan in enumerate(self.loans[20:30]):
            loan["returned_at"] = now_iso()
            loan["updated_at"] = now_iso(k % 3)
        self.loans += [self._loan(210 + i, now_iso(1)) for i in range(8)]

    def handle(self, req: Req) -> Resp:
        if req.query.get("key") != self.values["library_key"]:
            return err(401, "missing or invalid key parameter")
        if req.path != "/api/loans":
            return err(404, "not found")
        offset, limit = int_arg(req, "offset", 0), int_arg(req, "limit", 25)
        if limit < 1 or limit > 50:
            return err(400, "limit must be between 1 and 50")
        if offset < 0:
            return err(400, "bad offset")
        since, ok = since_arg(req, "updated_since")
        if not ok:
            return err(400, "updated_since must be an ISO 8601 timestamp")
        rows = sorted((x for x in self.loans if since is None or parse_iso(x["updated_at"]) >= since),
                      key=lambda x: (x["updated_at"], x["loan_id"]))
        return J({"loans": rows[offset: offset + limit], "total": len(rows), "offset": offset, "limit": limit})


# ---------------------------------------------------------------------------------------------- r4-03
class Clinic(Source):
    """X-Clinic-Key header; GET /v1/appointments?modified_since=&cursor=&limit= (max 100); data + next_cursor;
    soft deletes through `deleted: true` (4 already deleted before sync 1)."""
    seed = 403

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["clinic_key"] = self.secret("ck_", 28)
        self.appts = [self._appt(i, iso(i * 29)) for i in range(180)]
        for i in (7, 55, 120, 161):
            self.appts[i]["deleted"] = True

    def _appt(self, i: int, modified: str) -> dict:
        return {"appointment_id": f"apt-{20000 + i}", "patient_ref": f"P{self.rng.randint(1000, 9999)}",
                "practitioner": f"Dr. {self.rng.choice(LAST).title()}", "room": self.rng.randint(1, 12),
                "starts_at": iso(i * 29 + 3000), "duration_min": self.rng.choice([15, 20, 30, 45]),
                "status": self.rng.choice(["booked", "confirmed", "arrived", "completed"]),
                "deleted": False, "modified_at": modified}

    def advance(self) -> None:
        for i in (10, 40, 77, 99, 130, 150):
            self.appts[i]["deleted"] = True
            self.appts[i]["modified_at"] = now_iso()
        for i in (3, 60, 90, 111, 170):
            self.appts[i]["status"] = "completed"
            self.appts[i]["modified_at"] = now_iso()
        self.appts += [self._appt(180 + i, now_iso(1)) for i in range(9)]

    def handle(self, req: Req) -> Resp:
        if req.header("X-Clinic-Key") != self.values["clinic_key"]:
            return err(401, "X-Clinic-Key missing or wrong")
        if req.path != "/v1/appointments":
            return err(404, "not found")
        limit = int_arg(req, "limit", 50)
        if limit < 1 or limit > 100:
            return err(400, "limit must be 1..100")
        since, ok = since_arg(req, "modified_since")
        if not ok:
            return err(400, "modified_since must be ISO 8601")
        cursor = req.query.get("cursor")
        start = 0
        if cursor:
            try:
                start = int(base64.urlsafe_b64decode(cursor.encode()).decode().split(":")[1])
            except Exception:
                return err(400, "invalid cursor")
        rows = sorted((a for a in self.appts if since is None or parse_iso(a["modified_at"]) >= since),
                      key=lambda a: (a["modified_at"], a["appointment_id"]))
        page = rows[start: start + limit]
        nxt = base64.urlsafe_b64encode(f"o:{start + limit}".encode()).decode() if start + limit < len(rows) else None
        return J({"data": page, "next_cursor": nxt})


# ---------------------------------------------------------------------------------------------- r4-04
class Podcasts(Source):
    """HTTP basic (email + password); GET /api/shows and /api/shows/{id}/episodes, top-level lists, page/per_page
    (max 25), Link rel=next (absolute)."""
    seed = 404

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values.update(username="ops@castbox.example", password=self.secret("", 16))
        self.shows, self.episodes = [], {}
        eid = 9000
        for s in range(31):
            sid = 300 + s * 2
            self.shows.append({"id": sid, "title": f"The {self.rng.choice(WORDS).title()} Hour",
                               "host": self.rng.choice(FIRST).title(), "language": self.rng.choice(["en", "de", "es"]),
                               "created_at": iso(s * 1000)})
            eps = []
            for e in range(self.rng.randint(0, 60)):
                eid += 1
                eps.append({"id": eid, "show_id": sid, "number": e + 1,
                            "title": " ".join(self.rng.sample(WORDS, 3)), "duration_sec": self.rng.randint(600, 5400),
                            "published_at": iso(s * 1000 + e * 10080)})
            self.episodes[sid] = eps

    def page(self, req: Req, rows: list) -> Resp:
        page, per = int_arg(req, "page", 1), int_arg(req, "per_page", 10)
        if per < 1 or per > 25:
            return err(400, "per_page must be 1..25")
        if page < 1:
            return err(400, "page must be >= 1")
        headers = {}
        if page * per < len(rows):
            headers["Link"] = f'<{self.base_url}{req.path}?page={page + 1}&per_page={per}>; rel="next"'
        return J(rows[(page - 1) * per: page * per], headers=headers)

    def handle(self, req: Req) -> Resp:
        if req.basic() != (self.values["username"], self.values["password"]):
            return J({"error": "unauthorized"}, 401, {"WWW-Authenticate": 'Basic realm="api"'})
        if req.path == "/api/shows":
            return self.page(req, self.shows)
        m = re.fullmatch(r"/api/shows/(\d+)/episodes", req.path)
        if m and int(m.group(1)) in self.episodes:
            return self.page(req, self.episodes[int(m.group(1))])
        return err(404, "not found")


# ---------------------------------------------------------------------------------------------- r4-05
class Stock(Source):
    """Authorization: Token <key>; GET /api/stock-levels?page=&size= (max 200); data.items + has_more; no id per row
    (key sku + warehouse); every 3rd request is a 429 with Retry-After: 1."""
    seed = 405

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["stock_token"] = self.secret("st_", 30)
        self.rows = []
        for n in range(150):
            sku = f"SKU-{self.rng.randint(10, 99)}{n:03d}"
            for wh in ("DUB1", "RTM2", "WAW3"):
                self.rows.append({"sku": sku, "warehouse": wh, "on_hand": self.rng.randint(0, 900),
                                  "reserved": self.rng.randint(0, 40), "bin": f"{self.rng.choice('ABCDEF')}-{self.rng.randint(1, 40)}",
                                  "counted_at": iso(n * 17)})

    def handle(self, req: Req) -> Resp:
        if req.header("Authorization") != f"Token {self.values['stock_token']}":
            return err(401, "bad token")
        if req.path != "/api/stock-levels":
            return err(404, "not found")
        self.requests += 1
        if self.requests % 3 == 0:
            return J({"error": "rate limit exceeded"}, 429, {"Retry-After": "1"})
        page, size = int_arg(req, "page", 1), int_arg(req, "size", 50)
        if size < 1 or size > 200:
            return err(400, "size must be 1..200")
        if page < 1:
            return err(400, "page starts at 1")
        rows = self.rows[(page - 1) * size: page * size]
        return J({"data": {"items": rows, "page": page}, "has_more": page * size < len(self.rows)})


# ---------------------------------------------------------------------------------------------- r4-06
class Meters(Source):
    """x-api-key header; GET /api/meters (top-level list); GET /api/readings?from=&to= (YYYY-MM-DD inclusive, at most
    31 days, `to` not after today) -> {"readings": [...]}; daily readings from 2023-11-01 to 2024-04-30."""
    seed = 406

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_key"] = self.secret("", 32)
        self.meters = [{"meter_id": f"MTR-{4400 + m}", "site": f"{self.rng.choice(WORDS).title()} plant",
                        "type": self.rng.choice(["electricity", "gas", "heat"]), "unit": "kWh"} for m in range(14)]
        self.readings = []
        day0 = dt.date(2023, 11, 1)
        for d in range(182):
            day = day0 + dt.timedelta(days=d)
            for m, meter in enumerate(self.meters):
                if m >= 11 and day < dt.date(2024, 3, 1):  # three meters installed in March
                    continue
                self.readings.append({"meter_id": meter["meter_id"], "reading_date": day.isoformat(),
                                      "kwh": round(self.rng.uniform(20, 900), 2)})

    def handle(self, req: Req) -> Resp:
        if req.header("x-api-key") != self.values["api_key"]:
            return err(403, "Forbidden: x-api-key")
        if req.path == "/api/meters":
            return J(self.meters)
        if req.path != "/api/readings":
            return err(404, "not found")
        try:
            start = dt.date.fromisoformat(req.query.get("from", ""))
            end = dt.date.fromisoformat(req.query.get("to", ""))
        except ValueError:
            return err(400, "from and to are required, format YYYY-MM-DD")
        if end < start or (end - start).days > 30:
            return err(400, "window must be 1 to 31 days (from and to inclusive)")
        if end > dt.datetime.now(dt.timezone.utc).date():
            return err(400, "to cannot be in the future")
        rows = [r for r in self.readings if start.isoformat() <= r["reading_date"] <= end.isoformat()]
        return J({"from": start.isoformat(), "to": end.isoformat(), "readings": rows})


# ---------------------------------------------------------------------------------------------- r4-07
class Timesheets(Source):
    """POST /api/auth {username, password} (JSON) -> {"token"}; Bearer; GET /api/timesheets?limit= (max 50) ->
    timesheets + links.next (absolute, null at the end); entries nested per timesheet."""
    seed = 407

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values.update(hr_user="svc-fivetran", hr_password=self.secret("", 14))
        self.tokens: set[str] = set()
        self.sheets, entry = [], 500000
        for i in range(124):
            entries = []
            for _ in range(self.rng.randint(0, 9)):
                entry += self.rng.randint(1, 4)
                entries.append({"entry_id": entry, "work_date": iso(i * 1440)[:10],
                                "project": self.rng.choice(["ERP", "Website", "Audit", "Onboarding"]),
                                "hours": self.rng.choice([0.5, 1, 1.5, 2, 4, 8])})
            self.sheets.append({"id": 8800 + i, "employee": {"id": self.rng.randint(1, 60), "name": self.rng.choice(FIRST).title()},
                                "week_start": iso(i * 1440)[:10], "approved": self.rng.random() < 0.7, "entries": entries})

    def handle(self, req: Req) -> Resp:
        if req.path == "/api/auth":
            body = req.json()
            if req.method != "POST" or not isinstance(body, dict):
                return err(400, "POST a JSON body {username, password}")
            if (body.get("username"), body.get("password")) != (self.values["hr_user"], self.values["hr_password"]):
                return err(401, "invalid credentials")
            token = self.secret("", 32)
            self.tokens.add(token)
            return J({"token": token, "expires_in": 3600})
        auth = req.header("Authorization")
        if not auth.startswith("Bearer ") or auth[7:] not in self.tokens:
            return err(401, "login first: POST /api/auth")
        if req.path != "/api/timesheets":
            return err(404, "not found")
        limit, start = int_arg(req, "limit", 20), int_arg(req, "start", 0)
        if limit < 1 or limit > 50:
            return err(400, "limit must be 1..50")
        rows = self.sheets[start: start + limit]
        nxt = f"{self.base_url}/api/timesheets?start={start + limit}&limit={limit}" if start + limit < len(self.sheets) else None
        return J({"timesheets": rows, "links": {"self": f"{self.base_url}{req.path}", "next": nxt}})


# ---------------------------------------------------------------------------------------------- r4-08
class Grades(Source):
    """Bearer; /api/students, /api/courses, /api/grades, offset/limit (max 100), each wrapped differently."""
    seed = 408

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["sis_token"] = self.secret("sis_", 26)
        self.students = [{"student_id": 10000 + i, "first_name": self.rng.choice(FIRST).title(),
                          "last_name": self.rng.choice(LAST).title(), "grade_level": self.rng.randint(7, 12)}
                         for i in range(245)]
        self.courses = [{"course_code": f"{subj}{n}", "title": f"{subj} {n}", "credits": self.rng.choice([1, 2, 3])}
                        for subj in ("MATH", "BIO", "HIST", "ENG", "CHEM") for n in (101, 102, 201)]
        self.grades = []
        for s in self.students:
            for term in ("2024-FALL", "2025-SPRING"):
                for c in self.rng.sample(self.courses, 2):
                    self.grades.append({"student_id": s["student_id"], "course_code": c["course_code"], "term": term,
                                        "grade": self.rng.choice(["A", "A-", "B+", "B", "C", "D", "F"]),
                                        "points": round(self.rng.uniform(50, 100), 1)})

    def handle(self, req: Req) -> Resp:
        if req.header("Authorization") != f"Bearer {self.values['sis_token']}":
            return err(401, "unauthorized")
        offset, limit = int_arg(req, "offset", 0), int_arg(req, "limit", 50)
        if limit < 1 or limit > 100:
            return err(400, "limit must be 1..100")
        if offset < 0:
            return err(400, "bad offset")
        if req.path == "/api/students":
            return J({"students": self.students[offset: offset + limit], "total": len(self.students)})
        if req.path == "/api/courses":
            return J({"results": self.courses[offset: offset + limit], "count": len(self.courses)})
        if req.path == "/api/grades":
            return J({"data": {"items": self.grades[offset: offset + limit]}, "paging": {"total": len(self.grades)}})
        return err(404, "not found")


# ---------------------------------------------------------------------------------------------- r4-09
class Parking(Source):
    """X-Parkly-Token header; GET /v1/sessions?limit= (max 200) &starting_after=<id> &updated_since=; sessions +
    has_more; sorted by id."""
    seed = 409

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["parkly_token"] = self.secret("pk_live_", 24)
        self.sessions, sid = [], 3_000_000
        for i in range(520):
            sid += self.rng.randint(1, 9)
            self.sessions.append(self._session(sid, i, iso(i * 7)))
        self.next_id = sid

    def _session(self, sid: int, i: int, updated: str) -> dict:
        return {"id": sid, "zone": self.rng.choice(["A1", "A2", "B", "C-long-stay"]),
                "plate": f"{self.rng.choice('BKLMS')}-{self.rng.randint(100, 9999)}",
                "started_at": iso(i * 7 - 30), "ended_at": iso(i * 7), "amount_cents": self.rng.randint(100, 4000),
                "state": "closed", "updated_at": updated}

    def advance(self) -> None:
        for s in self.rng.sample(self.sessions, 12):
            s["state"] = "refunded"
            s["updated_at"] = now_iso()
        for i in range(20):
            self.next_id += self.rng.randint(1, 9)
            self.sessions.append(self._session(self.next_id, 520 + i, now_iso(1)))

    def handle(self, req: Req) -> Resp:
        if req.header("X-Parkly-Token") != self.values["parkly_token"]:
            return err(401, "invalid X-Parkly-Token")
        if req.path != "/v1/sessions":
            return err(404, "not found")
        limit, after = int_arg(req, "limit", 50), int_arg(req, "starting_after", 0)
        if limit < 1 or limit > 200:
            return err(400, "limit must be 1..200")
        since, ok = since_arg(req, "updated_since")
        if not ok:
            return err(400, "updated_since must be ISO 8601")
        rows = [s for s in self.sessions if s["id"] > after and (since is None or parse_iso(s["updated_at"]) >= since)]
        return J({"sessions": rows[:limit], "has_more": len(rows) > limit})


# ---------------------------------------------------------------------------------------------- r4-10
class Reservations(Source):
    """X-Api-Token header; POST /api/v3/reservations/search with JSON {page, page_size (max 100)}; hits + total."""
    seed = 410

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.values["api_token"] = self.secret("tbl_", 20)
        self.hits = [{"reservation_id": f"R{60000 + i}", "restaurant": self.rng.choice(["Oslo", "Bergen", "Lyon"]),
                      "party_size": self.rng.randint(1, 12), "booked_for": iso(i * 55),
                      "guest": {"name": f"{self.rng.choice(FIRST).title()} {self.rng.choice(LAST).title()}",
                                "phone": f"+47 {self.rng.randint(40000000, 99999999)}"},
                      "status": self.rng.choice(["confirmed", "seated", "no_show", "cancelled"])} for i in range(333)]

    def handle(self, req: Req) -> Resp:
        if req.header("X-Api-Token") != self.values["api_token"]:
            return err(401, "X-Api-Token missing or invalid")
        if req.path != "/api/v3/reservations/search":
            return err(404, "not found")
        if req.method != "POST":
            return err(405, "use POST with a JSON body")
        body = req.json()
        if not isinstance(body, dict):
            return err(400, "body must be JSON")
        page, size = body.get("page", 1), body.get("page_size", 20)
        if not isinstance(page, int) or not isinstance(size, int) or page < 1:
            return err(400, "page and page_size must be integers, page >= 1")
        if size < 1 or size > 100:
            return err(400, "page_size must be 1..100")
        return J({"hits": self.hits[(page - 1) * size: page * size], "total": len(self.hits), "page": page})


SOURCES = {"fleet": Fleet, "library": Library, "clinic": Clinic, "podcasts": Podcasts, "stock": Stock,
           "meters": Meters, "timesheets": Timesheets, "grades": Grades, "parking": Parking,
           "reservations": Reservations}
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
