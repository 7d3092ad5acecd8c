"""`assistant validate`: lint, then run the real `fivetran debug` in a sandboxed subprocess.

The run gets its own session under a reaper (assistant/connector/reaper.py) that kills everything it
started, wherever it went, when the run ends, times out, or `validate` itself is ended; a time limit,
an address-space limit, a private HOME and TMPDIR, and a cap on captured output. Writes beside the
project, in /tmp and in the real home folder are reported. The configuration reaches the SDK through a FIFO in a
private temp folder, so secrets are never written to disk, and every secret-looking configuration
value is masked in whatever is shown or kept (hosts and paths stay readable: a 404 needs them).
The verdict comes from the SDK's own output and from warehouse.db.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from assistant.connector import lint as lint_mod
from assistant.connector import reaper, runtime_venv
from core import files
from core.errors import UsageError
from core.secrets import PLACEHOLDER, mask_values, secret_values

OUTPUT_CAP = 1_000_000
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_OP_ROW = re.compile(r"^[ \t]*(Upserts|Updates|Deletes|Truncates|Schema changes|Checkpoints|File uploads)"
                     r"[ \t]*\|[ \t]*(\d+)", re.M)


@dataclass
class TableInfo:
    name: str
    rows: int
    primary_key: list[str]
    columns: list[str]


@dataclass
class RunResult:
    verdict: str  # PASS | FAIL
    category: str  # "" | CODE | USER | INFRA
    reason: str
    exit_code: int | None = None
    timed_out: bool = False
    seconds: float = 0.0
    operations: dict[str, int] = field(default_factory=dict)
    tables: list[TableInfo] = field(default_factory=list)
    findings: list[lint_mod.Finding] = field(default_factory=list)
    log_tail: list[str] = field(default_factory=list)
    outside_writes: list[str] = field(default_factory=list)
    output_truncated: bool = False
    crash_report: list[str] = field(default_factory=list)  # SDK 3's report of this run's crash, masked
    isolation: str = ""  # how writes outside the project were kept out: a read-only namespace, or none

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Limits:
    """What one run may use; past a limit the connector fails, and the verdict says which limit."""

    timeout: float = 120.0
    memory_bytes: int = 6 * 1024**3
    file_bytes: int = 1024**3
    isolate: bool = True  # a read-only view of everything but the project, where the kernel allows it

    def apply(self) -> None:
        """In the child before exec: the limits hold for the reaper, the SDK and all they start."""
        resource.setrlimit(resource.RLIMIT_AS, (self.memory_bytes, self.memory_bytes))
        resource.setrlimit(resource.RLIMIT_FSIZE, (self.file_bytes, self.file_bytes))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _feed_fifo(path: Path, payload: bytes, done: threading.Event) -> None:
    try:
        fd = os.open(path, os.O_WRONLY)  # blocks until the SDK opens it for reading
        with os.fdopen(fd, "wb") as pipe:
            pipe.write(payload)
    except OSError:
        pass
    finally:
        done.set()


def read_warehouse(db: Path) -> list[TableInfo]:
    import duckdb

    if not db.exists():
        return []
    conn = duckdb.connect(str(db), read_only=True)
    try:
        tables = []
        names = [r[0] for r in conn.execute("SELECT table_name FROM information_schema.tables WHERE "
                                            "table_schema = 'tester' ORDER BY table_name").fetchall()]
        for name in names:
            rows = conn.execute(f'SELECT count(*) FROM tester."{name}"').fetchone()
            columns = [r[0] for r in conn.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = 'tester' AND table_name = ? "
                "ORDER BY ordinal_position", [name]).fetchall()]
            keys = conn.execute("SELECT constraint_column_names FROM duckdb_constraints() WHERE schema_name = 'tester' "
                                "AND table_name = ? AND constraint_type = 'PRIMARY KEY'", [name]).fetchall()
            tables.append(TableInfo(name, int(rows[0]) if rows else 0, list(keys[0][0]) if keys else [], columns))
        return tables
    finally:
        conn.close()


def _line_of(output: str, match: re.Match[str]) -> str:
    """The log line a match sits on, without the SDK's timestamp and level columns."""
    start = output.rfind("\n", 0, match.start()) + 1
    end = output.find("\n", match.end())
    line = output[start : end if end >= 0 else None].strip()
    return re.sub(r"^\d\d:\d\d:\d\d\.\d+\s+\w+\s+\S+\s+\w+\s+", "", line)[:300]


def classify(output: str, project: Path) -> tuple[str, str]:
    """(category, reason) for a failed run, from the SDK's log and the traceback.

    Only what follows "calling update()" counts: before it the SDK checks requirements with
    pipreqs, which fails harmlessly offline with DNS errors that would read as a network problem.
    """
    start = output.find("calling update()")
    output = output[start:] if start >= 0 else "\n".join(
        line for line in output.splitlines() if "pipreqs" not in line and "gaierror" not in line)
    user = re.search(r"(HTTP (401|403)|Access denied|[Uu]nauthori[sz]ed|Missing required configuration[^\n]*|"
                     r"All values must be (a )?STRING[^\n]*|invalid configuration[^\n]*|check the credentials[^\n]*)",
                     output)
    if user:
        return "USER", f"the source or the configuration refused the sync: {_line_of(output, user)}"
    # our blocks give up with these messages after retrying: the source, not the code
    given_up = re.search(r"(Could not reach [^\n]*|kept failing with HTTP 5\d\d[^\n]*)", output)
    if given_up:
        return "INFRA", f"the source could not be reached: {_line_of(output, given_up)}"
    frames = re.findall(r'File "([^"]+)", line (\d+)', output)
    own = [(f, ln) for f, ln in frames if Path(f).resolve().is_relative_to(project.resolve())]
    network = re.search(r"(ConnectionError[^\n]*|Connection refused|Name or service not known|Temporary failure "
                        r"in name resolution|Max retries exceeded[^\n]*|SSLError[^\n]*|Read timed out)", output)
    if network:
        return "INFRA", f"the source could not be reached: {_line_of(output, network)}"
    if own:
        where = f"{Path(own[-1][0]).name}:{own[-1][1]}"
        errors = re.findall(r"^\s*(\w+(?:Error|Exception)):?[ \t]*([^\n]*)", output, re.M)
        stated = re.findall(r"failed while executing \w+\(\) error: ([^\n]+)", output)
        if errors:
            kind, text = errors[-1]
            if stated and (not text.strip() or re.search(r"message is above|see above", text)):
                text = stated[-1]  # the SDK ends with "<Type>: the message is above"
            message = f"{kind}: {text.strip()}"
        else:
            message = stated[-1].strip() if stated else "see the log"
        return "CODE", f"exception at {where}: {message}"
    if re.search(r"SYNC FAILED|Traceback|error", output, re.I):
        line = next((ln for ln in reversed(output.splitlines()) if re.search(r"SEVERE|ERROR|Error", ln)), "")
        return "CODE", f"the SDK reported a failure: {line.strip()[:300]}"
    return "INFRA", "fivetran debug ended without a verdict"


def from_log(text: str, project: Path, secrets: list[str]) -> RunResult:
    """A failure read from a saved `fivetran debug` log, classified like a live run."""
    output = mask_values(_ANSI.sub("", text), secrets)
    category, reason = classify(output, project.resolve())
    return RunResult("FAIL", category, reason, log_tail=output.strip().splitlines()[-40:])


def read_configuration(path: Path) -> dict[str, str]:
    """A configuration file as the SDK takes it: a JSON object whose values are all strings."""
    try:
        data = json.loads(files.read_text(path, "configuration"))
    except ValueError as exc:
        raise UsageError(f"{path}: not valid JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise UsageError(f"{path}: the configuration must be a JSON object of strings")
    not_strings = [k for k, v in data.items() if not isinstance(v, str)]
    if not_strings:
        raise UsageError(f"{path}: the SDK passes configuration values as strings; quote "
                         f"{', '.join(not_strings)}", hint='write "100", not 100; "true", not true')
    return data


def _offline_shims(private: Path, venv: Path) -> Path:
    """`fivetran debug` checks requirements.txt with pipreqs, which asks PyPI about every import and,
    offline, fails; the SDK then retries twice, sleeping 3 s and 9 s. The shim adds --use-local, so
    pipreqs reads the versions installed in the runtime venv: the same check, 12 s sooner."""
    folder = private / "shims"
    folder.mkdir()
    shim = folder / "pipreqs"
    shim.write_text(f'#!/bin/sh\nexec "{venv / "bin" / "pipreqs"}" --use-local "$@"\n')
    shim.chmod(0o700)
    return folder


@dataclass
class _Run:
    """What one `fivetran debug` process left: its output (head and tail, masked) and how it ended."""

    output: str
    returncode: int | None
    timed_out: bool
    seconds: float
    truncated: bool
    isolation: str = ""


class _Capture:
    """Keeps the first and the last half of OUTPUT_CAP bytes: the verdict and the counts come last."""

    def __init__(self) -> None:
        self.head, self.tail, self.size = bytearray(), bytearray(), 0

    def pump(self, stream: Any) -> None:
        for block in iter(lambda: stream.read(65536), b""):
            room = OUTPUT_CAP // 2 - len(self.head)
            if room > 0:
                self.head.extend(block[:room])
                block = block[room:]
            self.tail.extend(block)
            del self.tail[: max(0, len(self.tail) - OUTPUT_CAP // 2)]
            self.size += len(block)

    def text(self, secrets: list[str]) -> tuple[str, bool]:
        truncated = self.size > len(self.tail)
        joined = bytes(self.head) + (b"\n[... output truncated ...]\n" if truncated else b"") + bytes(self.tail)
        return mask_values(_ANSI.sub("", joined.decode("utf-8", "replace")), secrets), truncated


def _preflight(project: Path, findings: list[lint_mod.Finding], configuration: dict[str, str],
               venv: Path) -> RunResult | None:
    """A failure known before running: lint errors, placeholders, requirements that cannot be had."""
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        return RunResult("FAIL", "CODE", f"lint found {len(errors)} error(s)", findings=findings)
    placeholders = [k for k, v in configuration.items() if isinstance(v, str) and PLACEHOLDER.match(v)]
    if placeholders:
        return RunResult("FAIL", "USER", f"configuration still has placeholders for {', '.join(placeholders)}: "
                         "fill them in or pass --config FILE", findings=findings)
    runtime_venv.sdk_version(venv)
    missing = runtime_venv.install_requirements(venv, project / "requirements.txt")
    if missing:
        return RunResult("FAIL", "USER", f"requirements cannot be installed offline: {', '.join(missing)}",
                         findings=findings)
    return None


def _debug(project: Path, configuration: dict[str, str], venv: Path, limits: Limits) -> _Run:
    """One `fivetran debug` under the reaper (its own session; nothing it starts outlives it), with a
    private HOME and TMPDIR, fed the configuration through a FIFO."""
    private = Path(tempfile.mkdtemp(prefix="csdk-validate-"))
    (private / "home").mkdir()
    fifo = private / "configuration.json"
    os.mkfifo(fifo, 0o600)
    fed = threading.Event()
    threading.Thread(target=_feed_fifo, args=(fifo, json.dumps(configuration).encode(), fed), daemon=True).start()
    env = {**os.environ, "DO_NOT_TRACK": "1", "PYTHONUNBUFFERED": "1", "TMPDIR": str(private),
           "HOME": str(private / "home"),
           "PATH": os.pathsep.join([str(_offline_shims(private, venv)), str(venv / "bin"), os.environ.get("PATH", "")])}
    env.pop("VIRTUAL_ENV", None)
    started = time.monotonic()
    writable = ["--writable", str(project)] if limits.isolate else []
    command = [sys.executable, reaper.__file__, str(private), *writable, "--",
               str(runtime_venv.fivetran(venv)), "debug", "--configuration", str(fifo)]
    proc = subprocess.Popen(command, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
                            start_new_session=True, preexec_fn=limits.apply)
    capture = _Capture()
    reader = threading.Thread(target=capture.pump, args=(proc.stdout,), daemon=True)
    reader.start()
    timed_out = False
    try:
        proc.wait(timeout=limits.timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        proc.terminate()  # the reaper kills everything the run started, wherever it went
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=10)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # a backstop for the reaper's own group
        proc.wait()
        reader.join(timeout=5)
        if not fed.is_set():  # the SDK never opened the FIFO: unblock the writer
            with contextlib.suppress(OSError), open(fifo, "rb"):
                pass
        shutil.rmtree(private, ignore_errors=True)
    output, truncated = capture.text(sorted(secret_values(configuration)))
    isolation = ""
    if output.startswith(reaper.ISOLATION):
        first, _, output = output.partition("\n")
        isolation = first.removeprefix(reaper.ISOLATION)
    code = proc.returncode if proc.returncode is None or proc.returncode < 128 else -(proc.returncode - 128)
    return _Run(output, code, timed_out, time.monotonic() - started, truncated, isolation)


def _snapshot(project: Path) -> dict[str, tuple[int, int]]:
    """What a run could change beside its project: the project's siblings (by modification time and
    size), and the top level of /tmp and of the real home folder (by name only: other programs keep
    writing to files there, but a new name during the run is the run's)."""
    found: dict[str, tuple[int, int]] = {}
    for folder in (project.parent, Path(tempfile.gettempdir()), Path.home()):
        with contextlib.suppress(OSError):
            for entry in folder.iterdir():
                if entry == project or entry.name.startswith("csdk-validate-"):
                    continue
                with contextlib.suppress(OSError):
                    st = entry.lstat()
                    sibling = folder == project.parent and entry.is_file()
                    found[str(entry)] = (st.st_mtime_ns, st.st_size) if sibling else (0, 0)
    return found


def _outside_writes(project: Path, before: dict[str, tuple[int, int]]) -> list[str]:
    """Entries created, or sibling files changed, during the run; siblings by name."""
    after = _snapshot(project)
    changed = sorted(p for p, stamp in after.items() if before.get(p) != stamp)
    return [Path(p).name if Path(p).parent == project.parent else p for p in changed]


def validate(project: Path, *, config: Path | None, venv: Path, limits: Limits | None = None) -> RunResult:
    """Lint, then the real `fivetran debug` from a clean slate; the verdict from its output and warehouse.db."""
    project = project.resolve()
    findings = lint_mod.lint(project)
    configuration = read_configuration(config or project / "configuration.json")
    refused = _preflight(project, findings, configuration, venv)
    if refused is not None:
        return refused
    shutil.rmtree(project / "files", ignore_errors=True)  # a fresh sync, as `fivetran reset` would do
    before = _snapshot(project)
    reports = _crash_reports(project)
    limits = limits or Limits()
    run = _debug(project, configuration, venv, limits)
    # Isolated, a write outside could not happen (it fails, and the verdict names it); the snapshot
    # would then only see other programs' new names in /tmp and the home folder.
    outside = [] if run.isolation == reaper.ISOLATED else _outside_writes(project, before)
    result = RunResult("FAIL", "", "", run.returncode, run.timed_out, run.seconds,
                       {name: int(count) for name, count in _OP_ROW.findall(run.output)},
                       read_warehouse(project / "files" / "warehouse.db"), findings,
                       run.output.strip().splitlines()[-40:], outside, run.truncated,
                       _take_crash_reports(project, reports, sorted(secret_values(configuration))), run.isolation)
    result.category, result.reason = _verdict(run, result, project, limits)
    if not result.category:
        result.verdict = "PASS"
    return result


CRASH_REPORTS = "crash-reports"  # where SDK 3's `fivetran debug` saves a report of an unhandled error


def _crash_reports(project: Path) -> set[str] | None:
    """The crash reports already in the project, None if it has no crash-reports folder."""
    folder = project / CRASH_REPORTS
    return {p.name for p in folder.iterdir()} if folder.is_dir() else None


def _take_crash_reports(project: Path, before: set[str] | None, secrets: list[str]) -> list[str]:
    """The newest report this run saved, masked and capped, for the result; the run's reports are
    then removed (and the folder, if the run created it), so validating leaves the project as it was."""
    folder = project / CRASH_REPORTS
    if not folder.is_dir():
        return []
    new = sorted((p for p in folder.iterdir() if p.name not in (before or set()) and p.is_file()),
                 key=lambda p: p.stat().st_mtime)
    text = new[-1].read_text("utf-8", "replace") if new else ""
    for path in new:
        path.unlink(missing_ok=True)
    if before is None and not any(folder.iterdir()):
        folder.rmdir()
    return mask_values(text, secrets).splitlines()[:80]


def _verdict(run: _Run, result: RunResult, project: Path, limits: Limits) -> tuple[str, str]:
    """(category, reason); an empty category is a PASS."""
    if run.timed_out:
        return "CODE", (f"the connector ran past the time limit of {limits.timeout:.0f} s (an endless loop, a wait "
                        "that never ends, or a source too slow for the limit); it and every process it started were "
                        "stopped")
    if "SYNC SUCCEEDED" in run.output and run.returncode == 0:
        if not any(t.rows for t in result.tables):
            return "CODE", "the sync succeeded but wrote no rows"
        if result.outside_writes:
            return "CODE", f"the connector wrote outside its folder: {', '.join(result.outside_writes)}"
        return "", "fivetran debug succeeded"
    if result.outside_writes:
        return "CODE", f"the connector wrote outside its folder: {', '.join(result.outside_writes)}"
    refused = _refused(run, limits)
    if refused:
        return "CODE", refused
    if run.returncode is not None and run.returncode < 0:
        return "CODE", f"killed by signal {-run.returncode} (memory limit or crash)"
    return classify(run.output, project)


def _refused(run: _Run, limits: Limits) -> str:
    """The reason, when the run failed on a limit or the sandbox: memory (MemoryError), file size
    (EFBIG "File too large": Python ignores SIGXFSZ) or a write outside the project (EROFS)."""
    failed = run.output[run.output.find("calling update()"):]
    outside = re.search(r"[^\n]*Read-only file system[^\n]*", failed)
    if outside:
        return ("the connector tried to write outside its folder, which validate keeps read-only: "
                f"{outside.group(0).strip()[:300]}")
    if re.search(r"^\s*MemoryError\b|\bMemoryError\b[^\n]*$|Cannot allocate memory", failed, re.M):
        return (f"the connector ran out of memory: the limit is {limits.memory_bytes // 2**20} MB "
                "(ASSISTANT_VALIDATE_MEMORY_MB); hold one page or batch at a time, not the whole source")
    if re.search(r"File too large|\[Errno 27\]", failed) or run.returncode == -signal.SIGXFSZ:
        return (f"the connector wrote a file past the size limit of {limits.file_bytes // 2**20} MB "
                "(ASSISTANT_VALIDATE_FILE_MB); write rows with op.upsert, not into files")
    return ""
