from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from assistant.connector import compose, lint, writer
from assistant.connector.spec import Spec
from cli.main import cli

BAD = '''from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op
import requests
from typing import Generator

API_KEY = "sk_live_1234567890abcdef"


def schema(configuration: dict):
    return [{"table": "t", "primary_key": ["id"], "columns": {"id": "INTEGER"}, "sort": "x"}, {"table": "u"}]


def update(configuration: dict, state: dict) -> Generator[op.Operation, None, None]:
    rows = requests.get(configuration["base_url"]).json()
    for row in rows:
        yield op.upsert(table="t", data=row)
        op.update("t", data=row)
        op.upsertt("t", row)
    log.fine("done")
    log.info(f"token {configuration['api_key']}")
    print("finished")
    try:
        pass
    except Exception:
        pass
    return state


connector = Connector(update=update, schema=schema)
'''


def rules(project: Path) -> list[tuple[str, str, int]]:
    return [(f.rule, f.severity, f.line) for f in lint.lint(project)]


def test_a_generated_project_is_clean(tmp_path: Path) -> None:
    spec = Spec.model_validate({"auth": {"kind": "basic"}, "tables": [
        {"name": "items", "path": "/items", "pagination": {"kind": "page", "param": "page"}}]})
    writer.write(tmp_path, compose.project_files(spec))
    assert lint.lint(tmp_path) == []


def test_every_rule_fires_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "connector.py").write_text(BAD)
    (tmp_path / "configuration.json").write_text(json.dumps({"base_url": "x", "page_size": 100, "nested": {"a": "b"},
                                                             "api_key": "abcd1234efgh5678"}))
    (tmp_path / "requirements.txt").write_text("requests==2.31.0\npandas\ngit+https://github.com/x/y.git\n"
                                               "fivetran_connector_sdk\nnumpy==2.0.0\n")
    found = rules(tmp_path)
    for expected in [("CSDK014", "error", 7), ("CSDK011", "error", 11), ("CSDK010", "error", 11),
                     ("CSDK102", "warning", 11), ("CSDK017", "error", 14), ("CSDK004", "error", 17),
                     ("CSDK005", "error", 18), ("CSDK005", "error", 19), ("CSDK103", "warning", 20),
                     ("CSDK015", "error", 21), ("CSDK012", "error", 22), ("CSDK019", "error", 25),
                     ("CSDK008", "error", 27), ("CSDK007", "error", 1), ("CSDK101", "warning", 15)]:
        assert expected in found, expected
    messages = {f.rule + str(f.line): f.message for f in lint.lint(tmp_path)}
    assert "got an unexpected keyword argument 'data'" in messages["CSDK00518"]
    assert "update(table: str, modified: dict" in messages["CSDK00518"]
    assert messages["CSDK00519"].startswith("op.upsertt() does not exist in the installed SDK (has: checkpoint,")
    by_file = {(f.file, f.rule) for f in lint.lint(tmp_path)}
    assert {("configuration.json", "CFG003"), ("configuration.json", "CFG002"), ("configuration.json", "CFG004"),
            ("requirements.txt", "REQ002"), ("requirements.txt", "REQ001"), ("requirements.txt", "REQ003")} <= by_file


def test_missing_connector_object_and_imports(tmp_path: Path) -> None:
    (tmp_path / "connector.py").write_text("def update(configuration, state):\n    pass\n")
    found = {f.rule for f in lint.lint(tmp_path)}
    assert {"CSDK001", "CSDK002"} <= found


def test_lint_cli_text_and_json(tmp_path: Path) -> None:
    (tmp_path / "connector.py").write_text(BAD)
    result = CliRunner().invoke(cli, ["lint", str(tmp_path)])
    assert result.exit_code == 1
    assert "connector.py:17: error CSDK004 `yield op.upsert(...)`: call operations directly" in result.stdout
    assert result.stdout.splitlines()[-1].startswith("FAIL: ")
    data = json.loads(CliRunner().invoke(cli, ["lint", str(tmp_path), "--json"]).stdout)
    assert data["verdict"] == "FAIL" and {"rule", "severity", "file", "line", "message"} == set(data["findings"][0])
    missing = CliRunner().invoke(cli, ["lint", str(tmp_path / "nope")])
    assert missing.exit_code == 2 and missing.stderr == f"bad input: {tmp_path / 'nope'}: no such project folder\n"


MAIN_WITH_SIBLING = '''"""Operations live in a client module beside connector.py, as in many community connectors."""
from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op
{imports}


def schema(configuration: dict):
    return [{{"table": "t", "primary_key": ["id"]}}]


def update(configuration: dict, state: dict):
    log.info("sync")
    {call}


connector = Connector(update=update, schema=schema{extra})
'''

SYNC_MODULE = '''from fivetran_connector_sdk import Operations as op


def sync_all(state: dict):
    op.upsert(table="t", data={"id": 1})
    op.checkpoint(state=state)
'''


def test_operations_in_an_imported_module_count_for_the_project(tmp_path: Path) -> None:
    for imports, call, where in [("from ticket_client import sync_all", "sync_all(state)", "ticket_client.py"),
                                 ("import helpers.sync as sync", "sync.sync_all(state)", "helpers/sync.py"),
                                 ("from helpers import sync", "sync.sync_all(state)", "helpers/sync.py")]:
        project = tmp_path / imports.replace(" ", "_")
        (project / where).parent.mkdir(parents=True)
        (project / where).write_text(SYNC_MODULE)
        (project / "connector.py").write_text(MAIN_WITH_SIBLING.format(imports=imports, call=call, extra=""))
        found = {f.rule for f in lint.lint(project)}
        assert not found & {"CSDK006", "CSDK007"}, (where, found)


def test_a_module_connector_py_does_not_import_does_not_count(tmp_path: Path) -> None:
    (tmp_path / "unused.py").write_text(SYNC_MODULE)
    (tmp_path / "connector.py").write_text(MAIN_WITH_SIBLING.format(imports="", call="pass", extra=""))
    messages = {f.rule: f.message for f in lint.lint(tmp_path)}
    assert messages["CSDK006"].endswith("in connector.py or the modules it imports")
    assert "CSDK007" in messages


def test_connector_keywords_come_from_the_installed_sdk(tmp_path: Path) -> None:
    (tmp_path / "connector.py").write_text(MAIN_WITH_SIBLING.format(
        imports="", call='op.upsert(table="t", data={"id": 1})\n    op.checkpoint(state=state)',
        extra=", configuration_form=lambda: None"))
    assert lint.lint(tmp_path) == []  # SDK 3 knows configuration_form=
    (tmp_path / "connector.py").write_text(MAIN_WITH_SIBLING.format(
        imports="", call='op.upsert(table="t", data={"id": 1})\n    op.checkpoint(state=state)',
        extra=", setup=lambda: None"))
    found = [f for f in lint.lint(tmp_path) if f.rule == "CSDK005"]
    assert found and "unexpected keyword argument 'setup'" in found[0].message


def test_pyproject_dependencies_and_crash_reports(tmp_path: Path) -> None:
    (tmp_path / "connector.py").write_text(MAIN_WITH_SIBLING.format(
        imports="", call='op.upsert(table="t", data={"id": 1})\n    op.checkpoint(state=state)', extra=""))
    (tmp_path / "crash-reports").mkdir()
    (tmp_path / "crash-reports" / "snippet.py").write_text("print('not project code')\n")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\ndependencies = ["pandas==2.2.2"]\n')
    assert lint.lint(tmp_path) == []
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\ndependencies = [\n  "pandas",\n  "requests==2.32.3",\n]\n')
    found = {(f.file, f.rule, f.line) for f in lint.lint(tmp_path)}
    assert found == {("pyproject.toml", "REQ001", 4), ("pyproject.toml", "REQ002", 5)}


def test_an_unreadable_pyproject_is_one_finding_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "connector.py").write_text(MAIN_WITH_SIBLING.format(
        imports="", call='op.upsert(table="t", data={"id": 1})\n    op.checkpoint(state=state)', extra=""))
    for content in (b"[project\ndependencies = 1\n", b"\xff\xfe not utf-8"):
        (tmp_path / "pyproject.toml").write_bytes(content)
        assert [(f.file, f.rule) for f in lint.lint(tmp_path)] == [("pyproject.toml", "REQ004")]


RUNS_CODE = '''import os
import subprocess


def update(configuration: dict, state: dict):
    os.system("touch /tmp/x")
    subprocess.run(["ls"])
    eval("1 + 1")
    exec("x = 1")
    __import__("shutil")
'''


def test_code_that_runs_other_code_is_an_error_in_generated_connectors_and_a_warning_in_yours(tmp_path: Path) -> None:
    spec = Spec.model_validate({"auth": {"kind": "basic"}, "tables": [{"name": "items", "path": "/items"}]})
    generated = tmp_path / "generated"
    writer.write(generated, compose.project_files(spec))
    assert lint.lint(generated) == []  # what generate writes never runs other code
    text = (generated / "connector.py").read_text()
    (generated / "connector.py").write_text(text + "\n" + RUNS_CODE.replace("def update(", "def extra("))
    own = tmp_path / "own"
    own.mkdir()
    (own / "connector.py").write_text(RUNS_CODE)
    for project, severity in ((generated, "error"), (own, "warning")):
        found = [f for f in lint.lint(project) if f.rule == "CSDK020"]
        assert {f.severity for f in found} == {severity}
        assert sorted(f.message.split(" runs")[0] for f in found) == [
            "__import__()", "eval()", "exec()", "import subprocess", "os.system()", "subprocess.run()"]
