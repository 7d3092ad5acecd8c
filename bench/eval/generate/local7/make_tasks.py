"""Writes tasks.json and reference/<id>/configuration.json for the local7 set (edit this, not tasks.json).

Fields as in the other sets: id, split, style, source (a name in sources.SOURCES), request (what the user
types), config (configuration.json, placeholders filled from the source's .values), expect (row counts per
table, rows marked deleted, minimum data columns), second_sync (what changes, and the expected state after
the second sync), unsaid (what the request leaves out but a correct connector must still do).
"""

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

FLEET_SCHEMA = """CREATE TABLE vehicles (
    id INTEGER PRIMARY KEY,
    plate TEXT NOT NULL UNIQUE,
    make TEXT,
    model TEXT,
    year INTEGER,
    depot TEXT
);
CREATE TABLE work_orders (
    id INTEGER PRIMARY KEY,
    vehicle_id INTEGER NOT NULL REFERENCES vehicles(id),
    opened_on TEXT NOT NULL,      -- YYYY-MM-DD
    closed_on TEXT,
    kind TEXT,                    -- service, repair, tyres, inspection
    cost_eur REAL,
    row_version INTEGER NOT NULL  -- global counter, bumped on every insert/update
);
CREATE INDEX ix_work_orders_row_version ON work_orders(row_version);
CREATE VIEW monthly_vehicle_costs AS
    SELECT vehicle_id, substr(opened_on, 1, 7) AS month, count(*) AS work_orders,
           round(sum(cost_eur), 2) AS total_cost_eur
    FROM work_orders
    GROUP BY vehicle_id, substr(opened_on, 1, 7);"""

TASKS = [
    {
        "id": "l7-01",
        "split": "tune",
        "style": "terse",
        "source": "weather_csv",
        "request": (
            "Fivetran connector for our weather station exports. Folder path in config `readings_dir`. One "
            "semicolon-separated CSV per month (wx_YYYY-MM.csv), and the current month's file gets a line per "
            "station appended every day. Table: station_readings."
        ),
        "config": {"readings_dir": "{folder}"},
        "expect": {"tables": {"station_readings": 252}, "min_columns": {"station_readings": 6}},
        "second_sync": {
            "changes": "three more days (6 stations each) appended to wx_2024-05.csv in place; no new file",
            "expect": {"tables": {"station_readings": 270}, "min_columns": {"station_readings": 6}},
        },
        "unsaid": [
            "a file already synced changes in place: track modification time (or size), not only file names",
            "one row per station per day: primary key (station, date)",
            "the `;` delimiter must be passed to the CSV reader",
        ],
    },
    {
        "id": "l7-02",
        "split": "tune",
        "style": "pasted-file-sample",
        "source": "call_exports",
        "request": (
            "Can you write me a Fivetran Connector SDK connector that loads our phone system's call exports? "
            "They land in a folder (path in the config under `export_path`), one file per day, named like "
            "calls_2024-06-03.tsv. This is the top of one:\n\n"
            "Call ID\tStarted At\tAgent Name\tQueue\tDuration (s)\tOutcome\n"
            "C880111\t2024-06-01 08:00:58\tTom Becker\tSales\t1447\tanswered\n"
            "C880112\t2024-06-01 08:05:50\t\tSupport\t35\tabandoned\n"
            "C880135\t2024-06-01 08:17:50\tTom Becker\tSupport\t1089\tanswered\n\n"
            "Each export covers the last 48 hours. I want every call once in a table called `calls`."
        ),
        "config": {"export_path": "{folder}"},
        "expect": {"tables": {"calls": 240}, "min_columns": {"calls": 6}},
        "second_sync": {
            "changes": "a new export calls_2024-06-06.tsv (June 4 and 5): 60 new calls, 60 seen before",
            "expect": {"tables": {"calls": 300}, "min_columns": {"calls": 6}},
        },
        "unsaid": [
            "tab-separated (only visible in the pasted sample)",
            "header names with spaces, capitals and parentheses ('Duration (s)'): column names need cleaning",
            "consecutive exports overlap by a day: primary key Call ID, so repeats collapse",
            "Agent Name is empty for abandoned calls",
        ],
    },
    {
        "id": "l7-03",
        "split": "tune",
        "style": "acceptance-criteria",
        "source": "purchase_orders",
        "request": (
            "Story: as a buyer I want our ERP purchase-order exports in the warehouse, loaded by a Fivetran "
            "Connector SDK connector.\n\n"
            "Acceptance criteria:\n"
            "1. The connector reads every purchase_orders_*.json file in the folder given by config key "
            "`po_folder`. Each file is a JSON array of purchase orders, e.g.\n"
            '   {"po_number": "PO-24-00001", "supplier": {"id": "SUP015", "name": "Supplier 15"}, '
            '"ordered_at": "2024-06-05T17:22:00Z", "currency": "EUR", "status": "open", "lines": '
            '[{"line_no": 1, "sku": "MAT-0033", "qty": 39, "unit_price": 26.36}, {"line_no": 2, "sku": '
            '"MAT-0043", "qty": 30, "unit_price": 74.26}]}\n'
            "2. Each purchase order is one row in table `purchase_orders`, identified by po_number; supplier id "
            "and name are columns of that row.\n"
            "3. Each element of an order's `lines` is one row in table `purchase_order_lines` and carries the "
            "po_number of its order.\n"
            "4. When an amended order shows up again in a later file, the warehouse holds its latest version, "
            "including lines it gained.\n"
            "5. Running the sync again picks up new files and never duplicates what is already loaded.\n"
            "6. Other files in the folder are ignored."
        ),
        "config": {"po_folder": "{folder}"},
        "expect": {"tables": {"purchase_orders": 120, "purchase_order_lines": 379},
                   "min_columns": {"purchase_orders": 6, "purchase_order_lines": 5}},
        "second_sync": {
            "changes": "purchase_orders_0004.json: 30 new orders (93 lines) and 5 earlier orders amended, one "
                       "more line each",
            "expect": {"tables": {"purchase_orders": 150, "purchase_order_lines": 477},
                       "min_columns": {"purchase_orders": 6, "purchase_order_lines": 5}},
        },
        "unsaid": [
            "line_no restarts at 1 in every order: the lines key is (po_number, line_no)",
            "the nested supplier object is flattened into two columns",
            "a README.md sits in the folder",
        ],
    },
    {
        "id": "l7-04",
        "split": "tune",
        "style": "casual-chat",
        "source": "cms_feed",
        "request": (
            "hey! so our blog CMS dumps a file every night into a folder, articles-YYYY-MM-DD.jsonl.gz: "
            "gzipped json lines, one line per article that changed that day (the full article each time). "
            "could you whip up a fivetran connector that loads those into an `articles` table? folder path "
            "is in the config as feed_folder. oh and when someone deletes a post it shows up in that night's "
            "file with \"deleted\": true. we want those deleted on our side too, not sitting there as normal "
            "rows. thx!"
        ),
        "config": {"feed_folder": "{folder}"},
        "expect": {"tables": {"articles": 170}, "deleted": {"articles": 8}, "min_columns": {"articles": 7}},
        "second_sync": {
            "changes": "articles-2024-07-05.jsonl.gz: 25 new articles, 3 edited, 4 deleted",
            "expect": {"tables": {"articles": 195}, "deleted": {"articles": 12}, "min_columns": {"articles": 7}},
        },
        "unsaid": [
            "primary key id; a later file's version of an article replaces the earlier one",
            "files must be applied in date order (an article is written, edited, then deleted)",
            "deleted: true -> op.delete, so the row stays with _fivetran_deleted = true",
            "one article was written and deleted the same day: only its deleted line exists, so it leaves no row",
            "tags is a JSON array",
        ],
    },
    {
        "id": "l7-05",
        "split": "tune",
        "style": "non-native",
        "source": "hotel_sqlite",
        "request": (
            "Hello, I need a connector with Fivetran Connector SDK for our hotel program. The program keep all "
            "data in one sqlite file, the path of this file I will put in configuration with key \"sqlite_file\". "
            "In the file are many tables but we need only three of them: rooms, guests and bookings. The others "
            "(payments, sessions, migrations...) please don't sync it. Table bookings is growing every day and "
            "have a column updated_at, it is changed always when a booking is modify (format like "
            "2024-06-03 14:05:00). So for bookings please take only new and modified rows every time, not read "
            "everything again. Rooms and guests are small, it's ok to read all. Thank you very much!"
        ),
        "config": {"sqlite_file": "{db_path}"},
        "expect": {"tables": {"rooms": 24, "guests": 150, "bookings": 300},
                   "min_columns": {"rooms": 5, "guests": 6, "bookings": 9}},
        "second_sync": {
            "changes": "10 new guests, 30 new bookings, 15 bookings cancelled or checked in (updated_at bumped); "
                       "a new row in user_sessions",
            "expect": {"tables": {"rooms": 24, "guests": 160, "bookings": 330},
                       "min_columns": {"rooms": 5, "guests": 6, "bookings": 9}},
        },
        "unsaid": [
            "keys from the declared primary keys: rooms.room_no (text), guests.guest_id, bookings.booking_id",
            "the file also holds payments, user_sessions, schema_migrations and sqlite_sequence: none synced",
            "the updated_at cursor is kept in state and compared as text (ISO-like format sorts correctly)",
        ],
    },
    {
        "id": "l7-06",
        "split": "tune",
        "style": "pasted-schema",
        "source": "fleet_sqlite",
        "request": (
            "Need a connector (Fivetran connector SDK, python) for our fleet maintenance SQLite db. Path comes "
            "from config key `db_file`. Here's `.schema`:\n\n" + FLEET_SCHEMA + "\n\n"
            "Sync vehicles and work_orders, and also the monthly_vehicle_costs view as its own table (same "
            "name). work_orders gets big, so make it incremental on row_version."
        ),
        "config": {"db_file": "{db_path}"},
        "expect": {"tables": {"vehicles": 20, "work_orders": 240, "monthly_vehicle_costs": 100},
                   "min_columns": {"vehicles": 6, "work_orders": 7, "monthly_vehicle_costs": 4}},
        "second_sync": {
            "changes": "30 new work orders (late June, July), 12 earlier ones re-costed or closed (row_version "
                       "bumped); the view gains 13 rows and several existing rows change totals",
            "expect": {"tables": {"vehicles": 20, "work_orders": 270, "monthly_vehicle_costs": 113},
                       "min_columns": {"vehicles": 6, "work_orders": 7, "monthly_vehicle_costs": 4}},
        },
        "unsaid": [
            "the view has no key: its grain is (vehicle_id, month), which must be the primary key so changed "
            "totals replace the old row",
            "the view is small and re-read in full each sync",
            "row_version cursor kept in state as an integer",
        ],
    },
    {
        "id": "l7-07",
        "split": "tune",
        "style": "ticket",
        "source": "marketing_duckdb",
        "request": (
            "DATA-1187  Ingest marketing spend from the local DuckDB file\n\n"
            "Context: the growth team keeps a DuckDB file (path in config key `duckdb_file`) that a nightly job "
            "refreshes.\n"
            "Scope: marketing.campaigns -> table `campaigns`, marketing.ad_spend_daily -> table "
            "`ad_spend_daily`. Nothing else from the file.\n"
            "Notes:\n"
            "- The job creates the tables without primary keys. Grain of ad_spend_daily is one row per campaign "
            "per day per channel; campaigns are unique by campaign_id.\n"
            "- Every night the job deletes and re-inserts the last three days with corrected numbers and adds "
            "the new day.\n"
            "- Fivetran Connector SDK, DuckDB through the duckdb Python package.\n"
            "Done when: both tables land and re-syncs never produce duplicates."
        ),
        "config": {"duckdb_file": "{db_path}"},
        "expect": {"tables": {"campaigns": 12, "ad_spend_daily": 260},
                   "min_columns": {"campaigns": 5, "ad_spend_daily": 6}},
        "second_sync": {
            "changes": "2 new campaigns; Aug 8-10 deleted and re-inserted with new numbers; Aug 11 added",
            "expect": {"tables": {"campaigns": 14, "ad_spend_daily": 288},
                       "min_columns": {"campaigns": 5, "ad_spend_daily": 6}},
        },
        "unsaid": [
            "schema main holds stale tables with the same names (campaigns, ad_spend_daily) and tmp_csv_import: "
            "names must be schema-qualified",
            "primary keys campaign_id and (campaign_id, spend_date, channel)",
            "DECIMAL, DATE and TIMESTAMP values need converting for the SDK",
            "requirements.txt with duckdb",
        ],
    },
    {
        "id": "l7-08",
        "split": "tune",
        "style": "terse, config key in words",
        "source": "fx_rates",
        "request": (
            "Connector that loads fx_rates.json into a table fx_rates. The file is a JSON array, rewritten every "
            "morning with the last 20 business days of EUR rates. The folder path goes in the config."
        ),
        "config": {"folder_path": "{folder}"},
        "expect": {"tables": {"fx_rates": 200}, "min_columns": {"fx_rates": 4}},
        "second_sync": {
            "changes": "fx_rates.json rewritten in place: the window moves two business days (20 new rows, 20 "
                       "drop out of the file) and the previously newest day's 10 rates are corrected",
            "expect": {"tables": {"fx_rates": 220}, "min_columns": {"fx_rates": 4}},
        },
        "unsaid": [
            "the config key is only described ('the folder path'): folder_path",
            "the same file name is rewritten: track its modification time, not its name",
            "one rate per (date, base, quote): that is the key, so corrected rates replace the provisional ones",
            "days that drop out of the window are history, not deletions",
        ],
    },
]


def main() -> None:
    (HERE / "tasks.json").write_text(json.dumps(TASKS, indent=2, ensure_ascii=False) + "\n")
    for task in TASKS:
        folder = HERE / "reference" / task["id"]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "configuration.json").write_text(json.dumps(task["config"]) + "\n")
    print(f"wrote {len(TASKS)} tasks")


if __name__ == "__main__":
    main()
