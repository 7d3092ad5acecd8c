"""The process `validate` starts `fivetran debug` under, so that nothing the connector starts outlives it.

Run as a script: `python reaper.py CLEANUP_DIR -- COMMAND...`. It makes itself a child subreaper
(Linux `prctl(PR_SET_CHILD_SUBREAPER)`), so a grandchild that leaves the session with `setsid()`
or `Popen(start_new_session=True)` is re-parented to it instead of to init; it asks the kernel for
SIGTERM when its own parent dies (`PR_SET_PDEATHSIG`), so a `validate` ended by SIGTERM, SIGHUP
or even SIGKILL still ends the run. When the command exits, or a signal arrives, it kills every
descendant it can find, removes CLEANUP_DIR, and exits as the command did (a signal death is
passed on as the same signal). Standard library only: it runs before anything else is imported.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import subprocess
import sys
import time

PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36


def _prctl(option: int, value: int) -> bool:
    try:
        return ctypes.CDLL(None, use_errno=True).prctl(option, value, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def descendants(root: int) -> list[int]:
    """Every process whose chain of parents reaches `root`, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8", errors="replace") as handle:
                ppid = int(handle.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def reap_all() -> None:
    """Kill every descendant until none is left, collecting the dead (they are ours to wait for)."""
    for _ in range(100):
        pids = descendants(os.getpid())
        for pid in pids:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        while True:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
        if not pids:
            return
        time.sleep(0.02)


def main(argv: list[str]) -> int:
    cleanup, command = argv[0], argv[2:]
    _prctl(PR_SET_CHILD_SUBREAPER, 1)
    _prctl(PR_SET_PDEATHSIG, signal.SIGTERM)

    def stop(signum: int, _frame: object) -> None:
        reap_all()
        shutil.rmtree(cleanup, ignore_errors=True)
        os._exit(128 + signum)

    for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(signum, stop)
    if os.getppid() == 1:  # the parent died before the death signal was armed
        stop(signal.SIGTERM, None)
    code = subprocess.Popen(command).wait()
    reap_all()
    shutil.rmtree(cleanup, ignore_errors=True)
    if code < 0:  # pass a signal death on as itself, so the verdict can name it
        if -code not in (signal.SIGKILL, signal.SIGSTOP):
            signal.signal(-code, signal.SIG_DFL)
        os.kill(os.getpid(), -code)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
