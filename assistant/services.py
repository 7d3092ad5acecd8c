"""The one place that builds the retriever, the model and the answerer from the settings.

`assistant ask`, `generate`, `fix` and the chat all come through here; each thing is built on
first use and kept. Tests hand in a fake model as `load_generator` instead of patching modules.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from assistant.answer.asker import Asker
from assistant.connector import runtime_venv, validate
from assistant.llm import catalog, runtime
from assistant.llm.runtime import Generator
from core import sdk
from core.settings import Settings
from index import embed
from index.retrieve import Retriever
from index.store import connect

Progress = Callable[[int, int], object]
GeneratorLoader = Callable[[Settings, Progress | None], Generator]


def load_generator(cfg: Settings, progress: Progress | None = None) -> Generator:
    """The model the settings ask for: a server with `llm_url`, else a verified local GGUF.
    `progress(done, total)` follows the one-time assembly of a built-in model's parts."""
    settings = runtime.RuntimeSettings(n_ctx=cfg.n_ctx, threads=cfg.threads)
    return runtime.load(cfg.model, cfg.llm_url, settings, progress=progress)


def make_retriever(cfg: Settings) -> Retriever:
    embedder = embed.make(cfg.embedder)  # an unknown embedder is reported before a missing index
    return Retriever(connect(cfg.chroma_url), embedder)


class Services:
    """The retriever, the model and its answerer for one set of settings, each built once, on first
    use, under a lock (the chat's workers call in from threads)."""

    def __init__(self, cfg: Settings, load_generator: GeneratorLoader = load_generator) -> None:
        if cfg.model and not cfg.llm_url:
            catalog.check_known(cfg.model)  # a typo is reported before anything slow starts
        self.cfg = cfg
        self._load_generator = load_generator
        self._retriever: Retriever | None = None
        self._generator: Generator | None = None
        self._asker: Asker | None = None
        self._lock = threading.RLock()

    def retriever(self) -> Retriever:
        with self._lock:
            if self._retriever is None:
                self._retriever = make_retriever(self.cfg)
            return self._retriever

    def surface(self) -> sdk.Surface:
        """The installed SDK's names, which routes and answer checks read (the CLI's help is cached
        on disk per SDK version, so only the first use on a machine runs it)."""
        return sdk.surface(self.cfg.sdk_module)

    def generator(self, progress: Progress | None = None) -> Generator:
        """The model, loaded on first use, with the answers' system prompt already in its KV cache."""
        with self._lock:
            if self._generator is None:
                generator = self._load_generator(self.cfg, progress)
                asker = Asker(generator, sdk.facts(self.cfg.sdk_module), max_answer_tokens=self.cfg.max_answer_tokens,
                              surface=self.surface())
                generator.warm_prefix(asker.system_prefix())
                self._generator, self._asker = generator, asker
            return self._generator

    def asker(self, progress: Progress | None = None) -> Asker:
        with self._lock:
            self.generator(progress)
            assert self._asker is not None
            return self._asker

    @property
    def n_ctx(self) -> int:
        """The loaded model's context size; 0 before it is loaded (never loads it)."""
        return self._generator.n_ctx if self._generator is not None else 0

    def use_model(self, name: str) -> None:
        """Answer with NAME from now on; it loads on the next use."""
        catalog.check_known(name)
        with self._lock:
            self.cfg = self.cfg.model_copy(update={"model": name, "llm_url": None})
            self._generator = self._asker = None

    def memory(self, model_name: str) -> bool:
        """Whether chat follow-ups carry the earlier turns (the `chat_memory` setting)."""
        if self.cfg.chat_memory != "auto":
            return self.cfg.chat_memory == "on"
        return catalog.handles_follow_ups(model_name)

    @property
    def runtime_venv(self) -> Path:
        return runtime_venv.location(self.cfg.runtime_venv)

    def validate(self, project: Path, config: Path | None) -> validate.RunResult:
        """Lint, then the real `fivetran debug`, in the runtime venv, within the configured limits."""
        limits = validate.Limits(self.cfg.validate_timeout, self.cfg.validate_memory_mb * 2**20,
                                 self.cfg.validate_file_mb * 2**20, self.cfg.validate_isolate)
        return validate.validate(project, config=config, venv=self.runtime_venv, limits=limits)
