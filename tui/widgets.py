"""The panes. They only show things: every call into `assistant/` happens in the app's workers."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import (
    Button,
    DataTable,
    Label,
    ListItem,
    ListView,
    Markdown,
    ProgressBar,
    Static,
    TabbedContent,
    TabPane,
)

from assistant.answer.passages import Cited
from assistant.chat.workbench import ProjectView
from assistant.connector import report
from assistant.connector.lint import Finding
from assistant.connector.validate import RunResult
from assistant.connector.writer import PROJECT_FILES
from tui.screens import lexer_for, syntax

_CITE = re.compile(r"\[(\d+)\]")


def linkify(text: str) -> str:
    """[n] outside code becomes a link the app handles, so a click on a citation opens its source."""
    parts = re.split(r"(```.*?(?:```|$)|`[^`\n]*`)", text, flags=re.S)
    for i in range(0, len(parts), 2):  # the odd parts are code: left alone
        parts[i] = _CITE.sub(lambda m: f"[\\[{m.group(1)}\\]](cite:{m.group(1)})", parts[i])
    return "".join(parts)


def lexer_of(cited: Cited) -> str:
    """How to highlight a passage: docs as Markdown, the SDK's entries as Python, files by suffix."""
    kind = cited.source.kind
    if kind == "doc":
        return "markdown"
    if kind == "sdk_api":
        return "python"
    return lexer_for(cited.source.path or cited.source.location.split(":")[0])


class OpenSource(Message):
    """A citation or a source row was chosen."""

    def __init__(self, cited: Cited) -> None:
        super().__init__()
        self.cited = cited


class UserBubble(Static):
    def __init__(self, text: str) -> None:
        super().__init__(text, markup=False, classes="user")


class NoteBlock(Markdown):
    """A command's outcome in the transcript (not part of the model's memory)."""

    def __init__(self, text: str) -> None:
        super().__init__(text, classes="note")


class AnswerBlock(Vertical):
    """One answer: streamed Markdown, then its citations as links and as focusable buttons."""

    def __init__(self) -> None:
        super().__init__(classes="answer")
        self.sources: dict[int, Cited] = {}
        self.text = ""

    def compose(self) -> ComposeResult:
        yield Static("… finding passages and reading them", classes="pending")
        yield Markdown("", open_links=False)
        yield Vertical(classes="citations")

    @property
    def markdown(self) -> Markdown:
        return self.query_one(Markdown)

    def append(self, text: str) -> None:
        self._done_waiting()
        self.text += text
        self.markdown.append(text)
        self._scroll()

    def _done_waiting(self) -> None:
        for pending in self.query(".pending"):
            pending.remove()

    def _scroll(self) -> None:
        if isinstance(self.parent, VerticalScroll):
            self.parent.scroll_end(animate=False)

    def finish(self, text: str, sources: list[Cited], *, stopped: bool = False) -> None:
        self._done_waiting()
        self.text = text + ("\n\n*(stopped)*" if stopped else "")
        self.sources = {s.n: s for s in sources}
        self.markdown.update(linkify(self.text) if self.text.strip() else "*(no answer)*")
        row = self.query_one(".citations", Vertical)
        row.remove_children()
        row.mount_all([CitationButton(s) for s in sources if s.cited])
        self.call_after_refresh(self._scroll)

    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        event.stop()
        if event.href.startswith("cite:"):
            source = self.sources.get(int(event.href[5:]))
            if source:
                self.post_message(OpenSource(source))


def shorten(location: str, width: int = 64) -> str:
    """Keep the end of a long path (the example and file name say the most)."""
    if len(location) <= width:
        return location
    parts = location.split("/")
    kept = parts[-1]
    for part in reversed(parts[:-1]):
        if len(part) + len(kept) + 3 > width:
            break
        kept = f"{part}/{kept}"
    return "…/" + kept


class CitationButton(Button):
    def __init__(self, cited: Cited) -> None:
        super().__init__(f"[{cited.n}] {shorten(cited.source.location)}", classes="citation", compact=True)
        self.cited = cited

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(OpenSource(self.cited))


class ChatView(VerticalScroll):
    """The transcript: questions, streamed answers and command notes, newest at the bottom."""

    async def add_user(self, text: str) -> None:
        await self.mount(UserBubble(text))
        self._to_end()

    async def add_answer(self) -> AnswerBlock:
        block = AnswerBlock()
        await self.mount(block)
        self._to_end()
        return block

    async def add_note(self, text: str) -> None:
        await self.mount(NoteBlock(text))
        self._to_end()

    def _to_end(self) -> None:
        self.scroll_end(animate=False)
        self.call_after_refresh(self.scroll_end, animate=False)  # again once the new widget has its size


class SourceItem(ListItem):
    def __init__(self, cited: Cited) -> None:
        mark = "★" if cited.cited else " "
        tags = f"\n    {' '.join(cited.source.tags)}" if cited.source.tags else ""
        super().__init__(Label(f"{mark}[{cited.n}] {cited.source.kind:<8} {cited.source.location}{tags}",
                               markup=False))
        self.cited = cited


class SourcesPane(Vertical):
    def compose(self) -> ComposeResult:
        yield Static("No answer yet. ★ marks the passages the answer cites; Enter opens one.", id="sources-hint")
        yield ListView(id="sources-list")

    def show(self, sources: list[Cited]) -> None:
        listing = self.query_one(ListView)
        listing.clear()
        listing.extend(SourceItem(s) for s in sources)
        self.query_one("#sources-hint", Static).update(
            f"{len(sources)} passages; ★ = cited. Enter opens one." if sources else "No passages.")

    def on_list_view_selected(self, event: ListView.Selected) -> None:
        if isinstance(event.item, SourceItem):
            event.stop()
            self.post_message(OpenSource(event.item.cited))


class CodeView(VerticalScroll, can_focus=True):
    """A file with line numbers; can jump to (and mark) a line."""

    def __init__(self, name: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.file_name = name
        self.code = ""

    def compose(self) -> ComposeResult:
        yield Static("", classes="code")

    def show(self, code: str, highlight: int | None = None) -> None:
        self.code = code
        lexer = "diff" if self.file_name == "diff" else lexer_for(self.file_name)
        empty = "(no fix or revision applied yet)" if self.file_name == "diff" else "(empty)"
        self.query_one(Static).update(syntax(code, lexer, highlight=highlight) if code else empty)

    def jump(self, line: int) -> None:
        self.show(self.code, highlight=line)
        self.scroll_to(y=max(0, line - 3), animate=False)


class FindingItem(ListItem):
    def __init__(self, finding: Finding) -> None:
        super().__init__(Label(finding.render(), markup=False))
        self.finding = finding


class ProjectPane(Vertical):
    """The open project: its files, the lint findings, the last run and the last diff."""

    FILES = PROJECT_FILES

    def compose(self) -> ComposeResult:
        yield Static("No project. /open DIR or /generate DESCRIPTION.", id="project-title", markup=False)
        with TabbedContent(id="project-tabs"):
            for name in self.FILES:
                with TabPane(name, id=_tab_id(name)):
                    yield CodeView(name, id=f"code-{_tab_id(name)}")
            with TabPane("Lint", id="tab-lint"):
                yield ListView(id="lint-list")
            with TabPane("Run", id="tab-run"):
                yield Static("Not validated yet. /validate runs `fivetran debug`.", id="run-summary", markup=False)
                yield DataTable(id="run-tables", cursor_type="row")
            with TabPane("Diff", id="tab-diff"):
                yield CodeView("diff", id="code-diff")

    folder: Path | None = None

    def on_mount(self) -> None:
        self.query_one("#run-tables", DataTable).add_columns("table", "rows", "primary key", "columns")

    def show_project(self, view: ProjectView) -> None:
        if view.folder != self.folder:  # another project: its run and diff are not this one's
            self.folder = view.folder
            self.show_run(None)
            self.query_one("#code-diff", CodeView).show("")
        self.query_one("#project-title", Static).update(short_path(view.folder))
        for name in self.FILES:
            self.query_one(f"#code-{_tab_id(name)}", CodeView).show(view.files.get(name, ""))
        listing = self.query_one("#lint-list", ListView)
        listing.clear()
        if view.files.get("connector.py"):
            listing.append(ListItem(Label(f"lint {report.lint_summary(view.findings)}", markup=False)))
        listing.extend(FindingItem(f) for f in view.findings)

    def show_run(self, result: RunResult | None) -> None:
        summary = self.query_one("#run-summary", Static)
        table = self.query_one("#run-tables", DataTable)
        if result is None:
            summary.update("Not validated yet. /validate runs `fivetran debug`.")
            summary.remove_class("pass", "fail")
            table.clear()
            return
        summary.update(report.run_pane(result))
        summary.set_class(result.verdict == "PASS", "pass")
        summary.set_class(result.verdict != "PASS", "fail")
        table.clear()
        for t in result.tables:
            table.add_row(t.name, str(t.rows), ", ".join(t.primary_key) or "-", str(len(t.columns)))

    def show_diff(self, diff: str) -> None:
        self.query_one("#code-diff", CodeView).show(diff or "(no changes)")
        self.query_one("#project-tabs", TabbedContent).active = "tab-diff"

    def on_list_view_selected(self, event: ListView.Selected) -> None:
        if isinstance(event.item, FindingItem):
            event.stop()
            finding = event.item.finding
            name = finding.file if finding.file in self.FILES else "connector.py"
            self.query_one("#project-tabs", TabbedContent).active = _tab_id(name)
            view = self.query_one(f"#code-{_tab_id(name)}", CodeView)
            view.jump(max(1, finding.line))
            view.focus()


def _tab_id(name: str) -> str:
    return "tab-" + name.replace(".", "-")


class StatusBar(Horizontal):
    """Model (context, speed, first token), index (chunks, SDK) and the open project."""

    model = reactive("model: loading…")
    index = reactive("index: …")
    project = reactive("project: none")
    activity = reactive("")

    def compose(self) -> ComposeResult:
        yield Static(id="status-model", markup=False)
        yield ProgressBar(id="status-progress", show_eta=False, show_percentage=False)
        yield Static(id="status-activity", markup=False)
        yield Static(id="status-index", markup=False)
        yield Static(id="status-project", markup=False)

    def watch_model(self, value: str) -> None:
        self.query_one("#status-model", Static).update(value)

    def watch_activity(self, value: str) -> None:
        widget = self.query_one("#status-activity", Static)
        widget.update(value)
        widget.display = bool(value)

    def watch_index(self, value: str) -> None:
        self.query_one("#status-index", Static).update(value)

    def watch_project(self, value: str) -> None:
        self.query_one("#status-project", Static).update(value)

    def show_progress(self, done: int | None = None, total: int | None = None) -> None:
        bar = self.query_one(ProgressBar)
        bar.display = True
        bar.update(total=total, progress=done or 0)

    def hide_progress(self) -> None:
        self.query_one(ProgressBar).display = False


def short_path(path: Path) -> str:
    """Relative to the working folder when inside it, else with ~ for home."""
    try:
        return str(path.relative_to(Path.cwd())) or "."
    except ValueError:
        pass
    try:
        return "~/" + str(path.relative_to(Path.home()))
    except ValueError:
        return str(path)
