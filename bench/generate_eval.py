"""Generate-then-validate on local sources: request text -> spec -> files -> `fivetran debug`.

    python bench/generate_eval.py [--no-model] [--model NAME]

Each task is a request written for one API style of tests/apiserver.py, with the tables and row
counts it must produce. Reports the pass rate, repairs needed and seconds per task, and each
failure's cause.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from apiserver import N_EVENTS, N_ITEMS, N_USERS, PASSWORD, TOKEN, USER, Api  # noqa: E402

ORDERS = sum(uid % 3 for uid in range(1, N_USERS + 1))
TASKS = [
    ("cursor + bearer + incremental",
     'Users API at {url}. Bearer token auth. GET /bearer/api/users?limit=<n>&cursor=<token> returns '
     '{{"users": [...], "next_cursor": "...", "has_more": true}}. Primary key id. Incremental on updated_at '
     'using updated_since.', "bearer", {"users": N_USERS}),
    ("cursor in a nested field",
     'Events feed at {url}, bearer token. GET /bearer/api/events?limit=<n>&cursor=<c> responds with '
     '{{"data": {{"items": [...]}}, "meta": {{"next": "..."}}}}; send meta.next back as cursor. Each event is '
     'identified by event_id.', "bearer", {"events": N_EVENTS}),
    ("page numbers + basic auth",
     "Inventory API at {url} with HTTP basic auth (username and password). GET /basic/page/items?page=<p>"
     "&per_page=<n> returns a JSON list of items; primary key sku.", "basic", {"items": N_ITEMS}),
    ("offset + total",
     'Catalog at {url}, bearer token. GET /bearer/offset/items?offset=<o>&limit=<n> returns {{"results": [...], '
     '"total": 57}}. Primary key sku.', "bearer", {"items": N_ITEMS}),
    ("Link header",
     "Items API at {url}, bearer auth. GET /bearer/link/items?limit=<n> returns a list; the next page URL is in "
     "the Link header (rel=next). Primary key sku.", "bearer", {"items": N_ITEMS}),
    ("deletes + child table",
     'Users API at {url} with bearer token. GET /bearer/api/users?cursor=<token> returns {{"users": [...], '
     '"next_cursor": "...", "has_more": false}}, primary key id. GET /bearer/api/users/deleted returns '
     '{{"deleted": [...]}} listing deleted user ids. For each user, GET /bearer/api/users/{{id}}/orders returns '
     "a list of orders with primary key order_id.", "bearer", {"users": N_USERS, "orders": ORDERS}),
    ("key only the model can place",
     'Clickstream at {url}, bearer token. GET /bearer/api/events?limit=<n>&cursor=<c> responds with '
     '{{"data": {{"items": [...]}}, "meta": {{"next": "..."}}}}; send meta.next back as cursor. The event_id '
     "field is what makes each event unique.", "bearer", {"events": N_EVENTS}),
    ("CSV folder", "A folder of CSV files with people, loaded into a people table, primary key id.", "file",
     {"people": 3}),
    ("SQLite file", "Sync the SQLite database file: table orders, primary key order_id, incremental on order_id.",
     "sqlite", {"orders": 2500}),
]


def local_config(kind: str, where: Path) -> dict[str, str]:
    """Make the CSV folder or SQLite file a local task reads, and its configuration."""
    if kind == "file":
        folder = where / "data"
        folder.mkdir()
        (folder / "a.csv").write_text("id,name\n1,ann\n2,bob\n")
        (folder / "b.csv").write_text("id,name\n3,cy\n")
        return {"folder": str(folder)}
    import sqlite3

    db = where / "shop.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE orders (order_id INTEGER PRIMARY KEY, total REAL)")
    conn.executemany("INSERT INTO orders VALUES (?, ?)", [(i, i * 1.5) for i in range(1, 2501)])
    conn.commit()
    conn.close()
    return {"database_path": str(db)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-model", action="store_true")
    parser.add_argument("--model", default=None)
    args = parser.parse_args()

    from assistant.connector import compose, extract, fix, hints, runtime_venv, validate, writer
    from assistant.services import load_generator
    from core import settings

    cfg = settings.load(model=args.model)
    venv = runtime_venv.location(cfg.runtime_venv)
    generator = None if args.no_model else load_generator(cfg)
    passed, rows = 0, []
    with Api() as api:
        for name, template, auth, expected in TASKS:
            started = time.perf_counter()
            text = template.format(url=api.url)
            extraction = extract.from_text(text)
            if generator is not None and extraction.spec.unresolved:
                extraction = hints.complete_with_model(extraction, text, generator)
            out = Path(tempfile.mkdtemp(prefix="csdk-gen-")) / "project"
            writer.write(out, compose.project_files(extraction.spec))
            config = out.parent / "config.json"
            if auth in ("file", "sqlite"):
                config.write_text(json.dumps(local_config(auth, out.parent)))
            else:
                values = {"username": USER, "password": PASSWORD} if auth == "basic" else {"api_token": TOKEN}
                config.write_text(json.dumps({"base_url": api.url, **values}))
            outcome = fix.repair(out, attempts=3, run=lambda o=out, c=config: validate.validate(o, config=c, venv=venv),
                                 generator_factory=(lambda: generator) if generator else None, show=lambda s: None)
            result = outcome.result
            counts = {t.name: t.rows for t in result.tables} if result else {}
            ok = bool(result and result.verdict == "PASS" and counts == expected)
            passed += ok
            cause = "" if ok else (result.reason if result and result.verdict != "PASS" else
                                   f"row counts {counts} != expected {expected}") or outcome.stopped_because
            model_facts = sorted(k for k, v in extraction.decided.items() if v == "model")
            rows.append((name, ok, len(outcome.steps), time.perf_counter() - started, cause, model_facts,
                         extraction.spec.unresolved))
    print(f"model: {generator.name if generator else 'none (text pass only)'}")
    for name, ok, repairs, seconds, cause, model_facts, unresolved in rows:
        print(f"{'PASS' if ok else 'FAIL'}  {name:<32} repairs {repairs}  {seconds:5.1f} s"
              + (f"  model supplied {model_facts}" if model_facts else "")
              + (f"  cause: {cause}" if cause else ""))
        for note in unresolved:
            print(f"        unresolved: {note}")
    print(f"pass rate {passed}/{len(TASKS)} = {passed / len(TASKS):.2f}; median "
          f"{sorted(r[3] for r in rows)[len(rows) // 2]:.1f} s per task")


if __name__ == "__main__":
    main()
