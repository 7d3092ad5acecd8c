"""Read text files safely: binary, huge and non-UTF-8 files are skipped, never crash the run."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

TEXT_SUFFIXES = {".py", ".md", ".json", ".txt", ".html", ".htm", ".toml", ".yaml", ".yml"}


@dataclass
class ReadResult:
    text: str | None
    skip_reason: str | None = None  # "binary" | "huge" | "encoding" | "empty" | "unsupported"


def read_text(path: Path, max_bytes: int) -> ReadResult:
    try:
        size = path.stat().st_size
    except OSError:
        return ReadResult(None, "unreadable")
    if size > max_bytes:
        return ReadResult(None, "huge")
    try:
        raw = path.read_bytes()
    except OSError:
        return ReadResult(None, "unreadable")
    if b"\x00" in raw[:8192]:
        return ReadResult(None, "binary")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return ReadResult(None, "encoding")
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    if not text.strip():
        return ReadResult(None, "empty")
    return ReadResult(text)
