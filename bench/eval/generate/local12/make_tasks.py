"""Writes tasks.json and every reference/<id>/configuration.json for the local12 set.

Before writing, it builds every source in a temporary folder and checks the rows a correct connector holds
(`counts()`, before and, for the four tasks with a second sync, after `advance()`) against the numbers written in
the tasks below. The request of l12-04 (a `find` + `zcat | head` paste) is rendered from the files the source
writes, with the absolute folder replaced by the {folder} placeholder.

Usage: make_tasks.py
"""

from __future__ import annotations

import gzip
import json
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import sources  # noqa: E402


def _find_events(root: Path) -> str:
    """`cd {folder} && find . -type f | sort`, `ls -l` of the newest day and the head of one gzipped file."""
    out = ["$ cd {folder}", "$ find . -type f | sort"]
    files = sorted("./" + os.path.relpath(os.path.join(d, n), root).replace(os.sep, "/")
                   for d, _, names in os.walk(root) for n in names)
    out += files
    out += ["$ ls -l 2024/09/03/", f"total {len(os.listdir(root / '2024/09/03')) * 4}"]
    for name in sorted(os.listdir(root / "2024" / "09" / "03")):
        size = (root / "2024" / "09" / "03" / name).stat().st_size
        when = f"{int(name[7:9]) + 6:02d}:01" if name.endswith(".gz") else "17:59"  # gzipped when the next starts
        out.append(f"-rw-r--r-- 1 etl etl {size:>5} Sep  3 {when} {name}")
    out += ["$ zcat 2024/09/01/events-0000.jsonl.gz | head -3"]
    with gzip.open(root / "2024" / "09" / "01" / "events-0000.jsonl.gz", "rt", encoding="utf-8") as fh:
        out += [next(fh).rstrip("\n") for _ in range(3)]
    return "\n".join(out)


def requests(probe: Path) -> dict[str, str]:
    with sources.make("app_events_jsonl_gz", probe / "events") as src:
        events = _find_events(Path(src.values["folder"]))
    return {
        "l12-01": (
            "Fivetran Connector SDK connector for our WMS stock movement exports. They land in {folder} every few "
            "hours as ruchy_1.csv, ruchy_2.csv, ... - each file has only new movements and is never touched again. "
            "Table `stock_movements`, PK = the `ID ruchu` column. Folder in config key `wms_export_dir`. Only pick "
            "up files not loaded yet."),
        "l12-02": (
            "Connector request (Fivetran Connector SDK, Python)\n\n"
            "- source: our parcel carrier's scan-event feed, files trk_evt_YYYYMMDD_NN.csv in {folder}\n"
            "- config key for the folder: `carrier_feed_path`\n"
            "- the files have NO header line. Columns, in this order:\n"
            "    1. event_id        e.g. EV88120034\n"
            "    2. tracking_number e.g. JJD10420774724890\n"
            "    3. event_time      ISO, local time, no zone\n"
            "    4. status_code     PU / AR / DP / OD / DL / EX\n"
            "    5. depot           e.g. LEJ1\n"
            "    6. driver_note     free text, often empty\n"
            "    7. weight_kg       e.g. 11.94\n"
            "    8. pieces          integer\n"
            "- target: one table `scan_events`, primary key event_id\n"
            "- carrier pushes a couple of files per day; files are never rewritten\n"
            "- weight as a number, pieces as an int please"),
        "l12-03": (
            "#sales-ops\n\n"
            "nadia.r  10:02\n"
            "hi! who can help with a fivetran connector (the python Connector SDK)? the commission reports from the "
            "CRM are dumped on the share at {folder}\n\n"
            "tobi  10:04\n"
            "me. what do the files look like?\n\n"
            "nadia.r  10:05\n"
            "one csv per month: commission_2024-07.csv, commission_2024-08.csv, commission_2024-09.csv. header is "
            "rep_id,rep_name,territory,day,deals_closed,revenue,commission. there's no id column\n\n"
            "nadia.r  10:06\n"
            "the current month gets regenerated every night with the month so far. finished months stay as they "
            "are\n\n"
            "sam.k  10:09\n"
            "heads up: when a deal gets clawed back, the CRM just leaves that line out the next night. the warehouse "
            "has to reflect that, deleted flag is fine\n\n"
            "tobi  10:10\n"
            "ok. table name `commissions`? config key?\n\n"
            "nadia.r  10:11\n"
            "`commissions` yes, and call the config key `commission_share` 👍"),
        "l12-04": (
            "can you write a Fivetran Connector SDK connector for the app event dumps below? one table `app_events`, "
            "key event_id, root folder in config key `events_root`. the exporter writes a new file every 6 hours "
            "and new day folders keep appearing.\n\n" + events),
        "l12-05": (
            "Good morning,\n\n"
            "I write for our bars (we have three, in Bologna, Milano and Torino). Each cash register save the sales "
            "in a SQLite database, and every night a copy of the database arrive in the folder {folder}, one file "
            "for each bar: negozio_bologna.db, negozio_milano.db, negozio_torino.db.\n\n"
            "I would like a connector for Fivetran (Connector SDK in Python) that put the sales of all bars in one "
            "only table, `vendite`. Inside the files the table is called `sales`. The table has not an ID column, so "
            "the key must be the bar (the name in the file, bologna / milano / torino) together with the rowid of "
            "SQLite. Please add the bar as a column `store`.\n\n"
            "The folder must be in the configuration with the name `cartella_negozi`.\n\n"
            "Many thanks and excuse my English,\nFrancesca"),
        "l12-06": (
            "We need customers and invoices from our ERP's DuckDB file in the warehouse via a Fivetran Connector SDK "
            "connector. Path of the file goes in config key `erp_duckdb_file` (here: {folder}/erp.duckdb). Since the "
            "split into two legal entities each one has its own schema; we want ONE `customers` and ONE `invoices` "
            "table in the destination with an extra column `entity` ('de' / 'fr'). DDL from the migration:\n\n"
            "-- V7__split_entities.sql\n"
            "CREATE SCHEMA de;\n"
            "CREATE SCHEMA fr;\n\n"
            "CREATE TABLE de.customers (\n"
            "    customer_id  INTEGER PRIMARY KEY,\n"
            "    name         VARCHAR NOT NULL,\n"
            "    vat_id       VARCHAR,\n"
            "    city         VARCHAR,\n"
            "    created_at   TIMESTAMP NOT NULL\n"
            ");\n"
            "CREATE TABLE de.invoices (\n"
            "    invoice_id    INTEGER PRIMARY KEY,\n"
            "    customer_id   INTEGER NOT NULL,\n"
            "    invoice_date  DATE NOT NULL,\n"
            "    net_amount    DECIMAL(12, 2) NOT NULL,\n"
            "    vat_amount    DECIMAL(12, 2) NOT NULL,\n"
            "    currency      VARCHAR(3) NOT NULL,\n"
            "    status        VARCHAR NOT NULL   -- open | paid | overdue\n"
            ");\n\n"
            "-- fr: same two tables\n"
            "CREATE TABLE fr.customers (LIKE de.customers);   -- written out in full in the real file\n"
            "CREATE TABLE fr.invoices  (LIKE de.invoices);"),
        "l12-07": (
            "Hey! Hoping you can help me get our helpdesk data into Fivetran. We run a small self-hosted helpdesk "
            "app and all its data sits in one SQLite file, {folder}/helpdesk.sqlite (please take the path from a "
            "config key called `helpdesk_sqlite_path`). I'd like a Connector SDK connector that syncs the `tickets` "
            "table and the `agents` table.\n\n"
            "tickets has an updated_at column that the app bumps on every change, so I was thinking the sync could "
            "just pick up what changed since last time instead of reading the whole thing - we sync every 15 "
            "minutes and the app is busy during the day, so the connector will often run while agents are working. "
            "agents is tiny (6 people), read it fully every time, that's fine.\n\n"
            "One more thing: agents delete spam tickets outright (the row is gone from the database). Those should "
            "show up as deleted in the warehouse, otherwise our ticket counts are off.\n\n"
            "Thanks a ton!"),
        "l12-08": (
            "DATA SOURCE SPEC - HR staff master export\n"
            "=========================================\n"
            "Owner:        HR systems\n"
            "Location:     {folder} (config key: staff_json_dir)\n"
            "Format:       JSON, UTF-8, one document per employee, file name <employee_id>.json\n"
            "Refresh:      full export nightly, files overwritten in place\n"
            "Consumer:     Fivetran Connector SDK connector (Python)\n\n"
            "Document fields\n"
            "  employee_id      string    e.g. E10013, unique\n"
            "  first_name       string\n"
            "  last_name        string\n"
            "  department       string    Warehouse | Transport | Maintenance | Office\n"
            "  hired_on         date      YYYY-MM-DD\n"
            "  manager_id       string    employee_id of the manager, null for top level\n"
            "  contact          object    {email, phone}\n"
            "  certifications   array     of {code, name, issued_on, expires_on}\n\n"
            "Target tables\n"
            "  employees                 one row per employee, contact flattened\n"
            "  employee_certifications   one row per entry of `certifications`, with employee_id\n\n"
            "Notes\n"
            "  - certification codes: FLT, FA1, HSE, ELV, WAH, ADR\n"
            "  - dates as dates please"),
    }


TASKS = [
    {"id": "l12-01", "style": "terse", "source": "wms_moves_cp1250",
     "config": {"wms_export_dir": "{folder}"},
     "expect": {"tables": {"stock_movements": 82}, "min_columns": {"stock_movements": 8}},
     "second_sync": {"changes": "three more exports arrive: ruchy_9.csv, ruchy_10.csv and ruchy_11.csv",
                     "expect": {"tables": {"stock_movements": 115}, "min_columns": {"stock_movements": 8}}},
     "unsaid": ["the exports are Windows-1250 (Łódź, Śruba, Żarówka, the header 'Ilość'): reading them as UTF-8 fails",
                "';' is the delimiter (a product name holds a comma: 'Kabel YDY 3x2,5 mm'), CRLF line ends",
                "Ilość has a decimal comma ('35,5') and corrections are negative; Data is dd.mm.yyyy HH:MM",
                "the file number is not zero-padded: ruchy_10.csv sorts before ruchy_9.csv as text, so a 'highest "
                "file name' cursor stops at ruchy_9 in sync 2; order by number or remember the names loaded"]},
    {"id": "l12-02", "style": "bullet list", "source": "carrier_headerless_csv",
     "config": {"carrier_feed_path": "{folder}"},
     "expect": {"tables": {"scan_events": 77}, "min_columns": {"scan_events": 8}},
     "unsaid": ["no header: the first line of every file is an event (reading it as a header loses 6 events)",
                "driver_note is quoted when it holds commas or doubled quotes, and some notes span two lines "
                "(LF or CRLF inside the quotes): splitting lines on ',' breaks; the csv module with newline='' works",
                "the note of the very first line of the first file is such a two-line note",
                "CRLF line ends; a non-ASCII name (Lüdtke) in a note"]},
    {"id": "l12-03", "style": "Slack thread", "source": "commission_monthly_rewrite",
     "config": {"commission_share": "{folder}"},
     "expect": {"tables": {"commissions": 142}},
     "second_sync": {"changes": "commission_2024-09.csv regenerated: 4 clawed-back rows gone, 5 revenues corrected, "
                                "Sep 13-30 added; commission_2024-10.csv appears (Oct 1-4)",
                     "expect": {"tables": {"commissions": 181}, "deleted": {"commissions": 4}}},
     "unsaid": ["no id column, and (rep_id, day) is not unique: Cleo Martin (North + Central) and Eli Novak "
                "(South + West) have two rows on some days, one per territory: key rep_id + day + territory",
                "deletes must be found by comparing the keys of the regenerated file with those it held before",
                "the same file name changes content between syncs: 'new files only' misses the September rewrite",
                "July and August are closed and never change"]},
    {"id": "l12-04", "style": "find + zcat paste", "source": "app_events_jsonl_gz",
     "config": {"events_root": "{folder}"},
     "expect": {"tables": {"app_events": 228}, "min_columns": {"app_events": 6}},
     "second_sync": {"changes": "2024/09/03/events-1800.jsonl arrives (events-1200.jsonl is gzipped and the plain "
                                "file removed), then a 2024/09/04/ folder with four files",
                     "expect": {"tables": {"app_events": 332}, "min_columns": {"app_events": 6}}},
     "unsaid": ["a file is gzipped once the next one starts: all but the newest file are .jsonl.gz, the newest is "
                "plain .jsonl; both must be read, and a file turns from .jsonl into .jsonl.gz between syncs",
                "delivery is at least once: up to 2 events of a file are sent again at the top of the next file "
                "with a later received_at (also across day folders): upsert on event_id",
                "props is a nested object whose keys differ per event type (query, value, currency)",
                "in sync 2 a new file appears in 2024/09/03, a day folder already read: a 'newest day folder' "
                "cursor that skips visited days misses it"]},
    {"id": "l12-05", "style": "non-native English email", "source": "till_sqlite_rowid",
     "config": {"cartella_negozi": "{folder}"},
     "expect": {"tables": {"vendite": 114}, "min_columns": {"vendite": 8}},
     "unsaid": ["sales declares no key, so the rowid is not a column: SELECT * does not return it, it must be "
                "selected explicitly (SELECT rowid, *)",
                "negozio_torino.db runs the older till software: its sales table has no loyalty_card column, so a "
                "fixed column list fails on that file",
                "voided sales were deleted, so rowids have gaps (rowid is not a row count)",
                "each file also holds a settings table, and the folder holds LEGGIMI.txt"]},
    {"id": "l12-06", "style": "pasted DDL", "source": "erp_duckdb_schemas",
     "config": {"erp_duckdb_file": "{folder}/erp.duckdb"},
     "expect": {"tables": {"customers": 41, "invoices": 99}},
     "unsaid": ["customer_id and invoice_id start at 1 in both schemas: keys must include entity (de 24 + fr 17 "
                "customers, de 58 + fr 41 invoices)",
                "main still holds an old customers table (30 rows, other columns) from before the split: reading "
                "every schema that has a customers table adds it",
                "DECIMAL columns come back as Python Decimal, DATE / TIMESTAMP as date / datetime",
                "an unqualified `customers` resolves to main.customers"]},
    {"id": "l12-07", "style": "chatty", "source": "helpdesk_sqlite_cursor",
     "config": {"helpdesk_sqlite_path": "{folder}/helpdesk.sqlite"},
     "expect": {"tables": {"tickets": 120, "agents": 6}},
     "second_sync": {"changes": "in the same second as the newest updated_at of sync 1 (2024-09-05 17:00:03, the "
                                "auto-close job) three more tickets are closed and ticket 131 is created; later "
                                "nine new tickets, six updated, three hard-deleted",
                     "expect": {"tables": {"tickets": 130, "agents": 6}, "deleted": {"tickets": 3}}},
     "unsaid": ["updated_at is TEXT with whole seconds, and the auto-close job updates many tickets in one second "
                "(6 share the newest updated_at at sync 1): a strict `updated_at > cursor` loses the rows written "
                "in that second after the sync read, the cursor must be inclusive (>=) and upsert again",
                "deleted tickets leave no row: compare the ids present with the ids seen (a trigger also logs them "
                "in ticket_deletions, which holds 10 spam tickets deleted before the first sync)",
                "ticket ids have gaps from the earlier spam deletions"]},
    {"id": "l12-08", "style": "pasted spec sheet", "source": "staff_json_children",
     "config": {"staff_json_dir": "{folder}"},
     "expect": {"tables": {"employees": 38, "employee_certifications": 87}, "min_columns": {"employees": 7}},
     "unsaid": ["a renewed certificate is a second entry with the same code (26 such repeats): keying the child by "
                "employee + code collapses them; key it by employee + position in the array",
                "some documents have an empty certifications array, others have no certifications key at all",
                "_index.json in the same folder is the export's listing (export, generated_at, count, files), not an "
                "employee",
                "manager_id is null for a few employees"]},
]


def check() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for task in TASKS:
            with sources.make(task["source"], Path(tmp) / task["id"]) as src:
                stages = [("sync 1", task["expect"])]
                if task.get("second_sync"):
                    stages.append(("sync 2", task["second_sync"]["expect"]))
                for stage, expect in stages:
                    if stage == "sync 2":
                        src.advance()
                    got = src.counts()
                    want = {t: (n, (expect.get("deleted") or {}).get(t, 0)) for t, n in expect["tables"].items()}
                    assert got == want, f"{task['id']} {stage}: source gives {got}, task says {want}"


def main() -> None:
    check()
    with tempfile.TemporaryDirectory() as tmp:
        texts = requests(Path(tmp))
    out = []
    for task in TASKS:
        data = {"id": task["id"], "split": "tune", "style": task["style"], "source": task["source"],
                "request": texts[task["id"]], "config": task["config"], "expect": task["expect"]}
        if task.get("second_sync"):
            data["second_sync"] = task["second_sync"]
        data["unsaid"] = task["unsaid"]
        out.append(data)
        ref = HERE / "reference" / task["id"]
        ref.mkdir(parents=True, exist_ok=True)
        (ref / "configuration.json").write_text(json.dumps(task["config"]))
    (HERE / "tasks.json").write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {len(out)} tasks")


if __name__ == "__main__":
    main()
