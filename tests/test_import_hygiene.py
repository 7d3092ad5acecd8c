"""The layers below the UI never import textual or click, and `assistant --help` stays light."""

from __future__ import annotations

import subprocess
import sys

from helpers import ROOT


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys\nprint('\\n'.join(sys.modules))"],
                         capture_output=True, text=True, cwd=ROOT, check=True)
    return set(out.stdout.split())


def test_the_layers_below_the_ui_never_import_textual_or_click() -> None:
    """Every module of core, index, ingest and assistant (the chat session included), in a clean process."""
    modules = _modules_after(
        "import importlib, pkgutil, core, index, ingest, assistant\n"
        "for pkg in (core, index, ingest, assistant):\n"
        "    for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(info.name)")
    assert {"assistant.chat.workbench", "assistant.services", "ingest.pipeline", "core.sdk"} <= modules
    assert not {m for m in modules if m.split(".")[0] in ("textual", "click", "tui", "cli")}


def test_help_does_not_import_heavy_libraries() -> None:
    modules = _modules_after("from cli.main import cli\ntry:\n    cli(['--help'])\nexcept SystemExit:\n    pass")
    assert not {"torch", "chromadb", "llama_cpp", "sentence_transformers", "bm25s"} & modules


def test_help_reads_well() -> None:
    out = subprocess.run([sys.executable, "-m", "cli", "--help"], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout
    assert out.startswith("Usage: assistant [OPTIONS] COMMAND [ARGS]...")
    for command in ("ingest", "search", "index", "crawl"):
        assert f"  {command} " in out
