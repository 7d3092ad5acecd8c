"""`assistant chat`: the Textual app. It adds no logic: thread workers call the Workbench and post
typed messages back; handlers only update widgets. Nothing here touches the model directly."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Input, ListView, TabbedContent, TabPane, Tabs

from assistant.answer.passages import Cited
from assistant.chat.workbench import Workbench
from assistant.services import Services
from core.errors import AssistantError
from tui import commands
from tui import messages as msg
from tui.base import explain
from tui.project import ProjectCommands
from tui.screens import ChunkScreen, ErrorScreen
from tui.widgets import (
    AnswerBlock,
    ChatView,
    OpenSource,
    ProjectPane,
    SourcesPane,
    StatusBar,
    lexer_of,
    short_path,
)

NARROW = 110  # columns below which the panes become tabs
INSTANT = ("/sources", "/export", "/help", "/clear", "/open")  # commands that never wait for a job
FLUSH_EVERY = 0.3  # seconds between redraws of a streaming answer
WELCOME = ("Ask about the Fivetran Connector SDK; answers cite the indexed docs and examples. "
           "`/generate` writes a connector, `/validate` runs it, `/help` lists every command. "
           "Esc stops an answer; Ctrl+Q quits and the chat is kept for `--resume`.")


class ChatApp(ProjectCommands):
    CSS_PATH = "app.tcss"
    TITLE = "csdk-assistant"
    COMMANDS = ProjectCommands.COMMANDS | {commands.SlashCommands}
    BINDINGS = [Binding("escape", "stop", "Stop"),
                *(Binding(c.key, f"command('{c.name}')", c.name.title(), show=c.name in
                          ("generate", "validate", "fix", "sources", "help")) for c in commands.COMMANDS)]

    def __init__(self, workbench: Workbench, *, resumed: bool = False) -> None:
        super().__init__(workbench)
        self.resumed = resumed
        self.turn = 0
        self.answer_block: AnswerBlock | None = None
        self.queued = ""  # what was submitted while busy, run when the job ends
        self.stopped_block: AnswerBlock | None = None  # stopped with Esc, its citations still to come
        self.pending: list[str] = []  # streamed text not drawn yet
        self.flush_timer: Any = None

    # --- layout ----------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Tabs("Chat", "Sources", "Project", id="narrow-tabs")
        with Horizontal(id="main"):
            with Vertical(id="chat-pane"):
                yield ChatView(id="chat")
                yield Input(placeholder="Ask about the Connector SDK, or type /help", id="prompt",
                            select_on_focus=False)
            with TabbedContent(id="side"):
                with TabPane("Sources", id="pane-sources"):
                    yield SourcesPane()
                with TabPane("Project", id="pane-project"):
                    yield ProjectPane()
        yield StatusBar()
        yield Footer()

    async def on_mount(self) -> None:
        self._main = self.screen
        self.query_one("#prompt", Input).focus()
        self._narrow(self.size.width < NARROW)
        project = self.workbench.project
        if project:
            self.status.project = f"project: {short_path(project)}"
            if (project / "connector.py").exists():
                self._spawn("open", lambda: self.post_message(msg.ProjectShown(self.workbench.view())))
        if self.resumed:
            await self._replay()
        else:
            await self.chat.add_note(WELCOME)
        self._spawn("index", lambda: self.post_message(msg.IndexReady(self.workbench.index_info())), exclusive=False)
        self._load_model()

    def on_resize(self, event: events.Resize) -> None:
        self._narrow(event.size.width < NARROW)
        self.call_after_refresh(self.chat.scroll_end, animate=False)

    def _narrow(self, narrow: bool) -> None:
        if self._main is not None:
            self._main.set_class(narrow, "narrow")

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        if event.tabs.id != "narrow-tabs":
            return
        label = str(event.tab.label)
        self._main.set_class(label != "Chat", "show-side")
        if label != "Chat":
            self.query_one("#side", TabbedContent).active = f"pane-{label.lower()}"
        else:
            self.call_after_refresh(self.chat.scroll_end, animate=False)

    # --- workers' outcomes -----------------------------------------------------------------------
    def _load_model(self) -> None:
        self.status.model = "model: loading…"
        self.status.show_progress()

        def job() -> None:
            try:
                self.post_message(msg.ModelReady(self.workbench.load_model(
                    lambda done, total: self.post_message(msg.Progress(done, total)))))
            except BaseException:
                self.post_message(msg.ModelReady(None))
                raise

        self._spawn("model", job, exclusive=False)

    async def on_done(self, message: msg.Done) -> None:
        self.busy = None
        self.status.activity = ""
        if self.queued:
            text, self.queued = self.queued, ""
            await self._submit(text)

    def on_failed(self, message: msg.Failed) -> None:
        title, text, fix = explain(message.error)
        if message.worker == "ask" and self.answer_block is not None:
            self.answer_block.finish(self.answer_block.text + f"\n\n*({title}: {text})*", [])
            self.answer_block = None
        self.push_screen(ErrorScreen(title, text, fix))

    def on_progress(self, message: msg.Progress) -> None:
        self.status.show_progress(message.done, message.total)
        if message.total:
            self.status.model = "model: assembling from its packages…"

    def on_model_ready(self, message: msg.ModelReady) -> None:
        self.status.hide_progress()
        model = message.model
        self.status.model = f"{model.name} · ctx {model.n_ctx} · ready" if model else "model: not loaded"

    def on_index_ready(self, message: msg.IndexReady) -> None:
        info = message.info
        self.status.index = f"index: {info.chunks:,} chunks · SDK {info.sdk_version or 'n/a'}"

    # --- input and commands ----------------------------------------------------------------------
    async def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        event.input.value = ""
        if not text:
            return
        if self.busy and not text.startswith(INSTANT):
            self.queued = text  # one submission waits for the running job; a second replaces it
            self.notify(f"queued until {self.busy} finishes: {text[:40]}"
                        + ("; Esc stops it" if self.busy in ("ask", "fix") else ""))
            return
        await self._submit(text)

    async def _submit(self, text: str) -> None:
        try:
            command, arg = commands.parse(text)
        except AssistantError as exc:
            self.push_screen(ErrorScreen(exc.title, exc.message, exc.hint))
            return
        await self.run_command(command.name, arg)

    def start_command(self, name: str) -> None:
        """From a key or the palette: run it, or put `/name ` in the input when it needs text."""
        command = commands.BY_NAME[name]
        prompt = self.query_one("#prompt", Input)
        if command.needs_text:
            self.show_side("chat")
            draft = prompt.value.strip()
            if draft.startswith("/"):  # another command's text: keep what follows its name
                draft = draft.partition(" ")[2].strip()
            prompt.value = draft if name == "ask" else f"/{name} {draft}"
            prompt.cursor_position = len(prompt.value)
            prompt.focus()
            return
        self.call_later(self.run_command, name, "")

    def action_command(self, name: str) -> None:
        self.start_command(name)

    async def run_command(self, name: str, arg: str) -> None:
        handler = getattr(self, f"cmd_{name}")
        if name not in ("ask", "help", "clear", "sources"):
            typed = f"/{name} {arg}".strip()
            self.workbench.command(typed)
            await self.chat.add_user(typed)
        try:
            await handler(arg)
        except AssistantError as exc:
            self.push_screen(ErrorScreen(exc.title, exc.message, exc.hint))

    def action_stop(self) -> None:
        """Esc: the answer stops now (the worker at its next token); a repair stops before its next step."""
        if self.busy == "fix":
            self.stop_event.set()
            self.status.activity = "stopping the repair after this step…"
            return
        if self.busy != "ask" or self.answer_block is None:
            return
        self.stop_event.set()
        self._draw_pending()
        self.answer_block.finish(self.answer_block.text, [], stopped=True)
        self.stopped_block, self.answer_block = self.answer_block, None
        self.notify("stopped")

    def on_key(self, event: events.Key) -> None:
        """Typing anywhere on the main screen types into the input: nothing typed is lost."""
        prompt = self.query_one("#prompt", Input)
        if event.is_printable and event.character and self.screen is self._main and self.focused is not prompt:
            self.show_side("chat")
            prompt.focus()
            prompt.insert_text_at_cursor(event.character)
            event.stop()

    # --- answers ---------------------------------------------------------------------------------
    async def cmd_ask(self, question: str) -> None:
        if self.busy:
            self.notify(self._busy_note(), severity="warning")
            return
        await self.chat.add_user(question)
        block = await self.chat.add_answer()
        self.turn += 1
        turn, self.answer_block, self.stop_event = self.turn, block, threading.Event()
        stop = self.stop_event

        def emit(text: str) -> None:
            self.post_message(msg.Token(turn, text))

        def job() -> None:
            answer = self.workbench.ask(question, on_text=emit, should_stop=stop.is_set)
            self.post_message(msg.AnswerReady(answer, turn))

        self._spawn("ask", job)

    def on_token(self, message: msg.Token) -> None:
        """Tokens are gathered and drawn at most FLUSH_EVERY apart: re-rendering the Markdown for each
        token took a third of the generation speed on 2 cores; every 0.3 s costs none (bench/chat_bench.py)."""
        if self.answer_block is not None and message.turn == self.turn:
            self.pending.append(message.text)
            if self.flush_timer is None:
                self.flush_timer = self.set_timer(FLUSH_EVERY, self._draw_pending)

    def _draw_pending(self) -> None:
        self.flush_timer = None
        text, self.pending = "".join(self.pending), []
        if text and self.answer_block is not None:
            self.answer_block.append(text)

    def on_answer_ready(self, message: msg.AnswerReady) -> None:
        answer, turn = message.answer, message.turn
        self.pending = []  # finish() draws the final text
        sources = answer.citations()
        block = self.answer_block if turn == self.turn and self.answer_block else self.stopped_block
        if block is not None and block.is_attached:  # stopped with Esc: the text is final, citations count
            block.finish(answer.text, sources, stopped=answer.stopped or block is self.stopped_block)
            self.chat.scroll_end(animate=False)
        self.answer_block = self.stopped_block = None
        self.query_one(SourcesPane).show(sources)
        t = answer.timings
        self.status.model = (f"{answer.model} · ctx {self.workbench.n_ctx} · " + (
            f"{t.tok_per_s:.1f} tok/s · first token {t.ttft_ms / 1000:.1f} s" if t.tok_per_s else "stopped"))

    def on_open_source(self, message: OpenSource) -> None:
        s: Cited = message.cited

        def back_to_input(_: None) -> None:
            self.query_one("#prompt", Input).focus()

        self.push_screen(ChunkScreen(f"[{s.n}] {s.source.location} ({s.source.kind})", s.text, lexer_of(s),
                                     s.first_line, (s.source.start_line, s.source.end_line) if s.text else (0, 0)),
                         back_to_input)

    # --- instant commands ------------------------------------------------------------------------
    async def cmd_model(self, name: str) -> None:
        if self.busy:
            self.notify(f"busy with {self.busy}", severity="warning")
            return
        self.workbench.use_model(name)
        self._load_model()
        await self._note(f"Answers now come from `{name}` (loading).")

    async def cmd_sources(self, _: str) -> None:
        self.show_side("sources")
        listing = self.query_one("#sources-list", ListView)
        if listing.index is None and listing.children:
            listing.index = 0
        listing.focus()

    async def cmd_export(self, target: str) -> None:
        path = self.workbench.export(Path(target).expanduser() if target else None)
        await self._note(f"Conversation saved to `{path}`.")

    async def cmd_clear(self, _: str) -> None:
        if self.busy == "ask":
            self.action_stop()
        self.stopped_block = None
        self.workbench.clear()
        await self.chat.remove_children()
        self.query_one(SourcesPane).show([])
        await self.chat.add_note(f"New chat {self.workbench.chat_id}; the previous one is kept "
                                 "(`assistant chat --list`).")

    async def cmd_help(self, _: str) -> None:
        await self.chat.add_note(commands.help_text())

    # --- resume ----------------------------------------------------------------------------------
    async def _replay(self) -> None:
        for turn in self.workbench.turns:
            if turn.role in ("user", "command"):
                await self.chat.add_user(turn.text)
            elif turn.role == "assistant":
                block = await self.chat.add_answer()
                block.finish(turn.text, [Cited.from_json(s) for s in turn.sources], stopped=turn.stopped)
            else:
                await self.chat.add_note(turn.text)
        await self.chat.add_note(f"Resumed chat {self.workbench.chat_id}.")
        self.call_after_refresh(self.chat.scroll_end, animate=False)


def make_app(services: Services, *, resume: str | None = None, project: Path | None = None) -> ChatApp:
    """The one way to build the app: the CLI and the tests both come through here. `resume` is a
    saved chat's id ("" for the newest); None starts a new chat."""
    return ChatApp(Workbench.start(services, resume=resume, project=project), resumed=resume is not None)
