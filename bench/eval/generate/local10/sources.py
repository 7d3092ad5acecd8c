"""Local file and database sources for the local10 generate-evaluation set (everyday local sources).

make(source, workdir) is a context manager that writes the source's files under workdir (seeded with
random.Random(<class name>), so every run writes the same bytes) and yields an object with `.values`
(placeholders for the task's config: `folder` or `db_path`, absolute) and `.advance()` (the changes before the
second sync). Each class also has `counts()`: the rows a correct connector holds per table as (rows, deleted),
used by make_tasks.py to check the numbers written in the tasks.

Initial files get fixed modification times in October 2024 (local time); advance() stamps what it writes
with the current time plus 5 s, so a connector that tracks modification times sees them change.
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
from decimal import Decimal
from pathlib import Path


def _stamp(path: Path, when: float) -> None:
    os.utime(path, (when, when))


def _at(*args: int) -> float:
    """A fixed local-time timestamp: _at(2024, 10, 14, 23, 59)."""
    return datetime(*args).timestamp()


def _now() -> float:
    return time.time() + 5


def _jsonl(records: list[dict]) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


FIRST = ["Ana", "Ben", "Chloe", "Daniel", "Emma", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kaya", "Liam", "Mei",
         "Noah", "Olga", "Pedro", "Quinn", "Rosa", "Sven", "Tara"]
LAST = ["Almeida", "Brown", "Chen", "Dubois", "Evans", "Fischer", "Garcia", "Hansen", "Ito", "Jensen", "Kowalski",
        "Lopez", "Murphy", "Novak", "O'Brien", "Petrov", "Rossi", "Schmidt", "Tanaka", "Weber"]


class _Source:
    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.rng = random.Random(self.__class__.__name__)
        self.values: dict[str, str] = {}

    def _name(self) -> tuple[str, str]:
        return self.rng.choice(FIRST), self.rng.choice(LAST)

    def advance(self) -> None:  # pragma: no cover - overridden
        pass


# ---------------------------------------------------------------------------------------------------
# l10-01: hotel booking exports: one comma-separated bookings_<yyyy-mm-dd>.csv per day. A booking that is changed
# (cancelled, or its stay extended) is written again, in full, in a later day's file.
class BookingExports(_Source):
    ROOMS = [("STD", 89.0), ("DBL", 119.0), ("SUP", 149.0), ("STE", 229.0)]
    HEADER = ["booking_ref", "guest_name", "room_type", "check_in", "nights", "total_eur", "status", "booked_at"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "hotel" / "exports"
        self.folder.mkdir(parents=True)
        self.bookings: dict[str, list] = {}
        self._day(date(2024, 10, 14), 24, 0, _at(2024, 10, 15, 2, 0))
        self._day(date(2024, 10, 15), 21, 4, _at(2024, 10, 16, 2, 0))
        self._day(date(2024, 10, 16), 26, 5, _at(2024, 10, 17, 2, 0))
        self.values = {"folder": str(self.folder)}

    def _day(self, day: date, new: int, changes: int, when: float) -> None:
        rows = []
        live = sorted(ref for ref, b in self.bookings.items() if b[6] != "cancelled")
        for ref in self.rng.sample(live, changes):
            b = self.bookings[ref]
            if self.rng.random() < 0.5:
                b[6] = "cancelled"
            else:
                b[4] += 1
                b[5] = f"{b[4] * dict(self.ROOMS)[b[2]]:.2f}"
                b[6] = "modified"
            rows.append(list(b))
        for _ in range(new):
            ref = f"BK{24001 + len(self.bookings)}"
            room, price = self.rng.choice(self.ROOMS)
            nights = self.rng.randint(1, 7)
            first, last = self._name()
            at = datetime(day.year, day.month, day.day, self.rng.randint(0, 23), self.rng.randint(0, 59))
            b = [ref, f"{first} {last}", room, (day + timedelta(days=self.rng.randint(1, 90))).isoformat(), nights,
                 f"{nights * price:.2f}", "confirmed", at.strftime("%Y-%m-%d %H:%M")]
            self.bookings[ref] = b
            rows.append(list(b))
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(self.HEADER)
        w.writerows(rows)
        path = self.folder / f"bookings_{day.isoformat()}.csv"
        path.write_text(out.getvalue())
        _stamp(path, when)

    def counts(self) -> dict:
        return {"bookings": (len(self.bookings), 0)}

    def advance(self) -> None:
        # two more days: 22 new + 4 changed, then 19 new + 6 changed: bookings 71 -> 112
        self._day(date(2024, 10, 17), 22, 4, _now())
        self._day(date(2024, 10, 18), 19, 6, _now())


# ---------------------------------------------------------------------------------------------------
# l10-02: mobile-app event logs: one gzip-compressed JSON Lines file per day, events-<yyyy-mm-dd>.jsonl.gz.
# Every event has a uuid event_id; duration_ms is only present on page_view events.
class AppEvents(_Source):
    EVENTS = ["page_view", "page_view", "page_view", "click", "click", "search", "add_to_cart", "purchase"]
    PATHS = ["/", "/search", "/product/42", "/product/77", "/cart", "/checkout", "/account"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "app" / "event_logs"
        self.folder.mkdir(parents=True)
        self.events = 0
        for d in (14, 15, 16):
            self._day(date(2024, 10, d), _at(2024, 10, d + 1, 0, 15))
        self.values = {"folder": str(self.folder)}

    def _uuid(self) -> str:
        h = f"{self.rng.getrandbits(128):032x}"
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"

    def _day(self, day: date, when: float) -> None:
        lines = []
        stamps = sorted(self.rng.randint(0, 86399) for _ in range(self.rng.randint(150, 240)))
        for s in stamps:
            ts = datetime(day.year, day.month, day.day) + timedelta(seconds=s)
            event = self.rng.choice(self.EVENTS)
            rec = {"event_id": self._uuid(), "ts": ts.strftime("%Y-%m-%dT%H:%M:%SZ"), "user_id": self.rng.randint(1000, 1400),
                   "event": event, "path": self.rng.choice(self.PATHS), "app_version": self.rng.choice(["3.8.1", "3.9.0"])}
            if event == "page_view":
                rec["duration_ms"] = self.rng.randint(200, 90000)
            lines.append(rec)
        path = self.folder / f"events-{day.isoformat()}.jsonl.gz"
        with gzip.GzipFile(path, "wb", mtime=0) as fh:
            fh.write(_jsonl(lines).encode())
        _stamp(path, when)
        self.events += len(lines)

    def counts(self) -> dict:
        return {"events": (self.events, 0)}

    def advance(self) -> None:
        # the logs of Oct 17 and Oct 18 arrive
        self._day(date(2024, 10, 17), _now())
        self._day(date(2024, 10, 18), _now())


# ---------------------------------------------------------------------------------------------------
# l10-03: bank statement downloads: one semicolon-separated statement_<yyyy-mm>.csv per month. Counterparty names
# and references may contain commas.
class BankStatements(_Source):
    HEADER = ["transaction_id", "booking_date", "value_date", "amount", "currency", "counterparty", "reference"]
    PAYEES = [("Acme Supplies, Inc.", -1), ("Office Rent GmbH", -1), ("Smith, Jones & Partners", -1), ("AWS EMEA SARL", -1),
              ("Customer: Northwind Ltd", 1), ("Customer: Contoso, S.A.", 1), ("Stripe Payments Europe", 1),
              ("HMRC VAT", -1), ("Payroll", -1)]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "finance" / "bank_downloads"
        self.folder.mkdir(parents=True)
        self.rows = 0
        for month in (7, 8, 9):
            self._month(month, _at(2024, month + 1, 2, 9, 30))
        self.values = {"folder": str(self.folder)}

    def _month(self, month: int, when: float) -> None:
        rows = []
        for _ in range(self.rng.randint(40, 65)):
            self.rows += 1
            day = self.rng.randint(1, 28)
            payee, sign = self.rng.choice(self.PAYEES)
            amount = sign * self.rng.randint(500, 950000) / 100
            booked = date(2024, month, day)
            rows.append([f"2024{month:02d}-{self.rows:06d}", booked.isoformat(),
                         (booked + timedelta(days=self.rng.choice([0, 0, 1, 2]))).isoformat(), f"{amount:.2f}", "EUR",
                         payee, self.rng.choice(["INV 2024-%d" % self.rng.randint(100, 999), "ref. %d, thank you" % self.rng.randint(1, 99), ""])])
        rows.sort(key=lambda r: r[1])
        out = io.StringIO()
        w = csv.writer(out, delimiter=";", lineterminator="\n")
        w.writerow(self.HEADER)
        w.writerows(rows)
        path = self.folder / f"statement_2024-{month:02d}.csv"
        path.write_text(out.getvalue())
        _stamp(path, when)

    def counts(self) -> dict:
        return {"transactions": (self.rows, 0)}

    def advance(self) -> None:
        # October's statement is downloaded
        self._month(10, _now())


# ---------------------------------------------------------------------------------------------------
# l10-04: helpdesk SQLite file. customers and tickets carry updated_at (set on insert and every update); agents,
# sessions and schema_migrations are in the file too but not wanted.
class HelpdeskSqlite(_Source):
    DDL = """
    CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT, plan TEXT,
                            created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
    CREATE TABLE agents (id INTEGER PRIMARY KEY, name TEXT, email TEXT, team TEXT);
    CREATE TABLE tickets (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers(id),
        agent_id INTEGER REFERENCES agents(id),
        subject TEXT NOT NULL,
        status TEXT NOT NULL,
        priority TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX ix_tickets_updated_at ON tickets(updated_at);
    CREATE TABLE sessions (token TEXT PRIMARY KEY, agent_id INTEGER, expires_at TEXT);
    CREATE TABLE schema_migrations (version TEXT PRIMARY KEY, applied_at TEXT);
    """
    PLANS = ["free", "starter", "pro", "enterprise"]
    SUBJECTS = ["Cannot log in", "Invoice question", "Export fails", "Feature request: dark mode", "Password reset",
                "API rate limit", "Refund request", "Slow dashboard", "SSO setup", "Wrong VAT on invoice"]
    NEXT = {"new": "open", "open": "pending", "pending": "solved", "solved": "closed"}

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.path = workdir / "helpdesk" / "helpdesk.db"
        self.path.parent.mkdir(parents=True)
        con = sqlite3.connect(self.path)
        con.executescript(self.DDL)
        con.executemany("INSERT INTO agents VALUES (?, ?, ?, ?)",
                        [(i, " ".join(self._name()), f"agent{i}@help.test", self.rng.choice(["L1", "L2"])) for i in range(1, 7)])
        con.executemany("INSERT INTO schema_migrations VALUES (?, ?)",
                        [(f"2023{m:02d}01_init_{m}", f"2023-{m:02d}-01 10:00:00") for m in range(1, 10)])
        self.clock = datetime(2024, 6, 3, 8, 0, 0)
        self.customers, self.tickets, self.status = 0, 0, {}
        for _ in range(40):
            self._customer(con)
        for _ in range(300):
            self._ticket(con)
        for _ in range(220):
            self._move(con)
        for _ in range(6):
            self._replan(con)
        self._sessions(con)
        con.commit()
        con.close()
        _stamp(self.path, _at(2024, 10, 1, 20, 0))
        self.values = {"db_path": str(self.path)}

    def _tick(self) -> str:
        self.clock += timedelta(seconds=self.rng.randint(300, 30000))
        return self.clock.strftime("%Y-%m-%d %H:%M:%S")

    def _customer(self, con: sqlite3.Connection) -> None:
        self.customers += 1
        at = self._tick()
        first, last = self._name()
        con.execute("INSERT INTO customers VALUES (?, ?, ?, ?, ?, ?)",
                    (self.customers, f"{last} {self.rng.choice(['Ltd', 'GmbH', 'SAS', 'LLC'])}",
                     f"{first.lower()}@{last.lower().replace(chr(39), '')}{self.customers}.test", self.rng.choice(self.PLANS), at, at))

    def _ticket(self, con: sqlite3.Connection) -> None:
        self.tickets += 1
        at = self._tick()
        con.execute("INSERT INTO tickets VALUES (?, ?, ?, ?, 'new', ?, ?, ?)",
                    (self.tickets, self.rng.randint(1, self.customers), self.rng.choice([None, 1, 2, 3, 4, 5, 6]),
                     self.rng.choice(self.SUBJECTS), self.rng.choice(["low", "normal", "normal", "high"]), at, at))
        self.status[self.tickets] = "new"

    def _move(self, con: sqlite3.Connection) -> None:
        tid = self.rng.choice(sorted(t for t, s in self.status.items() if s != "closed"))
        self.status[tid] = self.NEXT[self.status[tid]]
        con.execute("UPDATE tickets SET status = ?, agent_id = coalesce(agent_id, ?), updated_at = ? WHERE id = ?",
                    (self.status[tid], self.rng.randint(1, 6), self._tick(), tid))

    def _replan(self, con: sqlite3.Connection) -> None:
        con.execute("UPDATE customers SET plan = ?, updated_at = ? WHERE id = ?",
                    (self.rng.choice(self.PLANS), self._tick(), self.rng.randint(1, self.customers)))

    def _sessions(self, con: sqlite3.Connection) -> None:
        con.execute("DELETE FROM sessions")
        con.executemany("INSERT INTO sessions VALUES (?, ?, ?)",
                        [(f"{self.rng.getrandbits(64):016x}", self.rng.randint(1, 6), self._tick()) for _ in range(5)])

    def counts(self) -> dict:
        return {"customers": (self.customers, 0), "tickets": (self.tickets, 0)}

    def advance(self) -> None:
        # 3 new customers and 2 plan changes (40 -> 43); 12 new tickets and 25 status changes (300 -> 312)
        con = sqlite3.connect(self.path)
        self.clock = datetime(2024, 10, 2, 8, 0, 0)
        for _ in range(3):
            self._customer(con)
        for _ in range(2):
            self._replan(con)
        for n in range(25):
            if n < 12:
                self._ticket(con)
            self._move(con)
        self._sessions(con)
        con.commit()
        con.close()
        _stamp(self.path, _now())


# ---------------------------------------------------------------------------------------------------
# l10-05: analytics DuckDB file. stores has a primary key; daily_sales has none (one row per sale_date and
# store_id) and its last three days are deleted and recomputed every night. import_log is not wanted.
class SalesDuckdb(_Source):
    DDL = """
    CREATE TABLE stores (store_id INTEGER PRIMARY KEY, name VARCHAR NOT NULL, city VARCHAR, opened_on DATE);
    CREATE TABLE daily_sales (sale_date DATE NOT NULL, store_id INTEGER NOT NULL, orders INTEGER, revenue DECIMAL(12, 2));
    CREATE TABLE import_log (run_id INTEGER, ran_at TIMESTAMP, rows_written INTEGER, note VARCHAR);
    """
    CITIES = ["Leeds", "York", "Hull", "Sheffield", "Bradford", "Harrogate", "Wakefield"]

    def __init__(self, workdir: Path) -> None:
        import duckdb

        super().__init__(workdir)
        self.path = workdir / "analytics" / "analytics.duckdb"
        self.path.parent.mkdir(parents=True)
        con = duckdb.connect(str(self.path))
        con.execute(self.DDL)
        self.stores, self.days, self.runs = 0, set(), 0
        for _ in range(6):
            self._store(con, date(2022, self.rng.randint(1, 12), 1))
        for d in range(1, 15):
            self._day(con, date(2024, 10, d))
        self._log(con, datetime(2024, 10, 15, 3, 0))
        con.close()
        _stamp(self.path, _at(2024, 10, 15, 3, 5))
        self.values = {"db_path": str(self.path)}

    def _store(self, con, opened: date) -> None:
        self.stores += 1
        city = self.CITIES[self.stores - 1]
        con.execute("INSERT INTO stores VALUES (?, ?, ?, ?)", [self.stores, f"{city} High Street", city, opened])

    def _day(self, con, day: date) -> None:
        con.execute("DELETE FROM daily_sales WHERE sale_date = ?", [day])
        for store in range(1, self.stores + 1):
            orders = self.rng.randint(40, 260)
            revenue = Decimal(orders * self.rng.randint(1800, 5200)) / 100
            con.execute("INSERT INTO daily_sales VALUES (?, ?, ?, ?)", [day, store, orders, revenue])
            self.days.add((day, store))

    def _log(self, con, at: datetime) -> None:
        self.runs += 1
        con.execute("INSERT INTO import_log VALUES (?, ?, ?, ?)", [self.runs, at, self.rng.randint(18, 30), "nightly"])

    def counts(self) -> dict:
        return {"stores": (self.stores, 0), "daily_sales": (len(self.days), 0)}

    def advance(self) -> None:
        # store 7 opens on Oct 15 (6 -> 7); Oct 12-14 recomputed (18 rows with new figures), Oct 15 added for
        # 7 stores: daily_sales 84 -> 91
        import duckdb

        con = duckdb.connect(str(self.path))
        self._store(con, date(2024, 10, 15))
        for d in (12, 13, 14):
            for store in range(1, self.stores):
                old = con.execute("SELECT orders, revenue FROM daily_sales WHERE sale_date = ? AND store_id = ?",
                                  [date(2024, 10, d), store]).fetchone()
                orders = old[0] + self.rng.randint(1, 9)
                revenue = old[1] + Decimal(self.rng.randint(500, 40000)) / 100
                con.execute("DELETE FROM daily_sales WHERE sale_date = ? AND store_id = ?", [date(2024, 10, d), store])
                con.execute("INSERT INTO daily_sales VALUES (?, ?, ?, ?)", [date(2024, 10, d), store, orders, revenue])
        self._day(con, date(2024, 10, 15))
        self._log(con, datetime(2024, 10, 16, 3, 0))
        con.close()
        _stamp(self.path, _now())


# ---------------------------------------------------------------------------------------------------
# l10-06: CRM SQLite file. contacts rows are edited in place (modified_at bumped); a contact is removed by setting
# is_deleted = 1 (and bumping modified_at), the row stays. No contact is soft-deleted before the first sync.
class CrmSqlite(_Source):
    DDL = """
    CREATE TABLE contacts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        first_name TEXT,
        last_name TEXT,
        email TEXT,
        company TEXT,
        phone TEXT,
        created_at TEXT NOT NULL,
        modified_at TEXT NOT NULL,
        is_deleted INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX ix_contacts_modified_at ON contacts(modified_at);
    CREATE TABLE app_meta (key TEXT PRIMARY KEY, value TEXT);
    """
    COMPANIES = ["Northwind", "Contoso", "Globex", "Initech", "Umbrella", "Hooli", "Stark Industries", None]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.path = workdir / "crm" / "crm.sqlite3"
        self.path.parent.mkdir(parents=True)
        con = sqlite3.connect(self.path)
        con.executescript(self.DDL)
        con.executemany("INSERT INTO app_meta VALUES (?, ?)", [("db_version", "7"), ("owner", "sales-ops")])
        self.clock = datetime(2024, 3, 1, 9, 0, 0)
        self.contacts, self.deleted = 0, set()
        for _ in range(200):
            self._contact(con)
        for _ in range(40):
            self._edit(con)
        con.commit()
        con.close()
        _stamp(self.path, _at(2024, 10, 1, 19, 0))
        self.values = {"db_path": str(self.path)}

    def _tick(self) -> str:
        self.clock += timedelta(seconds=self.rng.randint(600, 60000))
        return self.clock.strftime("%Y-%m-%dT%H:%M:%S")

    def _contact(self, con: sqlite3.Connection) -> None:
        self.contacts += 1
        first, last = self._name()
        at = self._tick()
        con.execute("INSERT INTO contacts (first_name, last_name, email, company, phone, created_at, modified_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (first, last, f"{first.lower()}.{self.contacts}@mail.test", self.rng.choice(self.COMPANIES),
                     f"+44 7{self.rng.randint(100, 999)} {self.rng.randint(100000, 999999)}", at, at))

    def _live(self, up_to: int) -> list[int]:
        return [i for i in range(1, up_to + 1) if i not in self.deleted]

    def _edit(self, con: sqlite3.Connection) -> None:
        cid = self.rng.choice(self._live(self.contacts))
        con.execute("UPDATE contacts SET company = ?, phone = ?, modified_at = ? WHERE id = ?",
                    (self.rng.choice(self.COMPANIES), f"+44 7{self.rng.randint(100, 999)} {self.rng.randint(100000, 999999)}",
                     self._tick(), cid))

    def counts(self) -> dict:
        return {"contacts": (self.contacts, len(self.deleted))}

    def advance(self) -> None:
        # 15 new contacts, 10 edits, 4 of the first 200 soft-deleted: contacts 200 -> 215 (4 deleted)
        con = sqlite3.connect(self.path)
        self.clock = datetime(2024, 10, 2, 9, 0, 0)
        for _ in range(15):
            self._contact(con)
        for _ in range(10):
            self._edit(con)
        for cid in self.rng.sample(self._live(200), 4):
            con.execute("UPDATE contacts SET is_deleted = 1, modified_at = ? WHERE id = ?", (self._tick(), cid))
            self.deleted.add(cid)
        con.commit()
        con.close()
        _stamp(self.path, _now())


# ---------------------------------------------------------------------------------------------------
# l10-07: HR staff list: staff.csv, overwritten every night with the full list of current employees (same name,
# same folder). Leavers are simply missing from the next file.
class StaffList(_Source):
    DEPARTMENTS = ["Engineering", "Sales", "Finance", "Support", "Marketing", "People"]
    TITLES = ["Associate", "Specialist", "Senior Specialist", "Lead", "Manager"]
    OFFICES = ["London", "Manchester", "Remote"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "hr" / "nightly_export"
        self.folder.mkdir(parents=True)
        self.staff: dict[str, list] = {}
        self.left: set[str] = set()
        self.next_no = 1000
        for _ in range(60):
            self._hire(date(2019, 1, 7) + timedelta(days=self.rng.randint(0, 2000)))
        self._write(_at(2024, 10, 15, 1, 0))
        self.values = {"folder": str(self.folder)}

    def _hire(self, start: date) -> None:
        self.next_no += self.rng.randint(1, 9)
        first, last = self._name()
        eid = f"E{self.next_no}"
        self.staff[eid] = [eid, first, last, f"{first.lower()}.{last.lower().replace(chr(39), '')}@corp.test",
                           self.rng.choice(self.DEPARTMENTS), self.rng.choice(self.TITLES), self.rng.choice(self.OFFICES),
                           start.isoformat()]

    def _write(self, when: float) -> None:
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["employee_id", "first_name", "last_name", "email", "department", "job_title", "office", "start_date"])
        w.writerows(self.staff[k] for k in sorted(self.staff))
        path = self.folder / "staff.csv"
        path.write_text(out.getvalue())
        _stamp(path, when)

    def counts(self) -> dict:
        return {"staff": (len(self.staff) + len(self.left), len(self.left))}

    def advance(self) -> None:
        # staff.csv rewritten: 3 leavers gone, 5 joiners, 4 people changed department: staff 60 -> 65 rows (3 deleted)
        for eid in self.rng.sample(sorted(self.staff), 3):
            del self.staff[eid]
            self.left.add(eid)
        for eid in self.rng.sample(sorted(self.staff), 4):
            self.staff[eid][4] = self.rng.choice([d for d in self.DEPARTMENTS if d != self.staff[eid][4]])
        for _ in range(5):
            self._hire(date(2024, 10, 21))
        self._write(_now())


# ---------------------------------------------------------------------------------------------------
# l10-08: web-shop order files: one JSON Lines file per day, orders_<yyyymmdd>.jsonl, one order per line with an
# `items` array. SKUs repeat across orders; an order appears in one file only.
class ShopOrders(_Source):
    CATALOG = [("TS-BLK-M", "T-shirt black M", 19.0), ("TS-BLK-L", "T-shirt black L", 19.0), ("HD-GRY-M", "Hoodie grey M", 45.0),
               ("CAP-01", "Cap", 15.0), ("MUG-11", "Mug 11oz", 12.5), ("STK-SET", "Sticker set", 4.0),
               ("TOTE-N", "Tote bag natural", 9.0), ("SOCK-3P", "Socks 3-pack", 11.0)]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "shop" / "orders"
        self.folder.mkdir(parents=True)
        self.orders, self.items = 0, 0
        for d in (14, 15, 16):
            self._day(date(2024, 10, d), _at(2024, 10, d, 23, 55))
        self.values = {"folder": str(self.folder)}

    def _day(self, day: date, when: float) -> None:
        lines = []
        for _ in range(self.rng.randint(20, 35)):
            self.orders += 1
            items = [{"sku": sku, "name": name, "qty": self.rng.randint(1, 3), "unit_price": price}
                     for sku, name, price in self.rng.sample(self.CATALOG, self.rng.randint(1, 4))]
            self.items += len(items)
            at = datetime(day.year, day.month, day.day, self.rng.randint(0, 23), self.rng.randint(0, 59), self.rng.randint(0, 59))
            lines.append({"order_id": 50000 + self.orders, "created_at": at.strftime("%Y-%m-%dT%H:%M:%S"),
                          "customer_email": f"{self.rng.choice(FIRST).lower()}{self.rng.randint(1, 500)}@mail.test",
                          "currency": "GBP", "total": round(sum(i["qty"] * i["unit_price"] for i in items), 2),
                          "items": items})
        lines.sort(key=lambda o: o["created_at"])
        path = self.folder / f"orders_{day:%Y%m%d}.jsonl"
        path.write_text(_jsonl(lines))
        _stamp(path, when)

    def counts(self) -> dict:
        return {"orders": (self.orders, 0), "order_items": (self.items, 0)}

    def advance(self) -> None:
        # the files of Oct 17 and Oct 18 arrive
        self._day(date(2024, 10, 17), _now())
        self._day(date(2024, 10, 18), _now())


SOURCES = {"booking_exports": BookingExports, "app_events": AppEvents, "bank_statements": BankStatements,
           "helpdesk_sqlite": HelpdeskSqlite, "sales_duckdb": SalesDuckdb, "crm_sqlite": CrmSqlite,
           "staff_list": StaffList, "shop_orders": ShopOrders}


@contextlib.contextmanager
def make(source: str, workdir: Path) -> Iterator[_Source]:
    workdir = Path(workdir).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    yield SOURCES[source](workdir)
