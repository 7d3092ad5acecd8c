"""Local file and database sources for the local14 generate-evaluation set.

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


def _delimited(header: list[str], rows: list[list], delimiter: str, lineterminator: str = "\n") -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator=lineterminator)
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
# l14-01: point-of-sale drops: every business day the transfer job lands orders_YYYYMMDD.csv,
# returns_YYYYMMDD.csv, a manifest_YYYYMMDD.txt and an empty _SUCCESS marker in one folder.
class PosDrops(_Source):
    ORDER_HEADER = ["order_id", "order_date", "store_code", "customer_id", "items", "total_amount", "payment_type"]
    RETURN_HEADER = ["return_id", "order_id", "returned_on", "reason", "refund_amount"]
    STORES = ["S01", "S02", "S03", "S04"]
    REASONS = ["damaged", "wrong size", "changed mind", "late delivery"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "pos" / "landing"
        self.folder.mkdir(parents=True)
        self.next_order = 50000
        self.next_return = 700
        self.orders: list[list] = []
        self.returns = 0
        for n, d in enumerate([2, 3, 4, 5, 6]):
            self._day(date(2024, 9, d), _past(154 + n))
        self.values = {"folder": str(self.folder)}

    def _day(self, d: date, when: float) -> None:
        stamp = d.strftime("%Y%m%d")
        orders = []
        for _ in range(40):
            self.next_order += 1
            items = self.rng.randint(1, 6)
            orders.append([f"SO-{self.next_order}", d.isoformat(), self.rng.choice(self.STORES),
                           f"C{self.rng.randint(1000, 1400)}", items, f"{items * self.rng.uniform(4, 60):.2f}",
                           self.rng.choice(["card", "card", "cash", "voucher"])])
        returns = []
        if self.orders:
            for o in self.rng.sample(self.orders, self.rng.randint(3, 8)):
                self.next_return += 1
                returns.append([f"RT-{self.next_return}", o[0], d.isoformat(), self.rng.choice(self.REASONS),
                                f"{float(o[5]) * self.rng.choice([1, 0.5]):.2f}"])
        self.orders += orders
        self.returns += len(returns)
        files = {f"orders_{stamp}.csv": _delimited(self.ORDER_HEADER, orders, ","),
                 f"returns_{stamp}.csv": _delimited(self.RETURN_HEADER, returns, ","),
                 f"manifest_{stamp}.txt": f"orders_{stamp}.csv {len(orders)}\nreturns_{stamp}.csv {len(returns)}\n"}
        for name, text in files.items():
            (self.folder / name).write_text(text)
            _stamp(self.folder / name, when)
        (self.folder / "_SUCCESS").write_text("")
        _stamp(self.folder / "_SUCCESS", when)

    def counts(self) -> tuple[int, int]:
        return len(self.orders), self.returns

    def advance(self) -> None:
        # Monday's drop: 40 new orders and a few returns of earlier orders
        self._day(date(2024, 9, 9), _now())


# ---------------------------------------------------------------------------------------------------
# l14-02: warehouse stock snapshot: one stock_snapshot.csv rewritten every night with the current stock
# per SKU per warehouse (a SKU can sit in two warehouses). A line that disappears = discontinued there.
class StockSnapshot(_Source):
    HEADER = ["sku", "warehouse", "description", "on_hand", "reserved", "snapshot_at"]
    WORDS = ["bolt", "washer", "hinge", "bracket", "cable tie", "anchor", "screw", "clamp", "seal", "spring"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "wms" / "snapshots"
        self.folder.mkdir(parents=True)
        self.stock: dict[tuple[str, str], list] = {}
        for n in range(1, 101):
            sku = f"HW-{n:05d}"
            places = ["WH-NORTH", "WH-SOUTH"] if n <= 80 else [self.rng.choice(["WH-NORTH", "WH-SOUTH"])]
            desc = f"{self.rng.choice(self.WORDS)} {self.rng.randint(3, 20)}mm"
            for wh in places:
                self.stock[(sku, wh)] = [desc, self.rng.randint(0, 900), self.rng.randint(0, 40)]
        self._write("2024-09-20T02:00:00", _past(172))
        self.values = {"folder": str(self.folder)}

    def _write(self, at: str, when: float) -> None:
        rows = [[sku, wh, *vals, at] for (sku, wh), vals in sorted(self.stock.items())]
        path = self.folder / "stock_snapshot.csv"
        path.write_text(_delimited(self.HEADER, rows, ","))
        _stamp(path, when)

    def advance(self) -> None:
        # 6 lines gone (discontinued), 10 new lines, 30 quantities changed: 180 -> 190 rows, 6 deleted
        for key in self.rng.sample(sorted(self.stock), 6):
            del self.stock[key]
        for key in self.rng.sample(sorted(self.stock), 30):
            self.stock[key][1] = self.rng.randint(0, 900)
        for n in range(101, 106):
            for wh in ["WH-NORTH", "WH-SOUTH"]:
                self.stock[(f"HW-{n:05d}", wh)] = [f"{self.rng.choice(self.WORDS)} 8mm", self.rng.randint(10, 500), 0]
        self._write("2024-09-21T02:00:00", _now())


# ---------------------------------------------------------------------------------------------------
# l14-03: accounting exports from an old Windows program: one Buchungen_YYYY_MM.csv per month,
# Windows-1252 encoded, semicolon separated, CRLF line ends, decimal commas.
class FibuExport(_Source):
    HEADER = ["Belegnr", "Datum", "Konto", "Gegenkonto", "Betrag", "Buchungstext", "Kostenstelle"]
    TEXTS = [("4930", "Büromaterial"), ("4210", "Miete Geschäftsräume"), ("4120", "Gehälter"),
             ("8400", "Erlöse Beratung"), ("4670", "Reisekosten Köln"), ("4660", "Straßenbahn Fahrkarten"),
             ("4900", "Gebühren Überweisung"), ("8400", "Kundenzahlung Müller GmbH")]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "fibu" / "export"
        self.folder.mkdir(parents=True)
        self.next_no = 0
        self.rows = 0
        for n, month in enumerate([7, 8, 9]):
            self._month(month, self.rng.randint(60, 80), _past(125 + 31 * n))
        self.values = {"folder": str(self.folder)}

    def _month(self, month: int, n: int, when: float) -> None:
        rows = []
        for _ in range(n):
            self.next_no += 1
            konto, text = self.rng.choice(self.TEXTS)
            amount = f"{self.rng.uniform(3, 9000):,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
            rows.append([f"BU-24-{self.next_no:05d}", f"{self.rng.randint(1, 28):02d}.{month:02d}.2024", konto,
                         "1200", amount, text, self.rng.choice(["100", "200", "300", ""])])
        self.rows += n
        path = self.folder / f"Buchungen_2024_{month:02d}.csv"
        path.write_bytes(_delimited(self.HEADER, rows, ";", "\r\n").encode("cp1252"))
        _stamp(path, when)

    def advance(self) -> None:
        # October's file arrives
        self._month(10, 55, _now())


# ---------------------------------------------------------------------------------------------------
# l14-04: app event collector: one gzipped JSON-lines file per hour. Delivery is at-least-once, so the
# first lines of an hour's file can repeat the last events of the previous hour. Heartbeats are noise.
class AppEvents(_Source):
    TYPES = ["page_view"] * 8 + ["click"] * 5 + ["heartbeat"] * 5 + ["purchase"] * 2
    PAGES = ["/", "/pricing", "/docs", "/blog", "/signup", "/account"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "collector" / "out"
        self.folder.mkdir(parents=True)
        self.kept: set[str] = set()
        self.last: list[dict] = []
        for n, hour in enumerate(range(13, 19)):
            self._hour(hour, _past(183) + n * 3600)
        self.values = {"folder": str(self.folder)}

    def _event(self, hour: int) -> dict:
        kind = self.rng.choice(self.TYPES)
        ev = {"event_id": f"evt_{self.rng.getrandbits(48):012x}", "type": kind,
              "ts": f"2024-10-01T{hour:02d}:{self.rng.randint(0, 59):02d}:{self.rng.randint(0, 59):02d}Z",
              "user_id": None if kind == "heartbeat" else f"u{self.rng.randint(1, 300)}",
              "session_id": f"s{self.rng.randint(1, 90)}",
              "context": {"app_version": self.rng.choice(["3.4.1", "3.5.0"]), "os": self.rng.choice(["ios", "android", "web"]),
                          "locale": self.rng.choice(["en-US", "de-DE", "fr-FR"])},
              "props": {}}
        if kind == "page_view":
            ev["props"] = {"path": self.rng.choice(self.PAGES)}
        elif kind == "click":
            ev["props"] = {"element": self.rng.choice(["cta", "nav", "footer"]), "path": self.rng.choice(self.PAGES)}
        elif kind == "purchase":
            ev["props"] = {"plan": self.rng.choice(["basic", "pro"]), "amount": self.rng.choice([9, 29, 99])}
        return ev

    def _hour(self, hour: int, when: float) -> None:
        events = sorted((self._event(hour) for _ in range(50)), key=lambda e: e["ts"])
        lines = self.last[-3:] + events  # at-least-once: the previous hour's last three come again
        self.last = events
        for ev in events:
            if ev["type"] != "heartbeat":
                self.kept.add(ev["event_id"])
        path = self.folder / f"events-2024-10-01-{hour:02d}.jsonl.gz"
        with gzip.GzipFile(path, "wb", mtime=0) as fh:
            fh.write("".join(json.dumps(e) + "\n" for e in lines).encode())
        _stamp(path, when)

    def advance(self) -> None:
        for n, hour in enumerate([19, 20]):
            self._hour(hour, _now() + n)


# ---------------------------------------------------------------------------------------------------
# l14-05: a billing API dumped page by page: dump_root/customers/page_NNNN.json and
# dump_root/invoices/page_NNNN.json, each a list envelope with the records under "data"; `_tmp/` holds
# the exporter's scratch files. Changed records come again in a later page.
class BillingDump(_Source):
    CITIES = [("Lisbon", "PT"), ("Lyon", "FR"), ("Leeds", "GB"), ("Graz", "AT"), ("Austin", "US")]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.root = workdir / "billing_export"
        for sub in ("customers", "invoices", "_tmp"):
            (self.root / sub).mkdir(parents=True)
        self.customers: dict[str, dict] = {}
        self.invoices: dict[str, dict] = {}
        self.next_cus = 0
        self.next_inv = 0
        for page in range(1, 4):
            self._page("customers", page, [self._customer() for _ in range(25)], _past(190 + page))
        for page in range(1, 6):
            self._page("invoices", page, [self._invoice() for _ in range(40)], _past(195 + page))
        tmp = self.root / "_tmp" / "page_0006.json.part"
        tmp.write_text('{"object": "list", "data": [{"id": "in_')
        _stamp(tmp, _past(200))
        tmp = self.root / "_tmp" / "customers_page_0004.json"
        tmp.write_text(json.dumps({"object": "list", "data": [self._customer(False) for _ in range(3)]}))
        _stamp(tmp, _past(200))
        self.values = {"folder": str(self.root)}

    def _customer(self, keep: bool = True) -> dict:
        self.next_cus += 1
        city, country = self.rng.choice(self.CITIES)
        c = {"id": f"cus_{self.next_cus:06d}", "object": "customer", "email": f"buyer{self.next_cus}@example.org",
             "name": f"Customer {self.next_cus}", "created": 1717200000 + self.next_cus * 3600,
             "currency": "eur" if country != "US" else "usd", "address": {"city": city, "country": country},
             "delinquent": False}
        if keep:
            self.customers[c["id"]] = c
        return c

    def _invoice(self) -> dict:
        self.next_inv += 1
        lines = [{"description": self.rng.choice(["Pro plan", "Seats", "Support"]), "quantity": self.rng.randint(1, 5),
                  "unit_amount": self.rng.choice([900, 2900, 9900])} for _ in range(self.rng.randint(1, 3))]
        inv = {"id": f"in_{self.next_inv:06d}", "object": "invoice",
               "customer": self.rng.choice(sorted(self.customers)),
               "number": f"INV-{self.next_inv:05d}", "status": self.rng.choice(["open", "paid", "paid"]),
               "amount_due": sum(li["quantity"] * li["unit_amount"] for li in lines), "currency": "eur",
               "created": 1719800000 + self.next_inv * 1800, "lines": lines}
        self.invoices[inv["id"]] = inv
        return inv

    def _page(self, kind: str, page: int, data: list[dict], when: float) -> None:
        path = self.root / kind / f"page_{page:04d}.json"
        path.write_text(json.dumps({"object": "list", "url": f"/v1/{kind}", "has_more": True, "data": data}, indent=2))
        _stamp(path, when)

    def counts(self) -> tuple[int, int]:
        return len(self.customers), len(self.invoices)

    def advance(self) -> None:
        # customers page 4: 10 new + 2 changed (new email); invoices page 6: 30 new + 5 now paid
        changed = []
        for cid in ["cus_000004", "cus_000031"]:
            self.customers[cid]["email"] = cid.replace("cus_", "billing+") + "@example.org"
            changed.append(self.customers[cid])
        self._page("customers", 4, [self._customer() for _ in range(10)] + changed, _now())
        paid = []
        for iid in ["in_000007", "in_000050", "in_000099", "in_000150", "in_000188"]:
            self.invoices[iid]["status"] = "paid"
            paid.append(self.invoices[iid])
        self._page("invoices", 6, [self._invoice() for _ in range(30)] + paid, _now())


# ---------------------------------------------------------------------------------------------------
# l14-06: helpdesk SQLite file: tickets carry modified_at (bumped on every change) and are soft-deleted
# (deleted_at set, modified_at bumped); ticket_comments are append-only; audit_log is not wanted.
class HelpdeskSqlite(_Source):
    DDL = """
    CREATE TABLE agents (id INTEGER PRIMARY KEY, name TEXT, email TEXT, team TEXT, active INTEGER);
    CREATE TABLE tickets (id INTEGER PRIMARY KEY AUTOINCREMENT, subject TEXT, requester_email TEXT, status TEXT,
                          priority TEXT, assignee_id INTEGER REFERENCES agents(id), created_at TEXT NOT NULL,
                          modified_at TEXT NOT NULL, deleted_at TEXT);
    CREATE INDEX ix_tickets_modified ON tickets(modified_at);
    CREATE TABLE ticket_comments (id INTEGER PRIMARY KEY AUTOINCREMENT, ticket_id INTEGER REFERENCES tickets(id),
                                  author TEXT, body TEXT, is_public INTEGER, created_at TEXT NOT NULL);
    CREATE TABLE audit_log (id INTEGER PRIMARY KEY AUTOINCREMENT, actor TEXT, action TEXT, at TEXT);
    """
    SUBJECTS = ["Cannot log in", "Invoice question", "Export fails", "Feature request", "Password reset",
                "App crashes on start", "Wrong VAT on invoice"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.path = workdir / "helpdesk" / "helpdesk.sqlite3"
        self.path.parent.mkdir(parents=True)
        con = sqlite3.connect(self.path)
        con.executescript(self.DDL)
        con.executemany("INSERT INTO agents VALUES (?,?,?,?,?)",
                        [(i, f"Agent {i}", f"agent{i}@support.test", self.rng.choice(["tier1", "tier2", "billing"]),
                          1 if i != 7 else 0) for i in range(1, 13)])
        self.clock = datetime(2024, 9, 1, 8, 0, 0)
        for _ in range(200):
            self._ticket(con)
        for _ in range(560):
            self._comment(con, self.rng.randint(1, 200))
        for _ in range(15):
            self._touch(con, self.rng.randint(1, 200), status="solved")
        for tid in self.rng.sample(range(1, 201), 3):
            self._touch(con, tid, delete=True)
        con.executemany("INSERT INTO audit_log (actor, action, at) VALUES (?,?,?)",
                        [(f"agent{i % 12 + 1}", "login", "2024-09-10 08:00:00") for i in range(90)])
        con.commit()
        con.close()
        _stamp(self.path, _past(165))
        self.values = {"db_path": str(self.path)}

    def _tick(self) -> str:
        self.clock += timedelta(minutes=self.rng.randint(1, 9))
        return self.clock.strftime("%Y-%m-%d %H:%M:%S")

    def _ticket(self, con: sqlite3.Connection) -> None:
        at = self._tick()
        con.execute("INSERT INTO tickets (subject, requester_email, status, priority, assignee_id, created_at, "
                    "modified_at) VALUES (?,?,?,?,?,?,?)",
                    (self.rng.choice(self.SUBJECTS), f"user{self.rng.randint(1, 500)}@customer.test", "open",
                     self.rng.choice(["low", "normal", "normal", "high"]), self.rng.randint(1, 12), at, at))

    def _comment(self, con: sqlite3.Connection, tid: int) -> None:
        con.execute("INSERT INTO ticket_comments (ticket_id, author, body, is_public, created_at) VALUES (?,?,?,?,?)",
                    (tid, self.rng.choice(["agent", "requester"]), "Thanks, looking into it.",
                     self.rng.choice([1, 1, 0]), self._tick()))

    def _touch(self, con: sqlite3.Connection, tid: int, status: str | None = None, delete: bool = False) -> None:
        at = self._tick()
        if delete:
            con.execute("UPDATE tickets SET deleted_at = ?, modified_at = ? WHERE id = ?", (at, at, tid))
        else:
            con.execute("UPDATE tickets SET status = ?, modified_at = ? WHERE id = ?", (status, at, tid))

    def advance(self) -> None:
        # 20 new tickets, 15 changed, 4 more soft-deleted, 60 new comments, audit rows
        con = sqlite3.connect(self.path)
        live = [r[0] for r in con.execute("SELECT id FROM tickets WHERE deleted_at IS NULL ORDER BY id")]
        for _ in range(20):
            self._ticket(con)
        for tid in self.rng.sample(live, 15):
            self._touch(con, tid, status=self.rng.choice(["pending", "solved"]))
        for tid in self.rng.sample(live, 4):
            self._touch(con, tid, delete=True)
        for _ in range(60):
            self._comment(con, self.rng.randint(1, 220))
        con.execute("INSERT INTO audit_log (actor, action, at) VALUES ('agent3', 'export', '2024-09-12 09:00:00')")
        con.commit()
        con.close()
        _stamp(self.path, _now())


# ---------------------------------------------------------------------------------------------------
# l14-07: small CRM SQLite file; every table wanted, read in full; rows are hard-deleted (a contact's
# links in deal_contacts go with it). deal_contacts has a composite primary key.
class CrmSqlite(_Source):
    DDL = """CREATE TABLE companies (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    domain TEXT,
    industry TEXT,
    created_at TEXT
);
CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    company_id INTEGER REFERENCES companies(id),
    first_name TEXT,
    last_name TEXT,
    email TEXT,
    phone TEXT,
    created_at TEXT
);
CREATE TABLE deals (
    id INTEGER PRIMARY KEY,
    company_id INTEGER REFERENCES companies(id),
    title TEXT,
    stage TEXT,
    amount REAL,
    close_date TEXT,
    updated_at TEXT
);
CREATE TABLE deal_contacts (
    deal_id INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    role TEXT,
    PRIMARY KEY (deal_id, contact_id)
);"""
    INDUSTRIES = ["logistics", "retail", "software", "manufacturing", "health"]
    STAGES = ["lead", "qualified", "proposal", "won", "lost"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.path = workdir / "crm" / "crm.db"
        self.path.parent.mkdir(parents=True)
        con = sqlite3.connect(self.path)
        con.executescript(self.DDL)
        for i in range(1, 31):
            con.execute("INSERT INTO companies VALUES (?,?,?,?,?)",
                        (i, f"Company {i}", f"company{i}.test", self.rng.choice(self.INDUSTRIES), "2024-01-15"))
        self.contacts: dict[int, int] = {}
        for i in range(1, 151):
            self._contact(con, i)
        for i in range(1, 61):
            self._deal(con, i)
        con.commit()
        con.close()
        _stamp(self.path, _past(200))
        self.values = {"db_path": str(self.path)}

    def _contact(self, con: sqlite3.Connection, i: int) -> None:
        company = self.rng.randint(1, 30)
        self.contacts[i] = company
        con.execute("INSERT INTO contacts VALUES (?,?,?,?,?,?,?)",
                    (i, company, f"First{i}", f"Last{i % 41}", f"contact{i}@company{company}.test",
                     f"+44 20 7{self.rng.randint(100, 999)} {self.rng.randint(1000, 9999)}", "2024-02-01"))

    def _deal(self, con: sqlite3.Connection, i: int) -> None:
        company = self.rng.randint(1, 30)
        con.execute("INSERT INTO deals VALUES (?,?,?,?,?,?,?)",
                    (i, company, f"Deal {i}", self.rng.choice(self.STAGES), round(self.rng.uniform(1000, 90000), 2),
                     f"2024-{self.rng.randint(7, 12):02d}-{self.rng.randint(1, 28):02d}", "2024-06-01 10:00:00"))
        people = [c for c, co in self.contacts.items() if co == company] or sorted(self.contacts)[:1]
        for c in self.rng.sample(people, min(len(people), self.rng.randint(1, 4))):
            con.execute("INSERT INTO deal_contacts VALUES (?,?,?)",
                        (i, c, self.rng.choice(["champion", "decision maker", "user", "finance"])))

    def advance(self) -> None:
        # 4 contacts and 1 deal hard-deleted (with their deal_contacts rows), 10 new contacts, 3 new deals,
        # 5 deals move stage
        con = sqlite3.connect(self.path)
        con.execute("PRAGMA foreign_keys = ON")
        for cid in [12, 57, 88, 140]:
            con.execute("DELETE FROM contacts WHERE id = ?", (cid,))
            del self.contacts[cid]
        con.execute("DELETE FROM deals WHERE id = 33")
        for i in range(151, 161):
            self._contact(con, i)
        for i in range(61, 64):
            self._deal(con, i)
        for did in [3, 9, 21, 40, 55]:
            con.execute("UPDATE deals SET stage = 'won', updated_at = '2024-10-02 16:00:00' WHERE id = ?", (did,))
        con.commit()
        con.close()
        _stamp(self.path, _now())


# ---------------------------------------------------------------------------------------------------
# l14-08: finance DuckDB file: dbt rebuilds schema `reporting` every night (CREATE OR REPLACE, no keys);
# schema `raw` holds the inputs, main a run log. Last month's revenue is revised when the new one lands.
class FinanceDuckdb(_Source):
    REGIONS = ["AMER", "APAC", "EMEA"]
    LINES = ["hardware", "licenses", "services", "support"]

    def __init__(self, workdir: Path) -> None:
        import duckdb

        super().__init__(workdir)
        self.path = workdir / "finance" / "finance.duckdb"
        self.path.parent.mkdir(parents=True)
        self.months = [date(2024, m, 1) for m in range(1, 10)]
        self.revenue = {(m, r, p): self._amount() for m in self.months for r in self.REGIONS for p in self.LINES}
        self.customers = {f"CU-{i:04d}": self._ltv(i) for i in range(1, 81)}
        con = duckdb.connect(str(self.path))
        con.execute("""
            CREATE SCHEMA raw;
            CREATE SCHEMA reporting;
            CREATE TABLE raw.invoices_import (invoice_no VARCHAR, customer_id VARCHAR, invoice_date DATE,
                                              region VARCHAR, product_line VARCHAR, net_amount DECIMAL(14, 2));
            CREATE TABLE raw.fx_rates (rate_date DATE, currency VARCHAR, rate DOUBLE);
            CREATE TABLE dbt_run_log (run_id VARCHAR, started_at TIMESTAMP, status VARCHAR);
        """)
        con.executemany("INSERT INTO raw.invoices_import VALUES (?, ?, ?, ?, ?, ?)",
                        [(f"I{i:06d}", f"CU-{i % 80 + 1:04d}", date(2024, 1, 1) + timedelta(days=i % 270),
                          self.REGIONS[i % 3], self.LINES[i % 4], f"{self.rng.uniform(50, 5000):.2f}") for i in range(400)])
        con.executemany("INSERT INTO raw.fx_rates VALUES (?, ?, ?)",
                        [(date(2024, 1, 1) + timedelta(days=i), "USD", 1.08) for i in range(60)])
        con.execute("INSERT INTO dbt_run_log VALUES ('r1', TIMESTAMP '2024-10-01 02:00:00', 'success')")
        self._build(con)
        con.close()
        _stamp(self.path, _past(183))
        self.values = {"db_path": str(self.path)}

    def _amount(self) -> str:
        return f"{self.rng.uniform(20000, 400000):.2f}"

    def _ltv(self, i: int) -> list:
        first = date(2024, 1, 1) + timedelta(days=self.rng.randint(0, 200))
        return [first, first + timedelta(days=self.rng.randint(0, 60)), self.rng.randint(1, 30),
                f"{self.rng.uniform(500, 90000):.2f}", self.rng.choice(["smb", "mid", "enterprise"])]

    def _build(self, con) -> None:
        con.execute("""
            CREATE OR REPLACE TABLE reporting.monthly_revenue (month DATE, region VARCHAR, product_line VARCHAR,
                revenue DECIMAL(14, 2), invoices INTEGER);
            CREATE OR REPLACE TABLE reporting.customer_ltv (customer_id VARCHAR, first_invoice DATE,
                last_invoice DATE, invoices INTEGER, lifetime_revenue DECIMAL(14, 2), segment VARCHAR);
            CREATE OR REPLACE TABLE reporting.churn_cohorts (cohort_month DATE, months_since_start INTEGER,
                active_customers INTEGER, retention DOUBLE);
        """)
        con.executemany("INSERT INTO reporting.monthly_revenue VALUES (?, ?, ?, ?, ?)",
                        [(m, r, p, amt, int(float(amt) // 900)) for (m, r, p), amt in sorted(self.revenue.items())])
        con.executemany("INSERT INTO reporting.customer_ltv VALUES (?, ?, ?, ?, ?, ?)",
                        [(cid, *vals) for cid, vals in sorted(self.customers.items())])
        rows = []
        for ci, cohort in enumerate(self.months):
            size = 10 + ci
            for k in range(len(self.months) - ci):
                active = max(1, size - 2 * k)
                rows.append((cohort, k, active, round(active / size, 4)))
        con.executemany("INSERT INTO reporting.churn_cohorts VALUES (?, ?, ?, ?)", rows)

    def advance(self) -> None:
        import duckdb

        # October lands (12 revenue rows), September is revised; 8 new customers, 10 changed; cohorts grow
        for key in [k for k in self.revenue if k[0] == self.months[-1]]:
            self.revenue[key] = self._amount()
        self.months.append(date(2024, 10, 1))
        for r in self.REGIONS:
            for p in self.LINES:
                self.revenue[(self.months[-1], r, p)] = self._amount()
        for cid in sorted(self.customers)[::8]:
            self.customers[cid][1] = date(2024, 10, 15)
            self.customers[cid][2] += 1
        for i in range(81, 89):
            self.customers[f"CU-{i:04d}"] = self._ltv(i)
        con = duckdb.connect(str(self.path))
        self._build(con)
        con.execute("INSERT INTO dbt_run_log VALUES ('r2', TIMESTAMP '2024-11-01 02:00:00', 'success')")
        con.close()
        _stamp(self.path, _now())


# ---------------------------------------------------------------------------------------------------
# l14-09: IoT DuckDB file: schema iot with devices (declared key) and readings (no key); gateways load
# readings hourly with ingested_at, and a gateway that was offline delivers its buffered readings late.
class TelemetryDuckdb(_Source):
    METRICS = ["humidity_pct", "temperature_c"]

    def __init__(self, workdir: Path) -> None:
        import duckdb

        super().__init__(workdir)
        self.path = workdir / "iot" / "telemetry.duckdb"
        self.path.parent.mkdir(parents=True)
        con = duckdb.connect(str(self.path))
        con.execute("""
            CREATE SCHEMA iot;
            CREATE TABLE iot.devices (device_id VARCHAR PRIMARY KEY, site VARCHAR, model VARCHAR, installed_on DATE);
            CREATE TABLE iot.readings (device_id VARCHAR, reading_ts TIMESTAMP, metric VARCHAR, value DOUBLE,
                                       ingested_at TIMESTAMP);
            CREATE TABLE iot.readings_staging (payload VARCHAR, received_at TIMESTAMP);
        """)
        self.devices = [f"D{i:02d}" for i in range(1, 11)]
        for d in self.devices:
            self._device(con, d, date(2023, 11, 1))
        # 00:00 .. 11:30 every 30 min; loaded hourly at hh:05 after the hour; D07 offline from 08:00 on
        self.buffered: list[tuple] = []
        for slot in range(24):
            ts = datetime(2024, 10, 3, 0, 0) + timedelta(minutes=30 * slot)
            loaded = ts.replace(minute=0) + timedelta(hours=1, minutes=5)
            for d in self.devices:
                rows = self._readings(d, ts)
                if d == "D07" and ts.hour >= 8:
                    self.buffered += rows
                else:
                    con.executemany("INSERT INTO iot.readings VALUES (?, ?, ?, ?, ?)", [r + (loaded,) for r in rows])
        con.executemany("INSERT INTO iot.readings_staging VALUES (?, ?)",
                        [(f"raw-{i}", datetime(2024, 10, 3, 11, 0)) for i in range(30)])
        con.close()
        _stamp(self.path, _past(185))
        self.values = {"db_path": str(self.path)}

    def _device(self, con, d: str, installed: date) -> None:
        con.execute("INSERT INTO iot.devices VALUES (?, ?, ?, ?)",
                    (d, self.rng.choice(["plant-a", "plant-b", "depot"]), self.rng.choice(["TH-200", "TH-210"]), installed))

    def _readings(self, d: str, ts: datetime) -> list[tuple]:
        return [(d, ts, "humidity_pct", round(self.rng.uniform(30, 70), 1)),
                (d, ts, "temperature_c", round(self.rng.uniform(14, 29), 2))]

    def advance(self) -> None:
        import duckdb

        # D07 comes back and delivers its 16 buffered readings (reading_ts 08:00-11:30); D11 installed;
        # the next two hours (12:00-13:30) arrive for all 11 devices
        con = duckdb.connect(str(self.path))
        con.executemany("INSERT INTO iot.readings VALUES (?, ?, ?, ?, ?)",
                        [r + (datetime(2024, 10, 3, 14, 2),) for r in self.buffered])
        self._device(con, "D11", date(2024, 10, 3))
        self.devices.append("D11")
        for slot in range(24, 28):
            ts = datetime(2024, 10, 3, 0, 0) + timedelta(minutes=30 * slot)
            loaded = ts.replace(minute=0) + timedelta(hours=1, minutes=5)
            for d in self.devices:
                con.executemany("INSERT INTO iot.readings VALUES (?, ?, ?, ?, ?)",
                                [r + (loaded,) for r in self._readings(d, ts)])
        con.close()
        _stamp(self.path, _now())


# ---------------------------------------------------------------------------------------------------
# l14-10: bank payment files over SFTP: PAYMENTS_YYYYMMDD.txt, pipe separated with a header line and a
# trailer line (TRAILER|record count|total); an empty .ok file marks each as complete.
class BankPayments(_Source):
    HEADER = ["payment_ref", "value_date", "amount", "currency", "debtor_name", "debtor_iban", "remittance_info"]
    NAMES = ["ACME Retail Ltd", "Blue Harbour BV", "Kowalski & Syn", "Nordlicht GmbH", "Sunrise Foods SA",
             "J. Smith", "Ortega Logistica SL"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "sftp" / "inbound"
        self.folder.mkdir(parents=True)
        self.next_ref = 0
        self.rows = 0
        for n, d in enumerate([1, 2, 3]):
            self._file(date(2024, 10, d), self.rng.randint(30, 45), _past(183 + n))
        self.values = {"folder": str(self.folder)}

    def _file(self, d: date, n: int, when: float) -> None:
        rows = []
        for _ in range(n):
            self.next_ref += 1
            name = self.rng.choice(self.NAMES)
            rows.append([f"PMT{d:%y%m%d}{self.next_ref:06d}", d.isoformat(), f"{self.rng.uniform(5, 25000):.2f}",
                         "EUR", name, f"DE{self.rng.randint(10, 99)}3704004405320{self.rng.randint(10000, 99999)}",
                         f"Invoice {self.rng.randint(10000, 99999)}"])
        self.rows += n
        total = sum(float(r[2]) for r in rows)
        text = _delimited(self.HEADER, rows, "|") + f"TRAILER|{n:06d}|{total:.2f}\n"
        path = self.folder / f"PAYMENTS_{d:%Y%m%d}.txt"
        path.write_text(text)
        _stamp(path, when)
        ok = self.folder / f"PAYMENTS_{d:%Y%m%d}.txt.ok"
        ok.write_text("")
        _stamp(ok, when)

    def advance(self) -> None:
        self._file(date(2024, 10, 4), 38, _now())


SOURCES = {"pos_drops": PosDrops, "stock_snapshot": StockSnapshot, "fibu_export": FibuExport, "app_events": AppEvents,
           "billing_dump": BillingDump, "helpdesk_sqlite": HelpdeskSqlite, "crm_sqlite": CrmSqlite,
           "finance_duckdb": FinanceDuckdb, "telemetry_duckdb": TelemetryDuckdb, "bank_payments": BankPayments}


@contextlib.contextmanager
def make(source: str, workdir: Path) -> Iterator[_Source]:
    workdir = Path(workdir).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    yield SOURCES[source](workdir)
