"""Writes tasks.json and each reference/<id>/configuration.json for the local10 set. Edit this file, not tasks.json.

Before writing, every source is built in a temporary folder and its counts() (before and after advance()) are
checked against the numbers written in the tasks below.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import sources

HERE = Path(__file__).resolve().parent

TASKS = [
    {
        "id": "l10-01",
        "split": "tune",
        "style": "chat message",
        "source": "booking_exports",
        "request": (
            "hey, our booking system drops a CSV into {folder} every morning, one file per day "
            "(bookings_2024-10-14.csv etc). can you make a connector that loads them into a `bookings` table and "
            "picks up the new file each day? if a booking gets changed it just shows up again in a later file. "
            "call the folder setting `exports_dir`."
        ),
        "config": {"exports_dir": "{folder}"},
        "expect": {"tables": {"bookings": 71}},
        "second_sync": {
            "changes": "bookings_2024-10-17.csv (22 new, 4 changed) and bookings_2024-10-18.csv (19 new, 6 changed) "
                       "arrive: bookings 71 -> 112",
            "expect": {"tables": {"bookings": 112}},
        },
        "unsaid": [
            "booking_ref is the key: keying by file and line (or no key) turns every changed booking into a second row",
            "files are read in date order so the newest copy of a booking wins",
            "files already loaded need not be read again",
        ],
    },
    {
        "id": "l10-02",
        "split": "tune",
        "style": "one-liner",
        "source": "app_events",
        "request": (
            "Need a Fivetran connector for our app event logs: gzipped JSON lines, one events-YYYY-MM-DD.jsonl.gz per "
            "day in {folder}, every event has an event_id. Put them in an `events` table; config key `log_folder`."
        ),
        "config": {"log_folder": "{folder}"},
        "expect": {"tables": {"events": 626}},
        "second_sync": {
            "changes": "events-2024-10-17.jsonl.gz and events-2024-10-18.jsonl.gz arrive: events 626 -> 1000",
            "expect": {"tables": {"events": 1000}},
        },
        "unsaid": [
            "the files must be opened with gzip, not as text",
            "duration_ms is only present on page_view events",
            "older files do not change; only new daily files need reading",
        ],
    },
    {
        "id": "l10-03",
        "split": "tune",
        "style": "short email",
        "source": "bank_statements",
        "request": (
            "Hi,\n\nwe download our bank statements as CSV files, one per month, into {folder}. Heads up: they're "
            "semicolon-separated, not comma-separated. Could you write a connector that syncs all the transactions "
            "into one `transactions` table (transaction_id is unique) and picks up new months as they get added? "
            "Please name the setting `statements_path`.\n\nThanks!"
        ),
        "config": {"statements_path": "{folder}"},
        "expect": {"tables": {"transactions": 152}, "min_columns": {"transactions": 7}},
        "second_sync": {
            "changes": "statement_2024-10.csv is downloaded: transactions 152 -> 206",
            "expect": {"tables": {"transactions": 206}, "min_columns": {"transactions": 7}},
        },
        "unsaid": [
            "counterparty names contain commas (\"Acme Supplies, Inc.\"), so a comma-separated reading breaks the rows",
            "amounts are signed with a dot as decimal separator",
            "a new monthly file arrives; earlier months are not rewritten",
        ],
    },
    {
        "id": "l10-04",
        "split": "tune",
        "style": "bullet list",
        "source": "helpdesk_sqlite",
        "request": (
            "Connector for our helpdesk SQLite database ({db_path}):\n"
            "- only the `tickets` and `customers` tables, skip everything else\n"
            "- both have an updated_at column, use it so we only pull what changed\n"
            "- config key: `helpdesk_db`"
        ),
        "config": {"helpdesk_db": "{db_path}"},
        "expect": {"tables": {"customers": 40, "tickets": 300}},
        "second_sync": {
            "changes": "3 new customers and 2 plan changes (40 -> 43); 12 new tickets and 25 status changes "
                       "(300 -> 312); the sessions table is rewritten",
            "expect": {"tables": {"customers": 43, "tickets": 312}},
        },
        "unsaid": [
            "the file also holds agents, sessions and schema_migrations, which must not become tables",
            "one updated_at cursor per table",
            "id is the primary key of both tables",
        ],
    },
    {
        "id": "l10-05",
        "split": "tune",
        "style": "chat message",
        "source": "sales_duckdb",
        "request": (
            "Can you write a connector that reads the `stores` and `daily_sales` tables from our DuckDB file at "
            "{db_path}? daily_sales has no primary key, it's just one row per store per day, and the last three "
            "days get recalculated every night. Config setting: `analytics_file`."
        ),
        "config": {"analytics_file": "{db_path}"},
        "expect": {"tables": {"stores": 6, "daily_sales": 84}},
        "second_sync": {
            "changes": "store 7 opens (6 -> 7); Oct 12-14 are recalculated (18 rows deleted and inserted again with new "
                       "figures) and Oct 15 is added for 7 stores: daily_sales 84 -> 91",
            "expect": {"tables": {"stores": 7, "daily_sales": 91}},
        },
        "unsaid": [
            "daily_sales must be keyed by (sale_date, store_id); without a key a recalculated day becomes extra rows",
            "import_log is in the file but not wanted",
            "revenue is a DECIMAL and sale_date a DATE: both need converting",
        ],
    },
    {
        "id": "l10-06",
        "split": "tune",
        "style": "question",
        "source": "crm_sqlite",
        "request": (
            "How would I sync the contacts table from our CRM's SQLite file ({db_path}) with the Connector SDK? The "
            "app never really deletes anyone, it sets is_deleted = 1 and bumps modified_at. I'd like those contacts "
            "to show up as deleted in the warehouse. Name the config field `crm_sqlite_path`."
        ),
        "config": {"crm_sqlite_path": "{db_path}"},
        "expect": {"tables": {"contacts": 200}},
        "second_sync": {
            "changes": "15 new contacts, 10 edited, 4 existing contacts get is_deleted = 1: contacts 200 -> 215 "
                       "(4 deleted)",
            "expect": {"tables": {"contacts": 215}, "deleted": {"contacts": 4}},
        },
        "unsaid": [
            "modified_at is the incremental cursor",
            "id is the primary key",
            "app_meta is in the file but not wanted",
        ],
    },
    {
        "id": "l10-07",
        "split": "tune",
        "style": "ticket",
        "source": "staff_list",
        "request": (
            "Title: sync HR staff list\n\n"
            "HR's system overwrites staff.csv in {folder} every night with the full list of current employees. We "
            "need a `staff` table that matches it. People who leave just disappear from the file; they should be "
            "marked as deleted. Setting name: `hr_export_dir`."
        ),
        "config": {"hr_export_dir": "{folder}"},
        "expect": {"tables": {"staff": 60}},
        "second_sync": {
            "changes": "staff.csv is overwritten: 3 leavers gone, 5 joiners, 4 people moved department: staff 60 -> 65 "
                       "rows (3 deleted)",
            "expect": {"tables": {"staff": 65}, "deleted": {"staff": 3}},
        },
        "unsaid": [
            "the file keeps its name: it must be read again when it changes, not skipped as already seen",
            "employee_id is the key",
            "the employee_ids of the last file are kept in the state to find the leavers",
        ],
    },
    {
        "id": "l10-08",
        "split": "tune",
        "style": "chat message",
        "source": "shop_orders",
        "request": (
            "Our shop writes the day's orders as a JSON Lines file to {folder} (orders_20241014.jsonl and so on, a "
            "new one every day). Each order has an `items` array. Could you put the orders in an `orders` table and "
            "the items in a separate `order_items` table? Config key `orders_dir`."
        ),
        "config": {"orders_dir": "{folder}"},
        "expect": {"tables": {"orders": 78, "order_items": 186}},
        "second_sync": {
            "changes": "orders_20241017.jsonl and orders_20241018.jsonl arrive: orders 78 -> 136, order_items "
                       "186 -> 329",
            "expect": {"tables": {"orders": 136, "order_items": 329}},
        },
        "unsaid": [
            "order_items is keyed by order_id and the item's position; the sku repeats across orders",
            "each order_items row carries its order_id",
            "an order appears in one file only",
        ],
    },
]


def _expected(expect: dict) -> dict:
    tables, deleted = expect["tables"], expect.get("deleted", {})
    return {t: (n, deleted.get(t, 0)) for t, n in tables.items()}


def _check() -> None:
    """Build every source and compare its counts with the numbers in the tasks (before and after advance())."""
    for task in TASKS:
        with tempfile.TemporaryDirectory() as tmp, sources.make(task["source"], Path(tmp)) as src:
            first = src.counts()
            assert first == _expected(task["expect"]), f"{task['id']} sync 1: source {first}"
            src.advance()
            second = src.counts()
            assert second == _expected(task["second_sync"]["expect"]), f"{task['id']} sync 2: source {second}"
            for key in task["config"].values():
                assert key.strip("{}") in src.values, f"{task['id']}: no value for {key}"
            for word in ("{folder}", "{db_path}"):
                if word in task["request"]:
                    assert word.strip("{}") in src.values, f"{task['id']}: request uses {word}"


def main() -> None:
    _check()
    ids = [t["id"] for t in TASKS]
    assert len(set(ids)) == len(ids)
    keys = [k for t in TASKS for k in t["config"]]
    assert len(set(keys)) == len(keys), "every task names its own config key"
    for task in TASKS:
        for key in task["config"]:
            assert f"`{key}`" in task["request"], f"{task['id']}: the request does not name {key}"
    (HERE / "tasks.json").write_text(json.dumps(TASKS, indent=2, ensure_ascii=False) + "\n")
    for task in TASKS:
        folder = HERE / "reference" / task["id"]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "configuration.json").write_text(json.dumps(task["config"]))
    print(f"wrote tasks.json ({len(TASKS)} tasks) and {len(TASKS)} configuration.json files")


if __name__ == "__main__":
    main()
