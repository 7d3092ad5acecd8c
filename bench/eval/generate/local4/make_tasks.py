"""Writes tasks.json (and each reference/<id>/configuration.json from the task's config) for local4.

Edit this file, not tasks.json. Every task is in the tune split (like local2: tuning data only).
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def task(id, style, source, request, config, expect, unsaid, second):
    return {"id": id, "split": "tune", "style": style, "source": source, "request": request.strip() + "\n",
            "config": config, "expect": expect, "second_sync": {"expect": second}, "unsaid": unsaid}


TASKS = [
    task("l4-01", "terse", "bike_trips", """
bike share trip exports land as csv in a folder, one file per day (trips_YYYY-MM-DD.csv), new one every
morning. want them in a `trips` table, only the new files each sync. Trip ID is unique. folder path is in
config as `folder`.
""", {"folder": "{folder}"},
        {"tables": {"trips": 292}},
        ["header names have stray spaces and Title Case ('Trip ID', ' Bike ID', ' Start Station ', ...): a "
         "connector that looks the key up by its raw name must trim and normalise them",
         "trips still running at export time are in that day's file without an end time and come again, finished, "
         "at the top of the next day's file: 8 repeats in sync 1, 4 more in sync 2; without the key they become "
         "extra rows",
         "sync 2 adds two daily files (120 lines, 116 new trips)"],
        {"tables": {"trips": 408}}),

    task("l4-02", "chatty", "stock_counts", """
Hi there. Every Monday each of our four hardware stores does a stock count and the store system drops a text
file in a shared folder named like count_S01_20240902.txt (store code, then the count date). The files are
pipe separated (|) with a header line: sku, description, qty, counted_by. Annoyingly the store and the date
are only in the file name, not inside the file. I'd like one table `stock_counts` with a row per store, per
count date, per sku, and each sync should just pick up the new files. The folder will be in the configuration
as `counts_folder`.
""", {"counts_folder": "{folder}"},
        {"tables": {"stock_counts": 600}},
        ["key (store, count_date, sku): the same 75 skus are in every file",
         "descriptions contain commas and one contains a quoted '|' (a real CSV reader with delimiter '|' is "
         "needed, not str.split)", "sync 2: one new count date for all four stores (+300)"],
        {"tables": {"stock_counts": 900}}),

    task("l4-03", "non-native", "podcast_downloads", """
Hello, our hosting partner send us every week a file with the podcast downloads, name is like
downloads_2024_W10.json.gz, it is gzip. Inside is one JSON with "export_date", "count" and the list
"records". Every record have an "id" and the episode as a object inside. We want table `downloads`, and
when new week file come, only load the new one. Folder is in config with key stats_dir. Thank you
""", {"stats_dir": "{folder}"},
        {"tables": {"downloads": 200}},
        ["the file is one JSON document, not JSON lines", "rows are under records, not at the top level",
         "episode {id, title, show} to flatten or keep as JSON", "sync 2 adds weeks 14 and 15 (+100)"],
        {"tables": {"downloads": 300}}),

    task("l4-04", "bullets", "meter_intervals", """
Smart meter interval data -> Fivetran connector
- input: folder with *.jsonl files (path in config: `input_folder`), new files arrive all day
- one JSON object per line: meter_id, interval_start, site {id, name}, channels [ {channel, kwh}, ... ]
- tables wanted:
  - `meter_intervals`: one row per meter per interval_start
  - `interval_channels`: one row per channel reading, with meter_id + interval_start to join back
- only new files each sync
""", {"input_folder": "{folder}"},
        {"tables": {"meter_intervals": 120, "interval_channels": 360}},
        ["files contain blank lines (also at the end): skip them", "channel readings have no id: key "
         "(meter_id, interval_start, channel)", "site is a nested object", "sync 2: one new file (+40 intervals, "
         "+120 channel rows)"],
        {"tables": {"meter_intervals": 160, "interval_channels": 480}}),

    task("l4-05", "api-doc-excerpt", "clinic_sqlite", """
I need a connector that reads our clinic's SQLite file (path in config as `sqlite_file`). Schema:

```sql
CREATE TABLE doctors (id INTEGER PRIMARY KEY, full_name TEXT NOT NULL, specialty TEXT);
CREATE TABLE patients (id INTEGER PRIMARY KEY, mrn TEXT UNIQUE, full_name TEXT, date_of_birth TEXT);
CREATE TABLE appointments (id INTEGER PRIMARY KEY, patient_id INTEGER REFERENCES patients(id),
                           doctor_id INTEGER REFERENCES doctors(id), scheduled_for TEXT, status TEXT,
                           updated_at TEXT NOT NULL);
CREATE TABLE audit_log (id INTEGER PRIMARY KEY, at TEXT, who TEXT, what TEXT);
```

Sync doctors, patients and appointments. Don't bring audit_log over, we don't need it. Appointments is the
big one, so make it incremental on updated_at; the other two are small.
""", {"sqlite_file": "{db_path}"},
        {"tables": {"doctors": 8, "patients": 60, "appointments": 300}},
        ["updated_at is 'YYYY-MM-DD HH:MM:SS' text, comparable as a string", "10 new appointments and 6 changed "
         "ones in sync 2 share one updated_at", "patients gain 3 rows in sync 2 (the small tables must be "
         "re-read each sync)", "the file must not be written to"],
        {"tables": {"doctors": 8, "patients": 63, "appointments": 310}}),

    task("l4-06", "ticket", "school_duckdb", """
Ticket #418 - Load grades from the SIS DuckDB export

The SIS vendor gives us a DuckDB file (school.duckdb; path goes in config as `duckdb_file`). We need two
tables in the warehouse: `students` and `grades`. Nothing else from that file.

Notes:
- the vendor didn't declare any primary keys in the file
- students are unique by student_id
- a grade is one row per student, course_code and term; scores get corrected after the fact, so the same
  grade can change between syncs
- a new term's grades get appended during the year

Done when: both tables load and a re-sync after a new term shows the new grades without duplicates.
""", {"duckdb_file": "{db_path}"},
        {"tables": {"students": 120, "grades": 360}},
        ["the file also has courses and a scratch schema: neither may be synced", "score is DECIMAL, graded_at "
         "TIMESTAMP, enrolled_on DATE: convert for the SDK", "open read-only (the vendor may hold it)",
         "sync 2: a new term (+360) and 12 corrected scores"],
        {"tables": {"students": 120, "grades": 720}}),

    task("l4-07", "terse", "timesheet_export", """
payroll writes timesheets.csv into a folder every night (same file name, overwritten, whole month so far).
need a connector to load it into `timesheets`. key = employee_id + work_date. folder path in config:
export_dir
""", {"export_dir": "{folder}"},
        {"tables": {"timesheets": 240}},
        ["the file starts with two preamble lines ('ACME Payroll - timesheet export', 'Period: ...') before the "
         "header", "the last line is a TOTAL row that is not a timesheet", "the file is rewritten in place: "
         "tracking by file name alone misses sync 2", "sync 2: two more days (+40) and 15 changed hours"],
        {"tables": {"timesheets": 280}}),

    task("l4-08", "chatty", "library_sqlite", """
Hey! We run a small library system that keeps everything in a SQLite database, and I'd like to get it into
BigQuery with a Fivetran connector. The two tables that matter are `members` (about 90 rows, just copy it
every time) and `loans`, which grows all the time. Each loan row has an `updated_ms` column - it's a Unix
timestamp in milliseconds that the app bumps on every change - so please only pull loans that changed since
the last sync. One gotcha: the app never really deletes a loan, it sets `is_deleted = 1` instead, and I'd
like those to show up as deleted in the warehouse rather than as normal rows. The DB path will be in the
config under `library_db`.
""", {"library_db": "{db_path}"},
        {"tables": {"members": 90, "loans": 393}},
        ["7 loans are already soft-deleted before sync 1: they must not appear as rows",
         "primary keys member_id and loan_id", "updated_ms is an integer cursor, compare numerically",
         "sync 2: 12 new loans, 10 returned, 5 newly deleted (405 rows, 5 marked deleted)"],
        {"tables": {"members": 90, "loans": 405}, "deleted": {"loans": 5}}),
]


def main() -> None:
    (HERE / "tasks.json").write_text(json.dumps(TASKS, indent=2, ensure_ascii=False) + "\n")
    for t in TASKS:
        folder = HERE / "reference" / t["id"]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "configuration.json").write_text(json.dumps(t["config"], indent=2) + "\n")
    print(f"{len(TASKS)} tasks")


if __name__ == "__main__":
    main()
