"""Generate-then-check on the blind tasks of bench/eval/generate: requests nobody here wrote.

    python bench/generate_eval.py [--split tune|report|all]
                                  [--set rest|local|rest2|...|local5|all] [--task ID]...
                                  [--mode plain|config|both] [--model NAME | --no-model] [--summary] [--json FILE]
                                  [--keep DIR]

For each task: make its source (a mock API on 127.0.0.1, or files and databases), write the request
with its placeholders filled to a prompt file, and run `assistant generate --prompt-file P --out D`,
in `config` mode with `--config C` (the user's configuration: the assistant may probe the source and
validate) and in `plain` mode without. Then the project runs with the real `fivetran debug` against
the source, with the task's configuration, and the warehouse is checked (bench/eval/generate/harness.py);
tasks with a second sync change the source and run again with the saved state. Prints PASS/FAIL per
task with the cause (`--summary`: only the totals) and the pass rate per split and mode, with the
failures counted by the stage they failed at (never which task: the report halves are read only so).
`--keep DIR` copies each generated project to DIR for reading (tune split only: report projects are
never read).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench" / "eval" / "generate")]
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import harness  # noqa: E402


class SharedModel:
    """One model for every task, loaded on first use (a fresh CLI process would load it each time)."""

    def __init__(self) -> None:
        self.generator: Any = None

    def __call__(self, cfg: Any, progress: Any) -> Any:
        from assistant.services import load_generator

        if self.generator is None:
            self.generator = load_generator(cfg, progress)
        return self.generator


def generate(task: harness.Task, src: Any, work: Path, mode: str, flags: list[str], factory: Any) -> tuple[Path, str]:
    """Run `assistant generate` in-process; the project folder and, on failure, the CLI's last line."""
    from click.testing import CliRunner

    from cli.main import cli

    prompt, out, config = work / "request.txt", work / "project", work / "config.json"
    prompt.write_text(harness.fill(task.data["request"], src.values))
    args = ["generate", "--prompt-file", str(prompt), "--out", str(out), *flags]
    if mode == "config":
        config.write_text(json.dumps(harness.fill(task.data["config"], src.values)))
        args += ["--config", str(config)]
    result = CliRunner().invoke(cli, args, obj=factory)
    lines = (result.stderr or result.stdout or str(result.exception)).strip().splitlines()
    return out, ("" if (out / "connector.py").exists() else (lines[-1] if lines else f"exit {result.exit_code}"))


KEEP: Path | None = None

STAGES = (("generate", r"^generate failed"), ("debug: source refused", r"debug failed \(USER\)"),
          ("debug: code", r"debug failed \(CODE\)"), ("debug: source unreachable", r"debug failed \(INFRA\)"),
          ("tables", r"unexpected tables|missing \(expected"), ("rows", r"rows, expected"),
          ("deletes", r"rows deleted, expected"), ("columns", r"data columns, expected"))
"""Where a task failed, by its first problem: counts of these are what the report halves may show."""


def stage(cause: str) -> str:
    found = [(m.start(), name) for name, pattern in STAGES if (m := re.search(pattern, cause))]
    return min(found)[1] if found else "other"


def run_task(task: harness.Task, mode: str, flags: list[str], factory: Any, fivetran: Path) -> tuple[bool, str]:
    work = Path(tempfile.mkdtemp(prefix=f"csdk-eval-{task.id}-"))
    try:
        with harness.source(task, work / "source") as src:
            project, failed = generate(task, src, work, mode, flags, factory)
            if failed:
                return False, f"generate failed: {failed}"
            if task.data["config"]:  # the user fills in configuration.json; empty: the request named the path
                (project / "configuration.json").write_text(json.dumps(harness.fill(task.data["config"], src.values)))
            shutil.rmtree(project / "files", ignore_errors=True)
            phases = [("sync 1", task.data["expect"])]
            if task.data.get("second_sync"):
                phases.append(("sync 2", task.data["second_sync"]["expect"]))
            for number, (label, expect) in enumerate(phases):
                if number:
                    src.advance()
                ok, output = harness.run_debug(project, fivetran)
                if not ok:
                    from assistant.connector.validate import classify

                    category, reason = classify(output, project)
                    return False, f"{label}: fivetran debug failed ({category}): {reason[:300]}"
                problems = harness.check(project, expect)
                if problems:
                    return False, f"{label}: {'; '.join(problems)[:400]}"
            return True, ""
    finally:
        if KEEP is not None and (work / "project").exists():  # for reading a tune task's project afterwards (--keep)
            shutil.copytree(work / "project", KEEP / f"{task.id}-{mode}", dirs_exist_ok=True)
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("tune", "report", "all"), default="all")
    parser.add_argument("--set", choices=(*harness.SETS, *harness.VARIANTS, "all"), default="all")
    parser.add_argument("--task", action="append", default=[])
    parser.add_argument("--mode", choices=("plain", "config", "both"), default="both")
    parser.add_argument("--model", default=None)
    parser.add_argument("--no-model", action="store_true")
    parser.add_argument("--summary", action="store_true", help="print the totals only")
    parser.add_argument("--json", type=Path, help="also write every result to this file")
    parser.add_argument("--keep", type=Path, help="copy each generated project here (tune tasks only)")
    args = parser.parse_args()
    global KEEP
    if args.keep and args.split != "tune":
        parser.error("--keep reads generated projects: tune split only")
    KEEP = args.keep

    from assistant.connector import runtime_venv
    from assistant.services import Services
    from core import settings

    cfg = settings.load(model=args.model)
    fivetran = runtime_venv.fivetran(runtime_venv.location(cfg.runtime_venv))
    shared = SharedModel()

    def factory(c: Any) -> Any:
        return Services(c.model_copy(update={"model": args.model}) if args.model else c, shared)

    flags = ["--no-model"] if args.no_model else []
    chosen = [t for t in harness.tasks(args.set) if (args.split in ("all", t.split))
              and (not args.task or t.id in args.task)]
    modes = ["plain", "config"] if args.mode == "both" else [args.mode]
    results = []
    for task in chosen:
        for mode in modes:
            started = time.perf_counter()
            ok, cause = run_task(task, mode, flags, factory, fivetran)
            results.append({"id": task.id, "split": task.split, "mode": mode, "pass": ok, "cause": cause,
                            "stage": "" if ok else stage(cause),
                            "seconds": round(time.perf_counter() - started, 1)})
            if not args.summary:
                print(f"{'PASS' if ok else 'FAIL'}  {task.id:<5} {task.split:<6} {mode:<6} "
                      f"{results[-1]['seconds']:6.1f} s  {cause}", flush=True)
    print(f"model: {'none (--no-model)' if args.no_model else (shared.generator.name if shared.generator else '-')}")
    for split in ("tune", "report"):
        for mode in modes:
            rows = [r for r in results if r["split"] == split and r["mode"] == mode]
            if rows:
                passed = sum(r["pass"] for r in rows)
                stages = Counter(stage(r["cause"]) for r in rows if not r["pass"])
                where = ", ".join(f"{name} {count}" for name, count in stages.most_common())
                print(f"{split:<6} {mode:<6} {passed}/{len(rows)} = {passed / len(rows):.2f}"
                      + (f"   failed at: {where}" if where else ""))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
