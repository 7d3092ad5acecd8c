"""Local file and database sources for the local11 generate-evaluation set (harder, less common local sources).

make(source, workdir) is a context manager that writes the source's files under workdir (seeded with
random.Random(<class name>), so every run writes the same bytes) and yields an object with `.values`
(placeholders for the task's config: `folder`, absolute) and `.advance()` (the changes before the second
sync). Each class also has `counts()`: the rows a correct connector holds per table, as (rows, deleted),
used by make_tasks.py to check the numbers written in the tasks.

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
import zipfile
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


def _gzip_bytes(text: str) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as fh:
        fh.write(text.encode("ascii"))
    return buf.getvalue()


class _Source:
    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.rng = random.Random(self.__class__.__name__)
        self.values: dict[str, str] = {}

    def advance(self) -> None:  # pragma: no cover - overridden
        pass

    def counts(self) -> dict[str, tuple[int, int]]:  # pragma: no cover - overridden
        return {}


# ---------------------------------------------------------------------------------------------------
# l11-01: insurance policy master extracts from a mainframe: fixed-width text, Windows-1252, CRLF, one
# file per day with new and changed policies. Every file starts with an HDR record and ends with a TRL
# record (record count); neither is a policy.
class PolicyExtract(_Source):
    FIRST = ["Jürgen", "Françoise", "José", "Björn", "Søren", "Zoë", "Renée", "Ángel", "Maël", "Núria", "Anna",
             "Peter", "Chloé", "Ömer", "Hélène", "Tomás", "Grace", "Ivo"]
    LAST = ["Müller", "Ibáñez", "Lefèvre", "Strauß", "García", "Šulc", "Nuñez", "O'Brien", "Øster", "Dupré",
            "Weiß", "Smith", "Jäger", "Côté", "Brandão", "Kovács", "Lindqvist"]
    PRODUCTS = ["CAR", "HOM", "LIF", "TRV"]
    WIDTH = 65

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "insurer" / "extracts" / "polmast"
        self.folder.mkdir(parents=True)
        self.policies: dict[str, dict] = {}
        self.next_no = 4_410_000
        self._file("POLMAST_20240901.TXT", date(2024, 9, 1), self._new(60), _past(0.9))
        self._file("POLMAST_20240902.TXT", date(2024, 9, 2), self._new(25) + self._change(15), _past(1.9))
        self.values = {"folder": str(self.folder)}

    def _name(self) -> str:
        return f"{self.rng.choice(self.LAST)}, {self.rng.choice(self.FIRST)}"

    def _new(self, n: int) -> list[dict]:
        out = []
        for _ in range(n):
            self.next_no += self.rng.randint(1, 40)
            no = f"PL{self.next_no:08d}"
            rec = {"no": no, "name": self._name(),
                   "start": date(2019, 1, 1) + timedelta(days=self.rng.randint(0, 2000)),
                   "premium": self.rng.randint(9000, 450000), "status": "AC", "product": self.rng.choice(self.PRODUCTS)}
            self.policies[no] = rec
            out.append(dict(rec))
        return out

    def _change(self, n: int) -> list[dict]:
        out = []
        for no in self.rng.sample(sorted(self.policies), n):
            rec = self.policies[no]
            rec["status"] = self.rng.choice(["LA", "CA", "AC"])
            rec["premium"] = int(rec["premium"] * self.rng.uniform(0.9, 1.25))
            out.append(dict(rec))
        return out

    def _line(self, r: dict) -> str:
        line = f"{r['no']:<10}{r['name']:<30.30}{r['start']:%Y%m%d}{r['premium']:012d}{r['status']:<2}{r['product']:<3}"
        assert len(line) == self.WIDTH, line
        return line

    def _file(self, name: str, day: date, recs: list[dict], when: float) -> None:
        recs = sorted(recs, key=lambda r: r["no"])
        lines = [f"HDR{day:%Y%m%d}POLMAST".ljust(self.WIDTH)] + [self._line(r) for r in recs] + \
                [f"TRL{len(recs):09d}".ljust(self.WIDTH)]
        data = ("\r\n".join(lines) + "\r\n").encode("cp1252")
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:  # pragma: no cover - the twist needs bytes that are not UTF-8
            raise AssertionError(f"{name} decodes as UTF-8")
        path = self.folder / name
        path.write_bytes(data)
        _stamp(path, when)

    def counts(self) -> dict[str, tuple[int, int]]:
        return {"policies": (len(self.policies), 0)}

    def advance(self) -> None:
        # the Sep 3 extract: 20 new policies and 10 changed ones: 85 -> 105
        self._file("POLMAST_20240903.TXT", date(2024, 9, 3), self._new(20) + self._change(10), _now())


# ---------------------------------------------------------------------------------------------------
# l11-02: one SQLite file per shop from the tills (shop_<name>.sqlite). receipts numbered from 1 in every
# shop; receipt_lines is a WITHOUT ROWID table keyed (receipt_no, line_no); a settings table (WITHOUT
# ROWID) and a view are not wanted. backup/ holds an old copy of one shop's file.
class PosShops(_Source):
    DDL = """
    CREATE TABLE receipts (
        receipt_no   INTEGER PRIMARY KEY,
        opened_at    TEXT NOT NULL,
        till         INTEGER NOT NULL,
        cashier      TEXT,
        payment      TEXT NOT NULL,
        total_cents  INTEGER NOT NULL
    );
    CREATE TABLE receipt_lines (
        receipt_no        INTEGER NOT NULL REFERENCES receipts(receipt_no),
        line_no           INTEGER NOT NULL,
        ean               TEXT NOT NULL,
        description       TEXT,
        qty               INTEGER NOT NULL,
        unit_price_cents  INTEGER NOT NULL,
        PRIMARY KEY (receipt_no, line_no)
    ) WITHOUT ROWID;
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
    CREATE VIEW v_daily_sales AS
        SELECT substr(opened_at, 1, 10) AS day, count(*) AS receipts, sum(total_cents) AS cents
        FROM receipts GROUP BY 1;
    """
    CATALOG = [("5601234000017", "Pastel de nata", 130), ("5601234000024", "Bica", 80),
               ("5601234000031", "Agua 50cl", 100), ("5601234000048", "Torrada", 220),
               ("5601234000055", "Sumo laranja", 290), ("5601234000062", "Tosta mista", 350),
               ("5601234000079", "Bolo de arroz", 150), ("5601234000086", "Galao", 140),
               ("5601234000093", "Croissant", 170), ("5601234000109", "Sandes queijo", 310)]
    CASHIERS = ["Rita", "Joao", "Marta", "Tiago", "Sofia"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "retail" / "pos_exports"
        (self.folder / "backup").mkdir(parents=True)
        self.receipts: dict[str, int] = {}
        self.lines: dict[str, int] = {}
        # the old copy first (its receipts are August's and overlap the live file's numbers)
        old = self.folder / "backup" / "shop_porto_2024-08-31.sqlite"
        self._create(old, "porto", 20, datetime(2024, 8, 31, 7, 30), track=False)
        _stamp(old, _past(-0.5))
        for n, (shop, count) in enumerate([("lisboa", 40), ("porto", 35), ("braga", 30)]):
            path = self.folder / f"shop_{shop}.sqlite"
            self._create(path, shop, count, datetime(2024, 9, 1, 7, 30))
            _stamp(path, _past(0.7 + n / 100))
        self.values = {"folder": str(self.folder)}

    def _create(self, path: Path, shop: str, n: int, start: datetime, track: bool = True) -> None:
        con = sqlite3.connect(path)
        con.executescript(self.DDL)
        con.executemany("INSERT INTO settings VALUES (?, ?)",
                        [("shop_name", f"Cafe {shop.title()}"), ("tills", "2"), ("schema", "7")])
        self._sell(con, shop, n, start, track)
        con.commit()
        con.close()

    def _sell(self, con: sqlite3.Connection, shop: str, n: int, start: datetime, track: bool = True) -> None:
        first = (con.execute("SELECT max(receipt_no) FROM receipts").fetchone()[0] or 0) + 1
        clock = datetime.fromisoformat(con.execute("SELECT max(opened_at) FROM receipts").fetchone()[0] or
                                       start.isoformat(sep=" "))
        clock = max(clock, start)
        for no in range(first, first + n):
            clock += timedelta(seconds=self.rng.randint(40, 900))
            items = self.rng.sample(self.CATALOG, self.rng.randint(1, 4))
            total = 0
            for line_no, (ean, desc, price) in enumerate(items, start=1):
                qty = self.rng.randint(1, 3)
                total += qty * price
                con.execute("INSERT INTO receipt_lines VALUES (?, ?, ?, ?, ?, ?)", (no, line_no, ean, desc, qty, price))
            con.execute("INSERT INTO receipts VALUES (?, ?, ?, ?, ?, ?)",
                        (no, clock.strftime("%Y-%m-%d %H:%M:%S"), self.rng.randint(1, 2), self.rng.choice(self.CASHIERS),
                         self.rng.choice(["cash", "card", "card", "mbway"]), total))
            if track:
                self.receipts[shop] = self.receipts.get(shop, 0) + 1
                self.lines[shop] = self.lines.get(shop, 0) + len(items)

    def counts(self) -> dict[str, tuple[int, int]]:
        return {"receipts": (sum(self.receipts.values()), 0), "receipt_lines": (sum(self.lines.values()), 0)}

    def advance(self) -> None:
        # lisboa sells 10 more, porto 8 more (and one receipt's payment is corrected), braga nothing;
        # a new shop file (faro) with 12 receipts: receipts 105 -> 135
        for shop, n in [("lisboa", 10), ("porto", 8)]:
            path = self.folder / f"shop_{shop}.sqlite"
            con = sqlite3.connect(path)
            self._sell(con, shop, n, datetime(2024, 9, 2, 7, 30))
            if shop == "porto":
                con.execute("UPDATE receipts SET payment = 'card' WHERE receipt_no = 3")
            con.commit()
            con.close()
            _stamp(path, _now())
        path = self.folder / "shop_faro.sqlite"
        self._create(path, "faro", 12, datetime(2024, 9, 2, 8, 0))
        _stamp(path, _now())


# ---------------------------------------------------------------------------------------------------
# l11-03: card settlement interface: STL_<YYYYMMDD>_<seq>.dat.gz, gzip, pipe-delimited, no header, a
# trailing pipe on every line, amounts with a trailing minus; a .ctl file is written when the data file is
# complete. Later files repeat a record_id when its status changes. At sync 1, STL_20240902_001 is still
# being written (a truncated gzip stream, no .ctl) while STL_20240902_002 is already complete: files must
# be taken strictly in name order, so the sync stops at the gap.
class Settlements(_Source):
    MERCHANTS = [f"M{n:07d}" for n in (1200045, 1200078, 1200102, 1200160, 1200233, 1200311)]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "acquirer" / "inbound" / "settlement"
        self.folder.mkdir(parents=True)
        self.files: dict[str, tuple[list[dict], bool]] = {}
        self.made: list[dict] = []
        self._write("STL_20240901_001", self._records(date(2024, 8, 31), 50, 0), True, _past(0.2))
        self._write("STL_20240901_002", self._records(date(2024, 8, 31), 35, 5), True, _past(0.6))
        self.open_file = self._records(date(2024, 9, 1), 41, 4)
        self._write("STL_20240902_001", self.open_file, False, _past(1.2))
        self._write("STL_20240902_002", self._records(date(2024, 9, 1), 27, 3), True, _past(1.3))
        self.values = {"folder": str(self.folder)}

    def _records(self, day: date, new: int, corrections: int) -> list[dict]:
        out = []
        earlier = self.rng.sample(self.made, corrections) if corrections else []
        for _ in range(new):
            rid = f"SR{self.rng.getrandbits(48):012X}{len(self.made):06d}"
            refund = self.rng.random() < 0.12
            cents = self.rng.randint(150, 48000) * (-1 if refund else 1)
            at = datetime(day.year, day.month, day.day) + timedelta(seconds=self.rng.randint(0, 86399))
            rec = {"record_id": rid, "merchant_id": self.rng.choice(self.MERCHANTS),
                   "txn_time": at.strftime("%Y-%m-%dT%H:%M:%S"), "cents": cents,
                   "currency": self.rng.choice(["EUR", "EUR", "EUR", "GBP"]),
                   "card_brand": self.rng.choice(["VISA", "MC", "MC", "AMEX"]),
                   "status": "REFUNDED" if refund else "SETTLED"}
            self.made.append(rec)
            out.append(rec)
        for rec in earlier:
            out.append({**rec, "status": "CHARGEBACK"})
        self.rng.shuffle(out)
        return out

    @staticmethod
    def _line(r: dict) -> str:
        amount = f"{abs(r['cents']) // 100}.{abs(r['cents']) % 100:02d}" + ("-" if r["cents"] < 0 else "")
        return "|".join([r["record_id"], r["merchant_id"], r["txn_time"], amount, r["currency"], r["card_brand"],
                         r["status"]]) + "|\n"

    def _write(self, name: str, records: list[dict], complete: bool, when: float) -> None:
        data = _gzip_bytes("".join(self._line(r) for r in records))
        path = self.folder / f"{name}.dat.gz"
        if complete:
            path.write_bytes(data)
        else:  # still being written: a gzip stream cut in the middle
            path.write_bytes(data[: len(data) * 55 // 100])
            try:
                gzip.decompress(path.read_bytes())
            except EOFError:
                pass
            else:  # pragma: no cover
                raise AssertionError("the open file should be truncated")
        _stamp(path, when)
        if complete:
            ctl = self.folder / f"{name}.ctl"
            ctl.write_text(f"{name}.dat.gz|{len(records):06d}\n")
            _stamp(ctl, when + 2)
        self.files[name] = (records, complete)

    def counts(self) -> dict[str, tuple[int, int]]:
        ids: set[str] = set()
        for name in sorted(self.files):
            records, complete = self.files[name]
            if not complete:
                break
            ids |= {r["record_id"] for r in records}
        return {"settlements": (len(ids), 0)}

    def advance(self) -> None:
        # STL_20240902_001 is finished (and gets its .ctl); STL_20240903_001 arrives complete; STL_20240903_002
        # is being written: 85 -> 85 + 41 + 27 + 35 = 188
        self._write("STL_20240902_001", self.open_file, True, _now())
        self._write("STL_20240903_001", self._records(date(2024, 9, 2), 33, 2), True, _now())
        self._write("STL_20240903_002", self._records(date(2024, 9, 2), 20, 0), False, _now())


# ---------------------------------------------------------------------------------------------------
# l11-04: timesheets exported from the HR tool as Excel "Unicode Text": UTF-16 LE with BOM, tab-delimited,
# CRLF, decimal comma, dd/mm/yyyy. One file per month; the running month's file is rewritten every night
# with the month so far, so an entry deleted in the tool disappears from it. Closed months never change.
class Timesheets(_Source):
    HEADER = ["Entry ID", "Employee", "Date", "Project", "Hours", "Comment"]
    PEOPLE = ["Anaïs Lefèvre", "Bartosz Wiśniewski", "Chidi Okafor", "Dagný Jónsdóttir", "Émile Roux",
              "Fatima Zahra El Idrissi", "Grzegorz Łuczak", "Hana Šimková"]
    PROJECTS = ["ACME onboarding", "Internal", "Bid: Metro Line 5", "Support, 2nd level", "Şişli depot retrofit"]
    COMMENTS = ["", "", "", "client call", 'workshop "kick-off", prep', "travel Lyon→Paris", "review, fixes",
                "on-call 22:00–02:00"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "hr" / "timesheets"
        self.folder.mkdir(parents=True)
        self.next_id = 52_000
        self.entries: dict[str, dict] = {}
        self.deleted: set[str] = set()
        self.month: dict[str, list[str]] = {}
        self._add("2024-08", 80, 1, 31)
        self._write("2024-08", _past(-1))
        self._add("2024-09", 60, 1, 12)
        self._write("2024-09", _past(12))
        self.values = {"folder": str(self.folder)}

    def _add(self, month: str, n: int, lo: int, hi: int) -> None:
        y, m = map(int, month.split("-"))
        for _ in range(n):
            self.next_id += self.rng.randint(1, 9)
            eid = f"TS-{self.next_id}"
            self.entries[eid] = {"Entry ID": eid, "Employee": self.rng.choice(self.PEOPLE),
                                 "Date": date(y, m, self.rng.randint(lo, hi)), "Project": self.rng.choice(self.PROJECTS),
                                 "Hours": self.rng.choice([1, 2, 2.5, 3.75, 4, 6, 7.5, 8]),
                                 "Comment": self.rng.choice(self.COMMENTS)}
            self.month.setdefault(month, []).append(eid)

    def _write(self, month: str, when: float) -> None:
        buf = io.StringIO()
        w = csv.writer(buf, delimiter="\t", lineterminator="\r\n")
        w.writerow(self.HEADER)
        rows = sorted((self.entries[e] for e in self.month[month]), key=lambda r: (r["Date"], r["Employee"], r["Entry ID"]))
        for r in rows:
            w.writerow([r["Entry ID"], r["Employee"], r["Date"].strftime("%d/%m/%Y"), r["Project"],
                        f"{r['Hours']:g}".replace(".", ","), r["Comment"]])
        path = self.folder / f"timesheet_{month}.txt"
        path.write_bytes(b"\xff\xfe" + buf.getvalue().encode("utf-16-le"))
        _stamp(path, when)

    def counts(self) -> dict[str, tuple[int, int]]:
        return {"timesheet_entries": (len(self.entries) + len(self.deleted), len(self.deleted))}

    def advance(self) -> None:
        # September rewritten: 6 entries deleted in the tool, 8 corrected, 20 added (Sep 13-30); the October
        # file starts with 15 entries: 140 -> 175 rows, 6 of them deleted
        sep = self.month["2024-09"]
        gone = self.rng.sample(sep, 6)
        for eid in gone:
            sep.remove(eid)
            del self.entries[eid]
            self.deleted.add(eid)
        for eid in self.rng.sample(sep, 8):
            self.entries[eid]["Hours"] = self.rng.choice([0.5, 1.5, 5, 8.25])
        self._add("2024-09", 20, 13, 30)
        self._write("2024-09", _now())
        self._add("2024-10", 15, 1, 4)
        self._write("2024-10", _now())


# ---------------------------------------------------------------------------------------------------
# l11-05: order drops in <region>/<yyyy>/<mm>/<dd>/ folders: one or two orders_NNN.json per day plus a
# manifest.json and an empty _SUCCESS marker. order_no restarts per region; each order holds lines, each
# line holds allocations as [warehouse, qty] pairs (an array of arrays). An order is re-sent in a later
# drop when its status changes. A region that starts late delivers an older day after newer ones exist.
class OrderDrops(_Source):
    WAREHOUSES = {"emea": ["LIS1", "MAD3", "FRA2", "WAW1"], "apac": ["SIN1", "SYD2", "TYO1"],
                  "amer": ["NYC1", "DAL2", "SAO1", "YYZ1"], "latam": ["SAO1", "MEX2", "BOG1"]}
    SKUS = [f"SKU-{n}" for n in (1107, 1138, 2203, 2290, 3301, 3345, 4410, 5522, 6631, 7702)]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.root = workdir / "ecom" / "order_drops"
        self.root.mkdir(parents=True)
        self.next_no: dict[str, int] = {}
        self.orders: dict[tuple[str, int], dict] = {}
        self.clock = datetime(2024, 9, 1, 0, 0)
        for day in (1, 2, 3):
            for region in ("emea", "apac", "amer"):
                self._drop(region, date(2024, 9, day), _past(day - 0.8))
        self.values = {"folder": str(self.root)}

    def _order(self, region: str, day: date) -> dict:
        no = self.next_no.get(region, 1000) + 1
        self.next_no[region] = no
        lines = []
        for sku in self.rng.sample(self.SKUS, self.rng.randint(1, 4)):
            whs = self.rng.sample(self.WAREHOUSES[region], self.rng.choice([1, 2, 2, 3]))
            allocs = [[wh, self.rng.randint(1, 4)] for wh in whs]
            lines.append({"sku": sku, "qty": sum(q for _, q in allocs),
                          "unit_price": round(self.rng.uniform(2, 90), 2), "allocations": allocs})
        at = datetime(day.year, day.month, day.day) + timedelta(seconds=self.rng.randint(0, 80000))
        order = {"order_no": no, "status": "new", "placed_at": at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                 "customer": {"id": f"C-{self.rng.randint(10000, 99999)}", "segment": self.rng.choice(["b2b", "b2c"])},
                 "currency": {"emea": "EUR", "apac": "SGD", "amer": "USD", "latam": "BRL"}[region], "lines": lines}
        self.orders[(region, no)] = order
        return order

    def _drop(self, region: str, day: date, when: float, resend: int = 0) -> None:
        folder = self.root / region / f"{day:%Y}" / f"{day:%m}" / f"{day:%d}"
        folder.mkdir(parents=True)
        orders = [self._order(region, day) for _ in range(self.rng.randint(5, 11))]
        for key in self.rng.sample(sorted(k for k in self.orders if k[0] == region and self.orders[k] not in orders),
                                   resend):
            self.orders[key]["status"] = "shipped"
            orders.append(self.orders[key])
        parts = [orders] if len(orders) < 9 else [orders[:5], orders[5:]]
        names = []
        for n, part in enumerate(parts, start=1):
            name = f"orders_{n:03d}.json"
            doc = {"batch": f"{region}-{day:%Y%m%d}-{n}", "generated": f"{day.isoformat()}T23:50:0{n}Z", "orders": part}
            (folder / name).write_text(json.dumps(doc, indent=1))
            _stamp(folder / name, when)
            names.append(name)
        (folder / "manifest.json").write_text(json.dumps({"files": names, "orders": len(orders),
                                                          "generated": f"{day.isoformat()}T23:51:00Z"}, indent=1))
        (folder / "_SUCCESS").write_text("")
        for name in ("manifest.json", "_SUCCESS"):
            _stamp(folder / name, when + 1)

    def counts(self) -> dict[str, tuple[int, int]]:
        lines = sum(len(o["lines"]) for o in self.orders.values())
        allocs = sum(len(li["allocations"]) for o in self.orders.values() for li in o["lines"])
        return {"orders": (len(self.orders), 0), "order_lines": (lines, 0), "line_allocations": (allocs, 0)}

    def advance(self) -> None:
        # Sep 4 for the three regions (emea and amer re-send 2 shipped orders each); the new latam region
        # delivers Sep 3 and Sep 4
        for region, resend in (("emea", 2), ("apac", 0), ("amer", 2)):
            self._drop(region, date(2024, 9, 4), _now(), resend)
        self._drop("latam", date(2024, 9, 3), _now())
        self._drop("latam", date(2024, 9, 4), _now())


# ---------------------------------------------------------------------------------------------------
# l11-06: smart-meter readings: <region>/readings_YYYY-MM-DD.zip, each zip holding electricity.csv and
# gas.csv (UTF-8 with BOM, CRLF). The south office zips on a Mac, so its zips also hold __MACOSX/._*.csv
# AppleDouble files. An estimated reading (quality E) is re-sent as actual (A) in the next day's zip.
class MeterZips(_Source):
    HEADER = ["meter_id", "read_at", "value", "unit", "quality"]
    UNITS = {"electricity": "kWh", "gas": "m3"}

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.root = workdir / "utility" / "meter_drops"
        self.root.mkdir(parents=True)
        self.meters: dict[str, dict[str, list[str]]] = {}
        self.register: dict[str, float] = {}
        self.estimated: dict[str, list[tuple[str, str]]] = {}  # region -> [(meter, read_at)] to re-send
        self.keys: set[tuple[str, str]] = set()
        used: set[int] = set()
        for region, (elec, gas) in {"north": (10, 6), "south": (8, 5), "west": (6, 4), "east": (7, 3)}.items():
            ids = self.rng.sample(sorted(set(range(100000, 999999, 7)) - used), elec + gas)
            used |= set(ids)
            self.meters[region] = {"electricity": [f"MTR{i}" for i in ids[:elec]],
                                   "gas": [f"MTR{i}" for i in ids[elec:]]}
            for m in self.meters[region]["electricity"] + self.meters[region]["gas"]:
                self.register[m] = round(self.rng.uniform(1000, 40000), 3)
        for n, day in enumerate((1, 2)):
            for region in ("north", "south", "west"):
                self._zip(region, date(2024, 9, day), _past(day + 0.05 * n))
        self.values = {"folder": str(self.root)}

    def _rows(self, region: str, commodity: str, day: date) -> list[list[str]]:
        rows = []
        read_at = f"{day.isoformat()}T23:59:00"
        for m in self.meters[region][commodity]:
            self.register[m] = round(self.register[m] + self.rng.uniform(2, 40), 3)
            quality = "E" if self.rng.random() < 0.15 else "A"
            rows.append([m, read_at, f"{self.register[m]:.3f}", self.UNITS[commodity], quality])
            self.keys.add((m, read_at))
            if quality == "E":
                self.estimated.setdefault(region, []).append((m, read_at, commodity))
        return rows

    def _zip(self, region: str, day: date, when: float) -> None:
        folder = self.root / region
        folder.mkdir(exist_ok=True)
        resend = self.estimated.pop(region, [])
        path = folder / f"readings_{day.isoformat()}.zip"
        stamp = (day.year, day.month, day.day, 23, 59, 58)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for commodity in ("electricity", "gas"):
                rows = self._rows(region, commodity, day)
                for m, read_at, c in resend:
                    if c == commodity:  # yesterday's estimate, now read: actual
                        rows.append([m, read_at, f"{self.register[m] - self.rng.uniform(1, 2):.3f}", self.UNITS[c], "A"])
                buf = io.StringIO()
                w = csv.writer(buf, lineterminator="\r\n")
                w.writerow(self.HEADER)
                w.writerows(rows)
                info = zipfile.ZipInfo(f"{commodity}.csv", date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, buf.getvalue().encode("utf-8-sig"))
            if region == "south":  # zipped on a Mac
                for commodity in ("electricity", "gas"):
                    info = zipfile.ZipInfo(f"__MACOSX/._{commodity}.csv", date_time=stamp)
                    zf.writestr(info, b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        \x00\x02\x00\x00\x00\t"
                                      b"\x00\x00\x00\x32\x00\x00\x0e\xb0\x00\x00\x00\x02\x00\x00\x0e\xe2" + bytes(range(256)))
        _stamp(path, when)

    def counts(self) -> dict[str, tuple[int, int]]:
        return {"meter_readings": (len(self.keys), 0)}

    def advance(self) -> None:
        # Sep 3 for north, south and west; the new east region's folder with Sep 2 and Sep 3
        for region in ("north", "south", "west"):
            self._zip(region, date(2024, 9, 3), _now())
        self._zip("east", date(2024, 9, 2), _now())
        self._zip("east", date(2024, 9, 3), _now())


# ---------------------------------------------------------------------------------------------------
# l11-07: one DuckDB file per clinic (clinic_<name>.duckdb) with schemas sched and billing; main holds
# only import leftovers. appt_id and invoice_id restart in every clinic; billing.invoice_lines declares
# no key (invoice_id + line_no). The booking app hard-deletes cancelled appointments.
class ClinicDuckdb(_Source):
    DDL = """
    CREATE SCHEMA sched;
    CREATE SCHEMA billing;
    CREATE TABLE sched.appointments (appt_id INTEGER PRIMARY KEY, patient_ref VARCHAR NOT NULL,
        practitioner VARCHAR, starts_at TIMESTAMP NOT NULL, duration_min INTEGER, status VARCHAR NOT NULL,
        updated_at TIMESTAMP NOT NULL);
    CREATE VIEW sched.v_upcoming AS SELECT * FROM sched.appointments WHERE status = 'booked';
    CREATE TABLE billing.invoices (invoice_id INTEGER PRIMARY KEY, appt_id INTEGER, issued_on DATE,
        total DECIMAL(10, 2), paid BOOLEAN);
    CREATE TABLE billing.invoice_lines (invoice_id INTEGER, line_no INTEGER, code VARCHAR, description VARCHAR,
        amount DECIMAL(10, 2));
    CREATE TABLE main.tmp_import_0823 (col0 VARCHAR, col1 VARCHAR, col2 VARCHAR);
    CREATE TABLE main.schema_version (version INTEGER, applied_at TIMESTAMP);
    """
    PRACTITIONERS = ["Dr. Sousa", "Dr. Almeida", "Dr. Faria", "Nurse Pinto"]
    CODES = [("C01", "Consultation", 45.0), ("C02", "Follow-up", 30.0), ("X10", "X-ray", 60.0),
             ("L05", "Blood panel", 38.5), ("V01", "Vaccine", 22.0)]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "clinics" / "duckdb"
        self.folder.mkdir(parents=True)
        self.appts: dict[str, dict[int, str]] = {}  # clinic -> appt_id -> status
        self.next_appt: dict[str, int] = {}
        self.invoices: dict[str, int] = {}
        self.lines = 0
        self.deleted = 0
        self.today = datetime(2024, 9, 5, 8, 0)
        for n, (clinic, count) in enumerate([("alfama", 30), ("belem", 25), ("graca", 20)]):
            self._clinic(clinic, count, _past(4 + n / 100))
        self.values = {"folder": str(self.folder)}

    def _con(self, clinic: str):
        import duckdb

        return duckdb.connect(str(self.folder / f"clinic_{clinic}.duckdb"))

    def _clinic(self, clinic: str, count: int, when: float) -> None:
        con = self._con(clinic)
        con.execute(self.DDL)
        con.executemany("INSERT INTO main.tmp_import_0823 VALUES (?, ?, ?)",
                        [(f"row{i}", "x" * i, None) for i in range(1, 9)])
        con.execute("INSERT INTO main.schema_version VALUES (3, TIMESTAMP '2024-08-23 18:00:00')")
        self.appts[clinic] = {}
        self.next_appt[clinic] = 1
        self.invoices[clinic] = 0
        self._book(con, clinic, count, self.today - timedelta(days=14))
        con.close()
        _stamp(self.folder / f"clinic_{clinic}.duckdb", when)

    def _book(self, con, clinic: str, n: int, start: datetime) -> None:
        first = self.next_appt[clinic]
        self.next_appt[clinic] += n
        for appt in range(first, first + n):
            starts = start + timedelta(days=self.rng.randint(0, 27), hours=self.rng.randint(0, 9))
            starts = starts.replace(minute=self.rng.choice([0, 20, 40]))
            status = "booked" if starts > self.today else self.rng.choice(["attended", "attended", "attended", "no_show"])
            con.execute("INSERT INTO sched.appointments VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (appt, f"P-{self.rng.randint(10000, 99999)}", self.rng.choice(self.PRACTITIONERS), starts,
                         self.rng.choice([20, 30, 45]), status, self.today - timedelta(hours=self.rng.randint(1, 300))))
            self.appts[clinic][appt] = status
            if status == "attended":
                self._invoice(con, clinic, appt, starts.date())

    def _invoice(self, con, clinic: str, appt: int, day: date) -> None:
        self.invoices[clinic] += 1
        inv = self.invoices[clinic]
        total = 0.0
        for line_no, (code, desc, amount) in enumerate(self.rng.sample(self.CODES, self.rng.randint(1, 3)), start=1):
            con.execute("INSERT INTO billing.invoice_lines VALUES (?, ?, ?, ?, ?)", (inv, line_no, code, desc, amount))
            total += amount
            self.lines += 1
        con.execute("INSERT INTO billing.invoices VALUES (?, ?, ?, ?, ?)",
                    (inv, appt, day, total, self.rng.random() < 0.7))

    def counts(self) -> dict[str, tuple[int, int]]:
        return {"appointments": (sum(len(a) for a in self.appts.values()) + self.deleted, self.deleted),
                "invoices": (sum(self.invoices.values()), 0), "invoice_lines": (self.lines, 0)}

    def advance(self) -> None:
        # a week later: new bookings in every clinic, 5 booked appointments cancelled (deleted), 4 booked ones
        # attended (status change + invoice); a new clinic (estrela) with 12 appointments
        self.today = datetime(2024, 9, 12, 8, 0)
        for clinic, new, cancel, attend in [("alfama", 6, 2, 2), ("belem", 5, 2, 1), ("graca", 4, 1, 1)]:
            con = self._con(clinic)
            booked = sorted(a for a, s in self.appts[clinic].items() if s == "booked")
            picked = self.rng.sample(booked, cancel + attend)
            for appt in picked[:cancel]:
                con.execute("DELETE FROM sched.appointments WHERE appt_id = ?", (appt,))
                del self.appts[clinic][appt]
                self.deleted += 1
            for appt in picked[cancel:]:
                con.execute("UPDATE sched.appointments SET status = 'attended', updated_at = ? WHERE appt_id = ?",
                            (self.today, appt))
                self.appts[clinic][appt] = "attended"
                self._invoice(con, clinic, appt, self.today.date())
            self._book(con, clinic, new, self.today)
            con.close()
            _stamp(self.folder / f"clinic_{clinic}.duckdb", _now())
        self._clinic("estrela", 12, _now())


# ---------------------------------------------------------------------------------------------------
# l11-08: daily sales reports from a French ERP, "exported to Excel" and saved as CSV: Windows-1252, ';',
# CRLF, every line padded to 8 fields; a title block of 4 or 5 lines and a blank line before the header,
# a blank line + "Total" line + "Généré le" line after the data; thousands separated by a no-break space,
# decimal comma, dd/mm/yyyy; credit notes (AV...) negative. A day's report can be re-exported in place.
class VentesCsv(_Source):
    HEADER = ["N° facture", "Date facture", "Client", "Catégorie", "Quantité", "Montant HT", "TVA", "Montant TTC"]
    CLIENTS = ["Boulangerie Martin", "Café de la Gare", "Hôtel Bellevue", "Épicerie Fine Léa", "Crêperie Ty Breizh",
               "Pâtisserie Müller & Fils", "Brasserie L'Écluse", "Maison Dupré", "Salon de thé Amélie"]
    CATEGORIES = [("Farine", 0.055), ("Café", 0.055), ("Thé", 0.055), ("Chocolat", 0.055), ("Épices", 0.055),
                  ("Emballages", 0.20), ("Matériel", 0.20)]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "finance" / "erp_exports" / "ventes"
        self.folder.mkdir(parents=True)
        self.next_inv = 24_0310
        self.next_av = 24_0041
        self.rows: dict[str, dict] = {}
        self.by_day: dict[date, list[str]] = {}
        for n, (day, count, extra) in enumerate([(date(2024, 9, 2), 25, False), (date(2024, 9, 3), 30, True),
                                                 (date(2024, 9, 4), 20, False)]):
            self._day(day, count)
            self._write(day, extra, _past(n + 1.05))
        self.values = {"folder": str(self.folder)}

    def _new(self, day: date) -> str:
        credit = self.rng.random() < 0.1
        if credit:
            self.next_av += 1
            no = f"AV{self.next_av:06d}"
        else:
            self.next_inv += 1
            no = f"FA{self.next_inv:06d}"
        cat, rate = self.rng.choice(self.CATEGORIES)
        qty = self.rng.choice([self.rng.randint(1, 40), self.rng.randint(500, 4000)])
        ht = self.rng.randint(1500, 2_400_000) * (-1 if credit else 1)
        self.rows[no] = {"no": no, "day": day, "client": self.rng.choice(self.CLIENTS), "cat": cat, "rate": rate,
                         "qty": -qty if credit else qty, "ht": ht}
        self.by_day.setdefault(day, []).append(no)
        return no

    def _day(self, day: date, n: int) -> None:
        for _ in range(n):
            self._new(day)

    @staticmethod
    def _num(cents: int) -> str:
        text = f"{abs(cents) / 100:,.2f}".replace(",", "\xa0").replace(".", ",")
        return ("-" if cents < 0 else "") + text

    @staticmethod
    def _int(n: int) -> str:
        return ("-" if n < 0 else "") + f"{abs(n):,}".replace(",", "\xa0")

    def _write(self, day: date, extra_line: bool, when: float) -> None:
        buf = io.StringIO()
        w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
        pad = lambda *cells: list(cells) + [""] * (8 - len(cells))  # noqa: E731
        w.writerow(pad("Rapport des ventes journalières"))
        w.writerow(pad("Société : Maison Dupré SARL - Établissement de Rennes"))
        w.writerow(pad(f"Période : du {day:%d/%m/%Y} au {day:%d/%m/%Y}"))
        if extra_line:
            w.writerow(pad("Filtre : toutes catégories, tous clients"))
        w.writerow(pad())
        w.writerow(self.HEADER)
        tq = tht = ttva = 0
        for no in sorted(self.by_day[day]):
            r = self.rows[no]
            tva = round(r["ht"] * r["rate"])
            tq, tht, ttva = tq + r["qty"], tht + r["ht"], ttva + tva
            w.writerow([no, f"{r['day']:%d/%m/%Y}", r["client"], r["cat"], self._int(r["qty"]), self._num(r["ht"]),
                        self._num(tva), self._num(r["ht"] + tva)])
        w.writerow(pad())
        w.writerow(["Total", "", "", "", self._int(tq), self._num(tht), self._num(ttva), self._num(tht + ttva)])
        w.writerow(pad(f"Généré le {day + timedelta(days=1):%d/%m/%Y} à 06:00 par Sage 100"))
        path = self.folder / f"ventes_{day.isoformat()}.csv"
        path.write_bytes(buf.getvalue().encode("cp1252"))
        _stamp(path, when)

    def counts(self) -> dict[str, tuple[int, int]]:
        return {"ventes": (len(self.rows), 0)}

    def advance(self) -> None:
        # Sep 4 re-exported in place (3 amounts corrected, 2 late invoices), Sep 5 new (28 rows, 5-line title):
        # 75 -> 105
        day4 = date(2024, 9, 4)
        for no in self.rng.sample(self.by_day[day4], 3):
            self.rows[no]["ht"] += self.rng.randint(-5000, 5000) * (1 if self.rows[no]["ht"] > 0 else -1)
        self._day(day4, 2)
        self._write(day4, False, _now())
        self._day(date(2024, 9, 5), 28)
        self._write(date(2024, 9, 5), True, _now())


SOURCES = {"policy_fixed_width": PolicyExtract, "pos_sqlite_shops": PosShops, "settlement_ctl": Settlements,
           "timesheet_utf16": Timesheets, "order_drops_json": OrderDrops, "meter_zips": MeterZips,
           "clinic_duckdb": ClinicDuckdb, "ventes_excel_csv": VentesCsv}


@contextlib.contextmanager
def make(source: str, workdir: Path) -> Iterator[_Source]:
    workdir = Path(workdir).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    yield SOURCES[source](workdir)
