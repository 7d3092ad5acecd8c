"""Real `fivetran debug` runs in the runtime venv, against the local APIs of tests/apiserver.py."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from apiserver import N_EVENTS, N_ITEMS, N_USERS, PASSWORD, TOKEN, USER, Api
from click.testing import CliRunner
from conftest import RUNTIME_VENV
from helpers import ROOT

from assistant.connector import compose, validate, writer
from assistant.connector.spec import Spec
from cli.main import cli

pytestmark = pytest.mark.fivetran_debug
VENV = Path(RUNTIME_VENV)
ORDERS = sum(uid % 3 for uid in range(1, N_USERS + 1))


@pytest.fixture(scope="module")
def api() -> Iterator[Api]:
    with Api() as server:
        yield server


def make(tmp_path: Path, api: Api, spec: dict, config: dict | None = None) -> tuple[Path, Path]:
    out = tmp_path / "project"
    writer.write(out, compose.project_files(Spec.model_validate(spec)))
    cfg = tmp_path / "secret-config.json"
    cfg.write_text(json.dumps(config or {"base_url": api.url, "api_token": TOKEN}))
    return out, cfg


BEARER = {"kind": "bearer", "token_key": "api_token"}
SUITE = {
    "cursor, bearer, incremental, deletes, child table": (
        {"auth": BEARER,
         "tables": [{"name": "users", "path": "/bearer/api/users", "records": "users",
                     "pagination": {"kind": "cursor", "param": "cursor", "next": "next_cursor",
                                    "has_more": "has_more"},
                     "incremental": {"field": "updated_at", "param": "updated_since"},
                     "deletes": {"path": "/bearer/api/users/deleted", "ids": "deleted"}},
                    {"name": "orders", "path": "/bearer/api/users/{id}/orders", "primary_key": ["order_id"],
                     "parent": {"table": "users", "keys": {"id": "user_id"}}}]},
        None, {"users": N_USERS, "orders": ORDERS}),
    "cursor in a nested field, records under data.items, nested JSON": (
        {"auth": BEARER,
         "tables": [{"name": "events", "path": "/bearer/api/events", "records": "data.items",
                     "primary_key": ["event_id"],
                     "pagination": {"kind": "cursor", "param": "cursor", "next": "meta.next", "size_param": "limit",
                                    "size": 20}}]},
        None, {"events": N_EVENTS}),
    "page numbers, basic auth, 429 with Retry-After": (
        {"auth": {"kind": "basic"},
         "tables": [{"name": "items", "path": "/basic/page/items", "primary_key": ["sku"],
                     "pagination": {"kind": "page", "param": "page", "size_param": "per_page", "size": 10}}]},
        "basic", {"items": N_ITEMS}),
    "offset and total": (
        {"auth": BEARER,
         "tables": [{"name": "items", "path": "/bearer/offset/items", "records": "results", "primary_key": ["sku"],
                     "pagination": {"kind": "offset", "param": "offset", "size_param": "limit", "size": 10,
                                    "total": "total"}}]},
        None, {"items": N_ITEMS}),
    "Link header": (
        {"auth": BEARER,
         "tables": [{"name": "items", "path": "/bearer/link/items", "primary_key": ["sku"],
                     "pagination": {"kind": "link", "size_param": "limit", "size": 10}}]},
        None, {"items": N_ITEMS}),
}


@pytest.mark.parametrize("case", list(SUITE))
def test_generated_connectors_pass_fivetran_debug_with_the_right_row_counts(case: str, api: Api,
                                                                              tmp_path: Path) -> None:
    spec, auth, expected = SUITE[case]
    config = {"base_url": api.url, "username": USER, "password": PASSWORD} if auth == "basic" else None
    out, cfg = make(tmp_path, api, spec, config)
    result = validate.validate(out, config=cfg, venv=VENV)
    assert result.verdict == "PASS", (result.reason, result.log_tail)
    assert {t.name: t.rows for t in result.tables} == expected
    assert result.operations["Upserts"] == sum(expected.values())
    assert all(TOKEN not in line and PASSWORD not in line for line in result.log_tail)  # secrets masked
    assert not (out / "configuration.json").read_text().count(TOKEN)  # the real config never lands in the project


def test_validate_cli_reports_pass_with_counts(api: Api, tmp_path: Path) -> None:
    out, cfg = make(tmp_path, api, SUITE["Link header"][0])
    result = CliRunner().invoke(cli, ["validate", str(out), "--config", str(cfg)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("PASS: fivetran debug succeeded in ")
    assert "  items: 57 rows, primary key sku, 4 columns" in lines


def test_wrong_credentials_are_a_user_failure(api: Api, tmp_path: Path) -> None:
    out, cfg = make(tmp_path, api, SUITE["Link header"][0], {"base_url": api.url, "api_token": "wrong-token"})
    result = validate.validate(out, config=cfg, venv=VENV)
    assert (result.verdict, result.category) == ("FAIL", "USER"), result.log_tail
    assert "HTTP 401" in result.reason and "wrong-token" not in "\n".join(result.log_tail)


def test_placeholders_in_the_configuration_stop_before_running(api: Api, tmp_path: Path) -> None:
    out, _ = make(tmp_path, api, SUITE["Link header"][0])
    result = validate.validate(out, config=None, venv=VENV)
    assert (result.verdict, result.category) == ("FAIL", "USER") and result.exit_code is None
    assert result.reason == ("configuration still has placeholders for base_url, api_token: fill them in or pass "
                             "--config FILE")


CUSTOM = '''from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op
{imports}


def schema(configuration: dict):
    return [{{"table": "t", "primary_key": ["id"]}}]


def update(configuration: dict, state: dict):
    log.info("start")
{body}
    op.upsert(table="t", data={{"id": 1}})
    op.checkpoint(state={{}})


connector = Connector(update=update, schema=schema)
'''


def custom(tmp_path: Path, body: str, imports: str = "") -> Path:
    out = tmp_path / "custom"
    out.mkdir()
    (out / "connector.py").write_text(CUSTOM.format(imports=imports, body=body))
    (out / "configuration.json").write_text('{"base_url": "http://127.0.0.1:9"}')
    return out


def test_an_exception_in_the_connector_is_a_code_failure(tmp_path: Path) -> None:
    out = custom(tmp_path, "    ratio = 1 / 0")
    (out / "crash-reports").mkdir()
    (out / "crash-reports" / "earlier.txt").write_text("a report the user keeps\n")
    result = validate.validate(out, config=None, venv=VENV)
    assert (result.verdict, result.category) == ("FAIL", "CODE")
    assert "connector.py:13" in result.reason and "ZeroDivisionError" in result.reason
    # SDK 3's crash report of this run is kept in the result and taken out of the project; the user's stay
    assert any("ZeroDivisionError" in line for line in result.crash_report)
    assert [p.name for p in (out / "crash-reports").iterdir()] == ["earlier.txt"]


def test_a_crash_report_folder_the_run_created_is_removed(tmp_path: Path) -> None:
    out = custom(tmp_path, "    ratio = 1 / 0")
    result = validate.validate(out, config=None, venv=VENV)
    assert result.crash_report and not (out / "crash-reports").exists()


def test_a_generated_setup_form_passes_fivetran_debug_and_its_test_runs(api: Api, tmp_path: Path) -> None:
    spec = {**SUITE["Link header"][0], "setup_form": True}
    out, cfg = make(tmp_path, api, spec)
    result = validate.validate(out, config=cfg, venv=VENV)
    assert result.verdict == "PASS", (result.reason, result.log_tail)
    assert result.findings == []
    # the setup test the form registers, run by the SDK's own `fivetran configuration --test`
    outcomes = []
    for token in (TOKEN, "wrong"):
        (out / "configuration.json").write_text(json.dumps({"base_url": api.url, "api_token": token}))
        ran = subprocess.run([str(VENV / "bin" / "fivetran"), "configuration", "--test", "--non-interactive"],
                             cwd=out, capture_output=True, text=True, timeout=120,
                             env={**os.environ, "DO_NOT_TRACK": "1", "HOME": str(tmp_path)})
        outcomes.append((ran.returncode, ran.stdout + ran.stderr))
    assert outcomes[0][0] == 0 and "Test the connection" in outcomes[0][1], outcomes[0][1][-2000:]
    assert outcomes[1][0] != 0 and "401" in outcomes[1][1], outcomes[1][1][-2000:]


def test_a_hanging_connector_and_its_children_are_killed(tmp_path: Path) -> None:
    marker = f"300.{os.getpid()}"  # unique, so a concurrent run's sleepers are not counted
    out = custom(tmp_path, f"    subprocess.Popen(['sleep', '{marker}'])\n    time.sleep(300)", "import subprocess\nimport time")
    result = validate.validate(out, config=None, venv=VENV, limits=validate.Limits(timeout=8))
    assert result.timed_out and (result.verdict, result.category) == ("FAIL", "CODE")
    assert "ran past the time limit of 8 s" in result.reason
    left = subprocess.run(["pgrep", "-f", f"sleep {marker}"], capture_output=True, text=True).stdout.split()
    assert left == []


def test_a_flood_of_output_is_capped(tmp_path: Path) -> None:
    out = custom(tmp_path, "    for _ in range(200000):\n        sys.stdout.write('x' * 100 + '\\n')", "import sys")
    result = validate.validate(out, config=None, venv=VENV)
    assert result.output_truncated and result.verdict == "PASS"


def test_unbounded_allocation_is_stopped(tmp_path: Path) -> None:
    out = custom(tmp_path, "    blocks = []\n    while len(blocks) < 10**6:\n        blocks.append(bytearray(10**8))")
    result = validate.validate(out, config=None, venv=VENV, limits=validate.Limits(memory_bytes=3 * 1024**3))
    assert (result.verdict, result.category) == ("FAIL", "CODE"), result.log_tail
    assert result.reason.startswith("the connector ran out of memory: the limit is 3072 MB"), result.reason


def test_a_runaway_file_is_stopped_at_the_file_size_limit(tmp_path: Path) -> None:
    out = custom(tmp_path, "    with open('dump.bin', 'wb') as handle:\n        for _ in range(64):\n"
                           "            handle.write(b'x' * 2**20)")
    result = validate.validate(out, config=None, venv=VENV, limits=validate.Limits(file_bytes=8 * 2**20))
    assert (result.verdict, result.category) == ("FAIL", "CODE"), result.log_tail
    assert result.reason.startswith("the connector wrote a file past the size limit of 8 MB"), result.reason
    assert (out / "dump.bin").stat().st_size <= 8 * 2**20


@pytest.mark.parametrize("isolate", [True, False])
def test_writing_outside_the_project_is_prevented_or_reported(tmp_path: Path, isolate: bool) -> None:
    stray = Path(tempfile.gettempdir()) / f"csdk-escape-{os.getpid()}-{isolate}.txt"
    for target, shown in (("../escaped.txt", "escaped.txt"), (str(stray), str(stray))):
        (tmp_path / shown.replace("/", "_")).mkdir()
        out = custom(tmp_path / shown.replace("/", "_"), f"    open({target!r}, 'w').close()")
        result = validate.validate(out, config=None, venv=VENV, limits=validate.Limits(isolate=isolate))
        assert (result.verdict, result.category) == ("FAIL", "CODE"), result.log_tail
        if result.isolation.startswith("read-only"):  # prevented: the write failed, nothing was written
            assert isolate and result.reason.startswith("the connector tried to write outside its folder, which "
                                                        "validate keeps read-only"), result.reason
            assert not (out.parent / "escaped.txt").exists() and not stray.exists()
        else:  # detected afterwards
            assert result.outside_writes == [shown] and "outside its folder" in result.reason, result.reason
            stray.unlink(missing_ok=True)
    assert not isolate or result.isolation, "validate says which isolation it used"


def test_the_isolated_run_can_still_write_its_project_and_temp_folder(tmp_path: Path) -> None:
    out = custom(tmp_path, "    open('own.txt', 'w').write('x')\n    tempfile.NamedTemporaryFile().write(b'x')\n"
                           "    open(os.path.expanduser('~/.cache-test'), 'w').close()", "import os\nimport tempfile")
    result = validate.validate(out, config=None, venv=VENV)
    assert result.verdict == "PASS", (result.reason, result.log_tail)
    assert (out / "own.txt").read_text() == "x" and result.isolation


def _sleepers(marker: str) -> list[str]:
    return subprocess.run(["pgrep", "-f", f"sleep {marker}"], capture_output=True, text=True).stdout.split()


@pytest.mark.parametrize("escape", [
    "    subprocess.Popen(['sleep', MARKER], start_new_session=True)",
    "    if os.fork() == 0:\n        os.setsid()\n        os.execvp('sleep', ['sleep', MARKER])",
])
def test_children_that_leave_the_session_do_not_outlive_the_run(tmp_path: Path, escape: str) -> None:
    marker = f"301{len(escape)}.{os.getpid()}"
    body = escape.replace("MARKER", repr(marker))
    out = custom(tmp_path, body, "import os\nimport subprocess")
    result = validate.validate(out, config=None, venv=VENV)
    assert result.verdict == "PASS", (result.reason, result.log_tail)  # the run ended: it is not waited for
    assert _sleepers(marker) == []


def _default_signals() -> None:
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)


def test_a_validate_ended_by_sigterm_or_sighup_leaves_no_process_and_no_temp_folder(tmp_path: Path) -> None:
    for signum in (signal.SIGTERM, signal.SIGHUP):
        marker = f"302{signum}.{os.getpid()}"
        started = tmp_path / str(signum) / "custom" / "started"  # inside the project: isolated runs may write there
        body = (f"    open({str(started)!r}, 'w').close()\n"
                f"    subprocess.Popen(['sleep', {marker!r}], start_new_session=True)\n    time.sleep(300)")
        (tmp_path / str(signum)).mkdir()
        out = custom(tmp_path / str(signum), body, "import subprocess\nimport time")
        temp = tmp_path / f"tmp-{signum}"
        temp.mkdir()
        script = (f"from pathlib import Path\nfrom assistant.connector import validate\n"
                  f"validate.validate(Path({str(out)!r}), config=None, venv=Path({str(VENV)!r}),"
                  " limits=validate.Limits(timeout=200))\n")
        proc = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, env={**os.environ, "TMPDIR": str(temp)},
                                preexec_fn=_default_signals)  # under nohup, SIGHUP would be ignored
        deadline = time.monotonic() + 120
        while not started.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert started.exists(), "the connector never started"
        time.sleep(0.5)
        proc.send_signal(signum)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 15
        while (_sleepers(marker) or list(temp.iterdir())) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _sleepers(marker) == [] and list(temp.iterdir()) == []


@pytest.mark.parametrize("isolate", [True, False])
def test_writes_to_tmp_or_over_a_neighbour_are_prevented_or_reported(tmp_path: Path, isolate: bool) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("mine")
    escape = Path(tempfile.gettempdir()) / f"csdk-escape-{os.getpid()}-{isolate}.txt"
    out = custom(tmp_path, f"    open('../victim.txt', 'w').write('overwritten')\n    open({str(escape)!r}, 'w').close()")
    try:
        result = validate.validate(out, config=None, venv=VENV, limits=validate.Limits(isolate=isolate))
        escaped = escape.exists()
    finally:
        escape.unlink(missing_ok=True)
    assert (result.verdict, result.category) == ("FAIL", "CODE")
    if result.isolation.startswith("read-only"):
        assert victim.read_text() == "mine" and not escaped and "keeps read-only" in result.reason
    else:
        assert "victim.txt" in result.outside_writes and str(escape) in result.outside_writes


def test_an_isolated_run_does_not_take_other_programs_temp_files_for_its_own(tmp_path: Path) -> None:
    """Other processes keep creating names in /tmp during a run; isolated, only the run's own
    (impossible) writes could count, so they are not blamed on it."""
    import threading

    out = custom(tmp_path, "    time.sleep(1.5)", "import time")
    stop = threading.Event()

    def neighbour() -> None:
        while not stop.is_set():
            with tempfile.NamedTemporaryFile(prefix="csdk-neighbour-", delete=False) as handle:
                made = Path(handle.name)
            time.sleep(0.2)
            made.unlink()

    thread = threading.Thread(target=neighbour, daemon=True)
    thread.start()
    try:
        result = validate.validate(out, config=None, venv=VENV)
    finally:
        stop.set()
        thread.join()
    if not result.isolation.startswith("read-only"):
        pytest.skip(f"no isolation here: {result.isolation}")
    assert result.verdict == "PASS", (result.reason, result.outside_writes)
