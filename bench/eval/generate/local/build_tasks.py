"""Writes tasks.json (and the configuration.json of references whose task names config keys).

The split is drawn with random.Random(78), stratified by kind so that each kind is half tune, half report.
Run: venv/bin/python build_tasks.py
"""
import json
import pathlib
import random

HERE = pathlib.Path(__file__).resolve().parent

TASKS = [
    {
        "id": "l-01", "style": "terse", "source": "csv_shop_exports", "kind": "csv",
        "request": "csv files in {folder} -> one table per file pls",
        "config": {},
        "expect": {"tables": {"customers": 40, "products": 25, "suppliers": 8}},
        "second_sync": None,
        "unsaid": ["the primary keys (id, sku, supplier_id: the first column of each file)",
                   "that the folder also holds a README.txt that is not data",
                   "that suppliers.csv has quoted fields containing commas and double quotes"],
        "notes": "The path is given inline in the request; config is empty, so the connector may hard-code the path or "
                 "expose it as a configuration key with that default. Table names are the file stems.",
    },
    {
        "id": "l-02", "style": "chatty", "source": "csv_monthly_orders", "kind": "csv",
        "request": (
            "Hi! So our point-of-sale system has this quirk where it exports a fresh CSV every month instead of "
            "appending to one big file. Everything lands in one folder: there's orders_2024-01.csv, orders_2024-02.csv "
            "and so on, and the same idea for refunds (refunds_2024-02.csv etc. - not every month has refunds, "
            "thankfully). There's also a stores.csv in there that hardly ever changes.\n\n"
            "What I'd love is three tables in the warehouse: orders (all the monthly order files stacked together), "
            "refunds (same thing) and stores. The folder path will come in through the config, let's call that "
            "setting export_dir. Thanks a ton!"),
        "config": {"export_dir": "{folder}"},
        "expect": {"tables": {"orders": 1200, "refunds": 28, "stores": 12}},
        "second_sync": None,
        "unsaid": ["the keys (order_id is unique across all monthly files, refund_id, store_id)",
                   "how many monthly files exist (six order files, three refund files)"],
        "notes": "Several files make one table by name prefix. A table per file (orders_2024_01 ...) is a failure.",
    },
    {
        "id": "l-03", "style": "non-native", "source": "csv_semicolon_de", "kind": "csv",
        "request": (
            "Hello, i have export from our old ERP system, two files Umsaetze.csv and Kunden.csv. They are not "
            "separated with comma but with semicolon (;) and the amounts use comma for decimal like 1560,10 . Also "
            "the column names have spaces inside like \"Beleg Nr\", please make them normal for database. I need "
            "tables umsaetze and kunden. The folder i give you in configuration as \"path\". Thank you very much"),
        "config": {"path": "{folder}"},
        "expect": {"tables": {"umsaetze": 480, "kunden": 60}, "min_columns": {"umsaetze": 6, "kunden": 5}},
        "second_sync": None,
        "unsaid": ["that both files start with a UTF-8 byte-order mark (Excel export)",
                   "that some fields contain a semicolon inside double quotes and German umlauts",
                   "the keys (Beleg Nr, Kunden Nr)", "that dates are dd.mm.yyyy"],
        "notes": "A BOM left in the first header name (\"\\ufeffBeleg Nr\") breaks a key lookup on 'Beleg Nr'. "
                 "Column names are not checked, only row counts.",
    },
    {
        "id": "l-04", "style": "ticket", "source": "csv_vendor_drops", "kind": "csv",
        "request": (
            "DATA-412: Ingest vendor inventory drops\n"
            "Reporter: ops-analytics | Priority: P2\n\n"
            "Summary: Our 3PL vendor uploads one CSV per day into a folder on the ingest host "
            "(inventory_YYYYMMDD.csv). We need them in the warehouse as a single table inventory_movements.\n\n"
            "Details:\n"
            " * Each row is one stock movement; movement_id is unique across all files.\n"
            " * Files are never modified after they land, so each sync should only pick up files it hasn't loaded yet.\n"
            " * The vendor uploads as .csv.tmp and renames to .csv when the upload is complete.\n"
            " * Folder path comes from config key inbound_dir.\n\n"
            "Acceptance: all movements from all completed files are in inventory_movements, and files that arrive "
            "later get picked up on the next sync."),
        "config": {"inbound_dir": "{folder}"},
        "expect": {"tables": {"inventory_movements": 450}},
        "second_sync": {"expect": {"tables": {"inventory_movements": 600}, "min_columns": {"inventory_movements": 6}}},
        "unsaid": ["that the next file adds a column batch_no",
                   "that qty, an integer so far, holds \"N/A\" in some rows of the next file",
                   "that an unfinished inventory_20240305.csv.tmp will sit in the folder at the second sync"],
        "notes": "advance() adds inventory_20240304.csv (150 rows, extra column, 'N/A' in qty) and a 40-row .csv.tmp "
                 "that must not be loaded. Declaring qty as INT makes the second sync fail.",
    },
    {
        "id": "l-05", "style": "bullets", "source": "jsonl_events", "kind": "json",
        "request": (
            "Need a connector for our clickstream dumps:\n"
            "- folder (config key `events_dir`) gets one file per day, named like 2024-05-01.jsonl\n"
            "- some days are gzipped (.jsonl.gz), some aren't - both need to be read\n"
            "- one JSON object per line -> table `events`\n"
            "- event_id is the unique id; delivery is at-least-once so the same event can show up in two files, "
            "keep one row per event_id\n"
            "- only read new files on each sync, files don't change once written"),
        "config": {"events_dir": "{folder}"},
        "expect": {"tables": {"events": 1970}},
        "second_sync": {"expect": {"tables": {"events": 2560}}},
        "unsaid": ["that properties is a nested object whose shape depends on the event type, and context appears "
                   "only on some events", "that plain .jsonl files end with a blank line"],
        "notes": "Four files (2 plain, 2 gzip) of 500 lines each; each file after the first repeats the last 10 events "
                 "of the previous one. advance() adds 2024-05-05.jsonl.gz (600 lines, 10 repeats).",
    },
    {
        "id": "l-06", "style": "chatty", "source": "json_arrays", "kind": "json",
        "request": (
            "Hey there - a colleague dumped our project-management tool's API responses to disk for me, they're in "
            "{folder}. Each file is just one big JSON array of objects: users.json, teams.json and projects.json. "
            "I'd like each of them as a table named after the file (so users, teams, projects). Some fields are "
            "nested objects or lists (addresses, roles, tags, the project owner...) - I don't really care how those "
            "end up as long as nothing breaks. It's a one-off-ish thing for now, but the dump might get refreshed "
            "later, so re-running it shouldn't duplicate anything."),
        "config": {},
        "expect": {"tables": {"users": 120, "teams": 15, "projects": 45}},
        "second_sync": None,
        "unsaid": ["the keys (id in every file; string ids like PRJ-001 for projects)",
                   "that some keys (manager_id) appear only on some objects and budget is sometimes null",
                   "that users.json is one line while the others are pretty-printed"],
        "notes": "Path given inline; config is empty.",
    },
    {
        "id": "l-07", "style": "terse", "source": "sqlite_sensor_readings", "kind": "volume",
        "request": "sync the readings table from the sqlite db at {db_path}",
        "config": {},
        "expect": {"tables": {"readings": 25000}},
        "second_sync": None,
        "unsaid": ["the size (25,000 rows: read in batches, checkpoint as you go)",
                   "the primary key (id INTEGER PRIMARY KEY, in the schema)",
                   "that the db also has a sensors table, which was not asked for"],
        "notes": "Path given inline; config is empty. Syncing sensors too is a failure (unexpected table).",
    },
    {
        "id": "l-08", "style": "terse", "source": "sqlite_shop_all", "kind": "sqlite_multi",
        "request": "Sync everything in my SQLite database. Path will be in the config.",
        "config": {"db_path": "{db_path}"},
        "expect": {"tables": {"customers": 40, "orders": 2500, "order_items": 5056, "refunds": 0}},
        "second_sync": None,
        "unsaid": ["the table names", "the primary keys and foreign keys, which are only in the database schema "
                   "(orders.order_no is TEXT, order_items has a composite key (order_no, line_no))",
                   "that refunds is empty", "that sqlite_sequence (AUTOINCREMENT bookkeeping) exists and is not data"],
        "notes": "The request names no configuration key; the natural 'db_path' was chosen. refunds may be absent from "
                 "warehouse.db (fivetran debug only creates an empty table if its columns are declared) or present "
                 "with 0 rows. A key of order_no alone on order_items gives 2500 rows instead of 5056.",
    },
    {
        "id": "l-09", "style": "non-native", "source": "sqlite_crm_subset", "kind": "sqlite_multi",
        "request": (
            "Hi, we have sqlite file from CRM software, there is many tables inside but i only want the orders and "
            "the customers, other things (logs, migrations, notes) we dont need. Path to the file i put in config "
            "with name database_file. Please make it work with fivetran. thanks"),
        "config": {"database_file": "{db_path}"},
        "expect": {"tables": {"customer": 300, "sales_order": 1200}},
        "second_sync": None,
        "unsaid": ["the real table names (customer and sales_order; the others are customer_note, audit_log, "
                   "schema_migrations)", "the keys (id, in the schema)"],
        "notes": "Loose naming: 'the orders' is sales_order, 'the customers' is customer. Syncing customer_note, "
                 "audit_log or schema_migrations is a failure.",
    },
    {
        "id": "l-10", "style": "schema-paste", "source": "sqlite_school_composite", "kind": "sqlite_multi",
        "request": (
            "Here's the schema of our student records DB (SQLite). Please build a connector that syncs all three "
            "tables. Path is in config key `sqlite_path`. Grades get corrected after the fact and new terms get "
            "added, so every sync should reflect the current state.\n\n"
            "```sql\n"
            "CREATE TABLE students (\n"
            "    student_id   INTEGER PRIMARY KEY,\n"
            "    full_name    TEXT NOT NULL,\n"
            "    cohort       TEXT\n"
            ");\n"
            "CREATE TABLE courses (\n"
            "    course_code  TEXT PRIMARY KEY,\n"
            "    title        TEXT NOT NULL,\n"
            "    credits      INTEGER\n"
            ");\n"
            "CREATE TABLE enrollments (\n"
            "    student_id   INTEGER NOT NULL REFERENCES students(student_id),\n"
            "    course_code  TEXT    NOT NULL REFERENCES courses(course_code),\n"
            "    term         TEXT    NOT NULL,\n"
            "    grade        TEXT,\n"
            "    PRIMARY KEY (student_id, course_code, term)\n"
            ");\n"
            "```"),
        "config": {"sqlite_path": "{db_path}"},
        "expect": {"tables": {"students": 200, "courses": 30, "enrollments": 1500}},
        "second_sync": {"expect": {"tables": {"students": 200, "courses": 30, "enrollments": 1800}}},
        "unsaid": ["that there is no timestamp column to sync incrementally on (re-read or compare)"],
        "notes": "Key on (student_id, course_code) only would give 1626 rows after the second sync, student_id alone "
                 "200. advance() adds 300 enrollments for term 2024-FA and changes 50 grades.",
    },
    {
        "id": "l-11", "style": "ticket", "source": "sqlite_analytics_nopk_view", "kind": "sqlite_multi",
        "request": (
            "[ANL-77] Bring web analytics SQLite into the warehouse\n"
            "Type: Task   Component: data-platform\n\n"
            "Description:\n"
            "Marketing keeps a SQLite file (analytics.db) that a cron job appends page views to. Please set up a "
            "Fivetran connector for:\n"
            "1. page_views - raw table. Heads-up: it has no primary key at all.\n"
            "2. daily_summary - this is a VIEW in the db, not a table, but we want it landed as a table too.\n"
            "Ignore bot_hits.\n\n"
            "Connection: the file path will be provided in the connector config as `db_file`."),
        "config": {"db_file": "{db_path}"},
        "expect": {"tables": {"page_views": 3000, "daily_summary": 64}},
        "second_sync": None,
        "unsaid": ["how to key page_views (no two rows are identical, so a hash of all columns or SQLite's rowid both "
                   "work)", "the natural key of the view (day, url)"],
        "notes": "Picking session_id or url as a key collapses page_views. Views are not listed by "
                 "type='table' in sqlite_master.",
    },
    {
        "id": "l-12", "style": "chatty", "source": "sqlite_helpdesk_same_second", "kind": "incr_delete",
        "request": (
            "Hi! I run a small helpdesk app and its data lives in a SQLite file at {db_path}. I'd like to get the "
            "tickets table into the warehouse, plus the agents table (tiny, a dozen rows, just reload it every time). "
            "Tickets is the important one: it gets updated constantly and in production it'll be way too big to "
            "re-read on every sync, so please do it incrementally off the updated_at column - it's a text timestamp "
            "like '2024-06-30 17:45:12', only second precision. New tickets and edits both bump updated_at. Would "
            "be great if later runs only pick up what changed!"),
        "config": {},
        "expect": {"tables": {"tickets": 1000, "agents": 12}},
        "second_sync": {"expect": {"tables": {"tickets": 1025, "agents": 12}}},
        "unsaid": ["that many rows share the same updated_at second (bulk jobs: 1000 tickets over ~120 seconds)",
                   "that rows get committed in the same second as the last cursor after a sync, so a strict '>' "
                   "cursor loses them"],
        "notes": "Path inline; config empty. The newest second of the first sync (2024-06-30 17:45:12) holds 8 rows; "
                 "advance() inserts 5 more tickets and updates 10 old ones in that same second, then adds 20 later "
                 "ones. With 'updated_at > cursor' the second sync ends at 1020.",
    },
    {
        "id": "l-13", "style": "bullets", "source": "sqlite_contacts_deleted_at", "kind": "incr_delete",
        "request": (
            "contacts connector spec\n"
            "* source: SQLite, path in config as `db_path`\n"
            "* tables: companies, contacts\n"
            "* both have updated_at (text, 'YYYY-MM-DD HH:MM:SS') - sync incrementally on it\n"
            "* we never hard-delete; the app sets deleted_at instead. Those rows must show up as deleted in the "
            "destination (_fivetran_deleted = true), not as normal rows\n"
            "* id is the key on both"),
        "config": {"db_path": "{db_path}"},
        "expect": {"tables": {"companies": 90, "contacts": 800}, "deleted": {"companies": 0, "contacts": 0}},
        "second_sync": {"expect": {"tables": {"companies": 90, "contacts": 815},
                                   "deleted": {"companies": 2, "contacts": 6}}},
        "unsaid": ["that no row is soft-deleted at the first sync"],
        "notes": "advance() sets deleted_at on 6 contacts and 2 companies, edits 10 contacts and adds 15.",
    },
    {
        "id": "l-14", "style": "non-native", "source": "sqlite_catalog_is_deleted", "kind": "incr_delete",
        "request": (
            "Hallo, I need connector for product catalog in sqlite, the file is {db_path}. Tables products and "
            "categories. We not delete rows really, there is column is_deleted (0 or 1). When is_deleted = 1 the row "
            "should be still in destination but marked as deleted (_fivetran_deleted). Sometimes a product comes "
            "back (is_deleted goes again to 0), then it should be normal again. products has modified_at, "
            "categories has no date column."),
        "config": {},
        "expect": {"tables": {"products": 400, "categories": 20}, "deleted": {"products": 12, "categories": 1}},
        "second_sync": {"expect": {"tables": {"products": 420, "categories": 20},
                                   "deleted": {"products": 16, "categories": 1}}},
        "unsaid": ["the keys (product_id TEXT, category_id, in the schema)",
                   "that some rows are already flagged at the first sync"],
        "notes": "Path inline; config empty. advance() flags 5 more products, un-flags 1 and adds 20.",
    },
    {
        "id": "l-15", "style": "bullets", "source": "duckdb_taxi", "kind": "duckdb",
        "request": (
            "What I need:\n"
            "- source: a DuckDB database file with our taxi rides, path in config under `duckdb_file`\n"
            "- sync all the tables in it, same names\n"
            "- keys are defined in the DuckDB schema\n"
            "- full reload each run is fine, it's small"),
        "config": {"duckdb_file": "{db_path}"},
        "expect": {"tables": {"trips": 4000, "zones": 60, "vendors": 3, "fare_adjustments": 0}},
        "second_sync": None,
        "unsaid": ["the table names", "DuckDB types needing care (DECIMAL, UUID, DATE, TIMESTAMP, VARCHAR[] lists)",
                   "that fare_adjustments is empty", "that the file should be opened read-only"],
        "notes": "fare_adjustments may be absent or present with 0 rows.",
    },
    {
        "id": "l-16", "style": "ticket", "source": "duckdb_accounts_snapshot", "kind": "duckdb",
        "request": (
            "Support request #8841\n"
            "Subject: Accounts removed from source aren't reflected in warehouse\n\n"
            "Hi team, we need a connector for the DuckDB file our finance close process writes to {db_path}. "
            "Two tables:\n"
            "- accounts: a full snapshot that gets rewritten; closed accounts are simply removed from it. When an "
            "account disappears from the file it must show as deleted in the warehouse (soft delete is fine), not "
            "linger as active.\n"
            "- ledger_entries: append-only, entry_id only ever increases.\n"
            "Please make sure a second sync handles both cases. Thanks, Finance Systems"),
        "config": {},
        "expect": {"tables": {"accounts": 300, "ledger_entries": 2000}, "deleted": {"accounts": 0}},
        "second_sync": {"expect": {"tables": {"accounts": 310, "ledger_entries": 2500}, "deleted": {"accounts": 7}}},
        "unsaid": ["the keys (account_id VARCHAR, entry_id, in the DuckDB schema)",
                   "that deletions can only be found by comparing with the previous sync's keys"],
        "notes": "Path inline; config empty. advance() hard-deletes 7 accounts, changes 5, adds 10, and appends 500 "
                 "ledger entries.",
    },
    {
        "id": "l-17", "style": "schema-paste", "source": "sqlite_lab_type_change", "kind": "incr_delete",
        "request": (
            "Water lab DB, SQLite, at {db_path}. Schema:\n\n"
            "CREATE TABLE samples (\n"
            "    sample_id    TEXT PRIMARY KEY,\n"
            "    collected_at TEXT NOT NULL,\n"
            "    site         TEXT\n"
            ");\n"
            "CREATE TABLE measurements (\n"
            "    id           INTEGER PRIMARY KEY,\n"
            "    sample_id    TEXT NOT NULL REFERENCES samples(sample_id),\n"
            "    analyte      TEXT NOT NULL,\n"
            "    value        INTEGER,\n"
            "    measured_at  TEXT NOT NULL\n"
            ");\n\n"
            "Sync both. New measurements are inserted daily and never updated; id keeps increasing."),
        "config": {},
        "expect": {"tables": {"samples": 150, "measurements": 1500}},
        "second_sync": {"expect": {"tables": {"samples": 150, "measurements": 1600}, "min_columns": {"measurements": 6}}},
        "unsaid": ["that value, declared INTEGER, will hold the text 'N/A' in new rows (SQLite type affinity)",
                   "that a column unit is added to measurements before the second sync"],
        "notes": "Path inline; config empty. advance() runs ALTER TABLE ... ADD COLUMN unit and inserts 100 rows, "
                 "14 with value 'N/A'. Declaring value as INT in schema() fails the second sync.",
    },
    {
        "id": "l-18", "style": "schema-paste", "source": "duckdb_telemetry_volume", "kind": "volume",
        "request": (
            "Connector for our device telemetry. It's a DuckDB file; I'll pass the path in the config as "
            "`database`. DDL:\n\n"
            "CREATE TABLE devices (device_id VARCHAR PRIMARY KEY, model VARCHAR, installed_on DATE);\n"
            "CREATE TABLE events (event_id BIGINT PRIMARY KEY, device_id VARCHAR NOT NULL, "
            "event_ts TIMESTAMP NOT NULL, metric VARCHAR, value DOUBLE);\n\n"
            "events is big (tens of thousands of rows now, millions later) and only ever appended to - incremental "
            "on event_ts please. devices is small."),
        "config": {"database": "{db_path}"},
        "expect": {"tables": {"devices": 200, "events": 30000}},
        "second_sync": {"expect": {"tables": {"devices": 200, "events": 32500}}},
        "unsaid": ["that several events share one event_ts second, including the last second of the first sync and the first appended event", "batch size and checkpoint cadence"],
        "notes": "30,000 events at first; advance() appends 2,500; the first appended event has the same event_ts as the last event of the first sync, so a strict '>' cursor on event_ts ends at 32,499. A cursor on event_id also works.",
    },
]

# kinds for the stratified split (each has an even number of tasks)
KIND_ORDER = ["csv", "json", "sqlite_multi", "incr_delete", "duckdb", "volume"]


def main():
    rng = random.Random(78)
    split = {}
    for kind in KIND_ORDER:
        ids = [t["id"] for t in TASKS if t["kind"] == kind]
        assert len(ids) % 2 == 0, kind
        rng.shuffle(ids)
        for i, tid in enumerate(ids):
            split[tid] = "tune" if i < len(ids) // 2 else "report"
    out = []
    for t in TASKS:
        t = dict(t)
        kind = t.pop("kind")
        row = {"id": t["id"], "split": split[t["id"]], "style": t["style"], "kind": kind, **{k: v for k, v in t.items() if k not in ("id", "style")}}
        out.append(row)
        ref = HERE / "reference" / t["id"]
        if t["config"]:
            (ref / "configuration.json").write_text(json.dumps(t["config"], indent=2) + "\n")
    (HERE / "tasks.json").write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
    for s in ("tune", "report"):
        print(s, [t["id"] for t in out if t["split"] == s])


if __name__ == "__main__":
    main()
