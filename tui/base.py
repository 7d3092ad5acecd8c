"""What every part of the chat app shares: the Workbench, the widgets, and the worker that runs a
job in a thread and turns any failure into a modal."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.widgets import TabbedContent, Tabs

from assistant.chat.workbench import Workbench
from core import paths
from core.errors import AssistantError
from tui import messages as msg
from tui.widgets import ChatView, ProjectPane, StatusBar

ACTIVITY = {"ask": "answering…", "generate": "generating…", "validate": "running fivetran debug…",
            "fix": "repairing a scratch copy…", "revise": "revising…", "discover": "comparing examples…"}


def explain(error: BaseException) -> tuple[str, str, str | None]:
    """Title, message and fix for the error modal; anything unexpected is logged, never shown raw."""
    if isinstance(error, AssistantError):
        return error.title, error.message, error.hint
    log = paths.ensure(paths.data_dir()) / "chat-errors.log"
    with log.open("a", encoding="utf-8") as handle:
        handle.write("".join(traceback.format_exception(type(error), error, error.__traceback__)) + "\n")
    return ("unexpected error", f"{type(error).__name__}: {error}",
            f"the chat is saved; the details are in {log} — please report them")


class WorkerApp(App[None]):
    def __init__(self, workbench: Workbench) -> None:
        super().__init__()
        self.workbench = workbench
        self.busy: str | None = None
        self.stop_event = threading.Event()
        self._main: Any = None

    @property
    def status(self) -> StatusBar:
        return self.query_one(StatusBar)

    @property
    def chat(self) -> ChatView:
        return self.query_one("#chat", ChatView)

    @property
    def project_pane(self) -> ProjectPane:
        return self.query_one(ProjectPane)

    def _spawn(self, name: str, job: Callable[[], object], *, exclusive: bool = True) -> bool:
        """Run `job` in a thread; errors become a modal. Only one exclusive job at a time."""
        if exclusive:
            if self.busy:
                self.notify(self._busy_note(), severity="warning")
                return False
            self.busy = name
            self.status.activity = ACTIVITY.get(name, "")

        def guarded() -> None:
            try:
                job()
            except BaseException as exc:  # noqa: BLE001 - every failure becomes a modal, never a traceback
                self.post_message(msg.Failed(exc, name))
            finally:
                if exclusive:
                    self.post_message(msg.Done())

        self.run_worker(guarded, name=name, group=name, thread=True, exit_on_error=False)
        return True

    def _busy_note(self) -> str:
        return f"busy with {self.busy}" + ("; Esc stops it" if self.busy in ("ask", "fix") else "")

    async def _note(self, text: str) -> None:
        self.workbench.note(text)
        await self.chat.add_note(text)

    def show_side(self, pane: str) -> None:
        """Bring a pane into view: "chat", "sources" or "project". In narrow mode it fills the screen."""
        if pane != "chat":
            self.query_one("#side", TabbedContent).active = f"pane-{pane}"
        if self._main is not None and self._main.has_class("narrow"):
            self._main.set_class(pane != "chat", "show-side")
            tabs = self.query_one("#narrow-tabs", Tabs)
            tabs.active = tabs.query("Tab")[["chat", "sources", "project"].index(pane)].id or ""

    def _reveal(self, pane: str) -> None:
        """Bring a pane forward after a command, unless that would hide the input (narrow mode)."""
        if self._main is not None and self._main.has_class("narrow"):
            self.query_one("#side", TabbedContent).active = f"pane-{pane}"
            self.notify(f"updated: the {pane.title()} tab")
        else:
            self.show_side(pane)
