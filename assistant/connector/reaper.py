"""The process `validate` starts `fivetran debug` under, so that nothing the connector starts outlives it.

Run as a script: `python reaper.py CLEANUP_DIR -- COMMAND...`. It makes itself a child subreaper
(Linux `prctl(PR_SET_CHILD_SUBREAPER)`), so a grandchild that leaves the session with `setsid()`
or `Popen(start_new_session=True)` is re-parented to it instead of to init; it asks the kernel for
SIGTERM when its own parent dies (`PR_SET_PDEATHSIG`), so a `validate` ended by SIGTERM, SIGHUP
or even SIGKILL still ends the run. When the command exits, or a signal arrives, it kills every
descendant it can find, removes CLEANUP_DIR, and exits as the command did (a signal death is
passed on as the same signal). Standard library only: it runs before anything else is imported.

`--writable DIR` (repeatable) asks for isolation: where the kernel allows it, the reaper enters a
new mount namespace (inside a user namespace unless it is root), makes every mount read-only
except DIR and CLEANUP_DIR, and drops CAP_SYS_ADMIN from the capability bounding set so the command
cannot remount. Its first line of output says which isolation was used, for `validate` to report.
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
PR_CAPBSET_DROP = 24
CAP_SYS_ADMIN = 21
CLONE_NEWNS, CLONE_NEWUSER = 0x00020000, 0x10000000
MS_RDONLY, MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 1, 32, 4096, 16384, 1 << 18
MNT_DETACH = 2
# per-mount flags a read-only remount must keep (the kernel refuses to clear locked ones)
KEEP = {"nosuid": 2, "nodev": 4, "noexec": 8, "noatime": 1024, "nodiratime": 2048, "relatime": 1 << 21,
        "strictatime": 1 << 24}
SKIP = ("/proc", "/sys", "/dev")  # kernel and device file systems: writing there is not leaving a trace
ISOLATION = "csdk-reaper isolation: "
ISOLATED = "read-only outside the project and a private temp folder (mount namespace)"


def _prctl(option: int, value: int) -> bool:
    try:
        return _libc().prctl(option, value, 0, 0, 0) == 0
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


def _libc() -> ctypes.CDLL:
    libc = ctypes.CDLL(None, use_errno=True)
    libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_void_p]
    libc.umount2.argtypes = [ctypes.c_char_p, ctypes.c_int]
    return libc


def _mount(libc: ctypes.CDLL, source: str | None, target: str, flags: int) -> None:
    if libc.mount(source.encode() if source else None, target.encode(), None, flags, None) != 0:
        raise OSError(ctypes.get_errno(), f"mount {target}: {os.strerror(ctypes.get_errno())}")


def _mounts() -> list[tuple[str, int]]:
    """(mount point, the flags to keep) of every mount, from /proc/self/mountinfo."""
    out = []
    with open("/proc/self/mountinfo", encoding="utf-8") as handle:
        for line in handle:
            fields = line.split()
            point = fields[4].encode().decode("unicode_escape")  # \040 for a space, and so on
            out.append((point, sum(KEEP.get(o, 0) for o in fields[5].split(","))))
    return out


def isolate(writable: list[str]) -> str:
    """Make everything but `writable` read-only for this process and all it starts; say what was done.
    Any refusal by the kernel (no user namespaces, a seccomp filter) leaves the run unisolated."""
    libc = _libc()
    uid, gid = os.getuid(), os.getgid()
    if libc.unshare(CLONE_NEWNS | (0 if uid == 0 else CLONE_NEWUSER)) != 0:
        return f"none (unshare: {os.strerror(ctypes.get_errno())}); writes outside are only detected"
    try:
        if uid != 0:
            for name, text in (("setgroups", "deny"), ("uid_map", f"0 {uid} 1"), ("gid_map", f"0 {gid} 1")):
                with open(f"/proc/self/{name}", "w", encoding="ascii") as handle:
                    handle.write(text)
        _mount(libc, None, "/", MS_REC | MS_PRIVATE)  # nothing done here reaches the real system
        for folder in writable:
            _mount(libc, folder, folder, MS_BIND | MS_REC)
        keep = {os.path.realpath(f) for f in writable}
        for point, flags in _mounts():
            if point in keep or any(point == s or point.startswith(s + "/") for s in SKIP):
                continue
            try:
                _mount(libc, None, point, MS_REMOUNT | MS_BIND | MS_RDONLY | flags)
            except OSError:
                if point == "/":
                    raise
        _prctl(PR_CAPBSET_DROP, CAP_SYS_ADMIN)
        os.chdir(os.getcwd())  # the working folder was entered through the old mount: enter it again
    except OSError as exc:
        return f"none ({exc.strerror or exc}); writes outside are only detected"
    return ISOLATED


def _remove(cleanup: str, parent: int) -> None:
    """Empty CLEANUP_DIR, then remove it through `parent`, a descriptor opened before isolation: it
    still reaches the writable mount that the namespace has made read-only."""
    shutil.rmtree(cleanup, ignore_errors=True)
    with contextlib.suppress(Exception):
        _libc().umount2(cleanup.encode(), MNT_DETACH)  # its bind mount, if isolated
    with contextlib.suppress(OSError, TypeError):  # TypeError: Python 3.10's rmtree takes no dir_fd
        shutil.rmtree(os.path.basename(cleanup), dir_fd=parent)


def probe() -> str:
    """What isolation a run would get on this machine (for `assistant doctor`): the reaper's own
    first line, from running `true` under it with a scratch folder as the writable one."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="csdk-probe-") as scratch:
        cleanup = os.path.join(scratch, "run")
        os.mkdir(cleanup)
        done = subprocess.run([sys.executable, __file__, cleanup, "--writable", scratch, "--", "true"],
                              capture_output=True, text=True, timeout=60)
    first = done.stdout.partition("\n")[0]
    return first.removeprefix(ISOLATION) if first.startswith(ISOLATION) else f"none (the probe said {first!r})"


def main(argv: list[str]) -> int:
    split = argv.index("--")
    cleanup, options, command = argv[0], argv[1:split], argv[split + 1:]
    writable = [options[i + 1] for i, o in enumerate(options) if o == "--writable"]
    parent = os.open(os.path.dirname(os.path.abspath(cleanup)), os.O_RDONLY | os.O_DIRECTORY)
    if writable:
        sys.stdout.write(ISOLATION + isolate([*writable, cleanup]) + "\n")
        sys.stdout.flush()
    _prctl(PR_SET_CHILD_SUBREAPER, 1)
    _prctl(PR_SET_PDEATHSIG, signal.SIGTERM)

    def stop(signum: int, _frame: object) -> None:
        reap_all()
        _remove(cleanup, parent)
        os._exit(128 + signum)

    for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(signum, stop)
    if os.getppid() == 1:  # the parent died before the death signal was armed
        stop(signal.SIGTERM, None)
    code = subprocess.Popen(command).wait()
    reap_all()
    _remove(cleanup, parent)
    if code < 0:  # pass a signal death on as itself, so the verdict can name it
        if -code not in (signal.SIGKILL, signal.SIGSTOP):
            signal.signal(-code, signal.SIG_DFL)
        os.kill(os.getpid(), -code)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
