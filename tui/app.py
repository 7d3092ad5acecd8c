"""`assistant chat`: the Textual app. It adds no logic: thread workers call `assistant.session.Workbench`
and post Messages back; handlers only update widgets. Nothing here touches the model directly."""

from __future__ import annotations

import inspect
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Footer, Input, ListView, TabbedContent, TabPane, Tabs

from assistant import paths
from assistant.errors import AssistantError
from assistant.session import FixProposal, GenerateProposal, Workbench
from tui import commands
from tui.screens import ChunkScreen, ConfirmScreen, ErrorScreen
from tui.widgets import (
    AnswerBlock,
    ChatView,
    OpenSource,
    ProjectPane,
    SourceRef,
    SourcesPane,
    StatusBar,
    run_headline,
    short_path,
)

NARROW = 110  # columns below which the panes become tabs
INSTANT = ("/sources", "/export", "/help", "/clear", "/open")  # commands that never wait for a job
ACTIVITY = {"ask": "answering…", "generate": "generating…", "validate": "running fivetran debug…",
            "fix": "repairing a scratch copy…", "revise": "revising…", "discover": "comparing examples…"}
FLUSH_EVERY = 0.3  # seconds between redraws of a streaming answer
WELCOME = ("Ask about the Fivetran Connector SDK; answers cite the indexed docs and examples. "
           "`/generate` writes a connector, `/validate` runs it, `/help` lists every command. "
           "Esc stops an answer; Ctrl+Q quits and the chat is kept for `--resume`.")


class Done(Message):
    """A worker ended, however it ended: the app is free for the next command."""


class Failed(Message):
    def __init__(self, error: BaseException, worker: str) -> None:
        super().__init__()
        self.error, self.worker = error, worker


class Result(Message):
    """A worker's outcome: `kind` names the handler, `value` is what the Workbench returned."""

    def __init__(self, kind: str, value: Any, turn: int = 0) -> None:
        super().__init__()
        self.kind, self.value, self.turn = kind, value, turn


class Token(Message):
    def __init__(self, turn: int, text: str) -> None:
        super().__init__()
        self.turn, self.text = turn, text


class Progress(Message):
    def __init__(self, done: int | None, total: int | None) -> None:
        super().__init__()
        self.done, self.total = done, total


def explain(error: BaseException) -> tuple[str, str, str | None]:
    """Title, message and fix for the error modal; anything unexpected is logged, never shown raw."""
    if isinstance(error, AssistantError):
        return error.title, error.message, error.hint
    log = paths.ensure(paths.data_dir()) / "chat-errors.log"
    with log.open("a", encoding="utf-8") as handle:
        handle.write("".join(traceback.format_exception(type(error), error, error.__traceback__)) + "\n")
    return ("unexpected error", f"{type(error).__name__}: {error}",
            f"the chat is saved; the details are in {log} — please report them")


class ChatApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "csdk-assistant"
    COMMANDS = App.COMMANDS | {commands.SlashCommands}
    BINDINGS = [Binding("escape", "stop", "Stop"),
                *(Binding(c.key, f"command('{c.name}')", c.name.title(), show=c.name in
                          ("generate", "validate", "fix", "sources", "help")) for c in commands.COMMANDS)]

    def __init__(self, workbench: Workbench, *, resumed: bool = False) -> None:
        super().__init__()
        self.workbench = workbench
        self.resumed = resumed
        self.busy: str | None = None
        self.turn = 0
        self.answer_block: AnswerBlock | None = None
        self.queued = ""  # what was submitted while busy, run when the job ends
        self.stopped_block: AnswerBlock | None = None  # stopped with Esc, its citations still to come
        self.pending: list[str] = []  # streamed text not drawn yet
        self.flush_timer: Any = None
        self.stop_event = threading.Event()
        self._main: Any = None

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
        if self.workbench.project:
            self.status.project = f"project: {short_path(self.workbench.project)}"
            if (self.workbench.project / "connector.py").exists():
                self._spawn("open", lambda: self.post_message(Result("open", self.workbench.view())))
        if self.resumed:
            await self._replay()
        else:
            await self.chat.add_note(WELCOME)
        self._load_index()
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

    def show_side(self, pane: str) -> None:
        """Bring a pane into view: "chat", "sources" or "project". In narrow mode it fills the screen."""
        if pane != "chat":
            self.query_one("#side", TabbedContent).active = f"pane-{pane}"
        if self._main is not None and self._main.has_class("narrow"):
            self._main.set_class(pane != "chat", "show-side")
            tabs = self.query_one("#narrow-tabs", Tabs)
            tabs.active = tabs.query("Tab")[["chat", "sources", "project"].index(pane)].id or ""

    @property
    def status(self) -> StatusBar:
        return self.query_one(StatusBar)

    @property
    def chat(self) -> ChatView:
        return self.query_one("#chat", ChatView)

    @property
    def project_pane(self) -> ProjectPane:
        return self.query_one(ProjectPane)

    # --- workers ---------------------------------------------------------------------------------
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
                self.post_message(Failed(exc, name))
            finally:
                if exclusive:
                    self.post_message(Done())

        self.run_worker(guarded, name=name, group=name, thread=True, exit_on_error=False)
        return True

    def _busy_note(self) -> str:
        return f"busy with {self.busy}" + ("; Esc stops it" if self.busy in ("ask", "fix") else "")

    def _load_index(self) -> None:
        def job() -> None:
            self.post_message(Result("index", self.workbench.index_info()))

        self._spawn("index", job, exclusive=False)

    def _load_model(self) -> None:
        self.status.model = "model: loading…"
        self.status.show_progress()

        def job() -> None:
            try:
                def progress(done: int, total: int) -> None:
                    self.post_message(Progress(done, total))

                generator = self.workbench.generator(progress)
                self.post_message(Result("model", generator))
            except BaseException:
                self.post_message(Result("model", None))
                raise

        self._spawn("model", job, exclusive=False)

    async def on_done(self, message: Done) -> None:
        self.busy = None
        self.status.activity = ""
        if self.queued:
            text, self.queued = self.queued, ""
            await self._submit(text)

    def on_failed(self, message: Failed) -> None:
        title, text, fix = explain(message.error)
        if message.worker == "ask" and self.answer_block is not None:
            self.answer_block.finish(self.answer_block.text + f"\n\n*({title}: {text})*", [])
            self.answer_block = None
        self.push_screen(ErrorScreen(title, text, fix))

    def on_progress(self, message: Progress) -> None:
        self.status.show_progress(message.done, message.total)
        if message.total:
            self.status.model = "model: assembling from its packages…"

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

    # --- the commands ----------------------------------------------------------------------------
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
            self.post_message(Token(turn, text))

        def job() -> None:
            answer = self.workbench.ask(question, on_text=emit, should_stop=stop.is_set)
            self.post_message(Result("answer", answer, turn))

        self._spawn("ask", job)

    def on_token(self, message: Token) -> None:
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

    async def on_result(self, message: Result) -> None:
        outcome = getattr(self, f"got_{message.kind}")(message.value, message.turn)
        if inspect.isawaitable(outcome):
            await outcome

    def got_answer(self, answer: Any, turn: int) -> None:
        self.pending = []  # finish() draws the final text
        cited = set(answer.cited)
        sources = [SourceRef.from_block(b, cited) for b in answer.blocks]
        block = self.answer_block if turn == self.turn and self.answer_block else self.stopped_block
        if block is not None and block.is_attached:  # stopped with Esc: the text is final, citations count
            block.finish(answer.text, sources, stopped=answer.stopped or block is self.stopped_block)
            self.chat.scroll_end(animate=False)
        self.answer_block = self.stopped_block = None
        self.query_one(SourcesPane).show(sources)
        t = answer.timings
        n_ctx = getattr(self.workbench.generator(), "n_ctx", 0)
        self.status.model = (f"{answer.model} · ctx {n_ctx} · " + (
            f"{t.tok_per_s:.1f} tok/s · first token {t.ttft_ms / 1000:.1f} s" if t.tok_per_s else "stopped"))

    def got_model(self, generator: Any, turn: int) -> None:
        self.status.hide_progress()
        self.status.model = (f"{generator.name} · ctx {generator.n_ctx} · ready" if generator
                             else "model: not loaded")

    def got_index(self, info: Any, turn: int) -> None:
        self.status.index = f"index: {info.chunks:,} chunks · SDK {info.sdk_version or 'n/a'}"

    def on_open_source(self, message: OpenSource) -> None:
        s = message.source

        def back_to_input(_: None) -> None:
            self.query_one("#prompt", Input).focus()

        self.push_screen(ChunkScreen(f"[{s.n}] {s.location} ({s.kind})", s.text, s.lexer, s.start_line, s.focus),
                         back_to_input)

    def on_key(self, event: events.Key) -> None:
        """Typing anywhere on the main screen types into the input: nothing typed is lost."""
        prompt = self.query_one("#prompt", Input)
        if event.is_printable and event.character and self.screen is self._main and self.focused is not prompt:
            self.show_side("chat")
            prompt.focus()
            prompt.insert_text_at_cursor(event.character)
            event.stop()

    async def cmd_discover(self, text: str) -> None:
        def job() -> None:
            self.post_message(Result("discover", self.workbench.discover(text)))

        self._spawn("discover", job)

    async def got_discover(self, picks: list[Any], turn: int) -> None:
        lines = [f"- **{p.example}** ({p.kind}): {p.why} — `{p.source}`" for p in picks] or ["No close example."]
        await self._note("Closest examples and patterns:\n\n" + "\n".join(lines))

    async def _note(self, text: str) -> None:
        self.workbench.note(text)
        await self.chat.add_note(text)

    async def cmd_generate(self, text: str) -> None:
        def job() -> None:
            self.post_message(Result("generate_proposal", self.workbench.propose_generate(text)))

        self._spawn("generate", job)

    def got_generate_proposal(self, proposal: GenerateProposal, turn: int) -> None:
        spec = proposal.draft.spec
        replaces = (", ".join(proposal.replaces) + " (a .bak of each is kept)" if proposal.replaces
                    else "nothing; all files are new")
        body = (f"Target folder: {proposal.out}\n"
                f"Replaces: {replaces}\n"
                f"Files: {', '.join(proposal.draft.files)}\n"
                f"Source: {spec.source_type}, auth {spec.auth.kind}, pagination {spec.pagination.kind}, "
                f"tables {', '.join(t.name for t in spec.tables)}")

        def answer(yes: bool | None) -> None:
            if not yes:
                self.call_later(self._note, "Nothing written.")
                return
            self._spawn("generate", lambda: self.post_message(
                Result("generated", self.workbench.apply_generate(proposal))))

        self.push_screen(ConfirmScreen("Write this connector project?", body), answer)

    async def got_generated(self, value: Any, turn: int) -> None:
        from assistant.generate import markdown

        report, view = value
        self._show_project(view)
        await self._note(markdown(report))

    def _show_project(self, view: Any, *, reveal: bool = True) -> None:
        self.project_pane.show_project(view)
        self.status.project = f"project: {short_path(view.folder)}"
        if reveal:
            self._reveal("project")

    def _reveal(self, pane: str) -> None:
        """Bring a pane forward after a command, unless that would hide the input (narrow mode)."""
        if self._main is not None and self._main.has_class("narrow"):
            self.query_one("#side", TabbedContent).active = f"pane-{pane}"
            self.notify(f"updated: the {pane.title()} tab")
        else:
            self.show_side(pane)

    async def cmd_open(self, folder: str) -> None:
        view = self.workbench.open_project(Path(folder))
        self._show_project(view)
        if "connector.py" in view.files:
            state = "."
        elif view.folder.exists():
            state = " (no connector.py yet; /generate writes here)."
        else:
            state = " (the folder does not exist yet; /generate creates it)."
        await self._note(f"Opened `{view.folder}`{state}")

    def got_open(self, view: Any, turn: int) -> None:
        self._show_project(view, reveal=False)

    async def cmd_validate(self, config: str) -> None:
        self._confirm_run(Path(config) if config else None, then=self._validate)

    def _confirm_run(self, config: Path | None, then: Callable[[Path | None], None]) -> None:
        path, values = self.workbench.config_preview(config)
        lines = "\n".join(f"  {k}: {v}" for k, v in values.items()) or "  (empty)"
        body = (f"This runs {self.workbench.project}/connector.py with `fivetran debug` on this machine.\n"
                f"Configuration {path} (secrets masked):\n{lines}")

        def answer(yes: bool | None) -> None:
            if yes:
                then(config)
            else:
                self.call_later(self._note, "Not run.")

        self.push_screen(ConfirmScreen("Run the connector?", body), answer)

    def _validate(self, config: Path | None) -> None:
        def job() -> None:
            result = self.workbench.validate(config)
            self.post_message(Result("open", self.workbench.view()))  # lint and files as they are now
            self.post_message(Result("validated", result))

        self._spawn("validate", job)
        self.notify("running fivetran debug…")

    async def got_validated(self, result: Any, turn: int) -> None:
        result.reason = result.reason.replace("pass --config FILE", "use /validate FILE")
        self.status.project = f"project: {short_path(self.workbench.project)}" if self.workbench.project else ""
        self.project_pane.show_run(result)
        self.project_pane.query_one("#project-tabs", TabbedContent).active = "tab-run"
        self._reveal("project")
        await self._note(_run_summary(result))
        if result.timed_out:
            self.push_screen(ErrorScreen("validation timed out", result.reason,
                                         "check that the source answers, or raise ASSISTANT_VALIDATE_TIMEOUT "
                                         f"(now {self.workbench.cfg.validate_timeout:.0f} s)"))

    async def cmd_fix(self, _: str) -> None:
        project = self.workbench.project
        if project is not None and project not in self.workbench.configs:
            self._confirm_run(None, then=lambda config: self._fix())
            return
        self._fix()

    def _fix(self) -> None:
        if self.workbench.project is None:
            self.workbench.config_preview()  # raises the "no project" error

        def step(done: Any) -> None:
            self.post_message(Result("fix_step", done))

        self.stop_event = stop = threading.Event()
        self._spawn("fix", lambda: self.post_message(Result("fix_proposal", self.workbench.propose_fix(
            on_step=step, should_stop=stop.is_set))))

    async def got_fix_step(self, step: Any, turn: int) -> None:
        self.status.activity = f"repairing: attempt {step.attempt} ({step.how})…"
        await self.chat.add_note(f"attempt {step.attempt} ({step.how}, in a scratch copy): {step.summary}")

    async def got_fix_proposal(self, proposal: FixProposal, turn: int) -> None:
        if proposal.result is not None and not proposal.fixed:
            self.project_pane.show_run(proposal.result)  # the latest failure, from the scratch copy
        if not proposal.files:
            await self._note("Nothing to fix: the project passes." if proposal.fixed
                             else f"NOT FIXED: {proposal.stopped_because}")
            return
        steps = "\n".join(f"- {s.how}: {s.summary}" for s in proposal.steps)
        verdict = ("In a scratch copy it then passed `fivetran debug`." if proposal.fixed
                   else f"Not fixed yet ({proposal.stopped_because}); these are the changes made so far.")

        def answer(yes: bool | None) -> None:
            if not yes:
                self.call_later(self._note, "Repair not applied.")
                return
            self._spawn("fix", lambda: self.post_message(Result("fixed", (*self.workbench.apply_fix(proposal),
                                                                          proposal.diff))))

        title = "Apply this repair?" if proposal.fixed else "Apply these partial changes anyway?"
        self.push_screen(ConfirmScreen(title, f"{steps}\n{verdict}", code=proposal.diff), answer)

    async def got_fixed(self, value: Any, turn: int) -> None:
        result, view, diff = value
        self._show_project(view)
        self.project_pane.show_run(result)
        self.project_pane.show_diff(diff)
        await self._note("Repair applied (a .bak of each changed file is kept). " + _run_summary(result))

    async def cmd_revise(self, request: str) -> None:
        def job() -> None:
            self.post_message(Result("revision", self.workbench.propose_revision(request)))

        self._spawn("revise", job)

    async def got_revision(self, revision: Any, turn: int) -> None:
        if not revision.files:
            await self._note("That request changes nothing.")
            return
        body = "\n".join([*(f"change: {c}" for c in revision.changes), *(f"WARNING: {w}" for w in revision.warnings)])

        def answer(yes: bool | None) -> None:
            if not yes:
                self.call_later(self._note, "Revision not applied.")
                return
            self._spawn("revise", lambda: self.post_message(
                Result("revised", (self.workbench.apply_revision(revision), revision.diff))))

        self.push_screen(ConfirmScreen("Apply this revision?", body, code=revision.diff), answer)

    async def got_revised(self, value: Any, turn: int) -> None:
        view, diff = value
        self._show_project(view)
        self.project_pane.show_diff(diff)
        errors = sum(f.severity == "error" for f in view.findings)
        await self._note(f"Revision written; lint {'PASS' if not errors else 'FAIL'} ({errors} error(s)). "
                         "/validate runs it.")

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
        path = self.workbench.chat.export(Path(target).expanduser() if target else None)
        await self._note(f"Conversation saved to `{path}`.")

    async def cmd_clear(self, _: str) -> None:
        if self.busy == "ask":
            self.action_stop()
        self.stopped_block = None
        self.workbench.clear()
        await self.chat.remove_children()
        self.query_one(SourcesPane).show([])
        await self.chat.add_note(f"New chat {self.workbench.chat.id}; the previous one is kept "
                                 "(`assistant chat --list`).")

    async def cmd_help(self, _: str) -> None:
        await self.chat.add_note(commands.help_text())

    # --- resume ----------------------------------------------------------------------------------
    async def _replay(self) -> None:
        for turn in self.workbench.chat.turns:
            if turn.role in ("user", "command"):
                await self.chat.add_user(turn.text)
            elif turn.role == "assistant":
                block = await self.chat.add_answer()
                block.finish(turn.text, [SourceRef.from_saved(s) for s in turn.sources], stopped=turn.stopped)
            else:
                await self.chat.add_note(turn.text)
        await self.chat.add_note(f"Resumed chat {self.workbench.chat.id}.")
        self.call_after_refresh(self.chat.scroll_end, animate=False)


def _run_summary(result: Any) -> str:
    verdict, rest = run_headline(result).split(" ", 1)
    head = f"**{verdict}** {rest}"
    errors = [f"`{f.rule}` {f.file}:{f.line} {f.message}" for f in result.findings if f.severity == "error"]
    if errors:
        head += "\n\n" + "\n".join(f"- {e}" for e in errors[:8])
    rows = [f"- `{t.name}`: {t.rows} rows" for t in result.tables]
    ops = ", ".join(f"{k} {v}" for k, v in result.operations.items())
    return "\n\n".join([head, *([f"operations: {ops}"] if ops else []), "\n".join(rows)]).strip()


def make_app(cfg: Any, *, load_generator: Callable[[Any, Any], Any], resume: str | None = None,
             project: Path | None = None, k: int = 4) -> ChatApp:
    """The one way to build the app: the CLI and the tests both come through here."""
    from assistant import history

    chat = history.load(resume or None) if resume is not None else history.ChatSession.new()
    workbench = Workbench(cfg, load_generator, chat=chat, k=k)
    folder = project or (Path(chat.project) if chat.project else None)
    if folder is not None:
        workbench.open_project(folder)
    return ChatApp(workbench, resumed=resume is not None)
