"""Runs every local2 task with its hand-written reference connector and prints PASS/FAIL per task.

For each task: make the source in a temp folder, copy reference/<id>/ into a temp project (placeholders
such as {folder} in connector.py are filled too, for tasks whose request hard-codes the path), write
configuration.json = fill(config), run `fivetran debug`, check expect; with second_sync, advance the
source, run again in the same project (state kept) and check second_sync.expect.

Usage: run_reference.py [task-id ...] [--reference DIR]   (DIR holds <id>/connector.py, default reference/)
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
import harness  # noqa: E402

FIVETRAN = Path("/root/.local/share/csdk-assistant/runtime-venv/bin/fivetran")


def run_task(task: harness.Task, reference: Path, keep: bool = False) -> list[str]:
    tmp = Path(tempfile.mkdtemp(prefix=f"{task.id}-"))
    try:
        with harness.source(task, tmp / "source") as src:
            project = tmp / "run" / "project"
            project.mkdir(parents=True)
            for f in (reference / task.id).iterdir():
                if f.is_file() and f.name != "configuration.json":
                    text = f.read_text()
                    (project / f.name).write_text(harness.fill(text, src.values) if f.suffix == ".py" else text)
            (project / "configuration.json").write_text(json.dumps(harness.fill(task.data["config"], src.values)))
            ok, out = harness.run_debug(project, FIVETRAN)
            if not ok:
                return ["sync 1 failed: " + out[-1500:]]
            problems = [f"sync 1: {p}" for p in harness.check(project, task.data["expect"])]
            second = task.data.get("second_sync")
            if second:
                src.advance()
                ok, out = harness.run_debug(project, FIVETRAN)
                if not ok:
                    return problems + ["sync 2 failed: " + out[-1500:]]
                problems += [f"sync 2: {p}" for p in harness.check(project, second["expect"])]
            return problems
    finally:
        if keep:
            print(f"  kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def main(here: Path = HERE) -> int:
    """The tasks of the set in `here` (rest3 and local3 call this with their own folder)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("ids", nargs="*")
    ap.add_argument("--reference", type=Path, default=here / "reference")
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    failed = 0
    for task in harness.tasks(here.name):
        if args.ids and task.id not in args.ids:
            continue
        problems = run_task(task, args.reference.resolve(), args.keep)
        failed += bool(problems)
        print(f"{task.id}: {'FAIL' if problems else 'PASS'}", flush=True)
        for p in problems:
            print("   ", p)
    print("all passed" if not failed else f"{failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
