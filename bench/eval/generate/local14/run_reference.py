"""Runs every local14 task with its hand-written reference connector and prints PASS/FAIL per task:
local2's runner, pointed at this folder (and this set registered with the harness at run time).

Usage: run_reference.py [task-id ...] [--reference DIR] [--keep]   (DIR holds <id>/connector.py, default reference/)
"""

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("local2_run_reference", HERE.parent / "local2" / "run_reference.py")
assert _spec is not None and _spec.loader is not None
runner = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(runner)
# register this set with the harness at run time (harness.SETS lists the sets it knows)
runner.harness.SETS.setdefault(HERE.name, (HERE, "sources", "make"))

if __name__ == "__main__":
    sys.exit(runner.main(HERE))
