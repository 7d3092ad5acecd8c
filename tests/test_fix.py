from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from fakes import FakeGenerator

from assistant.connector import fix, lint
from assistant.connector.validate import RunResult as Result
from cli.main import cli

BROKEN = '''"""A connector with the classic mistakes."""
import requests


def schema(configuration: dict):
    return [{"table": "t", "primary_key": ["id"]}]


def update(configuration: dict, state: dict):
    for row in [{"id": 1}, {"id": 2}]:
        yield op.upsert(table="t", data=row)
        op.update("t", data=row)
    log.fine("done")
    print("finished")
    op.checkpoint(state)
'''


def test_mechanical_fixes_make_lint_pass_and_show_a_diff(tmp_path: Path) -> None:
    (tmp_path / "connector.py").write_text(BROKEN)
    (tmp_path / "requirements.txt").write_text("requests==2.31.0\npandas==2.2.2\n")
    steps: list[fix.Step] = []
    outcome = fix.repair(tmp_path, attempts=3, run=None, generator_factory=None, show=steps.append)
    assert outcome.fixed, outcome.stopped_because
    assert [f for f in lint.lint(tmp_path) if f.severity == "error"] == []
    text = (tmp_path / "connector.py").read_text()
    assert "        op.upsert(table=\"t\", data=row)" in text and "op.update(\"t\", modified=row)" in text
    assert "log.debug(\"done\")" in text and "log.info(\"finished\")" in text
    assert "from fivetran_connector_sdk import Operations as op" in text
    assert text.rstrip().endswith("connector = Connector(update=update, schema=schema)")
    assert (tmp_path / "requirements.txt").read_text() == "pandas==2.2.2\n"
    assert (tmp_path / "connector.py.bak").read_text() == BROKEN
    diffs = "".join(s.diff for s in steps)  # imports come first, then the calls they make checkable
    assert "-        yield op.upsert" in diffs and "+        op.upsert" in diffs


FAILING = '''from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op


def schema(configuration: dict):
    return [{"table": "t", "primary_key": ["id"]}]


def update(configuration: dict, state: dict):
    rows = [{"id": 1}, {"id": 2}]
    total = len(rows) / 0
    for row in rows:
        op.upsert(table="t", data=row)
    op.checkpoint(state={})


connector = Connector(update=update, schema=schema)
'''


def test_a_runtime_error_goes_to_the_model_and_the_loop_reruns(tmp_path: Path) -> None:
    (tmp_path / "connector.py").write_text(FAILING)
    runs = iter([Result("FAIL", "CODE", "exception at connector.py:12: ZeroDivisionError: division by zero"),
                 Result("PASS", "", "fivetran debug succeeded")])
    fake = FakeGenerator().enqueue("```python\ndef update(configuration: dict, state: dict):\n"
                                   "    rows = [{\"id\": 1}, {\"id\": 2}]\n    for row in rows:\n"
                                   "        op.upsert(table=\"t\", data=row)\n    op.checkpoint(state={})\n```")
    steps: list[fix.Step] = []
    outcome = fix.repair(tmp_path, attempts=3, run=lambda: next(runs), generator_factory=lambda: fake,
                         show=steps.append)
    assert outcome.fixed and [s.how for s in steps] == ["model"]
    assert "-    total = len(rows) / 0" in steps[0].diff
    prompt = fake.calls[0]["messages"][1]["content"]  # type: ignore[index]
    assert "def update(configuration: dict, state: dict):" in prompt and "ZeroDivisionError" in prompt
    assert "def schema" not in prompt  # only the failing function is sent


def test_the_loop_stops_on_a_repeated_error_and_on_non_code_failures(tmp_path: Path) -> None:
    (tmp_path / "connector.py").write_text(FAILING)
    same = Result("FAIL", "CODE", "exception at connector.py:12: ZeroDivisionError: division by zero")
    fake = FakeGenerator().enqueue("```python\ndef update(configuration: dict, state: dict):\n    x = 1 / 0\n"
                                   "    op.upsert(table='t', data={'id': x})\n    op.checkpoint(state={})\n```")
    outcome = fix.repair(tmp_path, attempts=5, run=lambda: same, generator_factory=lambda: fake, show=lambda s: None)
    assert not outcome.fixed and outcome.stopped_because.startswith("the same error came back")
    user = Result("FAIL", "USER", "the source or the configuration refused the sync: HTTP 401")
    outcome = fix.repair(tmp_path, attempts=3, run=lambda: user, generator_factory=None, show=lambda s: None)
    assert outcome.stopped_because == ("USER failure, not a code problem: the source or the configuration refused "
                                       "the sync: HTTP 401")


def test_fix_cli_from_a_log_without_a_model(tmp_path: Path) -> None:
    (tmp_path / "connector.py").write_text(FAILING)
    log = tmp_path / "debug.log"
    log.write_text(f'Traceback (most recent call last):\n  File "{tmp_path}/connector.py", line 12, in update\n'
                   "ZeroDivisionError: division by zero\nSYNC FAILED\n")
    result = CliRunner().invoke(cli, ["fix", str(tmp_path), "--log", str(log), "--no-model"])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == ("NOT FIXED: needs a code change that lint cannot make: exception at "
                                              "connector.py:12: ZeroDivisionError: division by zero")


@pytest.mark.parametrize(("args", "message"), [(["fix", "NOPE"], "bad input: NOPE: no such project folder"),
                                                (["validate", "NOPE"], "bad input: NOPE: no such project folder"),
                                                (["revise", "NOPE", "x"], "bad input: NOPE: no such project folder"),
                                                (["validate", ".", "--timeout", "-5"],
                                                 "bad input: --timeout must be a positive, finite number of seconds, not -5.0")])
def test_fix_bad_input(args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2 and result.stderr == message + "\n"


def test_failures_are_classified_from_the_log(tmp_path: Path) -> None:
    from assistant.connector.validate import classify

    code = f'Traceback:\n  File "{tmp_path}/connector.py", line 9, in update\nKeyError: \'id\'\nSYNC FAILED\n'
    assert classify(code, tmp_path) == ("CODE", "exception at connector.py:9: KeyError: 'id'")
    infra = ("12:00:00.000 SEVERE   x connector RuntimeError: Could not reach http://10.0.0.1/api after 6 attempts: "
             "Connection refused\nSYNC FAILED")
    assert classify(infra, tmp_path)[0] == "INFRA"
    user = "12:00:00.000 SEVERE   x connector Access denied by http://h/api (HTTP 403); check the credentials\n"
    assert classify(user, tmp_path) == ("USER", "the source or the configuration refused the sync: Access denied by "
                                        "http://h/api (HTTP 403); check the credentials")


def test_offline_pipreqs_noise_does_not_hide_a_code_error(tmp_path: Path) -> None:
    from assistant.connector.validate import classify

    log = ("12:00:00.000 SEVERE sdk pipreqs: socket.gaierror: [Errno -2] Name or service not known\n"
           "12:00:01.000 INFO sdk calling update()\n"
           f'  File "{tmp_path}/connector.py", line 9, in update\nZeroDivisionError: division by zero\nSYNC FAILED\n')
    assert classify(log, tmp_path) == ("CODE", "exception at connector.py:9: ZeroDivisionError: division by zero")


def test_a_model_reply_that_changes_only_comments_is_not_a_repair(tmp_path: Path) -> None:
    (tmp_path / "connector.py").write_text(FAILING)
    same = ("```python\ndef update(configuration: dict, state: dict):\n    # a comment\n    rows = [{\"id\": 1}, "
            "{\"id\": 2}]\n    total = len(rows) / 0\n    for row in rows:\n        op.upsert(table=\"t\", data=row)\n"
            "    op.checkpoint(state={})\n```")
    result = Result("FAIL", "CODE", "exception at connector.py:12: ZeroDivisionError: division by zero")
    outcome = fix.repair(tmp_path, attempts=3, run=lambda: result,
                         generator_factory=lambda: FakeGenerator().enqueue(same), show=lambda s: None)
    assert not outcome.fixed and outcome.stopped_because.startswith("the model gave no usable change")


def test_a_repair_stops_before_its_next_step_when_asked(tmp_path: Path) -> None:
    (tmp_path / "connector.py").write_text(BROKEN)
    steps: list[fix.Step] = []
    asked = iter([False, True])  # the first step runs, the second is not started
    outcome = fix.repair(tmp_path, attempts=3, run=None, generator_factory=None, show=steps.append,
                         should_stop=lambda: next(asked))
    assert not outcome.fixed and outcome.stopped_because == "stopped on request"
    assert len(steps) == 1 and (tmp_path / "connector.py").read_text() != BROKEN
