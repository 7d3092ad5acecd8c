"""Writes tasks.json and reference/<id>/configuration.json for the local13 set (edit this, not tasks.json).

Fields as in the other sets: id, split, style, source (a name in sources.SOURCES), request (what the user
types), config (configuration.json, placeholders filled from the source's .values), expect (row counts per
table, rows marked deleted, minimum data columns), second_sync (what changes, and the expected state after
the second sync), unsaid (what the request leaves out but a correct connector must still do).

The focus of this set is which tables a connector creates and what they are called: `expect.tables` lists
every table a correct connector creates, under the lower-case name Fivetran stores it as.
"""

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

SHOP_LS = """$ ls -l /mnt/shop/exports
total 28
-rw-r--r-- 1 shopsync shopsync 3223 Jun  1 23:10 customers_2024-06-01.csv
-rw-r--r-- 1 shopsync shopsync  995 Jun  2 23:10 customers_2024-06-02.csv
-rw-r--r-- 1 shopsync shopsync  739 Jun  3 23:10 customers_2024-06-03.csv
-rw-r--r-- 1 shopsync shopsync  165 Jun  3 23:10 export.log
-rw-r--r-- 1 shopsync shopsync 1996 Jun  1 23:10 orders_2024-06-01.csv
-rw-r--r-- 1 shopsync shopsync 2259 Jun  2 23:10 orders_2024-06-02.csv
-rw-r--r-- 1 shopsync shopsync 2254 Jun  3 23:10 orders_2024-06-03.csv
$ head -3 orders_2024-06-02.csv
order_id,customer_id,ordered_at,status,items,total
SO-240024,5007,2024-06-01 19:53:00,delivered,1,38.92
SO-240033,5019,2024-06-01 18:34:00,cancelled,2,159.45
$ head -3 customers_2024-06-01.csv
customer_id,name,email,city,updated_at
5001,Ines Moreau,ines.5001@mail.test,Porto,2024-06-01 23:10:00
5002,Ana Kowalski,ana.5002@mail.test,Vienna,2024-06-01 23:10:00"""

CRM_DDL = """CREATE SCHEMA crm;
CREATE TABLE crm."Accounts" (
    "AccountId"   INTEGER PRIMARY KEY,
    "AccountName" VARCHAR NOT NULL,
    "Industry"    VARCHAR,
    "Country"     VARCHAR(2),
    "CreatedAt"   TIMESTAMP
);
CREATE TABLE crm."ContactPersons" (
    "ContactId" INTEGER PRIMARY KEY,
    "AccountId" INTEGER,
    "FullName"  VARCHAR,
    "Email"     VARCHAR,
    "Phone"     VARCHAR
);
CREATE TABLE crm."DealStages" (
    "StageCode" VARCHAR PRIMARY KEY,
    "StageName" VARCHAR,
    "SortOrder" INTEGER,
    "IsClosed"  BOOLEAN
);
CREATE TABLE crm."Deals" (
    "DealId"     INTEGER PRIMARY KEY,
    "AccountId"  INTEGER,
    "StageCode"  VARCHAR,
    "Amount"     DECIMAL(12, 2),
    "CloseDate"  DATE,
    "ModifiedAt" TIMESTAMP
);"""

CLINIC_SCHEMA = """$ sqlite3 db.sqlite3 .schema
CREATE TABLE IF NOT EXISTS "django_migrations" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "app" varchar(255) NOT NULL, "name" varchar(255) NOT NULL, "applied" datetime NOT NULL);
CREATE TABLE sqlite_sequence(name,seq);
CREATE TABLE IF NOT EXISTS "django_content_type" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "app_label" varchar(100) NOT NULL, "model" varchar(100) NOT NULL);
CREATE TABLE IF NOT EXISTS "auth_group" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(150) NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS "auth_user" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "password" varchar(128) NOT NULL, "last_login" datetime NULL, "is_superuser" bool NOT NULL, "username" varchar(150) NOT NULL UNIQUE, "email" varchar(254) NOT NULL, "is_staff" bool NOT NULL, "is_active" bool NOT NULL, "date_joined" datetime NOT NULL);
CREATE TABLE IF NOT EXISTS "django_session" ("session_key" varchar(40) NOT NULL PRIMARY KEY, "session_data" text NOT NULL, "expire_date" datetime NOT NULL);
CREATE TABLE IF NOT EXISTS "clinic_practitioner" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(120) NOT NULL, "specialty" varchar(60) NOT NULL, "active" bool NOT NULL);
CREATE TABLE IF NOT EXISTS "clinic_patient" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "first_name" varchar(60) NOT NULL, "last_name" varchar(60) NOT NULL, "birth_date" date NULL, "phone" varchar(30) NOT NULL, "created" datetime NOT NULL);
CREATE TABLE IF NOT EXISTS "clinic_appointment" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "starts_at" datetime NOT NULL, "duration_min" integer NOT NULL, "status" varchar(20) NOT NULL, "notes" text NOT NULL, "created" datetime NOT NULL, "modified" datetime NOT NULL, "patient_id" bigint NOT NULL REFERENCES "clinic_patient" ("id") DEFERRABLE INITIALLY DEFERRED, "practitioner_id" bigint NOT NULL REFERENCES "clinic_practitioner" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE INDEX "clinic_appointment_patient_id_5b4c2a1e" ON "clinic_appointment" ("patient_id");
CREATE INDEX "clinic_appointment_modified_9d1f7c33" ON "clinic_appointment" ("modified");"""


def _expect(tables, columns):
    return {"tables": tables, "min_columns": columns}


TASKS = [
    {
        "id": "l13-01",
        "split": "tune",
        "style": "pasted ls + head, chatty",
        "source": "shop_exports",
        "request": (
            "hi, I need a fivetran connector sdk connector for the csv exports our shop platform drops on the "
            "sftp box every night. it's mounted locally, the path goes in the config as `exports_folder`. "
            "here's what's in there:\n\n" + SHOP_LS + "\n\n"
            "an order comes again in a later file when its status changes, and a customer comes again when "
            "they change their details. I want the orders and the customers in the warehouse, one table each, "
            "always the latest version of each row."
        ),
        "config": {"exports_folder": "{folder}"},
        "expect": _expect({"orders": 120, "customers": 68}, {"orders": 6, "customers": 5}),
        "second_sync": {
            "changes": "orders_2024-06-04.csv (35 new orders, 4 re-sent with a new status) and "
                       "customers_2024-06-04.csv (6 new, 4 changed); export.log rewritten",
            "expect": _expect({"orders": 155, "customers": 74}, {"orders": 6, "customers": 5}),
        },
        "unsaid": [
            "two file families in one folder: orders_*.csv -> table `orders`, customers_*.csv -> table "
            "`customers` (not one table per file, not one table for everything)",
            "keys order_id and customer_id, so re-sent rows replace the earlier version",
            "files applied in date order; export.log is not data",
        ],
    },
    {
        "id": "l13-02",
        "split": "tune",
        "style": "terse",
        "source": "shop_sqlite",
        "request": (
            "SDK connector for our shop's SQLite db, path in config `sqlite_path`. Sync all the tables but "
            "skip the audit/log ones."
        ),
        "config": {"sqlite_path": "{db_path}"},
        "expect": _expect({"customers": 40, "products": 25, "orders": 150, "order_items": 375},
                          {"customers": 4, "products": 4, "orders": 5, "order_items": 5}),
        "second_sync": {
            "changes": "3 new customers, 20 new orders with 50 items, 6 orders shipped (status and updated_at "
                       "changed); audit_log grows",
            "expect": _expect({"customers": 43, "products": 25, "orders": 170, "order_items": 425},
                              {"customers": 4, "products": 4, "orders": 5, "order_items": 5}),
        },
        "unsaid": [
            "the file holds customers, products, orders, order_items, audit_log, api_request_log and "
            "sqlite_sequence: the audit/log ones are audit_log and api_request_log; sqlite_sequence is "
            "SQLite's own and is not a table to sync either",
            "keys from the declared primary keys, order_items has a composite key (order_id, line_no), "
            "products a text key sku",
            "orders change in place: re-read (the tables are small) or use updated_at, with the key",
        ],
    },
    {
        "id": "l13-03",
        "split": "tune",
        "style": "non-native",
        "source": "legacy_erp_sqlite",
        "request": (
            "Hello, we have a old ERP program (from 2004) which save everything in a sqlite file "
            "erp_legacy.sqlite. The path I will put in the configuration as \"database\". The tables have "
            "strange names, please land them in the warehouse with normal names: tbl_cust as customers, "
            "tbl_art as products, tbl_inv as invoices and tbl_inv_pos as invoice_lines (this are the positions "
            "of the invoice). Table tbl_usr has passwords inside, it must NOT go to the warehouse, and tbl_cfg "
            "we don't need. Invoices are never changed after they are written, only new ones come with higher "
            "inv_no, so for invoices and positions please take only the new ones, not every time all. Customers "
            "and articles are small. I need it with Fivetran Connector SDK. Thank you!"
        ),
        "config": {"database": "{db_path}"},
        "expect": _expect({"customers": 30, "products": 40, "invoices": 200, "invoice_lines": 401},
                          {"customers": 6, "products": 4, "invoices": 6, "invoice_lines": 5}),
        "second_sync": {
            "changes": "2 new customers; 25 new invoices (inv_no 201-225) with 49 positions",
            "expect": _expect({"customers": 32, "products": 40, "invoices": 225, "invoice_lines": 450},
                              {"customers": 6, "products": 4, "invoices": 6, "invoice_lines": 5}),
        },
        "unsaid": [
            "the tables land under the user's names, not the tbl_ names; tbl_usr and tbl_cfg are not synced",
            "tbl_inv_pos has the composite key (inv_no, pos); pos restarts in every invoice",
            "inv_no cursor kept in state and used for both invoices and their positions",
            "inv_date is text in DD.MM.YYYY (not usable as a cursor)",
        ],
    },
    {
        "id": "l13-04",
        "split": "tune",
        "style": "email",
        "source": "till_drop",
        "request": (
            "Subject: Till sales into the warehouse\n\n"
            "Hi Sam,\n\n"
            "As discussed on Friday: could you set up a Fivetran Connector SDK connector for the shop's "
            "back-office folder? It's the one we share as \\\\BACKOFFICE\\drop, the path goes in the config "
            "under `drop_folder`.\n\n"
            "Both tills write their export into that folder every night after closing. That's the only thing "
            "we want loaded: all sales from both tills in one table called `sales`. Each till numbers its own "
            "receipts, so the same receipt number turns up on both tills, and we need to be able to tell which "
            "till a sale came from.\n\n"
            "Other things land in the same folder too (the Sunday stocktake, the odd note). Please leave those "
            "out, stock figures come from another system.\n\n"
            "Thanks,\nJoana"
        ),
        "config": {"drop_folder": "{folder}"},
        "expect": _expect({"sales": 150}, {"sales": 7}),
        "second_sync": {
            "changes": "TILL01_20240606.csv and TILL02_20240606.csv, 25 receipts each",
            "expect": _expect({"sales": 200}, {"sales": 7}),
        },
        "unsaid": [
            "the tills' exports are the TILL01_YYYYMMDD.csv and TILL02_YYYYMMDD.csv files; both prefixes go to "
            "the one table `sales`; stocktake_2024-W23.csv and 'READ ME.txt' are not loaded",
            "the till is only in the file name: it becomes a column, and the key is (till, receipt_no)",
            "a new pair of files every night: remember the files already loaded",
        ],
    },
    {
        "id": "l13-05",
        "split": "tune",
        "style": "pasted DDL",
        "source": "crm_duckdb",
        "request": (
            "Build a Fivetran Connector SDK connector for our CRM mirror. It's a DuckDB file, path in config key "
            "`crm_db`. I want every table in the crm schema; main is just import scratch, skip it. Table and "
            "column names in the warehouse should be the DuckDB names in snake_case. DDL:\n\n" + CRM_DDL + "\n\n"
            "Deals move through the stages over time (ModifiedAt gets bumped). It's all small, a full reload "
            "each sync is fine."
        ),
        "config": {"crm_db": "{db_path}"},
        "expect": _expect({"accounts": 25, "contact_persons": 60, "deal_stages": 6, "deals": 90},
                          {"accounts": 5, "contact_persons": 5, "deal_stages": 4, "deals": 6}),
        "second_sync": {
            "changes": "3 new accounts, 10 new contacts, 15 new deals, 10 deals moved to another stage; a row "
                       "added to main.import_runs",
            "expect": _expect({"accounts": 28, "contact_persons": 70, "deal_stages": 6, "deals": 105},
                              {"accounts": 5, "contact_persons": 5, "deal_stages": 4, "deals": 6}),
        },
        "unsaid": [
            "CamelCase names to snake_case: ContactPersons -> contact_persons, DealStages -> deal_stages "
            "(lower-casing alone gives contactpersons, dealstages)",
            "tables in schema crm must be schema-qualified; main holds import_runs and raw_contacts_csv",
            "keys from the declared primary keys so the full reload replaces rows",
            "DECIMAL, DATE and TIMESTAMP values need converting; requirements.txt with duckdb",
        ],
    },
    {
        "id": "l13-06",
        "split": "tune",
        "style": "ticket",
        "source": "shipment_feed",
        "request": (
            "OPS-532  Load carrier shipment feed\n\n"
            "Background: the carrier drops one gzipped JSON-lines file per day into our feed folder (config key "
            "`feed_dir`), named shipments-YYYY-MM-DD.jsonl.gz. Each line is the complete shipment as of that "
            "day; a shipment appears again on any day its status changes.\n\n"
            "Sample line (shortened):\n"
            '{"shipment_id": "1Z00000001", "created_at": "2024-06-10T14:05:00Z", "service": "express", '
            '"status": "label_created", "consignee": {"name": "Ana Berg", "city": "Porto", "country": "EU"}, '
            '"parcels": [{"parcel_no": 1, "weight_kg": 3.2, "dims_cm": [40, 30, 20]}, {"parcel_no": 2, '
            '"weight_kg": 0.8, "dims_cm": [20, 15, 10]}], "events": [{"at": "2024-06-10T14:05:00Z", '
            '"code": "label_created"}]}\n\n'
            "Requirements:\n"
            "- table `shipments`: one row per shipment with its current status; consignee fields as columns\n"
            "- table `shipment_parcels`: one row per parcel, carrying its shipment_id\n"
            "- tracking events are already in another system, don't load them\n"
            "- Fivetran Connector SDK (Python); re-runs must not duplicate anything"
        ),
        "config": {"feed_dir": "{folder}"},
        "expect": _expect({"shipments": 90, "shipment_parcels": 180},
                          {"shipments": 7, "shipment_parcels": 3}),
        "second_sync": {
            "changes": "shipments-2024-06-13.jsonl.gz: 25 new shipments (50 parcels), 5 earlier ones with a new "
                       "status",
            "expect": _expect({"shipments": 115, "shipment_parcels": 230},
                              {"shipments": 7, "shipment_parcels": 3}),
        },
        "unsaid": [
            "exactly two tables: no child table for `events`",
            "parcel_no restarts in every shipment: key (shipment_id, parcel_no)",
            "files applied in date order; a shipment's later version replaces the earlier one",
        ],
    },
    {
        "id": "l13-07",
        "split": "tune",
        "style": "bullet requirements",
        "source": "hr_export",
        "request": (
            "Requirements for an HR export connector (Fivetran Connector SDK):\n"
            "- source: the folder in config key `hr_export_dir`, filled nightly by the HR system with .tsv files "
            "(tab-separated, header row)\n"
            "- one destination table per kind of file, named after the file (lower case, underscores)\n"
            "- time entries come as one file per month (time_entries_2024-05.tsv, time_entries_2024-06.tsv, "
            "...): all months belong in one table\n"
            "- the files are overwritten every night; the current month's time-entry file grows during the "
            "month\n"
            "- no duplicates on re-sync"
        ),
        "config": {"hr_export_dir": "{folder}"},
        "expect": _expect({"employees": 45, "departments": 8, "job_titles": 12, "time_entries": 450},
                          {"employees": 5, "departments": 3, "job_titles": 3, "time_entries": 5}),
        "second_sync": {
            "changes": "employees.tsv (3 new) and departments.tsv (one renamed) rewritten; "
                       "time_entries_2024-06.tsv rewritten with 150 more entries; time_entries_2024-07.tsv new "
                       "(60); job-titles.tsv untouched",
            "expect": _expect({"employees": 48, "departments": 8, "job_titles": 12, "time_entries": 660},
                              {"employees": 5, "departments": 3, "job_titles": 3, "time_entries": 5}),
        },
        "unsaid": [
            "the folder holds employees.tsv, departments.tsv, job-titles.tsv and the monthly time-entry files: "
            "tables employees, departments, job_titles (hyphen to underscore) and time_entries",
            "keys employee_id, dept_code, title_code, entry_id (first column of each file)",
            "files rewritten in place: track modification time, not only names",
        ],
    },
    {
        "id": "l13-08",
        "split": "tune",
        "style": "pasted .schema",
        "source": "clinic_sqlite",
        "request": (
            "Our clinic booking app is Django on SQLite. I need a Fivetran Connector SDK connector that syncs "
            "the app's own data, not Django's internal tables, and I'd like the tables named without the "
            "`clinic_` prefix. The db file path will be in config under `clinic_db_path`. Appointments are the "
            "big one, please sync them incrementally on `modified` (auto_now, updated on every save).\n\n"
            + CLINIC_SCHEMA
        ),
        "config": {"clinic_db_path": "{db_path}"},
        "expect": _expect({"practitioner": 8, "patient": 120, "appointment": 400},
                          {"practitioner": 4, "patient": 6, "appointment": 9}),
        "second_sync": {
            "changes": "10 new patients, 40 new appointments, 20 appointments cancelled or attended (modified "
                       "bumped); a new django_session row",
            "expect": _expect({"practitioner": 8, "patient": 130, "appointment": 440},
                              {"practitioner": 4, "patient": 6, "appointment": 9}),
        },
        "unsaid": [
            "the app's tables are clinic_practitioner, clinic_patient, clinic_appointment -> practitioner, "
            "patient, appointment; django_*, auth_* and sqlite_sequence are not synced",
            "modified is text like '2024-06-25 15:00:00.000000': compared as text, kept in state",
            "primary key id for all three",
        ],
    },
    {
        "id": "l13-09",
        "split": "tune",
        "style": "chatty",
        "source": "json_dump",
        "request": (
            "Hiya! Our project-management tool does a nightly JSON dump into a folder and we'd love to have it "
            "in the warehouse through a Fivetran SDK connector. The folder path should be a config value called "
            "dump_dir. Every night the whole dump gets overwritten: there's one JSON file per entity (they're "
            "arrays of objects, every object has an `id`), plus a little manifest file with the export time "
            "and counts. One table per entity please, named like the entity. Users get deactivated rather than "
            "deleted, so no need to worry about deletes. Cheers!"
        ),
        "config": {"dump_dir": "{folder}"},
        "expect": _expect({"users": 80, "teams": 10, "projects": 35}, {"users": 5, "teams": 3, "projects": 6}),
        "second_sync": {
            "changes": "the dump rewritten: 1 new team, 6 new users and 4 deactivated, 5 new projects and 3 "
                       "finished; manifest.json rewritten",
            "expect": _expect({"users": 86, "teams": 11, "projects": 40}, {"users": 5, "teams": 3, "projects": 6}),
        },
        "unsaid": [
            "the entity files are users.json, teams.json and projects.json -> tables users, teams, projects; "
            "manifest.json is not an entity and not a table",
            "files rewritten in place under the same names: track modification time",
            "key id (text like P-001 for projects)",
        ],
    },
    {
        "id": "l13-10",
        "split": "tune",
        "style": "slack message",
        "source": "ledger_duckdb",
        "request": (
            "@data-eng quick one: can someone knock up a Fivetran connector (SDK) for books.duckdb? path -> "
            "config `ledger_file`. want everything in the `ledger` schema except the backup copies people made "
            "by hand (the _bak_ / _old ones). journal entries + lines are append-only with increasing entry_id, "
            "so incremental on that pls \U0001f64f"
        ),
        "config": {"ledger_file": "{db_path}"},
        "expect": _expect({"accounts": 30, "journal_entries": 250, "journal_lines": 625},
                          {"accounts": 3, "journal_entries": 5, "journal_lines": 5}),
        "second_sync": {
            "changes": "2 new accounts; 40 new journal entries (251-290) with 100 lines",
            "expect": _expect({"accounts": 32, "journal_entries": 290, "journal_lines": 725},
                              {"accounts": 3, "journal_entries": 5, "journal_lines": 5}),
        },
        "unsaid": [
            "schema ledger holds accounts, journal_entries, journal_lines, journal_entries_bak_20240601 and "
            "accounts_old: the last two are the copies; main.bank_import is outside the schema",
            "keys from the declared primary keys (journal_lines: entry_id, line_no)",
            "entry_id cursor in state for both journal tables; DECIMAL/DATE/TIMESTAMP converted",
            "requirements.txt with duckdb",
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
