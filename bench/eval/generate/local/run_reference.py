"""Run the reference connectors against their generated sources and compare warehouse.db with tasks.json.

    venv/bin/python run_reference.py                 # all tasks
    venv/bin/python run_reference.py --task l-12     # one task (repeatable)
    venv/bin/python run_reference.py --keep          # keep the temp folders and print where they are

For each task: make the source in a temp folder, copy reference/<id>/ into a project folder, write its
configuration.json with the {placeholders} filled from Source.values (reference/<id>/configuration.json if present,
else the task's config), run `fivetran debug --configuration configuration.json`, check files/warehouse.db
(schema `tester`) against expect; if second_sync is set, call Source.advance() and run again WITHOUT deleting files/.

Checks (also the contract for graders of the tool under test):
  * the set of tables in schema tester equals expect.tables (a table expected with 0 rows may be absent);
  * count(*) per table equals expect.tables[t] (soft-deleted rows are counted);
  * for each table in expect.deleted, count(*) WHERE _fivetran_deleted equals the number;
  * optional expect.min_columns: the table has at least that many columns not starting with _fivetran
    (catches a wrong CSV delimiter or a column added on the second sync being dropped).

    venv/bin/python run_reference.py --ref-root controls   # negative controls: broken references, each must FAIL
"""
from __future__ import annotations

import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
VENV_BIN = HERE / "venv" / "bin"

try:
    import duckdb  # noqa: F401
except ImportError:  # re-run under the venv, which has duckdb via the SDK
    os.execv(str(VENV_BIN / "python"), [str(VENV_BIN / "python"), __file__, *sys.argv[1:]])

sys.path.insert(0, str(HERE))
import sources  # noqa: E402


def fill(value, values: dict[str, str]):
    if isinstance(value, str):
        for k, v in values.items():
            value = value.replace("{" + k + "}", v)
        return value
    if isinstance(value, dict):
        return {k: fill(v, values) for k, v in value.items()}
    if isinstance(value, list):
        return [fill(v, values) for v in value]
    return value


def run_debug(project: pathlib.Path, log_path: pathlib.Path) -> tuple[int, float]:
    env = dict(os.environ)
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    env.pop("PYTHONPATH", None)
    t0 = time.time()
    with open(log_path, "w") as log:
        proc = subprocess.run([str(VENV_BIN / "fivetran"), "debug", "--configuration", "configuration.json"],
                              cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT, timeout=900)
    return proc.returncode, time.time() - t0


def check(warehouse: pathlib.Path, expect: dict) -> list[str]:
    import duckdb
    if not warehouse.exists():
        return ["files/warehouse.db was not written"]
    errors = []
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        present = {r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'tester'").fetchall()}
        tables = expect.get("tables", {})
        extra = sorted(present - set(tables))
        if extra:
            errors.append(f"unexpected tables: {extra}")
        for t, n in tables.items():
            if t not in present:
                if n != 0:
                    errors.append(f"{t}: missing (expected {n} rows)")
                continue
            got = con.execute(f'SELECT count(*) FROM tester."{t}"').fetchone()[0]
            if got != n:
                errors.append(f"{t}: {got} rows, expected {n}")
        for t, n in expect.get("deleted", {}).items():
            if t not in present:
                if n != 0:
                    errors.append(f"{t}: missing (expected {n} deleted rows)")
                continue
            cols = {r[0] for r in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_schema='tester' AND table_name=?",
                [t]).fetchall()}
            got = 0
            if "_fivetran_deleted" in cols:
                got = con.execute(f'SELECT count(*) FROM tester."{t}" WHERE _fivetran_deleted').fetchone()[0]
            if got != n:
                errors.append(f"{t}: {got} rows with _fivetran_deleted, expected {n}")
        for t, n in expect.get("min_columns", {}).items():
            if t not in present:
                errors.append(f"{t}: missing (expected at least {n} data columns)")
                continue
            cols = [r[0] for r in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_schema='tester' AND table_name=?",
                [t]).fetchall()]
            data_cols = [c for c in cols if not c.startswith("_fivetran")]
            if len(data_cols) < n:
                errors.append(f"{t}: {len(data_cols)} data columns {data_cols}, expected at least {n}")
    finally:
        con.close()
    return errors


def run_task(task: dict, keep: bool, ref_root: pathlib.Path) -> tuple[bool, str]:
    tmp = pathlib.Path(tempfile.mkdtemp(prefix=f"gen_local_{task['id']}_"))
    ref = ref_root / task["id"]
    messages = []
    ok = True
    try:
        with sources.make(task["source"], tmp / "data") as src:
            project = tmp / "project"
            project.mkdir()
            for f in ref.iterdir():
                if f.is_file() and f.name != "configuration.json":
                    shutil.copy(f, project / f.name)
            cfg_template = json.loads((ref / "configuration.json").read_text()) if (ref / "configuration.json").exists() \
                else task["config"]
            (project / "configuration.json").write_text(json.dumps(fill(cfg_template, src.values), indent=2))

            rounds = [("sync 1", task["expect"], False)]
            if task.get("second_sync"):
                rounds.append(("sync 2", task["second_sync"]["expect"], True))
            for label, expect, advance in rounds:
                if advance:
                    src.advance()
                rc, secs = run_debug(project, tmp / f"{label.replace(' ', '_')}.log")
                if rc != 0:
                    ok = False
                    tail = (tmp / f"{label.replace(' ', '_')}.log").read_text().splitlines()[-15:]
                    messages.append(f"{label}: fivetran debug exited {rc}\n      " + "\n      ".join(tail))
                    break
                errors = check(project / "files" / "warehouse.db", expect)
                if errors:
                    ok = False
                    messages.append(f"{label}: " + "; ".join(errors))
                    break
                messages.append(f"{label} ok ({secs:.1f}s)")
    except Exception as e:  # a generator bug is a FAIL, not a crash of the whole run
        ok = False
        messages.append(f"error: {e!r}")
    finally:
        if keep:
            messages.append(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return ok, "; ".join(messages)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--task", action="append", help="task id (repeatable); default all")
    ap.add_argument("--keep", action="store_true", help="keep temp folders")
    ap.add_argument("--ref-root", default=str(HERE / "reference"),
                    help="folder holding <task id>/connector.py (default reference/; 'controls' for negative controls)")
    args = ap.parse_args()
    tasks = json.loads((HERE / "tasks.json").read_text())
    ref_root = pathlib.Path(args.ref_root)
    if not ref_root.is_absolute():
        ref_root = (HERE / ref_root) if (HERE / ref_root).exists() else ref_root.resolve()
    if ref_root.resolve() != (HERE / "reference").resolve() and not args.task:
        tasks = [t for t in tasks if (ref_root / t["id"] / "connector.py").exists()]
    if args.task:
        unknown = set(args.task) - {t["id"] for t in tasks}
        if unknown:
            sys.exit(f"unknown task(s): {sorted(unknown)}")
        tasks = [t for t in tasks if t["id"] in args.task]
    passed = 0
    for t in tasks:
        ok, msg = run_task(t, args.keep, ref_root)
        passed += ok
        print(f"{'PASS' if ok else 'FAIL'} {t['id']} [{t['split']}/{t['style']}] {t['source']}: {msg}", flush=True)
    print(f"TOTAL {passed}/{len(tasks)} passed")
    sys.exit(0 if passed == len(tasks) else 1)


if __name__ == "__main__":
    main()
