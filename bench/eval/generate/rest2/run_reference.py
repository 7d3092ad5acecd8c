"""Runs every rest2 task against its hand-written reference connector and prints PASS/FAIL per task.

usage: run_reference.py [--reference DIR] [task ids...]
--reference DIR points at another folder of <id>/connector.py (used to check that naive connectors fail).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
import harness  # noqa: E402

FIVETRAN = Path("/root/.local/share/csdk-assistant/runtime-venv/bin/fivetran")


def run_task(task: harness.Task, reference: Path, verbose: bool) -> list[str]:
    with tempfile.TemporaryDirectory(prefix=f"{task.set}-{task.id}-") as tmp:
        tmp_path = Path(tmp)
        project = tmp_path / "project"
        shutil.copytree(reference / task.id, project, ignore=shutil.ignore_patterns("files", "__pycache__"))
        with harness.source(task, tmp_path) as src:
            (project / "configuration.json").write_text(json.dumps(harness.fill(task.data["config"], src.values)))
            ok, out = harness.run_debug(project, FIVETRAN)
            problems = [] if ok else ["sync 1 failed"]
            problems += [f"sync 1: {p}" for p in harness.check(project, task.data["expect"])]
            if verbose and problems:
                print(out[-3000:])
            second = task.data.get("second_sync")
            if second and ok:
                src.advance()
                ok, out = harness.run_debug(project, FIVETRAN)
                problems += [] if ok else ["sync 2 failed"]
                problems += [f"sync 2: {p}" for p in harness.check(project, second["expect"])]
                if verbose and not ok:
                    print(out[-3000:])
        return problems


def main(here: Path = HERE) -> int:
    """The tasks of the set in `here` (rest3 and local3 call this with their own folder)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("ids", nargs="*")
    parser.add_argument("--reference", type=Path, default=here / "reference")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    failed = 0
    for task in harness.tasks(here.name):
        if args.ids and task.id not in args.ids:
            continue
        if not (args.reference / task.id / "connector.py").exists():
            print(f"SKIP {task.id}: no connector", flush=True)
            continue
        start = time.monotonic()
        problems = run_task(task, args.reference, args.verbose)
        failed += bool(problems)
        status = "FAIL" if problems else "PASS"
        print(f"{status} {task.id} ({time.monotonic() - start:.1f} s){': ' + '; '.join(problems) if problems else ''}",
              flush=True)
    print(f"{'all passed' if not failed else f'{failed} failed'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
