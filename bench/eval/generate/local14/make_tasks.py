"""Writes tasks.json and reference/<id>/configuration.json for the local14 set (edit this, not tasks.json).

Fields as in the other sets: id, split, style, source (a name in sources.SOURCES), request (what the user
types), config (configuration.json, placeholders filled from the source's .values), expect (row counts per
table, rows marked deleted, minimum data columns), second_sync (what changes, and the expected state after
the second sync), unsaid (what the request leaves out but a correct connector must still do).
"""

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

POS_LS = """$ ls -l /data/pos/landing
total 60
-rw-r--r-- 1 sftp sftp    0 Sep  6 07:00 _SUCCESS
-rw-r--r-- 1 sftp sftp   46 Sep  2 07:00 manifest_20240902.txt
-rw-r--r-- 1 sftp sftp   46 Sep  3 07:00 manifest_20240903.txt
-rw-r--r-- 1 sftp sftp   46 Sep  4 07:00 manifest_20240904.txt
-rw-r--r-- 1 sftp sftp   46 Sep  5 07:00 manifest_20240905.txt
-rw-r--r-- 1 sftp sftp   46 Sep  6 07:00 manifest_20240906.txt
-rw-r--r-- 1 sftp sftp 1844 Sep  2 07:00 orders_20240902.csv
-rw-r--r-- 1 sftp sftp 1849 Sep  3 07:00 orders_20240903.csv
-rw-r--r-- 1 sftp sftp 1824 Sep  4 07:00 orders_20240904.csv
-rw-r--r-- 1 sftp sftp 1843 Sep  5 07:00 orders_20240905.csv
-rw-r--r-- 1 sftp sftp 1843 Sep  6 07:00 orders_20240906.csv
-rw-r--r-- 1 sftp sftp   52 Sep  2 07:00 returns_20240902.csv
-rw-r--r-- 1 sftp sftp  232 Sep  3 07:00 returns_20240903.csv
-rw-r--r-- 1 sftp sftp  414 Sep  4 07:00 returns_20240904.csv
-rw-r--r-- 1 sftp sftp  357 Sep  5 07:00 returns_20240905.csv
-rw-r--r-- 1 sftp sftp  283 Sep  6 07:00 returns_20240906.csv"""

BANK_SAMPLE = """$ ls /srv/bank/inbound
PAYMENTS_20241001.txt  PAYMENTS_20241001.txt.ok  PAYMENTS_20241002.txt  PAYMENTS_20241002.txt.ok
PAYMENTS_20241003.txt  PAYMENTS_20241003.txt.ok
$ head -3 PAYMENTS_20241001.txt
payment_ref|value_date|amount|currency|debtor_name|debtor_iban|remittance_info
PMT241001000001|2024-10-01|8517.48|EUR|Sunrise Foods SA|DE24370400440532095323|Invoice 26759
PMT241001000002|2024-10-01|13546.05|EUR|Nordlicht GmbH|DE91370400440532053213|Invoice 58176
$ tail -2 PAYMENTS_20241001.txt
PMT241001000032|2024-10-01|10535.42|EUR|ACME Retail Ltd|DE84370400440532068178|Invoice 51698
TRAILER|000032|386232.88"""

CRM_SCHEMA = """CREATE TABLE companies (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    domain TEXT,
    industry TEXT,
    created_at TEXT
);
CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    company_id INTEGER REFERENCES companies(id),
    first_name TEXT,
    last_name TEXT,
    email TEXT,
    phone TEXT,
    created_at TEXT
);
CREATE TABLE deals (
    id INTEGER PRIMARY KEY,
    company_id INTEGER REFERENCES companies(id),
    title TEXT,
    stage TEXT,
    amount REAL,
    close_date TEXT,
    updated_at TEXT
);
CREATE TABLE deal_contacts (
    deal_id INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    role TEXT,
    PRIMARY KEY (deal_id, contact_id)
);"""

TASKS = [
    {
        "id": "l14-01",
        "split": "tune",
        "style": "pasted ls -l",
        "source": "pos_drops",
        "request": (
            "need a fivetran connector sdk connector for the POS landing folder. path goes in the config as "
            "`landing_dir`.\n\n" + POS_LS + "\n\n"
            "each kind of csv should be its own table. the manifest_*.txt files and _SUCCESS are only for the "
            "transfer job. a new set lands every business day and files never change after they land."
        ),
        "config": {"landing_dir": "{folder}"},
        "expect": {"tables": {"orders": 200, "returns": 24}, "min_columns": {"orders": 7, "returns": 5}},
        "second_sync": {
            "changes": "Monday's drop: orders_20240909.csv (40 orders), returns_20240909.csv (4 returns of earlier "
                       "orders), manifest_20240909.txt, _SUCCESS touched",
            "expect": {"tables": {"orders": 240, "returns": 28}, "min_columns": {"orders": 7, "returns": 5}},
        },
        "unsaid": [
            "table names come from the file prefix: orders and returns (not one table per file, not one table "
            "for everything)",
            "keys order_id and return_id (first column of each file)",
            "returns_20240902.csv holds only a header line",
            "manifests and _SUCCESS are not tables",
        ],
    },
    {
        "id": "l14-02",
        "split": "tune",
        "style": "slack message",
        "source": "stock_snapshot",
        "request": (
            "@data-eng quick one 🙏 can someone build a Fivetran SDK connector for the WMS stock snapshot? the WMS "
            "overwrites `stock_snapshot.csv` every night around 2am (same file, same name) in a folder, we'll put "
            "the folder in the config as `snapshot_folder`. it's always the full current stock. want it in a table "
            "called `inventory`. if a line disappears from the snapshot that item was discontinued in that "
            "warehouse, so pls flag it as deleted on our side instead of leaving the stale qty around. thx!"
        ),
        "config": {"snapshot_folder": "{folder}"},
        "expect": {"tables": {"inventory": 180}, "min_columns": {"inventory": 6}},
        "second_sync": {
            "changes": "stock_snapshot.csv rewritten in place: 6 lines gone, 10 new lines (5 new SKUs in both "
                       "warehouses), 30 quantities changed",
            "expect": {"tables": {"inventory": 190}, "deleted": {"inventory": 6}, "min_columns": {"inventory": 6}},
        },
        "unsaid": [
            "a SKU sits in up to two warehouses: the key is (sku, warehouse), sku alone is not unique",
            "the file keeps its name: the connector re-reads it (track modification time, not the name)",
            "vanished lines are found by comparing with the keys of the previous snapshot kept in state -> "
            "op.delete",
        ],
    },
    {
        "id": "l14-03",
        "split": "tune",
        "style": "non-native (German)",
        "source": "fibu_export",
        "request": (
            "Hallo together,\n\n"
            "we use an old accounting program (Windows) and it export every month one CSV file with all bookings "
            "of the month into a folder. The files have names like Buchungen_2024_07.csv. I need a Fivetran "
            "connector (Connector SDK, Python) which load all this files into one table with name "
            "`ledger_entries`. The path to the folder please read from configuration, key `export_ordner`. Every "
            "booking has own Belegnr (document number), this is unique. When the file for a new month come, the "
            "connector should load it at next sync. Old files are not changed anymore.\n\n"
            "Thank you and best greetings,\nJürgen"
        ),
        "config": {"export_ordner": "{folder}"},
        "expect": {"tables": {"ledger_entries": 207}, "min_columns": {"ledger_entries": 7}},
        "second_sync": {
            "changes": "Buchungen_2024_10.csv arrives with 55 bookings",
            "expect": {"tables": {"ledger_entries": 262}, "min_columns": {"ledger_entries": 7}},
        },
        "unsaid": [
            "the files are Windows-1252 encoded (umlauts and ß in Buchungstext): reading them as UTF-8 fails",
            "semicolon separated, CRLF line ends",
            "amounts use decimal commas and dot thousands separators (5.632,54); dates are DD.MM.YYYY",
            "Kostenstelle is sometimes empty",
        ],
    },
    {
        "id": "l14-04",
        "split": "tune",
        "style": "email",
        "source": "app_events",
        "request": (
            "Subject: Event files -> warehouse\n\n"
            "Hi Priya,\n\n"
            "As discussed on the call: the collector writes one file per hour into a folder (it will be in the "
            "connector config as `events_path`). The files are called events-YYYY-MM-DD-HH.jsonl.gz: gzipped JSON "
            "lines, one event per line. Could you put together a Fivetran Connector SDK connector that loads them "
            "into a table `app_events`? Please leave out the heartbeat events (type \"heartbeat\"), they're just "
            "keep-alives and make up about a quarter of the volume. Everything else we want, including the "
            "context block.\n\n"
            "Thanks,\nMarco"
        ),
        "config": {"events_path": "{folder}"},
        "expect": {"tables": {"app_events": 227}, "min_columns": {"app_events": 6}},
        "second_sync": {
            "changes": "two more hourly files (19 and 20 h), each starting with the previous hour's last three "
                       "events again",
            "expect": {"tables": {"app_events": 300}, "min_columns": {"app_events": 6}},
        },
        "unsaid": [
            "key event_id: delivery is at-least-once, each file repeats the previous hour's last three events",
            "files are gzip-compressed JSON lines",
            "context and props are nested objects (flatten or keep as JSON)",
            "user_id is null for heartbeats only",
        ],
    },
    {
        "id": "l14-05",
        "split": "tune",
        "style": "bullet list",
        "source": "billing_dump",
        "request": (
            "Fivetran Connector SDK connector for our billing API dump:\n"
            "- root folder in config: `dump_root`\n"
            "- one subfolder per object type (customers/, invoices/), each full of page_0001.json, "
            "page_0002.json, ... (the raw API list responses, saved as they came)\n"
            "- one table per subfolder, named like the folder\n"
            "- skip `_tmp/` (exporter scratch space, half-written files)\n"
            "- the exporter only adds pages; a record that changed comes again in a later page\n"
            "- no deletes to worry about"
        ),
        "config": {"dump_root": "{folder}"},
        "expect": {"tables": {"customers": 75, "invoices": 200},
                   "min_columns": {"customers": 7, "invoices": 8}},
        "second_sync": {
            "changes": "customers/page_0004.json (10 new customers, 2 with a changed email), invoices/page_0006.json "
                       "(30 new invoices, 5 earlier ones now paid)",
            "expect": {"tables": {"customers": 85, "invoices": 230},
                       "min_columns": {"customers": 7, "invoices": 8}},
        },
        "unsaid": [
            "each page is a list envelope ({\"object\": \"list\", \"has_more\": ..., \"data\": [...]}): the records "
            "are under data",
            "key id (cus_..., in_...)",
            "pages are applied in order so the later copy of a changed record wins",
            "address is a nested object, invoice lines a nested array",
            "_tmp holds a half-written file (not valid JSON) and a customers page that must not be loaded",
        ],
    },
    {
        "id": "l14-06",
        "split": "tune",
        "style": "ticket",
        "source": "helpdesk_sqlite",
        "request": (
            "HELP-2291  Helpdesk data into the warehouse\n"
            "Type: Task    Priority: Medium\n\n"
            "Description:\n"
            "Build a Fivetran Connector SDK connector for the helpdesk app's SQLite database (file path in config "
            "key `helpdesk_db`).\n\n"
            "In scope:\n"
            "* agents\n"
            "* tickets\n"
            "* ticket_comments - land it as `comments`\n\n"
            "Out of scope: audit_log (and anything else in the file).\n\n"
            "Notes:\n"
            "- tickets has modified_at, bumped on every change. Sync it incrementally.\n"
            "- Comments are never edited, only added. Also incremental please.\n"
            "- The app never really deletes a ticket, it only marks it as deleted. Deleted tickets must show up "
            "as deleted in the warehouse.\n\n"
            "Acceptance: a second sync picks up only new/changed rows; no duplicates."
        ),
        "config": {"helpdesk_db": "{db_path}"},
        "expect": {"tables": {"agents": 12, "tickets": 197, "comments": 560},
                   "min_columns": {"agents": 5, "tickets": 8, "comments": 6}},
        "second_sync": {
            "changes": "20 new tickets, 15 tickets changed, 4 more soft-deleted (deleted_at set, modified_at "
                       "bumped), 60 new comments, a new audit_log row",
            "expect": {"tables": {"agents": 12, "tickets": 217, "comments": 620},
                       "deleted": {"tickets": 4}, "min_columns": {"agents": 5, "tickets": 8, "comments": 6}},
        },
        "unsaid": [
            "the soft-delete marker is the deleted_at column: a ticket with deleted_at set -> op.delete",
            "3 tickets were already deleted before the first sync: they leave no row",
            "comments cursor: the integer id (AUTOINCREMENT), no timestamp needed",
            "modified_at is text 'YYYY-MM-DD HH:MM:SS' and sorts as text",
            "sqlite_sequence is not a table to sync",
        ],
    },
    {
        "id": "l14-07",
        "split": "tune",
        "style": "pasted schema",
        "source": "crm_sqlite",
        "request": (
            "Hey, could you write a Fivetran connector (Connector SDK) for the little CRM we run on SQLite? File "
            "path goes in the config as `crm_sqlite_path`. Schema:\n\n" + CRM_SCHEMA + "\n\n"
            "Sync all four tables under the same names. They're tiny so reading everything on every sync is fine. "
            "One catch: the app does real DELETEs (deleting a contact or a deal also takes its deal_contacts rows "
            "with it), and we need deleted rows to show up as deleted in the warehouse instead of lingering."
        ),
        "config": {"crm_sqlite_path": "{db_path}"},
        "expect": {"tables": {"companies": 30, "contacts": 150, "deals": 60, "deal_contacts": 120},
                   "min_columns": {"companies": 5, "contacts": 7, "deals": 7, "deal_contacts": 3}},
        "second_sync": {
            "changes": "4 contacts and 1 deal deleted (2 deal_contacts rows go with them), 10 new contacts, 3 new "
                       "deals with 5 links, 5 deals move to won",
            "expect": {"tables": {"companies": 30, "contacts": 160, "deals": 63, "deal_contacts": 125},
                       "deleted": {"contacts": 4, "deals": 1, "deal_contacts": 2},
                       "min_columns": {"companies": 5, "contacts": 7, "deals": 7, "deal_contacts": 3}},
        },
        "unsaid": [
            "deal_contacts has a composite key (deal_id, contact_id)",
            "hard deletes leave nothing behind: keep each table's keys in state and op.delete the ones missing "
            "from the next read",
            "sqlite_sequence does not exist here (no AUTOINCREMENT); nothing else in the file",
        ],
    },
    {
        "id": "l14-08",
        "split": "tune",
        "style": "terse",
        "source": "finance_duckdb",
        "request": (
            "connector for finance.duckdb (path: config key finance_duckdb). sync every table in the reporting "
            "schema, same names. dbt rebuilds them nightly."
        ),
        "config": {"finance_duckdb": "{db_path}"},
        "expect": {"tables": {"monthly_revenue": 108, "customer_ltv": 80, "churn_cohorts": 45},
                   "min_columns": {"monthly_revenue": 5, "customer_ltv": 6, "churn_cohorts": 4}},
        "second_sync": {
            "changes": "reporting rebuilt (CREATE OR REPLACE): October revenue added (12 rows) and September's 12 "
                       "rows revised; 8 new customers and 10 changed; the cohort triangle grows by 10 cells",
            "expect": {"tables": {"monthly_revenue": 120, "customer_ltv": 88, "churn_cohorts": 55},
                       "min_columns": {"monthly_revenue": 5, "customer_ltv": 6, "churn_cohorts": 4}},
        },
        "unsaid": [
            "the reporting schema holds monthly_revenue, customer_ltv and churn_cohorts; schema raw and main "
            "(dbt_run_log) are not wanted",
            "no declared keys: monthly_revenue (month, region, product_line), customer_ltv customer_id, "
            "churn_cohorts (cohort_month, months_since_start); revised rows must replace, not add",
            "tables are rebuilt, so each sync re-reads them in full",
            "DECIMAL and DATE values need converting; requirements.txt with duckdb",
        ],
    },
    {
        "id": "l14-09",
        "split": "tune",
        "style": "chatty",
        "source": "telemetry_duckdb",
        "request": (
            "Hi there! I'm working on getting our sensor data into the warehouse and was told the Fivetran "
            "Connector SDK is the way to go. We have a DuckDB file that our gateways write into (I'll put its path "
            "in the config as `telemetry_db_path`). Inside there's a schema called iot. I need two tables from "
            "it: devices (fine to keep that name) and readings, which I'd like to land as `sensor_readings` "
            "because we already have a 'readings' table from another system. readings grows all day, so I'd love "
            "it to only pick up what's new on each sync rather than re-reading the whole thing. One thing that "
            "bit us before: when a gateway loses its connection it buffers the readings and uploads them later, "
            "sometimes hours later. There's also a staging table in there, please ignore that one. Thanks so much!"
        ),
        "config": {"telemetry_db_path": "{db_path}"},
        "expect": {"tables": {"devices": 10, "sensor_readings": 464},
                   "min_columns": {"devices": 4, "sensor_readings": 5}},
        "second_sync": {
            "changes": "gateway of D07 back online: its 16 buffered readings (08:00-11:30) loaded with a new "
                       "ingested_at; device D11 added; 12:00-13:30 readings for all 11 devices (88 rows)",
            "expect": {"tables": {"devices": 11, "sensor_readings": 568},
                       "min_columns": {"devices": 4, "sensor_readings": 5}},
        },
        "unsaid": [
            "the incremental cursor is ingested_at, not reading_ts (late readings have old reading_ts)",
            "readings declares no key: its grain is (device_id, reading_ts, metric)",
            "TIMESTAMP and DATE values need converting; requirements.txt with duckdb",
            "iot.readings_staging is not wanted",
        ],
    },
    {
        "id": "l14-10",
        "split": "tune",
        "style": "pasted head/tail",
        "source": "bank_payments",
        "request": (
            "Our bank drops a payments file on SFTP every business day and we mirror them into a local folder "
            "(config key: inbound_dir). Need them in a `bank_payments` table through a Fivetran SDK connector. "
            "Files never change once they're there.\n\n" + BANK_SAMPLE
        ),
        "config": {"inbound_dir": "{folder}"},
        "expect": {"tables": {"bank_payments": 112}, "min_columns": {"bank_payments": 7}},
        "second_sync": {
            "changes": "PAYMENTS_20241004.txt (38 payments) and its .ok marker",
            "expect": {"tables": {"bank_payments": 150}, "min_columns": {"bank_payments": 7}},
        },
        "unsaid": [
            "pipe-delimited (only visible in the sample)",
            "the last line of every file is a TRAILER record (count and total), not a payment: skip it",
            "key payment_ref",
            "the .ok marker files are not data",
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
