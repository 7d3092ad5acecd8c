"""Rich progress bars for the ingest stages, silent in tests and when asked."""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn


class Stages:
    def __init__(self, quiet: bool = False, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)
        self.quiet = quiet or not self.console.is_terminal  # bars only on a terminal, never in logs
        self.progress = Progress(
            TextColumn("{task.description:<8}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=self.console, disable=self.quiet, transient=False,
        )

    def __enter__(self) -> Stages:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def start(self, name: str, total: int | None) -> TaskID:
        return self.progress.add_task(name, total=total)

    def advance(self, task: TaskID, n: int) -> None:
        self.progress.advance(task, n)

    def note(self, text: str) -> None:
        if not self.quiet:
            self.progress.console.log(text, highlight=False)
