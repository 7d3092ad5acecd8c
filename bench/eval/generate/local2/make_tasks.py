"""Writes tasks.json (kept as a script so the long requests stay readable)."""
import json
from pathlib import Path

T = []

T.append(dict(id="l2-01", style="terse", source="shop_csv",
  request="""csv drops land in {folder}
orders_YYYYMMDD.csv and refunds_YYYYMMDD.csv, one per day, same folder
-> tables orders + refunds. order_id / refund_id unique
incremental pls. heads up: today's file gets appended to during the day""",
  config={"folder": "{folder}"},
  expect={"tables": {"orders": 120, "refunds": 15}, "min_columns": {"orders": 5, "refunds": 5}},
  second_sync={"expect": {"tables": {"orders": 165, "refunds": 19}}},
  unsaid=["the two tables share one folder and are told apart only by the file-name prefix",
          "the README.txt in the folder is not data",
          "an already-read file that is appended to in place must be read again (track size/mtime, not only the name); upserts by key keep that from duplicating",
          "files sorted by the date in the name, not by listing order"]))

T.append(dict(id="l2-02", style="non-native", source="kunden_export",
  request="""Hello, we get every week one export from our ERP system as CSV file, it is in folder {folder} .
The files are named kunden_export_001.csv, kunden_export_002.csv and so on, the number goes up each week.
It is saved from Excel, so separator is ; and not comma. First lines of a file look so:

Kunden-Nr;Name;Straße;PLZ;Ort;Umsatz (€);Letzte Änderung
K00001;Kühn, Bauer & Partner 1;Hauptstraße 20;70173;Stuttgart;58192,12;08.04.2024

Kunden-Nr is the customer number. A customer can come again in a newer export with changed values, then the newer one must win, we want one row per customer, not a history.
Please make table "kunden". Umsatz is a number with comma as decimal, please load it as number if possible.
The folder path I put in the configuration.""",
  config={"export_folder": "{folder}"},
  expect={"tables": {"kunden": 45}, "min_columns": {"kunden": 7}},
  second_sync={"expect": {"tables": {"kunden": 55}}},
  unsaid=["the files start with a UTF-8 byte order mark (the first header name must not keep \\ufeff)",
          "header names have spaces, hyphens, umlauts, ß and € and must become usable column names",
          "Kunden-Nr must be the primary key, otherwise re-sent customers become extra rows",
          "files applied in number order so the newest export wins",
          "the name 'Kühn, Bauer & Partner' has a comma inside a semicolon-separated file"]))

T.append(dict(id="l2-03", style="chatty", source="ticket_dumps",
  request="""Hey! So our helpdesk tool is pretty ancient and the only way to get data out is a nightly dump it writes to {folder} (path is also in the config as dump_dir).

Each night there's a new file like tickets-2024-05-01.tsv.gz — gzipped, tab separated, header row on top. Columns are ticket_id, created_at, requester, subject, body, priority.

The annoying part: body is whatever the customer typed, so it's full of line breaks and sometimes tabs. The tool does wrap those in double quotes at least.

Could you get all of this into one table called support_tickets? ticket_id is unique. Old dumps never change, so it'd be great if it only picks up the new ones each run instead of re-reading everything.""",
  config={"dump_dir": "{folder}"},
  expect={"tables": {"support_tickets": 185}, "min_columns": {"support_tickets": 6}},
  second_sync={"expect": {"tables": {"support_tickets": 230}}},
  unsaid=["files must be gunzipped",
          "a proper CSV parser with tab delimiter and quoting: splitting lines breaks rows at embedded newlines and tabs",
          "quotes are escaped by doubling (\"\")",
          "state remembers which dumps were read; a new dump in the second sync is picked up"]))

T.append(dict(id="l2-04", style="bullets", source="app_events",
  request="""Need our app event export in Fivetran.
- location: {folder} (config key events_path)
- files: app-events-0001.jsonl, app-events-0002.ndjson.gz, ... new ones keep coming, some gzipped some not
- one JSON object per line, roughly: {"event_id": "ev_000123", "type": "purchase", "ts": "...", "user": {"id": 7, "plan": "pro", "geo": {"country": "DE", "city": "Berlin"}}, "props": {...}, "items": [{"sku": "SKU-001", "qty": 2, "unit_price": 9.5}]}
- table `events`: one row per event, user fields as their own columns (id, plan, country, city)
- table `event_items`: one row per entry of `items` (only purchases have them)
- delivery is at-least-once, the same event can show up again in a later file; event_id is the unique id""",
  config={"events_path": "{folder}"},
  expect={"tables": {"events": 400, "event_items": 406}, "min_columns": {"events": 7, "event_items": 4}},
  second_sync={"expect": {"tables": {"events": 500, "event_items": 500}}},
  unsaid=["both .jsonl and .ndjson extensions, each possibly .gz",
          "blank trailing lines in the files",
          "event_items needs a key of its own (event_id plus position), since one event can have the same sku twice and events are redelivered",
          "redelivered events must not duplicate events or their items",
          "nested user.geo two levels deep"]))

T.append(dict(id="l2-05", style="spec-sheet", source="catalog",
  request="""Connector spec — product catalogue
Source ........ local directory {folder}
Format ........ JSON, each catalog_page_<n>.json file holds one array of product objects (pretty-printed)
Record ........ {"sku": "P-0001", "name": "...", "price": {"amount": 12.5, "currency": "EUR"},
                 "dimensions": {"w": 10, "h": 20, "d": 5}, "tags": ["eco"], "in_stock": true}
Destination ... single table `products`, one row per sku
Columns ....... price and dimensions flattened; tags may stay JSON
Refresh ....... pages get re-published (overwritten) and new pages are added; a sku may move between pages, highest page number wins
Config ........ none, hard-code the path""",
  config={},
  expect={"tables": {"products": 96}, "min_columns": {"products": 8}},
  second_sync={"expect": {"tables": {"products": 121}}},
  unsaid=["_manifest.json in the same folder is a JSON object, not a page: it must be skipped (no table, no crash)",
          "re-published pages have the same name: change detection by mtime/size, not by name",
          "pages must be ordered numerically (page 10 after page 9) for the highest page to win",
          "the whole file is one array, not JSON lines"]))

T.append(dict(id="l2-06", style="ticket", source="crm_sqlite",
  request="""DATA-412  CRM extract into Fivetran   [Task · Medium · reporter s.okafor]

Summary
Sales ops want the CRM accounts, the people at those accounts, and the stage history of deals in the warehouse. The CRM is a SQLite file: {db_path}

Acceptance criteria
1. Only accounts, people and deal stage history are synced. The rest of the CRM (deals themselves, users, logs) is out of scope for now.
2. Destination tables keep the table names used in the SQLite file.
3. Re-syncs pick up new and edited records without duplicates.

Notes
Stage history DDL from the CRM docs:
CREATE TABLE deal_stage_history (
    deal_id    INTEGER NOT NULL REFERENCES deal(id),
    stage      TEXT    NOT NULL,
    entered_at TEXT    NOT NULL,
    changed_by INTEGER,
    PRIMARY KEY (deal_id, stage)
);
Path should be configurable (key: sqlite_file).""",
  config={"sqlite_file": "{db_path}"},
  expect={"tables": {"company": 25, "contact": 80, "deal_stage_history": 151}},
  second_sync={"expect": {"tables": {"company": 25, "contact": 92, "deal_stage_history": 168}}},
  unsaid=["'accounts' is the table company and 'people' is contact: names must be looked up in the file",
          "deal, app_user, sync_log and sqlite_sequence must not be synced",
          "deal_stage_history's key is composite (deal_id, stage); deal_id alone collapses rows",
          "edited contacts must update in place: contact needs its id as primary key",
          "entered_at is business time, not a load time: new history rows can carry earlier dates than rows already synced, so it is no cursor"]))

T.append(dict(id="l2-07", style="non-native", source="inventory",
  request="""Hi team, i need connector for our stock database, it is sqlite file on {db_path} (in config as "database").
Only the table stock_items please, other tables are not needed.
Table has ~ 800 rows now but it grows, so please make incremental with the updated_at column, it has index. Format of updated_at is text like '2024-07-01 09:00:00'.
Our batch job updates many rows at once so many rows have exact same updated_at.
We don't delete rows really, when item is removed the job sets deleted_at. Such rows should be marked as deleted in destination, not stay like normal rows.
Thank you!""",
  config={"database": "{db_path}"},
  expect={"tables": {"stock_items": 800}, "deleted": {"stock_items": 0}, "min_columns": {"stock_items": 5}},
  second_sync={"expect": {"tables": {"stock_items": 810}, "deleted": {"stock_items": 6}}},
  unsaid=["the cursor must be inclusive (>=) or otherwise re-read the last second: rows written in the same second as the saved cursor after sync 1 must arrive",
          "soft-deleted rows become op.delete (the _fivetran_deleted flag), keyed on id",
          "warehouses and stock_movements are not synced",
          "state is checkpointed so the second sync continues from the cursor"]))

T.append(dict(id="l2-08", style="bullets", source="weblog",
  request="""Web analytics DB -> Fivetran:
* file: {db_path} (just hard-code it)
* `page_views` table: raw hits. there's no id column. identical rows happen (double clicks) and they're real hits, keep every one
* the daily rollup, which is the view v_daily_pageviews; land it as `daily_pageviews`
* nothing else from that db
* new hits are only ever appended""",
  config={},
  expect={"tables": {"page_views": 1200, "daily_pageviews": 14}, "min_columns": {"page_views": 4, "daily_pageviews": 3}},
  second_sync={"expect": {"tables": {"page_views": 1500, "daily_pageviews": 16}}},
  unsaid=["page_views has no declared primary key: SQLite's rowid (or a row counter) must become the key, because Fivetran's hash of the row would merge the identical rows",
          "the view has no key either; day is a natural key so updated totals replace old ones",
          "sessions is not synced",
          "appending by rowid keeps the second sync from re-sending old hits"]))

T.append(dict(id="l2-09", style="spec-sheet", source="retail_duckdb",
  request="""Source:      DuckDB database file, {db_path} (config: duckdb_path)
Scope:       all tables in schema main. Ignore the staging schema.
Table names: same as in DuckDB
Keys:        as declared in the DuckDB schema (sales has a composite key)
Types:       DECIMAL, DATE, TIMESTAMP columns present
Volume:      a few thousand rows, a full re-read per sync is fine
Updates:     rows are inserted and updated in place by a nightly job""",
  config={"duckdb_path": "{db_path}"},
  expect={"tables": {"stores": 8, "products": 40, "sales": 1500}, "min_columns": {"sales": 6, "products": 4}},
  second_sync={"expect": {"tables": {"stores": 9, "products": 40, "sales": 1700}}},
  unsaid=["primary keys come from duckdb_constraints() / information_schema, including the three-column key of sales",
          "sales rows are updated in place by the nightly job: without the declared keys (hash rows) updates become extra rows",
          "the file should be opened read-only",
          "staging.sales_raw must not be synced"]))

T.append(dict(id="l2-10", style="chatty", source="nightly_snapshot",
  request="""Hi! Our partner ACME drops two CSVs on our SFTP box every night, which is mounted at {folder} (configured as snapshot_dir):

customers.csv — here's the top of it:
customer_id,full_name,email,plan_code,postal_address,signup_date
C00001,Customer 1,cust1@acme.test,PLUS,"183 Elm Ave, Springfield",2023-02-02
C00002,Customer 2,cust2@acme.test,PRO,"427 Oak St
Apt 36, Springfield",2023-03-03

plans.csv — a tiny lookup (plan_code, plan_name, monthly_fee).

Both files are complete snapshots and they get overwritten under the same name each night. When a customer closes their account they simply aren't in the next file anymore — we need those to show up as deleted in the warehouse rather than hanging around as active. Tables customers and plans please!""",
  config={"snapshot_dir": "{folder}"},
  expect={"tables": {"customers": 300, "plans": 5}, "min_columns": {"customers": 6}},
  second_sync={"expect": {"tables": {"customers": 325, "plans": 5}, "deleted": {"customers": 12}}},
  unsaid=["the file keeps its name when it changes: detect change by mtime/size (or just re-read)",
          "deletions are computed by comparing with the previous snapshot's keys (kept in state) and sent as op.delete",
          "quoted addresses contain commas and newlines",
          "customer_id and plan_code are the keys"]))

for t in T:
    t["split"] = "tune"
order = ["id", "split", "style", "source", "request", "config", "expect", "second_sync", "unsaid"]
out = [{k: t[k] for k in order if k in t} for t in T]
Path(__file__).with_name("tasks.json").write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
print(len(out), "tasks")
