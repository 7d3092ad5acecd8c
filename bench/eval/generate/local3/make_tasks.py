"""Writes tasks.json for the local3 set. Edit here and re-run; the expected counts were checked against
the files sources.py writes (run_reference.py proves them with the reference connectors)."""

import json
import random
from pathlib import Path

T = []

T.append(dict(
    id="l3-01", style="ls-paste", source="loggers",
    request="""our three weather loggers push their files over sftp into {folder}. this is what it looks like right now:

$ ls -l
total 36
-rw-r--r-- 1 sftp sftp 1761 Jul  2 00:04 BARN_20240701.csv
-rw-r--r-- 1 sftp sftp 1768 Jul  3 00:04 BARN_20240702.csv
-rw-r--r-- 1 sftp sftp  795 Jul  3 10:12 BARN_20240703.csv.part
-rw-r--r-- 1 sftp sftp 1758 Jul  2 00:04 HILL_20240701.csv
-rw-r--r-- 1 sftp sftp 1768 Jul  3 00:04 HILL_20240702.csv
-rw-r--r-- 1 sftp sftp 1760 Jul  2 00:04 RIVER_20240701.csv
-rw-r--r-- 1 sftp sftp 1770 Jul  3 00:04 RIVER_20240702.csv
-rw-r--r-- 1 sftp sftp  133 Jul  3 06:00 stations.csv
-rw-r--r-- 1 sftp sftp  277 Jul  3 10:12 upload.log

I'd like two tables out of this: `readings` with all the measurements from the logger files, and `stations` (stations.csv, we edit that one by hand whenever a logger is added or moved). seq is the logger's own counter. A fourth logger at the pond goes live this week and should just appear. The folder path is in the config as logger_dir. Each sync should only pick up what's new or changed, not reload everything.""",
    config={"logger_dir": "{folder}"},
    expect={"tables": {"readings": 288, "stations": 3}, "min_columns": {"readings": 6, "stations": 5}},
    second_sync={"expect": {"tables": {"readings": 480, "stations": 4}}},
    unsaid=["BARN_20240703.csv.part is an upload in progress (truncated last line): skip .part files until they are renamed",
            "upload.log is not data",
            "the site exists only in the file name: it must become a column and part of the key (site, seq); seq alone repeats across loggers, and seq+taken_at collide too because loggers read at the same half hours",
            "stations.csv is rewritten in place under the same name: track modification time/size, not just the name",
            "the new logger (POND) brings both a new file and a new row in stations.csv"]))

T.append(dict(
    id="l3-02", style="chatty-email", source="spend_reports",
    request="""Subject: Brightline spend numbers -> warehouse?

Hi there,

Hope your week's going well! Quick one (famous last words). Our paid media agency, Brightline, emails us a spend report every morning and Priya saves the attachment, untouched, into a shared folder. The path is in the config under reports_folder. One file per day, named like "Brightline spend report 2024-07-05.txt". They come out of some Excel export macro on Brightline's side and open fine when you double-click them.

What finance wants is a table called ad_spend with one row per day per campaign: the date, campaign id and name, channel, impressions, clicks and spend in dollars. Here's the catch that bit us last quarter with the spreadsheet version: a morning's report doesn't only cover yesterday, it repeats the two days before that as well, because the ad platforms keep revising numbers for a couple of days (late conversions, invalid-click credits, that kind of thing). So the same day + campaign turns up in three reports, and the most recent report should always win. We definitely don't want anything triple counted!

And the numbers should land as numbers, not text, so people can sum them.

Thanks a million,
Jess (Marketing Ops)""",
    config={"reports_folder": "{folder}"},
    expect={"tables": {"ad_spend": 56}, "min_columns": {"ad_spend": 7}},
    second_sync={"expect": {"tables": {"ad_spend": 64}}},
    unsaid=["the .txt files are Excel 'Unicode Text': UTF-16 little-endian with a BOM, tab separated, CRLF",
            "the last line of every report is a Total line (Date = 'Total', no campaign id) that is not data",
            "key is (date, campaign id); reports must be applied oldest first so the newest restatement wins",
            "dates are US mm/dd/yyyy; impressions/clicks/spend have thousands separators ('12,345.67')",
            "campaign names contain quotes and commas (quoted fields)"]))

T.append(dict(
    id="l3-03", style="terse", source="webhook_archive",
    request="""webhook archive at {folder} -> warehouse. layout YYYY/MM/DD/HH.jsonl.gz, one event per line, stripe style (the thing itself is in data.object). the file for the current hour keeps getting appended to until the hour is over.
tables: customers, invoices. one row per object id, latest state wins. every other event type (ping, charge.*, ...) ignore.""",
    config={},
    expect={"tables": {"customers": 21, "invoices": 43}, "min_columns": {"customers": 4, "invoices": 5}},
    second_sync={"expect": {"tables": {"customers": 37, "invoices": 69}}},
    unsaid=["the path is in the request only: config is empty",
            "files sit in nested year/month/day folders: the listing must recurse",
            "appending to a .gz means a multi-member gzip file; the already-read hour file grows between syncs and must be re-read (or read from where it stopped)",
            "the key is data.object.id, not the event id; customer.created/updated and invoice.created/paid/voided all feed the same two tables",
            "files must be processed in time order (zero-padded path order) so the latest state wins",
            "nested objects (address, metadata, lines) need flattening or JSON encoding"]))

T.append(dict(
    id="l3-04", style="spec-sheet", source="mainframe",
    request="""INTERFACE SPECIFICATION MF-OUT-07 - ERP outbound to data warehouse

Location ....... directory given in connector configuration key "outbound_dir"
Producer ....... nightly batch MFX0700, 23:30 CET
File names ..... <REC>_<YYYYMMDD>.DAT with REC in {CUST, ORDH, ORDL}
Completion ..... a .DAT file may be read only after the .CTL file of the same name exists
                 (the CTL is written when the transfer has finished)
Format ......... delimited, separator "|", no header record, CRLF, code page ISO-8859-1
Text fields .... fixed length, right-padded with blanks
Delivery ....... first file of each REC is a full load, later files carry new/changed records only

Record layouts
  CUST  1 CUST_NO (key, keep leading zeros) | 2 CUST_NAME | 3 CITY | 4 COUNTRY (ISO 3166-1 alpha-2)
        | 5 CREDIT_LIMIT (numeric, 2 dec.) | 6 REC_STATUS
  ORDH  1 ORDER_NO (key) | 2 CUST_NO | 3 ORDER_DATE (YYYYMMDD) | 4 CURRENCY | 5 REC_STATUS
  ORDL  1 ORDER_NO | 2 LINE_NO | 3 ITEM_CODE | 4 QTY | 5 UNIT_PRICE     key = ORDER_NO + LINE_NO

REC_STATUS ..... A = active/changed, D = deleted in ERP -> delete in target
Targets ........ CUST -> customer, ORDH -> order_header, ORDL -> order_line
Processing ..... incremental, each file processed once, in file-date order""",
    config={"outbound_dir": "{folder}"},
    expect={"tables": {"customer": 49, "order_header": 75, "order_line": 123},
            "deleted": {"customer": 3, "order_header": 2},
            "min_columns": {"customer": 5, "order_header": 4, "order_line": 5}},
    second_sync={"expect": {"tables": {"customer": 53, "order_header": 90, "order_line": 211},
                            "deleted": {"customer": 5, "order_header": 3}}},
    unsaid=["ORDL_20240703.DAT is half-written at sync 1 and has no .CTL: reading it anyway adds lines that are not final",
            "the .CTL files themselves are not data",
            "ISO-8859-1 bytes (ø, å, é, ü) fail as UTF-8",
            "a file skipped for a missing CTL must be picked up later: remembering 'highest date done' per REC would skip it",
            "padded text must be trimmed; numbers carry leading zeros"]))

T.append(dict(
    id="l3-05", style="non-native", source="vendas",
    request="""Hello, good morning!

I am responsible of the financial part in a small distributor here in Brazil and I need to bring our sales to the warehouse with Fivetran. Our ERP (it is very old) export the sales into a folder, the path I put in the configuration with the name "path".

How it works: there is one file for each month, the name is vendas_2024-06.csv, vendas_2024-07.csv and so on. Every night the ERP write again the file of the actual month, complete, with all the sales of the month until yesterday. The months that are closed do not change anymore.

Each line is one item of one nota fiscal (it is our invoice). One nota can have many items, and the column Item start again in 1 in each nota. I want one table "vendas" with one line for each item, without repetition.

Important: when a nota is cancelled the ERP just take it out of the file in the next night. In the warehouse it must stay but marked as deleted, because we need to know which ones were cancelled.

The numbers are in the Brazilian format (comma for the decimal) and the date is day/month/year. Thank you very much for the help!

Marcos""",
    config={"path": "{folder}"},
    expect={"tables": {"vendas": 263}, "min_columns": {"vendas": 8}},
    second_sync={"expect": {"tables": {"vendas": 302}, "deleted": {"vendas": 5}}},
    unsaid=["files are Windows-1252 (Número, Emissão, São João) and ';' separated, CRLF",
            "key is (Número NF, Item)",
            "the current month's file is rewritten in place under the same name: track mtime/size (or re-read), not the name",
            "a cancelled nota is detected by diffing the keys of the new month file against the previous read of that same file",
            "an Excel lock file '~$vendas_2024-07.csv' (binary junk) sits in the folder and must not be parsed",
            "two notas get corrected quantities in the rewrite"]))

T.append(dict(
    id="l3-06", style="bullets", source="fleet_dumps",
    request="""Fleet positions, what I need:
- a cron job on the ops box calls the telematics API every 3 hours and saves the response as-is: fleet_<UTC timestamp>.json, in the folder from config `dump_dir`
- each file is a JSON array with one object per vehicle
- table `vehicles`: one row per vehicle_id with the latest values (plate, driver, odometer, last position)
- table `positions`: the position history, one row per vehicle per reported_at
  - a truck that's offline keeps coming back with its old reported_at, that is the same fix, I want it only once
- trucks get added to the fleet now and then
- sync incrementally, only the new dumps
- the cron isn't super reliable, one bad file must not kill the whole sync""",
    config={"dump_dir": "{folder}"},
    expect={"tables": {"vehicles": 12, "positions": 76}, "min_columns": {"vehicles": 4, "positions": 5}},
    second_sync={"expect": {"tables": {"vehicles": 13, "positions": 103}}},
    unsaid=["one dump is an empty array [] (no vehicle on the road at night) and one is a zero-byte file from a failed run: json.load on it raises",
            "positions key is (vehicle_id, reported_at); keying on the dump file would count stale fixes again",
            "location and driver are nested objects; driver can be null",
            "dumps must be processed in timestamp order so vehicles ends with the latest values"]))

T.append(dict(
    id="l3-07", style="schema-paste", source="gym_sqlite",
    request="""Could you set up a connector for our gym's front desk system? It keeps everything in one SQLite file, the path is in the config as sqlite_file. This is the schema:

sqlite> .schema
CREATE TABLE members (
    id INTEGER PRIMARY KEY,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    joined_on TEXT,
    updated_at INTEGER NOT NULL
);
CREATE TABLE plans (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    monthly_fee REAL NOT NULL
);
CREATE TABLE memberships (
    member_id INTEGER NOT NULL REFERENCES members(id),
    plan_code TEXT NOT NULL REFERENCES plans(code),
    started_on TEXT NOT NULL,
    ends_on TEXT,
    status TEXT NOT NULL DEFAULT 'active',
    PRIMARY KEY (member_id, plan_code, started_on)
);
CREATE TABLE checkins (
    member_id INTEGER NOT NULL,
    scanned_at TEXT NOT NULL,
    door TEXT
);
CREATE INDEX idx_checkins_member ON checkins(member_id);
CREATE TABLE staff (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    username TEXT UNIQUE,
    pw_hash TEXT,
    role TEXT
);
CREATE TABLE sqlite_sequence(name,seq);

We want members, plans, memberships and checkins in the warehouse, NOT staff (password hashes). members.updated_at is a unix timestamp that the app bumps whenever a member is edited. Renewing a membership adds a new row and sets the old one to expired. checkins is the door scanner log, rows only ever get added; people sometimes scan twice in the same minute, which gives two identical rows, and the owners count that as two visits, so keep both. Please make it incremental where that's possible, checkins grows fast.""",
    config={"sqlite_file": "{db_path}"},
    expect={"tables": {"members": 120, "plans": 4, "memberships": 120, "checkins": 931},
            "min_columns": {"members": 7, "plans": 3, "memberships": 5, "checkins": 3}},
    second_sync={"expect": {"tables": {"members": 128, "plans": 4, "memberships": 134, "checkins": 1187}}},
    unsaid=["checkins has no key and holds exact duplicates: rowid must serve as key and cursor (a content hash or no-key upsert merges double scans)",
            "memberships has a 3-column key and no timestamp: re-read it (small) or it misses status changes and renewals",
            "updated_at is an integer epoch, not text; an inclusive cursor is safe",
            "sqlite_sequence is internal; staff must not appear at all"]))

T.append(dict(
    id="l3-08", style="ticket", source="pos_sqlite",
    request="""DATA-1187  Ingest Corner Deli POS database
Type: Story | Priority: P2 | Reporter: k.osei | Component: ingestion

Description
The POS keeps its data in a SQLite file (path in the connector config, key `database`). We need customers, orders and order_lines in the warehouse, kept up to date incrementally.

Acceptance criteria
1. Tables customers, orders, order_lines, same names as in the POS, one row per id.
2. For customers and orders only rows changed since the previous sync are read (both have modified_at).
3. Customers removed in the POS (the app only flags them: is_deleted = 1) show up as deleted in the warehouse.
4. When staff edit an order, the POS throws away all lines of that order and writes new ones. Lines that no longer exist in the POS must be marked deleted in the warehouse, not hang around as if they were still on the order.
5. Nothing else from the file (app_settings, schema_migrations, ...) lands in the warehouse.

Comments
m.ruiz (dev): order_lines has no timestamp column, sorry. We did add a trigger for the auditors last year, maybe that helps?""",
    config={"database": "{db_path}"},
    expect={"tables": {"customers": 60, "orders": 150, "order_lines": 367},
            "min_columns": {"customers": 4, "orders": 5, "order_lines": 4}},
    second_sync={"expect": {"tables": {"customers": 66, "orders": 180, "order_lines": 468},
                            "deleted": {"customers": 5, "order_lines": 26}}},
    unsaid=["the trigger writes every deleted order line into a table named tombstones (table_name, row_id): read it incrementally and op.delete those ids",
            "tombstones itself is not a destination table",
            "new order lines are found by their autoincrement id (id > last seen)",
            "modified_at is ISO-8601 text with milliseconds and Z; it compares correctly as a string",
            "soft-deleted customers must be op.delete'd, not upserted with is_deleted = 1"]))

T.append(dict(
    id="l3-09", style="slack-thread", source="store_dbs",
    request="""pasted from #data-eng:

[09:12] rosa: can we get till sales from all the shops into the warehouse? the stores' sqlite dbs get copied to {folder} every night, one file per shop, store_014.db etc
[09:13] rosa: same schema in all of them, the table is `sales`
[09:15] tom: careful, ids are per till db. store 14 and store 22 both have a sale #1
[09:16] rosa: right. so one `sales` table with a store column pls
[09:18] tom: products in there is just a copy of the HQ catalog, don't need it. till_log is noise
[09:20] rosa: oh and 047 (the new Leeds shop) starts sending next week, it should just show up
[09:21] tom: sales rows are never edited afterwards btw
[09:22] rosa: 👍 so incremental. who's building it?""",
    config={},
    expect={"tables": {"sales": 670}, "min_columns": {"sales": 7}},
    second_sync={"expect": {"tables": {"sales": 800}}},
    unsaid=["the path is in the request only: config is empty",
            "the store id comes from the file name (store_014.db -> 014) and is part of the key (store, id)",
            "the cursor must be kept per store: stores have different id ranges, a single global max(id) skips the smaller stores' new rows",
            "a README.txt sits among the .db files",
            "open the files read-only"]))

T.append(dict(
    id="l3-10", style="handover-note", source="billing_duckdb",
    request="""Handover: billing.duckdb -> warehouse (Lukas, my last day is Friday)

Hi! You're taking over the billing sync, so here's a quick brain dump.

The file is billing.duckdb in the analytics folder; the full path is in the connector config as duckdb_path. My scripts rebuild parts of it a few times a day, so open it read-only or they fail on the lock.

Only the cleaned-up layer in the `core` schema should go to the warehouse: accounts, subscriptions and invoices, landed under those same names. Ignore `raw` (landing copies, full of duplicates), `scratch` (my playground, drop it whenever) and whatever is in main. There's also a view in core, v_mrr; it's derived, don't sync it.

The keys are declared on the core tables, trust them. invoices has an updated_at that the scripts maintain properly, so that one can be incremental; the other two are small, just read them in full. One gotcha: when a customer drops a product, the scripts delete that row from core.subscriptions outright. Finance wants those to show up as deleted, not silently stay active.

Good luck :)""",
    config={"duckdb_path": "{db_path}"},
    expect={"tables": {"accounts": 40, "subscriptions": 79, "invoices": 200},
            "min_columns": {"accounts": 5, "subscriptions": 6, "invoices": 8}},
    second_sync={"expect": {"tables": {"accounts": 45, "subscriptions": 84, "invoices": 240},
                            "deleted": {"subscriptions": 2}}},
    unsaid=["subscriptions has a declared 2-column key (account_id, product_code); one account has several products",
            "raw.accounts / raw.invoices share names with the core tables and hold duplicates",
            "deleted subscriptions need a snapshot diff against the keys seen in the previous sync",
            "DECIMAL, DATE and TIMESTAMP values need converting (Decimal is not JSON serialisable)",
            "the duckdb package must be in requirements.txt"]))

FILES = [t["id"] for t in T if t["source"] not in ("gym_sqlite", "pos_sqlite", "store_dbs", "billing_duckdb")]
DATABASES = [t["id"] for t in T if t["id"] not in FILES]
rng = random.Random(92)
TUNE = set(rng.sample(FILES, 3)) | set(rng.sample(DATABASES, 2))
for t in T:
    t["split"] = "tune" if t["id"] in TUNE else "report"

KEYS = ["id", "split", "style", "source", "request", "config", "expect", "second_sync", "unsaid"]
out = [{k: t[k] for k in KEYS if k in t} for t in T]
Path(__file__).with_name("tasks.json").write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
print("tune:", sorted(TUNE))
