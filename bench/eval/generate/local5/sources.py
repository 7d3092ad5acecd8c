"""Local file and database sources for the local5 generate-evaluation set.

make(source, workdir) is a context manager that writes the source's files under workdir (seeded with
random.Random(<class name>), so every run writes the same bytes) and yields an object with `.values`
(placeholders for the task's request and config: `folder` or `db_path`, absolute, plus `file` where the
config points at one file) and `.advance()` (the changes before the second sync).

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
    """A fixed 2024 timestamp, day days after 2024-05-01."""
    return datetime(2024, 5, 1, 5, 30, 0).timestamp() + day * 86400


def _now() -> float:
    return time.time() + 5


def _csv_text(header: list[str], rows: list[list], delimiter: str = ",", bom: bool = False,
              crlf: bool = False) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n" if crlf else "\n")
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
# l5-01: till export from Excel (German locale): `pos_YYYY-MM-DD.csv`, `;` separated, UTF-8 BOM, CRLF,
# decimal commas; one new file per day (two more before sync 2). sale_id unique across files.
class TillExport(_Source):
    HEADER = ["sale_id", "sold_at", "store", "sku", "qty", "unit_price", "payment"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "till_exports"
        self.folder.mkdir(parents=True)
        self.next_id = 500100
        for n in range(5):
            self._file(n, _past(n + 1))
        (self.folder / "desktop.ini").write_text("[.ShellClassInfo]\nIconResource=C:\\Windows\\system32\\imageres.dll,-3\n")
        self.values = {"folder": str(self.folder)}

    def _file(self, n: int, when: float) -> None:
        day = date(2024, 5, 1) + timedelta(days=n)
        rows = []
        for _ in range(40):
            self.next_id += self.rng.randint(1, 3)
            rows.append([self.next_id, f"{day.strftime('%d.%m.%Y')} {self.rng.randint(8, 19):02d}:{self.rng.randint(0, 59):02d}",
                         self.rng.choice(["Berlin-Mitte", "Leipzig Hbf", "Köln Süd"]),
                         f"ART-{self.rng.randint(100, 999)}", self.rng.randint(1, 6),
                         f"{self.rng.uniform(0.5, 60):.2f}".replace(".", ","),
                         self.rng.choice(["BAR", "EC-Karte", "Kreditkarte"])])
        path = self.folder / f"pos_{day.isoformat()}.csv"
        path.write_bytes(_csv_text(self.HEADER, rows, delimiter=";", bom=True, crlf=True).encode("utf-8"))
        _stamp(path, when)

    def advance(self) -> None:
        self._file(5, _now())
        self._file(6, _now())


# ---------------------------------------------------------------------------------------------------
# l5-02: one stock snapshot `stock_levels.csv`, rewritten in place by a nightly job with more rows and
# changed counts. No id column: (warehouse, sku) is the key.
class StockSnapshot(_Source):
    HEADER = ["warehouse", "sku", "description", "on_hand", "reserved", "counted_at"]
    WAREHOUSES = ["AMS1", "RTM2", "UTR1"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "wms"
        self.folder.mkdir(parents=True)
        self.file = self.folder / "stock_levels.csv"
        self.rows: dict[tuple[str, str], list] = {}
        skus = [f"SKU-{n:05d}" for n in range(10010, 10070)]   # 60 skus
        for sku in skus:
            for wh in self.WAREHOUSES:
                if self.rng.random() < 0.84:
                    self.rows[(wh, sku)] = self._row(wh, sku, "2024-05-20")
        self._write(_past(19))
        self.values = {"folder": str(self.folder), "file": str(self.file)}

    def _row(self, wh: str, sku: str, day: str) -> list:
        return [wh, sku, self.rng.choice(["Bolt M6, zinc", "Hinge 90mm", "Cable tie 200mm (100 pcs)", "Wall plug 8mm",
                                          "Screw 4x40, \"Torx\""]),
                self.rng.randint(0, 900), self.rng.randint(0, 40), f"{day} {self.rng.randint(1, 4):02d}:{self.rng.randint(0, 59):02d}"]

    def _write(self, when: float) -> None:
        rows = [self.rows[k] for k in sorted(self.rows, key=lambda k: (k[1], k[0]))]
        self.file.write_text(_csv_text(self.HEADER, rows))
        _stamp(self.file, when)

    def advance(self) -> None:
        for key in self.rng.sample(sorted(self.rows), 25):
            self.rows[key][3] = self.rng.randint(0, 900)
            self.rows[key][5] = "2024-05-21 02:10"
        for sku in [f"SKU-{n:05d}" for n in range(10070, 10082)]:   # 12 new skus in 2-3 warehouses
            for wh in self.WAREHOUSES[: self.rng.choice([2, 3])]:
                self.rows[(wh, sku)] = self._row(wh, sku, "2024-05-21")
        self._write(_now())


# ---------------------------------------------------------------------------------------------------
# l5-03: web-shop order export as pretty-printed JSON array files `orders_NNNN.json`; nested customer
# object, `lines` array without line ids (the same sku can appear twice in an order: a free promo line).
class OrderJson(_Source):
    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "shop_export"
        self.folder.mkdir(parents=True)
        self.next_order = 7000
        for n in range(1, 5):
            self._file(n, _past(n))
        self.values = {"folder": str(self.folder)}

    def _order(self, n: int) -> dict:
        self.next_order += 1
        lines = []
        for _ in range(self.rng.randint(1, 4)):
            sku = f"TEA-{self.rng.randint(1, 30):03d}"
            qty = self.rng.randint(1, 3)
            lines.append({"sku": sku, "qty": qty, "unit_price": round(self.rng.uniform(3, 25), 2)})
            if self.rng.random() < 0.25:   # promo: the same sku again for free
                lines.append({"sku": sku, "qty": 1, "unit_price": 0.0, "promo": "BUY2GET1"})
        cust = self.rng.randint(1, 60)
        return {"order_no": f"W-{self.next_order}",
                "placed_at": f"2024-05-{n:02d}T{self.rng.randint(0, 23):02d}:{self.rng.randint(0, 59):02d}:00+02:00",
                "status": self.rng.choice(["paid", "shipped", "delivered"]),
                "customer": {"id": cust, "email": f"customer{cust}@example.org",
                             "country": self.rng.choice(["NL", "BE", "DE"])},
                "lines": lines}

    def _file(self, n: int, when: float) -> None:
        path = self.folder / f"orders_{n:04d}.json"
        path.write_text(json.dumps([self._order(n) for _ in range(25)], indent=2))
        _stamp(path, when)

    def advance(self) -> None:
        self._file(5, _now())


# ---------------------------------------------------------------------------------------------------
# l5-04: greenhouse gateway uploads `readings_YYYYMMDD_HH.jsonl.gz`, one JSON object per line; no id:
# (device, sensor, ts) is the key. The last 10-minute slot of a file is sent again at the top of the next
# file (at-least-once); a trailing blank line.
class GreenhouseReadings(_Source):
    DEVICES = {"GH-01": ["temp", "humidity", "co2"], "GH-02": ["temp", "humidity"], "GH-03": ["temp", "humidity", "soil"]}

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "gateway_upload"
        self.folder.mkdir(parents=True)
        self.last: list[dict] = []
        self.hour = datetime(2024, 6, 3, 6, 0, 0)
        for n in range(4):
            self._file(_past(33) + n * 3600)
        self.values = {"folder": str(self.folder)}

    def _slot(self, ts: datetime) -> list[dict]:
        out = []
        for dev, sensors in self.DEVICES.items():
            for s in sensors:
                if self.rng.random() < 0.08:   # dropped reading
                    continue
                value = {"temp": self.rng.uniform(17, 29), "humidity": self.rng.uniform(55, 90),
                         "co2": self.rng.uniform(400, 1200), "soil": self.rng.uniform(20, 45)}[s]
                out.append({"device": dev, "sensor": s, "ts": ts.strftime("%Y-%m-%dT%H:%M:%SZ"),
                            "value": round(value, 1), "battery": self.rng.randint(60, 100)})
        return out

    def _file(self, when: float) -> None:
        lines = list(self.last)
        for k in range(6):
            slot = self._slot(self.hour + timedelta(minutes=10 * k))
            lines += slot
        self.last = slot
        path = self.folder / f"readings_{self.hour.strftime('%Y%m%d_%H')}.jsonl.gz"
        with gzip.open(path, "wt") as f:
            f.write("\n".join(json.dumps(r) for r in lines) + "\n\n")
        _stamp(path, when)
        self.hour += timedelta(hours=1)

    def advance(self) -> None:
        self._file(_now())
        self._file(_now())


# ---------------------------------------------------------------------------------------------------
# l5-05: billing SQLite: customers, invoices, invoice_lines (foreign keys, composite key on lines).
# updated_at is TEXT 'YYYY-MM-DD HH:MM:SS' on customers and invoices; lines have none, a line added to a
# draft invoice bumps its invoice's updated_at. Before sync 2: new and changed rows, all dated 2024.
class BillingSqlite(_Source):
    DDL = """
CREATE TABLE customers (
  customer_id INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  vat_no      TEXT,
  country     TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE TABLE invoices (
  invoice_id  INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(customer_id),
  issued_on   TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('draft','open','paid','void')),
  currency    TEXT NOT NULL DEFAULT 'EUR',
  updated_at  TEXT NOT NULL
);
CREATE TABLE invoice_lines (
  invoice_id  INTEGER NOT NULL REFERENCES invoices(invoice_id) ON DELETE CASCADE,
  line_no     INTEGER NOT NULL,
  description TEXT NOT NULL,
  quantity    REAL NOT NULL,
  unit_price  REAL NOT NULL,
  PRIMARY KEY (invoice_id, line_no)
);
CREATE INDEX invoices_updated_at ON invoices(updated_at);
"""

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.db = workdir / "billing.sqlite"
        con = sqlite3.connect(self.db)
        con.executescript(self.DDL)
        self.t = datetime(2024, 5, 2, 8, 0, 0)
        for c in range(1, 41):
            con.execute("INSERT INTO customers VALUES (?,?,?,?,?)", self._customer(c))
        self.next_invoice = 24001
        for _ in range(150):
            self._invoice(con, self.rng.randint(1, 40))
        con.commit()
        con.close()
        _stamp(self.db, _past(30))
        self.values = {"db_path": str(self.db)}

    def _tick(self) -> str:
        self.t += timedelta(minutes=self.rng.randint(3, 90))
        return self.t.strftime("%Y-%m-%d %H:%M:%S")

    def _customer(self, c: int) -> tuple:
        return (c, f"{self.rng.choice(['Acme', 'Nordwind', 'Blauw', 'Kestrel', 'Vega'])} {c} B.V.",
                f"NL{self.rng.randint(10**8, 10**9 - 1)}B01" if self.rng.random() < 0.8 else None,
                self.rng.choice(["NL", "BE", "DE", "FR"]), self._tick())

    def _invoice(self, con: sqlite3.Connection, customer: int) -> None:
        inv = self.next_invoice
        self.next_invoice += 1
        ts = self._tick()
        con.execute("INSERT INTO invoices VALUES (?,?,?,?,?,?)",
                    (inv, customer, ts[:10], self.rng.choice(["draft", "open", "open", "paid", "paid", "void"]),
                     self.rng.choice(["EUR", "EUR", "EUR", "USD"]), ts))
        for line in range(1, self.rng.randint(1, 5) + 1):
            self._line(con, inv, line)

    def _line(self, con: sqlite3.Connection, inv: int, line: int) -> None:
        con.execute("INSERT INTO invoice_lines VALUES (?,?,?,?,?)",
                    (inv, line, self.rng.choice(["Consulting (hours)", "Licence seat", "Support plan", "Travel"]),
                     self.rng.choice([1, 2, 4, 7.5, 10]), round(self.rng.uniform(20, 400), 2)))

    def advance(self) -> None:
        con = sqlite3.connect(self.db)
        self.t = datetime(2024, 5, 20, 7, 0, 0)
        for c in (41, 42):
            con.execute("INSERT INTO customers VALUES (?,?,?,?,?)", self._customer(c))
        for c in (3, 17, 29):
            con.execute("UPDATE customers SET country = 'BE', updated_at = ? WHERE customer_id = ?", (self._tick(), c))
        ids = [r[0] for r in con.execute("SELECT invoice_id FROM invoices WHERE status = 'open' ORDER BY invoice_id")]
        for inv in ids[:8]:
            con.execute("UPDATE invoices SET status = 'paid', updated_at = ? WHERE invoice_id = ?", (self._tick(), inv))
        drafts = [r[0] for r in con.execute("SELECT invoice_id FROM invoices WHERE status = 'draft' ORDER BY invoice_id")]
        for inv in drafts[:3]:   # two more lines on three drafts
            top = con.execute("SELECT max(line_no) FROM invoice_lines WHERE invoice_id = ?", (inv,)).fetchone()[0]
            self._line(con, inv, top + 1)
            self._line(con, inv, top + 2)
            con.execute("UPDATE invoices SET updated_at = ? WHERE invoice_id = ?", (self._tick(), inv))
        for _ in range(12):
            self._invoice(con, self.rng.randint(1, 42))
        con.commit()
        con.close()
        _stamp(self.db, _now())


# ---------------------------------------------------------------------------------------------------
# l5-06: DuckDB `logistics.duckdb`: the live tables are in schema `erp` (shipments with a declared key,
# shipment_events without one: (shipment_id, seq) is the key); main holds a stale copy of shipments from
# a migration and an import log. DECIMAL, DATE, TIMESTAMP columns.
class LogisticsDuckdb(_Source):
    STATUSES = ["booked", "picked_up", "in_transit", "at_hub", "out_for_delivery", "delivered"]

    def __init__(self, workdir: Path) -> None:
        import duckdb

        super().__init__(workdir)
        self.db = workdir / "logistics.duckdb"
        con = duckdb.connect(str(self.db))
        con.execute("CREATE SCHEMA erp")
        con.execute("""CREATE TABLE erp.shipments (shipment_id VARCHAR PRIMARY KEY, customer_ref VARCHAR,
            origin VARCHAR, destination VARCHAR, weight_kg DECIMAL(8,2), ship_date DATE, status VARCHAR,
            last_event_at TIMESTAMP)""")
        con.execute("""CREATE TABLE erp.shipment_events (shipment_id VARCHAR NOT NULL, seq INTEGER NOT NULL,
            event_type VARCHAR NOT NULL, location VARCHAR, event_at TIMESTAMP NOT NULL, note VARCHAR)""")
        con.execute("""CREATE TABLE main.shipments (shipment_id VARCHAR, customer_ref VARCHAR, origin VARCHAR,
            destination VARCHAR, weight_kg DOUBLE, ship_date VARCHAR, status VARCHAR)""")
        con.execute("CREATE TABLE main.import_log (run_at TIMESTAMP, file VARCHAR, rows_loaded INTEGER)")
        self.progress: dict[str, int] = {}
        self.n = 0
        for _ in range(80):
            self._shipment(con, datetime(2024, 5, 6, 7, 0) + timedelta(hours=self.rng.randint(0, 240)))
        for k in range(50):
            con.execute("INSERT INTO main.shipments VALUES (?,?,?,?,?,?,?)",
                        [f"OLD-{k:04d}", f"C{k:03d}", "Venlo", "Lyon", 12.5, "2023-11-02", "delivered"])
        con.execute("INSERT INTO main.import_log VALUES ('2024-04-30 23:00:00', 'legacy_shipments.csv', 50)")
        con.close()
        _stamp(self.db, _past(16))
        self.values = {"db_path": str(self.db)}

    def _shipment(self, con, start: datetime) -> None:
        self.n += 1
        sid = f"SHP-{240000 + self.n}"
        steps = self.rng.randint(1, len(self.STATUSES))
        self.progress[sid] = steps
        con.execute("INSERT INTO erp.shipments VALUES (?,?,?,?,?,?,?,?)",
                    [sid, f"C{self.rng.randint(1, 90):03d}", self.rng.choice(["Venlo", "Duisburg", "Antwerp"]),
                     self.rng.choice(["Lyon", "Milan", "Vienna", "Prague", "Madrid"]),
                     round(self.rng.uniform(0.5, 900), 2), start.date(), self.STATUSES[steps - 1],
                     start + timedelta(hours=6 * (steps - 1))])
        for seq in range(1, steps + 1):
            self._event(con, sid, seq, start + timedelta(hours=6 * (seq - 1)))

    def _event(self, con, sid: str, seq: int, at: datetime) -> None:
        con.execute("INSERT INTO erp.shipment_events VALUES (?,?,?,?,?,?)",
                    [sid, seq, self.STATUSES[seq - 1], self.rng.choice(["Venlo", "Duisburg", "Antwerp", "Metz", "Basel"]),
                     at, None if self.rng.random() < 0.7 else "scanned twice"])

    def advance(self) -> None:
        import duckdb

        con = duckdb.connect(str(self.db))
        moving = [s for s, steps in sorted(self.progress.items()) if steps < len(self.STATUSES)][:20]
        at = datetime(2024, 5, 20, 9, 0)
        for sid in moving:
            steps = self.progress[sid] + 1
            self.progress[sid] = steps
            self._event(con, sid, steps, at)
            con.execute("UPDATE erp.shipments SET status = ?, last_event_at = ? WHERE shipment_id = ?",
                        [self.STATUSES[steps - 1], at, sid])
        for _ in range(10):
            self._shipment(con, datetime(2024, 5, 20, 6, 0))
        con.close()
        _stamp(self.db, _now())


# ---------------------------------------------------------------------------------------------------
# l5-07: task tracker SQLite: projects, tasks (hard deletes), task_deletions filled by a trigger (the
# tombstones). Six tasks are deleted before sync 1; before sync 2: 20 new tasks, 12 edited, 9 deleted.
class TrackerSqlite(_Source):
    DDL = """
CREATE TABLE projects (id INTEGER PRIMARY KEY, name TEXT NOT NULL, owner TEXT, archived INTEGER NOT NULL DEFAULT 0);
CREATE TABLE tasks (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id),
  title TEXT NOT NULL,
  assignee TEXT,
  state TEXT NOT NULL,
  due TEXT,
  modified INTEGER NOT NULL  -- unix seconds
);
CREATE TABLE task_deletions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  task_id INTEGER NOT NULL,
  deleted_at INTEGER NOT NULL
);
CREATE TRIGGER tasks_ad AFTER DELETE ON tasks BEGIN
  INSERT INTO task_deletions (task_id, deleted_at) VALUES (old.id, CAST(strftime('%s','now') AS INTEGER));
END;
"""
    PEOPLE = ["ana", "bram", "chen", "dilan", "eva", "femi", None]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.db = workdir / "tracker.db"
        con = sqlite3.connect(self.db)
        con.executescript(self.DDL)
        for p in range(1, 11):
            con.execute("INSERT INTO projects VALUES (?,?,?,?)",
                        (p, f"{self.rng.choice(['Website', 'Onboarding', 'Q3 audit', 'Warehouse move', 'CRM'])} #{p}",
                         self.rng.choice(self.PEOPLE[:-1]), int(p == 4)))
        self.modified = int(datetime(2024, 5, 1, 9, 0).timestamp())
        self.next_id = 1
        for _ in range(186):
            self._task(con)
        for tid in self.rng.sample(range(1, 187), 6):
            con.execute("DELETE FROM tasks WHERE id = ?", (tid,))
        con.commit()
        con.close()
        _stamp(self.db, _past(20))
        self.values = {"db_path": str(self.db)}

    def _task(self, con: sqlite3.Connection) -> None:
        self.modified += self.rng.randint(60, 7200)
        con.execute("INSERT INTO tasks VALUES (?,?,?,?,?,?,?)",
                    (self.next_id, self.rng.randint(1, 10),
                     self.rng.choice(["Fix login", "Write copy", "Review budget", "Call supplier", "Order labels",
                                      "Update docs", "Plan sprint"]) + f" ({self.next_id})",
                     self.rng.choice(self.PEOPLE), self.rng.choice(["todo", "doing", "done"]),
                     (date(2024, 5, 1) + timedelta(days=self.rng.randint(0, 60))).isoformat() if self.rng.random() < 0.7 else None,
                     self.modified))
        self.next_id += 1

    def advance(self) -> None:
        con = sqlite3.connect(self.db)
        self.modified = int(datetime(2024, 5, 22, 9, 0).timestamp())
        alive = [r[0] for r in con.execute("SELECT id FROM tasks ORDER BY id")]
        for tid in self.rng.sample(alive, 12):
            self.modified += 300
            con.execute("UPDATE tasks SET state = 'done', modified = ? WHERE id = ?", (self.modified, tid))
        for tid in self.rng.sample(alive, 9):
            con.execute("DELETE FROM tasks WHERE id = ?", (tid,))
        for _ in range(20):
            self._task(con)
        con.commit()
        con.close()
        _stamp(self.db, _now())


# ---------------------------------------------------------------------------------------------------
# l5-08: nightly export tree `<root>/YYYY-MM-DD/{customers,orders}.csv` (+ `_SUCCESS`, a manifest.json):
# customers.csv holds the customers created or changed that day, orders.csv that day's orders. A new day
# folder before sync 2.
class DailyFolders(_Source):
    CUST = ["customer_id", "name", "email", "city", "segment", "changed_at"]
    ORD = ["order_id", "customer_id", "ordered_at", "total", "currency", "channel"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "exports"
        self.folder.mkdir(parents=True)
        self.customers: dict[int, list] = {}
        self.next_order = 90001
        for n, (new, changed) in enumerate([(40, 0), (8, 5), (6, 4)]):
            self._day(date(2024, 6, 1) + timedelta(days=n), new, changed, _past(31 + n))
        self.values = {"folder": str(self.folder)}

    def _customer(self, cid: int, day: date) -> list:
        return [cid, f"{self.rng.choice(['Jansen', 'de Vries', 'Bakker', 'Visser', 'Smit', 'Meijer'])}, "
                     f"{self.rng.choice(['Anna', 'Tom', 'Sara', 'Daan', 'Lotte'])}",
                f"c{cid}@mail.example", self.rng.choice(["Utrecht", "Den Haag", "Zwolle", "Breda"]),
                self.rng.choice(["retail", "b2b", "vip"]), f"{day.isoformat()}T{self.rng.randint(0, 23):02d}:00:00"]

    def _day(self, day: date, new: int, changed: int, when: float) -> None:
        folder = self.folder / day.isoformat()
        folder.mkdir()
        existing = sorted(self.customers)
        touched = self.rng.sample(existing, changed) if changed else []
        start = max(self.customers, default=1000) + 1
        for cid in touched + list(range(start, start + new)):
            self.customers[cid] = self._customer(cid, day)
        cust_rows = [self.customers[c] for c in sorted(touched + list(range(start, start + new)))]
        ord_rows = []
        for _ in range(30):
            ord_rows.append([self.next_order, self.rng.choice(sorted(self.customers)),
                             f"{day.isoformat()}T{self.rng.randint(6, 22):02d}:{self.rng.randint(0, 59):02d}:00",
                             f"{self.rng.uniform(9, 450):.2f}", "EUR", self.rng.choice(["web", "app", "store"])])
            self.next_order += 1
        files = {"customers.csv": _csv_text(self.CUST, cust_rows), "orders.csv": _csv_text(self.ORD, ord_rows),
                 "manifest.json": json.dumps({"date": day.isoformat(), "files": {"customers.csv": len(cust_rows),
                                                                               "orders.csv": len(ord_rows)}}),
                 "_SUCCESS": ""}
        for name, text in files.items():
            (folder / name).write_text(text)
            _stamp(folder / name, when)
        _stamp(folder, when)

    def advance(self) -> None:
        self._day(date(2024, 6, 4), 5, 3, _now())


SOURCES = {"till_export": TillExport, "stock_snapshot": StockSnapshot, "order_json": OrderJson,
           "greenhouse_readings": GreenhouseReadings, "billing_sqlite": BillingSqlite,
           "logistics_duckdb": LogisticsDuckdb, "tracker_sqlite": TrackerSqlite, "daily_folders": DailyFolders}


@contextlib.contextmanager
def make(source: str, workdir: Path) -> Iterator[_Source]:
    workdir = Path(workdir).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    yield SOURCES[source](workdir)
