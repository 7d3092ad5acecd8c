"""Building blocks for file and database sources: a folder of CSV/JSONL files, and a SQLite file
read in batches through the DB-API (the same code shape serves any DB-API driver)."""

# ruff: noqa: N802
from __future__ import annotations

import csv
import json
import os
import sqlite3

from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op

# Placeholders the composer replaces with the spec's values.
TABLES: dict = {}
LOCATION_KEY = "folder"
BATCH_SIZE = 1000
CHECKPOINT_INTERVAL = 1000


def read_rows(path: str, fmt: str):
    """Yield the records of one CSV (header row) or JSONL file, one at a time."""
    with open(path, newline="", encoding="utf-8") as handle:
        if fmt == "csv":
            yield from csv.DictReader(handle)
        else:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    try:
                        yield json.loads(line)
                    except ValueError as exc:
                        raise RuntimeError(f"{path}:{number}: not a JSON line ({exc})") from exc


def sync_files(configuration: dict, table: str, spec: dict, state: dict):
    """
    Upsert the rows of every matching file that changed since the last sync.
    Incremental by file modification time: the newest mtime seen is kept in state, and files not
    modified since are skipped.
    """
    folder = configuration[LOCATION_KEY]
    if not os.path.isdir(folder):
        raise RuntimeError(f"Configured folder does not exist: {folder}")
    table_state = state.setdefault(table, {})
    since = float(table_state.get("mtime", 0))
    names = sorted(n for n in os.listdir(folder) if n.endswith(spec["suffix"]))
    changed = [n for n in names if os.path.getmtime(os.path.join(folder, n)) > since]
    count = 0
    for name in changed:
        path = os.path.join(folder, name)
        for row in read_rows(path, spec["format"]):
            # The upsert inserts the row, or updates it if its primary key is already in the destination.
            op.upsert(table=table, data=row)
            count += 1
            if count % CHECKPOINT_INTERVAL == 0:
                op.checkpoint(state=state)
        table_state["mtime"] = max(float(table_state.get("mtime", 0)), os.path.getmtime(path))
        # Checkpoint after each file, so a failure never re-reads a finished file.
        op.checkpoint(state=state)
    log.info(f"{table}: {count} rows from {len(changed)} changed file(s) of {len(names)}")


def sync_query(configuration: dict, table: str, spec: dict, state: dict):
    """
    Upsert the rows of one database table in batches (fetchmany), ordered by the cursor column,
    so memory stays flat and the sync can resume from the last cursor value saved in state.
    """
    connection = sqlite3.connect(configuration[LOCATION_KEY])
    try:
        connection.row_factory = sqlite3.Row
        cursor_column = spec.get("cursor_column")
        last = state.setdefault(table, {}).get("cursor")
        sql = f'SELECT * FROM "{spec["source_table"]}"'
        params = []
        if cursor_column:
            if last is not None:
                sql += f' WHERE "{cursor_column}" > ?'
                params.append(last)
            sql += f' ORDER BY "{cursor_column}"'
        rows = connection.execute(sql, params)
        count = 0
        while True:
            batch = rows.fetchmany(BATCH_SIZE)
            if not batch:
                break
            for record in batch:
                row = dict(record)
                # The upsert inserts the row, or updates it if its primary key is already in the destination.
                op.upsert(table=table, data=row)
                count += 1
                if cursor_column:
                    state[table]["cursor"] = row[cursor_column]
            # Checkpoint after each batch: committed rows are not read again after an interruption.
            op.checkpoint(state=state)
        log.info(f"{table}: {count} rows")
    finally:
        connection.close()
