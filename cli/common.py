"""Pieces every command group shares: options, settings from flags, the services, and small checks."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from core import settings
from core.errors import UsageError
from core.settings import Settings

if TYPE_CHECKING:
    from assistant.services import Progress, Services

chroma_option = click.option("--chroma-url", metavar="URL", help="Use a Chroma server instead of the local index.")
model_option = click.option("--model", "model", metavar="NAME",
                            help="Model to answer with (see `assistant models list`).")
llm_url_option = click.option(
    "--llm-url", metavar="URL",
    help="OpenAI-compatible server (llama.cpp, llama-cpp-python, vLLM) instead of a local model.")


def load_settings(**flags: object) -> Settings:
    """The settings with the flags that were given on top (a flag left out is None)."""
    return settings.load(**flags)


def services(cfg: Settings) -> Services:
    """The services for this command. A caller may hand the CLI another factory as click's `obj`
    (the tests give one with a fake model)."""
    from assistant.services import Services

    factory: Callable[[Settings], Services] = click.get_current_context().obj or Services
    return factory(cfg)


def project_folder(path: Path) -> Path:
    """A connector project folder, or one clear error saying what is wrong with the path."""
    if not path.exists():
        raise UsageError(f"{path}: no such project folder")
    if not path.is_dir():
        raise UsageError(f"{path} is a file, not a project folder")
    if not (path / "connector.py").is_file():
        raise UsageError(f"{path}: no connector.py in it")
    return path


def at_least_one(value: int | None, flag: str) -> None:
    if value is not None and value < 1:
        raise UsageError(f"{flag} must be at least 1")


def write(text: str) -> None:
    """Streamed text, shown as it comes."""
    sys.stdout.write(text)
    sys.stdout.flush()


def assembly_progress() -> Progress:
    """A progress bar on stderr for the one-time assembly of a built-in model's parts."""
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, TaskID, TextColumn
    from rich.progress import Progress as Bar

    console = Console(stderr=True)
    bar: Bar | None = None
    task: TaskID | None = None

    def update(done: int, total: int) -> None:
        nonlocal bar, task
        if bar is None:
            bar = Bar(TextColumn("assembling model"), BarColumn(), DownloadColumn(), transient=True,
                           console=console, disable=not console.is_terminal)
            bar.start()
            task = bar.add_task("model", total=total)
        assert task is not None
        bar.update(task, completed=done)
        if done >= total:
            bar.stop()

    return update
