"""Run every reference connector against its mock with the real `fivetran debug` and check the expectations.

    venv/bin/python run_reference.py            # all tasks
    venv/bin/python run_reference.py --task r-05 [--task r-06 ...] [--keep]

For each task: start the mock (mocks.serve), copy reference/<id>/ into _runs/<id>/, write configuration.json from the
task's config with {placeholders} filled from Source.values, run `fivetran debug --configuration configuration.json`,
and compare tester.* in files/warehouse.db with `expect`. If the task has `second_sync`: call Source.advance(), run
`fivetran debug` again in the same folder (files/ and its state kept) and compare with second_sync.expect.

Checks: every expected table has exactly the expected row count; rows with _fivetran_deleted = true match "deleted"
(0 when not listed); no other tables exist in schema tester.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import pathlib
import shutil
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
VENV_BIN = HERE / "venv" / "bin"

try:
    import duckdb
except ImportError:  # re-run under the venv that has the SDK (and duckdb)
    os.execv(str(VENV_BIN / "python"), [str(VENV_BIN / "python"), *sys.argv])

sys.path.insert(0, str(HERE))
import mocks  # noqa: E402


def fill(value: str, values: dict[str, str]) -> str:
    for k, v in values.items():
        value = value.replace("{" + k + "}", v)
    return value


def run_debug(folder: pathlib.Path, timeout: int = 600) -> tuple[bool, str]:
    env = dict(os.environ)
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    env.pop("PYTHONPATH", None)
    try:
        p = subprocess.run([str(VENV_BIN / "fivetran"), "debug", "--configuration", "configuration.json"], cwd=folder,
                           env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as e:
        return False, f"timeout after {timeout}s\n{e.stdout or ''}{e.stderr or ''}"
    out = p.stdout + p.stderr
    return p.returncode == 0 and "SYNC SUCCEEDED" in out, out


def check(folder: pathlib.Path, expect: dict) -> list[str]:
    db = folder / "files" / "warehouse.db"
    if not db.exists():
        return ["files/warehouse.db missing"]
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = {r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_schema = 'tester'").fetchall()}
        problems = []
        want_deleted = expect.get("deleted") or {}
        for table, n in expect["tables"].items():
            if table not in tables:
                problems.append(f"table {table} missing (have {sorted(tables)})")
                continue
            got = con.execute(f'select count(*) from tester."{table}"').fetchone()[0]
            if got != n:
                problems.append(f"{table}: {got} rows, expected {n}")
            cols = {r[0] for r in con.execute(f'describe tester."{table}"').fetchall()}
            dele = con.execute(f'select count(*) from tester."{table}" where _fivetran_deleted').fetchone()[0] \
                if "_fivetran_deleted" in cols else 0
            if dele != want_deleted.get(table, 0):
                problems.append(f"{table}: {dele} deleted rows, expected {want_deleted.get(table, 0)}")
        extra = tables - set(expect["tables"])
        if extra:
            problems.append(f"unexpected tables: {sorted(extra)}")
        return problems
    finally:
        con.close()


def run_task(task: dict, keep: bool) -> tuple[bool, str]:
    ref = HERE / "reference" / task["id"]
    folder = HERE / "_runs" / task["id"]
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for f in ref.iterdir():
        if f.is_file() and f.name != "configuration.json":
            shutil.copy(f, folder / f.name)
    detail = []
    with mocks.serve(task["source"], folder) as src:
        config = {k: fill(v, src.values) for k, v in task["config"].items()}
        (folder / "configuration.json").write_text(json.dumps(config, indent=2))
        phases = [("sync 1", task["expect"])]
        if task.get("second_sync"):
            phases.append(("sync 2", task["second_sync"]["expect"]))
        ok = True
        for i, (label, expect) in enumerate(phases):
            if i:
                src.advance()
            t0 = time.time()
            n_before = len(src.requests)
            success, out = run_debug(folder)
            took = time.time() - t0
            if not success:
                ok = False
                detail.append(f"{label}: fivetran debug failed ({took:.1f}s)\n" + "\n".join(out.splitlines()[-25:]))
                break
            problems = check(folder, expect)
            hist = collections.Counter(src.statuses[n_before:])
            codes = ", ".join(f"{c}x{n}" for c, n in sorted(hist.items()))
            detail.append(f"{label}: {took:.1f}s, {len(src.requests) - n_before} requests ({codes})"
                          + ("" if not problems else " -> " + "; ".join(problems)))
            if problems:
                ok = False
                break
    if ok and not keep:
        shutil.rmtree(folder, ignore_errors=True)
    return ok, "\n    ".join(detail)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--task", action="append", help="task id (repeatable); default all")
    ap.add_argument("--keep", action="store_true", help="keep _runs/<id>/ of passing tasks")
    args = ap.parse_args()
    tasks = json.loads((HERE / "tasks.json").read_text())
    if args.task:
        tasks = [t for t in tasks if t["id"] in set(args.task)]
    passed = 0
    for task in tasks:
        ok, detail = run_task(task, args.keep)
        passed += ok
        print(f"{'PASS' if ok else 'FAIL'} {task['id']} ({task['source']})\n    {detail}", flush=True)
    print(f"\n{passed}/{len(tasks)} passed")
    sys.exit(0 if passed == len(tasks) else 1)


if __name__ == "__main__":
    main()
