"""Runs every local3 task with its hand-written reference connector and prints PASS/FAIL per task:
local2's runner, pointed at this folder.

For each task: make the source in a temp folder, copy reference/<id>/ into a temp project (placeholders
such as {folder} in connector.py are filled too, for tasks whose request hard-codes the path), write
configuration.json = fill(config), run `fivetran debug`, check expect; with second_sync, advance the
source, run again in the same project (state kept) and check second_sync.expect.

Usage: run_reference.py [task-id ...] [--reference DIR]   (DIR holds <id>/connector.py, default reference/)
"""

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("local2_run_reference", HERE.parent / "local2" / "run_reference.py")
assert _spec is not None and _spec.loader is not None
runner = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(runner)

if __name__ == "__main__":
    sys.exit(runner.main(HERE))
