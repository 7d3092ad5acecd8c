"""File and database sources: a CSV/JSONL folder and a SQLite file, through `fivetran debug`."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path

import pytest
from conftest import RUNTIME_VENV

from assistant.connector import compose, lint, validate, writer
from assistant.connector.spec import Spec

pytestmark = pytest.mark.fivetran_debug
VENV = Path(RUNTIME_VENV)


def build(tmp_path: Path, spec: dict, config: dict) -> tuple[Path, Path]:
    out = tmp_path / "project"
    writer.write(out, compose.project_files(Spec.model_validate(spec)))
    cfg = tmp_path / "config.json"
    cfg.write_text(json.dumps(config))
    assert [f for f in lint.lint(out) if f.severity == "error"] == []
    return out, cfg


def test_a_folder_of_csv_and_jsonl_files_incrementally_by_mtime(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.csv").write_text("id,name\n1,ann\n2,bob\n")
    (data / "b.csv").write_text("id,name\n3,cy\n")
    (data / "events.jsonl").write_text('{"event_id": "e1", "v": {"x": 1}}\n{"event_id": "e2", "v": null}\n')
    spec = {"source_type": "file", "name": "files_demo",
            "tables": [{"name": "people", "primary_key": ["id"], "files": "*.csv"},
                       {"name": "events", "primary_key": ["event_id"], "files": "*.jsonl", "format": "jsonl"}]}
    out, cfg = build(tmp_path, spec, {"folder": str(data)})
    assert json.loads((out / "configuration.json").read_text()) == {"folder": "<YOUR_FOLDER>"}
    result = validate.validate(out, config=cfg, venv=VENV)
    assert result.verdict == "PASS", (result.reason, result.log_tail)
    assert {t.name: t.rows for t in result.tables} == {"people": 3, "events": 2}
    state = json.loads((out / "files" / "state.json").read_text())
    assert state["people"]["files"] == {n: os.path.getmtime(data / n) for n in ("a.csv", "b.csv")}


def test_a_sqlite_table_in_batches_with_a_cursor_column(tmp_path: Path) -> None:
    db = tmp_path / "shop.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE orders (order_id INTEGER PRIMARY KEY, total REAL, updated_at TEXT)")
    conn.executemany("INSERT INTO orders VALUES (?, ?, ?)",
                     [(i, i * 1.5, f"2024-01-01T00:{i % 60:02d}:{i % 7:02d}Z") for i in range(1, 2501)])
    conn.commit()
    conn.close()
    spec = {"source_type": "database", "name": "sqlite_demo",
            "tables": [{"name": "orders", "primary_key": ["order_id"], "source_table": "orders",
                        "cursor_column": "order_id"}]}
    out, cfg = build(tmp_path, spec, {"database_path": str(db)})
    started = time.monotonic()
    result = validate.validate(out, config=cfg, venv=VENV)
    assert result.verdict == "PASS", (result.reason, result.log_tail)
    assert {t.name: t.rows for t in result.tables} == {"orders": 2500}
    assert result.operations["Checkpoints"] >= 3  # one per batch of 1000, then the final one
    assert json.loads((out / "files" / "state.json").read_text())["orders"]["cursor"] == 2500
    assert time.monotonic() - started < 600


def test_a_missing_folder_is_reported_as_a_failure_with_the_path(tmp_path: Path) -> None:
    spec = {"source_type": "file", "tables": [{"name": "people", "primary_key": ["id"], "files": "*.csv"}]}
    out, cfg = build(tmp_path, spec, {"folder": str(tmp_path / "nowhere")})
    result = validate.validate(out, config=cfg, venv=VENV)
    assert result.verdict == "FAIL" and "Configured folder does not exist" in result.reason

