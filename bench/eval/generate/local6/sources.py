"""Local file and database sources for the local6 generate-evaluation set.

make(source, workdir) is a context manager that writes the source's files under workdir (seeded with
random.Random(<class name>), so every run writes the same data) and yields an object with `.values`
(placeholders for the task's request and config: `folder` or `db_path`, absolute) and `.advance()`
(the changes made before the second sync).

Initial files get fixed modification times in 2024; advance() stamps what it touches with the current
time plus 5 seconds, so a connector that tracks modification times sees them change.
"""

from __future__ import annotations

import contextlib
import gzip
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


def _at(y: int, m: int, d: int, hh: int = 6, mm: int = 0) -> float:
    """A fixed 2024 (local) timestamp."""
    return datetime(y, m, d, hh, mm, 0).timestamp()


def _now() -> float:
    return time.time() + 5


class _Source:
    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.rng = random.Random(self.__class__.__name__)
        self.values: dict[str, str] = {}

    def advance(self) -> None:  # pragma: no cover - overridden
        pass


# ---------------------------------------------------------------------------------------------------
# l6-01: dock scanners write tab-separated scans_YYYYMMDD.tsv, one per day; the current day's file is
# appended to in place (same name, new mtime), and a new day's file appears.
class ScannerTsv(_Source):
    HEADER = ["scan_id", "scanned_at", "device", "dock", "sku", "qty", "note"]
    NOTES = ["", "", "", "", "re-scan", "box damaged, taped", "label unreadable - typed in", "partial pallet"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "dock" / "scans"
        self.folder.mkdir(parents=True)
        self.next_id = 40000
        self.clock: dict[str, datetime] = {}
        for day, count in [("20240603", 70), ("20240604", 64), ("20240605", 38)]:
            path = self.folder / f"scans_{day}.tsv"
            path.write_text("\t".join(self.HEADER) + "\n" + self._rows(day, count))
            _stamp(path, _at(2024, 6, int(day[6:]), 14, 30))
        self.values = {"folder": str(self.folder)}

    def _rows(self, day: str, count: int) -> str:
        t = self.clock.setdefault(day, datetime(int(day[:4]), int(day[4:6]), int(day[6:]), 6, 0, 0))
        out = []
        for _ in range(count):
            self.next_id += 1
            t += timedelta(seconds=self.rng.randint(20, 400))
            out.append([f"S{self.next_id}", t.strftime("%Y-%m-%d %H:%M:%S"), f"HH-{self.rng.randint(1, 6):02d}",
                        self.rng.choice(["D1", "D2", "D3"]), f"{self.rng.randint(100000, 999999)}",
                        str(self.rng.randint(1, 48)), self.rng.choice(self.NOTES)])
        self.clock[day] = t
        return "".join("\t".join(r) + "\n" for r in out)

    def advance(self) -> None:
        today = self.folder / "scans_20240605.tsv"
        with today.open("a") as fh:  # the afternoon shift, appended to the same file
            fh.write(self._rows("20240605", 26))
        _stamp(today, _now())
        new = self.folder / "scans_20240606.tsv"
        new.write_text("\t".join(self.HEADER) + "\n" + self._rows("20240606", 31))
        _stamp(new, _now())


# ---------------------------------------------------------------------------------------------------
# l6-02: field-service SQLite file; two of five tables wanted (jobs renamed service_jobs); jobs
# incremental on updated_at, which the import stamps per batch (batch start) - rows with the last
# stamp of sync 1 still arrive after it.
class FieldOpsSqlite(_Source):
    DDL = """
CREATE TABLE technicians (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL,
    region    TEXT,
    active    INTEGER NOT NULL DEFAULT 1,
    hired_on  TEXT
);
CREATE TABLE jobs (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    technician_id  INTEGER REFERENCES technicians(id),
    customer       TEXT,
    site_address   TEXT,
    job_type       TEXT,
    status         TEXT,
    scheduled_for  TEXT,
    price          REAL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX ix_jobs_updated_at ON jobs(updated_at);
CREATE TABLE job_photos (id INTEGER PRIMARY KEY, job_id INTEGER, taken_at TEXT, image BLOB);
CREATE TABLE app_settings (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE sync_outbox (id INTEGER PRIMARY KEY, payload TEXT, created_at TEXT);
"""
    REGIONS = ["North", "South", "East", "West"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.path = workdir / "fieldops" / "fieldops.sqlite"
        self.path.parent.mkdir(parents=True)
        con = sqlite3.connect(self.path)
        con.executescript(self.DDL)
        for i in range(1, 13):
            self._technician(con, i)
        for day in range(10, 14):  # four nightly imports, 60 new jobs each, 10 older jobs changed
            stamp = f"2024-06-{day:02d} 02:00:00"
            if day > 10:
                self._touch(con, 10, stamp)
            for _ in range(60):
                self._job(con, stamp)
        con.executemany("INSERT INTO job_photos (job_id, taken_at, image) VALUES (?,?,?)",
                        [(self.rng.randint(1, 240), "2024-06-11 10:00:00", bytes(self.rng.randrange(256) for _ in range(64)))
                         for _ in range(50)])
        con.executemany("INSERT INTO app_settings VALUES (?,?)", [("schema_version", "14"), ("tenant", "acme-fs"),
                                                                  ("last_import", "2024-06-13 02:00:00")])
        con.executemany("INSERT INTO sync_outbox (payload, created_at) VALUES (?,?)",
                        [(json.dumps({"job": i}), "2024-06-13 02:10:00") for i in range(1, 31)])
        con.commit()
        con.close()
        _stamp(self.path, _at(2024, 6, 13, 2, 40))
        self.values = {"db_path": str(self.path)}

    def _technician(self, con: sqlite3.Connection, i: int) -> None:
        con.execute("INSERT INTO technicians VALUES (?,?,?,?,?)",
                    (i, f"Technician {i}", self.rng.choice(self.REGIONS), 1, f"20{self.rng.randint(15, 23)}-0{self.rng.randint(1, 9)}-01"))

    def _job(self, con: sqlite3.Connection, stamp: str) -> None:
        con.execute("INSERT INTO jobs (technician_id, customer, site_address, job_type, status, scheduled_for, price, "
                    "updated_at) VALUES (?,?,?,?,?,?,?,?)",
                    (self.rng.randint(1, 12), f"Customer {self.rng.randint(1, 400)}", f"{self.rng.randint(1, 250)} Main Rd",
                     self.rng.choice(["install", "repair", "inspection"]), "scheduled",
                     f"2024-06-{self.rng.randint(14, 28):02d}", round(self.rng.uniform(60, 900), 2), stamp))

    def _touch(self, con: sqlite3.Connection, n: int, stamp: str) -> None:
        top = con.execute("SELECT max(id) FROM jobs").fetchone()[0]
        for job in self.rng.sample(range(1, top + 1), n):
            con.execute("UPDATE jobs SET status = ?, updated_at = ? WHERE id = ?",
                        (self.rng.choice(["done", "cancelled", "rescheduled"]), stamp, job))

    def advance(self) -> None:
        con = sqlite3.connect(self.path)
        for _ in range(8):  # the 2024-06-13 import was still running: late rows carry its start time
            self._job(con, "2024-06-13 02:00:00")
        con.commit()
        stamp = "2024-06-14 02:00:00"
        self._touch(con, 15, stamp)
        for _ in range(20):
            self._job(con, stamp)
        self._technician(con, 13)
        con.execute("UPDATE app_settings SET value = ? WHERE key = 'last_import'", (stamp,))
        con.commit()
        con.close()
        _stamp(self.path, _now())


# ---------------------------------------------------------------------------------------------------
# l6-03: gzipped JSON-lines order files; nested customer/shipping objects; an items array to a child
# table where the same SKU can appear twice in one order (a free promo unit); orders re-sent later.
class OrderFeed(_Source):
    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "landing" / "shop"
        self.folder.mkdir(parents=True)
        self.next_id = 50000
        self.orders: dict[int, dict] = {}
        for hour in (6, 12, 18):
            self._file(f"orders-20240701-{hour:02d}00.jsonl.gz", [self._order("2024-07-01") for _ in range(40)],
                       _at(2024, 7, 1, hour, 5))
        self.values = {"folder": str(self.folder)}

    def _order(self, day: str) -> dict:
        self.next_id += 1
        skus = self.rng.sample([f"SKU-{n:03d}" for n in range(1, 80)], self.rng.randint(1, 4))
        items = [{"sku": s, "qty": self.rng.randint(1, 3), "unit_price": round(self.rng.uniform(3, 120), 2)} for s in skus]
        if self.rng.random() < 0.25:  # buy one get one: the same SKU again at price 0
            items.append({"sku": self.rng.choice(skus), "qty": 1, "unit_price": 0.0, "promo": "BOGO"})
        order = {"order_id": self.next_id,
                 "placed_at": f"{day}T{self.rng.randint(0, 23):02d}:{self.rng.randint(0, 59):02d}:00Z",
                 "status": "paid",
                 "customer": {"id": self.rng.randint(1, 900), "email": f"buyer{self.rng.randint(1, 900)}@example.net",
                              "country": self.rng.choice(["DE", "AT", "CH", "NL"])},
                 "shipping": {"method": self.rng.choice(["standard", "express", "pickup"]),
                              "cost": self.rng.choice([0.0, 4.9, 9.9])},
                 "items": items}
        self.orders[order["order_id"]] = order
        return order

    def _file(self, name: str, orders: list[dict], when: float) -> None:
        path = self.folder / name
        with gzip.GzipFile(path, "wb", mtime=0) as fh:
            fh.write("".join(json.dumps(o) + "\n" for o in orders).encode())
        _stamp(path, when)

    def counts(self) -> tuple[int, int, int]:
        """orders, item rows keyed (order_id, position), item rows if keyed (order_id, sku)."""
        return (len(self.orders), sum(len(o["items"]) for o in self.orders.values()),
                sum(len({i["sku"] for i in o["items"]}) for o in self.orders.values()))

    def advance(self) -> None:
        resent = []
        for oid in self.rng.sample(sorted(self.orders), 6):
            order = json.loads(json.dumps(self.orders[oid]))
            order["status"] = self.rng.choice(["shipped", "refunded"])
            self.orders[oid] = order
            resent.append(order)
        new = [self._order("2024-07-02") for _ in range(30)]
        self._file("orders-20240702-0600.jsonl.gz", new[:15] + resent + new[15:], _now())


# ---------------------------------------------------------------------------------------------------
# l6-04: DuckDB file whose tables live in schema erp (main holds only a load log); no declared keys;
# DECIMAL/DATE/BOOLEAN columns; a view wanted as a table under another name.
class ErpDuckdb(_Source):
    def __init__(self, workdir: Path) -> None:
        import duckdb

        super().__init__(workdir)
        self.path = workdir / "bi" / "bi_export.duckdb"
        self.path.parent.mkdir(parents=True)
        con = duckdb.connect(str(self.path))
        con.execute("""
            CREATE TABLE main.load_log (run_id INTEGER, loaded_at TIMESTAMP, table_name VARCHAR, row_count INTEGER);
            CREATE SCHEMA erp;
            CREATE TABLE erp.customers (customer_no VARCHAR, name VARCHAR, country VARCHAR,
                                        credit_limit DECIMAL(10, 2), created DATE);
            CREATE TABLE erp.invoices (invoice_no VARCHAR, customer_no VARCHAR, issued DATE, due DATE,
                                       amount DECIMAL(12, 2), paid BOOLEAN, paid_on DATE);
            CREATE TABLE erp.tmp_invoice_import (line VARCHAR);
            CREATE VIEW erp.v_customer_revenue AS
                SELECT c.customer_no, c.name, count(i.invoice_no) AS invoice_count,
                       coalesce(sum(i.amount), 0) AS revenue,
                       coalesce(sum(CASE WHEN NOT i.paid THEN i.amount END), 0) AS open_amount
                FROM erp.customers c LEFT JOIN erp.invoices i ON i.customer_no = c.customer_no
                GROUP BY c.customer_no, c.name;
        """)
        self.next_inv = 24000
        for n in range(1, 41):
            self._customer(con, n)
        self._invoices(con, 300, 40, date(2024, 1, 2), 150)
        con.executemany("INSERT INTO erp.tmp_invoice_import VALUES (?)", [(f"raw line {i}",) for i in range(12)])
        con.executemany("INSERT INTO main.load_log VALUES (?, ?, ?, ?)",
                        [(1, datetime(2024, 6, 1, 3, 0), "customers", 40), (1, datetime(2024, 6, 1, 3, 0), "invoices", 300)])
        con.close()
        _stamp(self.path, _at(2024, 6, 1, 3, 5))
        self.values = {"db_path": str(self.path)}

    def _customer(self, con, n: int) -> None:
        con.execute("INSERT INTO erp.customers VALUES (?, ?, ?, ?, ?)",
                    (f"C{n:04d}", f"Kunde {n} GmbH", self.rng.choice(["DE", "PL", "CZ", "AT"]),
                     f"{self.rng.randint(5, 100) * 1000}.00", date(2020 + n % 4, 1 + n % 12, 1 + n % 27)))

    def _invoices(self, con, count: int, customers: int, start: date, days: int) -> None:
        rows = []
        for _ in range(count):
            self.next_inv += 1
            issued = start + timedelta(days=self.rng.randrange(days))
            paid = self.rng.random() < 0.7
            rows.append((f"RE-{self.next_inv}", f"C{self.rng.randint(1, customers):04d}", issued, issued + timedelta(days=30),
                         f"{self.rng.uniform(50, 9000):.2f}", paid, issued + timedelta(days=self.rng.randint(3, 40)) if paid else None))
        con.executemany("INSERT INTO erp.invoices VALUES (?, ?, ?, ?, ?, ?, ?)", rows)

    def advance(self) -> None:
        import duckdb

        con = duckdb.connect(str(self.path))
        self._customer(con, 41)
        self._customer(con, 42)
        self._invoices(con, 30, 42, date(2024, 6, 1), 14)
        con.execute("UPDATE erp.invoices SET paid = true, paid_on = DATE '2024-06-14' WHERE invoice_no IN "
                    "(SELECT invoice_no FROM erp.invoices WHERE NOT paid ORDER BY invoice_no LIMIT 25)")
        con.execute("INSERT INTO main.load_log VALUES (2, TIMESTAMP '2024-06-15 03:00:00', 'invoices', 330)")
        con.close()
        _stamp(self.path, _now())


# ---------------------------------------------------------------------------------------------------
# l6-05: weekly member exports from a report tool: comma separated but every field padded to the
# column width (header too, in mixed case); members reappear in later exports when they change; a
# LibreOffice lock file sits next to the exports.
class MemberExports(_Source):
    HEADER = ["MEMBER ID", "First Name", "Last name", "E-Mail", "Joined On", "Plan"]
    FIRST = ["Anna", "Ben", "Chiara", "Dmitri", "Elif", "Femi", "Greta", "Hugo", "Ines", "Jonas", "Kaito", "Lena"]
    LAST = ["Schmidt", "Okafor", "Rossi", "Ivanov", "Yilmaz", "Adeyemi", "Berg", "Martin", "Costa", "Wagner"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "exports" / "members"
        self.folder.mkdir(parents=True)
        self.members: dict[int, list[str]] = {}
        self.next_id = 1000
        self._export(date(2024, 6, 3), 80, 0)
        self._export(date(2024, 6, 10), 25, 10)
        self._export(date(2024, 6, 17), 20, 6)
        lock = self.folder / ".~lock.members_export_2024-06-17.csv#"
        lock.write_text(",jane,GYM-OFFICE-PC,17.06.2024 09:02,file:///home/jane/.config/libreoffice/4;")
        _stamp(lock, _at(2024, 6, 17, 9, 2))
        self.values = {"folder": str(self.folder)}

    def _member(self, joined: date) -> list[str]:
        self.next_id += 1
        first, last = self.rng.choice(self.FIRST), self.rng.choice(self.LAST)
        return [str(self.next_id), first, last, f"{first.lower()}.{last.lower()}{self.next_id % 97}@mail.example",
                (joined - timedelta(days=self.rng.randint(0, 6))).isoformat(), self.rng.choice(["Basic", "Flex", "Premium"])]

    def _export(self, day: date, new: int, changed: int, when: float | None = None) -> None:
        rows = []
        for k in self.rng.sample(sorted(self.members), changed) if changed else []:
            m = self.members[k]
            m[5] = self.rng.choice([p for p in ["Basic", "Flex", "Premium", "Paused"] if p != m[5]])
            rows.append(m)
        for _ in range(new):
            m = self._member(day)
            self.members[int(m[0])] = m
            rows.append(m)
        rows.sort(key=lambda r: int(r[0]))
        widths = [max(len(r[c]) for r in [self.HEADER] + rows) + 1 for c in range(len(self.HEADER))]
        lines = [",".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() + "\n" for r in [self.HEADER] + rows]
        path = self.folder / f"members_export_{day.isoformat()}.csv"
        path.write_text("".join(lines))
        _stamp(path, when if when is not None else _at(day.year, day.month, day.day, 6, 15))

    def advance(self) -> None:
        self._export(date(2024, 6, 24), 15, 8, _now())


# ---------------------------------------------------------------------------------------------------
# l6-06: greenhouse sensor SQLite; readings has no declared key (natural key sensor_id + taken_at) and
# is corrected in place; a daily roll-up view wanted as a table; calibration_log not wanted.
class SensorSqlite(_Source):
    DDL = """CREATE TABLE sites (
    site_code  TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    timezone   TEXT
);
CREATE TABLE sensors (
    sensor_id     INTEGER PRIMARY KEY,
    site_code     TEXT REFERENCES sites(site_code),
    kind          TEXT,          -- temperature | humidity | soil_moisture
    installed_on  TEXT
);
CREATE TABLE readings (
    sensor_id  INTEGER NOT NULL REFERENCES sensors(sensor_id),
    taken_at   TEXT    NOT NULL,  -- 'YYYY-MM-DD HH:MM:SS', every 4 hours
    value      REAL,
    unit       TEXT,
    quality    TEXT               -- ok | suspect | corrected
);
CREATE INDEX ix_readings_sensor_time ON readings(sensor_id, taken_at);
CREATE TABLE calibration_log (
    id         INTEGER PRIMARY KEY,
    sensor_id  INTEGER,
    done_at    TEXT,
    offset     REAL,
    tech       TEXT
);
CREATE VIEW v_daily_readings AS
    SELECT sensor_id, date(taken_at) AS day, count(*) AS n_readings,
           round(avg(value), 3) AS avg_value, min(value) AS min_value, max(value) AS max_value
    FROM readings
    GROUP BY sensor_id, date(taken_at);"""
    KINDS = {"temperature": ("C", 14.0, 30.0), "humidity": ("%", 40.0, 95.0), "soil_moisture": ("%", 10.0, 60.0)}

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.path = workdir / "greenhouse" / "sensors.db"
        self.path.parent.mkdir(parents=True)
        con = sqlite3.connect(self.path)
        con.executescript(self.DDL)
        con.executemany("INSERT INTO sites VALUES (?,?,?)", [("GH-A", "Glasshouse A", "Europe/Amsterdam"),
                                                             ("GH-B", "Glasshouse B", "Europe/Amsterdam"),
                                                             ("TUN1", "Poly tunnel 1", "Europe/Amsterdam")])
        self.kinds = {}
        for s in range(1, 11):
            kind = list(self.KINDS)[s % 3]
            self.kinds[s] = kind
            con.execute("INSERT INTO sensors VALUES (?,?,?,?)", (s, ["GH-A", "GH-B", "TUN1"][s % 3], kind, "2023-03-01"))
        for d in range(1, 6):
            self._day(con, date(2024, 5, d))
        con.executemany("INSERT INTO calibration_log (sensor_id, done_at, offset, tech) VALUES (?,?,?,?)",
                        [(s, "2024-04-28 10:00:00", round(self.rng.uniform(-1, 1), 2), "pv") for s in range(1, 11)])
        con.commit()
        con.close()
        _stamp(self.path, _at(2024, 5, 5, 23, 59))
        self.values = {"db_path": str(self.path)}

    def _day(self, con: sqlite3.Connection, day: date) -> None:
        rows = []
        for s in range(1, 11):
            unit, lo, hi = self.KINDS[self.kinds[s]]
            for h in range(0, 24, 4):
                rows.append((s, f"{day} {h:02d}:00:00", round(self.rng.uniform(lo, hi), 2), unit,
                             "suspect" if self.rng.random() < 0.05 else "ok"))
        con.executemany("INSERT INTO readings VALUES (?,?,?,?,?)", rows)

    def advance(self) -> None:
        con = sqlite3.connect(self.path)
        self._day(con, date(2024, 5, 6))
        # sensors 2 and 5 recalibrated: their readings of 2024-05-04 are corrected in place
        con.execute("UPDATE readings SET value = round(value - 0.8, 2), quality = 'corrected' "
                    "WHERE sensor_id IN (2, 5) AND taken_at LIKE '2024-05-04%'")
        con.execute("INSERT INTO calibration_log (sensor_id, done_at, offset, tech) VALUES (2, '2024-05-06 09:00:00', -0.8, 'pv'), "
                    "(5, '2024-05-06 09:10:00', -0.8, 'pv')")
        con.commit()
        con.close()
        _stamp(self.path, _now())


# ---------------------------------------------------------------------------------------------------
# l6-07: helpdesk SQLite; tickets carry a table-wide integer `version` bumped on every write and a soft
# delete flag is_deleted (which also bumps version; the first deletions happen between the two syncs);
# agents is small; macros and sessions are not wanted.
class HelpdeskSqlite(_Source):
    DDL = """
CREATE TABLE agents (agent_id INTEGER PRIMARY KEY, name TEXT, team TEXT, email TEXT);
CREATE TABLE tickets (
    id               INTEGER PRIMARY KEY,
    subject          TEXT NOT NULL,
    requester_email  TEXT,
    agent_id         INTEGER REFERENCES agents(agent_id),
    priority         TEXT,
    status           TEXT,
    created_at       TEXT,
    version          INTEGER NOT NULL,
    is_deleted       INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX ux_tickets_version ON tickets(version);
CREATE TABLE macros (id INTEGER PRIMARY KEY, title TEXT, body TEXT);
CREATE TABLE sessions (token TEXT PRIMARY KEY, agent_id INTEGER, expires_at TEXT);
"""
    SUBJECTS = ["Cannot log in", "Invoice question", "App crashes", "Change my address", "Refund please",
                "Two-factor code not arriving", "Feature request", "WIN A FREE CRUISE"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.path = workdir / "helpdesk" / "helpdesk.sqlite"
        self.path.parent.mkdir(parents=True)
        con = sqlite3.connect(self.path)
        con.executescript(self.DDL)
        self.version = 0
        for a in range(1, 10):
            self._agent(con, a)
        for t in range(1, 201):
            self._ticket(con, t)
        self._update(con, self.rng.sample(range(1, 201), 40))
        con.executemany("INSERT INTO macros (title, body) VALUES (?, ?)", [(f"Macro {i}", "Hi, thanks for ...") for i in range(15)])
        con.executemany("INSERT INTO sessions VALUES (?, ?, ?)", [(f"tok{i:04d}", 1 + i % 9, "2024-06-30") for i in range(20)])
        con.commit()
        con.close()
        _stamp(self.path, _at(2024, 6, 20, 18, 0))
        self.values = {"db_path": str(self.path)}

    def _v(self) -> int:
        self.version += 1
        return self.version

    def _agent(self, con: sqlite3.Connection, a: int) -> None:
        con.execute("INSERT INTO agents VALUES (?,?,?,?)", (a, f"Agent {a}", self.rng.choice(["L1", "L2", "Billing"]),
                                                            f"agent{a}@helpdesk.example"))

    def _ticket(self, con: sqlite3.Connection, t: int) -> None:
        con.execute("INSERT INTO tickets VALUES (?,?,?,?,?,?,?,?,0)",
                    (t, self.rng.choice(self.SUBJECTS), f"user{self.rng.randint(1, 500)}@example.org", self.rng.randint(1, 9),
                     self.rng.choice(["low", "normal", "high"]), "open",
                     f"2024-06-{1 + t // 12:02d} {self.rng.randint(8, 18):02d}:{self.rng.randint(0, 59):02d}:00", self._v()))

    def _update(self, con: sqlite3.Connection, ids: list[int]) -> None:
        for t in ids:
            con.execute("UPDATE tickets SET status = ?, version = ? WHERE id = ?",
                        (self.rng.choice(["pending", "solved", "closed"]), self._v(), t))

    def _delete(self, con: sqlite3.Connection, ids: list[int]) -> None:
        for t in ids:
            con.execute("UPDATE tickets SET is_deleted = 1, version = ? WHERE id = ?", (self._v(), t))

    def advance(self) -> None:
        con = sqlite3.connect(self.path)
        live = [r[0] for r in con.execute("SELECT id FROM tickets WHERE is_deleted = 0 ORDER BY id")]
        for t in range(201, 226):
            self._ticket(con, t)
        self._update(con, self.rng.sample(live, 12))
        self._delete(con, self.rng.sample(live, 5))
        self._agent(con, 10)
        con.commit()
        con.close()
        _stamp(self.path, _now())


# ---------------------------------------------------------------------------------------------------
# l6-08: food-bank app exports pretty-printed JSON arrays: one donations_YYYY-MM.json per month (the
# current month rewritten in place nightly; a voided donation vanishes from it) and donors.json (a full
# snapshot, rewritten nightly).
class DonationsJson(_Source):
    NAMES = ["Bakery Hofmann", "St. Mary's Parish", "J. Novak", "Green Grocer Ltd", "A. Haddad", "Rotary Club",
             "M. Jensen", "Corner Shop", "Primary School Elm Road", "L. Moreau"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "foodbank" / "exports"
        self.folder.mkdir(parents=True)
        self.next_id = 0
        self.donors = [self._donor(i) for i in range(1, 46)]
        self.months: dict[str, list[dict]] = {}
        for month, count in [("2024-04", 60), ("2024-05", 70), ("2024-06", 30)]:
            self.months[month] = [self._donation(month, d) for d in sorted(self.rng.randint(1, 17) for _ in range(count))]
        for month in self.months:
            self._write(f"donations_{month}.json", self.months[month],
                        _at(2024, int(month[5:]) + 1, 1, 1, 0) if month != "2024-06" else _at(2024, 6, 17, 23, 30))
        self._write("donors.json", self.donors, _at(2024, 6, 17, 23, 30))
        self.values = {"folder": str(self.folder)}

    def _donor(self, i: int) -> dict:
        name = f"{self.rng.choice(self.NAMES)} #{i}"
        return {"donor_id": i, "name": name, "email": f"donor{i}@example.org" if self.rng.random() < 0.8 else None,
                "since": f"20{self.rng.randint(15, 24)}-0{self.rng.randint(1, 9)}-15"}

    def _donation(self, month: str, day: int) -> dict:
        self.next_id += 1
        food = self.rng.random() < 0.6
        return {"id": f"D-{self.next_id:06d}", "donor_id": self.rng.randint(1, len(self.donors)),
                "received": f"{month}-{day:02d}", "kind": "food" if food else "money",
                "amount_eur": None if food else float(self.rng.choice([10, 20, 25, 50, 100, 250])),
                "weight_kg": round(self.rng.uniform(0.5, 40), 1) if food else None,
                "notes": self.rng.choice(["", "", "tins and pasta", "fresh veg", "via bank transfer", "drop-off Saturday"])}

    def _write(self, name: str, rows: list[dict], when: float) -> None:
        path = self.folder / name
        path.write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        _stamp(path, when)

    def advance(self) -> None:
        june = self.months["2024-06"]
        for gone in self.rng.sample(june, 3):  # voided
            june.remove(gone)
        for d in self.rng.sample(june, 2):  # corrected
            d["weight_kg"] = 12.0 if d["kind"] == "food" else None
            d["notes"] = "corrected"
        june += [self._donation("2024-06", d) for d in sorted(self.rng.randint(18, 24) for _ in range(25))]
        self._write("donations_2024-06.json", june, _now())
        self.donors += [self._donor(i) for i in range(46, 50)]
        self.donors[3]["email"] = "new-address@example.org"
        self._write("donors.json", self.donors, _now())


SOURCES = {"scanner_tsv": ScannerTsv, "fieldops_sqlite": FieldOpsSqlite, "order_feed": OrderFeed,
           "erp_duckdb": ErpDuckdb, "member_exports": MemberExports, "sensor_sqlite": SensorSqlite,
           "helpdesk_sqlite": HelpdeskSqlite, "donations_json": DonationsJson}


@contextlib.contextmanager
def make(source: str, workdir: Path) -> Iterator[_Source]:
    workdir = Path(workdir).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    yield SOURCES[source](workdir)
