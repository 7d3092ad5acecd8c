"""Local file and database sources for the local9 generate-evaluation set (everyday and harder local sources).

make(source, workdir) is a context manager that writes the source's files under workdir (seeded with
random.Random(<class name>), so every run writes the same bytes) and yields an object with `.values`
(placeholders for the task's config: `folder`, `db_path` or `csv_path`, absolute) and `.advance()` (the
changes before the second sync). Each class also has `counts()`: the rows a correct connector holds (and,
where it matters, how many of them are deleted), used to check the numbers written in make_tasks.py.

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
from pathlib import Path


def _stamp(path: Path, when: float) -> None:
    os.utime(path, (when, when))


def _at(*args: int) -> float:
    """A fixed local-time timestamp: _at(2024, 10, 14, 23, 59)."""
    return datetime(*args).timestamp()


def _now() -> float:
    return time.time() + 5


def _gzip(path: Path, text: str) -> None:
    with gzip.GzipFile(path, "wb", mtime=0) as fh:
        fh.write(text.encode())


def _jsonl(records: list[dict]) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


class _Source:
    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.rng = random.Random(self.__class__.__name__)
        self.values: dict[str, str] = {}

    def advance(self) -> None:  # pragma: no cover - overridden
        pass


# ---------------------------------------------------------------------------------------------------
# l9-01: till exports of a stationery chain: one pipe-separated file per store and business day,
# SALES_<store>_<yyyymmdd>.txt. The rows carry only the time of sale; store and day are in the file name.
# Ticket numbers start again at 1 every morning in every store; `line` is the position on the ticket.
class TillExports(_Source):
    STORES = ["LIS01", "OPO02", "BRG03"]
    CATALOG = [
        ("5601234000011", "Notebook A5, squared", "2.49"),
        ("5601234000028", "Ballpoint pen, blue, 10 pack", "3.99"),
        ("5601234000035", "Sticky notes 76x76, yellow", "1.89"),
        ("5601234000042", "Stapler, metal", "8.50"),
        ("5601234000059", "Printer paper A4, 500 sheets", "5.95"),
        ("5601234000066", "Highlighter set, 4 colours", "4.25"),
        ("5601234000073", "Backpack, City model", "29.90"),
        ("5601234000080", "Scissors, 21 cm", "3.20"),
        ("5601234000097", "Glue stick, 40 g", "1.45"),
        ("5601234000103", "Calculator, solar", "12.99"),
    ]
    HEADER = ["ticket", "line", "ean", "description", "qty", "unit_price", "cashier", "sold_at"]
    CASHIERS = ["ana", "rui", "marta", "joao", "ines", "tiago"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "retail" / "till_exports"
        self.folder.mkdir(parents=True)
        self.rows = 0
        for day in (date(2024, 10, 14), date(2024, 10, 15)):
            for n, store in enumerate(self.STORES):
                self._file(store, day, _at(day.year, day.month, day.day + 1, 1, 10 + n))
        self.values = {"folder": str(self.folder)}

    def _file(self, store: str, day: date, when: float) -> None:
        out = io.StringIO()
        w = csv.writer(out, delimiter="|", lineterminator="\n")
        w.writerow(self.HEADER)
        clock = datetime(day.year, day.month, day.day, 9, 0, 0)
        for ticket in range(1, self.rng.randint(18, 30) + 1):
            clock += timedelta(seconds=self.rng.randint(60, 1500))
            cashier = self.rng.choice(self.CASHIERS)
            for line, (ean, desc, price) in enumerate(self.rng.sample(self.CATALOG, self.rng.randint(1, 4)), start=1):
                w.writerow([ticket, line, ean, desc, self.rng.randint(1, 5), price, cashier, clock.strftime("%H:%M:%S")])
                self.rows += 1
        path = self.folder / f"SALES_{store}_{day:%Y%m%d}.txt"
        path.write_text(out.getvalue())
        _stamp(path, when)

    def counts(self) -> int:
        return self.rows

    def advance(self) -> None:
        # Oct 16 from the three stores and from a newly opened store FAR04
        for store in self.STORES + ["FAR04"]:
            self._file(store, date(2024, 10, 16), _now())


# ---------------------------------------------------------------------------------------------------
# l9-02: fleet-management SQLite file. trips and fuel_logs carry a row_version the app bumps on every
# insert and update, counted per table (trips run far ahead of fuel_logs). drivers (personal data) and
# app_settings are not wanted.
class FleetSqlite(_Source):
    DDL = """
    CREATE TABLE vehicles (id INTEGER PRIMARY KEY, plate TEXT UNIQUE NOT NULL, make TEXT, model TEXT, depot TEXT,
                           in_service_since TEXT);
    CREATE TABLE drivers (id INTEGER PRIMARY KEY, full_name TEXT, licence_no TEXT, phone TEXT, birth_date TEXT);
    CREATE TABLE trips (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        vehicle_id INTEGER NOT NULL REFERENCES vehicles(id),
        driver_id INTEGER REFERENCES drivers(id),
        started_at TEXT NOT NULL,
        ended_at TEXT,
        start_km INTEGER NOT NULL,
        end_km INTEGER,
        purpose TEXT,
        row_version INTEGER NOT NULL
    );
    CREATE INDEX ix_trips_row_version ON trips(row_version);
    CREATE TABLE fuel_logs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        vehicle_id INTEGER NOT NULL REFERENCES vehicles(id),
        filled_at TEXT NOT NULL,
        litres REAL NOT NULL,
        price_per_litre REAL NOT NULL,
        station TEXT,
        row_version INTEGER NOT NULL
    );
    CREATE INDEX ix_fuel_logs_row_version ON fuel_logs(row_version);
    CREATE TABLE app_settings (key TEXT PRIMARY KEY, value TEXT);
    """
    MAKES = [("Renault", "Kangoo"), ("Peugeot", "Partner"), ("Ford", "Transit Custom"), ("VW", "Caddy")]
    DEPOTS = ["Lisbon", "Setubal", "Coimbra"]
    PURPOSES = ["delivery round", "customer visit", "workshop", "pickup", None]
    STATIONS = ["Galp A2 Palmela", "BP Sacavem", "Repsol Coimbra Sul", "Prio Setubal"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.path = workdir / "fleet" / "fleet.db"
        self.path.parent.mkdir(parents=True)
        con = sqlite3.connect(self.path)
        con.executescript(self.DDL)
        self.version = {"trips": 0, "fuel_logs": 0}
        self.vehicles = 0
        for _ in range(12):
            self._vehicle(con)
        con.executemany("INSERT INTO drivers VALUES (?, ?, ?, ?, ?)",
                        [(i, f"Driver {i}", f"PT-{self.rng.randint(100000, 999999)}", f"+3519{self.rng.randint(10000000, 99999999)}",
                          f"19{self.rng.randint(60, 99)}-0{self.rng.randint(1, 9)}-1{self.rng.randint(0, 9)}") for i in range(1, 16)])
        con.executemany("INSERT INTO app_settings VALUES (?, ?)",
                        [("currency", "EUR"), ("odometer_unit", "km"), ("schema_version", "14"), ("sync_token", "a91f")])
        self.clock = datetime(2024, 9, 2, 7, 0)
        self.trips, self.open = 0, []
        for _ in range(200):
            self._trip(con, closed=False)
        for tid in list(self.open[:192]):
            self._close(con, tid)
        self.fuel = 0
        for _ in range(80):
            self._fuel(con)
        con.commit()
        con.close()
        _stamp(self.path, _at(2024, 10, 1, 18, 30))
        self.values = {"db_path": str(self.path)}

    def _bump(self, table: str) -> int:
        self.version[table] += 1
        return self.version[table]

    def _tick(self) -> str:
        self.clock += timedelta(minutes=self.rng.randint(20, 240))
        return self.clock.strftime("%Y-%m-%d %H:%M")

    def _vehicle(self, con: sqlite3.Connection) -> None:
        self.vehicles += 1
        make, model = self.rng.choice(self.MAKES)
        con.execute("INSERT INTO vehicles VALUES (?, ?, ?, ?, ?, ?)",
                    (self.vehicles, f"{self.rng.randint(10, 99)}-{self.rng.choice('ABCDEFGHJKLMNPRSTUVXZ')}"
                     f"{self.rng.choice('ABCDEFGHJKLMNPRSTUVXZ')}-{self.rng.randint(10, 99)}", make, model,
                     self.rng.choice(self.DEPOTS), f"20{self.rng.randint(18, 24)}-0{self.rng.randint(1, 9)}-01"))

    def _trip(self, con: sqlite3.Connection, closed: bool) -> None:
        self.trips += 1
        start_km = self.rng.randint(10000, 180000)
        con.execute("INSERT INTO trips (id, vehicle_id, driver_id, started_at, start_km, purpose, row_version) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (self.trips, self.rng.randint(1, self.vehicles), self.rng.randint(1, 15), self._tick(), start_km,
                     self.rng.choice(self.PURPOSES), self._bump("trips")))
        self.open.append(self.trips)
        if closed:
            self._close(con, self.trips)

    def _close(self, con: sqlite3.Connection, tid: int) -> None:
        self.open.remove(tid)
        con.execute("UPDATE trips SET ended_at = ?, end_km = start_km + ?, row_version = ? WHERE id = ?",
                    (self._tick(), self.rng.randint(4, 260), self._bump("trips"), tid))

    def _fuel(self, con: sqlite3.Connection) -> None:
        self.fuel += 1
        con.execute("INSERT INTO fuel_logs VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (self.fuel, self.rng.randint(1, self.vehicles), self._tick(), round(self.rng.uniform(20, 70), 2),
                     round(self.rng.uniform(1.55, 1.85), 3), self.rng.choice(self.STATIONS), self._bump("fuel_logs")))

    def counts(self) -> dict:
        return {"vehicles": self.vehicles, "trips": self.trips, "fuel_logs": self.fuel}

    def advance(self) -> None:
        # one new van and one moved to another depot (12 -> 13); the 8 trips open at sync 1 are closed and 25 new
        # trips are driven, 5 of them still open (200 -> 225); 15 fuel_logs rows (80 -> 95)
        con = sqlite3.connect(self.path)
        self._vehicle(con)
        con.execute("UPDATE vehicles SET depot = 'Coimbra' WHERE id = 5")
        for tid in list(self.open):
            self._close(con, tid)
        for n in range(25):
            self._trip(con, closed=n < 20)
            if n % 2:
                self._fuel(con)
        for _ in range(3):
            self._fuel(con)
        con.commit()
        con.close()
        _stamp(self.path, _now())


# ---------------------------------------------------------------------------------------------------
# l9-03: web-shop order exports: every few hours a file orders_<yyyymmdd>T<hhmm>.json holding ONE pretty-printed
# JSON array of orders. Orders whose status changed since the last export are sent again (full copy, same
# lines). Each order has a nested customer and shipping object and a `lines` array.
class WebOrders(_Source):
    CATALOG = [("MUG-001", "Enamel mug, green", 14.0), ("MUG-002", "Enamel mug, white", 14.0),
               ("TEA-010", "Sencha, 100 g", 9.5), ("TEA-011", "Rooibos, 100 g", 7.9), ("POT-100", "Cast iron teapot", 59.0),
               ("FLT-003", "Paper filters, 100", 3.2), ("GFT-050", "Gift card 50", 50.0), ("SPN-007", "Bamboo spoon", 4.5)]
    NEXT = {"paid": "shipped", "shipped": "delivered", "delivered": "delivered"}

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "webshop" / "order_exports"
        self.folder.mkdir(parents=True)
        self.orders: dict[str, dict] = {}
        self.clock = datetime(2024, 10, 13, 18, 0)
        self._export(datetime(2024, 10, 14, 6, 0), 30, 0, _at(2024, 10, 14, 6, 2))
        self._export(datetime(2024, 10, 14, 18, 0), 25, 5, _at(2024, 10, 14, 18, 2))
        self._export(datetime(2024, 10, 15, 6, 0), 28, 6, _at(2024, 10, 15, 6, 2))
        self.values = {"folder": str(self.folder)}

    def _new(self, until: datetime) -> dict:
        self.clock += (until - self.clock) / self.rng.randint(8, 20)
        oid = f"WEB-{100001 + len(self.orders)}"
        lines = []
        for sku, title, price in self.rng.sample(self.CATALOG, self.rng.randint(1, 4)):
            line = {"sku": sku, "title": title, "qty": self.rng.randint(1, 3), "unit_price": price}
            if self.rng.random() < 0.25:
                line["discount_pct"] = self.rng.choice([5, 10, 15])
            lines.append(line)
        at = self.clock.strftime("%Y-%m-%dT%H:%M:%S+01:00")
        order = {"order_id": oid, "placed_at": at, "updated_at": at, "status": "paid", "currency": "EUR",
                 "customer": {"email": f"buyer{self.rng.randint(1, 400)}@mail.test",
                              "country": self.rng.choice(["PT", "ES", "FR", "DE"])},
                 "shipping": {"method": self.rng.choice(["ctt", "dhl", "pickup"]), "cost": self.rng.choice([0.0, 3.9, 5.5])},
                 "lines": lines}
        self.orders[oid] = order
        return order

    def _export(self, at: datetime, new: int, resend: int, when: float) -> None:
        again = []
        for oid in self.rng.sample(sorted(o for o, v in self.orders.items() if v["status"] != "delivered"), resend):
            order = self.orders[oid]
            order["status"] = self.NEXT[order["status"]]
            order["updated_at"] = (at - timedelta(minutes=self.rng.randint(5, 300))).strftime("%Y-%m-%dT%H:%M:%S+01:00")
            again.append(order)
        batch = again + [self._new(at) for _ in range(new)]
        path = self.folder / f"orders_{at:%Y%m%dT%H%M}.json"
        path.write_text(json.dumps(batch, indent=2) + "\n")
        _stamp(path, when)

    def counts(self) -> tuple[int, int]:
        return len(self.orders), sum(len(o["lines"]) for o in self.orders.values())

    def advance(self) -> None:
        # two more exports: 20 new + 6 re-sent, 15 new + 4 re-sent
        self._export(datetime(2024, 10, 15, 18, 0), 20, 6, _now())
        self._export(datetime(2024, 10, 16, 6, 0), 15, 4, _now())


# ---------------------------------------------------------------------------------------------------
# l9-04: library catalogue in DuckDB. books and members declare primary keys; loans was created by a script
# and declares none (loan_id is unique). The view open_loans lists the loans not yet returned; a return
# updates loans.returned_on, so the loan drops out of the view.
class LibraryDuckdb(_Source):
    FIRST = ["Alice", "Bernardo", "Clara", "David", "Elena", "Fabio", "Gloria", "Henrique", "Irene", "Joaquim"]
    LAST = ["Almeida", "Barros", "Carvalho", "Dias", "Esteves", "Ferreira", "Gomes", "Henriques"]
    WORDS = ["River", "Night", "Garden", "Letters", "Salt", "Winter", "Harbour", "Silence", "Orchard", "Lantern"]

    def __init__(self, workdir: Path) -> None:
        import duckdb

        super().__init__(workdir)
        self.path = workdir / "library" / "catalogue.duckdb"
        self.path.parent.mkdir(parents=True)
        con = duckdb.connect(str(self.path))
        con.execute("""
            CREATE TABLE books (isbn VARCHAR PRIMARY KEY, title VARCHAR NOT NULL, author VARCHAR, published INTEGER,
                                shelf VARCHAR);
            CREATE TABLE members (member_no INTEGER PRIMARY KEY, name VARCHAR NOT NULL, joined DATE, branch VARCHAR);
            CREATE TABLE loans (loan_id INTEGER, isbn VARCHAR, member_no INTEGER, lent_on DATE, due_on DATE,
                                returned_on DATE);
            CREATE VIEW open_loans AS
                SELECT l.loan_id, l.isbn, b.title, l.member_no, m.name AS member_name, l.lent_on, l.due_on
                FROM loans l JOIN books b ON b.isbn = l.isbn JOIN members m ON m.member_no = l.member_no
                WHERE l.returned_on IS NULL;
        """)
        self.isbns: list[str] = []
        self.members = 0
        self.loans = 0
        self.open: list[int] = []
        self.returned_since_sync1: set[int] = set()
        for _ in range(150):
            self._book(con)
        for _ in range(60):
            self._member(con)
        day = date(2024, 8, 1)
        for _ in range(300):
            day += timedelta(days=self.rng.choice([0, 0, 0, 1]))
            self._loan(con, day, day < date(2024, 9, 20) and self.rng.random() < 0.93 or self.rng.random() < 0.3)
        con.close()
        self.open_at_sync1 = set(self.open)
        _stamp(self.path, _at(2024, 10, 15, 20, 0))
        self.values = {"db_path": str(self.path)}

    def _book(self, con) -> None:
        while True:
            isbn = f"978{self.rng.randint(0, 9_999_999_999):010d}"
            if isbn not in self.isbns:
                break
        self.isbns.append(isbn)
        con.execute("INSERT INTO books VALUES (?, ?, ?, ?, ?)",
                    (isbn, f"The {self.rng.choice(self.WORDS)} of {self.rng.choice(self.WORDS)}",
                     f"{self.rng.choice(self.FIRST)} {self.rng.choice(self.LAST)}", self.rng.randint(1950, 2024),
                     f"{self.rng.choice('ABCDEFG')}{self.rng.randint(1, 30)}"))

    def _member(self, con) -> None:
        self.members += 1
        con.execute("INSERT INTO members VALUES (?, ?, ?, ?)",
                    (self.members, f"{self.rng.choice(self.FIRST)} {self.rng.choice(self.LAST)}",
                     date(2020, 1, 1) + timedelta(days=self.rng.randint(0, 1700)), self.rng.choice(["Centro", "Norte", "Sul"])))

    def _loan(self, con, day: date, returned: bool) -> None:
        self.loans += 1
        back = day + timedelta(days=self.rng.randint(3, 30)) if returned else None
        con.execute("INSERT INTO loans VALUES (?, ?, ?, ?, ?, ?)",
                    (self.loans, self.rng.choice(self.isbns), self.rng.randint(1, self.members), day,
                     day + timedelta(days=21), back))
        if not returned:
            self.open.append(self.loans)

    def counts(self) -> dict:
        """rows and deleted rows per table; open_loans keeps the loans returned since sync 1 as deleted rows"""
        return {"books": (len(self.isbns), 0), "members": (self.members, 0), "loans": (self.loans, 0),
                "open_loans": (len(self.open) + len(self.returned_since_sync1), len(self.returned_since_sync1))}

    def advance(self) -> None:
        # 8 new books, 4 new members, a member changes branch; 25 of the loans open at sync 1 are returned;
        # 30 new loans (all open): books 150 -> 158, members 60 -> 64, loans 300 -> 330
        import duckdb

        con = duckdb.connect(str(self.path))
        for _ in range(8):
            self._book(con)
        for _ in range(4):
            self._member(con)
        con.execute("UPDATE members SET branch = 'Norte' WHERE member_no = 7")
        for lid in self.rng.sample(sorted(self.open_at_sync1), 25):
            con.execute("UPDATE loans SET returned_on = DATE '2024-10-16' WHERE loan_id = ?", (lid,))
            self.open.remove(lid)
            self.returned_since_sync1.add(lid)
        for _ in range(30):
            self._loan(con, date(2024, 10, 16), False)
        con.close()
        _stamp(self.path, _now())


# ---------------------------------------------------------------------------------------------------
# l9-05: sensor box share: readings_<yyyymmdd>.jsonl.gz, one per day, written once after midnight (one line per
# device, hour and metric: no id; CO2 devices send a third metric), and devices.csv, the current asset list,
# overwritten in place every night. A device taken off the list disappears from devices.csv.
class SensorShare(_Source):
    DEVICES = [("TH-101", "Lisbon DC", "cold room 1", "TH-2", "2023-03-02"),
               ("TH-102", "Lisbon DC", "cold room 2", "TH-2", "2023-03-02"),
               ("TH-103", "Lisbon DC", "dispatch", "TH-CO2", "2023-06-19"),
               ("TH-104", "Lisbon DC", "office", "TH-2", "2022-11-08"),
               ("TH-105", "Porto DC", "cold room 1", "TH-2", "2023-09-12"),
               ("TH-106", "Porto DC", "dispatch", "TH-CO2", "2023-09-12"),
               ("TH-107", "Porto DC", "battery room", "TH-2", "2024-01-30"),
               ("TH-108", "Porto DC", "office", "TH-CO2", "2024-05-06")]
    NEW = [("TH-109", "Faro DC", "cold room 1", "TH-2", "2024-10-02"),
           ("TH-110", "Faro DC", "dispatch", "TH-CO2", "2024-10-02")]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "facilities" / "sensor_share"
        self.folder.mkdir(parents=True)
        self.devices = [list(d) for d in self.DEVICES]
        self.ever = {d[0] for d in self.devices}
        self.removed: set[str] = set()
        self.readings = 0
        self._day(date(2024, 10, 1), _at(2024, 10, 2, 0, 4))
        self._day(date(2024, 10, 2), _at(2024, 10, 3, 0, 4))
        self._devices(_at(2024, 10, 3, 0, 5))
        self.values = {"folder": str(self.folder)}

    def _devices(self, when: float) -> None:
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["device_id", "site", "room", "model", "installed_on"])
        w.writerows(self.devices)
        path = self.folder / "devices.csv"
        path.write_text(out.getvalue())
        _stamp(path, when)

    def _day(self, day: date, when: float) -> None:
        lines = []
        for hour in range(24):
            ts = f"{day.isoformat()}T{hour:02d}:00:00Z"
            for dev, _, room, model, _ in self.devices:
                if self.rng.random() < 0.03:
                    continue  # the device missed this hour
                cold = room.startswith("cold")
                lines.append({"device": dev, "ts": ts, "metric": "temp_c",
                              "value": round(self.rng.uniform(1.5, 5.5) if cold else self.rng.uniform(17, 26), 1)})
                lines.append({"device": dev, "ts": ts, "metric": "rh_pct", "value": round(self.rng.uniform(35, 80), 1)})
                if model == "TH-CO2":
                    lines.append({"device": dev, "ts": ts, "metric": "co2_ppm", "value": float(self.rng.randint(420, 1400))})
        path = self.folder / f"readings_{day:%Y%m%d}.jsonl.gz"
        _gzip(path, _jsonl(lines))
        _stamp(path, when)
        self.readings += len(lines)

    def counts(self) -> dict:
        return {"devices": (len(self.ever), len(self.removed)), "readings": (self.readings, 0)}

    def advance(self) -> None:
        # TH-104 decommissioned (gone from devices.csv), TH-102 moved to another room, TH-109 and TH-110 added:
        # devices 8 -> 10 (1 deleted); the readings of Oct 3 and Oct 4 arrive
        self.devices = [d for d in self.devices if d[0] != "TH-104"]
        self.removed.add("TH-104")
        self.devices[1][2] = "cold room 3"
        self.devices += [list(d) for d in self.NEW]
        self.ever |= {d[0] for d in self.NEW}
        self._devices(_now())
        self._day(date(2024, 10, 3), _now())
        self._day(date(2024, 10, 4), _now())


# ---------------------------------------------------------------------------------------------------
# l9-06: loyalty-program SQLite file. members are edited in place (updated_at, text) and leave the program by
# getting left_at set (the row stays); points_ledger only grows (entry_id AUTOINCREMENT).
class LoyaltySqlite(_Source):
    DDL = """
    CREATE TABLE members (
        member_id  INTEGER PRIMARY KEY,
        card_no    TEXT NOT NULL UNIQUE,
        email      TEXT,
        first_name TEXT,
        tier       TEXT NOT NULL DEFAULT 'bronze',
        joined_at  TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        left_at    TEXT
    );
    CREATE INDEX ix_members_updated_at ON members(updated_at);
    CREATE TABLE points_ledger (
        entry_id   INTEGER PRIMARY KEY AUTOINCREMENT,
        member_id  INTEGER NOT NULL REFERENCES members(member_id),
        delta      INTEGER NOT NULL,
        reason     TEXT NOT NULL,
        store      TEXT,
        created_at TEXT NOT NULL
    );
    """
    FIRST = ["Ana", "Beatriz", "Carlos", "Duarte", "Eduarda", "Francisco", "Gabriela", "Hugo", "Leonor", "Miguel"]
    TIERS = ["bronze", "silver", "gold"]
    STORES = ["LIS-Chiado", "LIS-Colombo", "OPO-Baixa", "BRG-Centro", None]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.path = workdir / "loyalty" / "loyalty.db"
        self.path.parent.mkdir(parents=True)
        con = sqlite3.connect(self.path)
        con.executescript(self.DDL)
        self.clock = datetime(2024, 6, 1, 9, 0, 0)
        self.members, self.left, self.entries = 0, set(), 0
        for _ in range(150):
            self._member(con)
            for _ in range(self.rng.randint(2, 10)):
                self._entry(con, self.rng.randint(1, self.members))
        while self.entries < 900:
            self._entry(con, self.rng.randint(1, self.members))
        for mid in self.rng.sample(range(1, 151), 20):
            self._retier(con, mid)
        con.commit()
        con.close()
        _stamp(self.path, _at(2024, 10, 1, 23, 0))
        self.values = {"db_path": str(self.path)}

    def _tick(self) -> str:
        self.clock += timedelta(seconds=self.rng.randint(40, 3000))
        return self.clock.strftime("%Y-%m-%d %H:%M:%S")

    def _member(self, con: sqlite3.Connection) -> None:
        self.members += 1
        at = self._tick()
        name = self.rng.choice(self.FIRST)
        con.execute("INSERT INTO members (member_id, card_no, email, first_name, joined_at, updated_at) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (self.members, f"7700{self.rng.randint(10**7, 10**8 - 1)}", f"{name.lower()}{self.members}@mail.test",
                     name, at, at))

    def _entry(self, con: sqlite3.Connection, mid: int, reason: str | None = None, delta: int | None = None) -> None:
        self.entries += 1
        reason = reason or self.rng.choice(["purchase", "purchase", "purchase", "redeem", "bonus"])
        if delta is None:
            delta = -self.rng.choice([100, 250, 500]) if reason == "redeem" else self.rng.randint(5, 180)
        con.execute("INSERT INTO points_ledger (member_id, delta, reason, store, created_at) VALUES (?, ?, ?, ?, ?)",
                    (mid, delta, reason, self.rng.choice(self.STORES), self._tick()))

    def _retier(self, con: sqlite3.Connection, mid: int) -> None:
        con.execute("UPDATE members SET tier = ?, updated_at = ? WHERE member_id = ?",
                    (self.rng.choice(self.TIERS), self._tick(), mid))

    def counts(self) -> dict:
        return {"members": (self.members, len(self.left)), "points_ledger": (self.entries, 0)}

    def advance(self) -> None:
        # 12 new members, 8 tier changes, 4 members leave (left_at set, plus an `exit` entry zeroing their points):
        # members 150 -> 162 (4 deleted); points_ledger 900 -> 975
        con = sqlite3.connect(self.path)
        self.clock = datetime(2024, 10, 2, 9, 0, 0)
        for _ in range(12):
            self._member(con)
        for mid in self.rng.sample(range(1, 151), 8):
            self._retier(con, mid)
        for mid in self.rng.sample(range(1, 151), 4):
            at = self._tick()
            con.execute("UPDATE members SET left_at = ?, updated_at = ? WHERE member_id = ?", (at, at, mid))
            self.left.add(mid)
            self._entry(con, mid, "exit", -1)
        while self.entries < 975:
            self._entry(con, self.rng.choice([m for m in range(1, self.members + 1) if m not in self.left]))
        con.commit()
        con.close()
        _stamp(self.path, _now())


# ---------------------------------------------------------------------------------------------------
# l9-07: weekly timesheet exports saved from Excel as "Unicode Text": UTF-16 LE with a byte-order mark, tab
# separated, CRLF. A later week's export repeats an earlier entry when it was corrected (same Entry ID).
class TimesheetExports(_Source):
    PEOPLE = ["José Álvarez", "Zoë Brandt", "Łukasz Nowak", "Søren Møller", "Inês Conceição", "Chloé Dubois", "Tomás Ruiz"]
    PROJECTS = ["PRJ-101 Intranet", "PRJ-114 Migração ERP", "PRJ-120 Café app", "INT Internal"]
    NOTES = ["", "", "", "réunion client", "Überstunden genehmigt", "revisão de código", "deploy", "formação"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "hr" / "timesheet_exports"
        self.folder.mkdir(parents=True)
        self.entries: dict[str, list[str]] = {}
        self._week(40, 40, 0, _at(2024, 10, 7, 8, 0))
        self._week(41, 38, 3, _at(2024, 10, 14, 8, 0))
        self._week(42, 42, 4, _at(2024, 10, 21, 8, 0))
        self.values = {"folder": str(self.folder)}

    def _week(self, week: int, new: int, fixes: int, when: float) -> None:
        monday = date.fromisocalendar(2024, week, 1)
        rows = []
        for eid in self.rng.sample(sorted(self.entries), fixes):
            row = self.entries[eid]
            row[4] = f"{float(row[4]) + self.rng.choice([-1.0, -0.5, 0.5, 1.0]):.2f}"
            row[5] = "corrigido / corrected"
            rows.append(row)
        for _ in range(new):
            eid = f"TS-{4000 + len(self.entries) + 1:06d}"
            row = [eid, self.rng.choice(self.PEOPLE), self.rng.choice(self.PROJECTS),
                   (monday + timedelta(days=self.rng.randint(0, 4))).isoformat(),
                   f"{self.rng.choice([1, 2, 3, 4, 4, 6, 8]) + self.rng.choice([0, 0, 0.5]):.2f}", self.rng.choice(self.NOTES)]
            self.entries[eid] = row
            rows.append(row)
        text = "\r\n".join("\t".join(r) for r in [["Entry ID", "Employee", "Project", "Date", "Hours", "Comment"]] + rows)
        path = self.folder / f"Timesheets_2024-W{week}.txt"
        path.write_bytes(b"\xff\xfe" + (text + "\r\n").encode("utf-16-le"))
        _stamp(path, when)

    def counts(self) -> int:
        return len(self.entries)

    def advance(self) -> None:
        # week 43: 45 new entries and 5 corrections: 120 -> 165
        self._week(43, 45, 5, _now())


# ---------------------------------------------------------------------------------------------------
# l9-08: ERP price list: one ISO-8859-1, semicolon-separated file (CRLF, decimal commas) that the ERP overwrites
# every night with the full current list. Articles dropped from the range are simply missing from the next file.
class PriceList(_Source):
    NOUNS = ["Schraubendreher", "Dübel", "Maßband", "Türscharnier", "Spülmittel", "Kabelbinder", "Glühbirne",
             "Café-Filter", "Bohrer", "Schlüsselanhänger", "Gießkanne", "Säge"]
    SIZES = ["Größe 1", "Größe 2", "8 mm", "½ Zoll", "5 m", "1 l", "60 W", "Nr. 4", "groß", "klein"]
    GROUPS = ["Werkzeug", "Haushalt", "Elektro", "Garten", "Befestigung"]
    UNITS = ["Stk", "Pck", "m", "l"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.path = workdir / "erp" / "export" / "PREISLISTE.CSV"
        self.path.parent.mkdir(parents=True)
        self.articles: dict[str, list[str]] = {}
        self.removed: set[str] = set()
        self.next_no = 100200
        for _ in range(120):
            self._article()
        self._write(_at(2024, 10, 15, 2, 30))
        self.values = {"csv_path": str(self.path)}

    @staticmethod
    def _price(cents: int) -> str:
        euros, rest = divmod(cents, 100)
        return f"{euros:,}".replace(",", ".") + f",{rest:02d}"

    def _cents(self) -> int:
        return self.rng.choice([self.rng.randint(49, 999), self.rng.randint(1000, 9999), self.rng.randint(10000, 189_900)])

    def _article(self) -> None:
        self.next_no += self.rng.randint(1, 40)
        no = f"{self.next_no:08d}"
        self.articles[no] = [no, f"{self.rng.choice(self.NOUNS)} {self.rng.choice(self.SIZES)}", self.rng.choice(self.GROUPS),
                             self._price(self._cents()), self.rng.choice(self.UNITS), "01.10.2024"]

    def _write(self, when: float) -> None:
        out = io.StringIO()
        w = csv.writer(out, delimiter=";", lineterminator="\r\n")
        w.writerow(["Artikelnr", "Bezeichnung", "Warengruppe", "Preis", "Einheit", "Gueltig_ab"])
        w.writerows(self.articles[k] for k in sorted(self.articles))
        self.path.write_bytes(out.getvalue().encode("iso-8859-1"))
        _stamp(self.path, when)

    def counts(self) -> tuple[int, int]:
        return len(self.articles) + len(self.removed), len(self.removed)

    def advance(self) -> None:
        # the file is rewritten: 6 articles dropped, 10 new, 8 repriced: pricelist 120 -> 130 rows (6 deleted)
        keys = sorted(self.articles)
        for no in self.rng.sample(keys, 6):
            del self.articles[no]
            self.removed.add(no)
        for no in self.rng.sample(sorted(self.articles), 8):
            self.articles[no][3] = self._price(self._cents())
            self.articles[no][5] = "16.10.2024"
        for _ in range(10):
            self._article()
        self._write(_now())


SOURCES = {"till_exports": TillExports, "fleet_sqlite": FleetSqlite, "web_orders": WebOrders,
           "library_duckdb": LibraryDuckdb, "sensor_share": SensorShare, "loyalty_sqlite": LoyaltySqlite,
           "timesheet_exports": TimesheetExports, "price_list": PriceList}


@contextlib.contextmanager
def make(source: str, workdir: Path) -> Iterator[_Source]:
    workdir = Path(workdir).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    yield SOURCES[source](workdir)
