"""Writes tasks.json and each reference/<id>/configuration.json for the local8 set. Edit this file, not tasks.json.

The expected row counts are written out below; before writing, every source is built in a temporary folder
and its own counts (sync 1, then after advance()) are checked against them. The `.schema` pasted into l8-04
is what the sqlite3 shell prints for the file the source writes.
"""

import importlib.util
import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

_spec = importlib.util.spec_from_file_location("local8_sources", HERE / "sources.py")
assert _spec is not None and _spec.loader is not None
sources = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = sources
_spec.loader.exec_module(sources)


def _gym_schema() -> str:
    with tempfile.TemporaryDirectory() as tmp:
        return sources.GymSqlite(Path(tmp)).dot_schema()


HELPDESK_SAMPLE = '''Ticket ID,Subject,Status,Requester,Created,Updated,Description
1001,Password reset mail missing,open,ana@client-a.test,2024-08-28 20:36,2024-08-28 20:36,"Hi team,

Since this morning the ""Export"" button does nothing, no error.

Thanks,
Ana"
1002,Export to Excel fails,open,bob@client-b.test,2024-08-28 10:15,2024-08-28 10:15,"Hi team,

Log excerpt:
  ERROR 502, upstream timed out
  retry=3, gave up

Thanks,
Ana"
1003,App crashes on start,open,dina@client-d.test,2024-08-29 03:58,2024-08-29 03:58,"Hi team,
...'''


def tasks() -> list[dict]:
    return [
        {
            "id": "l8-01",
            "split": "tune",
            "style": "terse",
            "source": "app_events",
            "request": (
                "connector for our app event dumps. folder path in config as `event_dump_dir`. files are "
                "events-*.jsonl and events-*.jsonl.gz (gz = finished days), one JSON event per line. one table "
                "`events`, key event_id. incremental per file: only read files that are new or changed since the "
                "last sync, don't re-read the rest."
            ),
            "config": {"event_dump_dir": "{folder}"},
            "expect": {"tables": {"events": 300}, "min_columns": {"events": 6}},
            "second_sync": {
                "changes": "the running day's events-2024-09-03.jsonl grows in place by 40 events (same name, new "
                           "mtime); events-2024-09-04.jsonl arrives from app release 5.0.1 (80 events): error "
                           "`code`s are now text (AUTH_EXPIRED, HTTP_503, ...) instead of integers, and two new "
                           "fields app_version and os_version; node-b's events-2024-09-02.node-b.jsonl.gz (30 "
                           "events) is copied in late with its original, older mtime (plus its .md5)",
                "expect": {"tables": {"events": 450}, "min_columns": {"events": 8}},
            },
            "unsaid": [
                "the running day's plain .jsonl grows in place under the same name: remembering files by name only "
                "misses its new lines",
                "a late file from a second ingest node keeps its original modification time, older than files "
                "already synced: a single newest-mtime cursor skips it (track each file's size/mtime instead)",
                "every .jsonl.gz has a .md5 sidecar (events-...jsonl.gz.md5) that must not be parsed",
                "`code` is an integer (401, 503) for error events in sync 1 and text (AUTH_EXPIRED) in sync 2: "
                "declaring it INT, or casting it, breaks sync 2",
                "sync 2 records carry new fields app_version and os_version that must become columns",
                "`props` is a nested object (JSON column or flattened); ts is ISO with milliseconds and Z",
            ],
        },
        {
            "id": "l8-02",
            "split": "tune",
            "style": "chatty",
            "source": "stock_sqlite",
            "request": (
                "Hey! So our warehouse management tool keeps everything in a SQLite file (inventory.db) and I'd love "
                "a Fivetran connector for it. Two tables matter: `warehouses`, which is tiny, just grab all of it "
                "every time, and `stock_levels`, which is the big one, so that should be incremental off its "
                "`updated_at` column.\n\n"
                "Heads up, this is the part that bit us before: the handheld scanners write stock counts in bursts "
                "and a whole burst gets stamped with the same second. Our old cron script did `WHERE updated_at > "
                "last_max` and we kept losing rows, because part of a burst was sometimes still committing when the "
                "script ran. So please make sure rows sharing the cursor second don't get lost, and also don't get "
                "duplicated: I want exactly one row per SKU per warehouse in the destination.\n\n"
                "Put the db path in a config setting called `inventory_db_path`. Thanks a ton!"
            ),
            "config": {"inventory_db_path": "{db_path}"},
            "expect": {"tables": {"warehouses": 3, "stock_levels": 150}},
            "second_sync": {
                "changes": "5 new stock rows (2 new SKUs) land with exactly the updated_at second of the newest rows "
                           "sync 1 read (a burst that was still committing); later, 12 rows are re-counted with "
                           "INSERT OR REPLACE (new rowids) and 9 new rows (3 SKUs x 3 warehouses) are written",
                "expect": {"tables": {"warehouses": 3, "stock_levels": 164}},
            },
            "unsaid": [
                "stock_levels has no primary key, only UNIQUE (sku, warehouse): that pair is the key",
                "rows are written with INSERT OR REPLACE, so a row's rowid changes on every write: rowid is no key",
                "updated_at is text 'YYYY-MM-DD HH:MM:SS' (second precision, compares as text); the newest second "
                "of sync 1 holds 6 rows and 5 more arrive with that same second before sync 2: a `>` cursor loses "
                "them, a `>=` cursor re-reads the 6 and the key de-duplicates them",
            ],
        },
        {
            "id": "l8-03",
            "split": "tune",
            "style": "ticket",
            "source": "crm_duckdb",
            "request": (
                "DATA-412: Ingest nightly CRM DuckDB snapshot\n"
                "Type: Story | Priority: P2 | Component: ingestion\n\n"
                "Background\n"
                "The CRM vendor drops a DuckDB file (crm.duckdb) on our share every night. Its path goes in the "
                "connector config as `crm_duckdb_path`.\n\n"
                "Scope\n"
                "- Tables: accounts, contacts, deals, account_tags (schema main). Nothing else from the file.\n"
                "- Every destination table needs a proper primary key. Note: not every table in the file declares "
                "one.\n"
                "- Soft deletes: accounts and contacts have a `deleted_at` column. Once it is set, the record must "
                "be a delete in the destination, not just a filled-in column.\n"
                "- account_tags: when someone removes a tag in the CRM, its row just disappears from the next file. "
                "The destination must show that as a delete as well.\n\n"
                "Acceptance\n"
                "- A rerun on an unchanged file changes nothing."
            ),
            "config": {"crm_duckdb_path": "{db_path}"},
            "expect": {"tables": {"accounts": 40, "contacts": 120, "deals": 90, "account_tags": 48}},
            "second_sync": {
                "changes": "accounts: 3 new (with tags), 4 edited, 2 soft-deleted; contacts: 10 new, 6 edited, 4 "
                           "soft-deleted; deals: 12 new, 8 change stage; account_tags: 6 rows removed, 7 added on "
                           "existing accounts",
                "expect": {"tables": {"accounts": 43, "contacts": 130, "deals": 102, "account_tags": 62},
                           "deleted": {"accounts": 2, "contacts": 4, "account_tags": 6}},
            },
            "unsaid": [
                "contacts and account_tags declare no primary key in the file: contact_id is unique, account_tags "
                "is one row per (account_id, tag); left keyless, edited contacts become extra rows and deletes "
                "match nothing",
                "removed tags can only be found by comparing with the previous sync (state) or by truncating and "
                "reloading the table",
                "the file also holds a sync_audit table and an open_pipeline view, not wanted",
                "DECIMAL(12,2), DATE and TIMESTAMP values need converting for the SDK",
            ],
        },
        {
            "id": "l8-04",
            "split": "tune",
            "style": "pasted .schema",
            "source": "gym_sqlite",
            "request": (
                "Need a connector for the gym's front-desk database (SQLite file). The file path goes in the config "
                "as `gym_db`. Here's what `.schema` gives me:\n\n```\n" + _gym_schema() + "\n```\n\n"
                "I only want `plans`, `members` and `legacy_turnstile_log`. That last one is a terrible name: in the "
                "warehouse it must be called `checkins`. Nothing else from that file should show up in the "
                "warehouse (sessions, staff, the full-text search stuff, migrations...)."
            ),
            "config": {"gym_db": "{db_path}"},
            "expect": {"tables": {"plans": 4, "members": 80, "checkins": 500}},
            "second_sync": {
                "changes": "6 new members, 2 members frozen (status changed in place), the Plus plan's monthly_fee "
                           "changes, 60 new turnstile scans, a new staff session",
                "expect": {"tables": {"plans": 4, "members": 86, "checkins": 560}},
            },
            "unsaid": [
                "the file also holds sqlite_sequence, sqlite_stat1 (ANALYZE) and the FTS5 table members_fts with "
                "its shadow tables members_fts_data/_idx/_docsize/_config, none wanted",
                "legacy_turnstile_log only grows (AUTOINCREMENT id), so it can be read from the last id",
                "members and plans have no updated_at: they change in place, so read them in full",
            ],
        },
        {
            "id": "l8-05",
            "split": "tune",
            "style": "non-native",
            "source": "bank_csv",
            "request": (
                "Hello, i am not developer, sorry for my english. I have one folder with CSV files from my bank "
                "(german bank). Every month I download one file Umsaetze_Girokonto_YYYY-MM.csv and put it in this "
                "folder, old files never change. I want all bookings in one table with name `buchungen`.\n"
                "Problem: the file is not normal CSV, on the top there are some lines with account number and "
                "Kontostand and after this the real header is coming. Also the Umlaute (ä ö ü) are broken when I "
                "open it in my editor.\n"
                "There is no ID for a booking!! And sometimes the same booking is two times on same day with same "
                "amount (coffee machine in office) - both are real, I need both rows.\n"
                "The folder path please in the config as `kontoauszuege_dir`. Thank you very much"
            ),
            "config": {"kontoauszuege_dir": "{folder}"},
            "expect": {"tables": {"buchungen": 123}},
            "second_sync": {
                "changes": "the September export Umsaetze_Girokonto_2024-09.csv arrives (40 bookings, one identical "
                           "coffee-machine pair)",
                "expect": {"tables": {"buchungen": 163}},
            },
            "unsaid": [
                "the files are Windows-1252 (cp1252), not UTF-8: reading them as UTF-8 fails on ä/ü/€",
                "`;`-separated, every field quoted, CRLF line ends, German numbers (1.234,56) and dates (31.07.2024)",
                "the preamble is 3 or 4 account lines (the July file has an extra Hinweis line) and an empty line: "
                "the header must be found (first cell Buchungstag), not skipped by a fixed count",
                "identical lines exist (3 pairs in sync 1): a content hash as key, or a keyless table, merges them; "
                "key on file + line number",
                "bookings are listed newest first",
            ],
        },
        {
            "id": "l8-06",
            "split": "tune",
            "style": "pasted file sample",
            "source": "helpdesk_csv",
            "request": (
                "Our helpdesk drops a weekly CSV export into a folder, tickets_YYYY-MM-DD.csv, each containing every "
                "ticket that was created or updated that week. I need them in a `tickets` table, one row per "
                "ticket, latest version wins. Folder path in the config as `ticket_export_path`. Top of one file:\n\n"
                "```\n" + HELPDESK_SAMPLE + "\n```\n\n"
                "We're upgrading the helpdesk soon and I'm told the export gets a few extra columns, so please "
                "don't hardcode the column list."
            ),
            "config": {"ticket_export_path": "{folder}"},
            "expect": {"tables": {"tickets": 90}, "min_columns": {"tickets": 7}},
            "second_sync": {
                "changes": "tickets_2024-09-15.csv in the new layout (Priority, Assignee and Tags added, columns "
                           "reordered): 15 new tickets and 10 updated ones",
                "expect": {"tables": {"tickets": 105}, "min_columns": {"tickets": 10}},
            },
            "unsaid": [
                "the files start with a UTF-8 byte-order mark: read as plain utf-8 the first column is "
                "'\\ufeffTicket ID' and the key is lost",
                "rows end in CRLF while the line breaks inside quoted descriptions are LF; the csv module with "
                "newline='' handles both, line-by-line splitting does not",
                "the second export repeats 12 tickets of the first (updated): files must be applied in date order",
                "the new layout reorders the columns, so values must be taken by header name",
            ],
        },
        {
            "id": "l8-07",
            "split": "tune",
            "style": "acceptance criteria",
            "source": "shop_sqlite",
            "request": (
                "Connector: storefront orders (SQLite)\n"
                "Config: `storefront_sqlite` = path to storefront.db\n\n"
                "Acceptance criteria:\n"
                "1. Table `orders`: one row per order, key `id`.\n"
                "2. Table `order_items`: one row per element of the order's `items` JSON array, keyed by the order "
                "id plus the line number (position in the array, starting at 1).\n"
                "3. Each sync reads only the orders changed since the last one (`updated_at`).\n"
                "4. An order with `is_deleted = 1` is deleted in the destination, together with all of its "
                "order_items rows.\n"
                "5. When an edit removes an item from an order's array, no stale order_items row stays live.\n"
                "6. No other tables from the file are synced.\n"
                "7. A second sync without changes adds nothing."
            ),
            "config": {"storefront_sqlite": "{db_path}"},
            "expect": {"tables": {"orders": 100, "order_items": 252}},
            "second_sync": {
                "changes": "20 new orders; 3 orders get an extra item; 3 orders lose their first or second item "
                           "(later items move up a position); 4 orders are soft-deleted (is_deleted = 1)",
                "expect": {"tables": {"orders": 120, "order_items": 304},
                           "deleted": {"orders": 4, "order_items": 12}},
            },
            "unsaid": [
                "`items` is JSON text in a TEXT column; items carry sku, name, qty, unit_price and sometimes a "
                "nested `options` object",
                "an item can be removed from the middle of the array, so positions shift: the rows past the new "
                "end must be deleted, which needs the previous item count (state) per order",
                "a deleted order keeps its items array in the row, so its item rows can be deleted from it",
                "updated_at is ISO text with milliseconds and Z; is_deleted is an integer 0/1",
                "the file also holds customers and carts, not wanted",
            ],
        },
        {
            "id": "l8-08",
            "split": "tune",
            "style": "forwarded email",
            "source": "courier_scans",
            "request": (
                "FYI, see below from Marta in ops. Can you build this as a connector? The folder path should go in "
                "the config under `scan_feed_dir`.\n\n"
                "---------- Forwarded message ---------\n"
                "From: Marta Reis\n"
                "Subject: parcel scan feed into the warehouse\n\n"
                "Hi! The carrier integration writes our parcel scan feed into a folder. Every time a shipment "
                "changes, a full snapshot of that shipment is written as one JSON line, including the whole list "
                "of its scan events so far. The day's lines go to shipments.jsonl; after midnight that file gets "
                "gzipped as shipments-YYYYMMDD.jsonl.gz and a fresh shipments.jsonl is started.\n"
                "We'd like two tables: `shipments` (one row per tracking number, latest snapshot) and "
                "`shipment_events` (one row per scan event of each shipment). The folder keeps growing, so please "
                "only read files that are new or changed since the last run.\n"
                "Thanks, Marta"
            ),
            "config": {"scan_feed_dir": "{folder}"},
            "expect": {"tables": {"shipments": 95, "shipment_events": 175}},
            "second_sync": {
                "changes": "the rest of Sep 3 is written, shipments.jsonl is rotated to shipments-20240903.jsonl.gz, "
                           "and a new shipments.jsonl (same name, new content: Sep 4, 30 new shipments and 40 scans "
                           "on existing ones) is started",
                "expect": {"tables": {"shipments": 140, "shipment_events": 285}},
            },
            "unsaid": [
                "after rotation shipments.jsonl is a different file under the same name: files remembered by name "
                "only miss the new day",
                "events have no id: key them by tracking_number plus position in the array (events are only "
                "appended) or by tracking_number + timestamp",
                "a shipment appears on many lines and in several files; files must be applied oldest first "
                "(rotated .gz by date, then shipments.jsonl)",
                "`destination` is a nested object",
            ],
        },
    ]


def _counts(source: str) -> tuple:
    with tempfile.TemporaryDirectory() as tmp, sources.make(source, Path(tmp)) as src:
        first = src.counts()
        src.advance()
        return first, src.counts()


def _as_expect(source: str, counts) -> dict:
    """The source's own counts in the shape of an `expect` (tables, deleted) for comparison."""
    if isinstance(counts, int):
        table = {"app_events": "events", "stock_sqlite": "stock_levels", "bank_csv": "buchungen",
                 "helpdesk_csv": "tickets"}[source]
        return {table: (counts, 0)}
    if isinstance(counts, tuple):  # courier_scans
        return {"shipments": (counts[0], 0), "shipment_events": (counts[1], 0)}
    return {t: (c if isinstance(c, tuple) else (c, 0)) for t, c in counts.items()}


def _check(task: dict) -> None:
    first, second = _counts(task["source"])
    for got, expect in ((first, task["expect"]), (second, task["second_sync"]["expect"])):
        for table, (rows, deleted) in _as_expect(task["source"], got).items():
            assert expect["tables"][table] == rows, (task["id"], table, rows, expect)
            assert (expect.get("deleted") or {}).get(table, 0) == deleted, (task["id"], table, deleted, expect)


def main() -> None:
    all_tasks = tasks()
    for task in all_tasks:
        _check(task)
        folder = HERE / "reference" / task["id"]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "configuration.json").write_text(json.dumps(task["config"]))
    (HERE / "tasks.json").write_text(json.dumps(all_tasks, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {len(all_tasks)} tasks")


if __name__ == "__main__":
    main()
