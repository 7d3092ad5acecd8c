"""Local file and database sources for the local12 generate-evaluation set.

make(source, workdir) is a context manager that writes the source's files under workdir (seeded with
random.Random(<class name>), so every run writes the same bytes) and yields an object with `.values`
(placeholders for the task's config: `folder`, absolute) and `.advance()` (the changes before the second
sync; a no-op for the four single-sync sources). Each class also has `counts()`: the rows a correct
connector holds per table, as (rows, deleted), used by make_tasks.py to check the numbers written in the tasks.

Initial files get fixed modification times in 2024; advance() stamps what it writes with the current time
plus 5 s, so a connector that tracks modification times sees them change.
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


def _past(day: float) -> float:
    """A fixed 2024 timestamp, `day` days after 2024-09-01 06:00 local time."""
    return datetime(2024, 9, 1, 6, 0, 0).timestamp() + day * 86400


def _now() -> float:
    return time.time() + 5


def _gzip_bytes(data: bytes) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as fh:
        fh.write(data)
    return buf.getvalue()


def _not_utf8(data: bytes, name: str) -> None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return
    raise AssertionError(f"{name} decodes as UTF-8")  # pragma: no cover - the twist needs non-UTF-8 bytes


class _Source:
    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.rng = random.Random(self.__class__.__name__)
        self.values: dict[str, str] = {}

    def advance(self) -> None:
        pass

    def counts(self) -> dict[str, tuple[int, int]]:  # pragma: no cover - overridden
        return {}


# ---------------------------------------------------------------------------------------------------
# l12-01: stock movements exported by a Polish WMS: ruchy_<n>.csv, n counting up from 1 without zero padding
# (ruchy_9.csv, then ruchy_10.csv), Windows-1250, ';', CRLF, decimal comma, dd.mm.yyyy HH:MM. Every file holds
# new movements only; files never change once written.
class StockMoves(_Source):
    HEADER = ["ID ruchu", "Data", "Magazyn", "Indeks", "Nazwa towaru", "Ilość", "JM", "Typ dokumentu"]
    PRODUCTS = [("ŁK-6204", "Łożysko kulkowe 6204-2RS", "szt"), ("ŚR-M8X40", "Śruba M8x40 ocynk", "szt"),
                ("ŻR-LED9", "Żarówka LED 9W barwa ciepła", "szt"), ("KL-PU500", "Klej poliuretanowy 500 ml", "szt"),
                ("PŁ-OSB18", "Płyta OSB 18 mm", "m2"), ("KB-YDY325", "Kabel YDY 3x2,5 mm żółty", "m"),
                ("TŚ-PCV32", "Taśma PCV 32 mm czarna", "mb"), ("FA-ŚCIEN", "Farba ścienna biała 10 l", "szt"),
                ("WK-ŁĄCZ", "Wkręt do łączenia płyt 4x35", "op")]
    WAREHOUSES = ["Łódź-1", "Gdańsk Port", "Poznań Śródka", "Kraków Nowa Huta"]
    TYPES = ["PZ", "WZ", "WZ", "MM", "RW"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "wms" / "export" / "ruchy"
        self.folder.mkdir(parents=True)
        self.next_id = 310_455
        self.ids: set[int] = set()
        self.clock = datetime(2024, 9, 2, 6, 0)
        for n in range(1, 9):
            self._file(n, _past(1 + n / 4))
        self.values = {"folder": str(self.folder)}

    def _file(self, n: int, when: float) -> None:
        buf = io.StringIO()
        w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
        w.writerow(self.HEADER)
        for _ in range(self.rng.randint(8, 14)):
            self.next_id += self.rng.randint(1, 3)
            self.clock += timedelta(minutes=self.rng.randint(3, 40))
            code, name, unit = self.rng.choice(self.PRODUCTS)
            qty = self.rng.randint(1, 400) if unit in ("szt", "op") else self.rng.randint(5, 2400) / 10
            sign = -1 if self.rng.random() < 0.08 else 1  # corrections are negative
            qty_text = f"{sign * qty:g}".replace(".", ",")
            w.writerow([self.next_id, self.clock.strftime("%d.%m.%Y %H:%M"), self.rng.choice(self.WAREHOUSES), code,
                        name, qty_text, unit, self.rng.choice(self.TYPES)])
            self.ids.add(self.next_id)
        data = buf.getvalue().encode("cp1250")
        _not_utf8(data, f"ruchy_{n}.csv")
        path = self.folder / f"ruchy_{n}.csv"
        path.write_bytes(data)
        _stamp(path, when)

    def counts(self) -> dict[str, tuple[int, int]]:
        return {"stock_movements": (len(self.ids), 0)}

    def advance(self) -> None:
        # three more exports: ruchy_9.csv, ruchy_10.csv, ruchy_11.csv (a name cursor stops after ruchy_9)
        for n in (9, 10, 11):
            self._file(n, _now())


# ---------------------------------------------------------------------------------------------------
# l12-02: a parcel carrier's scan-event feed: trk_evt_<YYYYMMDD>_<NN>.csv, comma-separated, no header row,
# CRLF. The driver's note (6th column) is free text: quoted when it holds commas, doubled quotes or line breaks.
class CarrierEvents(_Source):
    STATUSES = ["PU", "AR", "DP", "OD", "DL", "DL", "EX"]
    DEPOTS = ["LEJ1", "BER2", "HAM1", "MUC3", "CGN1"]
    NOTES = ["", "", "", "", "", "Left with neighbour, no. 14", 'Customer said "not at home", card left',
             "Label damaged,\nrelabelled at depot", "Delivered to parcel locker 3, code sent by SMS",
             'Gate code "4711", rear entrance', "Box dented\r\nphoto taken, customer informed", "Signed: K. Lüdtke"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "carrier" / "feed" / "scan_events"
        self.folder.mkdir(parents=True)
        self.rows = 0
        self.next_id = 88_120_000
        parcels = [f"JJD{self.rng.randint(10**13, 10**14 - 1)}" for _ in range(30)]
        for d, day in enumerate((2, 3, 4)):
            for part in (1, 2):
                self._file(date(2024, 9, day), part, parcels, _past(d + part / 3))
        self.values = {"folder": str(self.folder)}

    def _file(self, day: date, part: int, parcels: list[str], when: float) -> None:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        at = datetime(day.year, day.month, day.day, 6 if part == 1 else 14, 0)
        for _ in range(self.rng.randint(9, 16)):
            self.next_id += self.rng.randint(1, 50)
            at += timedelta(seconds=self.rng.randint(60, 1500))
            w.writerow([f"EV{self.next_id}", self.rng.choice(parcels), at.strftime("%Y-%m-%dT%H:%M:%S"),
                        self.rng.choice(self.STATUSES), self.rng.choice(self.DEPOTS), self.rng.choice(self.NOTES),
                        f"{self.rng.randint(10, 3150) / 100:.2f}", self.rng.randint(1, 3)])
            self.rows += 1
        path = self.folder / f"trk_evt_{day:%Y%m%d}_{part:02d}.csv"
        path.write_bytes(buf.getvalue().encode("utf-8"))
        _stamp(path, when)

    def counts(self) -> dict[str, tuple[int, int]]:
        return {"scan_events": (self.rows, 0)}


# ---------------------------------------------------------------------------------------------------
# l12-03: monthly commission reports: commission_YYYY-MM.csv, the running month's file rewritten every night
# with the month so far. No id column: a rep who covers two territories has two rows on the same day, so a
# row is (rep_id, day, territory). A clawed-back deal makes its row disappear from the next version.
class Commissions(_Source):
    HEADER = ["rep_id", "rep_name", "territory", "day", "deals_closed", "revenue", "commission"]
    REPS = [("R-011", "Ana Ferreira", ["North"]), ("R-014", "Ben Okoro", ["South"]),
            ("R-019", "Cleo Martin", ["North", "Central"]), ("R-022", "Dev Patel", ["West"]),
            ("R-027", "Eli Novak", ["South", "West"]), ("R-031", "Fay Lindgren", ["Central"])]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "sales" / "commission_reports"
        self.folder.mkdir(parents=True)
        self.rows: dict[tuple[str, str, str], dict] = {}  # (rep_id, territory, day) -> row, live rows
        self.deleted: set[tuple[str, str, str]] = set()
        self._days(2024, 7, 1, 31)
        self._write("2024-07", _past(-31))
        self._days(2024, 8, 1, 31)
        self._write("2024-08", _past(0.1))
        self._days(2024, 9, 1, 12)
        self._write("2024-09", _past(11.1))
        self.values = {"folder": str(self.folder)}

    def _days(self, y: int, m: int, lo: int, hi: int) -> None:
        for d in range(lo, hi + 1):
            try:
                day = date(y, m, d)
            except ValueError:
                continue
            if day.weekday() >= 5:
                continue
            for rep_id, name, territories in self.REPS:
                for terr in territories:
                    if self.rng.random() < 0.3:
                        deals = self.rng.randint(1, 4)
                        revenue = sum(self.rng.randint(800, 12000) for _ in range(deals))
                        self.rows[(rep_id, terr, day.isoformat())] = {
                            "rep_id": rep_id, "rep_name": name, "territory": terr, "day": day.isoformat(),
                            "deals_closed": deals, "revenue": revenue}

    def _write(self, month: str, when: float) -> None:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(self.HEADER)
        for key in sorted(k for k in self.rows if k[2].startswith(month)):
            r = self.rows[key]
            w.writerow([r["rep_id"], r["rep_name"], r["territory"], r["day"], r["deals_closed"],
                        f"{r['revenue']:.2f}", f"{r['revenue'] * 0.035:.2f}"])
        path = self.folder / f"commission_{month}.csv"
        path.write_text(buf.getvalue())
        _stamp(path, when)

    def counts(self) -> dict[str, tuple[int, int]]:
        return {"commissions": (len(self.rows) + len(self.deleted), len(self.deleted))}

    def advance(self) -> None:
        # September rewritten: 4 rows clawed back (gone), 5 corrected, Sep 13-30 added; October starts (1-4)
        sep = sorted(k for k in self.rows if k[2].startswith("2024-09"))
        for key in self.rng.sample(sep, 4):
            del self.rows[key]
            self.deleted.add(key)
            sep.remove(key)
        for key in self.rng.sample(sep, 5):
            self.rows[key]["revenue"] += self.rng.randint(-500, 500)
        self._days(2024, 9, 13, 30)
        self._write("2024-09", _now())
        self._days(2024, 10, 1, 4)
        self._write("2024-10", _now())


# ---------------------------------------------------------------------------------------------------
# l12-04: app events as JSON lines in <yyyy>/<mm>/<dd>/events-<HHMM>.jsonl; a file is gzipped (and the plain
# file removed) once the next one has started, so the newest file of the newest day is plain text. Delivery is
# at least once: some events are sent again in the next file with a later received_at.
class AppEvents(_Source):
    TYPES = ["app_open", "screen_view", "screen_view", "search", "add_to_cart", "checkout", "purchase"]
    SCREENS = ["/home", "/search", "/p/1184", "/p/2210", "/p/3307", "/cart", "/checkout", "/account"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.root = workdir / "analytics" / "app_events"
        self.root.mkdir(parents=True)
        self.ids: set[str] = set()
        self.users = [f"u_{self.rng.getrandbits(32):08x}" for _ in range(25)]
        self.last: list[dict] = []
        self.plain: Path | None = None
        for day in (1, 2, 3):
            for hhmm in ("0000", "0600", "1200", "1800"):
                if (day, hhmm) == (3, "1800"):
                    break
                self._file(date(2024, 9, day), hhmm, _past(day - 1 + int(hhmm[:2]) / 24 + 0.25))
        self.values = {"folder": str(self.root)}

    def _event(self, at: datetime) -> dict:
        kind = self.rng.choice(self.TYPES)
        props: dict = {"screen": self.rng.choice(self.SCREENS)}
        if kind == "search":
            props["query"] = self.rng.choice(["drill", "led strip", "garden hose", "ikea shelf"])
        if kind in ("add_to_cart", "purchase"):
            props["value"] = round(self.rng.uniform(3, 180), 2)
            props["currency"] = "EUR"
        return {"event_id": f"{self.rng.getrandbits(64):016x}", "ts": at.strftime("%Y-%m-%dT%H:%M:%S.") +
                f"{self.rng.randint(0, 999):03d}Z", "user_id": self.rng.choice(self.users), "type": kind,
                "app_version": self.rng.choice(["4.11.2", "4.12.0", "4.12.0"]),
                "platform": self.rng.choice(["ios", "android"]), "props": props}

    def _file(self, day: date, hhmm: str, when: float) -> None:
        if self.plain is not None:  # the previous file is closed now: gzip it
            data = self.plain.read_bytes()
            gz = self.plain.with_name(self.plain.name + ".gz")
            gz.write_bytes(_gzip_bytes(data))
            _stamp(gz, when - 60)
            self.plain.unlink()
        folder = self.root / f"{day:%Y}" / f"{day:%m}" / f"{day:%d}"
        folder.mkdir(parents=True, exist_ok=True)
        start = datetime(day.year, day.month, day.day, int(hhmm[:2]))
        events = []
        for prev in self.rng.sample(self.last, min(2, len(self.last))):  # re-delivered
            events.append({**prev, "received_at": (start + timedelta(seconds=self.rng.randint(1, 90)))
                           .strftime("%Y-%m-%dT%H:%M:%SZ")})
        fresh = []
        for _ in range(self.rng.randint(14, 26)):
            at = start + timedelta(seconds=self.rng.randint(0, 6 * 3600 - 1))
            ev = self._event(at)
            ev["received_at"] = (at + timedelta(seconds=self.rng.randint(1, 20))).strftime("%Y-%m-%dT%H:%M:%SZ")
            fresh.append(ev)
            self.ids.add(ev["event_id"])
        events = sorted(events + fresh, key=lambda e: e["received_at"])
        self.last = fresh
        path = folder / f"events-{hhmm}.jsonl"
        path.write_text("".join(json.dumps(e, separators=(",", ":")) + "\n" for e in events))
        _stamp(path, when)
        self.plain = path

    def counts(self) -> dict[str, tuple[int, int]]:
        return {"app_events": (len(self.ids), 0)}

    def advance(self) -> None:
        # Sep 3 18:00 (in a day folder already read; the 12:00 file is gzipped), then all of Sep 4
        self._file(date(2024, 9, 3), "1800", _now())
        for hhmm in ("0000", "0600", "1200", "1800"):
            self._file(date(2024, 9, 4), hhmm, _now())


# ---------------------------------------------------------------------------------------------------
# l12-05: one SQLite file per shop from the tills (negozio_<city>.db). `sales` has no declared key (the implicit
# rowid is the only id); voided sales are deleted, so rowids have gaps. The Turin till runs the older software:
# its sales table has no loyalty_card column.
class TillShops(_Source):
    DDL = """
    CREATE TABLE sales (
        sold_at      TEXT NOT NULL,
        sku          TEXT NOT NULL,
        description  TEXT,
        qty          INTEGER NOT NULL,
        unit_price   REAL NOT NULL,
        cashier      TEXT{extra}
    );
    CREATE INDEX ix_sales_sold_at ON sales (sold_at);
    CREATE TABLE settings (name TEXT, value TEXT);
    """
    ITEMS = [("8001234500011", "Caffè espresso", 1.20), ("8001234500028", "Cappuccino", 1.60),
             ("8001234500035", "Cornetto alla crema", 1.40), ("8001234500042", "Spremuta d'arancia", 3.50),
             ("8001234500059", "Tramezzino tonno", 3.20), ("8001234500066", "Acqua frizzante 0,5 l", 1.00),
             ("8001234500073", "Panino prosciutto e mozzarella", 4.80), ("8001234500080", "Tiramisù", 4.00)]
    CASHIERS = ["Giulia", "Marco", "Chiara", "Luca", "Sara"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "negozi" / "casse"
        self.folder.mkdir(parents=True)
        self.rows = 0
        for n, (city, count, old) in enumerate([("bologna", 38, False), ("milano", 45, False), ("torino", 31, True)]):
            self._shop(city, count, old, _past(2 + n / 50))
        (self.folder / "LEGGIMI.txt").write_text("Copia notturna dei database delle casse. Non modificare.\n")
        _stamp(self.folder / "LEGGIMI.txt", _past(-200))
        self.values = {"folder": str(self.folder)}

    def _shop(self, city: str, count: int, old: bool, when: float) -> None:
        path = self.folder / f"negozio_{city}.db"
        con = sqlite3.connect(path)
        con.executescript(self.DDL.format(extra="" if old else ",\n        loyalty_card TEXT"))
        con.executemany("INSERT INTO settings VALUES (?, ?)", [("shop", city), ("version", "2.4" if old else "3.1")])
        clock = datetime(2024, 9, 2, 7, 0)
        total = count + 6
        for _ in range(total):
            clock += timedelta(seconds=self.rng.randint(30, 700))
            sku, desc, price = self.rng.choice(self.ITEMS)
            row = [clock.strftime("%Y-%m-%d %H:%M:%S"), sku, desc, self.rng.randint(1, 3), price,
                   self.rng.choice(self.CASHIERS)]
            if old:
                con.execute("INSERT INTO sales VALUES (?, ?, ?, ?, ?, ?)", row)
            else:
                card = f"FID{self.rng.randint(100000, 999999)}" if self.rng.random() < 0.4 else None
                con.execute("INSERT INTO sales VALUES (?, ?, ?, ?, ?, ?, ?)", row + [card])
        # six voided sales deleted: gaps in the rowids
        voided = self.rng.sample(range(2, total), 6)
        con.executemany("DELETE FROM sales WHERE rowid = ?", [(v,) for v in voided])
        con.commit()
        assert con.execute("SELECT count(*) FROM sales").fetchone()[0] == count
        con.close()
        self.rows += count
        _stamp(path, when)

    def counts(self) -> dict[str, tuple[int, int]]:
        return {"vendite": (self.rows, 0)}


# ---------------------------------------------------------------------------------------------------
# l12-06: one DuckDB file for two legal entities: schemas `de` and `fr` with the same tables (customers,
# invoices), ids starting at 1 in each. main still holds a customers table from before the split.
class ErpDuckdb(_Source):
    DDL = """
    CREATE SCHEMA {s};
    CREATE TABLE {s}.customers (customer_id INTEGER PRIMARY KEY, name VARCHAR NOT NULL, vat_id VARCHAR,
        city VARCHAR, created_at TIMESTAMP NOT NULL);
    CREATE TABLE {s}.invoices (invoice_id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL,
        invoice_date DATE NOT NULL, net_amount DECIMAL(12, 2) NOT NULL, vat_amount DECIMAL(12, 2) NOT NULL,
        currency VARCHAR(3) NOT NULL, status VARCHAR NOT NULL);
    """
    NAMES = {"de": (["Müller", "Schröder", "Becker", "Hoffmann", "Krüger"], ["GmbH", "KG", "AG", "GmbH & Co. KG"],
                    ["Berlin", "Köln", "Leipzig", "München", "Hamburg"], 0.19),
             "fr": (["Dubois", "Lefèvre", "Moreau", "Girard", "Bonnet"], ["SARL", "SAS", "SA"],
                    ["Lyon", "Lille", "Nantes", "Paris", "Toulouse"], 0.20)}

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        import duckdb

        self.folder = workdir / "erp"
        self.folder.mkdir(parents=True)
        path = self.folder / "erp.duckdb"
        con = duckdb.connect(str(path))
        con.execute("CREATE TABLE main.customers (id INTEGER, name VARCHAR, country VARCHAR, city VARCHAR)")
        con.executemany("INSERT INTO main.customers VALUES (?, ?, ?, ?)",
                        [(i, f"Altkunde {i}", self.rng.choice(["DE", "FR"]), None) for i in range(1, 31)])
        self.n: dict[str, tuple[int, int]] = {}
        for s, (customers, invoices) in {"de": (24, 58), "fr": (17, 41)}.items():
            con.execute(self.DDL.format(s=s))
            last, forms, cities, rate = self.NAMES[s]
            for cid in range(1, customers + 1):
                con.execute(f"INSERT INTO {s}.customers VALUES (?, ?, ?, ?, ?)",
                            (cid, f"{self.rng.choice(last)} {self.rng.choice(forms)}",
                             f"{s.upper()}{self.rng.randint(10**8, 10**9 - 1)}", self.rng.choice(cities),
                             datetime(2023, 1, 1) + timedelta(minutes=self.rng.randint(0, 600_000))))
            for iid in range(1, invoices + 1):
                net = self.rng.randint(5_000, 2_500_000)
                con.execute(f"INSERT INTO {s}.invoices VALUES (?, ?, ?, ?, ?, ?, ?)",
                            (iid, self.rng.randint(1, customers), date(2024, 6, 1) + timedelta(days=self.rng.randint(0, 90)),
                             f"{net / 100:.2f}", f"{round(net * rate) / 100:.2f}", "EUR",
                             self.rng.choice(["open", "paid", "paid", "overdue"])))
            self.n[s] = (customers, invoices)
        con.close()
        _stamp(path, _past(3))
        self.values = {"folder": str(self.folder)}

    def counts(self) -> dict[str, tuple[int, int]]:
        return {"customers": (sum(c for c, _ in self.n.values()), 0),
                "invoices": (sum(i for _, i in self.n.values()), 0)}


# ---------------------------------------------------------------------------------------------------
# l12-07: a helpdesk's SQLite file. tickets.updated_at has whole seconds only, and the auto-close job updates
# many tickets in one second; a sync can run while that second is still being written. Agents hard-delete
# spam tickets (a trigger logs them in ticket_deletions).
class Helpdesk(_Source):
    DDL = """
    CREATE TABLE agents (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT, team TEXT);
    CREATE TABLE tickets (
        id           INTEGER PRIMARY KEY,
        subject      TEXT NOT NULL,
        requester    TEXT NOT NULL,
        status       TEXT NOT NULL,
        priority     TEXT NOT NULL,
        assignee_id  INTEGER REFERENCES agents(id),
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL
    );
    CREATE INDEX ix_tickets_updated_at ON tickets (updated_at);
    CREATE TABLE ticket_deletions (id INTEGER PRIMARY KEY AUTOINCREMENT, ticket_id INTEGER NOT NULL, deleted_at TEXT);
    CREATE TRIGGER trg_ticket_deleted AFTER DELETE ON tickets
    BEGIN
        INSERT INTO ticket_deletions (ticket_id, deleted_at) VALUES (old.id, datetime('now'));
    END;
    """
    AGENTS = [(1, "Priya Nair", "priya@helpdesk.example", "L1"), (2, "Tom Becker", "tom@helpdesk.example", "L1"),
              (3, "Ines Duarte", "ines@helpdesk.example", "L1"), (4, "Kenji Mori", "kenji@helpdesk.example", "L2"),
              (5, "Aylin Kaya", "aylin@helpdesk.example", "L2"), (6, "Rob Evans", "rob@helpdesk.example", "Billing")]
    SUBJECTS = ["Cannot log in", "Invoice shows wrong VAT", "Export to CSV fails", "Password reset link expired",
                "Feature request: dark mode", "App crashes on upload", "Refund for double charge",
                "Where is my order?", "SSO with Azure AD", "WIN A FREE IPHONE!!!"]
    T_MAX = "2024-09-05 17:00:03"  # the auto-close job's second, the newest updated_at at sync 1

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "support" / "helpdesk"
        self.folder.mkdir(parents=True)
        self.path = self.folder / "helpdesk.sqlite"
        con = sqlite3.connect(self.path)
        con.executescript(self.DDL)
        con.executemany("INSERT INTO agents VALUES (?, ?, ?, ?)", self.AGENTS)
        self.deleted = 0
        clock = datetime(2024, 8, 19, 8, 0)
        for tid in range(1, 131):
            clock += timedelta(seconds=self.rng.randint(600, 14000))
            self._insert(con, tid, clock, min(clock + timedelta(minutes=self.rng.randint(0, 2000)),
                                              datetime(2024, 9, 5, 16, 59, 0)))
        # ten spam tickets deleted before the first sync
        spam = self.rng.sample(range(1, 131), 10)
        con.executemany("DELETE FROM tickets WHERE id = ?", [(t,) for t in spam])
        # the auto-close job: resolved tickets closed in one second
        resolved = [r[0] for r in con.execute("SELECT id FROM tickets WHERE status = 'resolved' ORDER BY id")]
        for tid in resolved[:6]:
            con.execute("UPDATE tickets SET status = 'closed', updated_at = ? WHERE id = ?", (self.T_MAX, tid))
        self.pending = resolved[6:]
        con.commit()
        assert con.execute("SELECT max(updated_at) FROM tickets").fetchone()[0] == self.T_MAX
        self.ids = {r[0] for r in con.execute("SELECT id FROM tickets")}
        con.close()
        _stamp(self.path, _past(4.5))
        self.values = {"folder": str(self.folder)}

    def _insert(self, con: sqlite3.Connection, tid: int, created: datetime, updated: datetime | str) -> None:
        status = self.rng.choice(["new", "open", "open", "pending", "resolved", "resolved"])
        updated = updated if isinstance(updated, str) else updated.strftime("%Y-%m-%d %H:%M:%S")
        con.execute("INSERT INTO tickets VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (tid, self.rng.choice(self.SUBJECTS), f"customer{self.rng.randint(100, 999)}@mail.example",
                     status, self.rng.choice(["low", "normal", "normal", "high", "urgent"]),
                     self.rng.choice([None, 1, 2, 3, 4, 5, 6]), created.strftime("%Y-%m-%d %H:%M:%S"), updated))

    def counts(self) -> dict[str, tuple[int, int]]:
        return {"tickets": (len(self.ids), self.deleted), "agents": (len(self.AGENTS), 0)}

    def advance(self) -> None:
        con = sqlite3.connect(self.path)
        # still in the auto-close second: three more tickets closed, one new ticket created (ticket 131)
        assert len(self.pending) >= 3
        for tid in self.pending[:3]:
            con.execute("UPDATE tickets SET status = 'closed', updated_at = ? WHERE id = ?", (self.T_MAX, tid))
        self._insert(con, 131, datetime.fromisoformat(self.T_MAX), self.T_MAX)
        # later: nine new tickets, six updated, three deleted (among those read at sync 1)
        clock = datetime(2024, 9, 5, 17, 20)
        for tid in range(132, 141):
            clock += timedelta(seconds=self.rng.randint(300, 3000))
            self._insert(con, tid, clock, clock)
        for tid in self.rng.sample(sorted(self.ids - set(self.pending[:3])), 6):
            clock += timedelta(seconds=self.rng.randint(5, 200))
            con.execute("UPDATE tickets SET status = 'open', updated_at = ? WHERE id = ?",
                        (clock.strftime("%Y-%m-%d %H:%M:%S"), tid))
        gone = self.rng.sample(sorted(self.ids), 3)
        con.executemany("DELETE FROM tickets WHERE id = ?", [(t,) for t in gone])
        con.commit()
        con.close()
        self.ids |= set(range(131, 141))
        self.deleted += 3
        _stamp(self.path, _now())


# ---------------------------------------------------------------------------------------------------
# l12-08: one JSON file per employee (<employee_id>.json) from the HR system, each with a certifications array.
# A renewed certificate is a second entry with the same code; some files have an empty array or none at all.
# _index.json (a listing of the export) sits next to them.
class StaffJson(_Source):
    CERTS = [("FLT", "Forklift operator"), ("FA1", "First aid level 1"), ("HSE", "Health & safety induction"),
             ("ELV", "Electrical low voltage"), ("WAH", "Working at height"), ("ADR", "Dangerous goods (ADR)")]
    FIRST = ["Amira", "Bogdan", "Carla", "Dmitri", "Elif", "Felix", "Grete", "Hamza", "Ilse", "Jonas", "Kasia", "Liam"]
    LAST = ["Novak", "Schmidt", "Yılmaz", "Kowalski", "Berg", "Rossi", "Haddad", "Olsen", "Varga", "Costa"]
    DEPTS = ["Warehouse", "Transport", "Maintenance", "Office"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "hr" / "staff_export"
        self.folder.mkdir(parents=True)
        self.employees = 0
        self.certs = 0
        names = []
        ids = self.rng.sample(range(10_000, 10_999), 38)
        for n, eid in enumerate(sorted(ids)):
            emp = f"E{eid}"
            certs = []
            for code, title in self.rng.sample(self.CERTS, self.rng.choice([0, 1, 2, 2, 3])):
                issued = date(2019, 1, 1) + timedelta(days=self.rng.randint(0, 900))
                certs.append({"code": code, "name": title, "issued_on": issued.isoformat(),
                              "expires_on": (issued + timedelta(days=730)).isoformat()})
                if self.rng.random() < 0.45:  # renewed: a second entry with the same code
                    renewed = issued + timedelta(days=720)
                    certs.append({"code": code, "name": title, "issued_on": renewed.isoformat(),
                                  "expires_on": (renewed + timedelta(days=730)).isoformat()})
            doc = {"employee_id": emp, "first_name": self.rng.choice(self.FIRST), "last_name": self.rng.choice(self.LAST),
                   "department": self.rng.choice(self.DEPTS), "hired_on": (date(2012, 1, 1) + timedelta(
                       days=self.rng.randint(0, 4300))).isoformat(),
                   "manager_id": None if n % 9 == 0 else f"E{self.rng.choice(ids)}",
                   "contact": {"email": f"{emp.lower()}@logi.example", "phone": f"+49 30 {self.rng.randint(1000000, 9999999)}"}}
            if certs or self.rng.random() < 0.5:
                doc["certifications"] = certs
            path = self.folder / f"{emp}.json"
            path.write_text(json.dumps(doc, indent=2, ensure_ascii=False))
            _stamp(path, _past(5 + n / 1000))
            names.append(path.name)
            self.employees += 1
            self.certs += len(certs)
        index = {"export": "staff", "generated_at": "2024-09-06T05:00:00Z", "count": len(names), "files": names}
        (self.folder / "_index.json").write_text(json.dumps(index, indent=2))
        _stamp(self.folder / "_index.json", _past(5.1))
        self.values = {"folder": str(self.folder)}

    def counts(self) -> dict[str, tuple[int, int]]:
        return {"employees": (self.employees, 0), "employee_certifications": (self.certs, 0)}


SOURCES = {"wms_moves_cp1250": StockMoves, "carrier_headerless_csv": CarrierEvents,
           "commission_monthly_rewrite": Commissions, "app_events_jsonl_gz": AppEvents,
           "till_sqlite_rowid": TillShops, "erp_duckdb_schemas": ErpDuckdb, "helpdesk_sqlite_cursor": Helpdesk,
           "staff_json_children": StaffJson}


@contextlib.contextmanager
def make(source: str, workdir: Path) -> Iterator[_Source]:
    workdir = Path(workdir).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    yield SOURCES[source](workdir)
