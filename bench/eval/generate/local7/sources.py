"""Local file and database sources for the local7 generate-evaluation set.

make(source, workdir) is a context manager that writes the source's files under workdir (seeded with
random.Random(<class name>), so every run writes the same bytes) and yields an object with `.values`
(placeholders for the task's config: `folder` or `db_path`, absolute) and `.advance()` (the changes
before the second sync).

Initial files get fixed modification times in 2024; advance() stamps what it touches with the current
time plus 5 s, so a connector that tracks modification times sees them change.
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import io
import json
import os
import random
import sqlite3
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path


def _stamp(path: Path, when: float) -> None:
    os.utime(path, (when, when))


def _past(day: int) -> float:
    """A fixed 2024 timestamp, `day` days after 2024-04-01 07:00 local time."""
    return datetime(2024, 4, 1, 7, 0, 0).timestamp() + day * 86400


def _now() -> float:
    return time.time() + 5


def _delimited(header: list[str], rows: list[list], delimiter: str) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


class _Source:
    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.rng = random.Random(self.__class__.__name__)
        self.values: dict[str, str] = {}

    def advance(self) -> None:  # pragma: no cover - overridden
        pass


# ---------------------------------------------------------------------------------------------------
# l7-01: weather stations, one semicolon CSV per month; the current month's file gets a line per
# station appended every day (the file grows in place, its name stays).
class WeatherCsv(_Source):
    HEADER = ["station", "date", "t_min", "t_max", "rain_mm", "wind_kmh"]
    STATIONS = ["WS01", "WS02", "WS03", "WS04", "WS05", "WS06"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "wx" / "exports"
        self.folder.mkdir(parents=True)
        april = [r for d in range(30) for r in self._day(date(2024, 4, 1) + timedelta(days=d))]
        self._write("wx_2024-04.csv", april, _past(30))
        self.may = [r for d in range(12) for r in self._day(date(2024, 5, 1) + timedelta(days=d))]
        self._write("wx_2024-05.csv", self.may, _past(42))
        self.values = {"folder": str(self.folder)}

    def _day(self, d: date) -> list[list]:
        rows = []
        for s in self.STATIONS:
            lo = round(self.rng.uniform(-2, 12), 1)
            rows.append([s, d.isoformat(), lo, round(lo + self.rng.uniform(3, 14), 1),
                         round(max(0.0, self.rng.uniform(-6, 14)), 1), self.rng.randint(0, 55)])
        return rows

    def _write(self, name: str, rows: list[list], when: float) -> None:
        path = self.folder / name
        path.write_text(_delimited(self.HEADER, rows, ";"))
        _stamp(path, when)

    def advance(self) -> None:
        # three more days appended to the May file (18 rows): 252 -> 270
        more = [r for d in range(12, 15) for r in self._day(date(2024, 5, 1) + timedelta(days=d))]
        path = self.folder / "wx_2024-05.csv"
        with path.open("a") as fh:
            csv.writer(fh, delimiter=";", lineterminator="\n").writerows(more)
        _stamp(path, _now())


# ---------------------------------------------------------------------------------------------------
# l7-02: phone system exports, tab separated, header words with spaces and capitals; each daily export
# covers the last 48 hours, so every call is in two consecutive files (identical lines).
class CallExports(_Source):
    HEADER = ["Call ID", "Started At", "Agent Name", "Queue", "Duration (s)", "Outcome"]
    AGENTS = ["Maria Silva", "Tom Becker", "Aiko Tanaka", "Sam O'Neill", "Priya Nair", "Lars Holm"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "pbx" / "exports"
        self.folder.mkdir(parents=True)
        self.next_id = 880100
        self.calls: dict[int, list[list]] = {d: self._calls(d) for d in range(1, 5)}  # June 1..4, 60 each
        for n, day in enumerate([3, 4, 5]):
            self._export(day, _past(63 + n))
        self.values = {"folder": str(self.folder)}

    def _calls(self, day: int) -> list[list]:
        rows = []
        for _ in range(60):
            self.next_id += 1
            outcome = self.rng.choice(["answered", "answered", "answered", "voicemail", "abandoned"])
            rows.append([f"C{self.next_id}", f"2024-06-{day:02d} {self.rng.randint(8, 18):02d}:"
                         f"{self.rng.randint(0, 59):02d}:{self.rng.randint(0, 59):02d}",
                         self.rng.choice(self.AGENTS) if outcome != "abandoned" else "",
                         self.rng.choice(["Sales", "Support", "Billing"]),
                         self.rng.randint(20, 1500) if outcome == "answered" else self.rng.randint(0, 40), outcome])
        return sorted(rows, key=lambda r: r[1])

    def _export(self, day: int, when: float) -> None:
        rows = self.calls[day - 2] + self.calls[day - 1]
        path = self.folder / f"calls_2024-06-{day:02d}.tsv"
        path.write_text(_delimited(self.HEADER, rows, "\t"))
        _stamp(path, when)

    def advance(self) -> None:
        self.calls[5] = self._calls(5)
        self._export(6, _now())  # days 4 and 5: 60 new calls, 240 -> 300


# ---------------------------------------------------------------------------------------------------
# l7-03: purchase orders as JSON array files, one object per order with a nested supplier object and
# a `lines` array (line_no restarts at 1 in every order). A later file can carry a revised order again.
class PurchaseOrders(_Source):
    SKUS = [f"MAT-{n:04d}" for n in range(1, 61)]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "procurement" / "outbox"
        self.folder.mkdir(parents=True)
        self.next_po = 0
        self.orders: dict[str, dict] = {}
        for n in range(1, 4):
            batch = [self._order(n) for _ in range(40)]
            self._file(n, batch, _past(70 + n))
        (self.folder / "README.md").write_text("Files here are written by the ERP export job.\n")
        _stamp(self.folder / "README.md", _past(70))
        self.values = {"folder": str(self.folder)}

    def _line(self, no: int) -> dict:
        return {"line_no": no, "sku": self.rng.choice(self.SKUS), "qty": self.rng.randint(1, 40),
                "unit_price": round(self.rng.uniform(0.5, 120), 2)}

    def _order(self, batch: int) -> dict:
        self.next_po += 1
        sid = self.rng.randint(1, 15)
        po = {"po_number": f"PO-24-{self.next_po:05d}",
              "supplier": {"id": f"SUP{sid:03d}", "name": f"Supplier {sid}"},
              "ordered_at": f"2024-06-{batch * 5:02d}T{self.rng.randint(8, 17):02d}:{self.rng.randint(0, 59):02d}:00Z",
              "currency": self.rng.choice(["EUR", "EUR", "USD"]), "status": "open",
              "lines": [self._line(i) for i in range(1, self.rng.randint(1, 5) + 1)]}
        self.orders[po["po_number"]] = po
        return po

    def _file(self, n: int, batch: list[dict], when: float) -> None:
        path = self.folder / f"purchase_orders_{n:04d}.json"
        path.write_text(json.dumps(batch, indent=2))
        _stamp(path, when)

    def counts(self) -> tuple[int, int]:
        return len(self.orders), sum(len(o["lines"]) for o in self.orders.values())

    def advance(self) -> None:
        # file 4: 30 new orders and 5 earlier orders revised (one more line each, status changed)
        batch = [self._order(4) for _ in range(30)]
        for number in ["PO-24-00003", "PO-24-00017", "PO-24-00044", "PO-24-00080", "PO-24-00101"]:
            po = self.orders[number]
            po["lines"].append(self._line(len(po["lines"]) + 1))
            po["status"] = "amended"
            batch.append(po)
        self._file(4, batch, _now())


# ---------------------------------------------------------------------------------------------------
# l7-04: blog CMS change feed: one gzipped JSON-lines file per night with the full record of every
# article that changed that day; a deleted article comes once more with "deleted": true.
class CmsFeed(_Source):
    AUTHORS = ["jdoe", "mkowalski", "afernandes", "lchen", "okafor"]
    TAGS = ["release", "howto", "company", "engineering", "events", "customers"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "cms" / "changes"
        self.folder.mkdir(parents=True)
        self.articles: dict[int, dict] = {}
        self.next_id = 1000
        # day 1: 80 new; day 2: 40 new, 10 edits; day 3: 30 new, 6 deleted, plus one article written and
        # deleted the same day (only its deleted record appears); day 4: 20 new, 5 edits, 2 deleted
        self._night(date(2024, 7, 1), 80, [], [], 0, _past(91))
        self._night(date(2024, 7, 2), 40, self._pick(10), [], 0, _past(92))
        self._night(date(2024, 7, 3), 30, [], self._pick(6), 1, _past(93))
        self._night(date(2024, 7, 4), 20, self._pick(5), self._pick(2), 0, _past(94))
        self.values = {"folder": str(self.folder)}

    def _pick(self, n: int) -> list[int]:
        live = sorted(k for k, a in self.articles.items() if not a["deleted"])
        return self.rng.sample(live, n)

    def _new(self, day: date) -> dict:
        self.next_id += 1
        at = f"{day.isoformat()}T{self.rng.randint(6, 22):02d}:{self.rng.randint(0, 59):02d}:00Z"
        return {"id": self.next_id, "slug": f"post-{self.next_id}", "title": f"Post number {self.next_id}",
                "author": self.rng.choice(self.AUTHORS), "tags": self.rng.sample(self.TAGS, self.rng.randint(0, 3)),
                "word_count": self.rng.randint(250, 3000), "published_at": at, "updated_at": at, "deleted": False}

    def _night(self, day: date, new: int, edits: list[int], deletes: list[int], ghosts: int, when: float) -> None:
        out = []
        for _ in range(new):
            a = self._new(day)
            self.articles[a["id"]] = a
            out.append(a)
        stamp = f"{day.isoformat()}T23:10:00Z"
        for k in edits:
            a = self.articles[k]
            a.update(title=a["title"] + " (updated)", word_count=a["word_count"] + 40, updated_at=stamp)
            out.append(dict(a))
        for k in deletes:
            a = self.articles[k]
            a.update(deleted=True, updated_at=stamp)
            out.append(dict(a))
        for _ in range(ghosts):
            a = self._new(day)
            a.update(deleted=True, updated_at=stamp)
            out.append(a)
        text = "".join(json.dumps(a) + "\n" for a in out)
        path = self.folder / f"articles-{day.isoformat()}.jsonl.gz"
        with gzip.GzipFile(path, "wb", mtime=0) as fh:
            fh.write(text.encode())
        _stamp(path, when)

    def counts(self) -> tuple[int, int]:
        return len(self.articles), sum(a["deleted"] for a in self.articles.values())

    def advance(self) -> None:
        # day 5: 25 new, 3 edits, 4 deleted: articles 170 -> 195, deleted 8 -> 12
        self._night(date(2024, 7, 5), 25, self._pick(3), self._pick(4), 0, _now())


# ---------------------------------------------------------------------------------------------------
# l7-05: hotel property-management SQLite file; only rooms, guests and bookings are wanted; bookings has
# an updated_at text column written on every change.
class HotelSqlite(_Source):
    DDL = """
    CREATE TABLE rooms (room_no TEXT PRIMARY KEY, floor INTEGER, room_type TEXT, beds INTEGER,
                        base_rate REAL);
    CREATE TABLE guests (guest_id INTEGER PRIMARY KEY AUTOINCREMENT, first_name TEXT, last_name TEXT,
                         email TEXT, country TEXT, created_at TEXT);
    CREATE TABLE bookings (booking_id INTEGER PRIMARY KEY AUTOINCREMENT, guest_id INTEGER REFERENCES guests(guest_id),
                           room_no TEXT REFERENCES rooms(room_no), check_in TEXT, check_out TEXT,
                           status TEXT, total_price REAL, created_at TEXT, updated_at TEXT NOT NULL);
    CREATE INDEX idx_bookings_updated ON bookings(updated_at);
    CREATE TABLE payments (payment_id INTEGER PRIMARY KEY, booking_id INTEGER, amount REAL, method TEXT,
                           card_last4 TEXT, paid_at TEXT);
    CREATE TABLE user_sessions (token TEXT PRIMARY KEY, user_name TEXT, expires_at TEXT);
    CREATE TABLE schema_migrations (version TEXT PRIMARY KEY, applied_at TEXT);
    """
    COUNTRIES = ["PT", "ES", "DE", "FR", "GB", "US", "BR", "IT", "NL"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.path = workdir / "pms" / "hotel.sqlite"
        self.path.parent.mkdir(parents=True)
        con = sqlite3.connect(self.path)
        con.executescript(self.DDL)
        rooms = []
        for floor in range(1, 5):
            for n in range(1, 7):
                kind = self.rng.choice(["single", "double", "double", "suite"])
                rooms.append((f"{floor}{n:02d}", floor, kind, {"single": 1, "double": 2, "suite": 3}[kind],
                              {"single": 79.0, "double": 119.0, "suite": 240.0}[kind]))
        con.executemany("INSERT INTO rooms VALUES (?,?,?,?,?)", rooms)
        self.rooms = [r[0] for r in rooms]
        for i in range(1, 151):
            self._guest(con, i, "2024-05-01 09:00:00")
        base = datetime(2024, 6, 1, 8, 0, 0)
        for i in range(300):
            at = base + timedelta(minutes=137 * i)
            self._booking(con, self.rng.randint(1, 150), at)
        for i in range(1, 281):
            con.execute("INSERT INTO payments VALUES (?,?,?,?,?,?)",
                        (i, i, round(self.rng.uniform(80, 900), 2), self.rng.choice(["card", "cash", "transfer"]),
                         f"{self.rng.randint(0, 9999):04d}", "2024-06-30 12:00:00"))
        con.executemany("INSERT INTO user_sessions VALUES (?,?,?)",
                        [(f"tok{i:05d}", f"frontdesk{i % 4}", "2024-07-01") for i in range(35)])
        con.executemany("INSERT INTO schema_migrations VALUES (?,?)",
                        [(f"2023{m:02d}01_{m}", "2023-12-01") for m in range(1, 13)])
        con.commit()
        con.close()
        _stamp(self.path, _past(100))
        self.values = {"db_path": str(self.path)}

    def _guest(self, con: sqlite3.Connection, i: int, at: str) -> None:
        con.execute("INSERT INTO guests (first_name, last_name, email, country, created_at) VALUES (?,?,?,?,?)",
                    (f"Guest{i}", f"Family{i % 37}", f"guest{i}@mail.test", self.rng.choice(self.COUNTRIES), at))

    def _booking(self, con: sqlite3.Connection, guest: int, at: datetime) -> None:
        check_in = date(2024, 7, 1) + timedelta(days=self.rng.randint(0, 60))
        nights = self.rng.randint(1, 7)
        stamp = at.strftime("%Y-%m-%d %H:%M:%S")
        con.execute("INSERT INTO bookings (guest_id, room_no, check_in, check_out, status, total_price, created_at, "
                    "updated_at) VALUES (?,?,?,?,?,?,?,?)",
                    (guest, self.rng.choice(self.rooms), check_in.isoformat(),
                     (check_in + timedelta(days=nights)).isoformat(), "confirmed",
                     round(nights * self.rng.uniform(79, 260), 2), stamp, stamp))

    def advance(self) -> None:
        # 10 new guests (160), 30 new bookings (330), 15 bookings cancelled or changed
        con = sqlite3.connect(self.path)
        for i in range(151, 161):
            self._guest(con, i, "2024-07-02 10:00:00")
        base = datetime(2024, 7, 2, 8, 0, 0)
        for i in range(30):
            self._booking(con, self.rng.randint(1, 160), base + timedelta(minutes=20 * i))
        for n, bid in enumerate(self.rng.sample(range(1, 301), 15)):
            con.execute("UPDATE bookings SET status = ?, updated_at = ? WHERE booking_id = ?",
                        (self.rng.choice(["cancelled", "checked_in"]), f"2024-07-02 1{n % 10}:30:00", bid))
        con.execute("INSERT INTO user_sessions VALUES ('tok99999', 'frontdesk1', '2024-07-03')")
        con.commit()
        con.close()
        _stamp(self.path, _now())


# ---------------------------------------------------------------------------------------------------
# l7-06: fleet maintenance SQLite file: work_orders carry a global integer row_version bumped on every
# insert and update; a monthly cost view is wanted as a table (its rows change when work orders do).
class FleetSqlite(_Source):
    DDL = """CREATE TABLE vehicles (
    id INTEGER PRIMARY KEY,
    plate TEXT NOT NULL UNIQUE,
    make TEXT,
    model TEXT,
    year INTEGER,
    depot TEXT
);
CREATE TABLE work_orders (
    id INTEGER PRIMARY KEY,
    vehicle_id INTEGER NOT NULL REFERENCES vehicles(id),
    opened_on TEXT NOT NULL,      -- YYYY-MM-DD
    closed_on TEXT,
    kind TEXT,                    -- service, repair, tyres, inspection
    cost_eur REAL,
    row_version INTEGER NOT NULL  -- global counter, bumped on every insert/update
);
CREATE INDEX ix_work_orders_row_version ON work_orders(row_version);
CREATE VIEW monthly_vehicle_costs AS
    SELECT vehicle_id, substr(opened_on, 1, 7) AS month, count(*) AS work_orders,
           round(sum(cost_eur), 2) AS total_cost_eur
    FROM work_orders
    GROUP BY vehicle_id, substr(opened_on, 1, 7);"""
    MAKES = [("Ford", "Transit"), ("Mercedes", "Sprinter"), ("Renault", "Master"), ("Iveco", "Daily"),
             ("VW", "Crafter")]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.path = workdir / "fleet" / "fleet.db"
        self.path.parent.mkdir(parents=True)
        con = sqlite3.connect(self.path)
        con.executescript(self.DDL)
        for i in range(1, 21):
            mk, model = self.rng.choice(self.MAKES)
            con.execute("INSERT INTO vehicles VALUES (?,?,?,?,?,?)",
                        (i, f"FL-{self.rng.randint(100, 999)}-{i:02d}", mk, model, self.rng.randint(2015, 2023),
                         self.rng.choice(["North", "South", "Harbour"])))
        self.version = 0
        self.next_id = 0
        for _ in range(240):
            self._order(con, date(2024, 1, 1) + timedelta(days=self.rng.randint(0, 181)))
        con.commit()
        con.close()
        _stamp(self.path, _past(110))
        self.values = {"db_path": str(self.path)}

    def _order(self, con: sqlite3.Connection, opened: date) -> None:
        self.next_id += 1
        self.version += 1
        closed = opened + timedelta(days=self.rng.randint(0, 6)) if self.rng.random() < 0.9 else None
        con.execute("INSERT INTO work_orders VALUES (?,?,?,?,?,?,?)",
                    (self.next_id, self.rng.randint(1, 20), opened.isoformat(), closed.isoformat() if closed else None,
                     self.rng.choice(["service", "repair", "tyres", "inspection"]),
                     round(self.rng.uniform(60, 2400), 2), self.version))

    def view_rows(self) -> int:
        con = sqlite3.connect(self.path)
        try:
            return con.execute("SELECT count(*) FROM monthly_vehicle_costs").fetchone()[0]
        finally:
            con.close()

    def advance(self) -> None:
        # 30 new work orders (late June and July), 12 earlier ones closed or re-costed
        con = sqlite3.connect(self.path)
        for _ in range(30):
            self._order(con, date(2024, 6, 20) + timedelta(days=self.rng.randint(0, 30)))
        for wid in self.rng.sample(range(1, 241), 12):
            self.version += 1
            con.execute("UPDATE work_orders SET cost_eur = round(cost_eur * 1.15, 2), "
                        "closed_on = coalesce(closed_on, '2024-07-05'), row_version = ? WHERE id = ?", (self.version, wid))
        con.commit()
        con.close()
        _stamp(self.path, _now())


# ---------------------------------------------------------------------------------------------------
# l7-07: DuckDB analytics file; the wanted tables live in schema `marketing` and declare no keys;
# `main` still holds stale copies under the same names from an old import. The spend table's grain is
# campaign x day x channel; the nightly job replaces the last three days and adds the new day.
class MarketingDuckdb(_Source):
    CHANNELS = ["search", "social", "display"]

    def __init__(self, workdir: Path) -> None:
        import duckdb

        super().__init__(workdir)
        self.path = workdir / "analytics" / "warehouse_local.duckdb"
        self.path.parent.mkdir(parents=True)
        con = duckdb.connect(str(self.path))
        con.execute("""
            CREATE SCHEMA marketing;
            CREATE TABLE marketing.campaigns (campaign_id VARCHAR, name VARCHAR, objective VARCHAR,
                                              start_date DATE, budget_eur DECIMAL(12, 2));
            CREATE TABLE marketing.ad_spend_daily (campaign_id VARCHAR, spend_date DATE, channel VARCHAR,
                                                   impressions BIGINT, clicks INTEGER, spend_eur DECIMAL(10, 2),
                                                   loaded_at TIMESTAMP);
            CREATE TABLE campaigns (campaign_id VARCHAR, name VARCHAR);
            CREATE TABLE ad_spend_daily (campaign_id VARCHAR, spend_date DATE, channel VARCHAR, spend_eur DOUBLE);
            CREATE TABLE tmp_csv_import (line VARCHAR);
        """)
        self.channels: dict[str, list[str]] = {}
        for i in range(1, 13):
            self._campaign(con, i, date(2024, 8, 1))
        # 12 campaigns on 1-3 channels each, 10 days
        for d in range(10):
            self._day(con, date(2024, 8, 1) + timedelta(days=d), datetime(2024, 8, 11, 3, 0))
        con.executemany("INSERT INTO campaigns VALUES (?, ?)", [(f"OLD{i}", f"2023 campaign {i}") for i in range(5)])
        con.executemany("INSERT INTO ad_spend_daily VALUES (?, ?, ?, ?)",
                        [(f"OLD{i % 5}", date(2023, 11, 1) + timedelta(days=i), "search", 10.0) for i in range(40)])
        con.executemany("INSERT INTO tmp_csv_import VALUES (?)", [(f"x{i}",) for i in range(25)])
        con.close()
        _stamp(self.path, _past(131))
        self.values = {"db_path": str(self.path)}

    def _campaign(self, con, i: int, start: date) -> None:
        cid = f"CMP-{i:03d}"
        self.channels[cid] = sorted(self.rng.sample(self.CHANNELS, self.rng.randint(1, 3)))
        con.execute("INSERT INTO marketing.campaigns VALUES (?, ?, ?, ?, ?)",
                    (cid, f"Campaign {i}", self.rng.choice(["awareness", "leads", "sales"]), start,
                     f"{self.rng.randint(20, 400) * 100:.2f}"))

    def _day(self, con, d: date, loaded: datetime) -> None:
        rows = []
        for cid, channels in self.channels.items():
            for ch in channels:
                imp = self.rng.randint(500, 90000)
                clicks = int(imp * self.rng.uniform(0.002, 0.04))
                rows.append((cid, d, ch, imp, clicks, f"{clicks * self.rng.uniform(0.2, 1.8):.2f}", loaded))
        con.executemany("INSERT INTO marketing.ad_spend_daily VALUES (?, ?, ?, ?, ?, ?, ?)", rows)

    def counts(self) -> tuple[int, int]:
        import duckdb

        con = duckdb.connect(str(self.path), read_only=True)
        try:
            return (con.execute("SELECT count(*) FROM marketing.campaigns").fetchone()[0],
                    con.execute("SELECT count(*) FROM marketing.ad_spend_daily").fetchone()[0])
        finally:
            con.close()

    def advance(self) -> None:
        import duckdb

        # two new campaigns; the last three days reloaded (delete + insert, new numbers) and one new day
        con = duckdb.connect(str(self.path))
        loaded = datetime(2024, 8, 12, 3, 0)
        con.execute("DELETE FROM marketing.ad_spend_daily WHERE spend_date >= DATE '2024-08-08'")
        for d in range(7, 10):
            self._day(con, date(2024, 8, 1) + timedelta(days=d), loaded)
        for i in (13, 14):
            self._campaign(con, i, date(2024, 8, 11))
        self._day(con, date(2024, 8, 11), loaded)
        con.close()
        _stamp(self.path, _now())


# ---------------------------------------------------------------------------------------------------
# l7-08: one fx_rates.json (a JSON array) rewritten in place every morning with the last 20 business
# days; the newest day's rates are provisional and corrected in the next file; older days drop out.
class FxRates(_Source):
    LEVELS = {"USD": 1.09, "GBP": 0.853, "CHF": 0.951, "JPY": 160.2, "SEK": 11.45, "NOK": 11.71, "PLN": 4.288,
              "CZK": 25.12, "DKK": 7.461, "HUF": 393.5}

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "fx"
        self.folder.mkdir(parents=True)
        self.level = dict(self.LEVELS)
        days, d = [], date(2024, 8, 1)
        while len(days) < 22:
            if d.weekday() < 5:
                days.append(d)
            d += timedelta(days=1)
        self.days = days
        self.rates: dict[date, dict[str, float]] = {day: self._fix() for day in days}
        self._publish(days[:20], _past(150))
        self.values = {"folder": str(self.folder)}

    def _fix(self) -> dict[str, float]:
        return {q: round(v * self.rng.uniform(0.99, 1.01), 4) for q, v in self.level.items()}

    def _publish(self, days: list[date], when: float) -> None:
        rows = [{"date": d.isoformat(), "base": "EUR", "quote": q, "rate": r}
                for d in days for q, r in self.rates[d].items()]
        path = self.folder / "fx_rates.json"
        path.write_text(json.dumps(rows, indent=1))
        _stamp(path, when)

    def advance(self) -> None:
        # window moves by two business days: 20 new rows (200 -> 220); the provisional last day of the old
        # window is corrected (10 rates change)
        self.rates[self.days[19]] = self._fix()
        self._publish(self.days[2:22], _now())


SOURCES = {"weather_csv": WeatherCsv, "call_exports": CallExports, "purchase_orders": PurchaseOrders,
           "cms_feed": CmsFeed, "hotel_sqlite": HotelSqlite, "fleet_sqlite": FleetSqlite,
           "marketing_duckdb": MarketingDuckdb, "fx_rates": FxRates}


@contextlib.contextmanager
def make(source: str, workdir: Path) -> Iterator[_Source]:
    workdir = Path(workdir).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    yield SOURCES[source](workdir)
