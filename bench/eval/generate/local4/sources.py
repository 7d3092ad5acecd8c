"""Local file and database sources for the local4 generate-evaluation set.

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
# l4-01: one CSV per day of bike trips; header names padded with spaces and in Title Case; trips that
# run past midnight appear again in the next day's file.
class BikeTrips(_Source):
    HEADER = ["Trip ID", " Bike ID", " Start Station ", "End Station ", "Started At", "Ended At", " Duration (min)"]
    STATIONS = ["Harbour Sq", "Old Town", "Central Stn", "Museum Isl", "Riverside", "Uni Campus", "Market Hall"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "bike" / "exports"
        self.folder.mkdir(parents=True)
        self.next_id = 880000
        self.carry: list[list] = []
        for d in range(1, 6):
            self._day(d, _past(d))
        self.values = {"folder": str(self.folder)}

    def _trip(self, day: int, late: bool = False) -> list:
        self.next_id += self.rng.randint(1, 5)
        start = datetime(2024, 5, day, 23 if late else self.rng.randint(6, 21), self.rng.randint(0, 59))
        mins = self.rng.randint(70, 120) if late else self.rng.randint(3, 55)
        return [self.next_id, f"B{self.rng.randint(100, 999)}", self.rng.choice(self.STATIONS),
                self.rng.choice(self.STATIONS), start.strftime("%Y-%m-%d %H:%M"),
                (start + timedelta(minutes=mins)).strftime("%Y-%m-%d %H:%M"), mins]

    def _day(self, day: int, when: float) -> None:
        late = [self._trip(day, late=True) for _ in range(2)]
        # still on the road at export time: no end yet; the next day's file has them again, finished
        rows = list(self.carry) + [self._trip(day) for _ in range(58 - len(self.carry))] + [r[:5] + ["", ""] for r in late]
        self.carry = late
        path = self.folder / f"trips_2024-05-{day:02d}.csv"
        path.write_text(_csv_text(self.HEADER, rows))
        _stamp(path, when)

    def advance(self) -> None:
        for d in (6, 7):
            self._day(d, _now())


# ---------------------------------------------------------------------------------------------------
# l4-02: pipe-delimited stock counts, one file per store per count date; store and date only in the name.
class StockCounts(_Source):
    HEADER = ["sku", "description", "qty", "counted_by"]
    ITEMS = ["Bolts, M8 (box of 50)", "Paint, white, 10L", "Cable ties | 200mm", "Gloves, nitrile, L", "Tape, duct",
             "Screws, wood, 4x40", "Sandpaper, P120", "Drill bit, 6mm"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "stockcounts"
        self.folder.mkdir(parents=True)
        self.skus = [f"{self.rng.randint(100, 999)}-{n:04d}" for n in range(75)]
        for n, day in enumerate(["20240902", "20240909"]):
            self._count(day, _past(n))
        self.values = {"folder": str(self.folder)}

    def _count(self, day: str, when: float) -> None:
        for store in ("S01", "S02", "S03", "S04"):
            buf = io.StringIO()
            w = csv.writer(buf, delimiter="|", lineterminator="\n")
            w.writerow(self.HEADER)
            for sku in self.skus:
                w.writerow([sku, self.rng.choice(self.ITEMS), self.rng.randint(0, 300), self.rng.choice(["amy", "raj", "li"])])
            path = self.folder / f"count_{store}_{day}.txt"
            path.write_text(buf.getvalue())
            _stamp(path, when)

    def advance(self) -> None:
        self._count("20240916", _now())


# ---------------------------------------------------------------------------------------------------
# l4-03: weekly gzipped JSON exports of podcast downloads, records under "records", nested episode.
class PodcastDownloads(_Source):
    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "podstats"
        self.folder.mkdir(parents=True)
        self.n = 0
        for week in range(10, 14):
            self._week(week, _past(week))
        self.values = {"folder": str(self.folder)}

    def _week(self, week: int, when: float) -> None:
        records = []
        for _ in range(50):
            self.n += 1
            ep = self.rng.randint(1, 40)
            records.append({"id": f"dl-{week}-{self.n:05d}", "date": f"2024-W{week}",
                            "episode": {"id": ep, "title": f"Episode {ep}", "show": self.rng.choice(["Tech Talk", "Garden Hour"])},
                            "country": self.rng.choice(["DE", "FR", "PL", "US", "BR"]),
                            "app": self.rng.choice(["spotify", "apple", "web"]), "downloads": self.rng.randint(1, 900)})
        payload = {"export_date": f"2024-W{week}", "count": len(records), "records": records}
        path = self.folder / f"downloads_2024_W{week}.json.gz"
        path.write_bytes(gzip.compress(json.dumps(payload, indent=1).encode()))
        _stamp(path, when)

    def advance(self) -> None:
        for week in (14, 15):
            self._week(week, _now())


# ---------------------------------------------------------------------------------------------------
# l4-04: JSON lines of meter intervals, each with a channels array -> child table; blank lines.
class MeterIntervals(_Source):
    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "ami" / "drop"
        self.folder.mkdir(parents=True)
        for f in range(3):
            self._file(f, _past(f))
        self.values = {"folder": str(self.folder)}

    def _file(self, f: int, when: float) -> None:
        lines = []
        for i in range(40):
            start = datetime(2024, 8, 1) + timedelta(hours=f * 4 + i // 10)
            meter = f"EM-{7000 + i % 10}"
            lines.append(json.dumps({"meter_id": meter, "interval_start": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
                                     "site": {"id": i % 10 // 3, "name": self.rng.choice(["North", "South", "Depot"])},
                                     "channels": [{"channel": c, "kwh": round(self.rng.uniform(0, 12), 3)}
                                                  for c in ("L1", "L2", "L3")]}))
            if i % 13 == 5:
                lines.append("")
        path = self.folder / f"intervals-{f + 1:04d}.jsonl"
        path.write_text("\n".join(lines) + "\n\n")
        _stamp(path, when)

    def advance(self) -> None:
        self._file(3, _now())


# ---------------------------------------------------------------------------------------------------
# l4-05: clinic SQLite: doctors, patients, appointments (updated_at cursor) and an audit_log to skip.
class ClinicSqlite(_Source):
    DDL = """
    CREATE TABLE doctors (id INTEGER PRIMARY KEY, full_name TEXT NOT NULL, specialty TEXT);
    CREATE TABLE patients (id INTEGER PRIMARY KEY, mrn TEXT UNIQUE, full_name TEXT, date_of_birth TEXT);
    CREATE TABLE appointments (id INTEGER PRIMARY KEY, patient_id INTEGER REFERENCES patients(id),
                               doctor_id INTEGER REFERENCES doctors(id), scheduled_for TEXT, status TEXT,
                               updated_at TEXT NOT NULL);
    CREATE TABLE audit_log (id INTEGER PRIMARY KEY, at TEXT, who TEXT, what TEXT);
    """

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.path = workdir / "clinic" / "clinic.db"
        self.path.parent.mkdir(parents=True)
        con = sqlite3.connect(self.path)
        con.executescript(self.DDL)
        con.executemany("INSERT INTO doctors VALUES (?,?,?)", [(i, f"Dr. Doc {i}", self.rng.choice(["GP", "ENT", "Derm"]))
                                                               for i in range(1, 9)])
        for i in range(1, 61):
            self._patient(con, i)
        base = datetime(2024, 4, 1, 8, 0, 0)
        for i in range(1, 301):
            self._appt(con, i, (base + timedelta(minutes=i * 37)).strftime("%Y-%m-%d %H:%M:%S"))
        con.executemany("INSERT INTO audit_log (at, who, what) VALUES (?,?,?)",
                        [("2024-04-01", "system", f"event {i}") for i in range(700)])
        con.commit()
        con.close()
        self.values = {"db_path": str(self.path)}

    def _patient(self, con: sqlite3.Connection, i: int) -> None:
        con.execute("INSERT INTO patients VALUES (?,?,?,?)", (i, f"MRN{50000 + i}", f"Patient {i}",
                                                              f"19{self.rng.randint(40, 99)}-0{self.rng.randint(1, 9)}-1{self.rng.randint(0, 9)}"))

    def _appt(self, con: sqlite3.Connection, i: int, at: str) -> None:
        con.execute("INSERT INTO appointments VALUES (?,?,?,?,?,?)",
                    (i, self.rng.randint(1, 60), self.rng.randint(1, 8), at, self.rng.choice(["booked", "done"]), at))

    def advance(self) -> None:
        con = sqlite3.connect(self.path)
        for i in range(61, 64):
            self._patient(con, i)
        later = "2024-05-20 09:00:00"
        for i in range(301, 311):
            self._appt(con, i, later)
        con.execute("UPDATE appointments SET status = 'cancelled', updated_at = ? WHERE id IN (3, 30, 90, 150, 200, 299)",
                    (later,))
        con.execute("INSERT INTO audit_log (at, who, what) VALUES ('2024-05-20', 'system', 'more')")
        con.commit()
        con.close()
        _stamp(self.path, _now())


# ---------------------------------------------------------------------------------------------------
# l4-06: school DuckDB without declared keys; grades keyed by student, course and term; only two tables wanted.
class SchoolDuckdb(_Source):
    def __init__(self, workdir: Path) -> None:
        import duckdb

        super().__init__(workdir)
        self.path = workdir / "sis" / "school.duckdb"
        self.path.parent.mkdir(parents=True)
        con = duckdb.connect(str(self.path))
        con.execute("""
            CREATE TABLE students (student_id INTEGER, full_name VARCHAR, homeroom VARCHAR, enrolled_on DATE);
            CREATE TABLE courses (course_code VARCHAR, title VARCHAR);
            CREATE TABLE grades (student_id INTEGER, course_code VARCHAR, term VARCHAR, score DECIMAL(5, 1),
                                 letter VARCHAR, graded_at TIMESTAMP);
            CREATE SCHEMA scratch;
            CREATE TABLE scratch.import_tmp (line VARCHAR);
        """)
        con.executemany("INSERT INTO students VALUES (?,?,?,?)",
                        [(2000 + i, f"Student {i}", f"{7 + i % 5}{'ABC'[i % 3]}", date(2023, 9, 1)) for i in range(120)])
        self.courses = ["ALG1", "BIO1", "HIS1", "LIT1", "CHE1", "PHY1"]
        con.executemany("INSERT INTO courses VALUES (?,?)", [(c, c.title()) for c in self.courses])
        con.executemany("INSERT INTO grades VALUES (?,?,?,?,?,?)", self._grades("2024-T1", datetime(2024, 12, 20)))
        con.execute("INSERT INTO scratch.import_tmp VALUES ('x'), ('y')")
        con.close()
        self.values = {"db_path": str(self.path)}

    def _grades(self, term: str, at: datetime) -> list[tuple]:
        out = []
        for i in range(120):
            for c in self.rng.sample(self.courses, 3):
                score = round(self.rng.uniform(40, 100), 1)
                out.append((2000 + i, c, term, f"{score:.1f}", "A" if score >= 90 else "B" if score >= 75 else "C", at))
        return out

    def advance(self) -> None:
        import duckdb

        con = duckdb.connect(str(self.path))
        con.executemany("INSERT INTO grades VALUES (?,?,?,?,?,?)", self._grades("2025-T2", datetime(2025, 4, 4)))
        con.execute("UPDATE grades SET score = score + 1, graded_at = TIMESTAMP '2025-04-05 10:00:00' "
                    "WHERE term = '2024-T1' AND student_id < 2004")
        con.close()
        _stamp(self.path, _now())


# ---------------------------------------------------------------------------------------------------
# l4-07: one payroll CSV rewritten every night: two preamble lines before the header, a TOTAL line at the end.
class TimesheetExport(_Source):
    HEADER = ["employee_id", "employee_name", "work_date", "hours", "project"]

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.folder = workdir / "payroll" / "out"
        self.folder.mkdir(parents=True)
        self.rows: dict[tuple, list] = {}
        self._days(range(1, 13))
        self._write(_past(30))
        self.values = {"folder": str(self.folder)}

    def _days(self, days: range) -> None:
        for d in days:
            for e in range(20):
                emp = f"E{310 + e * 3}"
                self.rows[(emp, d)] = [emp, f"Worker {e}", f"2024-06-{d:02d}", self.rng.choice([4, 6, 7.5, 8, 8.5, 10]),
                                       self.rng.choice(["Ops", "Sales", "R&D"])]

    def _write(self, when: float) -> None:
        rows = [self.rows[k] for k in sorted(self.rows, key=lambda k: (k[1], k[0]))]
        total = sum(r[3] for r in rows)
        last = max(k[1] for k in self.rows)
        text = (f"ACME Payroll - timesheet export\nPeriod: 2024-06-01 to 2024-06-{last:02d}\n"
                + _csv_text(self.HEADER, rows) + f"TOTAL,,,{total},\n")
        path = self.folder / "timesheets.csv"
        path.write_text(text)
        _stamp(path, when)

    def advance(self) -> None:
        for (emp, d), row in list(self.rows.items())[:15]:
            row[3] = 1.0
        self._days(range(13, 15))
        self._write(_now())


# ---------------------------------------------------------------------------------------------------
# l4-08: library SQLite: loans with an epoch-milliseconds cursor and an is_deleted flag; members in full.
class LibrarySqlite(_Source):
    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.path = workdir / "library.sqlite"
        con = sqlite3.connect(self.path)
        con.executescript("""
            CREATE TABLE members (member_id INTEGER PRIMARY KEY, name TEXT, joined TEXT, branch TEXT);
            CREATE TABLE loans (loan_id INTEGER PRIMARY KEY, member_id INTEGER, isbn TEXT, borrowed_on TEXT,
                                due_on TEXT, returned_on TEXT, is_deleted INTEGER NOT NULL DEFAULT 0,
                                updated_ms INTEGER NOT NULL);
        """)
        con.executemany("INSERT INTO members VALUES (?,?,?,?)",
                        [(i, f"Member {i}", f"20{10 + i % 14}-01-15", self.rng.choice(["Main", "West"])) for i in range(1, 91)])
        self.base_ms = int(datetime(2024, 10, 1).timestamp() * 1000)
        for i in range(1, 401):
            self._loan(con, i, self.base_ms + i * 61_000)
        con.execute("UPDATE loans SET is_deleted = 1 WHERE loan_id IN (11, 42, 99, 180, 222, 301, 377)")
        con.commit()
        con.close()
        self.values = {"db_path": str(self.path)}

    def _loan(self, con: sqlite3.Connection, i: int, ms: int) -> None:
        con.execute("INSERT INTO loans VALUES (?,?,?,?,?,?,0,?)",
                    (i, self.rng.randint(1, 90), f"978{self.rng.randint(10**9, 10**10 - 1)}", "2024-10-01",
                     "2024-10-22", None, ms))

    def advance(self) -> None:
        con = sqlite3.connect(self.path)
        now = int(time.time() * 1000)
        for i in range(401, 413):
            self._loan(con, i, now)
        con.execute("UPDATE loans SET returned_on = '2024-10-20', updated_ms = ? WHERE loan_id BETWEEN 50 AND 59", (now + 1,))
        con.execute("UPDATE loans SET is_deleted = 1, updated_ms = ? WHERE loan_id IN (5, 120, 260, 333, 390)", (now + 2,))
        con.commit()
        con.close()
        _stamp(self.path, _now())


SOURCES = {"bike_trips": BikeTrips, "stock_counts": StockCounts, "podcast_downloads": PodcastDownloads,
           "meter_intervals": MeterIntervals, "clinic_sqlite": ClinicSqlite, "school_duckdb": SchoolDuckdb,
           "timesheet_export": TimesheetExport, "library_sqlite": LibrarySqlite}


@contextlib.contextmanager
def make(source: str, workdir: Path) -> Iterator[_Source]:
    workdir = Path(workdir).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    yield SOURCES[source](workdir)
