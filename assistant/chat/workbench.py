"""A working session without any UI: what `assistant chat` does, callable from threads.

The chat app's workers call these methods and nothing else. The model, the retriever and the SDK
facts come from `Services`, built on first use, so the app can paint before the model is ready.
Every change to a project is a Proposal first (files and diff), written only by `apply_*`.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from assistant.answer.asker import Answer
from assistant.answer.followup import is_follow_up, names_no_topic
from assistant.answer.passages import gather
from assistant.chat import history
from assistant.chat.history import ChatSession, Turn
from assistant.connector import extract, generate, lint, proposal, revise, writer
from assistant.connector.discover import Pick, discover
from assistant.connector.fix import Step
from assistant.connector.proposal import Proposal
from assistant.connector.validate import RunResult, read_configuration
from assistant.services import Progress, Services
from core.errors import NoProjectError, UsageError
from core.secrets import MASK, secret_values


@dataclass
class ProjectView:
    folder: Path
    files: dict[str, str]
    findings: list[lint.Finding]


@dataclass
class IndexInfo:
    chunks: int
    sdk_version: str


@dataclass
class ModelStatus:
    name: str
    n_ctx: int


@dataclass
class Workbench:
    services: Services
    chat: ChatSession = field(default_factory=ChatSession.new)
    k: int = 0  # passages per answer; 0 means the `passages` setting
    last_answer: Answer | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)  # one generation at a time

    def __post_init__(self) -> None:
        """A resumed chat names the configuration files it used: read them again, so their secrets
        stay masked (and /validate and /fix use the same file)."""
        self.k = self.k or self.services.cfg.passages
        for config in self.chat.configs.values():
            self.remember_secrets(Path(config))

    @classmethod
    def start(cls, services: Services, *, resume: str | None = None, project: Path | None = None) -> Workbench:
        """A new chat, or a saved one (`resume`: its id, "" for the newest), with its project open."""
        chat = history.load(resume or None) if resume is not None else ChatSession.new()
        bench = cls(services, chat=chat)
        folder = project or (Path(chat.project) if chat.project else None)
        if folder is not None:
            bench.open_project(folder)
        return bench

    # --- what the app shows ----------------------------------------------------------------------
    @property
    def project(self) -> Path | None:
        """The open project folder; the chat records it, so --resume reopens it."""
        return Path(self.chat.project) if self.chat.project else None

    @project.setter
    def project(self, folder: Path) -> None:
        self.chat.project = str(folder)

    @property
    def configs(self) -> dict[Path, Path]:
        """The configuration file last used per project, as the chat records it."""
        return {Path(p): Path(c) for p, c in self.chat.configs.items()}

    @property
    def turns(self) -> list[Turn]:
        return self.chat.turns

    @property
    def chat_id(self) -> str:
        return self.chat.id

    @property
    def n_ctx(self) -> int:
        """The loaded model's context size (0 while it loads); never loads it."""
        return self.services.n_ctx

    @property
    def validate_timeout(self) -> float:
        return self.services.cfg.validate_timeout

    # --- model and index -------------------------------------------------------------------------
    def load_model(self, progress: Progress | None = None) -> ModelStatus:
        """Load the model (and warm its system prompt) if it is not loaded yet."""
        generator = self.services.generator(progress)
        return ModelStatus(generator.name, generator.n_ctx)

    def use_model(self, name: str) -> None:
        """Switch models: the next question loads NAME."""
        self.services.use_model(name)

    def index_info(self) -> IndexInfo:
        meta = self.services.retriever().meta
        return IndexInfo(meta.chunk_count, meta.sdk_version or "")

    # --- answers ---------------------------------------------------------------------------------
    def ask(self, question: str, *, on_text: Callable[[str], None] | None = None,
            should_stop: Callable[[], bool] | None = None) -> Answer:
        """Answer; a follow-up also gets the earlier turns as memory and retrieves with the question
        before it. The turn is saved (masked) to the chat that was current when it was asked."""
        if not question.strip():
            raise UsageError("the question is empty")
        chat = self.chat  # /clear during the answer must not move it into the fresh chat
        asker = self.services.asker()
        pairs = chat.pairs() if is_follow_up(question) and self.services.memory(asker.generator.name) else []
        query = f"{pairs[-1][0]} {question}" if pairs and names_no_topic(question) else question
        started = time.perf_counter()
        route, hits = gather(self.services.retriever(), query, self.k, self.services.surface())
        retrieve_ms = (time.perf_counter() - started) * 1000
        with self._lock:
            history = asker.fit_history(question, pairs)
            chat.add("user", question)
            chat.save()  # the question is kept even if the answer fails
            answer = asker.answer(question, hits, retrieve_ms=retrieve_ms, on_text=on_text, should_stop=should_stop,
                                  history=history, route=route)
        chat.add("assistant", answer.text, answer.sources(), stopped=answer.stopped)
        chat.save()
        self.last_answer = answer
        return answer

    def discover(self, text: str) -> list[Pick]:
        if not text.strip():
            raise UsageError("describe the source to compare with the examples")
        return discover(self.services.retriever(), text, extract.from_text(text).spec)

    # --- projects --------------------------------------------------------------------------------
    def open_project(self, folder: Path) -> ProjectView:
        """Make FOLDER the project; it may be empty (a target for /generate)."""
        folder = folder.expanduser()
        if folder.exists() and not folder.is_dir():
            raise UsageError(f"{folder} is a file, not a project folder")
        self.project = folder.resolve()
        return self.view()

    def view(self, folder: Path | None = None) -> ProjectView:
        folder = folder or self._need_project()
        files = {n: (folder / n).read_text("utf-8", errors="replace") for n in writer.PROJECT_FILES
                 if (folder / n).is_file()}
        findings = lint.lint(folder) if "connector.py" in files else []
        config = folder / "configuration.json"
        if config.is_file():
            self.remember_secrets(config)
        return ProjectView(folder, files, findings)

    def _need_project(self) -> Path:
        if self.project is None:
            raise NoProjectError("no project is open", hint="use /open DIR, or /generate to write one")
        return self.project

    def propose_generate(self, text: str, out: Path | None = None) -> Proposal:
        """Draft a project for the request. When this chat already ran the target project with a
        configuration, the source is probed with it first, as `generate --config` does."""
        folder = out or self.project
        remembered = self.configs.get(folder.expanduser().resolve()) if folder else None
        values = read_configuration(remembered) if remembered else None
        draft = generate.prepare(text, config=values, generator_factory=self.services.generator,
                                 retriever_factory=self.services.retriever)
        target = (folder or Path.cwd() / draft.spec.name).expanduser().resolve()
        return proposal.propose_generate(draft, target)

    def apply_generate(self, change: Proposal) -> tuple[str, ProjectView]:
        """Write the project; the four-section report as Markdown, and the project as it is now."""
        written = proposal.apply(change)
        self.project = change.project
        assert change.draft is not None
        return generate.markdown(generate.report(change.draft, change.project, written)), self.view()

    # --- validation and repair -------------------------------------------------------------------
    def remember_secrets(self, config: Path) -> None:
        try:
            data = json.loads(config.read_text("utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(data, dict):
            self.chat.secrets |= secret_values(data)

    def config_for(self, project: Path, config: Path | None = None) -> Path:
        return (config or self.configs.get(project) or project / "configuration.json").expanduser().resolve()

    def has_run_config(self) -> bool:
        """Whether the open project already ran with a configuration this chat confirmed."""
        return self.project is not None and self.project in self.configs

    def config_preview(self, config: Path | None = None) -> tuple[Path, dict[str, str]]:
        """The configuration a run will use, with every secret-looking value masked, for the confirmation."""
        project = self._need_project()
        if not (project / "connector.py").is_file():
            raise UsageError(f"{project}: no connector.py in it", hint="use /generate first")
        path = self.config_for(project, config)
        data = read_configuration(path)
        secret = secret_values(data)
        self.chat.secrets |= secret
        return path, {k: MASK if str(v) in secret else str(v) for k, v in data.items()}

    def validate(self, config: Path | None = None) -> RunResult:
        project = self._need_project()
        path = self.config_for(project, config)
        self.chat.configs[str(project)] = str(path)
        self.remember_secrets(path)
        return self.services.validate(project, path)

    def propose_fix(self, *, on_step: Callable[[Step], None] | None = None,
                    should_stop: Callable[[], bool] | None = None) -> Proposal:
        """Repair a scratch copy of the project (lint fixes, runs, model patches); touch nothing real."""
        project = self._need_project()
        return proposal.propose_fix(project, run=self.services.validate, config=self.config_for(project),
                                    attempts=self.services.cfg.repair_attempts,
                                    generator_factory=self.services.generator, show=on_step or (lambda step: None),
                                    should_stop=should_stop)

    def apply_fix(self, change: Proposal) -> tuple[RunResult, ProjectView]:
        """Write the repaired files (a .bak of each is kept), then run the real project again."""
        proposal.apply(change)
        return self.services.validate(change.project, self.config_for(change.project)), self.view(change.project)

    def propose_revision(self, request: str) -> Proposal:
        return revise.revise(self._need_project(), request)

    def apply_revision(self, change: Proposal) -> ProjectView:
        proposal.apply(change)
        return self.view()

    # --- the conversation ------------------------------------------------------------------------
    def note(self, text: str) -> None:
        """A line in the transcript that is not part of the model's memory (a command's outcome)."""
        self.chat.add("note", text)
        self.save()

    def command(self, text: str) -> None:
        """A slash command as typed, for the transcript (never part of the model's memory)."""
        self.chat.add("command", text)
        self.save()

    def save(self) -> Path:
        return self.chat.save()

    def export(self, target: Path | None = None) -> Path:
        return self.chat.export(target)

    def clear(self) -> None:
        """Forget the turns: a fresh session (saved, so --resume opens it); the old one stays on disk."""
        old = self.chat
        self.chat = ChatSession.new()
        self.chat.project, self.chat.secrets, self.chat.configs = old.project, old.secrets, dict(old.configs)
        self.save()
