"""Settings stay one typed object: flags over env over the config file, and a bad value is one line."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from cli.main import cli
from core import paths
from core.errors import UsageError
from core.settings import load


def test_flags_win_over_the_environment_and_keep_their_types(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_PASSAGES", "6")
    monkeypatch.setenv("ASSISTANT_VALIDATE_TIMEOUT", "30")
    assert (load().passages, load().validate_timeout) == (6, 30.0)
    assert load(passages=2, validate_timeout=None).passages == 2  # a flag left out (None) changes nothing
    assert load(passages=2, validate_timeout=None).validate_timeout == 30.0


def test_the_config_file_is_read_under_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    paths.ensure(paths.config_dir())
    paths.config_file().write_text("passages = 7\nn_ctx = 2048\n")
    assert (load().passages, load().n_ctx) == (7, 2048)
    monkeypatch.setenv("ASSISTANT_PASSAGES", "3")
    assert load().passages == 3


@pytest.mark.parametrize(("name", "value", "message"), [
    ("ASSISTANT_N_CTX", "lots", "bad input: setting n_ctx (ASSISTANT_N_CTX): Input should be a valid integer, "
                                "unable to parse string as an integer"),
    ("ASSISTANT_PASSAGES", "0", "bad input: setting passages (ASSISTANT_PASSAGES): Input should be greater than or "
                                "equal to 1"),
    ("ASSISTANT_CHAT_MEMORY", "sometimes", "bad input: setting chat_memory (ASSISTANT_CHAT_MEMORY): Input should be "
                                           "'auto', 'on' or 'off'"),
    ("ASSISTANT_THREADS", "0", "bad input: setting threads (ASSISTANT_THREADS): Input should be greater than or "
                               "equal to 1"),
    ("ASSISTANT_N_CTX", "-5", "bad input: setting n_ctx (ASSISTANT_N_CTX): Input should be greater than or equal "
                              "to 512"),
    ("ASSISTANT_REPOS", "[broken", "bad input: setting repos (ASSISTANT_REPOS): Value error, not a JSON list; "
                                   "separate the repositories by spaces instead"),
])
def test_a_bad_setting_is_one_line_not_a_traceback(monkeypatch: pytest.MonkeyPatch, name: str, value: str,
                                                   message: str) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(UsageError):
        load()
    result = CliRunner().invoke(cli, ["search", "checkpoint"])
    assert result.exit_code == 2 and result.stderr == message + "\n"


def test_repositories_in_the_environment_may_be_separated_by_spaces_or_commas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_REPOS", "/src/a /src/b,/src/c")
    assert load().repos == ["/src/a", "/src/b", "/src/c"]
    monkeypatch.setenv("ASSISTANT_REPOS", '["/src/d"]')
    assert load().repos == ["/src/d"]
