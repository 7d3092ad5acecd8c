"""Local file and database sources for the local3 generate-evaluation set.

make(source, workdir) is a context manager that writes the source's files under workdir (seeded with the
class name, so every run writes the same bytes) and yields an object with `.values` (placeholders for the
task's request and config: `folder` or `db_path`, absolute) and `.advance()` (the changes before sync 2).

Initial files get fixed modification times in July 2024; advance() stamps what it writes with the current
time plus a few seconds, so a connector that tracks modification times sees the change.
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
from datetime import date, datetime, timedelta, timezone
from pathlib import Path


def _stamp(path: Path, when: float) -> None:
    os.utime(path, (when, when))


def _at(month: int, day: int, hour: int = 6, minute: int = 0) -> float:
    return datetime(2024, month, day, hour, minute).timestamp()


def _now() -> float:
    return time.time() + 5


def _csv(header: list[str] | None, rows: list[list], delimiter: str = ",", terminator: str = "\n") -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator=terminator)
    if header:
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
# l3-01: weather loggers upload one CSV per site and day over SFTP; the site is only in the file name and
# every logger numbers its own readings; an upload in progress is a .csv.part; stations.csv is rewritten.
class Loggers(_Source):
    SITES = {"BARN": ("Barn roof", 52.1201, 5.1012, 4), "HILL": ("Hilltop mast", 52.1422, 5.1377, 38),
             "RIVER": ("River gauge", 52.1108, 5.0871, 1)}
    HEADER = ["seq", "taken_at", "temp_c", "humidity_pct", "battery_v"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "loggers"
        self.folder.mkdir(parents=True)
        self.seq: dict[str, int] = {}
        self.stations = dict(self.SITES)
        for day in (1, 2):
            for site in ("BARN", "HILL", "RIVER"):
                self._day(site, day, _at(7, day + 1, 0, 4))
        # BARN's upload of 3 July is still in progress: 20 complete lines and a cut-off one
        rows = self._rows("BARN", 3, keep_seq=True)
        part = self.folder / "BARN_20240703.csv.part"
        text = _csv(self.HEADER, rows[:20]) + f"{rows[20][0]},{rows[20][1][:13]}"
        part.write_text(text)
        _stamp(part, _at(7, 3, 10, 12))
        self._stations(_at(7, 3, 6, 0))
        log = self.folder / "upload.log"
        log.write_text("".join(f"2024-07-0{d} 00:04 OK {s}_2024070{d - 1}.csv\n" for d in (2, 3) for s in self.SITES)
                       + "2024-07-03 10:12 RESUME BARN_20240703.csv.part\n")
        _stamp(log, _at(7, 3, 10, 12))
        self.values = {"folder": str(self.folder)}

    def _rows(self, site: str, day: int, keep_seq: bool = False) -> list[list]:
        start = self.seq.get(site, 0)
        rows = []
        for i in range(48):
            t = datetime(2024, 7, day) + timedelta(minutes=30 * i)
            rows.append([start + i + 1, t.strftime("%Y-%m-%dT%H:%M:%S"), f"{self.rng.uniform(9, 27):.1f}",
                         self.rng.randint(35, 98), f"{self.rng.uniform(3.4, 4.2):.2f}"])
        if not keep_seq:
            self.seq[site] = start + 48
        return rows

    def _day(self, site: str, day: int, when: float) -> None:
        path = self.folder / f"{site}_202407{day:02d}.csv"
        path.write_text(_csv(self.HEADER, self._rows(site, day)))
        _stamp(path, when)

    def _stations(self, when: float) -> None:
        path = self.folder / "stations.csv"
        path.write_text(_csv(["site", "name", "lat", "lon", "elevation_m"],
                             [[k, *v] for k, v in sorted(self.stations.items())]))
        _stamp(path, when)

    def advance(self) -> None:
        (self.folder / "BARN_20240703.csv.part").unlink()
        self.stations["POND"] = ("Pond jetty", 52.1333, 5.0999, 0)
        self._stations(_now())
        for site in ("BARN", "HILL", "RIVER", "POND"):
            self._day(site, 3, _now())


# ---------------------------------------------------------------------------------------------------
# l3-02: agency spend reports saved from Excel as "Unicode Text": UTF-16 with BOM, tab separated, US dates,
# thousands separators, a Total line at the bottom; every report restates the two previous days.
class SpendReports(_Source):
    CAMPAIGNS = [("1204", "Summer \"Mega\" Sale", "Search"), ("1207", "Brand - Exact", "Search"),
                 ("1311", "Retargeting, 30d", "Display"), ("1312", "Lookalike 2%", "Social"),
                 ("1320", "Back to School", "Social"), ("1402", "YouTube Bumper", "Video"),
                 ("1410", "Shopping - All", "Shopping"), ("1415", "Competitor terms", "Search")]
    HEADER = ["Date", "Campaign ID", "Campaign Name", "Channel", "Impressions", "Clicks", "Spend (USD)"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "agency_reports"
        self.folder.mkdir(parents=True)
        for d in range(1, 6):
            self._report(date(2024, 7, d), _at(7, d, 8, 15))
        self.values = {"folder": str(self.folder)}

    def _report(self, day: date, when: float) -> None:
        rows, impr, clicks, spend = [], 0, 0, 0.0
        for back in (2, 1, 0):
            d = day - timedelta(days=back)
            for cid, name, channel in self.CAMPAIGNS:
                i, c, s = self.rng.randint(800, 250000), self.rng.randint(5, 4000), self.rng.uniform(3, 4800)
                impr, clicks, spend = impr + i, clicks + c, spend + round(s, 2)
                rows.append([d.strftime("%m/%d/%Y"), cid, name, channel, f"{i:,}", f"{c:,}", f"{s:,.2f}"])
        rows.append(["Total", "", "", "", f"{impr:,}", f"{clicks:,}", f"{spend:,.2f}"])
        path = self.folder / f"Brightline spend report {day.isoformat()}.txt"
        path.write_bytes(_csv(self.HEADER, rows, delimiter="\t", terminator="\r\n").encode("utf-16"))
        _stamp(path, when)

    def advance(self) -> None:
        self._report(date(2024, 7, 6), _now())


# ---------------------------------------------------------------------------------------------------
# l3-03: a webhook archiver writes YYYY/MM/DD/HH.jsonl.gz (gzip members appended while the hour is open);
# events of several types; the wanted state is data.object of customer.* and invoice.* events.
class WebhookArchive(_Source):
    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "webhooks"
        self.folder.mkdir(parents=True)
        self.customers: dict[str, dict] = {}
        self.invoices: dict[str, dict] = {}
        self.evt = 0
        self.clock = datetime(2024, 7, 1, 9, 0, tzinfo=timezone.utc)
        for day, hour, n in [(1, 9, 30), (1, 13, 25), (1, 17, 30), (2, 8, 28), (2, 10, 24)]:
            self._append(day, hour, n, _at(7, day, hour, 59))
        self.values = {"folder": str(self.folder)}

    def _event(self) -> dict:
        self.evt += 1
        self.clock += timedelta(seconds=self.rng.randint(5, 90))
        roll = self.rng.random()
        if roll < 0.08:
            kind, obj = "ping", {"object": "ping"}
        elif roll < 0.14:
            kind, obj = "charge.refunded", {"id": f"ch_{self.evt:05d}", "object": "charge",
                                            "amount_refunded": self.rng.randint(100, 5000)}
        elif roll < 0.40 or not self.customers:
            if self.customers and self.rng.random() < 0.4:
                cid = self.rng.choice(sorted(self.customers))
                kind = "customer.updated"
            else:
                cid = f"cus_{len(self.customers) + 1:04d}"
                kind = "customer.created"
            obj = {"id": cid, "object": "customer", "email": f"{cid}@example.org", "name": f"Customer {cid[4:]}",
                   "address": {"city": self.rng.choice(["Lyon", "Porto", "Leeds", "Graz"]),
                               "country": self.rng.choice(["FR", "PT", "GB", "AT"])},
                   "delinquent": self.rng.random() < 0.1, "metadata": {"tier": self.rng.choice(["a", "b"])}}
            self.customers[cid] = obj
        else:
            if self.invoices and self.rng.random() < 0.45:
                iid = self.rng.choice(sorted(self.invoices))
                obj = dict(self.invoices[iid], status=self.rng.choice(["paid", "void"]))
                kind = "invoice.paid" if obj["status"] == "paid" else "invoice.voided"
            else:
                iid = f"in_{len(self.invoices) + 1:05d}"
                obj = {"id": iid, "object": "invoice", "customer": self.rng.choice(sorted(self.customers)),
                       "amount_due": self.rng.randint(500, 90000), "currency": "eur", "status": "open",
                       "lines": {"data": [{"price": "price_basic", "quantity": 1}]}}
                kind = "invoice.created"
            self.invoices[iid] = obj
        return {"id": f"evt_{self.evt:06d}", "type": kind, "created": int(self.clock.timestamp()),
                "livemode": True, "data": {"object": obj}}

    def _append(self, day: int, hour: int, n: int, when: float) -> None:
        path = self.folder / "2024" / "07" / f"{day:02d}" / f"{hour:02d}.jsonl.gz"
        path.parent.mkdir(parents=True, exist_ok=True)
        text = "".join(json.dumps(self._event()) + "\n" for _ in range(n))
        with open(path, "ab") as fh:  # a new gzip member each time, as the archiver flushes
            fh.write(gzip.compress(text.encode(), mtime=0))
        _stamp(path, when)

    def advance(self) -> None:
        self._append(2, 10, 20, _now())
        self._append(2, 11, 26, _now())
        self._append(3, 0, 22, _now())


# ---------------------------------------------------------------------------------------------------
# l3-04: mainframe outbound: pipe separated, no header, ISO-8859-1, padded text, record status A/D, and a
# .CTL file that appears only when its .DAT is complete.
class Mainframe(_Source):
    NAMES = ["Müller Stahlbau", "Société Générale d'Isolation", "Ångström Optik", "Peña Hermanos",
             "Brødrene Dahl", "Çelik Yapim", "Höhne Textil", "O'Brien & Sons", "Fjällräven Depot", "Zoë Bakery"]
    CITIES = [("Köln", "DE"), ("Besançon", "FR"), ("Malmö", "SE"), ("Málaga", "ES"), ("Århus", "DK")]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "mf_outbound"
        self.folder.mkdir(parents=True)
        self.next_cust, self.next_order = 100, 500000
        self.custs: list[str] = []
        self.orders: list[int] = []
        d1 = "20240701"
        self._file("CUST", d1, [self._cust() for _ in range(40)], _at(7, 1, 23, 30))
        heads, lines = self._orders(30)
        self._file("ORDH", d1, heads, _at(7, 1, 23, 31))
        self._file("ORDL", d1, lines, _at(7, 1, 23, 32))
        d2 = "20240702"
        changed = [self._cust(no) for no in self.custs[5:9]]
        gone = [self._cust(no, "D") for no in (self.custs[11], self.custs[20], self.custs[33])]
        self._file("CUST", d2, [self._cust() for _ in range(6)] + changed + gone, _at(7, 2, 23, 30))
        heads, lines = self._orders(25)
        heads += [self._head(self.orders[3], "D"), self._head(self.orders[17], "D")]
        self._file("ORDH", d2, heads, _at(7, 2, 23, 31))
        self._file("ORDL", d2, lines, _at(7, 2, 23, 32))
        d3 = "20240703"
        self._file("CUST", d3, [self._cust() for _ in range(3)], _at(7, 3, 23, 30))
        heads, self.pending_lines = self._orders(20)
        self._file("ORDH", d3, heads, _at(7, 3, 23, 31))
        # ORDL of the 3rd is still being transferred: half of it, no .CTL yet
        half = self.pending_lines[: len(self.pending_lines) // 2]
        self._file("ORDL", d3, half, _at(7, 3, 23, 33), ctl=False)
        self.values = {"folder": str(self.folder)}

    def _cust(self, no: str | None = None, status: str = "A") -> list:
        if no is None:
            self.next_cust += 1
            no = f"{self.next_cust:08d}"
            self.custs.append(no)
        city, country = self.rng.choice(self.CITIES)
        return [no, f"{self.rng.choice(self.NAMES):<40}", f"{city:<25}", country,
                f"{self.rng.randint(1, 500) * 100:010.2f}", status]

    def _head(self, order_no: int, status: str = "A") -> list:
        day = date(2024, 6, 1) + timedelta(days=self.rng.randint(0, 32))
        return [str(order_no), self.rng.choice(self.custs), day.strftime("%Y%m%d"),
                self.rng.choice(["EUR", "SEK", "DKK"]), status]

    def _orders(self, n: int) -> tuple[list, list]:
        heads, lines = [], []
        for _ in range(n):
            self.next_order += 1
            self.orders.append(self.next_order)
            heads.append(self._head(self.next_order))
            for ln in range(1, self.rng.randint(1, 4) + 1):
                lines.append([str(self.next_order), f"{ln:03d}", f"IT-{self.rng.randint(1, 300):05d}",
                              f"{self.rng.randint(1, 40):07d}", f"{self.rng.uniform(1, 900):011.2f}"])
        return heads, lines

    def _file(self, kind: str, day: str, rows: list[list], when: float, ctl: bool = True) -> None:
        dat = self.folder / f"{kind}_{day}.DAT"
        dat.write_bytes(_csv(None, rows, delimiter="|", terminator="\r\n").encode("iso-8859-1"))
        _stamp(dat, when)
        if ctl:
            c = self.folder / f"{kind}_{day}.CTL"
            c.write_text(f"FILE={dat.name}\r\nRECORDS={len(rows):09d}\r\nCREATED={day}\r\n")
            _stamp(c, when + 60)

    def advance(self) -> None:
        self._file("ORDL", "20240703", self.pending_lines, _now())
        d4 = "20240704"
        gone = [self._cust(no, "D") for no in (self.custs[2], self.custs[42])]
        self._file("CUST", d4, [self._cust() for _ in range(4)] + [self._cust(self.custs[0])] + gone, _now())
        heads, lines = self._orders(15)
        self._file("ORDH", d4, heads + [self._head(self.orders[40], "D")], _now())
        self._file("ORDL", d4, lines, _now())


# ---------------------------------------------------------------------------------------------------
# l3-05: Brazilian ERP: one sales file per month (cp1252, ';', decimal comma, dd/mm/yyyy); the current
# month is rewritten every night with month-to-date; cancelled notas vanish from it; Excel lock file.
class Vendas(_Source):
    HEADER = ["Número NF", "Item", "Data Emissão", "Cliente", "Produto", "Qtde", "Valor Unitário", "Valor Total"]
    CLIENTES = ["Padaria São João", "Açougue Irmãos Conceição", "Mercadinho Três Corações", "Lanchonete Pão & Café",
                "Distribuidora Ipê", "Farmácia Saúde Já"]
    PRODUTOS = ["Açúcar cristal 5kg", "Café torrado 500g", "Feijão carioca 1kg", "Óleo de soja 900ml",
                "Farinha de mandioca", "Leite integral 1L", "Arroz agulhinha 5kg"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "vendas"
        self.folder.mkdir(parents=True)
        self.nf = 31000
        june = [self._nota(date(2024, 6, 1 + i % 30)) for i in range(60)]
        self._write("2024-06", june, _at(7, 1, 2, 0))
        self.july = [self._nota(date(2024, 7, 1 + i // 3)) for i in range(42)]  # 1..14 July
        self._write("2024-07", self.july, _at(7, 15, 2, 0))
        lock = self.folder / "~$vendas_2024-07.csv"
        lock.write_bytes(b"\x0bMarcos Lima" + b"\x00" * 40 + b"\x0b\x00M\x00a\x00r\x00c\x00o\x00s" + b"\x20" * 60)
        _stamp(lock, _at(7, 15, 9, 30))
        self.values = {"folder": str(self.folder)}

    def _nota(self, day: date) -> list[list]:
        self.nf += 1
        cliente = self.rng.choice(self.CLIENTES)
        items = []
        for item in range(1, self.rng.randint(1, 4) + 1):
            qt, vu = self.rng.randint(1, 30), round(self.rng.uniform(3, 60), 2)
            items.append([self.nf, item, day.strftime("%d/%m/%Y"), cliente, self.rng.choice(self.PRODUTOS), qt,
                          f"{vu:.2f}".replace(".", ","), f"{qt * vu:.2f}".replace(".", ",")])
        return items

    def _write(self, month: str, notas: list[list[list]], when: float) -> None:
        path = self.folder / f"vendas_{month}.csv"
        rows = [item for nota in notas for item in nota]
        path.write_bytes(_csv(self.HEADER, rows, delimiter=";", terminator="\r\n").encode("cp1252"))
        _stamp(path, when)

    def cancelled(self) -> list[list[list]]:
        return [self.july[5], self.july[18], self.july[30]]

    def advance(self) -> None:
        gone = self.cancelled()
        self.july = [n for n in self.july if n not in gone]
        for nota in (self.july[2], self.july[9]):  # corrected quantities
            for item in nota:
                item[5] = int(item[5]) + 1
        self.july += [self._nota(date(2024, 7, 15 + i // 3)) for i in range(15)]  # 15..19 July
        self._write("2024-07", self.july, _now())


# ---------------------------------------------------------------------------------------------------
# l3-06: a cron job saves the fleet API's vehicle list as a JSON array per run; offline vehicles repeat
# their last fix; one run got nothing ([]), one failed and left an empty file.
class FleetDumps(_Source):
    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "fleet_dumps"
        self.folder.mkdir(parents=True)
        self.vehicles = {f"V-{100 + i}": {"plate": f"{self.rng.choice('BDGHKLM')}-{self.rng.randint(100, 999)}-"
                                                   f"{self.rng.choice('XYZ')}{self.rng.choice('ABC')}",
                                          "odo": self.rng.randint(20000, 240000), "fix": None} for i in range(1, 13)}
        self.tick = datetime(2024, 7, 8, 6, 0, tzinfo=timezone.utc)
        for _ in range(6):
            self._dump()
        self._dump(empty=True)   # 03:00 run: nobody on the road
        self._dump(broken=True)  # curl failed: zero-byte file
        for _ in range(2):
            self._dump()
        self.values = {"folder": str(self.folder)}

    def _dump(self, empty: bool = False, broken: bool = False, when: float | None = None) -> None:
        name = f"fleet_{self.tick.strftime('%Y%m%dT%H%MZ')}.json"
        self.tick += timedelta(hours=3)
        path = self.folder / name
        if broken:
            path.write_bytes(b"")
        else:
            out = []
            for vid, v in ([] if empty else sorted(self.vehicles.items())):
                if v["fix"] is None or self.rng.random() < 0.7:  # online: a new fix
                    v["odo"] += self.rng.randint(0, 180)
                    v["fix"] = {"reported_at": (self.tick - timedelta(minutes=self.rng.randint(1, 50)))
                                .strftime("%Y-%m-%dT%H:%M:%SZ"),
                                "location": {"lat": round(self.rng.uniform(50.7, 53.5), 5),
                                             "lon": round(self.rng.uniform(4.0, 7.1), 5),
                                             "speed_kmh": self.rng.randint(0, 110)}}
                driver = None if self.rng.random() < 0.2 else {"id": self.rng.randint(1, 30),
                                                               "name": f"Driver {self.rng.randint(1, 30)}"}
                out.append({"vehicle_id": vid, "plate": v["plate"], "driver": driver, "odometer_km": v["odo"],
                            **v["fix"]})
            path.write_text(json.dumps(out, indent=2))
        stamp = when if when is not None else (self.tick - timedelta(hours=3)).timestamp() + 30
        _stamp(path, stamp)

    def positions(self) -> int:
        seen = set()
        for p in self.folder.glob("fleet_*.json"):
            if p.stat().st_size:
                seen |= {(v["vehicle_id"], v["reported_at"]) for v in json.loads(p.read_text())}
        return len(seen)

    def advance(self) -> None:
        self.vehicles["V-113"] = {"plate": "K-404-ZA", "odo": 12, "fix": None}
        for _ in range(3):
            self._dump(when=_now())


# ---------------------------------------------------------------------------------------------------
# l3-07: gym front-desk SQLite: members (epoch updated_at), plans, memberships (3-column key), checkins
# (no key, append-only, double scans are identical rows), staff (passwords) and sqlite_sequence.
class Gym(_Source):
    SCHEMA = """
CREATE TABLE members (
    id INTEGER PRIMARY KEY,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    joined_on TEXT,
    updated_at INTEGER NOT NULL
);
CREATE TABLE plans (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    monthly_fee REAL NOT NULL
);
CREATE TABLE memberships (
    member_id INTEGER NOT NULL REFERENCES members(id),
    plan_code TEXT NOT NULL REFERENCES plans(code),
    started_on TEXT NOT NULL,
    ends_on TEXT,
    status TEXT NOT NULL DEFAULT 'active',
    PRIMARY KEY (member_id, plan_code, started_on)
);
CREATE TABLE checkins (
    member_id INTEGER NOT NULL,
    scanned_at TEXT NOT NULL,
    door TEXT
);
CREATE INDEX idx_checkins_member ON checkins(member_id);
CREATE TABLE staff (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    username TEXT UNIQUE,
    pw_hash TEXT,
    role TEXT
);
"""
    FIRST = ["Ana", "Ben", "Chloe", "Dev", "Eli", "Fatima", "Gus", "Hana", "Ivan", "Jo", "Kemal", "Lea"]
    LAST = ["Okafor", "Smith", "Nguyen", "Rossi", "Berg", "Silva", "Kowalski", "Haddad", "Tanaka", "Moreau"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        folder = workdir / "gym"
        folder.mkdir(parents=True)
        self.path = folder / "frontdesk.db"
        self.clock = int(datetime(2024, 7, 1, 7, 0).timestamp())
        con = sqlite3.connect(self.path)
        con.executescript(self.SCHEMA)
        con.executemany("INSERT INTO plans VALUES (?,?,?)", [("BASIC", "Basic", 29.0), ("PLUS", "Plus", 45.0),
                                                             ("OFFPEAK", "Off-peak", 19.0), ("STUDENT", "Student", 15.0)])
        con.executemany("INSERT INTO staff (username, pw_hash, role) VALUES (?,?,?)",
                        [("mira", "$2b$12$Qm9ndXNoYXNoMQ", "manager"), ("tom", "$2b$12$Qm9ndXNoYXNoMg", "desk")])
        for mid in range(1, 121):
            self._member(con, mid)
            self._membership(con, mid, date(2024, 1, 1) + timedelta(days=self.rng.randint(0, 150)))
        for _ in range(900):
            self._checkin(con, self.rng.randint(1, 120))
        con.commit()
        con.close()
        _stamp(self.path, _at(7, 7, 22, 0))
        self.values = {"db_path": str(self.path)}

    def _member(self, con: sqlite3.Connection, mid: int) -> None:
        self.clock += self.rng.randint(30, 4000)
        con.execute("INSERT OR REPLACE INTO members VALUES (?,?,?,?,?,?,?)",
                    (mid, self.rng.choice(self.FIRST), self.rng.choice(self.LAST), f"m{mid}@mail.test",
                     f"+44 7700 9{self.rng.randint(10000, 99999)}", "2024-01-15", self.clock))

    def _membership(self, con: sqlite3.Connection, mid: int, start: date, plan: str | None = None) -> None:
        con.execute("INSERT INTO memberships VALUES (?,?,?,?,?)",
                    (mid, plan or self.rng.choice(["BASIC", "PLUS", "OFFPEAK", "STUDENT"]), start.isoformat(),
                     (start + timedelta(days=90)).isoformat(), "active"))

    def _checkin(self, con: sqlite3.Connection, mid: int) -> None:
        self.clock += self.rng.randint(20, 600)
        row = (mid, datetime.fromtimestamp(self.clock).strftime("%Y-%m-%d %H:%M"), self.rng.choice(["main", "side"]))
        con.execute("INSERT INTO checkins VALUES (?,?,?)", row)
        if self.rng.random() < 0.03:  # double scan within the same minute: an identical row
            con.execute("INSERT INTO checkins VALUES (?,?,?)", row)

    def advance(self) -> None:
        con = sqlite3.connect(self.path)
        for mid in range(121, 129):
            self._member(con, mid)
            self._membership(con, mid, date(2024, 7, 8))
        for mid in (4, 17, 33, 58, 90):
            self.clock += 100
            con.execute("UPDATE members SET phone = '+44 7700 900000', updated_at = ? WHERE id = ?", (self.clock, mid))
        # renewals: same member, same plan, new start date; the old row expires
        for mid, plan, start in con.execute("SELECT member_id, plan_code, started_on FROM memberships "
                                            "WHERE member_id IN (2, 9, 41, 77, 101, 110)").fetchall():
            con.execute("UPDATE memberships SET status = 'expired' WHERE member_id = ? AND plan_code = ? "
                        "AND started_on = ?", (mid, plan, start))
            self._membership(con, mid, date.fromisoformat(start) + timedelta(days=90), plan)
        for _ in range(250):
            self._checkin(con, self.rng.randint(1, 128))
        con.execute("INSERT INTO staff (username, pw_hash, role) VALUES ('sam', '$2b$12$Qm9ndXNoYXNoMw', 'desk')")
        con.commit()
        con.close()
        _stamp(self.path, _now())

    def counts(self) -> dict[str, int]:
        con = sqlite3.connect(self.path)
        try:
            return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                    for t in ("members", "plans", "memberships", "checkins")}
        finally:
            con.close()


# ---------------------------------------------------------------------------------------------------
# l3-08: POS SQLite: customers with a soft-delete flag, orders, order_lines replaced on edit (hard deletes
# logged by a trigger into tombstones), plus app tables; modified_at is ISO text with milliseconds.
class PosShop(_Source):
    SCHEMA = """
CREATE TABLE customers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT,
    loyalty_points INTEGER DEFAULT 0,
    is_deleted INTEGER NOT NULL DEFAULT 0,
    modified_at TEXT NOT NULL
);
CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER REFERENCES customers(id),
    placed_at TEXT NOT NULL,
    status TEXT NOT NULL,
    total_cents INTEGER NOT NULL,
    modified_at TEXT NOT NULL
);
CREATE TABLE order_lines (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id INTEGER NOT NULL REFERENCES orders(id),
    sku TEXT NOT NULL,
    qty INTEGER NOT NULL,
    price_cents INTEGER NOT NULL
);
CREATE TABLE tombstones (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    table_name TEXT NOT NULL,
    row_id INTEGER NOT NULL,
    deleted_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE TRIGGER order_lines_deleted AFTER DELETE ON order_lines
BEGIN
    INSERT INTO tombstones (table_name, row_id) VALUES ('order_lines', OLD.id);
END;
CREATE TABLE app_settings (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE schema_migrations (version TEXT PRIMARY KEY, applied_at TEXT);
"""

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        folder = workdir / "pos"
        folder.mkdir(parents=True)
        self.path = folder / "shop.sqlite3"
        self.clock = datetime(2024, 7, 1, 9, 0, tzinfo=timezone.utc)
        con = sqlite3.connect(self.path)
        con.executescript(self.SCHEMA)
        con.executemany("INSERT INTO app_settings VALUES (?,?)", [("store_name", "Corner Deli"), ("tax_rate", "0.07")])
        con.executemany("INSERT INTO schema_migrations VALUES (?,?)", [("001", "2023-01-01"), ("002", "2023-09-12")])
        for cid in range(1, 61):
            self._customer(con, cid)
        for oid in range(1, 151):
            self._order(con, oid)
        con.commit()
        con.close()
        self.values = {"db_path": str(self.path)}

    def _ts(self) -> str:
        self.clock += timedelta(milliseconds=self.rng.randint(200, 900000))
        return self.clock.strftime("%Y-%m-%dT%H:%M:%S.") + f"{self.clock.microsecond // 1000:03d}Z"

    def _customer(self, con: sqlite3.Connection, cid: int) -> None:
        con.execute("INSERT INTO customers VALUES (?,?,?,?,0,?)",
                    (cid, f"Customer {cid}", f"c{cid}@deli.test", self.rng.randint(0, 900), self._ts()))

    def _lines(self, con: sqlite3.Connection, oid: int) -> int:
        total = 0
        for _ in range(self.rng.randint(1, 4)):
            qty, price = self.rng.randint(1, 5), self.rng.randint(150, 2400)
            total += qty * price
            con.execute("INSERT INTO order_lines (order_id, sku, qty, price_cents) VALUES (?,?,?,?)",
                        (oid, f"SKU{self.rng.randint(1, 80):03d}", qty, price))
        return total

    def _order(self, con: sqlite3.Connection, oid: int) -> None:
        ts = self._ts()
        con.execute("INSERT INTO orders VALUES (?,?,?,?,0,?)",
                    (oid, self.rng.randint(1, 60), ts, self.rng.choice(["paid", "paid", "open"]), ts))
        con.execute("UPDATE orders SET total_cents = ? WHERE id = ?", (self._lines(con, oid), oid))

    def advance(self) -> None:
        con = sqlite3.connect(self.path)
        for cid in (3, 14, 27, 40, 52):
            con.execute("UPDATE customers SET is_deleted = 1, modified_at = ? WHERE id = ?", (self._ts(), cid))
        for cid in (5, 6):
            con.execute("UPDATE customers SET loyalty_points = loyalty_points + 50, modified_at = ? WHERE id = ?",
                        (self._ts(), cid))
        for cid in range(61, 67):
            self._customer(con, cid)
        for oid in (7, 19, 33, 48, 60, 72, 95, 101, 120, 133):  # edited: lines replaced
            con.execute("DELETE FROM order_lines WHERE order_id = ?", (oid,))
            total = self._lines(con, oid)
            con.execute("UPDATE orders SET total_cents = ?, modified_at = ? WHERE id = ?", (total, self._ts(), oid))
        for oid in range(151, 181):
            self._order(con, oid)
        con.commit()
        con.close()

    def counts(self) -> dict[str, int]:
        con = sqlite3.connect(self.path)
        try:
            out = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                   for t in ("customers", "orders", "order_lines", "tombstones")}
            out["max_line"] = con.execute("SELECT max(id) FROM order_lines").fetchone()[0]
            return out
        finally:
            con.close()


# ---------------------------------------------------------------------------------------------------
# l3-09: one SQLite file per store with the same schema; sales ids restart in every file; a new store file
# appears; stores sync at different times, so their id ranges differ.
class StoreDbs(_Source):
    SCHEMA = """
CREATE TABLE sales (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    sold_at TEXT NOT NULL,
    sku TEXT NOT NULL,
    qty INTEGER NOT NULL,
    amount REAL NOT NULL,
    cashier TEXT
);
CREATE TABLE products (sku TEXT PRIMARY KEY, name TEXT, price REAL);
CREATE TABLE till_log (at TEXT, event TEXT);
"""

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "store_dbs"
        self.folder.mkdir(parents=True)
        for store, n in (("014", 300), ("022", 120), ("031", 250)):
            self._create(store)
            self._sell(store, n, _at(7, 9, 21, 0))
        (self.folder / "README.txt").write_text("Nightly copies of the store tills. One file per store.\n")
        self.values = {"folder": str(self.folder)}

    def _create(self, store: str) -> None:
        con = sqlite3.connect(self.folder / f"store_{store}.db")
        con.executescript(self.SCHEMA)
        con.executemany("INSERT INTO products VALUES (?,?,?)",
                        [(f"S{i:04d}", f"Item {i}", round(1 + i * 0.37, 2)) for i in range(1, 41)])
        con.commit()
        con.close()

    def _sell(self, store: str, n: int, when: float) -> None:
        path = self.folder / f"store_{store}.db"
        con = sqlite3.connect(path)
        for _ in range(n):
            qty = self.rng.randint(1, 6)
            con.execute("INSERT INTO sales (sold_at, sku, qty, amount, cashier) VALUES (?,?,?,?,?)",
                        (f"2024-07-{self.rng.randint(1, 9):02d} {self.rng.randint(8, 20):02d}:"
                         f"{self.rng.randint(0, 59):02d}:00", f"S{self.rng.randint(1, 40):04d}", qty,
                         round(qty * self.rng.uniform(1, 15), 2), self.rng.choice(["till1", "till2", "kiosk"])))
        con.execute("INSERT INTO till_log VALUES (datetime('now'), 'sync')")
        con.commit()
        con.close()
        _stamp(path, when)

    def advance(self) -> None:
        self._sell("014", 40, _now())
        self._sell("022", 30, _now())
        self._create("047")
        self._sell("047", 60, _now())


# ---------------------------------------------------------------------------------------------------
# l3-10: DuckDB billing warehouse: raw (landing copies with duplicates), core (accounts, subscriptions with
# a declared 2-column key, invoices with updated_at, a view), scratch and main.load_audit.
class BillingDuckdb(_Source):
    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        import duckdb

        folder = workdir / "analytics"
        folder.mkdir(parents=True)
        self.path = folder / "billing.duckdb"
        self.clock = datetime(2024, 7, 1, 8, 0)
        con = duckdb.connect(str(self.path))
        con.execute("""
CREATE SCHEMA raw; CREATE SCHEMA core; CREATE SCHEMA scratch;
CREATE TABLE main.load_audit (run_id INTEGER, loaded_at TIMESTAMP, rows_loaded INTEGER);
CREATE TABLE raw.accounts (account_id VARCHAR, name VARCHAR, country VARCHAR, created_at VARCHAR, _loaded_at TIMESTAMP);
CREATE TABLE raw.invoices (payload JSON, _loaded_at TIMESTAMP);
CREATE TABLE core.accounts (account_id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, country VARCHAR,
                            segment VARCHAR, created_at DATE);
CREATE TABLE core.subscriptions (account_id VARCHAR NOT NULL, product_code VARCHAR NOT NULL, seats INTEGER,
                                 mrr DECIMAL(10, 2), status VARCHAR, started_at DATE,
                                 PRIMARY KEY (account_id, product_code));
CREATE TABLE core.invoices (invoice_id BIGINT PRIMARY KEY, account_id VARCHAR NOT NULL, issued_on DATE,
                            amount DECIMAL(12, 2), currency VARCHAR, status VARCHAR, paid_at TIMESTAMP,
                            updated_at TIMESTAMP NOT NULL);
CREATE VIEW core.v_mrr AS SELECT account_id, sum(mrr) AS mrr FROM core.subscriptions GROUP BY account_id;
CREATE TABLE scratch.test_accounts AS SELECT * FROM core.accounts;
""")
        self.accounts = [f"ACC-{i:04d}" for i in range(1, 41)]
        for a in self.accounts:
            self._account(con, a)
            con.execute("INSERT INTO raw.accounts VALUES (?, 'x', 'x', '2020', now()), (?, 'x', 'x', '2020', now())",
                        [a, a])
        self.subs: list[tuple[str, str]] = []
        for a in self.accounts:
            for p in self.rng.sample(["CORE", "ANALYTICS", "SSO", "SUPPORT_PLUS"], self.rng.randint(1, 3)):
                self._sub(con, a, p)
        self.next_invoice = 9000
        for _ in range(200):
            self._invoice(con)
        con.execute("INSERT INTO raw.invoices SELECT to_json(i), now() FROM core.invoices i")
        con.execute("INSERT INTO raw.invoices SELECT to_json(i), now() FROM core.invoices i WHERE invoice_id % 3 = 0")
        con.execute("INSERT INTO scratch.test_accounts SELECT * FROM core.accounts LIMIT 5")
        con.execute("INSERT INTO main.load_audit VALUES (1, now(), 200)")
        con.close()
        self.values = {"db_path": str(self.path)}

    def _tick(self) -> datetime:
        self.clock += timedelta(minutes=self.rng.randint(1, 300))
        return self.clock

    def _account(self, con, a: str) -> None:
        con.execute("INSERT INTO core.accounts VALUES (?,?,?,?,?)",
                    [a, f"Account {a[4:]}", self.rng.choice(["US", "DE", "IN", "BR"]),
                     self.rng.choice(["smb", "mid", "enterprise"]), date(2022, 1, 1) + timedelta(days=self.rng.randint(0, 800))])

    def _sub(self, con, a: str, p: str) -> None:
        con.execute("INSERT INTO core.subscriptions VALUES (?,?,?,?,?,?)",
                    [a, p, self.rng.randint(1, 200), round(self.rng.uniform(20, 5000), 2), "active",
                     date(2023, 1, 1) + timedelta(days=self.rng.randint(0, 500))])
        self.subs.append((a, p))

    def _invoice(self, con) -> None:
        self.next_invoice += 1
        t = self._tick()
        paid = self.rng.random() < 0.5
        con.execute("INSERT INTO core.invoices VALUES (?,?,?,?,?,?,?,?)",
                    [self.next_invoice, self.rng.choice(self.accounts), t.date(), round(self.rng.uniform(50, 20000), 2),
                     "USD", "paid" if paid else "open", t + timedelta(hours=2) if paid else None, t])

    def advance(self) -> None:
        import duckdb

        con = duckdb.connect(str(self.path))
        new = [f"ACC-{i:04d}" for i in range(41, 46)]
        for a in new:
            self._account(con, a)
        self.accounts += new
        con.execute("UPDATE core.accounts SET segment = 'enterprise' WHERE account_id IN ('ACC-0003', 'ACC-0011', 'ACC-0030')")
        for a in new:
            self._sub(con, a, "CORE")
        con.execute("UPDATE core.subscriptions SET seats = seats + 5, status = 'past_due' "
                    "WHERE account_id IN ('ACC-0002', 'ACC-0008', 'ACC-0015', 'ACC-0021')")
        for a, p in (self.subs[4], self.subs[37]):  # dropped products disappear
            con.execute("DELETE FROM core.subscriptions WHERE account_id = ? AND product_code = ?", [a, p])
        t = self._tick()
        con.execute("UPDATE core.invoices SET status = 'paid', paid_at = ?, updated_at = ? "
                    "WHERE status = 'open' AND invoice_id % 4 = 1", [t, t])
        for _ in range(40):
            self._invoice(con)
        con.execute("INSERT INTO raw.invoices SELECT to_json(i), now() FROM core.invoices i WHERE invoice_id > 9200")
        con.execute("INSERT INTO main.load_audit VALUES (2, now(), 40)")
        con.close()

    def removed(self) -> list[tuple[str, str]]:
        return [self.subs[4], self.subs[37]]


SOURCES = {"loggers": Loggers, "spend_reports": SpendReports, "webhook_archive": WebhookArchive,
           "mainframe": Mainframe, "vendas": Vendas, "fleet_dumps": FleetDumps, "gym_sqlite": Gym,
           "pos_sqlite": PosShop, "store_dbs": StoreDbs, "billing_duckdb": BillingDuckdb}


@contextlib.contextmanager
def make(source: str, workdir: Path) -> Iterator[_Source]:
    workdir = Path(workdir).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    yield SOURCES[source](workdir)
