"""Writes tasks.json and each reference/<id>/configuration.json (kept as a script so the long requests
stay readable; edit this, not tasks.json)."""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
T = []

T.append(dict(id="l5-01", split="tune", style="terse", source="till_export",
  request="""need a connector for our till exports. folder path is in the config as data_dir
one file per day: pos_2024-05-01.csv, pos_2024-05-02.csv etc
excel export, semicolon separated. sale_id is unique
-> table pos_sales. only pick up new files each sync""",
  config={"data_dir": "{folder}"},
  expect={"tables": {"pos_sales": 200}},
  second_sync={"expect": {"tables": {"pos_sales": 280}}},
  unsaid=["the files start with a UTF-8 byte order mark: read as utf-8 the first header is '\\ufeffsale_id' and the key is missing",
          "unit_price has decimal commas (12,50) and sold_at is dd.mm.yyyy HH:MM",
          "CRLF line endings",
          "desktop.ini in the folder is not data",
          "two new daily files before sync 2"]))

T.append(dict(id="l5-02", split="tune", style="sample-pasted", source="stock_snapshot",
  request='''Hi! Our warehouse system (WMS) dumps the current stock levels every night into one CSV file. Locally it's {file}, and I've put that path in the config as input_path. The nightly job always overwrites the same file. There's no history, it's just "what's on the shelf right now".

Here's what the top of it looks like:

warehouse,sku,description,on_hand,reserved,counted_at
AMS1,SKU-10010,Hinge 90mm,512,3,2024-05-20 02:41
RTM2,SKU-10010,Hinge 90mm,87,0,2024-05-20 03:05
UTR1,SKU-10011,"Screw 4x40, ""Torx""",0,12,2024-05-20 01:17

Could you get that into a table called stock_levels, with the counts loaded as numbers? New SKUs get added every now and then. Thanks a lot!''',
  config={"input_path": "{file}"},
  expect={"tables": {"stock_levels": 151}},
  second_sync={"expect": {"tables": {"stock_levels": 183}}},
  unsaid=["there is no id column: one row per sku per warehouse, so the key is (warehouse, sku); sku alone collapses rows",
          "the file keeps its name when rewritten, so it must be re-read when its mtime/size changes, not skipped as already seen",
          "rows with changed counts in the rewritten file must update, not add rows",
          "quoted fields with commas and doubled quotes"]))

T.append(dict(id="l5-03", split="tune", style="bullets", source="order_json",
  request="""Connector for our webshop order export

- folder: {folder} (config key export_folder)
- files: orders_0001.json, orders_0002.json, ... a new one appears whenever the shop exports again, old ones are never touched
- each file is a JSON array of orders; an order has order_no, placed_at, status, a customer object and a list of lines
- tables:
  - orders: one row per order, customer fields as columns
  - order_lines: one row per line, with the order_no on it
- incremental please (skip files already loaded)""",
  config={"export_folder": "{folder}"},
  expect={"tables": {"orders": 100, "order_lines": 307}},
  second_sync={"expect": {"tables": {"orders": 125, "order_lines": 386}}},
  unsaid=["lines have no id of their own, and the same sku can appear twice in one order (a free promo line), so (order_no, sku) is not unique: the position in the array is part of the key",
          "the files are pretty-printed multi-line JSON arrays, not JSON lines",
          "placed_at carries a +02:00 offset",
          "a new file before sync 2"]))

T.append(dict(id="l5-04", split="tune", style="non-native", source="greenhouse_readings",
  request="""Hello. In our greenhouse we have a gateway which is collecting the values of the sensors, and every hour it put one file in the folder {folder} (in the config it is source_dir). The name is like readings_20240603_06.jsonl.gz , it is compressed and inside every line is one json. Each line is one measurement of one sensor of one device in one moment, for example:

{"device": "GH-01", "sensor": "humidity", "ts": "2024-06-03T06:10:00Z", "value": 71.3, "battery": 88}

Please I need all the measurements in one table sensor_readings. There is no id field. Only the new files must be read every time, the old files stay in the folder.""",
  config={"source_dir": "{folder}"},
  expect={"tables": {"sensor_readings": 182}},
  second_sync={"expect": {"tables": {"sensor_readings": 270}}},
  unsaid=["the key is (device, sensor, ts): one device reports several sensors at the same ts, so (device, ts) collapses rows",
          "the gateway sends the last 10-minute slot of a file again at the top of the next file (at-least-once): those must not add rows",
          "gzip must be opened in text mode; a trailing blank line",
          "not every sensor reports in every slot",
          "two new files before sync 2"]))

BILLING_DDL = """CREATE TABLE customers (
  customer_id INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  vat_no      TEXT,
  country     TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE TABLE invoices (
  invoice_id  INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(customer_id),
  issued_on   TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('draft','open','paid','void')),
  currency    TEXT NOT NULL DEFAULT 'EUR',
  updated_at  TEXT NOT NULL
);
CREATE TABLE invoice_lines (
  invoice_id  INTEGER NOT NULL REFERENCES invoices(invoice_id) ON DELETE CASCADE,
  line_no     INTEGER NOT NULL,
  description TEXT NOT NULL,
  quantity    REAL NOT NULL,
  unit_price  REAL NOT NULL,
  PRIMARY KEY (invoice_id, line_no)
);
CREATE INDEX invoices_updated_at ON invoices(updated_at);"""

T.append(dict(id="l5-05", split="tune", style="pasted-ddl", source="billing_sqlite",
  request=f"""Please build a connector for our billing database. It's a SQLite file, the path goes in the configuration as `sqlite_file` (locally it's {{db_path}}). Schema, straight from `.schema`:

{BILLING_DDL}

Sync all three tables under the same names. The file is a nightly copy of prod, and in prod it is a few GB, so please go incremental on updated_at instead of reloading everything each time. The app touches an invoice's updated_at whenever something on the invoice changes, including its lines.""",
  config={"sqlite_file": "{db_path}"},
  expect={"tables": {"customers": 40, "invoices": 150, "invoice_lines": 463}},
  second_sync={"expect": {"tables": {"customers": 42, "invoices": 162, "invoice_lines": 504}}},
  unsaid=["invoice_lines has no updated_at: lines added to existing draft invoices before sync 2 arrive only through their invoice's changed updated_at (or a full re-read of lines)",
          "the cursor must come from the data (max updated_at, TEXT 'YYYY-MM-DD HH:MM:SS'), not from the clock: the data is dated 2024",
          "composite key (invoice_id, line_no) on invoice_lines",
          "customers changed and added before sync 2 as well",
          "open the file read-only"]))

T.append(dict(id="l5-06", split="tune", style="ticket", source="logistics_duckdb",
  request="""[DATA-412] Sync shipment tables from logistics.duckdb into the warehouse

Reporter: Mila (Ops analytics)
Priority: Medium

Description:
The TMS team now hands us a DuckDB file every night, path {db_path} (config key `db`). We need two tables from it in the warehouse: shipments and shipment_events. They live in the `erp` schema of the file.

Acceptance criteria:
- shipments: one row per shipment_id, status up to date after each sync
- shipment_events: every scan event of a shipment (seq counts 1, 2, 3... per shipment)
- nothing else from the file
- the file is small (a few thousand rows), a full re-read each run is fine""",
  config={"db": "{db_path}"},
  expect={"tables": {"shipments": 80, "shipment_events": 282}},
  second_sync={"expect": {"tables": {"shipments": 90, "shipment_events": 344}}},
  unsaid=["main holds a stale shipments table from a migration (and an import log): unqualified queries read main, not erp",
          "shipment_events has no declared primary key: (shipment_id, seq) is the key",
          "DECIMAL, DATE and TIMESTAMP values must be converted for the SDK",
          "duckdb in requirements.txt; open read-only and close, the file is written between syncs",
          "statuses of 20 shipments change and 10 shipments are added before sync 2"]))

T.append(dict(id="l5-07", split="tune", style="chatty", source="tracker_sqlite",
  request="""hey, quick one: we run a small self-hosted task tracker that keeps everything in a SQLite file ({db_path}, config key database_path). I'd like projects and tasks in the warehouse, same table names.

Thing is, when somebody deletes a task in the app it's really gone from the tasks table (hard delete). Our admin added a trigger at some point, so every deletion gets logged to a task_deletions table (seq, task_id, deleted_at). Can you use that so deleted tasks show up as deleted on our side instead of hanging around forever? I don't need task_deletions itself as a table.

tasks has a `modified` column (unix timestamp) that changes on every edit, if that helps doing it incrementally. projects is like 10 rows.""",
  config={"database_path": "{db_path}"},
  expect={"tables": {"projects": 10, "tasks": 180}},
  second_sync={"expect": {"tables": {"projects": 10, "tasks": 200}, "deleted": {"tasks": 9}}},
  unsaid=["each tombstone becomes op.delete('tasks', {'id': task_id}); the last tombstone seq goes into state",
          "6 tasks were deleted before the first sync, so task_deletions already has rows for tasks never synced",
          "modified is integer epoch seconds; 12 tasks edited and 20 added before sync 2",
          "the tracker's clock is not the sync's clock: the data is dated 2024"]))

T.append(dict(id="l5-08", split="tune", style="pasted-tree", source="daily_folders",
  request="""Subject: nightly export folder -> warehouse

Hi,

our shop platform writes a nightly export to {folder} (please read the path from config key root_folder). Every night a new sub-folder for that day appears:

exports/
├── 2024-06-01/
│   ├── _SUCCESS
│   ├── customers.csv
│   ├── manifest.json
│   └── orders.csv
├── 2024-06-02/
│   ├── _SUCCESS
│   ├── ...

orders.csv has the orders of that day (order_id is unique). customers.csv only has the customers that were created or changed that day, so the same customer can come again in a later folder with new data. We only want the latest version of each customer, no history.

Tables: customers and orders. Please only pick up the new day folders on each run.

Thanks,
Joost""",
  config={"root_folder": "{folder}"},
  expect={"tables": {"customers": 54, "orders": 90}},
  second_sync={"expect": {"tables": {"customers": 59, "orders": 120}}},
  unsaid=["the first sync must read every day folder already there, not only the newest one",
          "day folders applied oldest first so a customer's latest version wins (key customer_id)",
          "the files are one level down, in the day folders; manifest.json and _SUCCESS are not data",
          "customer names are quoted and contain commas ('Jansen, Anna')",
          "one new day folder before sync 2"]))

(HERE / "tasks.json").write_text(json.dumps(T, indent=2, ensure_ascii=False) + "\n")
for t in T:
    folder = HERE / "reference" / t["id"]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "configuration.json").write_text(json.dumps(t["config"]) + "\n")
print(f"wrote {len(T)} tasks")
