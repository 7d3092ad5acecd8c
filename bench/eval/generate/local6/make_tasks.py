"""Writes tasks.json and reference/<id>/configuration.json for the local6 set (edit this, not tasks.json).

Two requests quote the source as the user would paste it: l6-05 an `ls -la` listing and a `head` of an
export, l6-06 the `.schema` of the SQLite file. Both are produced here from a source made in a temporary
folder, so sizes, dates and DDL match what sources.py writes; the path in them stays a placeholder.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from datetime import datetime
from pathlib import Path

import sources

HERE = Path(__file__).resolve().parent


def _ls_la(folder: Path) -> str:
    """`ls -la` as the user would have seen it on the day of the last export (owner names made up)."""
    entries = sorted(folder.iterdir(), key=lambda p: p.name)
    rows = [("drwxr-xr-x", 2, "svc-export", 4096, datetime(2024, 6, 17, 9, 2), "."),
            ("drwxr-xr-x", 5, "svc-export", 4096, datetime(2024, 5, 27, 11, 40), "..")]
    for p in entries:
        owner = "jane" if p.name.startswith(".~lock") else "svc-export"
        mode = "-rw-rw-r--" if owner == "jane" else "-rw-r--r--"
        rows.append((mode, 1, owner, p.stat().st_size, datetime.fromtimestamp(p.stat().st_mtime), p.name))
    total = sum((r[3] + 4095) // 4096 * 4 for r in rows)
    size_w = max(len(str(r[3])) for r in rows)
    own_w = max(len(r[2]) for r in rows)
    out = [f"total {total}"]
    for mode, links, owner, size, when, name in rows:
        out.append(f"{mode} {links} {owner.ljust(own_w)} {owner.ljust(own_w)} {str(size).rjust(size_w)} "
                   f"{when.strftime('%b')} {when.day:>2} {when.strftime('%H:%M')} {name}")
    return "\n".join(out)


def _pasted_sources() -> tuple[str, str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        with sources.make("member_exports", Path(tmp) / "m") as src:
            folder = Path(src.values["folder"])
            listing = _ls_la(folder)
            head = "".join((folder / "members_export_2024-06-17.csv").read_text().splitlines(keepends=True)[:5])
        with sources.make("sensor_sqlite", Path(tmp) / "s") as src:
            con = sqlite3.connect(src.values["db_path"])
            ddl = "\n".join(r[0] + ";" for r in con.execute(
                "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid"))
            con.close()
    return listing, head.rstrip("\n"), ddl


LISTING, HEAD, SCHEMA = _pasted_sources()

TASKS = [
    {
        "id": "l6-01", "style": "slack", "source": "scanner_tsv",
        "request": "hey can you knock together a fivetran connector sdk connector for the dock scanner exports? "
                   "they land as tab separated scans_YYYYMMDD.tsv in {folder} (make the folder a config value "
                   "called drop_zone), one file per day and the scanners keep writing into the current day's file "
                   "as they go. all of it into one table `scans`, scan_id is unique. ty!",
        "config": {"drop_zone": "{folder}"},
        "expect": {"tables": {"scans": 172}},
        "second_sync": {"expect": {"tables": {"scans": 229}}},
        "unsaid": ["the current day's file grows in place between syncs (same name, new size and mtime): a file "
                   "already read must be read again when it changes, not skipped by name",
                   "a new day's file appears before sync 2",
                   "qty is an integer, the note column is often empty",
                   "no quoting in the TSV: plain tab-split or csv with delimiter '\\t'"],
    },
    {
        "id": "l6-02", "style": "email", "source": "fieldops_sqlite",
        "request": "Subject: Connector for the FieldOps SQLite file\n\n"
                   "Hi,\n\n"
                   "our field service app (FieldOps) keeps everything in one SQLite file, which we copy to "
                   "{db_path} on the reporting server. Could you write a Fivetran Connector SDK connector for it? "
                   "The file path should be a configuration value named `sqlite_path`.\n\n"
                   "We only need two of the tables:\n"
                   "- technicians: small, fine to reload completely every time, keep the name.\n"
                   "- jobs: please land it as `service_jobs`. This is the one that keeps growing, so only pick up "
                   "new and changed rows using its updated_at column.\n\n"
                   "Please leave out job_photos (just image blobs), app_settings and sync_outbox.\n\n"
                   "One thing our developer mentioned when I asked about updated_at: the nightly import stamps "
                   "every row it writes with the time the import started, not the time of the individual write, "
                   "and an import can run for quite a while.\n\n"
                   "Thanks a lot,\nMartina\nOperations Analyst",
        "config": {"sqlite_path": "{db_path}"},
        "expect": {"tables": {"technicians": 12, "service_jobs": 240}},
        "second_sync": {"expect": {"tables": {"technicians": 13, "service_jobs": 268}}},
        "unsaid": ["rows stamped with the last updated_at seen in sync 1 are still written after it (8 late rows "
                   "of the 2024-06-13 import): the cursor comparison must be >=, not >",
                   "jobs is renamed service_jobs; only two of five tables (plus sqlite_sequence) are synced",
                   "open the file read-only; updated_at is text 'YYYY-MM-DD HH:MM:SS' (compares as text)",
                   "technicians grows by one row before sync 2"],
    },
    {
        "id": "l6-03", "style": "numbered-list", "source": "order_feed",
        "request": "Need a Fivetran Connector SDK connector (Python) for our shop's order export. Requirements:\n\n"
                   "1. Read every orders-*.jsonl.gz file in the folder given by the config key `landing` "
                   "(right now that's {folder}). New files arrive a few times a day; each one is gzipped JSON "
                   "lines, one order per line.\n"
                   "2. Table `orders`: one row per order_id. Flatten the `customer` and `shipping` objects into "
                   "columns (customer_id, customer_email, customer_country, shipping_method, shipping_cost).\n"
                   "3. Table `order_items`: one row per entry of the order's `items` array, with the order_id on "
                   "each row.\n"
                   "4. An order can come again in a later file when its status changes - the latest version wins.\n"
                   "5. Don't re-read files that were already loaded.",
        "config": {"landing": "{folder}"},
        "expect": {"tables": {"orders": 120, "order_items": 333}},
        "second_sync": {"expect": {"tables": {"orders": 150, "order_items": 414}}},
        "unsaid": ["the same SKU can appear twice in one order (a BOGO promo line at price 0), so (order_id, sku) "
                   "is not unique: key order_items by (order_id, position in the array)",
                   "items have no id or line number of their own",
                   "re-sent orders carry the same items, so their item rows just upsert again",
                   "files must be read in name (time) order so the re-sent order overwrites the old one"],
    },
    {
        "id": "l6-04", "style": "non-native", "source": "erp_duckdb",
        "request": "Hello, I need help to make a connector with the Fivetran Connector SDK. Our BI team is giving "
                   "us a DuckDB file, it is at {db_path}, please the path read from the configuration key "
                   "`warehouse_file`. Inside, all the tables what we need are in the schema `erp`, not in main. "
                   "I need `customers` and `invoices`, and also `v_customer_revenue`, but in the destination this "
                   "one should have the name `customer_revenue`. In the file there is no primary keys defined, "
                   "but customer_no is unique in customers and in v_customer_revenue, and invoice_no is unique in "
                   "invoices. The other things inside (load_log, tmp tables) we don't need. It is okay to read "
                   "everything again each time, the data is not big. Thank you very much for your help!",
        "config": {"warehouse_file": "{db_path}"},
        "expect": {"tables": {"customers": 40, "invoices": 300, "customer_revenue": 40},
                   "min_columns": {"customer_revenue": 5}},
        "second_sync": {"expect": {"tables": {"customers": 42, "invoices": 330, "customer_revenue": 42}}},
        "unsaid": ["v_customer_revenue is a view: it is not listed by duckdb_tables() or as a BASE TABLE",
                   "relations must be schema-qualified (erp.customers): unqualified names resolve to main",
                   "DECIMAL, DATE and BOOLEAN columns; DECIMAL/DATE values must be converted for the SDK",
                   "open the file read-only; duckdb goes in requirements.txt"],
    },
    {
        "id": "l6-05", "style": "ls-head", "source": "member_exports",
        "request": "can you write me a Fivetran connector (the python Connector SDK) for these? our gym software "
                   "drops a members export here every monday morning:\n\n"
                   "```\n$ ls -la {folder}\n" + LISTING + "\n"
                   "$ head -5 {folder}/members_export_2024-06-17.csv\n" + HEAD + "\n```\n\n"
                   "I want one table `members` with the columns member_id, first_name, last_name, email, "
                   "joined_on, plan. member id is the key - a member shows up again in a later export when "
                   "something changed (usually the plan), and the newest export should win. Put the folder in "
                   "the config as `csv_root`.",
        "config": {"csv_root": "{folder}"},
        "expect": {"tables": {"members": 125}, "min_columns": {"members": 6}},
        "second_sync": {"expect": {"tables": {"members": 140}}},
        "unsaid": ["every field, header included, is padded with trailing spaces to the column width: header "
                   "names must be stripped before they become column names ('MEMBER ID ' -> member_id), values "
                   "stripped too",
                   "header case and punctuation differ from the wanted names (E-Mail -> email, Joined On -> joined_on)",
                   "the LibreOffice lock file .~lock....csv# is not an export",
                   "exports must be applied in date order; a new export (2024-06-24) arrives before sync 2"],
    },
    {
        "id": "l6-06", "style": "schema-paste", "source": "sensor_sqlite",
        "request": "Greenhouse sensor DB, SQLite, lives at {db_path} (config key `db_file` please). This is what "
                   "it looks like:\n\n"
                   "```\nsqlite> .schema\n" + SCHEMA + "\n```\n\n"
                   "Need a Fivetran Connector SDK connector that syncs sites, sensors and readings, plus the "
                   "v_daily_readings view as a table called `daily_readings`. Skip calibration_log. When a sensor "
                   "gets recalibrated we correct its readings in place. It's small, a full re-read every sync is fine.",
        "config": {"db_file": "{db_path}"},
        "expect": {"tables": {"sites": 3, "sensors": 10, "readings": 300, "daily_readings": 50}},
        "second_sync": {"expect": {"tables": {"sites": 3, "sensors": 10, "readings": 360, "daily_readings": 60}}},
        "unsaid": ["readings has no declared primary key: the natural key is (sensor_id, taken_at); without it a "
                   "corrected reading lands as a second row",
                   "the view needs a key too, (sensor_id, day): its rows change when readings are corrected",
                   "12 readings of 2024-05-04 are corrected in place and a new day is added before sync 2",
                   "a view is listed in sqlite_master with type 'view', not 'table'"],
    },
    {
        "id": "l6-07", "style": "ticket", "source": "helpdesk_sqlite",
        "request": "DATA-482  Sync helpdesk SQLite into the warehouse (Fivetran Connector SDK)\n"
                   "Type: Story | Priority: Medium | Component: Data Platform | Reporter: T. Lindqvist\n\n"
                   "Description\n"
                   "The helpdesk tool writes to a SQLite database at {db_path}. Build a custom connector with the "
                   "Fivetran Connector SDK (Python) that syncs it. The database path must come from the connector "
                   "configuration, key `helpdesk_db`.\n\n"
                   "Scope\n"
                   "* tickets -> destination table `support_tickets` (PK id)\n"
                   "* agents -> destination table `agents` (PK agent_id)\n"
                   "* everything else (macros, sessions) is out of scope\n\n"
                   "Technical notes\n"
                   "* Every write to tickets sets `version` to a new, higher number (one counter for the whole "
                   "table, never goes down). Use it as the incremental cursor; don't re-read the whole table.\n"
                   "* agents is tiny, a full reload each sync is fine.\n"
                   "* Tickets are never physically deleted: deleting in the UI sets is_deleted = 1 (which also bumps "
                   "version).\n\n"
                   "Acceptance criteria\n"
                   "- Second and later syncs only read tickets with a version above the last one synced.\n"
                   "- A ticket deleted in the UI does not remain a live row in support_tickets.\n"
                   "- New agents show up after the next sync.",
        "config": {"helpdesk_db": "{db_path}"},
        "expect": {"tables": {"support_tickets": 200, "agents": 9}},
        "second_sync": {"expect": {"tables": {"support_tickets": 225, "agents": 10}, "deleted": {"support_tickets": 5}}},
        "unsaid": ["a row with is_deleted = 1 must become op.delete: filtering is_deleted = 0 in the query never "
                   "sees the deletion and leaves the old row live",
                   "5 tickets are deleted, 12 updated and 25 created before sync 2",
                   "the cursor is the max version read, saved with op.checkpoint",
                   "open the file read-only"],
    },
    {
        "id": "l6-08", "style": "chatty", "source": "donations_json",
        "request": "Hi! So I volunteer at a food bank and we use a little donations app that exports everything to "
                   "JSON every night. In {folder} there's a donors.json and one donations_YYYY-MM.json per month - "
                   "each one is a big pretty-printed JSON list of objects. The current month's file gets rewritten "
                   "every night with everything for the month so far, older months don't change anymore, and "
                   "donors.json is the whole donor list, also rewritten nightly. I'd love a Fivetran Connector SDK "
                   "connector that puts these into two tables, donations and donors (the ids are `id` and "
                   "`donor_id`). The folder should be a setting in the config called `donations_dir`. Oh, and one "
                   "more thing: when a donation gets voided it simply disappears from that month's file, so we'd "
                   "want it to show up as deleted on our side rather than hang around. Thanks so much!!",
        "config": {"donations_dir": "{folder}"},
        "expect": {"tables": {"donations": 160, "donors": 45}},
        "second_sync": {"expect": {"tables": {"donations": 185, "donors": 49}, "deleted": {"donations": 3}}},
        "unsaid": ["the current month's file is rewritten in place (same name): change is seen by mtime/size",
                   "to notice a vanished donation the connector must remember which ids each file held (state) "
                   "and op.delete the ones missing from the new version",
                   "amount_eur and weight_kg are null depending on kind",
                   "2 donations are corrected, 25 added and 3 voided in June before sync 2; 4 new donors"],
    },
]


def main() -> None:
    out = []
    for t in TASKS:
        task = {"id": t["id"], "split": "tune", "style": t["style"], "source": t["source"], "request": t["request"],
                "config": t["config"], "expect": t["expect"], "second_sync": t["second_sync"], "unsaid": t["unsaid"]}
        out.append(task)
        ref = HERE / "reference" / t["id"]
        ref.mkdir(parents=True, exist_ok=True)
        (ref / "configuration.json").write_text(json.dumps(t["config"], indent=2) + "\n")
    (HERE / "tasks.json").write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {len(out)} tasks to tasks.json")


if __name__ == "__main__":
    main()
