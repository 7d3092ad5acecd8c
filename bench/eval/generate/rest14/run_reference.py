"""Runs every rest14 task against its hand-written reference connector and prints PASS/FAIL per task:
rest2's runner, pointed at this folder.

usage: run_reference.py [--reference DIR] [-v] [task ids...]
"""

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("rest2_run_reference", HERE.parent / "rest2" / "run_reference.py")
assert _spec is not None and _spec.loader is not None
runner = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(runner)
# register this set with the harness at run time (harness.SETS lists the sets it knows)
runner.harness.SETS.setdefault(HERE.name, (HERE, "mocks", "serve"))

if __name__ == "__main__":
    sys.exit(runner.main(HERE))
