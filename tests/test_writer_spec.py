from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.connector import extract, writer
from assistant.connector.spec import load
from cli.main import cli
from core.errors import UsageError

REQUEST = """Build a connector for our users API at http://127.0.0.1:9999.
Authentication: bearer token.
GET /bearer/api/users?limit=<n>&cursor=<token> returns {"users": [...], "next_cursor": "abc", "has_more": true}.
Users have primary key id and are synced incrementally on updated_at using updated_since.
GET /bearer/api/users/deleted returns {"deleted": [...]} with the ids of deleted users.
"""


def test_extraction_reads_what_the_request_states() -> None:
    spec = extract.from_text(REQUEST).spec
    assert spec.base_url == "http://127.0.0.1:9999" and spec.auth.kind == "bearer"
    [users] = spec.tables
    p = users.pagination
    assert (p.kind, p.next, p.param, p.has_more) == ("cursor", "next_cursor", "cursor", "has_more")
    assert (users.name, users.path, users.records, users.primary_key) == ("users", "/bearer/api/users", "users", ["id"])
    assert users.incremental is not None and (users.incremental.field, users.incremental.param) == (
        "updated_at", "updated_since")
    assert users.deletes is not None and (users.deletes.path, users.deletes.ids) == ("/bearer/api/users/deleted",
                                                                                      "deleted")
    assert spec.unresolved == []


def test_a_get_line_with_a_full_url_splits_into_base_url_and_endpoint() -> None:
    spec = extract.from_text('GET http://127.0.0.1:37491/bearer/api/users?limit=<n>&cursor=<token> with bearer token '
                             'auth returns {"users": [...], "next_cursor": "...", "has_more": true}. '
                             "Primary key id.").spec
    assert (spec.name, spec.base_url) == ("users_connector", "http://127.0.0.1:37491")
    assert [(t.name, t.path, t.records, t.primary_key) for t in spec.tables] == [
        ("users", "/bearer/api/users", "users", ["id"])]


def test_missing_facts_get_documented_defaults_and_are_listed() -> None:
    spec = extract.from_text("REST API at base_url, bearer token, cursor pagination via next_cursor, "
                             "incremental on updated_at, tables users and events").spec
    assert [t.name for t in spec.tables] == ["users", "events"]
    assert [t.pagination.next for t in spec.tables] == ["next_cursor", "next_cursor"]
    assert "users: endpoint not given; assumed GET /users with records under `users`" in spec.unresolved
    assert ("events: the records were not shown; the primary key is taken from the data (a probe, or the "
            "connector's first page when it runs), `id` if the records have it" in spec.unresolved)
    assert all(t.find_key and t.primary_key == ["id"] for t in spec.tables)


def test_spec_files_are_checked_against_the_schema(tmp_path: Path) -> None:
    good = tmp_path / "spec.yaml"
    good.write_text("name: demo\ntables:\n  - name: users\n    path: /users\n")
    assert load(good).tables[0].primary_key == ["id"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"tables": [{"name": "Users", "path": "users"}]}))
    with pytest.raises(UsageError, match="fails its schema at tables.0.name"):
        load(bad)
    (tmp_path / "empty.json").write_text(json.dumps({"tables": []}))
    with pytest.raises(UsageError, match="fails its schema at tables"):
        load(tmp_path / "empty.json")


def test_writer_refuses_unsafe_names(tmp_path: Path) -> None:
    for name in ("../evil.py", "/etc/passwd", "notes.txt", "sub/../../x.py"):
        with pytest.raises(UsageError, match="refusing to write"):
            writer.plan(tmp_path / "p", {name: "x = 1\n"})
    with pytest.raises(UsageError, match="connector.py is not valid Python"):
        writer.plan(tmp_path / "p", {"connector.py": "def (:\n"})


def test_writer_refuses_symlinks_and_files_as_folders(tmp_path: Path) -> None:
    out = tmp_path / "p"
    out.mkdir()
    os.symlink(tmp_path / "elsewhere.py", out / "connector.py")
    with pytest.raises(UsageError, match="symlink"):
        writer.plan(out, {"connector.py": "x = 1\n"})
    afile = tmp_path / "file"
    afile.write_text("")
    with pytest.raises(UsageError, match="exists and is not a folder"):
        writer.plan(afile, {"connector.py": "x = 1\n"})


def test_writer_keeps_existing_files_unless_forced_then_keeps_a_backup(tmp_path: Path) -> None:
    out = tmp_path / "p"
    writer.write(out, {"connector.py": "x = 1\n", "README.md": "# a\n"})
    with pytest.raises(UsageError, match="already has connector.py, README.md; use --force"):
        writer.write(out, {"connector.py": "x = 2\n", "README.md": "# b\n"})
    assert (out / "connector.py").read_text() == "x = 1\n"
    writer.write(out, {"connector.py": "x = 2\n"}, force=True)
    assert (out / "connector.py").read_text() == "x = 2\n" and (out / "connector.py.bak").read_text() == "x = 1\n"


@pytest.mark.parametrize(("args", "message"), [
    (["generate", "  ", "--out", "OUT"], "bad input: the description is empty; describe the source, or pass "
     "--prompt-file or --spec"),
])
def test_generate_bad_input(args: list[str], message: str, tmp_path: Path) -> None:
    args = [a.replace("OUT", str(tmp_path / "o")) for a in args]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2 and result.stderr == message + "\n"


def test_generate_into_existing_project_without_force(tmp_path: Path) -> None:
    out = tmp_path / "o"
    first = CliRunner().invoke(cli, ["generate", REQUEST, "--out", str(out), "--no-model"])
    assert first.exit_code == 0, first.output
    second = CliRunner().invoke(cli, ["generate", REQUEST, "--out", str(out), "--no-model"])
    assert second.exit_code == 2
    assert second.stderr.startswith(f"bad input: {out} already has connector.py, configuration.json, "
                                    "requirements.txt, README.md; use --force")
    file_out = tmp_path / "f"
    file_out.write_text("")
    third = CliRunner().invoke(cli, ["generate", REQUEST, "--out", str(file_out), "--no-model"])
    assert third.stderr == f"bad input: --out {file_out} is not a folder\n"


def test_generate_reports_in_four_sections_and_as_json(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["generate", REQUEST, "--out", str(tmp_path / "o"), "--no-model"])
    text = result.stdout
    for heading in ("## 1. Requirements analysis", "## 2. Pattern selection", "## 3. Implementation guide",
                    "## 4. Testing plan"):
        assert heading in text
    assert "Lint: 0 error(s), 0 warning(s)" in text
    data = json.loads(CliRunner().invoke(cli, ["generate", REQUEST, "--out", str(tmp_path / "o"), "--no-model",
                                               "--force", "--json"]).stdout)
    assert data["requirements"]["auth"] == "bearer" and data["files"] == [
        "connector.py", "configuration.json", "requirements.txt", "README.md"]
    config = json.loads((tmp_path / "o" / "configuration.json").read_text())
    assert config == {"base_url": "http://127.0.0.1:9999", "api_token": "<YOUR_API_TOKEN>"}
    assert (tmp_path / "o" / "requirements.txt").read_text() == ""


def test_file_and_database_requests_become_local_specs() -> None:
    db = extract.from_text("Sync the SQLite database file: table orders, primary key order_id, incremental on "
                           "order_id.").spec
    assert db.source_type == "database" and db.config_keys() == ["database_path"]
    # the file could not be read: the connector reads the catalog when it runs, for the tables named
    assert (db.catalog, db.words) == ("match", ["orders"])
    assert [(t.cursor_column, t.primary_key) for t in db.tables] == [("order_id", ["order_id"])]
    files = extract.from_text("JSON lines files in a directory; load them as events keyed by event_id.").spec
    assert files.source_type == "file" and files.config_keys() == ["folder"]
    assert [(t.name, t.files, t.format, t.primary_key) for t in files.tables] == [
        ("events", "*.jsonl", "jsonl", ["event_id"])]


def test_generate_with_a_spec_that_fails_its_schema(tmp_path: Path) -> None:
    bad = tmp_path / "spec.json"
    bad.write_text(json.dumps({"tables": [{"name": "users", "path": "/u", "primary_key": ["a b"]}]}))
    result = CliRunner().invoke(cli, ["generate", "--spec", str(bad), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"bad input: {bad}: the spec fails its schema at tables.0.primary_key:")
    assert not (tmp_path / "o").exists()


def test_validate_without_the_runtime_sdk_says_how_to_install_it(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "o"
    assert CliRunner().invoke(cli, ["generate", REQUEST, "--out", str(out), "--no-model"]).exit_code == 0
    (tmp_path / "cfg.json").write_text(json.dumps({"base_url": "http://127.0.0.1:9", "api_token": "t0ken-value"}))
    monkeypatch.setenv("ASSISTANT_RUNTIME_VENV", str(tmp_path / "no-venv"))
    result = CliRunner().invoke(cli, ["validate", str(out), "--config", str(tmp_path / "cfg.json")])
    assert result.exit_code == 1
    assert result.stderr == (f"runtime venv: no fivetran-connector-sdk runtime at {tmp_path / 'no-venv'} (run "
                             "`assistant runtime setup`; the README's setup command does it)\n")


@pytest.mark.parametrize(("extra", "message"), [
    (["--out", ""], "bad input: the output folder is empty; name one with --out DIR"),
    (["--out", "OUT", "--spec", "S"], "bad input: give a description or --prompt-file, or --spec, not both"),
    (["--out", "OUT", "--config", "C"], "bad input: configuration CPATH: no such file"),
    (["--out", "FILE/sub"], "bad input: --out FILE/sub: FILE is not a folder"),
])
def test_generate_argument_mistakes(extra: list[str], message: str, tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("")
    subst = {"OUT": str(tmp_path / "o"), "S": str(tmp_path / "s.json"), "C": str(tmp_path / "c.json"),
             "FILE/sub": str(tmp_path / "afile" / "sub")}
    args = ["generate", REQUEST, *[subst.get(a, a) for a in extra]]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert result.stderr == message.replace("FILE", str(tmp_path / "afile")).replace(
        "CPATH", str(tmp_path / "c.json")) + "\n"


def test_save_spec_round_trips_through_generate(tmp_path: Path) -> None:
    saved = tmp_path / "spec.json"
    first = CliRunner().invoke(cli, ["generate", REQUEST, "--out", str(tmp_path / "a"), "--no-model", "--save-spec",
                                     str(saved)])
    assert first.exit_code == 0, first.output
    again = CliRunner().invoke(cli, ["generate", "--spec", str(saved), "--out", str(tmp_path / "b")])
    assert again.exit_code == 0, again.output
    assert (tmp_path / "a" / "connector.py").read_text() == (tmp_path / "b" / "connector.py").read_text()


def test_validate_refuses_a_configuration_that_is_not_an_object(tmp_path: Path) -> None:
    out = tmp_path / "o"
    CliRunner().invoke(cli, ["generate", REQUEST, "--out", str(out), "--no-model"])
    bad = tmp_path / "list.json"
    bad.write_text("[1, 2]")
    result = CliRunner().invoke(cli, ["validate", str(out), "--config", str(bad)])
    assert result.exit_code == 2
    assert result.stderr == f"bad input: {bad}: the configuration must be a JSON object of strings\n"


def test_written_files_get_the_usual_mode_and_a_stated_page_size_is_kept(tmp_path: Path) -> None:
    import stat

    writer.write(tmp_path / "p", {"connector.py": "x = 1\n"})
    mode = stat.S_IMODE((tmp_path / "p" / "connector.py").stat().st_mode)
    assert mode == 0o666 & ~writer._UMASK
    spec = extract.from_text("GET /items?limit=25&cursor=<c> returns {\"items\": [...], \"next_cursor\": \"x\"}").spec
    assert (spec.tables[0].pagination.size_param, spec.tables[0].pagination.size) == ("limit", 25)
