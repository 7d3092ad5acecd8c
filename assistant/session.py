"""A working session without any UI: what `assistant chat` does, callable from threads.

The TUI's workers call these methods and nothing else. The model, the retriever and the SDK facts
are loaded once, on first use, under a lock, so the app can paint before the model is ready.
Every change to a project is proposed first (files and diff) and written only by `apply_*`.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant import fix, lint, writer
from assistant import generate as gen
from assistant.answer import Answer, Asker, is_follow_up, names_no_topic, retrieve
from assistant.errors import NoProjectError, UsageError
from assistant.history import MASK, ChatSession
from assistant.revise import Revision
from assistant.validate import Result

Progress = Callable[[int, int], object]
SCRATCH_IGNORE = shutil.ignore_patterns("files", "crash-reports", "__pycache__", "*.bak", ".*")


@dataclass
class ProjectView:
    folder: Path
    files: dict[str, str]
    findings: list[lint.Finding]


@dataclass
class GenerateProposal:
    draft: gen.Draft
    out: Path
    replaces: list[str]


@dataclass
class FixProposal:
    project: Path
    files: dict[str, str]  # only the files that change
    diff: str
    steps: list[fix.Step]
    result: Result | None  # the last run in the scratch copy
    fixed: bool
    stopped_because: str


@dataclass
class IndexInfo:
    chunks: int
    sdk_version: str


@dataclass
class Workbench:
    cfg: Any
    load_generator: Callable[[Any, Progress | None], Any]
    chat: ChatSession = field(default_factory=ChatSession.new)
    k: int = 4
    last_answer: Answer | None = None
    _generator: Any = None
    _retriever: Any = None
    _asker: Asker | None = None
    _lock: threading.RLock = field(default_factory=threading.RLock)

    def __post_init__(self) -> None:
        """A resumed chat names the configuration files it used: read them again, so their secrets
        stay masked (and /validate and /fix use the same file)."""
        for config in self.chat.configs.values():
            self.remember_secrets(Path(config))

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

    # --- model and index -------------------------------------------------------------------------
    def generator(self, progress: Progress | None = None) -> Any:
        """The loaded model, loading it (and warming its system prompt) on first use."""
        with self._lock:
            if self._generator is None:
                if self.cfg.model and not self.cfg.llm_url:
                    from assistant import models

                    models.check_known(self.cfg.model)
                generator = self.load_generator(self.cfg, progress)
                from assistant import sdk_facts

                asker = Asker(generator, sdk_facts.load(self.cfg.sdk_module),
                              max_answer_tokens=self.cfg.max_answer_tokens)
                generator.warm_prefix(asker.system_prefix())
                self._generator, self._asker = generator, asker
            return self._generator

    def model_loaded(self) -> bool:
        return self._generator is not None

    def use_model(self, name: str) -> None:
        """Switch models: the next question loads NAME."""
        from assistant import models

        models.check_known(name)
        with self._lock:
            self.cfg.model, self.cfg.llm_url = name, None
            self._generator = self._asker = None

    def retriever(self) -> Any:
        with self._lock:
            if self._retriever is None:
                from index.retrieve import Retriever
                from index.store import connect
                from ingest import embed

                self._retriever = Retriever(connect(self.cfg.chroma_url), embed.make(self.cfg.embedder))
            return self._retriever

    def index_info(self) -> IndexInfo:
        meta = self.retriever().index_meta
        return IndexInfo(meta.chunk_count, meta.sdk_version or "")

    # --- answers ---------------------------------------------------------------------------------
    def ask(self, question: str, *, on_text: Callable[[str], None] | None = None,
            should_stop: Callable[[], bool] | None = None) -> Answer:
        """Answer; a follow-up also gets the earlier turns as memory and retrieves with the question
        before it. The turn is saved (masked) to the chat that was current when it was asked."""
        if not question.strip():
            raise UsageError("the question is empty")
        chat = self.chat  # /clear during the answer must not move it into the fresh chat
        generator = self.generator()
        pairs = chat.pairs() if is_follow_up(question) and self.memory(generator.name) else []
        query = f"{pairs[-1][0]} {question}" if pairs and names_no_topic(question) else question
        started = time.perf_counter()
        hits = retrieve(self.retriever(), query, self.k)
        retrieve_ms = (time.perf_counter() - started) * 1000
        assert self._asker is not None
        with self._lock:
            history = self._asker.fit_history(question, pairs)
            chat.add("user", question)
            chat.save()  # the question is kept even if the answer fails
            answer = self._asker.answer(question, hits, retrieve_ms=retrieve_ms, on_text=on_text,
                                        should_stop=should_stop, history=history)
        chat.add("assistant", answer.text, answer.sources(), stopped=answer.stopped)
        chat.save()
        self.last_answer = answer
        return answer

    def memory(self, model_name: str) -> bool:
        """Whether follow-ups get the earlier turns (the chat_memory setting)."""
        if self.cfg.chat_memory != "auto":
            return bool(self.cfg.chat_memory == "on")
        from assistant import models

        return models.handles_follow_ups(model_name)

    def discover(self, text: str) -> list[Any]:
        from assistant import extract
        from assistant.discover import discover

        if not text.strip():
            raise UsageError("describe the source to compare with the examples")
        return discover(self.retriever(), text, extract.from_text(text).spec)

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

    def propose_generate(self, text: str, out: Path | None = None) -> GenerateProposal:
        draft = gen.prepare(text, generator_factory=self.generator, retriever_factory=self.retriever)
        target = (out or self.project or Path.cwd() / draft.spec.name).expanduser().resolve()
        planned = writer.plan(target, draft.files, force=True)
        return GenerateProposal(draft, target, [p.name for p in planned if p.replaces])

    def apply_generate(self, proposal: GenerateProposal) -> tuple[gen.Report, ProjectView]:
        written, findings = gen.build(proposal.draft.files, proposal.out, force=True)
        self.project = proposal.out
        report = gen.Report(proposal.draft.spec, proposal.out, written, proposal.draft.picks, findings,
                            proposal.draft.decided, notes=proposal.draft.notes)
        return report, self.view()

    # --- validation and repair -------------------------------------------------------------------
    def remember_secrets(self, config: Path) -> None:
        try:
            data = json.loads(config.read_text("utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(data, dict):
            self.chat.secrets |= lint.secret_values(data)

    def config_for(self, project: Path, config: Path | None = None) -> Path:
        return (config or self.configs.get(project) or project / "configuration.json").expanduser().resolve()

    def config_preview(self, config: Path | None = None) -> tuple[Path, dict[str, str]]:
        """The configuration a run will use, with every secret-looking value masked, for the confirmation."""
        project = self._need_project()
        if not (project / "connector.py").is_file():
            raise UsageError(f"{project}: no connector.py in it", hint="use /generate first")
        from assistant.validate import read_configuration

        path = self.config_for(project, config)
        data = read_configuration(path)
        secret = lint.secret_values(data)
        self.chat.secrets |= secret
        return path, {k: MASK if str(v) in secret else str(v) for k, v in data.items()}

    def _run(self, project: Path, config: Path) -> Result:
        from assistant import runtime_env, validate

        return validate.validate(project, config=config, venv=runtime_env.location(self.cfg.runtime_venv),
                                 timeout=self.cfg.validate_timeout)

    def validate(self, config: Path | None = None) -> Result:
        project = self._need_project()
        path = self.config_for(project, config)
        self.chat.configs[str(project)] = str(path)
        self.remember_secrets(path)
        return self._run(project, path)

    def propose_fix(self, *, attempts: int = 3, on_step: Callable[[fix.Step], None] | None = None,
                    should_stop: Callable[[], bool] | None = None) -> FixProposal:
        """Repair a scratch copy of the project (lint fixes, runs, model patches); touch nothing real."""
        project = self._need_project()
        config = self.config_for(project)
        scratch_root = Path(tempfile.mkdtemp(prefix="csdk-fix-"))
        try:
            scratch = scratch_root / project.name
            shutil.copytree(project, scratch, ignore=SCRATCH_IGNORE)
            run_config = scratch / "configuration.json" if config == project / "configuration.json" else config
            outcome = fix.repair(scratch, attempts=attempts, run=lambda: self._run(scratch, run_config),
                                 generator_factory=self.generator, show=on_step or (lambda step: None),
                                 should_stop=should_stop)
            names = [n for n in writer.PROJECT_FILES if (scratch / n).is_file()]
            before = {n: (project / n).read_text("utf-8") if (project / n).is_file() else "" for n in names}
            after = {n: (scratch / n).read_text("utf-8") for n in names}
        finally:
            shutil.rmtree(scratch_root, ignore_errors=True)
        changed = {n: after[n] for n in names if after[n] != before[n]}
        return FixProposal(project, changed, "".join(fix.diff(n, before[n], changed[n]) for n in changed),
                           outcome.steps, outcome.result, outcome.fixed, outcome.stopped_because)

    def apply_fix(self, proposal: FixProposal) -> tuple[Result, ProjectView]:
        """Write the repaired files (a .bak of each is kept), then run the real project again."""
        if proposal.files:
            writer.write(proposal.project, proposal.files, force=True)
        return self._run(proposal.project, self.config_for(proposal.project)), self.view(proposal.project)

    def propose_revision(self, request: str) -> Revision:
        from assistant import revise

        return revise.revise(self._need_project(), request)

    def apply_revision(self, revision: Revision) -> ProjectView:
        writer.write(self._need_project(), revision.files, force=True)
        return self.view()

    # --- the conversation ------------------------------------------------------------------------
    def note(self, text: str) -> None:
        """A line in the transcript that is not part of the model's memory (a command's outcome)."""
        self.chat.add("note", text)
        self.save()

    def save(self) -> Path:
        return self.chat.save()

    def command(self, text: str) -> None:
        """A slash command as typed, for the transcript (never part of the model's memory)."""
        self.chat.add("command", text)
        self.save()

    def clear(self) -> None:
        """Forget the turns: a fresh session (saved, so --resume opens it); the old one stays on disk."""
        old = self.chat
        self.chat = ChatSession.new()
        self.chat.project, self.chat.secrets, self.chat.configs = old.project, old.secrets, dict(old.configs)
        self.save()
