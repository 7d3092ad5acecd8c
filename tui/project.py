"""The project commands of the chat app: /discover, /generate, /open, /validate, /fix and /revise.

Each starts a worker that calls the Workbench and posts a typed message back; the handlers here
only update widgets and ask for confirmation before anything is written.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from textual.widgets import TabbedContent

from assistant.chat.workbench import ProjectView
from assistant.connector import report
from assistant.connector.fix import Step
from assistant.connector.proposal import Proposal
from tui import messages as msg
from tui.base import WorkerApp
from tui.screens import ConfirmScreen, ErrorScreen
from tui.widgets import short_path


class ProjectCommands(WorkerApp):
    async def cmd_discover(self, text: str) -> None:
        self._spawn("discover", lambda: self.post_message(msg.Discovered(self.workbench.discover(text))))

    async def on_discovered(self, message: msg.Discovered) -> None:
        lines = [f"- **{p.example}** ({p.kind}): {p.why} — `{p.source}`" for p in message.picks]
        await self._note("Closest examples and patterns:\n\n" + "\n".join(lines or ["No close example."]))

    async def cmd_generate(self, text: str) -> None:
        self._spawn("generate", lambda: self.post_message(
            msg.ProposalReady(self.workbench.propose_generate(text), "generate")))

    async def on_proposal_ready(self, message: msg.ProposalReady) -> None:
        confirm = {"generate": self._confirm_generate, "fix": self._confirm_fix, "revise": self._confirm_revision}
        await confirm[message.kind](message.proposal)

    async def _confirm_generate(self, change: Proposal) -> None:
        assert change.draft is not None
        spec = change.draft.spec
        replaces = (", ".join(change.replaces) + " (a .bak of each is kept)" if change.replaces
                    else "nothing; all files are new")
        body = (f"Target folder: {change.project}\nReplaces: {replaces}\nFiles: {', '.join(change.files)}\n"
                f"Source: {spec.source_type}, auth {spec.auth.kind}, pagination {spec.pagination()}, "
                f"tables {', '.join(t.name for t in spec.tables)}")

        def answer(yes: bool | None) -> None:
            if not yes:
                self.call_later(self._note, "Nothing written.")
                return
            self._spawn("generate", lambda: self.post_message(msg.Generated(*self.workbench.apply_generate(change))))

        self.push_screen(ConfirmScreen("Write this connector project?", body), answer)

    async def on_generated(self, message: msg.Generated) -> None:
        self._show_project(message.view)
        await self._note(message.report)

    def _show_project(self, view: ProjectView, *, reveal: bool = True) -> None:
        self.project_pane.show_project(view)
        self.status.project = f"project: {short_path(view.folder)}"
        if reveal:
            self._reveal("project")

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

    def on_project_shown(self, message: msg.ProjectShown) -> None:
        self._show_project(message.view, reveal=False)

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
            self.post_message(msg.ProjectShown(self.workbench.view()))  # lint and files as they are now
            self.post_message(msg.RunFinished(result))

        self._spawn("validate", job)
        self.notify("running fivetran debug…")

    async def on_run_finished(self, message: msg.RunFinished) -> None:
        result = message.result
        result.reason = result.reason.replace("pass --config FILE", "use /validate FILE")
        self.status.project = f"project: {short_path(self.workbench.project)}" if self.workbench.project else ""
        self.project_pane.show_run(result)
        self.project_pane.query_one("#project-tabs", TabbedContent).active = "tab-run"
        self._reveal("project")
        await self._note(report.run_markdown(result))
        if result.timed_out:
            self.push_screen(ErrorScreen("validation timed out", result.reason,
                                         "check that the source answers, or raise ASSISTANT_VALIDATE_TIMEOUT "
                                         f"(now {self.workbench.validate_timeout:.0f} s)"))

    async def cmd_fix(self, _: str) -> None:
        if self.workbench.project is not None and not self.workbench.has_run_config():
            self._confirm_run(None, then=lambda config: self._fix())
            return
        self._fix()

    def _fix(self) -> None:
        if self.workbench.project is None:
            self.workbench.config_preview()  # raises the "no project" error

        def step(done: Step) -> None:
            self.post_message(msg.RepairStep(done))

        self.stop_event = stop = threading.Event()
        self._spawn("fix", lambda: self.post_message(msg.ProposalReady(self.workbench.propose_fix(
            on_step=step, should_stop=stop.is_set), "fix")))

    async def on_repair_step(self, message: msg.RepairStep) -> None:
        step = message.step
        self.status.activity = f"repairing: attempt {step.attempt} ({step.how})…"
        await self.chat.add_note(f"attempt {step.attempt} ({step.how}, in a scratch copy): {step.summary}")

    async def _confirm_fix(self, change: Proposal) -> None:
        if change.run is not None and not change.fixed:
            self.project_pane.show_run(change.run)  # the latest failure, from the scratch copy
        stopped = change.warnings[0] if change.warnings else ""
        if not change.files:
            await self._note("Nothing to fix: the project passes." if change.fixed else f"NOT FIXED: {stopped}")
            return
        steps = "\n".join(f"- {note}" for note in change.notes)
        verdict = ("In a scratch copy it then passed `fivetran debug`." if change.fixed
                   else f"Not fixed yet ({stopped}); these are the changes made so far.")

        def answer(yes: bool | None) -> None:
            if not yes:
                self.call_later(self._note, "Repair not applied.")
                return

            def job() -> None:
                result, view = self.workbench.apply_fix(change)
                self.post_message(msg.Applied(view, change.diff, result))

            self._spawn("fix", job)

        title = "Apply this repair?" if change.fixed else "Apply these partial changes anyway?"
        self.push_screen(ConfirmScreen(title, f"{steps}\n{verdict}", code=change.diff), answer)

    async def cmd_revise(self, request: str) -> None:
        self._spawn("revise", lambda: self.post_message(
            msg.ProposalReady(self.workbench.propose_revision(request), "revise")))

    async def _confirm_revision(self, change: Proposal) -> None:
        if not change.files:
            await self._note("That request changes nothing.")
            return
        body = "\n".join([*(f"change: {c}" for c in change.notes), *(f"WARNING: {w}" for w in change.warnings)])

        def answer(yes: bool | None) -> None:
            if not yes:
                self.call_later(self._note, "Revision not applied.")
                return
            self._spawn("revise", lambda: self.post_message(
                msg.Applied(self.workbench.apply_revision(change), change.diff)))

        self.push_screen(ConfirmScreen("Apply this revision?", body, code=change.diff), answer)

    async def on_applied(self, message: msg.Applied) -> None:
        self._show_project(message.view)
        if message.result is not None:  # a repair: the project ran again
            self.project_pane.show_run(message.result)
            self.project_pane.show_diff(message.diff)
            await self._note("Repair applied (a .bak of each changed file is kept). "
                             + report.run_markdown(message.result))
            return
        self.project_pane.show_diff(message.diff)
        await self._note(f"Revision written; lint {report.lint_verdict(message.view.findings)}. /validate runs it.")
