"""Typed messages the app's workers post back to the UI thread: one class per outcome."""

from __future__ import annotations

from textual.message import Message

from assistant.answer.asker import Answer
from assistant.chat.workbench import IndexInfo, ModelStatus, ProjectView
from assistant.connector.discover import Pick
from assistant.connector.fix import Step
from assistant.connector.proposal import Proposal
from assistant.connector.validate import RunResult


class Done(Message):
    """A worker ended, however it ended: the app is free for the next command."""


class Failed(Message):
    def __init__(self, error: BaseException, worker: str) -> None:
        super().__init__()
        self.error, self.worker = error, worker


class Token(Message):
    def __init__(self, turn: int, text: str) -> None:
        super().__init__()
        self.turn, self.text = turn, text


class Progress(Message):
    def __init__(self, done: int | None, total: int | None) -> None:
        super().__init__()
        self.done, self.total = done, total


class AnswerReady(Message):
    def __init__(self, answer: Answer, turn: int) -> None:
        super().__init__()
        self.answer, self.turn = answer, turn


class ModelReady(Message):
    """The model loaded (`model`), or failed to (None)."""

    def __init__(self, model: ModelStatus | None) -> None:
        super().__init__()
        self.model = model


class IndexReady(Message):
    def __init__(self, info: IndexInfo) -> None:
        super().__init__()
        self.info = info


class Discovered(Message):
    def __init__(self, picks: list[Pick]) -> None:
        super().__init__()
        self.picks = picks


class ProposalReady(Message):
    """A generate, fix or revise proposal, to confirm before anything is written."""

    def __init__(self, proposal: Proposal, kind: str) -> None:
        super().__init__()
        self.proposal, self.kind = proposal, kind


class ProjectShown(Message):
    """The project as it is now (files and lint), without bringing its pane forward."""

    def __init__(self, view: ProjectView) -> None:
        super().__init__()
        self.view = view


class Generated(Message):
    def __init__(self, report: str, view: ProjectView) -> None:
        super().__init__()
        self.report, self.view = report, view


class RunFinished(Message):
    def __init__(self, result: RunResult) -> None:
        super().__init__()
        self.result = result


class RepairStep(Message):
    def __init__(self, step: Step) -> None:
        super().__init__()
        self.step = step


class Applied(Message):
    """A fix or a revision was written: the project now, its diff and (after a fix) the new run."""

    def __init__(self, view: ProjectView, diff: str, result: RunResult | None = None) -> None:
        super().__init__()
        self.view, self.diff, self.result = view, diff, result
