"""One error hierarchy. The CLI prints `title: message` on one line and exits non-zero."""

from __future__ import annotations


class AssistantError(Exception):
    """Base for every error a user can cause or fix. Exit code 2 means the input given was wrong
    (an argument, a file, a setting); 1 means the state around it (no index, offline, a model)."""

    title = "error"
    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def one_line(self) -> str:
        text = f"{self.title}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return " ".join(text.split())


class UsageError(AssistantError):
    title = "bad input"
    exit_code = 2


class NoProjectError(UsageError):
    title = "no project"


class SourceError(AssistantError):
    """A source to ingest, or the Chroma server, cannot be reached or read."""

    title = "source error"


class BadSourceError(SourceError):
    """What was named as a source is missing, empty, or not a source at all: the input is wrong."""

    exit_code = 2


class OfflineError(SourceError):
    title = "offline"


class IndexMissingError(AssistantError):
    title = "no index"


class IndexCorruptError(AssistantError):
    title = "index unreadable"


class IncompatibleIndexError(AssistantError):
    title = "incompatible index"


class IngestLockedError(AssistantError):
    title = "ingest busy"


class BundleError(AssistantError):
    title = "bad bundle"
    exit_code = 2


class EmbedderError(AssistantError):
    title = "embedding model"


class CrawlError(AssistantError):
    title = "crawl failed"


class ModelError(AssistantError):
    title = "model"


class GenerationError(AssistantError):
    title = "generation failed"


class RuntimeEnvError(AssistantError):
    """The venv `fivetran debug` runs in is missing, old or cannot be set up."""

    title = "runtime venv"
