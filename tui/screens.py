"""Modal screens: confirm a change, show an error with its fix, read a whole source passage."""

from __future__ import annotations

from rich.syntax import Syntax
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static


def syntax(code: str, lexer: str, *, start_line: int = 1, highlight: int | set[int] | None = None) -> Syntax:
    lines = {highlight} if isinstance(highlight, int) else highlight
    return Syntax(code, lexer, line_numbers=True, start_line=start_line, theme="ansi_dark", word_wrap=False,
                  highlight_lines=lines or None, background_color="default")


def lexer_for(name: str) -> str:
    for suffix, lexer in ((".py", "python"), (".json", "json"), (".md", "markdown"), (".txt", "text"),
                          (".diff", "diff")):
        if name.endswith(suffix):
            return lexer
    return "text"


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question with the details it is about (target path, masked configuration, a diff)."""

    BINDINGS = [Binding("y", "answer(True)", "Yes"), Binding("n,escape", "answer(False)", "No")]

    def __init__(self, title: str, body: str, *, code: str | None = None, lexer: str = "diff") -> None:
        super().__init__()
        self.title_text, self.body, self.code, self.lexer = title, body, code, lexer

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="confirm with-code" if self.code else "confirm"):
            yield Static(self.title_text, classes="dialog-title")
            yield Static(self.body, classes="dialog-body", markup=False)
            if self.code:
                with VerticalScroll(classes="dialog-code"):
                    yield Static(syntax(self.code, self.lexer))
            with Horizontal(classes="dialog-buttons"):
                yield Button("Yes (y)", id="yes", variant="primary")
                yield Button("No (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()  # the safe answer is the default

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class ErrorScreen(ModalScreen[None]):
    """What went wrong, on one line, and what to do about it."""

    BINDINGS = [Binding("escape,enter", "close", "Close")]

    def __init__(self, title: str, message: str, fix: str | None) -> None:
        super().__init__()
        self.title_text, self.message, self.fix = title, message, fix

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="error"):
            yield Static(f"✗ {self.title_text}", classes="dialog-title")
            yield Static(self.message, classes="dialog-body", markup=False)
            if self.fix:
                yield Static(f"Fix: {self.fix}", classes="dialog-fix", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("OK (Enter)", id="ok", variant="error")

    def on_mount(self) -> None:
        self.query_one("#ok", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)


class ChunkScreen(ModalScreen[None]):
    """One retrieved passage in full, highlighted, with its real line numbers."""

    BINDINGS = [Binding("escape,q", "close", "Close")]

    def __init__(self, heading: str, text: str, lexer: str, start_line: int = 1,
                 focus: tuple[int, int] = (0, 0)) -> None:
        super().__init__()
        self.heading, self.text, self.lexer, self.start_line, self.lines = heading, text, lexer, start_line, focus

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="chunk"):
            yield Static(self.heading, classes="dialog-title", markup=False)
            with VerticalScroll(classes="dialog-code", id="chunk-code"):
                if self.text:
                    marked = set(range(self.lines[0], self.lines[1] + 1)) if self.lines[0] else None
                    yield Static(syntax(self.text, self.lexer, start_line=self.start_line, highlight=marked))
                else:
                    yield Static("The passage itself is not kept in a saved chat; ask again to see it.",
                                 markup=False)
            yield Static("❱ marks the lines the answer was given · Esc closes", classes="dialog-hint")

    def on_mount(self) -> None:
        view = self.query_one("#chunk-code")
        view.focus()
        if self.lines[0] > self.start_line:
            self.call_after_refresh(view.scroll_to, y=max(0, self.lines[0] - self.start_line - 2), animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
