"""Local file and database sources for the local8 generate-evaluation set (harder local sources).

make(source, workdir) is a context manager that writes the source's files under workdir (seeded with
random.Random(<class name>), so every run writes the same bytes) and yields an object with `.values`
(placeholders for the task's config: `folder` or `db_path`, absolute) and `.advance()` (the changes
before the second sync). Each class also has `counts()`: the rows a correct connector holds (and, where
it matters, how many of them are deleted), used to check the numbers written in make_tasks.py.

Initial files get fixed modification times in 2024; advance() stamps what it touches with the current
time plus 5 s, so a connector that tracks modification times sees them change. Where a twist needs it a
file gets an older time on purpose (a late copy that kept its original time).
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import hashlib
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
    """A fixed 2024 timestamp, `day` days after 2024-04-01 07:00 local time."""
    return datetime(2024, 4, 1, 7, 0, 0).timestamp() + day * 86400


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
# l8-01: mobile app event dumps: one file per day, gzipped once the day is over, plain .jsonl while the
# day is running (it grows in place). Each .gz has a .md5 sidecar. The app release of Sep 4 sends error
# codes as text instead of integers and two new fields. A second ingest node's file for Sep 2 is copied
# in late and keeps its original (older) modification time.
class AppEvents(_Source):
    NAMES = ["screen_view", "screen_view", "screen_view", "tap", "tap", "login", "purchase", "error"]
    SCREENS = ["home", "search", "product", "cart", "checkout", "profile"]
    V1_CODES = [400, 401, 403, 404, 409, 500, 503]
    V2_CODES = ["AUTH_EXPIRED", "NET_TIMEOUT", "HTTP_503", "PAYMENT_DECLINED", "E_RATE_LIMIT"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "mobile" / "event_dumps"
        self.folder.mkdir(parents=True)
        self.ids: set[str] = set()
        self._gz("events-2024-09-01.jsonl.gz", self._events(date(2024, 9, 1), 120, 0, 24), _past(153.1))
        self._gz("events-2024-09-02.jsonl.gz", self._events(date(2024, 9, 2), 120, 0, 24), _past(154.1))
        path = self.folder / "events-2024-09-03.jsonl"
        path.write_text(_jsonl(self._events(date(2024, 9, 3), 60, 0, 11)))
        _stamp(path, _past(154.5))
        self.values = {"folder": str(self.folder)}

    def _event(self, day: date, lo: int, hi: int, v2: bool) -> dict:
        while True:
            eid = f"{self.rng.getrandbits(64):016x}"
            if eid not in self.ids:
                self.ids.add(eid)
                break
        name = self.rng.choice(self.NAMES)
        at = datetime(day.year, day.month, day.day, self.rng.randint(lo, hi - 1), self.rng.randint(0, 59),
                      self.rng.randint(0, 59), self.rng.randint(0, 999) * 1000)
        ev = {"event_id": eid, "ts": at.isoformat(timespec="milliseconds") + "Z",
              "user_id": self.rng.randint(1000, 1400), "name": name,
              "code": None, "props": {"screen": self.rng.choice(self.SCREENS)}}
        if name == "error":
            ev["code"] = self.rng.choice(self.V2_CODES if v2 else self.V1_CODES)
        if name == "purchase":
            ev["props"]["amount"] = round(self.rng.uniform(3, 180), 2)
        if v2:
            ev["app_version"] = "5.0.1"
            ev["os_version"] = self.rng.choice(["iOS 17.6", "iOS 18.0", "Android 14", "Android 13"])
        return ev

    def _events(self, day: date, n: int, lo: int, hi: int, v2: bool = False) -> list[dict]:
        return sorted((self._event(day, lo, hi, v2) for _ in range(n)), key=lambda e: e["ts"])

    def _gz(self, name: str, events: list[dict], when: float) -> None:
        path = self.folder / name
        _gzip(path, _jsonl(events))
        _stamp(path, when)
        side = self.folder / (name + ".md5")
        side.write_text(f"{hashlib.md5(path.read_bytes()).hexdigest()}  {name}\n")
        _stamp(side, when)

    def counts(self) -> int:
        return len(self.ids)

    def advance(self) -> None:
        # Sep 3 file grows by 40 events in place; Sep 4 file (new release: text codes, two new fields) with
        # 80 events; node-b's Sep 2 file (30 events) copied in with its original, older time: 300 -> 450
        path = self.folder / "events-2024-09-03.jsonl"
        with path.open("a") as fh:
            fh.write(_jsonl(self._events(date(2024, 9, 3), 40, 11, 24)))
        _stamp(path, _now())
        new = self._events(date(2024, 9, 4), 80, 0, 12, v2=True)
        assert any(isinstance(e["code"], str) for e in new)
        path = self.folder / "events-2024-09-04.jsonl"
        path.write_text(_jsonl(new))
        _stamp(path, _now())
        self._gz("events-2024-09-02.node-b.jsonl.gz", self._events(date(2024, 9, 2), 30, 0, 24), _past(154.0))


# ---------------------------------------------------------------------------------------------------
# l8-02: warehouse-management SQLite file. stock_levels has one row per (sku, warehouse) but no primary
# key (a UNIQUE constraint); the scanner app writes it with INSERT OR REPLACE in bursts that share one
# updated_at second, so rowids change on every write. Before sync 2 a burst that was still committing at
# the end of sync 1 lands with the same second as the newest rows sync 1 saw.
class StockSqlite(_Source):
    DDL = """
    CREATE TABLE warehouses (code TEXT PRIMARY KEY, city TEXT NOT NULL, opened_on TEXT);
    CREATE TABLE stock_levels (
        sku        TEXT NOT NULL,
        warehouse  TEXT NOT NULL REFERENCES warehouses(code),
        on_hand    INTEGER NOT NULL,
        reserved   INTEGER NOT NULL DEFAULT 0,
        bin        TEXT,
        updated_at TEXT NOT NULL,
        UNIQUE (sku, warehouse)
    );
    CREATE INDEX ix_stock_levels_updated_at ON stock_levels(updated_at);
    """
    WAREHOUSES = [("LIS", "Lisbon", "2019-03-01"), ("OPO", "Porto", "2020-06-15"), ("MAD", "Madrid", "2022-01-10")]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.path = workdir / "wms" / "inventory.db"
        self.path.parent.mkdir(parents=True)
        con = sqlite3.connect(self.path)
        con.executescript(self.DDL)
        con.executemany("INSERT INTO warehouses VALUES (?, ?, ?)", self.WAREHOUSES)
        self.skus = [f"SKU-{n:05d}" for n in sorted(self.rng.sample(range(10000, 99999), 58))]
        self.keys: set[tuple[str, str]] = set()
        self.clock = datetime(2024, 9, 10, 6, 0, 0)
        pairs = [(s, w) for s in self.skus[:50] for w, _, _ in self.WAREHOUSES]
        self.rng.shuffle(pairs)
        while pairs:
            size = min(len(pairs), self.rng.randint(4, 12))
            self._burst(con, pairs[:size])
            pairs = pairs[size:]
        # re-counts of 30 existing rows, the last burst (6 rows) is the newest second sync 1 sees
        again = self.rng.sample(sorted(self.keys), 30)
        self._burst(con, again[:8])
        self._burst(con, again[8:16])
        self._burst(con, again[16:24])
        self.last = self._burst(con, again[24:30])
        con.commit()
        con.close()
        _stamp(self.path, _past(162))
        self.values = {"db_path": str(self.path)}

    def _burst(self, con: sqlite3.Connection, pairs: list[tuple[str, str]], same_second: bool = False) -> str:
        if not same_second:
            self.clock += timedelta(seconds=self.rng.randint(20, 900))
        stamp = self.clock.strftime("%Y-%m-%d %H:%M:%S")
        for sku, wh in pairs:
            on_hand = self.rng.randint(0, 400)
            con.execute("INSERT OR REPLACE INTO stock_levels (sku, warehouse, on_hand, reserved, bin, updated_at) "
                        "VALUES (?, ?, ?, ?, ?, ?)",
                        (sku, wh, on_hand, self.rng.randint(0, min(on_hand, 30)),
                         f"{wh[0]}-{self.rng.randint(1, 40):02d}-{self.rng.choice('ABCD')}", stamp))
            self.keys.add((sku, wh))
        return stamp

    def counts(self) -> int:
        return len(self.keys)

    def advance(self) -> None:
        # 5 new rows stamped with the very second of sync 1's newest rows (a burst that was still committing),
        # then 12 re-counts and 9 new rows later on: stock_levels 150 -> 164
        con = sqlite3.connect(self.path)
        late = [(self.skus[50], "LIS"), (self.skus[50], "OPO"), (self.skus[50], "MAD"), (self.skus[51], "LIS"),
                (self.skus[51], "MAD")]
        assert self._burst(con, late, same_second=True) == self.last
        again = self.rng.sample(sorted(k for k in self.keys if k[0] not in self.skus[50:52]), 12)
        self._burst(con, again[:7])
        self._burst(con, again[7:])
        self._burst(con, [(s, w) for s in self.skus[52:55] for w, _, _ in self.WAREHOUSES])
        con.commit()
        con.close()
        _stamp(self.path, _now())


# ---------------------------------------------------------------------------------------------------
# l8-03: CRM snapshot in DuckDB. accounts and deals declare primary keys; contacts and account_tags were
# made by a script and declare none (contact_id is unique; account_tags is one row per account and tag).
# accounts and contacts are soft-deleted with deleted_at; a removed tag is a deleted account_tags row.
class CrmDuckdb(_Source):
    INDUSTRIES = ["software", "retail", "logistics", "healthcare", "manufacturing", "finance"]
    COUNTRIES = ["DE", "FR", "NL", "ES", "PT", "GB", "US"]
    TITLES = ["CTO", "Head of Data", "Buyer", "CFO", "Ops Manager", "Analyst", "CEO"]
    STAGES = ["qualified", "proposal", "negotiation", "won", "lost"]
    TAGS = ["enterprise", "smb", "partner", "churn-risk", "upsell", "priority", "reference"]

    def __init__(self, workdir: Path) -> None:
        import duckdb

        super().__init__(workdir)
        self.path = workdir / "sales" / "crm.duckdb"
        self.path.parent.mkdir(parents=True)
        con = duckdb.connect(str(self.path))
        con.execute("""
            CREATE TABLE accounts (account_id INTEGER PRIMARY KEY, name VARCHAR NOT NULL, industry VARCHAR,
                                   country VARCHAR, created_at TIMESTAMP, updated_at TIMESTAMP NOT NULL,
                                   deleted_at TIMESTAMP);
            CREATE TABLE contacts (contact_id VARCHAR, account_id INTEGER, full_name VARCHAR, email VARCHAR,
                                   title VARCHAR, updated_at TIMESTAMP, deleted_at TIMESTAMP);
            CREATE TABLE deals (deal_id BIGINT PRIMARY KEY, account_id INTEGER, name VARCHAR, stage VARCHAR,
                                amount DECIMAL(12, 2), close_date DATE, updated_at TIMESTAMP NOT NULL);
            CREATE TABLE account_tags (account_id INTEGER, tag VARCHAR, added_at TIMESTAMP);
            CREATE TABLE sync_audit (run_id INTEGER, started_at TIMESTAMP, note VARCHAR);
            CREATE VIEW open_pipeline AS SELECT account_id, sum(amount) AS open_amount FROM deals
                WHERE stage NOT IN ('won', 'lost') GROUP BY account_id;
        """)
        t0 = datetime(2024, 9, 1, 9, 0, 0)
        self.accounts, self.contacts, self.deals = 0, 0, 0
        self.tags: set[tuple[int, str]] = set()
        self.removed: set[tuple[int, str]] = set()
        for _ in range(40):
            self._account(con, t0)
        for _ in range(120):
            self._contact(con, t0)
        for _ in range(90):
            self._deal(con, t0)
        con.executemany("INSERT INTO sync_audit VALUES (?, ?, ?)",
                        [(i, t0 - timedelta(days=i), "nightly export") for i in range(1, 16)])
        con.close()
        _stamp(self.path, _past(170))
        self.values = {"db_path": str(self.path)}

    def _account(self, con, at: datetime) -> None:
        self.accounts += 1
        aid = self.accounts
        con.execute("INSERT INTO accounts VALUES (?, ?, ?, ?, ?, ?, NULL)",
                    (aid, f"Account {aid} {self.rng.choice(['GmbH', 'SA', 'BV', 'Ltd', 'Inc'])}",
                     self.rng.choice(self.INDUSTRIES), self.rng.choice(self.COUNTRIES), at, at))
        for tag in self.rng.sample(self.TAGS, self.rng.randint(0, 3)):
            self._tag(con, aid, tag, at)

    def _tag(self, con, aid: int, tag: str, at: datetime) -> None:
        con.execute("INSERT INTO account_tags VALUES (?, ?, ?)", (aid, tag, at))
        self.tags.add((aid, tag))

    def _contact(self, con, at: datetime) -> None:
        self.contacts += 1
        n = self.contacts
        con.execute("INSERT INTO contacts VALUES (?, ?, ?, ?, ?, ?, NULL)",
                    (f"C-{n:05d}", self.rng.randint(1, self.accounts), f"Person {n}", f"person{n}@example.test",
                     self.rng.choice(self.TITLES), at))

    def _deal(self, con, at: datetime) -> None:
        self.deals += 1
        con.execute("INSERT INTO deals VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (700000 + self.deals, self.rng.randint(1, self.accounts), f"Deal {self.deals}",
                     self.rng.choice(self.STAGES), f"{self.rng.randint(10, 900) * 100 + self.rng.randint(0, 99) / 100:.2f}",
                     date(2024, 10, 1) + timedelta(days=self.rng.randint(0, 90)), at))

    def counts(self) -> dict:
        import duckdb

        con = duckdb.connect(str(self.path), read_only=True)
        try:
            one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
            return {"accounts": (self.accounts, one("SELECT count(*) FROM accounts WHERE deleted_at IS NOT NULL")),
                    "contacts": (self.contacts, one("SELECT count(*) FROM contacts WHERE deleted_at IS NOT NULL")),
                    "deals": (self.deals, 0),
                    "account_tags": (len(self.tags | self.removed), len(self.removed))}
        finally:
            con.close()

    def advance(self) -> None:
        import duckdb

        con = duckdb.connect(str(self.path))
        t1 = datetime(2024, 9, 2, 9, 0, 0)
        # accounts: 3 new, 4 edited, 2 soft-deleted (43, 2 deleted)
        old = list(range(1, 41))
        self.rng.shuffle(old)
        for _ in range(3):
            self._account(con, t1)
        for aid in old[:4]:
            con.execute("UPDATE accounts SET industry = ?, updated_at = ? WHERE account_id = ?",
                        (self.rng.choice(self.INDUSTRIES), t1, aid))
        for aid in old[4:6]:
            con.execute("UPDATE accounts SET deleted_at = ?, updated_at = ? WHERE account_id = ?", (t1, t1, aid))
        # contacts: 10 new, 6 edited, 4 soft-deleted (130, 4 deleted)
        people = [f"C-{n:05d}" for n in range(1, 121)]
        self.rng.shuffle(people)
        for _ in range(10):
            self._contact(con, t1)
        for cid in people[:6]:
            con.execute("UPDATE contacts SET title = ?, email = replace(email, '@example.test', '@corp.test'), "
                        "updated_at = ? WHERE contact_id = ?", (self.rng.choice(self.TITLES), t1, cid))
        for cid in people[6:10]:
            con.execute("UPDATE contacts SET deleted_at = ?, updated_at = ? WHERE contact_id = ?", (t1, t1, cid))
        # deals: 12 new, 8 moved on a stage (102)
        for _ in range(12):
            self._deal(con, t1)
        for did in self.rng.sample(range(700001, 700091), 8):
            con.execute("UPDATE deals SET stage = ?, updated_at = ? WHERE deal_id = ?",
                        (self.rng.choice(self.STAGES), t1, did))
        # account_tags: 6 tags removed, 7 added on existing accounts
        for aid, tag in self.rng.sample(sorted(t for t in self.tags if t[0] <= 40), 6):
            con.execute("DELETE FROM account_tags WHERE account_id = ? AND tag = ?", (aid, tag))
            self.tags.discard((aid, tag))
            self.removed.add((aid, tag))
        added = 0
        while added < 7:
            aid, tag = self.rng.randint(1, 40), self.rng.choice(self.TAGS)
            if (aid, tag) not in self.tags and (aid, tag) not in self.removed:
                self._tag(con, aid, tag, t1)
                added += 1
        con.close()
        _stamp(self.path, _now())


# ---------------------------------------------------------------------------------------------------
# l8-04: gym front-desk SQLite file: many tables (sessions, staff, alembic, an FTS5 index with its shadow
# tables, sqlite_sequence, sqlite_stat1); only plans, members and legacy_turnstile_log are wanted, the
# last one as `checkins`.
class GymSqlite(_Source):
    DDL = """CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    monthly_fee REAL NOT NULL,
    visits_per_week INTEGER
);
CREATE TABLE members (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    email TEXT UNIQUE,
    phone TEXT,
    plan_id INTEGER REFERENCES plans(id),
    joined_on TEXT,
    status TEXT DEFAULT 'active'
);
CREATE TABLE legacy_turnstile_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id INTEGER REFERENCES members(id),
    gate TEXT,
    scanned_at TEXT,
    direction TEXT CHECK (direction IN ('in', 'out'))
);
CREATE INDEX ix_turnstile_scanned_at ON legacy_turnstile_log(scanned_at);
CREATE TABLE staff (
    id INTEGER PRIMARY KEY,
    name TEXT,
    role TEXT,
    pin_hash TEXT
);
CREATE TABLE staff_sessions (
    token TEXT PRIMARY KEY,
    staff_id INTEGER REFERENCES staff(id),
    expires_at TEXT
);
CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
CREATE VIRTUAL TABLE members_fts USING fts5(first_name, last_name, email, content='members', content_rowid='id');"""
    FIRST = ["Ana", "Bruno", "Carla", "Diego", "Eva", "Filipe", "Greta", "Hugo", "Ines", "Jonas", "Katia", "Luis"]
    LAST = ["Silva", "Costa", "Weber", "Nunes", "Moreau", "Rossi", "Novak", "Berg", "Lopes", "Meyer"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.path = workdir / "frontdesk" / "gym.sqlite3"
        self.path.parent.mkdir(parents=True)
        con = sqlite3.connect(self.path)
        con.executescript(self.DDL)
        con.executemany("INSERT INTO plans VALUES (?, ?, ?, ?)",
                        [(1, "Basic", 24.9, 3), (2, "Plus", 34.9, 7), (3, "Student", 19.9, 5), (4, "Day pass", 9.0, None)])
        for _ in range(80):
            self._member(con, date(2023, 1, 1) + timedelta(days=self.rng.randint(0, 560)))
        self.visits = 0
        self._visits(con, 500, datetime(2024, 8, 1, 6, 0))
        con.executemany("INSERT INTO staff VALUES (?, ?, ?, ?)",
                        [(i, f"Staff {i}", self.rng.choice(["trainer", "desk", "manager"]), f"sha256${i:08x}")
                         for i in range(1, 7)])
        con.executemany("INSERT INTO staff_sessions VALUES (?, ?, ?)",
                        [(f"tok{self.rng.getrandbits(40):010x}", self.rng.randint(1, 6), "2024-08-24") for _ in range(9)])
        con.execute("INSERT INTO alembic_version VALUES ('3f1c9a2b7d10')")
        con.execute("INSERT INTO members_fts(members_fts) VALUES ('rebuild')")
        con.execute("ANALYZE")
        con.commit()
        con.close()
        _stamp(self.path, _past(145))
        self.values = {"db_path": str(self.path)}

    def _member(self, con: sqlite3.Connection, joined: date) -> None:
        first, last = self.rng.choice(self.FIRST), self.rng.choice(self.LAST)
        cur = con.execute("INSERT INTO members (first_name, last_name, email, phone, plan_id, joined_on, status) "
                          "VALUES (?, ?, ?, ?, ?, ?, 'active')",
                          (first, last, None, f"+351 9{self.rng.randint(10000000, 99999999)}",
                           self.rng.choice([1, 1, 2, 2, 3, 4]), joined.isoformat()))
        con.execute("UPDATE members SET email = ? WHERE id = ?", (f"{first}.{last}.{cur.lastrowid}@mail.test".lower(),
                                                                   cur.lastrowid))

    def _visits(self, con: sqlite3.Connection, n: int, start: datetime) -> None:
        members = con.execute("SELECT max(id) FROM members").fetchone()[0]
        at = start
        for _ in range(n):
            at += timedelta(minutes=self.rng.randint(1, 90))
            con.execute("INSERT INTO legacy_turnstile_log (member_id, gate, scanned_at, direction) VALUES (?, ?, ?, ?)",
                        (self.rng.randint(1, members), self.rng.choice(["G1", "G2", "G3"]),
                         at.strftime("%Y-%m-%d %H:%M:%S"), self.rng.choice(["in", "in", "out"])))
            self.visits += 1

    def counts(self) -> dict:
        con = sqlite3.connect(self.path)
        try:
            return {"plans": con.execute("SELECT count(*) FROM plans").fetchone()[0],
                    "members": con.execute("SELECT count(*) FROM members").fetchone()[0],
                    "checkins": con.execute("SELECT count(*) FROM legacy_turnstile_log").fetchone()[0]}
        finally:
            con.close()

    def dot_schema(self) -> str:
        """What `sqlite3 gym.sqlite3 .schema` prints for this file (the text pasted into the request)."""
        con = sqlite3.connect(self.path)
        try:
            rows = con.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid").fetchall()
        finally:
            con.close()
        out = []
        for (sql,) in rows:
            if sql.startswith("CREATE TABLE '") :
                sql = "CREATE TABLE IF NOT EXISTS " + sql[len("CREATE TABLE "):]
            out.append(sql + ";")
        return "\n".join(out)

    def advance(self) -> None:
        # 6 new members (86), 2 members frozen, the Plus plan's fee goes up, 60 more turnstile scans (560)
        con = sqlite3.connect(self.path)
        for _ in range(6):
            self._member(con, date(2024, 8, 20))
        con.execute("UPDATE members SET status = 'frozen' WHERE id IN (7, 33)")
        con.execute("UPDATE plans SET monthly_fee = 39.9 WHERE id = 2")
        last = con.execute("SELECT max(scanned_at) FROM legacy_turnstile_log").fetchone()[0]
        self._visits(con, 60, datetime.strptime(last, "%Y-%m-%d %H:%M:%S"))
        con.execute("INSERT INTO staff_sessions VALUES ('tok-late', 2, '2024-09-01')")
        con.commit()
        con.close()
        _stamp(self.path, _now())


# ---------------------------------------------------------------------------------------------------
# l8-05: German online-banking exports, one per month: Windows-1252, `;`-separated, every field quoted,
# CRLF; a preamble of account lines (4 or 5, then an empty line) before the header. No transaction id;
# the coffee machine books identical lines on the same day.
class BankCsv(_Source):
    HEADER = ["Buchungstag", "Wertstellung", "Buchungstext", "Auftraggeber / Begünstigter", "Verwendungszweck",
              "IBAN", "BIC", "Betrag (EUR)", "Gläubiger-ID", "Mandatsreferenz"]
    PAYEES = [  # (name, booking text, purpose, iban, bic, lo, hi, creditor id)
        ("REWE Markt GmbH", "Kartenzahlung", "REWE SAGT DANKE {card}", "DE12300500000001234567", "WELADEDDXXX", -95, -8, ""),
        ("Bäckerei Schäfer", "Kartenzahlung", "Bäckerei Schäfer Filiale Südstadt {card}", "DE47370501981930076543",
         "COLSDE33XXX", -14, -2, ""),
        ("Stadtwerke Düsseldorf AG", "Lastschrift", "Abschlag Strom/Gas Kd-Nr. 4471123", "DE90300501100010059317",
         "DUSSDEDDXXX", -140, -95, "DE98ZZZ09999999999"),
        ("Müller Drogerie", "Kartenzahlung", "Müller sagt danke {card}", "DE31600501010002347770", "SOLADEST600",
         -60, -4, ""),
        ("Amazon EU S.à r.l.", "Lastschrift", "Bestellung 302-{order} Amazon.de", "LU960090000000000123",
         "AMAZLULLXXX", -120, -9, "LU96ZZZ0000000000000000058"),
        ("Café Grünewald", "Kartenzahlung", "Café Grünewald Köln {card}", "DE02370502990000684712", "COKSDE33XXX",
         -22, -3, ""),
        ("Deutsche Telekom AG", "Lastschrift", "Rechnung Festnetz/Mobil Kd-Nr. 551290", "DE44500105175407324931",
         "INGDDEFFXXX", -65, -40, "DE82ZZZ00000014478"),
    ]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "finanzen" / "kontoauszuege"
        self.folder.mkdir(parents=True)
        self.balance = 4812.07
        self.rows = 0
        self._month(2024, 6, 38, dupes=2, extra_line=False, when=_past(92))
        self._month(2024, 7, 41, dupes=1, extra_line=True, when=_past(122))
        self._month(2024, 8, 44, dupes=0, extra_line=False, when=_past(153))
        self.values = {"folder": str(self.folder)}

    @staticmethod
    def _amount(v: float) -> str:
        whole, frac = f"{abs(v):.2f}".split(".")
        groups = f"{int(whole):,}".replace(",", ".")
        return ("-" if v < 0 else "") + groups + "," + frac

    def _month(self, year: int, month: int, n: int, dupes: int, extra_line: bool, when: float) -> None:
        first = date(year, month, 1)
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        rows = []
        # salary and rent, then purchases; `dupes` pairs of identical coffee-machine lines
        rows.append((date(year, month, 1), ["Gutschrift", "Schröder & Söhne GmbH", f"Gehalt {month:02d}/{year}",
                                            "DE75512108001245126199", "SOGEDEFFXXX", 3150.00, "", ""]))
        rows.append((date(year, month, 3), ["Dauerauftrag", "Wohnungsbau Köln eG", f"Miete {month:02d}/{year} Whg. 4.2",
                                            "DE89370400440532013000", "COBADEFFXXX", -1185.00, "", ""]))
        for k in range(dupes):
            day = date(year, month, 5 + 7 * k)
            line = ["Kartenzahlung", "Kaffeeautomat Büro 3.OG", f"Kaffeeautomat {day.strftime('%d.%m.')} 09:1{k}",
                    "DE27100777770209299700", "NORSDE51XXX", -1.20, "", ""]
            rows += [(day, line), (day, list(line))]
        while len(rows) < n:
            name, text, purpose, iban, bic, lo, hi, cred = self.rng.choice(self.PAYEES)
            day = first + timedelta(days=self.rng.randint(0, (last - first).days))
            purpose = purpose.format(card=f"EC {self.rng.randint(60000000, 69999999)}",
                                     order=f"{self.rng.randint(1000000, 9999999)}")
            mandate = f"M-{self.rng.randint(100000, 999999)}" if cred else ""
            rows.append((day, [text, name, purpose, iban, bic, round(self.rng.uniform(lo, hi), 2), cred, mandate]))
        rows.sort(key=lambda r: r[0], reverse=True)  # newest first, as the bank lists them
        self.balance += sum(r[1][5] for r in rows)
        buf = io.StringIO()
        w = csv.writer(buf, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        w.writerow(["Kontoumsätze Girokonto", "DE44 5001 0517 5407 3249 31"])
        w.writerow(["Zeitraum:", f"{first.strftime('%d.%m.%Y')} - {last.strftime('%d.%m.%Y')}"])
        w.writerow([f"Kontostand vom {last.strftime('%d.%m.%Y')}:", f"{self._amount(self.balance)} €"])
        if extra_line:
            w.writerow(["Hinweis:", "Vorgemerkte Umsätze sind nicht enthalten."])
        buf.write("\r\n")
        w.writerow(self.HEADER)
        for day, (text, name, purpose, iban, bic, amount, cred, mandate) in rows:
            w.writerow([day.strftime("%d.%m.%Y"), day.strftime("%d.%m.%Y"), text, name, purpose, iban, bic,
                        self._amount(amount), cred, mandate])
        path = self.folder / f"Umsaetze_Girokonto_{year}-{month:02d}.csv"
        path.write_bytes(buf.getvalue().encode("cp1252"))
        _stamp(path, when)
        self.rows += len(rows)

    def counts(self) -> int:
        return self.rows

    def advance(self) -> None:
        # the September export (40 lines, one identical coffee pair): 123 -> 163
        self._month(2024, 9, 40, dupes=1, extra_line=False, when=_now())


# ---------------------------------------------------------------------------------------------------
# l8-06: helpdesk weekly exports: UTF-8 with a byte-order mark, CRLF rows, quoted fields with embedded
# line breaks (descriptions), one row per ticket created or updated that week. From the third export on
# the tool adds Priority, Assignee and Tags and reorders the columns.
class HelpdeskCsv(_Source):
    V1 = ["Ticket ID", "Subject", "Status", "Requester", "Created", "Updated", "Description"]
    V2 = ["Ticket ID", "Subject", "Status", "Priority", "Requester", "Assignee", "Created", "Updated", "Tags",
          "Description"]
    SUBJECTS = ["Cannot log in", "Invoice shows wrong VAT", "Export to Excel fails", "Password reset mail missing",
                "App crashes on start", "Feature request: dark mode", "Refund for order", "API returns 502"]
    PEOPLE = ["ana@client-a.test", "bob@client-b.test", "chen@client-c.test", "dina@client-d.test", "eli@client-e.test"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "support" / "exports"
        self.folder.mkdir(parents=True)
        self.tickets: dict[str, dict] = {}
        self.next_id = 1000
        week1 = [self._new(date(2024, 8, 26)) for _ in range(50)]
        self._export("tickets_2024-09-01.csv", self.V1, week1, _past(153))
        week2 = [self._new(date(2024, 9, 2)) for _ in range(40)] + self._touch(12, date(2024, 9, 6), 1001, 1050)
        self._export("tickets_2024-09-08.csv", self.V1, week2, _past(160))
        self.values = {"folder": str(self.folder)}

    def _description(self) -> str:
        lines = [f"Hi team,", "", self.rng.choice([
            'Since this morning the "Export" button does nothing, no error.',
            "We were charged twice, see order 4471, 4472.",
            "Steps:\n1. open app\n2. tap \"Sign in\"\n3. spinner forever",
            "Log excerpt:\n  ERROR 502, upstream timed out\n  retry=3, gave up"]), "", "Thanks,", "Ana"]
        return "\n".join(lines)

    def _new(self, week: date) -> dict:
        self.next_id += 1
        created = datetime(week.year, week.month, week.day, 8) + timedelta(minutes=self.rng.randint(0, 6000))
        t = {"Ticket ID": str(self.next_id), "Subject": self.rng.choice(self.SUBJECTS), "Status": "open",
             "Requester": self.rng.choice(self.PEOPLE), "Created": created.strftime("%Y-%m-%d %H:%M"),
             "Updated": created.strftime("%Y-%m-%d %H:%M"), "Description": self._description(),
             "Priority": self.rng.choice(["low", "normal", "normal", "high", "urgent"]),
             "Assignee": self.rng.choice(["", "maria", "tom", "aiko"]),
             "Tags": ", ".join(self.rng.sample(["billing", "login", "mobile", "api", "export"], self.rng.randint(0, 2)))}
        self.tickets[t["Ticket ID"]] = t
        return t

    def _touch(self, n: int, day: date, lo: int, hi: int) -> list[dict]:
        out = []
        for tid in self.rng.sample(range(lo, hi + 1), n):
            t = self.tickets[str(tid)]
            t["Status"] = self.rng.choice(["pending", "solved", "closed"])
            t["Updated"] = f"{day.isoformat()} {self.rng.randint(9, 17):02d}:{self.rng.randint(0, 59):02d}"
            t["Description"] += "\n\n-- update --\nCustomer replied, see thread."
            out.append(t)
        return out

    def _export(self, name: str, header: list[str], tickets: list[dict], when: float) -> None:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(header)
        for t in tickets:
            w.writerow([t[c] for c in header])
        path = self.folder / name
        path.write_bytes(buf.getvalue().encode("utf-8-sig"))
        _stamp(path, when)

    def counts(self) -> int:
        return len(self.tickets)

    def advance(self) -> None:
        # third export, new layout: 15 new tickets and 10 updated ones: 90 -> 105
        week3 = [self._new(date(2024, 9, 9)) for _ in range(15)] + self._touch(10, date(2024, 9, 13), 1001, 1090)
        self._export("tickets_2024-09-15.csv", self.V2, week3, _now())


# ---------------------------------------------------------------------------------------------------
# l8-07: storefront SQLite file: orders keep their line items as a JSON array in the `items` text column;
# is_deleted = 1 marks a deleted order; updated_at is ISO text with milliseconds. Edits can add or remove
# items (the array is rewritten; positions of later items shift).
class ShopSqlite(_Source):
    DDL = """
    CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT UNIQUE, name TEXT, created_at TEXT);
    CREATE TABLE orders (
        id INTEGER PRIMARY KEY,
        order_number TEXT NOT NULL UNIQUE,
        customer_id INTEGER REFERENCES customers(id),
        status TEXT NOT NULL,
        currency TEXT NOT NULL DEFAULT 'EUR',
        items TEXT NOT NULL,              -- JSON array of line items
        is_deleted INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX ix_orders_updated_at ON orders(updated_at);
    CREATE TABLE carts (token TEXT PRIMARY KEY, customer_id INTEGER, items TEXT, touched_at TEXT);
    """
    CATALOG = [(f"TS-{n:03d}", name) for n, name in enumerate(
        ["Linen shirt", "Wool scarf", "Canvas tote", "Rain jacket", "Leather belt", "Sun hat", "Trail socks",
         "Denim jacket", "Merino beanie", "Gift card"], start=101)]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.path = workdir / "shop" / "storefront.db"
        self.path.parent.mkdir(parents=True)
        con = sqlite3.connect(self.path)
        con.executescript(self.DDL)
        for i in range(1, 41):
            con.execute("INSERT INTO customers VALUES (?, ?, ?, ?)",
                        (i, f"customer{i}@shop.test", f"Customer {i}", "2024-05-01T10:00:00.000Z"))
        self.items: dict[int, list[dict]] = {}
        self.deleted: set[int] = set()
        self.gone_items = 0
        self.clock = datetime(2024, 9, 1, 8, 0, 0)
        for _ in range(100):
            self._order(con)
        con.executemany("INSERT INTO carts VALUES (?, ?, ?, ?)",
                        [(f"cart{i:04d}", i, "[]", "2024-09-01T00:00:00.000Z") for i in range(1, 13)])
        con.commit()
        con.close()
        _stamp(self.path, _past(153))
        self.values = {"db_path": str(self.path)}

    def _tick(self) -> str:
        self.clock += timedelta(seconds=self.rng.randint(30, 2400), milliseconds=self.rng.randint(0, 999))
        return self.clock.isoformat(timespec="milliseconds") + "Z"

    def _item(self, sku: str, name: str) -> dict:
        item = {"sku": sku, "name": name, "qty": self.rng.randint(1, 3),
                "unit_price": round(self.rng.uniform(9, 140), 2)}
        if self.rng.random() < 0.4:
            item["options"] = {"size": self.rng.choice(["S", "M", "L", "XL"])}
        return item

    def _order(self, con: sqlite3.Connection) -> None:
        oid = len(self.items) + 1
        lines = [self._item(s, n) for s, n in self.rng.sample(self.CATALOG, self.rng.randint(1, 4))]
        self.items[oid] = lines
        at = self._tick()
        con.execute("INSERT INTO orders (id, order_number, customer_id, status, items, created_at, updated_at) "
                    "VALUES (?, ?, ?, 'paid', ?, ?, ?)",
                    (oid, f"SO-{24000 + oid}", self.rng.randint(1, 40), json.dumps(lines), at, at))

    def counts(self) -> dict:
        return {"orders": (len(self.items), len(self.deleted)),
                "order_items": (sum(len(v) for k, v in self.items.items()) + self.gone_items,
                                sum(len(self.items[k]) for k in self.deleted) + self.gone_items)}

    def advance(self) -> None:
        # 20 new orders; 3 orders get an extra item, 3 lose one (not always the last), 4 are soft-deleted
        con = sqlite3.connect(self.path)
        for _ in range(20):
            self._order(con)
        old = list(range(1, 101))
        self.rng.shuffle(old)
        grow = old[:3]
        shrink = [o for o in old[3:] if len(self.items[o]) >= 3][:3]
        dele = [o for o in old[3:] if o not in shrink][:4]
        for oid in grow:
            have = {i["sku"] for i in self.items[oid]}
            sku, name = next(c for c in self.CATALOG if c[0] not in have)
            self.items[oid].append(self._item(sku, name))
            con.execute("UPDATE orders SET items = ?, status = 'paid', updated_at = ? WHERE id = ?",
                        (json.dumps(self.items[oid]), self._tick(), oid))
        for n, oid in enumerate(shrink):
            self.items[oid].pop(n % 2)  # the first or the second item goes, so later items move up
            self.gone_items += 1
            con.execute("UPDATE orders SET items = ?, status = 'partially_refunded', updated_at = ? WHERE id = ?",
                        (json.dumps(self.items[oid]), self._tick(), oid))
        for oid in dele:
            self.deleted.add(oid)
            con.execute("UPDATE orders SET is_deleted = 1, updated_at = ? WHERE id = ?", (self._tick(), oid))
        con.commit()
        con.close()
        _stamp(self.path, _now())


# ---------------------------------------------------------------------------------------------------
# l8-08: parcel scan feed: every line is the full snapshot of a shipment (with its `events` array so far),
# written whenever it changes. The day's lines go to shipments.jsonl; at midnight the file is rotated to
# shipments-YYYYMMDD.jsonl.gz and a new shipments.jsonl is started (same name, new content).
class CourierScans(_Source):
    FACILITIES = ["LIS1", "OPO2", "MAD3", "BCN1", "VLC2"]
    FLOW = ["PU", "AR", "DP", "AR", "OD", "DL"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "logistics" / "scan_feed"
        self.folder.mkdir(parents=True)
        self.ships: dict[str, dict] = {}
        self.next_no = 4_000_000
        self.clock = datetime(2024, 9, 1, 6, 0, 0)
        self._rotated(date(2024, 9, 1), self._day(date(2024, 9, 1), 40, 0), _past(153.9))
        self._rotated(date(2024, 9, 2), self._day(date(2024, 9, 2), 35, 50), _past(154.9))
        self.today = self._day(date(2024, 9, 3), 20, 30, end_hour=13)
        path = self.folder / "shipments.jsonl"
        path.write_text(_jsonl(self.today))
        _stamp(path, _past(155.3))
        self.values = {"folder": str(self.folder)}

    def _at(self, day: date, end_hour: int) -> str:
        start = datetime(day.year, day.month, day.day, 6)
        if self.clock < start:
            self.clock = start
        self.clock += timedelta(seconds=self.rng.randint(20, 240))
        assert self.clock.date() == day and self.clock.hour < end_hour, "day overflow"
        return self.clock.strftime("%Y-%m-%dT%H:%M:%SZ")

    def _day(self, day: date, new: int, moves: int, end_hour: int = 24) -> list[dict]:
        lines = []
        todo = ["new"] * new + ["move"] * moves
        self.rng.shuffle(todo)
        for what in todo:
            at = self._at(day, end_hour)
            if what == "new" or not any(s["status"] != "delivered" for s in self.ships.values()):
                self.next_no += 1
                no = f"CT{self.next_no:09d}PT"
                self.ships[no] = {"tracking_number": no, "service": self.rng.choice(["express", "standard", "economy"]),
                                  "weight_kg": round(self.rng.uniform(0.2, 25), 2),
                                  "destination": {"postcode": f"{self.rng.randint(1000, 9999)}-{self.rng.randint(100, 999)}",
                                                  "country": self.rng.choice(["PT", "ES"])},
                                  "status": "picked_up", "updated_at": at,
                                  "events": [{"at": at, "code": "PU", "facility": self.rng.choice(self.FACILITIES)}]}
                ship = self.ships[no]
            else:
                ship = self.ships[self.rng.choice(sorted(k for k, s in self.ships.items() if s["status"] != "delivered"))]
                code = self.FLOW[len(ship["events"])]
                ship["events"].append({"at": at, "code": code, "facility": self.rng.choice(self.FACILITIES)})
                ship["status"] = {"AR": "in_transit", "DP": "in_transit", "OD": "out_for_delivery",
                                  "DL": "delivered"}[code]
                ship["updated_at"] = at
            lines.append(json.loads(json.dumps(ship)))
        return lines

    def _rotated(self, day: date, lines: list[dict], when: float) -> None:
        path = self.folder / f"shipments-{day.strftime('%Y%m%d')}.jsonl.gz"
        _gzip(path, _jsonl(lines))
        _stamp(path, when)

    def counts(self) -> tuple[int, int]:
        return len(self.ships), sum(len(s["events"]) for s in self.ships.values())

    def advance(self) -> None:
        # the rest of Sep 3 (15 new, 25 moves) is written, the file rotated to shipments-20240903.jsonl.gz
        # (gzip keeps the time of its last write), and a new shipments.jsonl holds Sep 4 so far (30 new, 40 moves)
        self.today += self._day(date(2024, 9, 3), 15, 25)
        self._rotated(date(2024, 9, 3), self.today, _now() - 3)
        path = self.folder / "shipments.jsonl"
        path.unlink()
        path.write_text(_jsonl(self._day(date(2024, 9, 4), 30, 40, end_hour=14)))
        _stamp(path, _now())


SOURCES = {"app_events": AppEvents, "stock_sqlite": StockSqlite, "crm_duckdb": CrmDuckdb, "gym_sqlite": GymSqlite,
           "bank_csv": BankCsv, "helpdesk_csv": HelpdeskCsv, "shop_sqlite": ShopSqlite, "courier_scans": CourierScans}


@contextlib.contextmanager
def make(source: str, workdir: Path) -> Iterator[_Source]:
    workdir = Path(workdir).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    yield SOURCES[source](workdir)
