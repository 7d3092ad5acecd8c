"""Local file and database sources for the local2 generate-evaluation set.

make(source, workdir) is a context manager that writes the source's files under workdir (seeded, so
every run writes the same data) and yields an object with `.values` (placeholders for the task's
request and config) and `.advance()` (changes the data before the second sync).

Initial files get fixed modification times in 2024; advance() stamps what it touches with the
current time plus a few seconds, so a connector that tracks modification times sees them change.
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
    """A fixed 2024 timestamp, day days after 2024-03-01."""
    return datetime(2024, 3, 1, 6, 0, 0).timestamp() + day * 86400


def _now() -> float:
    return time.time() + 5


def _csv_text(header: list[str], rows: list[list], delimiter: str = ",", bom: bool = False) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n" if bom else "\n")
    w.writerow(header)
    w.writerows(rows)
    return ("\ufeff" if bom else "") + buf.getvalue()


class _Source:
    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.rng = random.Random(self.__class__.__name__)
        self.values: dict[str, str] = {}

    def advance(self) -> None:  # pragma: no cover - overridden
        pass


# ---------------------------------------------------------------------------------------------------
# l2-01: daily CSV drops, two tables told apart by prefix, today's file is appended to in place.
class ShopCsv(_Source):
    ORDER_HEADER = ["order_id", "customer_id", "order_date", "amount", "status"]
    REFUND_HEADER = ["refund_id", "order_id", "refunded_at", "amount", "reason"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "drops"
        self.folder.mkdir(parents=True)
        self.next_order = 10001
        self.next_refund = 501
        self.orders_0303: list[list] = []
        for n, day in enumerate(["20240301", "20240302", "20240303"]):
            rows = [self._order(day) for _ in range(40)]
            if day == "20240303":
                self.orders_0303 = rows
            self._write(f"orders_{day}.csv", self.ORDER_HEADER, rows, _past(n))
        for n, (day, count) in enumerate([("20240301", 6), ("20240303", 9)]):
            self._write(f"refunds_{day}.csv", self.REFUND_HEADER, [self._refund(day) for _ in range(count)], _past(n))
        (self.folder / "README.txt").write_text("Daily drops from the shop backend. Do not edit.\n")
        self.values = {"folder": str(self.folder)}

    def _order(self, day: str) -> list:
        self.next_order += 1
        d = f"{day[:4]}-{day[4:6]}-{day[6:]}"
        return [self.next_order, self.rng.randint(1, 300), d, f"{self.rng.uniform(5, 400):.2f}",
                self.rng.choice(["paid", "pending", "shipped"])]

    def _refund(self, day: str) -> list:
        self.next_refund += 1
        d = f"{day[:4]}-{day[4:6]}-{day[6:]}T{self.rng.randint(8, 20):02d}:{self.rng.randint(0, 59):02d}:00"
        return [self.next_refund, self.rng.randint(10002, 10120), d, f"{self.rng.uniform(1, 80):.2f}",
                self.rng.choice(["damaged", "late", "wrong size", "changed mind"])]

    def _write(self, name: str, header: list[str], rows: list[list], when: float) -> None:
        path = self.folder / name
        path.write_text(_csv_text(header, rows))
        _stamp(path, when)

    def advance(self) -> None:
        # today's file grows: 3 status changes and 5 more orders, rewritten in place
        for row in self.orders_0303[:3]:
            row[4] = "refunded"
        self.orders_0303 += [self._order("20240303") for _ in range(5)]
        self._write("orders_20240303.csv", self.ORDER_HEADER, self.orders_0303, _now())
        self._write("orders_20240304.csv", self.ORDER_HEADER, [self._order("20240304") for _ in range(40)], _now())
        self._write("refunds_20240304.csv", self.REFUND_HEADER, [self._refund("20240304") for _ in range(4)], _now())


# ---------------------------------------------------------------------------------------------------
# l2-02: Excel-style export, semicolon separated, BOM, German header with spaces and umlauts,
# decimal commas; the same customer comes again in later files with new values.
class KundenExport(_Source):
    HEADER = ["Kunden-Nr", "Name", "Straße", "PLZ", "Ort", "Umsatz (€)", "Letzte Änderung"]
    STREETS = ["Hauptstraße", "Bahnhofstraße", "Gartenweg", "Schillerstraße", "Am Mühlbach", "Lindenallee"]
    TOWNS = [("80331", "München"), ("50667", "Köln"), ("01067", "Dresden"), ("20095", "Hamburg"),
             ("70173", "Stuttgart"), ("90402", "Nürnberg")]
    NAMES = ["Müller GmbH", "Schäfer & Söhne", "Bäckerei Öztürk", "Weiß KG", "Groß Logistik",
             "Jäger Elektro", "Kühn, Bauer & Partner", "Fuchs AG", "Löwe Apotheke", "Brandt OHG"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "erp_export"
        self.folder.mkdir(parents=True)
        self._file(1, list(range(1, 31)), [])
        self._file(2, list(range(31, 46)), list(range(1, 11)))
        self.values = {"folder": str(self.folder)}

    def _row(self, nr: int, day: int) -> list:
        plz, ort = self.rng.choice(self.TOWNS)
        umsatz = f"{self.rng.uniform(100, 99999):.2f}".replace(".", ",")
        return [f"K{nr:05d}", f"{self.rng.choice(self.NAMES)} {nr}",
                f"{self.rng.choice(self.STREETS)} {self.rng.randint(1, 120)}", plz, ort, umsatz,
                (date(2024, 4, 1) + timedelta(days=day)).strftime("%d.%m.%Y")]

    def _file(self, n: int, new: list[int], changed: list[int], when: float | None = None) -> None:
        rows = [self._row(k, n * 7) for k in sorted(new + changed)]
        path = self.folder / f"kunden_export_{n:03d}.csv"
        path.write_bytes(_csv_text(self.HEADER, rows, delimiter=";", bom=True).encode("utf-8"))
        _stamp(path, when if when is not None else _past(n * 7))

    def advance(self) -> None:
        self._file(3, list(range(46, 56)), [3, 12, 20, 33, 40], _now())


# ---------------------------------------------------------------------------------------------------
# l2-03: nightly gzipped TSV dumps; the free-text body has embedded newlines and tabs (quoted).
class TicketDumps(_Source):
    HEADER = ["ticket_id", "created_at", "requester", "subject", "body", "priority"]
    SUBJECTS = ["Cannot log in", "Invoice wrong", "Feature request: dark mode", "App crashes on start",
                "Refund \"urgent\"", "Password reset", "Export to Excel broken"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "helpdesk" / "nightly"
        self.folder.mkdir(parents=True)
        self.next_id = 7000
        for n, (day, count) in enumerate([("2024-05-01", 60), ("2024-05-02", 55), ("2024-05-03", 70)]):
            self._dump(day, count, _past(60 + n))
        self.values = {"folder": str(self.folder)}

    def _body(self) -> str:
        kind = self.rng.randint(0, 3)
        if kind == 0:
            return "Hi,\nI tried again today.\n\nStill broken.\nThanks"
        if kind == 1:
            return "Steps:\n1.\topen app\n2.\tclick \"save\"\nResult: error 500"
        return self.rng.choice(["see subject", "please call me back", "same as last week, thanks"])

    def _dump(self, day: str, count: int, when: float) -> None:
        rows = []
        for _ in range(count):
            self.next_id += 1
            rows.append([self.next_id, f"{day} {self.rng.randint(0, 23):02d}:{self.rng.randint(0, 59):02d}:00",
                         f"user{self.rng.randint(1, 90)}@example.com", self.rng.choice(self.SUBJECTS),
                         self._body(), self.rng.choice(["low", "normal", "high"])])
        buf = io.StringIO()
        w = csv.writer(buf, delimiter="\t", quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        w.writerow(self.HEADER)
        w.writerows(rows)
        path = self.folder / f"tickets-{day}.tsv.gz"
        with gzip.GzipFile(path, "wb", mtime=0) as fh:
            fh.write(buf.getvalue().encode("utf-8"))
        _stamp(path, when)

    def advance(self) -> None:
        self._dump("2024-05-04", 45, _now())


# ---------------------------------------------------------------------------------------------------
# l2-04: event stream as JSON lines (.jsonl, .ndjson.gz, .jsonl.gz), nested user object and an items
# array; delivery is at-least-once so some events are repeated in later files.
class AppEvents(_Source):
    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "events"
        self.folder.mkdir(parents=True)
        self.seq = 0
        self.sent: list[dict] = []
        self._batch("app-events-0001.jsonl", 150, 0, _past(80))
        self._batch("app-events-0002.ndjson.gz", 120, 6, _past(81))
        self._batch("app-events-0003.jsonl.gz", 130, 4, _past(82))
        self.values = {"folder": str(self.folder)}

    def _event(self) -> dict:
        self.seq += 1
        kind = self.rng.choice(["page_view", "signup", "purchase", "purchase", "logout"])
        ev = {"event_id": f"ev_{self.seq:06d}", "type": kind,
              "ts": f"2024-06-{1 + self.seq // 100:02d}T{self.rng.randint(0, 23):02d}:{self.rng.randint(0, 59):02d}:"
                    f"{self.rng.randint(0, 59):02d}Z",
              "user": {"id": self.rng.randint(1, 200), "plan": self.rng.choice(["free", "pro", "team"]),
                       "geo": {"country": self.rng.choice(["DE", "US", "BR", "JP"]),
                               "city": self.rng.choice(["Berlin", "Austin", "Recife", "Osaka"])}},
              "props": {"app_version": self.rng.choice(["3.1.0", "3.2.1"]), "ab_test": self.rng.choice([None, "B"])}}
        if kind == "purchase":
            ev["items"] = [{"sku": f"SKU-{self.rng.randint(1, 60):03d}", "qty": self.rng.randint(1, 3),
                            "unit_price": round(self.rng.uniform(2, 90), 2)} for _ in range(self.rng.randint(1, 4))]
        return ev

    def _batch(self, name: str, new: int, repeats: int, when: float) -> None:
        events = [self._event() for _ in range(new)]
        events += [self.rng.choice(self.sent) for _ in range(repeats)]  # redelivered, identical
        self.sent += events[:new]
        text = "".join(json.dumps(e) + "\n" for e in events) + "\n"  # trailing blank line
        path = self.folder / name
        if name.endswith(".gz"):
            with gzip.GzipFile(path, "wb", mtime=0) as fh:
                fh.write(text.encode())
        else:
            path.write_text(text)
        _stamp(path, when)

    def counts(self) -> tuple[int, int]:
        return len(self.sent), sum(len(e.get("items", [])) for e in self.sent)

    def advance(self) -> None:
        self._batch("app-events-0004.ndjson.gz", 100, 5, _now())


# ---------------------------------------------------------------------------------------------------
# l2-05: product catalogue published as pretty-printed JSON array files, one per page; a manifest
# object sits next to them; pages are re-published in place.
class Catalog(_Source):
    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "catalog"
        self.folder.mkdir(parents=True)
        self.pages: dict[int, list[dict]] = {}
        for p in range(1, 6):
            self.pages[p] = [self._product(20 * (p - 1) + i + 1) for i in range(20)]
        # page 5 repeats 4 products of page 2 with new prices (the newer page wins)
        self.pages[5] = self.pages[5][:16] + [dict(self._product(20 + i + 1), name=f"Renamed {i}") for i in range(4)]
        for p in self.pages:
            self._publish(p, _past(100 + p))
        self._manifest(_past(106))
        self.values = {"folder": str(self.folder)}

    def _product(self, n: int) -> dict:
        return {"sku": f"P-{n:04d}", "name": f"Product {n}",
                "price": {"amount": round(self.rng.uniform(3, 300), 2), "currency": "EUR"},
                "dimensions": {"w": self.rng.randint(1, 90), "h": self.rng.randint(1, 90), "d": self.rng.randint(1, 90)},
                "tags": self.rng.sample(["eco", "new", "sale", "bulky", "fragile"], self.rng.randint(0, 3)),
                "in_stock": self.rng.random() > 0.2}

    def _publish(self, p: int, when: float) -> None:
        path = self.folder / f"catalog_page_{p}.json"
        path.write_text(json.dumps(self.pages[p], indent=2, ensure_ascii=False))
        _stamp(path, when)

    def _manifest(self, when: float) -> None:
        path = self.folder / "_manifest.json"
        path.write_text(json.dumps({"generated": "2024-06-10", "pages": sorted(self.pages),
                                    "count": sum(map(len, self.pages.values()))}, indent=2))
        _stamp(path, when)

    def advance(self) -> None:
        self.pages[3] = self.pages[3] + [self._product(500 + i) for i in range(5)]
        self.pages[3][0]["in_stock"] = not self.pages[3][0]["in_stock"]
        self._publish(3, _now())
        self.pages[6] = [self._product(100 + i + 1) for i in range(20)]
        self._publish(6, _now())
        self._manifest(_now())


# ---------------------------------------------------------------------------------------------------
# l2-06: CRM SQLite file with more tables than asked for; composite key on deal_stage_history.
class CrmSqlite(_Source):
    DDL = """
    CREATE TABLE company (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, domain TEXT,
                          industry TEXT, created_at TEXT);
    CREATE TABLE contact (id INTEGER PRIMARY KEY AUTOINCREMENT, company_id INTEGER REFERENCES company(id),
                          first_name TEXT, last_name TEXT, email TEXT, phone TEXT, updated_at TEXT);
    CREATE TABLE app_user (id INTEGER PRIMARY KEY, login TEXT, role TEXT);
    CREATE TABLE deal (id INTEGER PRIMARY KEY, company_id INTEGER, owner_id INTEGER, title TEXT,
                       amount REAL, stage TEXT);
    CREATE TABLE deal_stage_history (
        deal_id    INTEGER NOT NULL REFERENCES deal(id),
        stage      TEXT    NOT NULL,   -- lead, qualified, proposal, won, lost
        entered_at TEXT    NOT NULL,
        changed_by INTEGER,
        PRIMARY KEY (deal_id, stage)
    );
    CREATE TABLE sync_log (id INTEGER PRIMARY KEY, ran_at TEXT, message TEXT);
    """
    STAGES = ["lead", "qualified", "proposal", "won"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.path = workdir / "crm" / "crm.sqlite"
        self.path.parent.mkdir(parents=True)
        con = sqlite3.connect(self.path)
        con.executescript(self.DDL)
        for i in range(1, 26):
            con.execute("INSERT INTO company (name, domain, industry, created_at) VALUES (?,?,?,?)",
                        (f"Company {i}", f"c{i}.example", self.rng.choice(["retail", "saas", "energy"]), "2023-01-01"))
        for i in range(1, 81):
            self._contact(con, i)
        for i in range(1, 6):
            con.execute("INSERT INTO app_user VALUES (?,?,?)", (i, f"rep{i}", "sales"))
        for i in range(1, 61):
            con.execute("INSERT INTO deal VALUES (?,?,?,?,?,?)", (i, self.rng.randint(1, 25), self.rng.randint(1, 5),
                                                                  f"Deal {i}", self.rng.randint(1, 90) * 1000, "lead"))
            self._stages(con, i, self.rng.randint(1, 4))
        for i in range(1, 41):
            con.execute("INSERT INTO sync_log VALUES (?,?,?)", (i, "2024-01-01", "ok"))
        con.commit()
        con.close()
        self.values = {"db_path": str(self.path)}

    def _contact(self, con: sqlite3.Connection, i: int, at: str = "2024-02-01 10:00:00") -> None:
        con.execute("INSERT INTO contact (company_id, first_name, last_name, email, phone, updated_at) "
                    "VALUES (?,?,?,?,?,?)", (self.rng.randint(1, 25), f"First{i}", f"Last{i}", f"p{i}@example.com",
                                             f"+49 30 {self.rng.randint(100000, 999999)}", at))

    def _stages(self, con: sqlite3.Connection, deal: int, upto: int, start: int = 0) -> None:
        for s in range(start, upto):
            con.execute("INSERT INTO deal_stage_history VALUES (?,?,?,?)",
                        (deal, self.STAGES[s], f"2024-0{1 + s}-{self.rng.randint(10, 28)} 09:00:00", self.rng.randint(1, 5)))
        con.execute("UPDATE deal SET stage = ? WHERE id = ?", (self.STAGES[upto - 1], deal))

    def counts(self) -> dict[str, int]:
        con = sqlite3.connect(self.path)
        try:
            return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                    for t in ["company", "contact", "deal_stage_history"]}
        finally:
            con.close()

    def advance(self) -> None:
        con = sqlite3.connect(self.path)
        for i in range(81, 93):
            self._contact(con, i, "2024-03-05 11:00:00")
        con.execute("UPDATE contact SET email = 'moved-' || email, updated_at = '2024-03-05 12:00:00' WHERE id <= 8")
        for deal in range(1, 21):
            have = con.execute("SELECT count(*) FROM deal_stage_history WHERE deal_id = ?", (deal,)).fetchone()[0]
            if have < 4:
                self._stages(con, deal, have + 1, have)
        con.execute("INSERT INTO sync_log VALUES (41, '2024-03-05', 'ok')")
        con.commit()
        con.close()
        _stamp(self.path, _now())


# ---------------------------------------------------------------------------------------------------
# l2-07: stock table with an updated_at cursor written by batch jobs (many rows share one second),
# soft deletes through deleted_at.
class Inventory(_Source):
    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.path = workdir / "inventory.db"
        con = sqlite3.connect(self.path)
        con.executescript("""
            CREATE TABLE warehouses (code TEXT PRIMARY KEY, city TEXT);
            CREATE TABLE stock_items (id INTEGER PRIMARY KEY, sku TEXT NOT NULL, warehouse TEXT NOT NULL,
                                      qty INTEGER NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT);
            CREATE INDEX ix_stock_updated ON stock_items(updated_at);
            CREATE TABLE stock_movements (id INTEGER PRIMARY KEY, item_id INTEGER, delta INTEGER, at TEXT);
        """)
        con.executemany("INSERT INTO warehouses VALUES (?,?)", [("BER1", "Berlin"), ("HAM2", "Hamburg"), ("MUC1", "Munich")])
        base = datetime(2024, 7, 1, 2, 0, 0)
        rows = []
        for i in range(1, 801):
            batch = (i - 1) // 100  # 8 batch runs, 100 rows each written in the same second
            rows.append((i, f"SKU-{self.rng.randint(1, 400):04d}", self.rng.choice(["BER1", "HAM2", "MUC1"]),
                         self.rng.randint(0, 500), (base + timedelta(hours=batch)).strftime("%Y-%m-%d %H:%M:%S"), None))
        con.executemany("INSERT INTO stock_items VALUES (?,?,?,?,?,?)", rows)
        con.executemany("INSERT INTO stock_movements (item_id, delta, at) VALUES (?,?,?)",
                        [(self.rng.randint(1, 800), self.rng.randint(-20, 20), "2024-07-01") for _ in range(2500)])
        con.commit()
        con.close()
        self.last = (base + timedelta(hours=7)).strftime("%Y-%m-%d %H:%M:%S")
        self.values = {"db_path": str(self.path)}

    def advance(self) -> None:
        con = sqlite3.connect(self.path)
        # the last batch run of sync 1 was still writing in the same second: 10 more rows with that stamp
        con.executemany("INSERT INTO stock_items VALUES (?,?,?,?,?,NULL)",
                        [(800 + i, f"SKU-{500 + i:04d}", "BER1", 5 * i, self.last) for i in range(1, 11)])
        later = "2024-07-01 12:30:00"
        con.execute("UPDATE stock_items SET qty = qty + 1, updated_at = ? WHERE id BETWEEN 100 AND 114", (later,))
        con.execute("UPDATE stock_items SET deleted_at = ?, updated_at = ? WHERE id IN (5, 50, 250, 420, 777, 799)",
                    (later, later))
        con.commit()
        con.close()
        _stamp(self.path, _now())


# ---------------------------------------------------------------------------------------------------
# l2-08: web analytics SQLite: a log table without a primary key (exact duplicate rows are real
# hits) and a daily roll-up view.
class WebLog(_Source):
    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.path = workdir / "site" / "analytics.sqlite"
        self.path.parent.mkdir(parents=True)
        con = sqlite3.connect(self.path)
        con.executescript("""
            CREATE TABLE sessions (session_id TEXT PRIMARY KEY, started_at TEXT, user_agent TEXT);
            CREATE TABLE page_views (ts TEXT, session_id TEXT, path TEXT, referrer TEXT);
            CREATE VIEW v_daily_pageviews AS
                SELECT substr(ts, 1, 10) AS day, count(*) AS views, count(DISTINCT session_id) AS sessions
                FROM page_views GROUP BY substr(ts, 1, 10);
        """)
        self.day = date(2024, 8, 1)
        self._views(con, 14, 1200, 30)
        con.executemany("INSERT INTO sessions VALUES (?,?,?)",
                        [(f"s{i:04d}", "2024-08-01", "Mozilla/5.0") for i in range(1, 301)])
        con.commit()
        con.close()
        self.values = {"db_path": str(self.path)}

    def _views(self, con: sqlite3.Connection, days: int, n: int, dups: int) -> None:
        rows = []
        for i in range(n - dups):
            d = self.day + timedelta(days=i * days // (n - dups))
            rows.append((f"{d} {self.rng.randint(0, 23):02d}:{self.rng.randint(0, 59):02d}:{self.rng.randint(0, 59):02d}",
                         f"s{self.rng.randint(1, 300):04d}", self.rng.choice(["/", "/pricing", "/blog", "/docs", "/signup"]),
                         self.rng.choice([None, "google", "newsletter"])))
        for _ in range(dups):  # double clicks: the same row again
            at = self.rng.randrange(len(rows))
            rows.insert(at + 1, rows[at])
        con.executemany("INSERT INTO page_views VALUES (?,?,?,?)", rows)
        self.day += timedelta(days=days)

    def advance(self) -> None:
        con = sqlite3.connect(self.path)
        self._views(con, 2, 300, 12)
        con.commit()
        con.close()
        _stamp(self.path, _now())


# ---------------------------------------------------------------------------------------------------
# l2-09: DuckDB file with keys declared in the schema, DECIMAL/DATE/TIMESTAMP columns and an extra
# staging schema.
class RetailDuckdb(_Source):
    def __init__(self, workdir: Path) -> None:
        import duckdb

        super().__init__(workdir)
        self.path = workdir / "bi" / "retail.duckdb"
        self.path.parent.mkdir(parents=True)
        con = duckdb.connect(str(self.path))
        con.execute("""
            CREATE TABLE stores (store_id INTEGER PRIMARY KEY, city VARCHAR, opened DATE);
            CREATE TABLE products (sku VARCHAR PRIMARY KEY, title VARCHAR, price DECIMAL(10, 2), category VARCHAR);
            CREATE TABLE sales (sale_date DATE, store_id INTEGER, sku VARCHAR, qty INTEGER,
                                revenue DECIMAL(12, 2), loaded_at TIMESTAMP, PRIMARY KEY (sale_date, store_id, sku));
            CREATE SCHEMA staging;
            CREATE TABLE staging.sales_raw (line VARCHAR, loaded_at TIMESTAMP);
        """)
        con.executemany("INSERT INTO stores VALUES (?, ?, ?)",
                        [(i, c, date(2015 + i, 1 + i, 1)) for i, c in enumerate(
                            ["Lyon", "Lille", "Nantes", "Nice", "Paris", "Rennes", "Metz", "Brest"], start=1)])
        con.executemany("INSERT INTO products VALUES (?, ?, ?, ?)",
                        [(f"SKU{i:03d}", f"Item {i}", f"{self.rng.uniform(1, 200):.2f}",
                          self.rng.choice(["food", "home", "toys"])) for i in range(1, 41)])
        self.keys: set[tuple] = set()
        con.executemany("INSERT INTO sales VALUES (?, ?, ?, ?, ?, ?)", self._sales(1500, date(2024, 1, 1), 60))
        con.executemany("INSERT INTO staging.sales_raw VALUES (?, ?)", [(f"raw {i}", datetime(2024, 3, 1)) for i in range(25)])
        con.close()
        self.values = {"db_path": str(self.path)}

    def _sales(self, n: int, start: date, days: int, stores: int = 8,
               loaded: datetime = datetime(2024, 3, 2, 4, 0, 0)) -> list[tuple]:
        out = []
        while len(out) < n:
            key = (start + timedelta(days=self.rng.randrange(days)), self.rng.randint(1, stores),
                   f"SKU{self.rng.randint(1, 40):03d}")
            if key in self.keys:
                continue
            self.keys.add(key)
            qty = self.rng.randint(1, 30)
            out.append((*key, qty, f"{qty * self.rng.uniform(1, 50):.2f}", loaded))
        return out

    def advance(self) -> None:
        import duckdb

        con = duckdb.connect(str(self.path))
        con.execute("INSERT INTO stores VALUES (9, 'Dijon', DATE '2024-03-01')")
        con.executemany("INSERT INTO sales VALUES (?, ?, ?, ?, ?, ?)", self._sales(200, date(2024, 3, 1), 10, stores=9,
                                                                             loaded=datetime(2024, 3, 12, 4, 0, 0)))
        con.execute("UPDATE sales SET qty = qty + 1, loaded_at = TIMESTAMP '2024-03-12 04:00:00' "
                    "WHERE sale_date < DATE '2024-01-05'")
        con.close()
        _stamp(self.path, _now())


# ---------------------------------------------------------------------------------------------------
# l2-10: full nightly snapshots overwritten in place under the same name; customers that vanish
# from the snapshot were deleted. Addresses are quoted and contain commas and newlines.
class NightlySnapshot(_Source):
    CUST_HEADER = ["customer_id", "full_name", "email", "plan_code", "postal_address", "signup_date"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "sftp" / "acme"
        self.folder.mkdir(parents=True)
        self.customers = {i: self._customer(i) for i in range(1, 301)}
        self._write_customers(_past(150))
        plans = self.folder / "plans.csv"
        plans.write_text(_csv_text(["plan_code", "plan_name", "monthly_fee"],
                                   [["BASIC", "Basic", "9.00"], ["PLUS", "Plus", "19.00"], ["PRO", "Pro", "49.00"],
                                    ["TEAM", "Team, 5 seats", "99.00"], ["ENT", "Enterprise", "0.00"]]))
        _stamp(plans, _past(150))
        self.values = {"folder": str(self.folder)}

    def _customer(self, i: int) -> list:
        street = f"{self.rng.randint(1, 999)} {self.rng.choice(['Oak St', 'Main St', 'Elm Ave'])}"
        addr = f"{street}\nApt {self.rng.randint(1, 40)}, Springfield" if self.rng.random() < 0.3 else f"{street}, Springfield"
        return [f"C{i:05d}", f"Customer {i}", f"cust{i}@acme.test", self.rng.choice(["BASIC", "PLUS", "PRO", "TEAM"]),
                addr, f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}"]

    def _write_customers(self, when: float) -> None:
        path = self.folder / "customers.csv"
        path.write_text(_csv_text(self.CUST_HEADER, [self.customers[k] for k in sorted(self.customers)]))
        _stamp(path, when)

    def advance(self) -> None:
        for k in self.rng.sample(sorted(self.customers), 12):
            del self.customers[k]
        for k in self.rng.sample(sorted(self.customers), 20):
            self.customers[k][3] = "PRO"
        for i in range(301, 326):
            self.customers[i] = self._customer(i)
        self._write_customers(_now())


SOURCES = {"shop_csv": ShopCsv, "kunden_export": KundenExport, "ticket_dumps": TicketDumps,
           "app_events": AppEvents, "catalog": Catalog, "crm_sqlite": CrmSqlite, "inventory": Inventory,
           "weblog": WebLog, "retail_duckdb": RetailDuckdb, "nightly_snapshot": NightlySnapshot}


@contextlib.contextmanager
def make(source: str, workdir: Path) -> Iterator[_Source]:
    workdir = Path(workdir).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    yield SOURCES[source](workdir)
