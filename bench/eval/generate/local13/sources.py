"""Local file and database sources for the local13 generate-evaluation set (which tables, and their names).

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


def _delimited(header: list[str], rows: list[list], delimiter: str = ",") -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


FIRST = ["Ana", "Ben", "Carla", "Dmitri", "Eva", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kemal", "Lea",
         "Marta", "Nils", "Olga", "Pavel", "Quinn", "Rosa", "Sven", "Tara"]
LAST = ["Almeida", "Berg", "Costa", "Dahl", "Engel", "Fischer", "Garcia", "Horvat", "Ivanova", "Jensen",
        "Kowalski", "Lund", "Moreau", "Novak", "Olsen", "Petrov", "Rossi", "Silva", "Tanaka", "Weber"]
CITIES = ["Lisbon", "Porto", "Madrid", "Berlin", "Hamburg", "Lyon", "Milan", "Vienna", "Prague", "Oslo"]


class _Source:
    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.rng = random.Random(self.__class__.__name__)
        self.values: dict[str, str] = {}

    def advance(self) -> None:  # pragma: no cover - overridden
        pass

    def _name(self) -> str:
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"


# ---------------------------------------------------------------------------------------------------
# l13-01: web shop exports, two file families in one folder: orders_YYYY-MM-DD.csv (the day's new orders
# plus earlier orders whose status changed) and customers_YYYY-MM-DD.csv (new and changed customers),
# and an export.log.
class ShopExports(_Source):
    ORDER_HEADER = ["order_id", "customer_id", "ordered_at", "status", "items", "total"]
    CUSTOMER_HEADER = ["customer_id", "name", "email", "city", "updated_at"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "shop" / "exports"
        self.folder.mkdir(parents=True)
        self.orders: dict[str, list] = {}
        self.customers: dict[int, list] = {}
        self.log: list[str] = []
        # customers: 50, +10 new +5 changed, +8 new +3 changed -> 68; orders: 40 a day, 5 re-sent on days 2, 3
        for n, (new_c, chg_c, new_o, chg_o) in enumerate([(50, 0, 40, 0), (10, 5, 40, 5), (8, 3, 40, 5)]):
            self._day(date(2024, 6, 1) + timedelta(days=n), new_c, chg_c, new_o, chg_o, _past(61 + n))
        self.values = {"folder": str(self.folder)}

    def _day(self, d: date, new_c: int, chg_c: int, new_o: int, chg_o: int, when: float) -> None:
        stamp = f"{d.isoformat()} 23:10:00"
        crows = []
        for cid in self.rng.sample(sorted(self.customers), chg_c) if chg_c else []:
            row = self.customers[cid]
            row[3], row[4] = self.rng.choice(CITIES), stamp
            crows.append(list(row))
        for _ in range(new_c):
            cid = 5001 + len(self.customers)
            name = self._name()
            row = [cid, name, f"{name.split()[0].lower()}.{cid}@mail.test", self.rng.choice(CITIES), stamp]
            self.customers[cid] = row
            crows.append(list(row))
        orows = []
        for oid in self.rng.sample(sorted(self.orders), chg_o) if chg_o else []:
            row = self.orders[oid]
            row[3] = self.rng.choice(["shipped", "delivered", "cancelled"])
            orows.append(list(row))
        for _ in range(new_o):
            oid = f"SO-{240001 + len(self.orders)}"
            items = self.rng.randint(1, 6)
            row = [oid, self.rng.choice(sorted(self.customers)),
                   f"{d.isoformat()} {self.rng.randint(8, 22):02d}:{self.rng.randint(0, 59):02d}:00", "paid", items,
                   f"{items * self.rng.uniform(6, 80):.2f}"]
            self.orders[oid] = row
            orows.append(list(row))
        for family, header, rows in (("customers", self.CUSTOMER_HEADER, crows), ("orders", self.ORDER_HEADER, orows)):
            path = self.folder / f"{family}_{d.isoformat()}.csv"
            path.write_text(_delimited(header, rows))
            _stamp(path, when)
        self.log.append(f"{d.isoformat()} 23:10:04 export ok: {len(orows)} orders, {len(crows)} customers")
        (self.folder / "export.log").write_text("\n".join(self.log) + "\n")
        _stamp(self.folder / "export.log", when)

    def advance(self) -> None:
        # June 4: 6 new customers, 4 changed (74); 35 new orders, 4 re-sent (155)
        self._day(date(2024, 6, 4), 6, 4, 35, 4, _now())


# ---------------------------------------------------------------------------------------------------
# l13-02: a small web shop's SQLite file: four business tables plus an audit log and an API request log
# (and sqlite_sequence, from AUTOINCREMENT).
class ShopSqlite(_Source):
    DDL = """
    CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT, created_at TEXT);
    CREATE TABLE products (sku TEXT PRIMARY KEY, title TEXT, price REAL, active INTEGER DEFAULT 1);
    CREATE TABLE orders (id INTEGER PRIMARY KEY AUTOINCREMENT, customer_id INTEGER REFERENCES customers(id),
                         status TEXT, created_at TEXT, updated_at TEXT);
    CREATE TABLE order_items (order_id INTEGER REFERENCES orders(id), line_no INTEGER, sku TEXT, qty INTEGER,
                              price REAL, PRIMARY KEY (order_id, line_no));
    CREATE TABLE audit_log (id INTEGER PRIMARY KEY AUTOINCREMENT, table_name TEXT, row_id TEXT, action TEXT,
                            at TEXT);
    CREATE TABLE api_request_log (id INTEGER PRIMARY KEY AUTOINCREMENT, method TEXT, path TEXT, status INTEGER,
                                  ms INTEGER, at TEXT);
    """

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.path = workdir / "shop" / "app.db"
        self.path.parent.mkdir(parents=True)
        con = sqlite3.connect(self.path)
        con.executescript(self.DDL)
        for i in range(1, 41):
            self._customer(con, i, "2024-05-02 10:00:00")
        self.skus = [f"SKU-{n:03d}" for n in range(1, 26)]
        con.executemany("INSERT INTO products VALUES (?,?,?,1)",
                        [(s, f"Product {s[-3:]}", round(self.rng.uniform(3, 90), 2)) for s in self.skus])
        base = datetime(2024, 6, 1, 9, 0)
        for i in range(150):  # 75 orders with 2 items, 75 with 3: 375 items
            self._order(con, base + timedelta(minutes=53 * i), 2 + i % 2)
        for i in range(300):
            con.execute("INSERT INTO api_request_log (method, path, status, ms, at) VALUES (?,?,?,?,?)",
                        (self.rng.choice(["GET", "POST"]), self.rng.choice(["/cart", "/checkout", "/api/products"]),
                         self.rng.choice([200, 200, 200, 404, 500]), self.rng.randint(5, 900), "2024-06-05 12:00:00"))
        con.commit()
        con.close()
        _stamp(self.path, _past(70))
        self.values = {"db_path": str(self.path)}

    def _audit(self, con: sqlite3.Connection, table: str, row_id: object, action: str, at: str) -> None:
        con.execute("INSERT INTO audit_log (table_name, row_id, action, at) VALUES (?,?,?,?)",
                    (table, str(row_id), action, at))

    def _customer(self, con: sqlite3.Connection, i: int, at: str) -> None:
        name = self._name()
        con.execute("INSERT INTO customers VALUES (?,?,?,?)", (i, name, f"c{i}@shop.test", at))
        self._audit(con, "customers", i, "insert", at)

    def _order(self, con: sqlite3.Connection, at: datetime, items: int) -> None:
        stamp = at.strftime("%Y-%m-%d %H:%M:%S")
        cur = con.execute("INSERT INTO orders (customer_id, status, created_at, updated_at) VALUES (?,?,?,?)",
                          (self.rng.randint(1, 40), "paid", stamp, stamp))
        for line in range(1, items + 1):
            con.execute("INSERT INTO order_items VALUES (?,?,?,?,?)",
                        (cur.lastrowid, line, self.rng.choice(self.skus), self.rng.randint(1, 4),
                         round(self.rng.uniform(3, 90), 2)))
        self._audit(con, "orders", cur.lastrowid, "insert", stamp)

    def advance(self) -> None:
        # 3 new customers (43), 20 new orders (170) with 50 items (425), 6 orders shipped
        con = sqlite3.connect(self.path)
        for i in range(41, 44):
            self._customer(con, i, "2024-06-08 09:00:00")
        for i in range(20):
            self._order(con, datetime(2024, 6, 8, 9, 0) + timedelta(minutes=17 * i), 2 + i % 2)
        for oid in self.rng.sample(range(1, 151), 6):
            con.execute("UPDATE orders SET status = 'shipped', updated_at = '2024-06-08 15:00:00' WHERE id = ?", (oid,))
            self._audit(con, "orders", oid, "update", "2024-06-08 15:00:00")
        con.commit()
        con.close()
        _stamp(self.path, _now())


# ---------------------------------------------------------------------------------------------------
# l13-03: an old ERP's SQLite file with tbl_ prefixed, abbreviated German-ish names; four of the tables are
# wanted under English names; invoices and their positions are append-only.
class LegacyErpSqlite(_Source):
    DDL = """
    CREATE TABLE tbl_cust (cust_nr INTEGER PRIMARY KEY, name1 TEXT, name2 TEXT, plz TEXT, ort TEXT, land TEXT);
    CREATE TABLE tbl_art (art_nr TEXT PRIMARY KEY, bez TEXT, preis REAL, mwst REAL);
    CREATE TABLE tbl_inv (inv_no INTEGER PRIMARY KEY, cust_nr INTEGER, inv_date TEXT, net REAL, vat REAL,
                          gross REAL);
    CREATE TABLE tbl_inv_pos (inv_no INTEGER, pos INTEGER, art_nr TEXT, qty REAL, price REAL,
                              PRIMARY KEY (inv_no, pos));
    CREATE TABLE tbl_usr (usr_id INTEGER PRIMARY KEY, login TEXT, pwd_hash TEXT);
    CREATE TABLE tbl_cfg (cfg_key TEXT PRIMARY KEY, cfg_val TEXT);
    """

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.path = workdir / "erp" / "erp_legacy.sqlite"
        self.path.parent.mkdir(parents=True)
        con = sqlite3.connect(self.path)
        con.executescript(self.DDL)
        for i in range(1, 31):
            self._cust(con, 10000 + i)
        self.arts = [f"A{n:05d}" for n in range(101, 141)]
        con.executemany("INSERT INTO tbl_art VALUES (?,?,?,?)",
                        [(a, f"Artikel {a}", round(self.rng.uniform(1, 250), 2), self.rng.choice([7.0, 19.0]))
                         for a in self.arts])
        con.executemany("INSERT INTO tbl_usr VALUES (?,?,?)",
                        [(i, f"user{i}", f"{self.rng.getrandbits(128):032x}") for i in range(1, 7)])
        con.executemany("INSERT INTO tbl_cfg VALUES (?,?)", [("mwst_std", "19"), ("waehrung", "EUR"), ("ver", "4.2")])
        for inv in range(1, 201):  # inv_no % 3 + 1 positions: 401
            self._inv(con, inv, date(2024, 3, 1) + timedelta(days=inv // 4), 10000 + self.rng.randint(1, 30))
        con.commit()
        con.close()
        _stamp(self.path, _past(20))
        self.values = {"db_path": str(self.path)}

    def _cust(self, con: sqlite3.Connection, nr: int) -> None:
        con.execute("INSERT INTO tbl_cust VALUES (?,?,?,?,?,?)",
                    (nr, f"{self.rng.choice(LAST)} GmbH", self.rng.choice(["", "Einkauf", "Buchhaltung"]),
                     f"{self.rng.randint(10000, 99999)}", self.rng.choice(["Berlin", "Köln", "Graz", "Linz"]),
                     self.rng.choice(["DE", "AT"])))

    def _inv(self, con: sqlite3.Connection, inv: int, day: date, cust: int) -> None:
        net = 0.0
        for pos in range(1, inv % 3 + 2):
            qty, price = float(self.rng.randint(1, 12)), round(self.rng.uniform(1, 250), 2)
            con.execute("INSERT INTO tbl_inv_pos VALUES (?,?,?,?,?)", (inv, pos, self.rng.choice(self.arts), qty, price))
            net += qty * price
        con.execute("INSERT INTO tbl_inv VALUES (?,?,?,?,?,?)",
                    (inv, cust, day.strftime("%d.%m.%Y"), round(net, 2), round(net * 0.19, 2), round(net * 1.19, 2)))

    def advance(self) -> None:
        # 2 new customers (32), 25 new invoices (225) with 49 positions (450)
        con = sqlite3.connect(self.path)
        for nr in (10031, 10032):
            self._cust(con, nr)
        for inv in range(201, 226):
            self._inv(con, inv, date(2024, 5, 20), 10000 + self.rng.randint(1, 32))
        con.commit()
        con.close()
        _stamp(self.path, _now())


# ---------------------------------------------------------------------------------------------------
# l13-04: a shop's back-office drop folder: each of the two tills writes TILLnn_YYYYMMDD.csv every night
# (one line per receipt; each till numbers its receipts itself, so numbers repeat across tills); a weekly
# stocktake file and a note sit there too.
class TillDrop(_Source):
    HEADER = ["receipt_no", "sold_at", "cashier", "items", "total", "payment"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "backoffice" / "drop"
        self.folder.mkdir(parents=True)
        self.next_receipt = {"TILL01": 10001, "TILL02": 10001}
        for n in range(3):
            self._night(date(2024, 6, 3) + timedelta(days=n), _past(64 + n))
        stock = [[f"SKU-{i:04d}", self.rng.randint(0, 80), self.rng.choice(["shelf", "back room"])] for i in range(40)]
        (self.folder / "stocktake_2024-W23.csv").write_text(_delimited(["sku", "counted", "location"], stock))
        _stamp(self.folder / "stocktake_2024-W23.csv", _past(66))
        (self.folder / "READ ME.txt").write_text("Tills export here at 23:30. Stocktake every Sunday.\n")
        _stamp(self.folder / "READ ME.txt", _past(60))
        self.values = {"folder": str(self.folder)}

    def _night(self, d: date, when: float) -> None:
        for till in ("TILL01", "TILL02"):
            rows = []
            for k in range(25):
                items = self.rng.randint(1, 9)
                rows.append([self.next_receipt[till], f"{d.isoformat()} {9 + k // 3:02d}:{self.rng.randint(0, 59):02d}:00",
                             self.rng.choice(FIRST), items, f"{items * self.rng.uniform(1.5, 12):.2f}",
                             self.rng.choice(["cash", "card", "card"])])
                self.next_receipt[till] += 1
            path = self.folder / f"{till}_{d.strftime('%Y%m%d')}.csv"
            path.write_text(_delimited(self.HEADER, rows))
            _stamp(path, when)

    def advance(self) -> None:
        self._night(date(2024, 6, 6), _now())  # 50 receipts: 150 -> 200


# ---------------------------------------------------------------------------------------------------
# l13-05: a CRM DuckDB file: four CamelCase tables in schema crm (declared keys), junk in main.
class CrmDuckdb(_Source):
    STAGES = [("LEAD", "Lead", 1, False), ("QUAL", "Qualified", 2, False), ("PROP", "Proposal", 3, False),
              ("NEGO", "Negotiation", 4, False), ("WON", "Closed won", 5, True), ("LOST", "Closed lost", 6, True)]
    DDL = """CREATE SCHEMA crm;
CREATE TABLE crm."Accounts" (
    "AccountId"   INTEGER PRIMARY KEY,
    "AccountName" VARCHAR NOT NULL,
    "Industry"    VARCHAR,
    "Country"     VARCHAR(2),
    "CreatedAt"   TIMESTAMP
);
CREATE TABLE crm."ContactPersons" (
    "ContactId" INTEGER PRIMARY KEY,
    "AccountId" INTEGER,
    "FullName"  VARCHAR,
    "Email"     VARCHAR,
    "Phone"     VARCHAR
);
CREATE TABLE crm."DealStages" (
    "StageCode" VARCHAR PRIMARY KEY,
    "StageName" VARCHAR,
    "SortOrder" INTEGER,
    "IsClosed"  BOOLEAN
);
CREATE TABLE crm."Deals" (
    "DealId"     INTEGER PRIMARY KEY,
    "AccountId"  INTEGER,
    "StageCode"  VARCHAR,
    "Amount"     DECIMAL(12, 2),
    "CloseDate"  DATE,
    "ModifiedAt" TIMESTAMP
);"""

    def __init__(self, workdir: Path) -> None:
        import duckdb

        super().__init__(workdir)
        self.path = workdir / "crm" / "crm_mirror.duckdb"
        self.path.parent.mkdir(parents=True)
        con = duckdb.connect(str(self.path))
        con.execute(self.DDL)
        con.execute("CREATE TABLE main.import_runs (run_id INTEGER, started_at TIMESTAMP, rows_loaded INTEGER)")
        con.execute("CREATE TABLE main.raw_contacts_csv (line VARCHAR)")
        con.executemany("INSERT INTO main.import_runs VALUES (?, ?, ?)",
                        [(i, datetime(2024, 7, 1) + timedelta(days=i), 100 + i) for i in range(14)])
        con.executemany("INSERT INTO main.raw_contacts_csv VALUES (?)", [(f"row {i}",) for i in range(70)])
        con.executemany('INSERT INTO crm."DealStages" VALUES (?, ?, ?, ?)', self.STAGES)
        for i in range(1, 26):
            self._account(con, i)
        for i in range(1, 61):
            self._contact(con, i, self.rng.randint(1, 25))
        for i in range(1, 91):
            self._deal(con, i, datetime(2024, 7, 10, 9, 0))
        con.close()
        _stamp(self.path, _past(110))
        self.values = {"db_path": str(self.path)}

    def _account(self, con, i: int) -> None:
        con.execute('INSERT INTO crm."Accounts" VALUES (?, ?, ?, ?, ?)',
                    (i, f"{self.rng.choice(LAST)} {self.rng.choice(['AG', 'Ltd', 'SA', 'BV'])}",
                     self.rng.choice(["Retail", "Logistics", "Software", "Health"]),
                     self.rng.choice(["DE", "NL", "PT", "GB"]), datetime(2024, 6, 1) + timedelta(hours=7 * i)))

    def _contact(self, con, i: int, account: int) -> None:
        name = self._name()
        con.execute('INSERT INTO crm."ContactPersons" VALUES (?, ?, ?, ?, ?)',
                    (i, account, name, f"{name.replace(' ', '.').lower()}@example.test",
                     f"+49 30 {self.rng.randint(100000, 999999)}"))

    def _deal(self, con, i: int, at: datetime) -> None:
        con.execute('INSERT INTO crm."Deals" VALUES (?, ?, ?, ?, ?, ?)',
                    (i, self.rng.randint(1, 25), self.rng.choice(["LEAD", "QUAL", "PROP", "NEGO"]),
                     f"{self.rng.randint(10, 900) * 100:.2f}", date(2024, 9, 1) + timedelta(days=self.rng.randint(0, 90)),
                     at))

    def advance(self) -> None:
        import duckdb

        # 3 accounts (28), 10 contacts (70), 15 new deals (105), 10 deals moved on
        con = duckdb.connect(str(self.path))
        for i in range(26, 29):
            self._account(con, i)
        for i in range(61, 71):
            self._contact(con, i, self.rng.randint(1, 28))
        for i in range(91, 106):
            self._deal(con, i, datetime(2024, 7, 20, 9, 0))
        for i in self.rng.sample(range(1, 91), 10):
            con.execute('UPDATE crm."Deals" SET "StageCode" = ?, "ModifiedAt" = ? WHERE "DealId" = ?',
                        (self.rng.choice(["WON", "LOST", "NEGO"]), datetime(2024, 7, 20, 11, 0), i))
        con.execute("INSERT INTO main.import_runs VALUES (99, TIMESTAMP '2024-07-20 03:00:00', 12)")
        con.close()
        _stamp(self.path, _now())


# ---------------------------------------------------------------------------------------------------
# l13-06: a carrier's daily shipment feed, shipments-YYYY-MM-DD.jsonl.gz: the full shipment each time it
# changes, with a nested consignee, a `parcels` array and a growing `events` array.
class ShipmentFeed(_Source):
    STATUSES = ["label_created", "picked_up", "in_transit", "out_for_delivery", "delivered"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "carrier" / "feed"
        self.folder.mkdir(parents=True)
        self.shipments: dict[str, dict] = {}
        self.seq = 0
        # 30 new a day; day 2 moves 8 earlier shipments on, day 3 moves 10 -> 90 shipments, 180 parcels
        for n, moved in enumerate([0, 8, 10]):
            self._day(date(2024, 6, 10) + timedelta(days=n), 30, moved, _past(70 + n))
        self.values = {"folder": str(self.folder)}

    def _new(self, d: date) -> dict:
        self.seq += 1
        sid = f"1Z{self.seq:08d}"
        at = f"{d.isoformat()}T{self.rng.randint(7, 19):02d}:{self.rng.randint(0, 59):02d}:00Z"
        parcels = [{"parcel_no": p, "weight_kg": round(self.rng.uniform(0.2, 25), 2),
                    "dims_cm": [self.rng.randint(10, 80) for _ in range(3)]} for p in range(1, self.seq % 3 + 2)]
        return {"shipment_id": sid, "created_at": at, "service": self.rng.choice(["standard", "express"]),
                "status": "label_created",
                "consignee": {"name": self._name(), "city": self.rng.choice(CITIES), "country": "EU"},
                "parcels": parcels, "events": [{"at": at, "code": "label_created"}]}

    def _day(self, d: date, new: int, moved: int, when: float) -> None:
        lines = []
        live = sorted(k for k, s in self.shipments.items() if s["status"] != "delivered")
        for sid in self.rng.sample(live, moved) if moved else []:
            s = self.shipments[sid]
            s["status"] = self.STATUSES[self.STATUSES.index(s["status"]) + 1]
            s["events"].append({"at": f"{d.isoformat()}T12:00:00Z", "code": s["status"]})
            lines.append(json.dumps(s))
        for _ in range(new):
            s = self._new(d)
            self.shipments[s["shipment_id"]] = s
            lines.append(json.dumps(s))
        path = self.folder / f"shipments-{d.isoformat()}.jsonl.gz"
        with gzip.open(path, "wt", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
        _stamp(path, when)

    def advance(self) -> None:
        # 25 new shipments (115) with 51 parcels (231); 5 moved on
        self._day(date(2024, 6, 13), 25, 5, _now())


# ---------------------------------------------------------------------------------------------------
# l13-07: an HR system's nightly TSV export: three master files rewritten every night (one with a hyphen in
# its name) and one time-entry file per month (the current month's rewritten as it grows).
class HrExport(_Source):
    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "hr_export"
        self.folder.mkdir(parents=True)
        self.depts = [[f"D{n:02d}", name, self.rng.choice(FIRST)] for n, name in
                      enumerate(["Finance", "Sales", "Ops", "IT", "People", "Legal", "Marketing", "Support"], 1)]
        self.titles = [[f"T{n:02d}", t, g] for n, (t, g) in enumerate(
            [("Analyst", 1), ("Senior Analyst", 2), ("Engineer", 2), ("Senior Engineer", 3), ("Lead", 4),
             ("Manager", 4), ("Director", 5), ("Assistant", 1), ("Specialist", 2), ("Coordinator", 2),
             ("Consultant", 3), ("Head of", 5)], 1)]
        self.employees = [self._employee(i) for i in range(1, 46)]
        self.next_entry = 1
        self.entries: dict[str, list[list]] = {"2024-05": self._entries(300, 5), "2024-06": self._entries(150, 6)}
        self._write_all(_past(75))
        self.values = {"folder": str(self.folder)}

    def _employee(self, i: int) -> list:
        return [f"E{i:04d}", self._name(), self.rng.choice(self.depts)[0], self.rng.choice(self.titles)[0],
                f"2020-{self.rng.randint(1, 12):02d}-01"]

    def _entries(self, n: int, month: int) -> list[list]:
        rows = []
        for _ in range(n):
            rows.append([self.next_entry, self.rng.choice(self.employees)[0],
                         f"2024-{month:02d}-{self.rng.randint(1, 28):02d}", self.rng.choice([2, 4, 6, 7.5, 8]),
                         self.rng.choice(["internal", "PRJ-17", "PRJ-22", "PRJ-31"])])
            self.next_entry += 1
        return rows

    def _write(self, name: str, header: list[str], rows: list[list], when: float) -> None:
        path = self.folder / name
        path.write_text(_delimited(header, rows, "\t"))
        _stamp(path, when)

    def _write_all(self, when: float) -> None:
        self._write("employees.tsv", ["employee_id", "full_name", "dept_code", "title_code", "hired_on"],
                    self.employees, when)
        self._write("departments.tsv", ["dept_code", "name", "head"], self.depts, when)
        self._write("job-titles.tsv", ["title_code", "title", "grade"], self.titles, when)
        for month, rows in self.entries.items():
            self._write(f"time_entries_{month}.tsv", ["entry_id", "employee_id", "work_date", "hours", "project"],
                        rows, when)

    def advance(self) -> None:
        # 3 new employees (48), a department renamed; June grows by 150 (600 so far), July starts with 60 (660)
        self.employees += [self._employee(i) for i in range(46, 49)]
        self.depts[2][1] = "Operations"
        self.entries["2024-06"] += self._entries(150, 6)
        self.entries["2024-07"] = self._entries(60, 7)
        now = _now()
        self._write("employees.tsv", ["employee_id", "full_name", "dept_code", "title_code", "hired_on"],
                    self.employees, now)
        self._write("departments.tsv", ["dept_code", "name", "head"], self.depts, now)
        self._write("time_entries_2024-06.tsv", ["entry_id", "employee_id", "work_date", "hours", "project"],
                    self.entries["2024-06"], now)
        self._write("time_entries_2024-07.tsv", ["entry_id", "employee_id", "work_date", "hours", "project"],
                    self.entries["2024-07"], now)


# ---------------------------------------------------------------------------------------------------
# l13-08: a Django clinic app's SQLite file: the app's tables carry the clinic_ prefix, next to Django's own
# tables; appointments have a `modified` timestamp written on every change.
class ClinicSqlite(_Source):
    SCHEMA = """CREATE TABLE IF NOT EXISTS "django_migrations" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "app" varchar(255) NOT NULL, "name" varchar(255) NOT NULL, "applied" datetime NOT NULL);
CREATE TABLE IF NOT EXISTS "django_content_type" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "app_label" varchar(100) NOT NULL, "model" varchar(100) NOT NULL);
CREATE TABLE IF NOT EXISTS "auth_group" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(150) NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS "auth_user" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "password" varchar(128) NOT NULL, "last_login" datetime NULL, "is_superuser" bool NOT NULL, "username" varchar(150) NOT NULL UNIQUE, "email" varchar(254) NOT NULL, "is_staff" bool NOT NULL, "is_active" bool NOT NULL, "date_joined" datetime NOT NULL);
CREATE TABLE IF NOT EXISTS "django_session" ("session_key" varchar(40) NOT NULL PRIMARY KEY, "session_data" text NOT NULL, "expire_date" datetime NOT NULL);
CREATE TABLE IF NOT EXISTS "clinic_practitioner" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(120) NOT NULL, "specialty" varchar(60) NOT NULL, "active" bool NOT NULL);
CREATE TABLE IF NOT EXISTS "clinic_patient" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "first_name" varchar(60) NOT NULL, "last_name" varchar(60) NOT NULL, "birth_date" date NULL, "phone" varchar(30) NOT NULL, "created" datetime NOT NULL);
CREATE TABLE IF NOT EXISTS "clinic_appointment" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "starts_at" datetime NOT NULL, "duration_min" integer NOT NULL, "status" varchar(20) NOT NULL, "notes" text NOT NULL, "created" datetime NOT NULL, "modified" datetime NOT NULL, "patient_id" bigint NOT NULL REFERENCES "clinic_patient" ("id") DEFERRABLE INITIALLY DEFERRED, "practitioner_id" bigint NOT NULL REFERENCES "clinic_practitioner" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE INDEX "clinic_appointment_patient_id_5b4c2a1e" ON "clinic_appointment" ("patient_id");
CREATE INDEX "clinic_appointment_modified_9d1f7c33" ON "clinic_appointment" ("modified");"""

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.path = workdir / "clinic" / "db.sqlite3"
        self.path.parent.mkdir(parents=True)
        con = sqlite3.connect(self.path)
        con.executescript(self.SCHEMA)
        con.executemany('INSERT INTO django_migrations (app, name, applied) VALUES (?,?,?)',
                        [(a, f"000{i}_auto", "2024-01-10 10:00:00") for a in ("auth", "contenttypes", "sessions",
                                                                              "clinic") for i in range(1, 4)])
        con.executemany("INSERT INTO django_content_type (app_label, model) VALUES (?,?)",
                        [("clinic", m) for m in ("patient", "practitioner", "appointment")] + [("auth", "user")])
        con.execute("INSERT INTO auth_group (name) VALUES ('reception')")
        con.executemany("INSERT INTO auth_user (password, last_login, is_superuser, username, email, is_staff, "
                        "is_active, date_joined) VALUES (?,?,?,?,?,?,?,?)",
                        [(f"pbkdf2_sha256$600000${i}", None, i == 1, f"staff{i}", f"staff{i}@clinic.test", 1, 1,
                          "2024-01-10 10:00:00") for i in range(1, 6)])
        con.executemany("INSERT INTO django_session VALUES (?,?,?)",
                        [(f"{self.rng.getrandbits(128):032x}", "e30", "2024-08-01 00:00:00") for _ in range(12)])
        con.executemany("INSERT INTO clinic_practitioner (name, specialty, active) VALUES (?,?,?)",
                        [(f"Dr. {self.rng.choice(LAST)}", s, 1) for s in
                         ("GP", "GP", "Physio", "Physio", "Dermatology", "Paediatrics", "GP", "Dentistry")])
        for _ in range(120):
            self._patient(con, "2024-05-01 08:00:00")
        self.appt = 0
        for i in range(400):
            at = (datetime(2024, 6, 1, 8, 0) + timedelta(minutes=71 * i)).strftime("%Y-%m-%d %H:%M:%S.%f")
            self._appointment(con, at, 120)
        con.commit()
        con.close()
        _stamp(self.path, _past(95))
        self.values = {"db_path": str(self.path)}

    def _patient(self, con: sqlite3.Connection, at: str) -> None:
        con.execute("INSERT INTO clinic_patient (first_name, last_name, birth_date, phone, created) VALUES (?,?,?,?,?)",
                    (self.rng.choice(FIRST), self.rng.choice(LAST),
                     f"{self.rng.randint(1940, 2020)}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}",
                     f"+351 9{self.rng.randint(10000000, 99999999)}", at))

    def _appointment(self, con: sqlite3.Connection, at: str, patients: int) -> None:
        self.appt += 1
        start = datetime(2024, 7, 1, 8, 0) + timedelta(minutes=30 * self.rng.randint(0, 1500))
        con.execute("INSERT INTO clinic_appointment (starts_at, duration_min, status, notes, created, modified, "
                    "patient_id, practitioner_id) VALUES (?,?,?,?,?,?,?,?)",
                    (start.strftime("%Y-%m-%d %H:%M:%S"), self.rng.choice([15, 30, 45]), "booked",
                     self.rng.choice(["", "", "first visit", "follow-up", "bring x-ray"]), at, at,
                     self.rng.randint(1, patients), self.rng.randint(1, 8)))

    def advance(self) -> None:
        # 10 new patients (130), 40 new appointments (440), 20 earlier ones cancelled or attended
        con = sqlite3.connect(self.path)
        for _ in range(10):
            self._patient(con, "2024-06-25 08:00:00")
        for i in range(40):
            self._appointment(con, (datetime(2024, 6, 25, 9, 0) + timedelta(minutes=9 * i)).strftime(
                "%Y-%m-%d %H:%M:%S.%f"), 130)
        for n, aid in enumerate(self.rng.sample(range(1, 401), 20)):
            con.execute("UPDATE clinic_appointment SET status = ?, modified = ? WHERE id = ?",
                        (self.rng.choice(["cancelled", "attended"]), f"2024-06-25 15:{n:02d}:00.000000", aid))
        con.execute("INSERT INTO django_session VALUES ('feedbeef', 'e30', '2024-08-02 00:00:00')")
        con.commit()
        con.close()
        _stamp(self.path, _now())


# ---------------------------------------------------------------------------------------------------
# l13-09: a project tool's nightly JSON dump: users.json, teams.json, projects.json (JSON arrays) rewritten
# every night, next to a manifest.json describing the dump.
class JsonDump(_Source):
    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "dump" / "latest"
        self.folder.mkdir(parents=True)
        self.teams = [{"id": t, "name": f"Team {name}", "created_at": "2023-11-01T09:00:00Z"}
                      for t, name in enumerate(["Atlas", "Borealis", "Comet", "Delta", "Echo", "Fjord", "Gale",
                                                "Harbor", "Iris", "Juniper"], 1)]
        self.users = [self._user(i) for i in range(1, 81)]
        self.projects = [self._project(i) for i in range(1, 36)]
        self._dump("2024-07-01T02:00:00Z", _past(91))
        self.values = {"folder": str(self.folder)}

    def _user(self, i: int) -> dict:
        name = self._name()
        return {"id": 7000 + i, "name": name, "email": f"{name.split()[0].lower()}{i}@corp.test",
                "team_id": self.rng.randint(1, len(self.teams)), "active": True}

    def _project(self, i: int) -> dict:
        return {"id": f"P-{i:03d}", "name": f"Project {i}", "team_id": self.rng.randint(1, len(self.teams)),
                "owner_id": self.rng.choice(self.users)["id"], "status": self.rng.choice(["active", "paused"]),
                "due": f"2024-{self.rng.randint(8, 12):02d}-{self.rng.randint(1, 28):02d}"}

    def _dump(self, exported_at: str, when: float) -> None:
        for name, rows in (("users", self.users), ("teams", self.teams), ("projects", self.projects)):
            path = self.folder / f"{name}.json"
            path.write_text(json.dumps(rows, indent=2))
            _stamp(path, when)
        manifest = {"exported_at": exported_at, "tool_version": "5.12.1",
                    "files": {n: len(r) for n, r in (("users.json", self.users), ("teams.json", self.teams),
                                                    ("projects.json", self.projects))}}
        (self.folder / "manifest.json").write_text(json.dumps(manifest, indent=2))
        _stamp(self.folder / "manifest.json", when)

    def advance(self) -> None:
        # 1 new team (11), 6 new users (86) and 4 deactivated, 5 new projects (40) and 3 finished
        self.teams.append({"id": 11, "name": "Team Kestrel", "created_at": "2024-07-01T10:00:00Z"})
        self.users += [self._user(i) for i in range(81, 87)]
        for u in self.rng.sample(self.users[:80], 4):
            u["active"] = False
        self.projects += [self._project(i) for i in range(36, 41)]
        for p in self.rng.sample(self.projects[:35], 3):
            p["status"] = "done"
        self._dump("2024-07-02T02:00:00Z", _now())


# ---------------------------------------------------------------------------------------------------
# l13-10: a bookkeeping DuckDB file: schema ledger holds the chart of accounts, journal entries and lines
# (append-only, integer entry ids) and two stale copies someone made by hand; main holds an import table.
class LedgerDuckdb(_Source):
    def __init__(self, workdir: Path) -> None:
        import duckdb

        super().__init__(workdir)
        self.path = workdir / "books" / "books.duckdb"
        self.path.parent.mkdir(parents=True)
        con = duckdb.connect(str(self.path))
        con.execute("""
            CREATE SCHEMA ledger;
            CREATE TABLE ledger.accounts (account_no VARCHAR PRIMARY KEY, name VARCHAR, type VARCHAR);
            CREATE TABLE ledger.journal_entries (entry_id BIGINT PRIMARY KEY, posted_on DATE, memo VARCHAR,
                                                 source VARCHAR, created_at TIMESTAMP);
            CREATE TABLE ledger.journal_lines (entry_id BIGINT, line_no INTEGER, account_no VARCHAR,
                                               debit DECIMAL(14, 2), credit DECIMAL(14, 2),
                                               PRIMARY KEY (entry_id, line_no));
            CREATE TABLE main.bank_import (line VARCHAR);
        """)
        for n in range(30):
            self._account(con, f"{1000 + n * 100}")
        self.next_entry = 1
        for i in range(250):  # entry_id % 2 + 2 lines: 125 * 2 + 125 * 3 = 625
            self._entry(con, date(2024, 4, 1) + timedelta(days=i // 4))
        con.execute("CREATE TABLE ledger.journal_entries_bak_20240601 AS SELECT * FROM ledger.journal_entries "
                    "WHERE entry_id <= 180")
        con.execute("CREATE TABLE ledger.accounts_old AS SELECT * FROM ledger.accounts WHERE account_no < '2000'")
        con.executemany("INSERT INTO main.bank_import VALUES (?)", [(f"csv line {i}",) for i in range(33)])
        con.close()
        _stamp(self.path, _past(120))
        self.values = {"db_path": str(self.path)}

    def _account(self, con, no: str) -> None:
        con.execute("INSERT INTO ledger.accounts VALUES (?, ?, ?)",
                    (no, f"Account {no}", self.rng.choice(["asset", "liability", "income", "expense"])))

    def _entry(self, con, d: date) -> None:
        eid = self.next_entry
        self.next_entry += 1
        con.execute("INSERT INTO ledger.journal_entries VALUES (?, ?, ?, ?, ?)",
                    (eid, d, f"Entry {eid}", self.rng.choice(["bank", "sales", "manual"]),
                     datetime.combine(d, datetime.min.time()) + timedelta(hours=18)))
        accounts = [r[0] for r in con.execute("SELECT account_no FROM ledger.accounts ORDER BY 1").fetchall()]
        n = eid % 2 + 2
        amount = self.rng.randint(1000, 900000)
        for line in range(1, n + 1):
            part = amount if line == 1 else amount // (n - 1) + (amount % (n - 1) if line == n else 0)
            debit, credit = (part, 0) if line == 1 else (0, part)
            con.execute("INSERT INTO ledger.journal_lines VALUES (?, ?, ?, ?, ?)",
                        (eid, line, self.rng.choice(accounts), f"{debit / 100:.2f}", f"{credit / 100:.2f}"))

    def advance(self) -> None:
        import duckdb

        # 2 new accounts (32), 40 new entries (290) with 100 lines (725)
        con = duckdb.connect(str(self.path))
        for no in ("9100", "9200"):
            self._account(con, no)
        for i in range(40):
            self._entry(con, date(2024, 6, 5) + timedelta(days=i // 8))
        con.close()
        _stamp(self.path, _now())


SOURCES = {"shop_exports": ShopExports, "shop_sqlite": ShopSqlite, "legacy_erp_sqlite": LegacyErpSqlite,
           "till_drop": TillDrop, "crm_duckdb": CrmDuckdb, "shipment_feed": ShipmentFeed, "hr_export": HrExport,
           "clinic_sqlite": ClinicSqlite, "json_dump": JsonDump, "ledger_duckdb": LedgerDuckdb}


@contextlib.contextmanager
def make(source: str, workdir: Path) -> Iterator[_Source]:
    workdir = Path(workdir).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    yield SOURCES[source](workdir)
