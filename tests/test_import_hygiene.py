"""The core never imports textual, and `assistant --help` stays light."""

from __future__ import annotations

import subprocess
import sys

from helpers import ROOT


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys\nprint('\\n'.join(sys.modules))"],
                         capture_output=True, text=True, cwd=ROOT, check=True)
    return set(out.stdout.split())


def test_core_packages_never_import_textual() -> None:
    """Every module of ingest, index and assistant (the chat session included), imported in a clean process."""
    modules = _modules_after(
        "import importlib, pkgutil, ingest, index, assistant\n"
        "for pkg in (ingest, index, assistant):\n"
        "    for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(info.name)")
    assert "assistant.session" in modules and "assistant.history" in modules and "ingest.pipeline" in modules
    assert not {m for m in modules if m == "textual" or m.startswith("textual.")}


def test_help_does_not_import_heavy_libraries() -> None:
    modules = _modules_after("from assistant.cli import cli\ntry:\n    cli(['--help'])\nexcept SystemExit:\n    pass")
    assert not {"torch", "chromadb", "llama_cpp", "sentence_transformers", "bm25s"} & modules


def test_help_reads_well() -> None:
    out = subprocess.run([sys.executable, "-m", "assistant.cli", "--help"], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout
    assert out.startswith("Usage: assistant [OPTIONS] COMMAND [ARGS]...")
    for command in ("ingest", "search", "index", "crawl"):
        assert f"  {command} " in out
