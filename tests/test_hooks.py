"""Model-written hooks: checked, run on the probed body in an isolated process, retried with the reason,
and only then composed into connector.py."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fakes import FakeGenerator
from mockapi import Call, MockApi, Reply, reply

from assistant.connector import generate, hooks, lint, revise, writer
from cli.main import cli

BODY = {"status": "ok", "result": {"u1": {"name": "Ann", "plan": "pro"}, "u2": {"name": "Bob", "plan": "free"},
                                   "u3": {"name": "Cy", "plan": "pro"}}}
GOOD = '''```python
def parse_records_users(body):
    return [dict(record, user_id=key) for key, record in body["result"].items()]
```'''
REQUEST = "Users API at {url}, no auth (config key base_url). GET /users returns the users. Table users."


def test_unsafe_or_malformed_hooks_are_rejected_with_a_reason() -> None:
    cases = {"import os\ndef parse_records_t(body):\n    return os.listdir('.')\n": "only these modules",
             "def parse_records_t(body):\n    return open('/etc/passwd').read()\n": "`open` may not be used",
             "def parse_records_t(body):\n    return body.__class__\n": "dunder attributes",
             "def other(body):\n    return []\n": r"exactly one function, `def parse_records_t\(body\):`",
             "def parse_records_t(body, extra):\n    return []\n": "takes one argument",
             "def parse_records_t(body):\n  return [\n": "not valid Python"}
    for source, reason in cases.items():
        with pytest.raises(hooks.HookRejected, match=reason):
            hooks.check_source(source, "parse_records_t")


def test_a_hook_runs_on_the_sample_in_its_own_process() -> None:
    source = GOOD.split("\n", 1)[1].rsplit("```", 1)[0]
    rows = hooks.run_on_sample(source, "parse_records_users", BODY)
    assert rows[0] == {"name": "Ann", "plan": "pro", "user_id": "u1"} and len(rows) == 3
    with pytest.raises(hooks.HookRejected, match="it raised on the sample: KeyError: 'data'"):
        hooks.run_on_sample("def f(body):\n    return body['data']\n", "f", BODY)
    with pytest.raises(hooks.HookRejected, match="returned a dict, not a list"):
        hooks.run_on_sample("def f(body):\n    return body\n", "f", BODY)
    with pytest.raises(hooks.HookRejected, match="did not finish within 2 s"):
        hooks.run_on_sample("def f(body):\n    while True:\n        pass\n", "f", BODY, timeout=2)


def test_the_model_is_told_why_and_tries_again() -> None:
    fake = FakeGenerator().enqueue("```python\nimport os\ndef parse_records_users(body):\n    return []\n```") \
        .enqueue("```python\ndef parse_records_users(body):\n    return body['data']\n```").enqueue(GOOD)
    hook, notes = hooks.write_parse_records(fake, "users", BODY, attempts=3)
    assert hook is not None and len(hook.rows) == 3
    assert [n.split(":")[1].strip() for n in notes] == ["hook attempt 1 rejected", "hook attempt 2 rejected",
                                                        "hook attempt 3"]
    assert "was rejected: it raised on the sample: KeyError: 'data'" in str(fake.calls[2]["prompt"])
    assert '"u1"' in str(fake.calls[0]["prompt"])  # the model sees the real body
    assert hooks.write_parse_records(FakeGenerator().enqueue("no code"), "users", BODY, attempts=1)[0] is None


def users(call: Call) -> Reply:
    return reply(BODY)


def test_generate_with_config_writes_a_checked_hook_into_the_connector(tmp_path: Path) -> None:
    with MockApi({"/users": users}) as api:
        config = {"base_url": api.url}
        draft = generate.prepare(REQUEST.format(url=api.url), config=config,
                                 generator_factory=lambda: FakeGenerator().enqueue(GOOD))
    assert list(draft.hooks) == ["users"] and draft.spec.tables[0].primary_key == ["user_id"]
    assert any("`parse_records_users()` returned 3 records on the sample" in c for c in draft.checked)
    source = draft.files["connector.py"]
    tree = ast.parse(source)
    assert "HOOKS = {'users': parse_records_users}" in source and "'hook': 'users'" in source
    assert [n.name for n in tree.body if isinstance(n, ast.FunctionDef) and n.name.startswith("parse_records")] == [
        "parse_records_users"]
    writer.write(tmp_path / "p", draft.files)
    assert [f for f in lint.lint(tmp_path / "p") if f.severity == "error"] == []
    proposal = revise.revise(tmp_path / "p", "checkpoint every 500 rows")  # a revision keeps the hook
    assert "def parse_records_users(body):" in proposal.files["connector.py"]


@pytest.mark.fivetran_debug
def test_the_hooked_connector_passes_fivetran_debug(tmp_path: Path) -> None:
    from helpers import services_with

    with MockApi({"/users": users}) as api:
        cfg = tmp_path / "config.json"
        cfg.write_text(json.dumps({"base_url": api.url}))
        result = CliRunner().invoke(cli, ["generate", REQUEST.format(url=api.url), "--out", str(tmp_path / "p"),
                                          "--config", str(cfg)], obj=services_with(FakeGenerator().enqueue(GOOD)))
    assert result.exit_code == 0, result.output
    assert "PASS" in result.stdout and "users: 3 rows" in result.stdout
