"""The real app, the real 0.5B model, a real terminal (a pty): one question, one cited answer."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from helpers import ROOT, ingest, run

from assistant.llm import catalog

pexpect = pytest.importorskip("pexpect")
pytestmark = pytest.mark.real_model


def test_chat_in_a_terminal_answers_with_a_source(repo: Path, tmp_path: Path, assistant_home: Path) -> None:
    ingest(repo)
    model = catalog.resolve(catalog.DEFAULT_MODEL).path  # assembled from its packages on first use
    assert run("models", "add", model, "--name", "smoke").exit_code == 0
    env = {**os.environ, "TERM": "xterm-256color", "ASSISTANT_MODEL": "smoke", "ASSISTANT_N_CTX": "2048",
           "COLUMNS": "140", "LINES": "40"}
    child = pexpect.spawn(sys.executable, ["-m", "cli", "chat"], cwd=str(ROOT), env=env,
                          dimensions=(40, 140), encoding="utf-8", codec_errors="replace", timeout=180,
                          use_poll=True)  # select() fails on descriptors above 1024, which a long run reaches
    try:
        child.expect("ready", timeout=120)  # the status bar: the model has loaded
        child.send("How does cursor based pagination work?\r")
        child.expect(r"\[\d\] …?/?[\w/]*(cursor|pagination)", timeout=180)  # a citation button under the answer
        child.sendcontrol("q")
        child.expect(pexpect.EOF, timeout=30)
    finally:
        child.close(force=True)
    chats = list((assistant_home / "data" / "chats").glob("*.json"))
    turns = json.loads(chats[0].read_text())["turns"]
    assert [t["role"] for t in turns] == ["user", "assistant"]
    assert turns[1]["text"] and turns[1]["sources"][0]["source"].startswith("examples/")
