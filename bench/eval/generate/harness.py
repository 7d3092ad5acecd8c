"""What the generate evaluation shares: loading the two task sets, making a task's source, filling
placeholders, running `fivetran debug` in the runtime venv and checking the warehouse.

The checks are those of the sets' own run_reference.py scripts: every expected table holds exactly
the expected rows (a table expected empty may be missing), rows marked _fivetran_deleted match
`deleted`, tables named in `min_columns` have at least that many data columns, and no other table
exists in schema `tester`.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SETS = {"rest": (HERE / "rest", "mocks", "serve"), "local": (HERE / "local", "sources", "make"),
        "rest2": (HERE / "rest2", "mocks", "serve"), "local2": (HERE / "local2", "sources", "make"),
        "rest3": (HERE / "rest3", "mocks", "serve"), "local3": (HERE / "local3", "sources", "make"),
        "rest4": (HERE / "rest4", "mocks", "serve"), "local4": (HERE / "local4", "sources", "make"),
        "rest5": (HERE / "rest5", "mocks", "serve"), "local5": (HERE / "local5", "sources", "make"),
        "rest6": (HERE / "rest6", "mocks", "serve"), "local6": (HERE / "local6", "sources", "make"),
        "rest7": (HERE / "rest7", "mocks", "serve"), "local7": (HERE / "local7", "sources", "make"),
        "rest8": (HERE / "rest8", "mocks", "serve"), "local8": (HERE / "local8", "sources", "make"),
        "rest9": (HERE / "rest9", "mocks", "serve"), "local9": (HERE / "local9", "sources", "make"),
        "rest10": (HERE / "rest10", "mocks", "serve"), "local10": (HERE / "local10", "sources", "make"),
        "rest11": (HERE / "rest11", "mocks", "serve"), "local11": (HERE / "local11", "sources", "make"),
        "rest12": (HERE / "rest12", "mocks", "serve"), "local12": (HERE / "local12", "sources", "make"),
        "rest13": (HERE / "rest13", "mocks", "serve"), "local13": (HERE / "local13", "sources", "make"),
        "rest14": (HERE / "rest14", "mocks", "serve"), "local14": (HERE / "local14", "sources", "make")}


@dataclass
class Task:
    set: str
    data: dict[str, Any]

    @property
    def id(self) -> str:
        return str(self.data["id"])

    @property
    def split(self) -> str:
        return str(self.data["split"])


VARIANTS = {"para": HERE / "para"}
"""Sets of the same tasks asked again in other words: each item names the task it rewrites (`of`),
whose source, configuration and expected rows it keeps. Tuning data only, and only of tune tasks;
run by name (`--set para`), never in "all", so the written sets' totals stay comparable."""


def _written(which: str) -> list[Task]:
    out = []
    for name, (folder, _, _) in SETS.items():
        if which in ("all", name) and (folder / "tasks.json").exists():
            out += [Task(name, t) for t in json.loads((folder / "tasks.json").read_text())]
    return out


def tasks(which: str = "all") -> list[Task]:
    out = _written(which)
    for name, folder in VARIANTS.items():
        if which == name:  # asked for by name; "all" stays the sets as written
            out += _variants(folder / "variants.json")
    return out


def _variants(path: Path) -> list[Task]:
    base = {f"{t.set}/{t.id}": t for t in _written("all")}
    out = []
    for item in json.loads(path.read_text()):
        of = base[item["of"]]
        assert of.split == "tune", f"{item['id']} rewrites {item['of']}, a report task"
        out.append(Task(of.set, {**of.data, "id": item["id"], "split": "tune", "style": item["style"],
                                 "request": item["request"]}))
    return out


def _module(name: str) -> Any:
    folder, module, _ = SETS[name]
    spec = importlib.util.spec_from_file_location(f"eval_{name}_{module}", folder / f"{module}.py")
    assert spec and spec.loader
    loaded = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = loaded
    spec.loader.exec_module(loaded)
    return loaded


@contextlib.contextmanager
def source(task: Task, workdir: Path) -> Iterator[Any]:
    """The task's mock API or files, running for the duration of the block."""
    maker = getattr(_module(task.set), SETS[task.set][2])
    with maker(task.data["source"], workdir) as src:
        yield src


def fill(value: Any, values: dict[str, str]) -> Any:
    """Placeholders by plain replacement: requests hold literal braces such as {customer}."""
    if isinstance(value, str):
        for key, replacement in values.items():
            value = value.replace("{" + key + "}", replacement)
        return value
    if isinstance(value, dict):
        return {k: fill(v, values) for k, v in value.items()}
    if isinstance(value, list):
        return [fill(v, values) for v in value]
    return value


def run_debug(project: Path, fivetran: Path, timeout: int = 900) -> tuple[bool, str]:
    """One `fivetran debug` in the project folder with its configuration.json; files/ is kept. Offline,
    the SDK's requirements check retries PyPI for 12 s: a pipreqs shim makes it read the venv instead."""
    shims = project.parent / "shims"
    shims.mkdir(exist_ok=True)
    (shims / "pipreqs").write_text(f'#!/bin/sh\nexec "{fivetran.parent / "pipreqs"}" --use-local "$@"\n')
    (shims / "pipreqs").chmod(0o755)
    env = {**os.environ, "PATH": os.pathsep.join([str(shims), str(fivetran.parent), os.environ.get("PATH", "")])}
    env.pop("PYTHONPATH", None)
    try:
        proc = subprocess.run([str(fivetran), "debug", "--configuration", "configuration.json"], cwd=project,
                              env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return False, f"timed out after {timeout} s"
    out = proc.stdout + proc.stderr
    return proc.returncode == 0 and "SYNC SUCCEEDED" in out, out


def check(project: Path, expect: dict[str, Any]) -> list[str]:
    import duckdb

    db = project / "files" / "warehouse.db"
    if not db.exists():
        return ["files/warehouse.db was not written"]
    con = duckdb.connect(str(db), read_only=True)
    try:
        def columns(table: str) -> list[str]:
            return [r[0] for r in con.execute("SELECT column_name FROM information_schema.columns WHERE "
                                              "table_schema = 'tester' AND table_name = ?", [table]).fetchall()]

        present = {r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'tester'").fetchall()}
        expected = expect.get("tables", {})
        problems = [f"unexpected tables: {sorted(present - set(expected))}"] if present - set(expected) else []
        deleted = expect.get("deleted") or {}
        for table, rows in expected.items():
            if table not in present:
                if rows or deleted.get(table):
                    problems.append(f"{table}: missing (expected {rows} rows)")
                continue
            got = con.execute(f'SELECT count(*) FROM tester."{table}"').fetchone()[0]
            if got != rows:
                problems.append(f"{table}: {got} rows, expected {rows}")
            gone = con.execute(f'SELECT count(*) FROM tester."{table}" WHERE _fivetran_deleted').fetchone()[0] \
                if "_fivetran_deleted" in columns(table) else 0
            if gone != deleted.get(table, 0):
                problems.append(f"{table}: {gone} rows deleted, expected {deleted.get(table, 0)}")
        for table, least in (expect.get("min_columns") or {}).items():
            data = [c for c in columns(table) if not c.startswith("_fivetran")]
            if table in present and len(data) < least:
                problems.append(f"{table}: {len(data)} data columns, expected at least {least}")
        return problems
    finally:
        con.close()
