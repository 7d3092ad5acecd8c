"""Deterministic generators for the gen_local evaluation set (file and database sources).

Interface:

    with make("sqlite_shop_all", pathlib.Path(tmp)) as src:
        src.values          # {"db_path": "/tmp/.../shop.db"}  -> fills {db_path} in requests and configs
        src.advance()       # change the data for the second sync (only sources whose task has second_sync)

Everything is generated from fixed seeds and fixed timestamps, so two calls of make() with the same source name
produce byte-identical files (gzip files are written with mtime=0).
"""
from __future__ import annotations

import contextlib
import csv
import datetime as dt
import gzip
import io
import json
import pathlib
import random
import sqlite3
from typing import Callable, Iterator, Optional

__all__ = ["Source", "make", "SOURCES"]


class Source:
    """Placeholder values for one generated source plus an optional advance() for a second sync."""

    def __init__(self, values: dict[str, str], advance: Optional[Callable[[], None]] = None):
        self.values = {k: str(v) for k, v in values.items()}
        self._advance = advance
        self.advanced = 0

    def advance(self) -> None:
        if self._advance is None:
            raise RuntimeError("this source has no second-sync change")
        if self.advanced:
            raise RuntimeError("advance() may only be called once")
        self._advance()
        self.advanced += 1


# ----------------------------------------------------------------------------------------------------------------------
# small deterministic helpers

FIRST = ["Anna", "Ben", "Carla", "David", "Elif", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kemal", "Lena", "Marta",
         "Nils", "Olga", "Pavel", "Quinn", "Rosa", "Sami", "Tara", "Umar", "Vera", "Wim", "Xenia", "Yusuf", "Zoe"]
LAST = ["Adler", "Berg", "Costa", "Dahl", "Engel", "Fischer", "Garcia", "Hansen", "Ivanova", "Jensen", "Koch", "Lopez",
        "Meyer", "Nowak", "Olsen", "Petrov", "Quast", "Rossi", "Schmidt", "Tanaka", "Ucar", "Vogel", "Weber", "Yilmaz"]
COUNTRIES = ["DE", "FR", "NL", "US", "GB", "PL", "ES", "IT", "SE", "DK"]
BASE = dt.datetime(2024, 1, 1, 8, 0, 0)


def _name(rng: random.Random) -> tuple[str, str]:
    return rng.choice(FIRST), rng.choice(LAST)


def _ts(t: dt.datetime) -> str:
    return t.strftime("%Y-%m-%d %H:%M:%S")


def _iso(t: dt.datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def _write_csv(path: pathlib.Path, header: list[str], rows: list[list], delimiter: str = ",", encoding: str = "utf-8"):
    with open(path, "w", newline="", encoding=encoding) as f:
        w = csv.writer(f, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n" if delimiter == ";" else "\n")
        w.writerow(header)
        w.writerows(rows)


def _write_jsonl(path: pathlib.Path, records: list[dict], trailing_blank: bool = False):
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    if trailing_blank:
        text += "\n"
    data = text.encode("utf-8")
    if path.name.endswith(".gz"):
        with open(path, "wb") as raw:
            with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
                gz.write(data)
    else:
        path.write_bytes(data)


def _sqlite(path: pathlib.Path, script: str) -> sqlite3.Connection:
    if path.exists():
        path.unlink()
    con = sqlite3.connect(path)
    con.executescript(script)
    return con


# ----------------------------------------------------------------------------------------------------------------------
# CSV sources

def _csv_shop_exports(workdir: pathlib.Path) -> Source:
    rng = random.Random(101)
    folder = workdir / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for i in range(1, 41):
        fn, ln = _name(rng)
        rows.append([i, fn, ln, f"{fn}.{ln}{i}@example.com".lower(), rng.choice(COUNTRIES),
                     (dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(700))).isoformat()])
    _write_csv(folder / "customers.csv", ["id", "first_name", "last_name", "email", "country", "signup_date"], rows)
    cats = ["tea", "coffee", "mugs", "kettles", "gifts"]
    rows = [[f"SKU-{i:04d}", f"{rng.choice(['Green', 'Black', 'Smoky', 'Classic', 'Large'])} {rng.choice(cats).rstrip('s')} {i}",
             rng.choice(cats), f"{rng.randrange(300, 9000) / 100:.2f}", rng.choice(["true", "false"])] for i in range(1, 26)]
    _write_csv(folder / "products.csv", ["sku", "name", "category", "unit_price", "in_stock"], rows)
    companies = ["Acme, Inc.", "Leaf & Co", "Hamburg Import GmbH", "Tea \"Direct\" Ltd", "Nordic Cups AB",
                 "Kettle Works", "Porcelain, Paper & Partners", "Yunnan Trading"]
    rows = []
    for i, c in enumerate(companies, 1):
        fn, ln = _name(rng)
        rows.append([100 + i, c, f"{fn} {ln}", f"+49 40 {rng.randrange(100000, 999999)}"])
    _write_csv(folder / "suppliers.csv", ["supplier_id", "company", "contact_name", "phone"], rows)
    (folder / "README.txt").write_text("Nightly export from the shop backend. Do not edit.\n")
    return Source({"folder": str(folder)})


def _csv_monthly_orders(workdir: pathlib.Path) -> Source:
    rng = random.Random(102)
    folder = workdir / "pos_exports"
    folder.mkdir(parents=True, exist_ok=True)
    _write_csv(folder / "stores.csv", ["store_id", "city", "opened_on"],
               [[s, c, f"20{10 + s}-0{1 + s % 9}-15"] for s, c in enumerate(
                   ["Hamburg", "Berlin", "Munich", "Cologne", "Frankfurt", "Stuttgart", "Leipzig", "Dresden",
                    "Bremen", "Hanover", "Nuremberg", "Essen"], 1)])
    counts = [183, 171, 204, 196, 215, 231]
    oid = 50000
    all_orders = []
    for m, n in enumerate(counts, 1):
        rows = []
        for _ in range(n):
            oid += 1
            t = dt.datetime(2024, m, 1, 9) + dt.timedelta(minutes=rng.randrange(60 * 24 * 27))
            fn, ln = _name(rng)
            rows.append([oid, rng.randrange(1, 13), _ts(t), f"{fn}.{ln}@mail.test".lower(),
                         f"{rng.randrange(500, 25000) / 100:.2f}", "EUR"])
        all_orders.extend(rows)
        _write_csv(folder / f"orders_2024-{m:02d}.csv",
                   ["order_id", "store_id", "ordered_at", "customer_email", "total", "currency"], rows)
    rid = 0
    for m, n in [(2, 7), (4, 12), (5, 9)]:
        rows = []
        for _ in range(n):
            rid += 1
            o = rng.choice(all_orders)
            rows.append([f"R{rid:05d}", o[0], _ts(dt.datetime(2024, m, 10) + dt.timedelta(hours=rid)),
                         o[4], rng.choice(["damaged", "wrong size", "changed mind"])])
        _write_csv(folder / f"refunds_2024-{m:02d}.csv", ["refund_id", "order_id", "refunded_at", "amount", "reason"], rows)
    return Source({"folder": str(folder)})


def _csv_semicolon_de(workdir: pathlib.Path) -> Source:
    rng = random.Random(103)
    folder = workdir / "erp_export"
    folder.mkdir(parents=True, exist_ok=True)
    orte = [("20095", "Hamburg"), ("10115", "Berlin"), ("80331", "München"), ("50667", "Köln"), ("01067", "Dresden"),
            ("04109", "Leipzig"), ("70173", "Stuttgart"), ("90402", "Nürnberg")]
    kunden = []
    for i in range(1, 61):
        ln = rng.choice(LAST)
        firma = rng.choice([f"{ln} GmbH", f"{ln} & Söhne KG", f"Bäckerei {ln}", f"{ln}; Zweigstelle Nord", f"{ln} e.K."])
        plz, ort = rng.choice(orte)
        kunden.append([f"K{10000 + i}", firma, plz, ort, "DE"])
    _write_csv(folder / "Kunden.csv", ["Kunden Nr", "Firma", "PLZ", "Ort", "Land"], kunden, ";", "utf-8-sig")
    rows = []
    for i in range(1, 481):
        betrag = rng.randrange(100, 500000) / 100
        bem = rng.choice(["", "", "Skonto 2%", "Teillieferung; Rest folgt", "Rückfrage bei Hr. Schulz", "bar bezahlt"])
        rows.append([f"RE-2024-{i:05d}", rng.choice(kunden)[0],
                     (dt.date(2024, 1, 2) + dt.timedelta(days=rng.randrange(180))).strftime("%d.%m.%Y"),
                     f"{betrag:.2f}".replace(".", ","), rng.choice(["Überweisung", "Lastschrift", "Bar", "Karte"]), bem])
    _write_csv(folder / "Umsaetze.csv", ["Beleg Nr", "Kunden Nr", "Belegdatum", "Betrag EUR", "Zahlungsart", "Bemerkung"],
               rows, ";", "utf-8-sig")
    return Source({"folder": str(folder)})


def _csv_vendor_drops(workdir: pathlib.Path) -> Source:
    rng = random.Random(104)
    folder = workdir / "inbound"
    folder.mkdir(parents=True, exist_ok=True)
    header = ["movement_id", "sku", "warehouse", "qty", "moved_at"]

    def day_rows(day: dt.date, n: int, extra: bool):
        rows = []
        for j in range(1, n + 1):
            qty = str(rng.randrange(-40, 120) or 1)
            if extra and j % 17 == 0:
                qty = "N/A"
            t = dt.datetime.combine(day, dt.time(6)) + dt.timedelta(seconds=j * 97)
            row = [f"MV-{day:%Y%m%d}-{j:04d}", f"SKU-{rng.randrange(1, 300):04d}", rng.choice(["HAM1", "BER2", "MUC1"]),
                   qty, _iso(t)]
            if extra:
                row.append(f"B{rng.randrange(1000, 9999)}" if j % 5 else "")
            rows.append(row)
        return rows

    for d in (1, 2, 3):
        day = dt.date(2024, 3, d)
        _write_csv(folder / f"inventory_{day:%Y%m%d}.csv", header, day_rows(day, 150, False))

    def advance():
        day = dt.date(2024, 3, 4)
        _write_csv(folder / f"inventory_{day:%Y%m%d}.csv", header + ["batch_no"], day_rows(day, 150, True))
        # an upload still in progress: the vendor renames it to .csv when done
        partial = day_rows(dt.date(2024, 3, 5), 40, True)
        _write_csv(folder / "inventory_20240305.csv.tmp", header + ["batch_no"], partial)

    return Source({"folder": str(folder)}, advance)


# ----------------------------------------------------------------------------------------------------------------------
# JSON sources

EVENT_TYPES = ["page_view", "add_to_cart", "checkout", "login", "search"]


def _event(rng: random.Random, n: int, day: dt.date) -> dict:
    t = dt.datetime.combine(day, dt.time(0)) + dt.timedelta(seconds=n * 53 % 86400)
    typ = rng.choice(EVENT_TYPES)
    props = {"path": f"/p/{rng.randrange(1, 400)}"}
    if typ == "add_to_cart":
        props = {"sku": f"SKU-{rng.randrange(1, 300):04d}", "qty": rng.randrange(1, 4)}
    elif typ == "search":
        props = {"q": rng.choice(["green tea", "kettle", "mug", "gift box"]), "results": rng.randrange(0, 60)}
    ev = {"event_id": f"evt_{n:07d}", "user_id": rng.randrange(1, 900), "type": typ, "ts": _iso(t),
          "properties": props}
    if n % 7 == 0:
        ev["context"] = {"ua": rng.choice(["ios", "android", "web"]), "ip": f"10.0.{n % 256}.{n % 199}"}
    return ev


def _jsonl_events(workdir: pathlib.Path) -> Source:
    rng = random.Random(105)
    folder = workdir / "events"
    folder.mkdir(parents=True, exist_ok=True)
    state = {"n": 0, "prev": []}

    def write(day: dt.date, new: int, gz: bool):
        recs = list(state["prev"][-10:])  # at-least-once delivery: the last 10 events of the previous file again
        for _ in range(new):
            state["n"] += 1
            recs.append(_event(rng, state["n"], day))
        state["prev"] = recs
        name = f"{day.isoformat()}.jsonl" + (".gz" if gz else "")
        # redelivered events carry the delivery time of the file they are in, so they are not byte-identical
        stamped = [{**r, "received_at": f"{day.isoformat()}T23:59:{i % 60:02d}Z"} for i, r in enumerate(recs)]
        _write_jsonl(folder / name, stamped, trailing_blank=not gz)

    write(dt.date(2024, 5, 1), 500, False)
    write(dt.date(2024, 5, 2), 490, True)
    write(dt.date(2024, 5, 3), 490, False)
    write(dt.date(2024, 5, 4), 490, True)

    def advance():
        write(dt.date(2024, 5, 5), 590, True)

    return Source({"folder": str(folder)}, advance)


def _json_arrays(workdir: pathlib.Path) -> Source:
    rng = random.Random(106)
    folder = workdir / "api_dump"
    folder.mkdir(parents=True, exist_ok=True)
    teams = [{"id": t, "name": f"Team {n}", "created": f"2023-0{1 + t % 9}-01"} for t, n in enumerate(
        ["Atlas", "Borealis", "Comet", "Delta", "Echo", "Falcon", "Gemini", "Helios", "Io", "Juno", "Kepler", "Luna",
         "Mercury", "Nova", "Orion"], 1)]
    users = []
    for i in range(1, 121):
        fn, ln = _name(rng)
        u = {"id": 1000 + i, "name": f"{fn} {ln}", "email": f"{fn}.{ln}.{i}@corp.test".lower(),
             "team_id": rng.randrange(1, 16), "active": rng.random() > 0.1,
             "address": {"city": rng.choice(["Hamburg", "Lisbon", "Oslo"]), "zip": f"{rng.randrange(10000, 99999)}"},
             "roles": rng.sample(["admin", "editor", "viewer", "billing"], rng.randrange(1, 3))}
        if i % 9 == 0:
            u["manager_id"] = 1000 + rng.randrange(1, i)
        users.append(u)
    projects = [{"id": f"PRJ-{i:03d}", "title": f"Project {i}", "owner": {"id": rng.choice(users)["id"]},
                 "budget": rng.randrange(5, 500) * 1000 if i % 4 else None, "tags": rng.sample(["q1", "q2", "infra", "web", "data"], 2),
                 "due": (dt.date(2024, 3, 1) + dt.timedelta(days=7 * i)).isoformat()} for i in range(1, 46)]
    (folder / "users.json").write_text(json.dumps(users))
    (folder / "teams.json").write_text(json.dumps(teams, indent=2))
    (folder / "projects.json").write_text(json.dumps(projects, indent=2, ensure_ascii=False))
    return Source({"folder": str(folder)})


# ----------------------------------------------------------------------------------------------------------------------
# SQLite sources

def _sqlite_sensor_readings(workdir: pathlib.Path) -> Source:
    rng = random.Random(107)
    db = workdir / "sensors.db"
    con = _sqlite(db, """
        CREATE TABLE sensors (sensor_id TEXT PRIMARY KEY, location TEXT, installed_at TEXT);
        CREATE TABLE readings (id INTEGER PRIMARY KEY, sensor_id TEXT NOT NULL REFERENCES sensors(sensor_id),
                               ts TEXT NOT NULL, temperature REAL, humidity REAL);
        CREATE INDEX readings_ts ON readings(ts);
    """)
    con.executemany("INSERT INTO sensors VALUES (?,?,?)",
                    [(f"S{i:03d}", f"Hall {i % 6} / rack {i}", _ts(BASE - dt.timedelta(days=i))) for i in range(1, 51)])
    rows = []
    for i in range(1, 25001):
        rows.append((i, f"S{rng.randrange(1, 51):03d}", _ts(BASE + dt.timedelta(seconds=i * 30)),
                     round(rng.gauss(21, 3), 2), None if i % 97 == 0 else round(rng.uniform(30, 70), 1)))
    con.executemany("INSERT INTO readings VALUES (?,?,?,?,?)", rows)
    con.commit()
    con.close()
    return Source({"db_path": str(db)})


def _sqlite_shop_all(workdir: pathlib.Path) -> Source:
    rng = random.Random(108)
    db = workdir / "shop.db"
    con = _sqlite(db, """
        CREATE TABLE customers (
            customer_id INTEGER PRIMARY KEY AUTOINCREMENT,
            email TEXT NOT NULL UNIQUE,
            full_name TEXT,
            created_at TEXT NOT NULL
        );
        CREATE TABLE orders (
            order_no TEXT PRIMARY KEY,
            customer_id INTEGER NOT NULL REFERENCES customers(customer_id),
            ordered_at TEXT NOT NULL,
            status TEXT NOT NULL,
            total NUMERIC
        );
        CREATE TABLE order_items (
            order_no TEXT NOT NULL REFERENCES orders(order_no),
            line_no INTEGER NOT NULL,
            sku TEXT NOT NULL,
            qty INTEGER NOT NULL,
            unit_price NUMERIC NOT NULL,
            PRIMARY KEY (order_no, line_no)
        );
        CREATE TABLE refunds (
            refund_id INTEGER PRIMARY KEY,
            order_no TEXT REFERENCES orders(order_no),
            amount NUMERIC,
            created_at TEXT
        );
        CREATE INDEX orders_customer ON orders(customer_id);
    """)
    for i in range(1, 41):
        fn, ln = _name(rng)
        con.execute("INSERT INTO customers (email, full_name, created_at) VALUES (?,?,?)",
                    (f"{fn}.{ln}.{i}@shop.test".lower(), f"{fn} {ln}", _ts(BASE - dt.timedelta(days=400 - i))))
    items = []
    for o in range(1, 2501):
        ono = f"SO-{o:06d}"
        lines = rng.randrange(1, 4)
        total = 0.0
        for ln_no in range(1, lines + 1):
            price = rng.randrange(199, 4999) / 100
            qty = rng.randrange(1, 5)
            total += price * qty
            items.append((ono, ln_no, f"SKU-{rng.randrange(1, 300):04d}", qty, price))
        con.execute("INSERT INTO orders VALUES (?,?,?,?,?)",
                    (ono, rng.randrange(1, 41), _ts(BASE + dt.timedelta(minutes=o * 41)),
                     rng.choice(["paid", "shipped", "delivered", "cancelled"]), round(total, 2)))
    con.executemany("INSERT INTO order_items VALUES (?,?,?,?,?)", items)
    con.commit()
    con.close()
    return Source({"db_path": str(db)})


def _sqlite_crm_subset(workdir: pathlib.Path) -> Source:
    rng = random.Random(109)
    db = workdir / "crm.sqlite"
    con = _sqlite(db, """
        CREATE TABLE schema_migrations (version TEXT PRIMARY KEY, applied_at TEXT);
        CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT, segment TEXT, country TEXT, created_at TEXT);
        CREATE TABLE customer_note (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customer(id), body TEXT, created_at TEXT);
        CREATE TABLE sales_order (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customer(id),
                                  order_date TEXT, amount REAL, status TEXT);
        CREATE TABLE audit_log (id INTEGER PRIMARY KEY, actor TEXT, action TEXT, entity TEXT, at TEXT);
    """)
    con.executemany("INSERT INTO schema_migrations VALUES (?,?)",
                    [(f"2023{m:02d}01_000{m}", _ts(BASE - dt.timedelta(days=300 - 20 * m))) for m in range(1, 13)])
    con.executemany("INSERT INTO customer VALUES (?,?,?,?,?)",
                    [(i, f"{rng.choice(LAST)} {rng.choice(['AG', 'GmbH', 'S.A.', 'Ltd', 'BV'])}",
                      rng.choice(["SMB", "Mid", "Enterprise"]), rng.choice(COUNTRIES),
                      _ts(BASE - dt.timedelta(hours=i * 13))) for i in range(1, 301)])
    con.executemany("INSERT INTO customer_note VALUES (?,?,?,?)",
                    [(i, rng.randrange(1, 301), rng.choice(["called, no answer", "wants a demo", "renewal in Q3"]),
                      _ts(BASE + dt.timedelta(hours=i))) for i in range(1, 901)])
    con.executemany("INSERT INTO sales_order VALUES (?,?,?,?,?)",
                    [(i, rng.randrange(1, 301), (BASE.date() + dt.timedelta(days=i % 180)).isoformat(),
                      round(rng.uniform(100, 20000), 2), rng.choice(["open", "won", "lost"])) for i in range(1, 1201)])
    con.executemany("INSERT INTO audit_log VALUES (?,?,?,?,?)",
                    [(i, rng.choice(["system", "anna", "ben"]), rng.choice(["create", "update", "delete"]),
                      rng.choice(["customer", "sales_order"]), _ts(BASE + dt.timedelta(minutes=i))) for i in range(1, 5001)])
    con.commit()
    con.close()
    return Source({"db_path": str(db)})


def _sqlite_school_composite(workdir: pathlib.Path) -> Source:
    rng = random.Random(110)
    db = workdir / "school.db"
    con = _sqlite(db, """
        CREATE TABLE students (
            student_id   INTEGER PRIMARY KEY,
            full_name    TEXT NOT NULL,
            cohort       TEXT
        );
        CREATE TABLE courses (
            course_code  TEXT PRIMARY KEY,
            title        TEXT NOT NULL,
            credits      INTEGER
        );
        CREATE TABLE enrollments (
            student_id   INTEGER NOT NULL REFERENCES students(student_id),
            course_code  TEXT    NOT NULL REFERENCES courses(course_code),
            term         TEXT    NOT NULL,
            grade        TEXT,
            PRIMARY KEY (student_id, course_code, term)
        );
    """)
    con.executemany("INSERT INTO students VALUES (?,?,?)",
                    [(i, " ".join(_name(rng)), rng.choice(["2021", "2022", "2023"])) for i in range(1, 201)])
    codes = [f"{d}{n}" for d in ("MATH", "CS", "BIO") for n in range(101, 111)]
    con.executemany("INSERT INTO courses VALUES (?,?,?)", [(c, f"Course {c}", rng.choice([3, 4, 5])) for c in codes])
    grades = ["A", "A-", "B+", "B", "B-", "C+", "C", "D", "F", None]
    triples = [(s, c, t) for s in range(1, 201) for c in codes for t in ("2023-FA", "2024-SP")]
    chosen = sorted(rng.sample(triples, 1500))
    con.executemany("INSERT INTO enrollments VALUES (?,?,?,?)", [(s, c, t, rng.choice(grades)) for s, c, t in chosen])
    con.commit()
    con.close()

    def advance():
        r = random.Random(1100)
        c2 = sqlite3.connect(db)
        fall = sorted(r.sample([(s, c, "2024-FA") for s in range(1, 201) for c in codes], 300))
        c2.executemany("INSERT INTO enrollments VALUES (?,?,?,NULL)", fall)
        for s, c, t in r.sample(chosen, 50):
            c2.execute("UPDATE enrollments SET grade=? WHERE student_id=? AND course_code=? AND term=?",
                       (r.choice(grades[:8]), s, c, t))
        c2.commit()
        c2.close()

    return Source({"db_path": str(db)}, advance)


def _sqlite_analytics_nopk_view(workdir: pathlib.Path) -> Source:
    rng = random.Random(111)
    db = workdir / "analytics.db"
    con = _sqlite(db, """
        CREATE TABLE page_views (
            session_id TEXT,
            url TEXT,
            viewed_at TEXT,
            referrer TEXT,
            ms_on_page INTEGER
        );
        CREATE TABLE bot_hits (ua TEXT, url TEXT, hit_at TEXT);
        CREATE VIEW daily_summary AS
            SELECT date(viewed_at) AS day, url, COUNT(*) AS views, ROUND(AVG(ms_on_page), 1) AS avg_ms
            FROM page_views GROUP BY date(viewed_at), url;
    """)
    urls = ["/", "/pricing", "/docs", "/blog", "/signup", "/login", "/contact", "/careers"]
    rows = []
    for i in range(3000):
        rows.append((f"s{rng.randrange(1, 700):04d}", rng.choice(urls),
                     _ts(dt.datetime(2024, 4, 1) + dt.timedelta(seconds=i * 211)),
                     rng.choice([None, "google", "newsletter", "twitter"]), rng.randrange(300, 90000)))
    con.executemany("INSERT INTO page_views VALUES (?,?,?,?,?)", rows)
    con.executemany("INSERT INTO bot_hits VALUES (?,?,?)",
                    [(rng.choice(["Googlebot", "bingbot"]), rng.choice(urls), _ts(dt.datetime(2024, 4, 1) + dt.timedelta(minutes=i)))
                     for i in range(400)])
    con.commit()
    con.close()
    return Source({"db_path": str(db)})


def _sqlite_helpdesk_same_second(workdir: pathlib.Path) -> Source:
    rng = random.Random(112)
    db = workdir / "helpdesk.db"
    con = _sqlite(db, """
        CREATE TABLE agents (id INTEGER PRIMARY KEY, name TEXT, team TEXT);
        CREATE TABLE tickets (
            id INTEGER PRIMARY KEY,
            subject TEXT NOT NULL,
            status TEXT NOT NULL,
            priority TEXT,
            agent_id INTEGER REFERENCES agents(id),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX tickets_updated_at ON tickets(updated_at);
    """)
    con.executemany("INSERT INTO agents VALUES (?,?,?)",
                    [(i, " ".join(_name(rng)), rng.choice(["L1", "L2", "billing"])) for i in range(1, 13)])
    # bulk jobs touch many tickets in the same second: 1000 tickets over only 120 distinct seconds
    seconds = sorted({dt.datetime(2024, 6, 1, 8) + dt.timedelta(seconds=rng.randrange(0, 29 * 86400)) for _ in range(119)})
    last = dt.datetime(2024, 6, 30, 17, 45, 12)
    rows = []
    for i in range(1, 1001):
        upd = last if i > 992 else rng.choice(seconds)
        created = min(upd, dt.datetime(2024, 5, 1) + dt.timedelta(minutes=i * 37))
        rows.append((i, f"Ticket #{i}: {rng.choice(['login fails', 'refund', 'invoice wrong', 'slow page', 'bug'])}",
                     rng.choice(["open", "pending", "solved", "closed"]), rng.choice(["low", "normal", "high", "urgent"]),
                     rng.randrange(1, 13), _ts(created), _ts(upd)))
    con.executemany("INSERT INTO tickets VALUES (?,?,?,?,?,?,?)", rows)
    con.commit()
    con.close()

    def advance():
        c2 = sqlite3.connect(db)
        # five tickets committed in the same second as the newest row the first sync saw
        c2.executemany("INSERT INTO tickets VALUES (?,?,?,?,?,?,?)",
                       [(1000 + k, f"Ticket #{1000 + k}: late write", "open", "normal", 3, _ts(last), _ts(last))
                        for k in range(1, 6)])
        # ten older tickets updated, also in that same second
        c2.execute("UPDATE tickets SET status='solved', updated_at=? WHERE id IN (3,14,15,92,65,358,979,323,846,264)",
                   (_ts(last),))
        # and twenty new ones later
        c2.executemany("INSERT INTO tickets VALUES (?,?,?,?,?,?,?)",
                       [(1005 + k, f"Ticket #{1005 + k}: next day", "open", "low", 5,
                         _ts(dt.datetime(2024, 7, 1, 9, 0, k // 4)), _ts(dt.datetime(2024, 7, 1, 9, 0, k // 4)))
                        for k in range(1, 21)])
        c2.commit()
        c2.close()

    return Source({"db_path": str(db)}, advance)


def _sqlite_contacts_deleted_at(workdir: pathlib.Path) -> Source:
    rng = random.Random(113)
    db = workdir / "contacts.db"
    con = _sqlite(db, """
        CREATE TABLE companies (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            domain TEXT,
            updated_at TEXT NOT NULL,
            deleted_at TEXT
        );
        CREATE TABLE contacts (
            id INTEGER PRIMARY KEY,
            company_id INTEGER REFERENCES companies(id),
            full_name TEXT,
            email TEXT,
            updated_at TEXT NOT NULL,
            deleted_at TEXT
        );
    """)
    con.executemany("INSERT INTO companies VALUES (?,?,?,?,NULL)",
                    [(i, f"{rng.choice(LAST)} {rng.choice(['AG', 'GmbH', 'Ltd'])}", f"c{i}.example.org",
                      _ts(BASE + dt.timedelta(hours=i))) for i in range(1, 91)])
    con.executemany("INSERT INTO contacts VALUES (?,?,?,?,?,NULL)",
                    [(i, rng.randrange(1, 91), " ".join(_name(rng)), f"contact{i}@example.org",
                      _ts(BASE + dt.timedelta(minutes=i * 7))) for i in range(1, 801)])
    con.commit()
    con.close()

    def advance():
        c2 = sqlite3.connect(db)
        t1 = _ts(dt.datetime(2024, 8, 1, 12, 0, 0))
        c2.execute("UPDATE contacts SET deleted_at=?, updated_at=? WHERE id IN (5, 77, 150, 151, 420, 799)", (t1, t1))
        c2.execute("UPDATE companies SET deleted_at=?, updated_at=? WHERE id IN (12, 60)", (t1, t1))
        c2.execute("UPDATE contacts SET email = 'new.' || email, updated_at=? WHERE id IN (1,2,3,4,6,7,8,9,10,11)",
                   (_ts(dt.datetime(2024, 8, 1, 12, 5, 0)),))
        c2.executemany("INSERT INTO contacts VALUES (?,?,?,?,?,NULL)",
                       [(800 + k, (k * 7) % 90 + 1, f"New Contact {k}", f"new{k}@example.org",
                         _ts(dt.datetime(2024, 8, 1, 13, 0, k))) for k in range(1, 16)])
        c2.commit()
        c2.close()

    return Source({"db_path": str(db)}, advance)


def _sqlite_catalog_is_deleted(workdir: pathlib.Path) -> Source:
    rng = random.Random(114)
    db = workdir / "catalog.db"
    con = _sqlite(db, """
        CREATE TABLE categories (category_id INTEGER PRIMARY KEY, name TEXT NOT NULL, is_deleted INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE products (
            product_id TEXT PRIMARY KEY,
            category_id INTEGER REFERENCES categories(category_id),
            name TEXT NOT NULL,
            price REAL,
            is_deleted INTEGER NOT NULL DEFAULT 0,
            modified_at TEXT NOT NULL
        );
    """)
    con.executemany("INSERT INTO categories VALUES (?,?,?)",
                    [(i, f"Category {i}", 1 if i == 17 else 0) for i in range(1, 21)])
    deleted = set(rng.sample(range(1, 401), 12))
    con.executemany("INSERT INTO products VALUES (?,?,?,?,?,?)",
                    [(f"P-{i:05d}", rng.randrange(1, 21), f"Article {i}", round(rng.uniform(1, 300), 2),
                      1 if i in deleted else 0, _ts(BASE + dt.timedelta(minutes=i * 11))) for i in range(1, 401)])
    con.commit()
    con.close()

    def advance():
        c2 = sqlite3.connect(db)
        t = dt.datetime(2024, 9, 2, 7, 30)
        active = [i for i in range(1, 401) if i not in deleted]
        r = random.Random(1140)
        for i in r.sample(active, 5):
            c2.execute("UPDATE products SET is_deleted=1, modified_at=? WHERE product_id=?", (_ts(t), f"P-{i:05d}"))
        c2.execute("UPDATE products SET is_deleted=0, modified_at=? WHERE product_id=?", (_ts(t), f"P-{min(deleted):05d}"))
        c2.executemany("INSERT INTO products VALUES (?,?,?,?,0,?)",
                       [(f"P-{400 + k:05d}", k % 20 + 1, f"Article {400 + k}", 9.99 + k, _ts(t + dt.timedelta(seconds=k)))
                        for k in range(1, 21)])
        c2.commit()
        c2.close()

    return Source({"db_path": str(db)}, advance)


def _sqlite_lab_type_change(workdir: pathlib.Path) -> Source:
    rng = random.Random(117)
    db = workdir / "lab.db"
    con = _sqlite(db, """
        CREATE TABLE samples (
            sample_id    TEXT PRIMARY KEY,
            collected_at TEXT NOT NULL,
            site         TEXT
        );
        CREATE TABLE measurements (
            id           INTEGER PRIMARY KEY,
            sample_id    TEXT NOT NULL REFERENCES samples(sample_id),
            analyte      TEXT NOT NULL,
            value        INTEGER,
            measured_at  TEXT NOT NULL
        );
    """)
    con.executemany("INSERT INTO samples VALUES (?,?,?)",
                    [(f"LS-{i:04d}", _ts(BASE + dt.timedelta(hours=i * 5)), rng.choice(["river", "well", "tap"]))
                     for i in range(1, 151)])
    con.executemany("INSERT INTO measurements VALUES (?,?,?,?,?)",
                    [(i, f"LS-{rng.randrange(1, 151):04d}", rng.choice(["nitrate", "lead", "ph_x100", "coliforms"]),
                      rng.randrange(0, 900), _ts(BASE + dt.timedelta(minutes=i * 13))) for i in range(1, 1501)])
    con.commit()
    con.close()

    def advance():
        c2 = sqlite3.connect(db)
        c2.execute("ALTER TABLE measurements ADD COLUMN unit TEXT")
        rows = []
        for k in range(1, 101):
            val = "N/A" if k % 7 == 0 else (k * 37) % 900
            rows.append((1500 + k, f"LS-{(k % 150) + 1:04d}", ["nitrate", "lead", "ph_x100", "coliforms"][k % 4], val,
                         _ts(dt.datetime(2024, 3, 1) + dt.timedelta(minutes=k)), ["mg/L", "ug/L", "pH*100", "cfu/100mL"][k % 4]))
        c2.executemany("INSERT INTO measurements (id, sample_id, analyte, value, measured_at, unit) VALUES (?,?,?,?,?,?)", rows)
        c2.commit()
        c2.close()

    return Source({"db_path": str(db)}, advance)


# ----------------------------------------------------------------------------------------------------------------------
# DuckDB sources

def _duckdb():
    import duckdb  # ships with fivetran-connector-sdk
    return duckdb


def _duckdb_taxi(workdir: pathlib.Path) -> Source:
    duckdb = _duckdb()
    rng = random.Random(115)
    db = workdir / "rides.duckdb"
    if db.exists():
        db.unlink()
    con = duckdb.connect(str(db))
    con.execute("""
        CREATE TABLE vendors (vendor_id INTEGER PRIMARY KEY, name VARCHAR NOT NULL);
        CREATE TABLE zones (zone_id INTEGER PRIMARY KEY, name VARCHAR, borough VARCHAR);
        CREATE TABLE trips (
            trip_id BIGINT PRIMARY KEY,
            trip_uuid UUID,
            vendor_id INTEGER,
            pickup_at TIMESTAMP,
            dropoff_at TIMESTAMP,
            pickup_date DATE,
            pickup_zone INTEGER,
            dropoff_zone INTEGER,
            distance_km DECIMAL(8,2),
            fare DECIMAL(10,2),
            paid_by_card BOOLEAN,
            flags VARCHAR[]
        );
        CREATE TABLE fare_adjustments (adjustment_id BIGINT PRIMARY KEY, trip_id BIGINT, amount DECIMAL(10,2), reason VARCHAR);
    """)
    con.executemany("INSERT INTO vendors VALUES (?,?)", [(1, "Yellow Cab Co"), (2, "CityRide"), (3, "GreenGo")])
    con.executemany("INSERT INTO zones VALUES (?,?,?)",
                    [(z, f"Zone {z}", ["North", "South", "East", "West", "Center"][z % 5]) for z in range(1, 61)])
    rows = []
    for i in range(1, 4001):
        p = dt.datetime(2024, 2, 1) + dt.timedelta(seconds=i * 613)
        d = p + dt.timedelta(minutes=rng.randrange(3, 70))
        km = rng.randrange(50, 4000) / 100
        flags = rng.choice([[], [], ["airport"], ["night"], ["airport", "toll"]])
        rows.append((i, f"{rng.getrandbits(128):032x}", rng.randrange(1, 4), p, d, p.date(), rng.randrange(1, 61),
                     rng.randrange(1, 61), f"{km:.2f}", f"{3.5 + km * 1.9:.2f}", rng.random() < 0.7, flags))
    con.executemany("INSERT INTO trips VALUES (?, CAST(? AS UUID), ?, ?, ?, ?, ?, ?, CAST(? AS DECIMAL(8,2)), CAST(? AS DECIMAL(10,2)), ?, ?)", rows)
    con.close()
    return Source({"db_path": str(db)})


def _duckdb_accounts_snapshot(workdir: pathlib.Path) -> Source:
    duckdb = _duckdb()
    rng = random.Random(116)
    db = workdir / "finance.duckdb"
    if db.exists():
        db.unlink()
    con = duckdb.connect(str(db))
    con.execute("""
        CREATE TABLE accounts (account_id VARCHAR PRIMARY KEY, name VARCHAR, type VARCHAR, currency VARCHAR,
                               balance DECIMAL(14,2), opened_on DATE);
        CREATE TABLE ledger_entries (entry_id BIGINT PRIMARY KEY, account_id VARCHAR, posted_at TIMESTAMP,
                                     amount DECIMAL(14,2), memo VARCHAR);
    """)
    con.executemany("INSERT INTO accounts VALUES (?,?,?,?,CAST(? AS DECIMAL(14,2)),?)",
                    [(f"ACC-{i:04d}", f"{rng.choice(['Cash', 'Receivables', 'Payables', 'Revenue', 'Expense'])} {i}",
                      rng.choice(["asset", "liability", "income", "expense"]), rng.choice(["EUR", "USD", "GBP"]),
                      f"{rng.uniform(-50000, 250000):.2f}", dt.date(2020, 1, 1) + dt.timedelta(days=i * 3))
                     for i in range(1, 301)])
    con.executemany("INSERT INTO ledger_entries VALUES (?,?,?,CAST(? AS DECIMAL(14,2)),?)",
                    [(i, f"ACC-{rng.randrange(1, 301):04d}", dt.datetime(2024, 1, 1) + dt.timedelta(minutes=i * 17),
                      f"{rng.uniform(-5000, 5000):.2f}", rng.choice(["invoice", "payment", "fx revaluation", "accrual"]))
                     for i in range(1, 2001)])
    con.close()

    def advance():
        c2 = duckdb.connect(str(db))
        c2.execute("DELETE FROM accounts WHERE account_id IN ('ACC-0003','ACC-0042','ACC-0099','ACC-0100','ACC-0177','ACC-0250','ACC-0300')")
        c2.execute("UPDATE accounts SET balance = balance + 100 WHERE account_id IN ('ACC-0001','ACC-0002','ACC-0010','ACC-0020','ACC-0030')")
        c2.executemany("INSERT INTO accounts VALUES (?,?,?,?,CAST(? AS DECIMAL(14,2)),?)",
                       [(f"ACC-{300 + k:04d}", f"New account {k}", "asset", "EUR", "0.00", dt.date(2024, 9, 1))
                        for k in range(1, 11)])
        c2.executemany("INSERT INTO ledger_entries VALUES (?,?,?,CAST(? AS DECIMAL(14,2)),?)",
                       [(2000 + k, f"ACC-{(k % 290) + 1:04d}", dt.datetime(2024, 9, 1) + dt.timedelta(minutes=k),
                         f"{(k % 97) - 48:.2f}", "payment") for k in range(1, 501)])
        c2.close()

    return Source({"db_path": str(db)}, advance)


def _duckdb_telemetry_volume(workdir: pathlib.Path) -> Source:
    duckdb = _duckdb()
    db = workdir / "telemetry.duckdb"
    if db.exists():
        db.unlink()
    con = duckdb.connect(str(db))
    con.execute("""
        CREATE TABLE devices (device_id VARCHAR PRIMARY KEY, model VARCHAR, installed_on DATE);
        CREATE TABLE events (event_id BIGINT PRIMARY KEY, device_id VARCHAR NOT NULL, event_ts TIMESTAMP NOT NULL,
                             metric VARCHAR, value DOUBLE);
    """)
    con.execute("""INSERT INTO devices SELECT 'dev-' || lpad(i::VARCHAR, 4, '0'), ['T100','T200','X9'][1 + i % 3],
                   DATE '2023-01-01' + (i * 2)::INTEGER FROM range(1, 201) t(i)""")
    # deterministic arithmetic instead of random(): event i at 2024-01-01 + floor(0.7*i) seconds, so some seconds hold two events (also across the advance)
    con.execute("""INSERT INTO events SELECT i, 'dev-' || lpad(((i * 37) % 200 + 1)::VARCHAR, 4, '0'),
                   TIMESTAMP '2024-01-01 00:00:00' + to_seconds((i * 7) // 10),
                   ['temp','rpm','voltage','pressure'][1 + i % 4], round(((i * 7919) % 10000) / 100.0, 2)
                   FROM range(1, 30001) t(i)""")
    con.close()

    def advance():
        c2 = duckdb.connect(str(db))
        c2.execute("""INSERT INTO events SELECT i, 'dev-' || lpad(((i * 37) % 200 + 1)::VARCHAR, 4, '0'),
                      TIMESTAMP '2024-01-01 00:00:00' + to_seconds((i * 7) // 10),
                      ['temp','rpm','voltage','pressure'][1 + i % 4], round(((i * 7919) % 10000) / 100.0, 2)
                      FROM range(30001, 32501) t(i)""")
        c2.close()

    return Source({"db_path": str(db)}, advance)


SOURCES: dict[str, Callable[[pathlib.Path], Source]] = {
    "csv_shop_exports": _csv_shop_exports,
    "csv_monthly_orders": _csv_monthly_orders,
    "csv_semicolon_de": _csv_semicolon_de,
    "csv_vendor_drops": _csv_vendor_drops,
    "jsonl_events": _jsonl_events,
    "json_arrays": _json_arrays,
    "sqlite_sensor_readings": _sqlite_sensor_readings,
    "sqlite_shop_all": _sqlite_shop_all,
    "sqlite_crm_subset": _sqlite_crm_subset,
    "sqlite_school_composite": _sqlite_school_composite,
    "sqlite_analytics_nopk_view": _sqlite_analytics_nopk_view,
    "sqlite_helpdesk_same_second": _sqlite_helpdesk_same_second,
    "sqlite_contacts_deleted_at": _sqlite_contacts_deleted_at,
    "sqlite_catalog_is_deleted": _sqlite_catalog_is_deleted,
    "sqlite_lab_type_change": _sqlite_lab_type_change,
    "duckdb_taxi": _duckdb_taxi,
    "duckdb_accounts_snapshot": _duckdb_accounts_snapshot,
    "duckdb_telemetry_volume": _duckdb_telemetry_volume,
}


@contextlib.contextmanager
def make(source: str, workdir: pathlib.Path) -> Iterator[Source]:
    """Generate `source` under workdir (created if needed) and yield its Source. The caller owns workdir."""
    if source not in SOURCES:
        raise KeyError(f"unknown source {source!r}; known: {', '.join(SOURCES)}")
    workdir = pathlib.Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    yield SOURCES[source](workdir)


if __name__ == "__main__":  # python sources.py NAME DIR [--advance]: generate one source for a look
    import sys
    with make(sys.argv[1], pathlib.Path(sys.argv[2])) as s:
        if "--advance" in sys.argv:
            s.advance()
        print(json.dumps(s.values))
