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
    modules = _modules_after(
        "import ingest.pipeline, ingest.crawl, index.retrieve, index.bundle, assistant.cli, assistant.settings")
    assert "textual" not in modules


def test_help_does_not_import_heavy_libraries() -> None:
    modules = _modules_after("from assistant.cli import cli\ntry:\n    cli(['--help'])\nexcept SystemExit:\n    pass")
    assert not {"torch", "chromadb", "llama_cpp", "sentence_transformers", "bm25s"} & modules


def test_help_reads_well() -> None:
    out = subprocess.run([sys.executable, "-m", "assistant.cli", "--help"], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout
    assert out.startswith("Usage: assistant [OPTIONS] COMMAND [ARGS]...")
    for command in ("ingest", "search", "index", "crawl"):
        assert f"  {command} " in out
