"""Writes tasks.json and each reference/<id>/configuration.json for the local9 set. Edit this file, not tasks.json.

Before writing, every source is built in a temporary folder and its counts() (before and after advance()) are
checked against the numbers written in the tasks below. The `ls -l` / `head` paste of l9-05 is made from the files
the source writes.
"""

from __future__ import annotations

import gzip
import json
import tempfile
from datetime import datetime
from pathlib import Path

import sources

HERE = Path(__file__).resolve().parent


def _sensor_paste() -> str:
    """What `ls -l`, `head` and `zcat | head` show in the l9-05 sensor share, made from the source's files."""
    with tempfile.TemporaryDirectory() as tmp, sources.make("sensor_share", Path(tmp)) as src:
        folder = Path(src.values["folder"])
        files = sorted(folder.iterdir())
        width = max(len(str(f.stat().st_size)) for f in files)
        out = ["$ ls -l {folder}", "total 12"]
        for f in files:
            when = datetime.fromtimestamp(f.stat().st_mtime)
            out.append(f"-rw-r--r-- 1 iot iot {f.stat().st_size:>{width}} {when:%b} {when.day:>2} {when:%H:%M} {f.name}")
        out.append("$ head -4 {folder}/devices.csv")
        out += (folder / "devices.csv").read_text().splitlines()[:4]
        out.append("$ zcat {folder}/readings_20241001.jsonl.gz | head -6")
        with gzip.open(folder / "readings_20241001.jsonl.gz", "rt") as fh:
            out += [next(fh).rstrip("\n") for _ in range(6)]
        return "\n".join(out)


TASKS = [
    {
        "id": "l9-01",
        "split": "tune",
        "style": "slack thread",
        "source": "till_exports",
        "request": """#retail-data, thread copied from Slack

Marta Sousa (Retail Ops)  9:12 AM
the tills now drop their sales files into {folder} every night: one file per store per day, named like SALES_LIS01_20241014.txt. Can we get all of it into the warehouse as one table? `sales_lines` please

Rui Pinto (Data Eng)  9:15 AM
sure. those are the pipe-separated ones, not commas, right?

Marta Sousa  9:16 AM
yes, pipes, header on the first line. the product descriptions have commas in them, that's why

Rui Pinto  9:18 AM
the store and the day are only in the file name though. we'll want both as columns: store_code and business_date (so LIS01 and 2024-10-14 for that file)

Joana Reis (POS vendor)  9:31 AM
correct, inside the file there's only the time of sale. heads-up: ticket numbers are per store and start again at 1 every morning, and `line` is the position on the ticket

Rui Pinto  9:33 AM
ok so a row is store + day + ticket + line. files never change after they land, new ones arrive every night (and a new store opens this week). I'll put the folder in a setting called `till_export_dir`. @connector-bot can you build that?""",
        "config": {"till_export_dir": "{folder}"},
        "expect": {"tables": {"sales_lines": 362}, "min_columns": {"sales_lines": 10}},
        "second_sync": {
            "changes": "the Oct 16 files of LIS01, OPO02 and BRG03 arrive, plus the first file of the new store FAR04 "
                       "(247 lines)",
            "expect": {"tables": {"sales_lines": 609}, "min_columns": {"sales_lines": 10}},
        },
        "unsaid": [
            "6 files at sync 1 (3 stores x Oct 14 and 15), 18 to 30 tickets each with 1 to 4 lines: 362 lines",
            "ticket and line repeat across stores and days: a key without store_code and business_date collapses rows",
            "header: ticket|line|ean|description|qty|unit_price|cashier|sold_at; sold_at is only HH:MM:SS",
            "descriptions hold commas but never pipes; no quoting needed",
        ],
    },
    {
        "id": "l9-02",
        "split": "tune",
        "style": "YAML sketch",
        "source": "fleet_sqlite",
        "request": """Need a connector for our fleet app's SQLite file. Here's what I want, as YAML because that's how my brain works:

```yaml
source:
  kind: sqlite
  file: "{db_path}"         # make this a setting called fleet_db_file
tables:
  vehicles:
    from: vehicles
    key: id
    load: full               # a dozen rows, just re-read it every time
  trips:
    from: trips
    key: id
    load: incremental
    cursor: row_version      # the app bumps it on every insert AND every update
  fuel_logs:
    from: fuel_logs
    key: id
    load: incremental
    cursor: row_version
skip:
  - drivers                  # personal data, must not leave the depot
  - anything else in the file
```""",
        "config": {"fleet_db_file": "{db_path}"},
        "expect": {"tables": {"vehicles": 12, "trips": 200, "fuel_logs": 80}},
        "second_sync": {
            "changes": "a new van and a van moved to another depot; the 8 trips open at sync 1 are closed (new "
                       "row_version), 25 new trips (5 still open); 15 new fuel_logs rows",
            "expect": {"tables": {"vehicles": 13, "trips": 225, "fuel_logs": 95}},
        },
        "unsaid": [
            "the file also holds drivers, app_settings and sqlite_sequence: none may appear",
            "row_version is counted per table: trips reach 392 at sync 1 while fuel_logs stop at 80, so one cursor "
            "shared by both tables skips every fuel_logs row",
            "8 trips have ended_at / end_km NULL at sync 1 and are completed (row_version bumped) before sync 2",
            "vehicles has no row_version and is re-read in full",
        ],
    },
    {
        "id": "l9-03",
        "split": "tune",
        "style": "Python pseudo-code",
        "source": "web_orders",
        "request": """The shop backend writes an order export every 12 hours into {folder}. I sketched the logic in Python, please turn it into a real connector (the folder comes from a setting, `export_folder`):

    # pseudo-code, never ran it
    seen = state.get("seen_files", [])
    for path in sorted(glob(cfg["export_folder"] + "/orders_*.json")):
        if path in seen:
            continue                     # an export file is never rewritten
        for order in read_all_orders(path):
            upsert("orders", flatten(order, without="lines"))            # key: order_id
            for i, line in enumerate(order["lines"]):
                upsert("order_lines", {"order_id": order["order_id"], "line_no": i, **line})
                                                                          # key: order_id + line_no
        seen.append(path)
        checkpoint(seen_files=seen)

read_all_orders() is the part I can't write, I've never opened those files. An order can show up again in a later export when its status changes; the later copy wins.""",
        "config": {"export_folder": "{folder}"},
        "expect": {"tables": {"orders": 83, "order_lines": 204}, "min_columns": {"orders": 7}},
        "second_sync": {
            "changes": "two more exports: 20 new orders + 6 re-sent with a new status, then 15 new + 4 re-sent",
            "expect": {"tables": {"orders": 118, "order_lines": 289}, "min_columns": {"orders": 7}},
        },
        "unsaid": [
            "each file is ONE pretty-printed JSON array (indent 2), not JSON lines",
            "orders carry nested objects customer {email, country} and shipping {method, cost} besides the lines array",
            "discount_pct is present on about a quarter of the lines only",
            "3 files at sync 1 (30, 25 + 5 re-sent, 28 + 6 re-sent): 83 orders, 204 lines; re-sent orders repeat the "
            "same lines",
        ],
    },
    {
        "id": "l9-04",
        "split": "tune",
        "style": "Markdown table",
        "source": "library_duckdb",
        "request": """Our branch system keeps everything in one DuckDB file (currently {db_path}). This is what should end up in the warehouse:

| destination table | comes from (in the .duckdb) | key | notes |
|---|---|---|---|
| books | table `books` | isbn | |
| members | table `members` | member_no | |
| loans | table `loans` | loan_id | every loan ever made; a return fills in returned_on |
| open_loans | view `open_loans` | loan_id | what is out right now: a returned book must drop out here too (marked deleted) |

Re-reading the whole file on every sync is fine, it's small. The path of the file should be a setting, the catalogue file.""",
        "config": {"catalogue_file": "{db_path}"},
        "expect": {"tables": {"books": 150, "members": 60, "loans": 300, "open_loans": 63}},
        "second_sync": {
            "changes": "8 new books, 4 new members, one member changes branch; 25 of the loans open at sync 1 are "
                       "returned; 30 new loans",
            "expect": {"tables": {"books": 158, "members": 64, "loans": 330, "open_loans": 93},
                       "deleted": {"open_loans": 25}},
        },
        "unsaid": [
            "loans declares no primary key in the file (books and members do): without declaring loan_id as the key, "
            "every returned loan comes back as a second row",
            "the view has no key either; returned loans vanish from it, so deletes need the previous sync's loan_ids "
            "(state) or a truncate before the reload",
            "lent_on / due_on / returned_on / joined are DATE columns",
            "63 open loans at sync 1; after sync 2: 68 open + 25 deleted",
        ],
    },
    {
        "id": "l9-05",
        "split": "tune",
        "style": "pasted ls -l and head",
        "source": "sensor_share",
        "request": _sensor_paste() + """

^ that's the share our sensor gateway writes to. I want two tables, devices and readings. A readings file lands just after midnight for the day before and is never touched again. devices.csv is regenerated from the asset register every night (overwritten in place). When we decommission a sensor it simply disappears from devices.csv; it should then show up as deleted in the warehouse, not vanish. Folder setting: sensor_share""",
        "config": {"sensor_share": "{folder}"},
        "expect": {"tables": {"devices": 8, "readings": 889}},
        "second_sync": {
            "changes": "devices.csv rewritten: TH-104 gone, TH-102 moved room, TH-109 and TH-110 added; the readings "
                       "files of Oct 3 and Oct 4 arrive",
            "expect": {"tables": {"devices": 10, "readings": 1925}, "deleted": {"devices": 1}},
        },
        "unsaid": [
            "reading lines have no id: one line per device, hour and metric (temp_c, rh_pct, and co2_ppm for TH-CO2 "
            "models), so the key is (device, ts, metric); (device, ts) collapses them",
            "some device-hours are missing (about 3 %)",
            "values are all floats; the .gz files are gzip-compressed JSON lines",
        ],
    },
    {
        "id": "l9-06",
        "split": "tune",
        "style": "product manager requirements",
        "source": "loyalty_sqlite",
        "request": """Hi! Product here. Some context and what we need:

- Our loyalty app keeps everything in a single database file on the POS server (today it's at {db_path}). Ops will want to move it without touching code, so its location has to be a setting: "loyalty database" on the setup form.
- We need our members and the full history of their points (every earn, redeem, bonus...) in the warehouse so BI can build the loyalty dashboard.
- Refresh daily. The file will grow a lot (millions of points movements in production), so each refresh should only pick up what is new or changed, not reload everything.
- Members change over time (tier upgrades, new email) and the warehouse should always show their current details.
- When someone leaves the program the app doesn't erase them, but for reporting they must show up as removed.
- Keep the table names the app uses. Nothing else from that database is needed.

I don't know the technical details of the file, sorry, it's whatever the app vendor built.""",
        "config": {"loyalty_database": "{db_path}"},
        "expect": {"tables": {"members": 150, "points_ledger": 900}},
        "second_sync": {
            "changes": "12 new members, 8 tier changes, 4 members leave (left_at set, updated_at bumped); 75 new "
                       "ledger entries (including an `exit` entry per leaver)",
            "expect": {"tables": {"members": 162, "points_ledger": 975}, "deleted": {"members": 4}},
        },
        "unsaid": [
            "it is a SQLite file with tables members and points_ledger (plus sqlite_sequence)",
            "members: key member_id, updated_at TEXT 'YYYY-MM-DD HH:MM:SS' bumped on every edit -> cursor; left_at "
            "set when a member leaves -> delete",
            "points_ledger: append-only, key entry_id (AUTOINCREMENT) -> integer cursor",
        ],
    },
    {
        "id": "l9-07",
        "split": "tune",
        "style": "one line",
        "source": "timesheet_exports",
        "request": "Sync every weekly timesheet export in {folder} (Excel \"Unicode Text\" .txt files; folder setting "
                   "`timesheet_drop`) into one `timesheets` table keyed on Entry ID, where later weeks re-list "
                   "corrected entries.",
        "config": {"timesheet_drop": "{folder}"},
        "expect": {"tables": {"timesheets": 120}},
        "second_sync": {
            "changes": "Timesheets_2024-W43.txt arrives: 45 new entries and 5 corrections of earlier ones",
            "expect": {"tables": {"timesheets": 165}},
        },
        "unsaid": [
            "the files are UTF-16 LE with a byte-order mark, tab-separated, CRLF (what Excel's Unicode Text is); "
            "read as UTF-8 they fail",
            "headers: Entry ID, Employee, Project, Date, Hours, Comment; names such as Łukasz Nowak and Søren Møller",
            "3 files at sync 1 (W40 to W42), 127 rows of which 7 are corrections: 120 entries",
        ],
    },
    {
        "id": "l9-08",
        "split": "tune",
        "style": "pasted shell script",
        "source": "price_list",
        "request": """We're retiring this cron job and want a Fivetran connector instead:

    #!/bin/sh
    # /etc/cron.d/preisliste: 05:30 every day
    # the ERP overwrites PREISLISTE.CSV every night with the complete current price list
    SRC={csv_path}
    iconv -f ISO-8859-1 -t UTF-8 "$SRC" > /tmp/preisliste.csv
    psql "$DWH" <<'SQL'
    BEGIN;
    TRUNCATE staging.pricelist;
    \\copy staging.pricelist FROM '/tmp/preisliste.csv' WITH (FORMAT csv, HEADER true, DELIMITER ';')
    COMMIT;
    SQL

Same file, same table name (pricelist), one row per Artikelnr. One difference: when an article is dropped from the file, the TRUNCATE makes it vanish without a trace; I want it kept and flagged as deleted. Config key for the file path: erp_price_file.""",
        "config": {"erp_price_file": "{csv_path}"},
        "expect": {"tables": {"pricelist": 120}},
        "second_sync": {
            "changes": "the file is rewritten in place: 6 articles dropped, 10 new, 8 repriced",
            "expect": {"tables": {"pricelist": 130}, "deleted": {"pricelist": 6}},
        },
        "unsaid": [
            "header Artikelnr;Bezeichnung;Warengruppe;Preis;Einheit;Gueltig_ab, CRLF line ends",
            "Bezeichnung holds ü, ö, ß and ½ that fail as UTF-8",
            "Preis uses decimal commas and thousands dots (1.853,95); Artikelnr has leading zeros (keep it text)",
            "the dropped articles must be found by comparing with the previous sync (state) or by a truncate before "
            "the reload",
        ],
    },
]


# counts() of each source as {table: (rows, deleted)}
TABLES = {
    "till_exports": lambda c: {"sales_lines": (c, 0)},
    "fleet_sqlite": lambda c: {t: (n, 0) for t, n in c.items()},
    "web_orders": lambda c: {"orders": (c[0], 0), "order_lines": (c[1], 0)},
    "library_duckdb": lambda c: c,
    "sensor_share": lambda c: c,
    "loyalty_sqlite": lambda c: c,
    "timesheet_exports": lambda c: {"timesheets": (c, 0)},
    "price_list": lambda c: {"pricelist": c},
}


def _check() -> None:
    """Builds each source and compares counts() (before and after advance()) with the numbers in the tasks."""
    for task in TASKS:
        with tempfile.TemporaryDirectory() as tmp, sources.make(task["source"], Path(tmp)) as src:
            for stage, expect in (("sync 1", task["expect"]), ("sync 2", task["second_sync"]["expect"])):
                if stage == "sync 2":
                    src.advance()
                counts = TABLES[task["source"]](src.counts())
                rows = {t: n for t, (n, _) in counts.items()}
                deleted = {t: d for t, (_, d) in counts.items() if d}
                assert rows == expect["tables"], f"{task['id']} {stage}: {rows} != {expect['tables']}"
                assert deleted == expect.get("deleted", {}), f"{task['id']} {stage}: deleted {deleted}"


def main() -> None:
    _check()
    ids = [t["id"] for t in TASKS]
    assert ids == [f"l9-{n:02d}" for n in range(1, 9)], ids
    (HERE / "tasks.json").write_text(json.dumps(TASKS, indent=2, ensure_ascii=False) + "\n")
    for task in TASKS:
        folder = HERE / "reference" / task["id"]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "configuration.json").write_text(json.dumps(task["config"]))
    print(f"wrote {len(TASKS)} tasks")


if __name__ == "__main__":
    main()
