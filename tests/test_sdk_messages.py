"""Pasted errors are found by their own words: the SDK's messages are indexed from its code."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from ingest.sdk_messages import read_messages


def test_messages_are_read_with_constants_resolved_and_their_code(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "toy_sdk").mkdir()
    (tmp_path / "toy_sdk" / "__init__.py").write_text("from toy_sdk.runner import run\n")
    (tmp_path / "toy_sdk" / "constants.py").write_text(
        'NOT_PROVIDED = "schema() not provided; inferring schema from update() output"\nSHORT = "a b"\n')
    (tmp_path / "toy_sdk" / "runner.py").write_text(
        "from toy_sdk.constants import NOT_PROVIDED\n\n\n"
        "def run(schema, name):\n"
        "    if schema is None:\n"
        "        print(NOT_PROVIDED)\n"
        "    if not name:\n"
        "        raise RuntimeError(f'no runner is installed for {name}: call it from the runner')\n\n\n"
        "class Quiet:\n"
        "    def run(self):\n"
        "        return 'ok'\n")
    (tmp_path / "toy_sdk_cli").mkdir()  # a sibling package of the same distribution family
    (tmp_path / "toy_sdk_cli" / "__init__.py").write_text(
        "class Tool:\n    def go(self):\n        raise ValueError('the configuration file must hold strings only')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    module = importlib.import_module("toy_sdk")

    docs = {d.path: d for d in read_messages(module, "1.2.3")}
    assert set(docs) == {"toy_sdk.runner:run", "toy_sdk_cli:Tool.go"}
    run = docs["toy_sdk.runner:run"].text
    assert "- schema() not provided; inferring schema from update() output" in run
    assert "- no runner is installed for {...}: call it from the runner" in run
    assert "def run(schema, name):" in run and "version 1.2.3" in run
    assert docs["toy_sdk_cli:Tool.go"].kind == "sdk_api"
