"""Files the user names: read as text, or written to, with one clear error for whatever is wrong.

Every command that takes a path goes through these, so a binary file, a folder where a file was
meant, a missing parent or a 300-character name all read the same way: one line saying which
path and what to do, never a traceback.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from core.errors import UsageError


def read_text(path: Path, what: str) -> str:
    """The file's text, which must be UTF-8 (the SDK's files and every prompt are)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{what} {path}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{what} {path} is a folder, not a file") from None
    except OSError as exc:
        raise UsageError(f"{what} {path}: cannot be read ({_reason(exc)})") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{what} {path} is not UTF-8 text (byte {exc.start} is {data[exc.start]:#04x}); "
                         "save it as UTF-8") from None


def output_file(path: Path, what: str) -> Path:
    """A file we are about to write: its folder must exist and be writable, and the name must fit."""
    _fits(path, what)
    if path.is_dir():
        raise UsageError(f"{what} {path} is a folder; name a file")
    parent = path.parent
    if parent.exists() and not parent.is_dir():
        raise UsageError(f"{what} {path}: {parent} is not a folder")
    if not parent.exists():
        raise UsageError(f"{what} {path}: cannot write in {parent} (no such folder)")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise UsageError(f"{what} {path}: cannot write in {parent} (no permission)")
    return path


def output_folder(path: Path, what: str) -> Path:
    """A folder we are about to create or fill."""
    _fits(path, what)
    if path.exists() and not path.is_dir():
        raise UsageError(f"{what} {path} is not a folder")
    existing = next((p for p in (path, *path.parents) if p.exists()), None)
    if existing is not None and not existing.is_dir():
        raise UsageError(f"{what} {path}: {existing} is not a folder")
    if existing is not None and not os.access(existing, os.W_OK | os.X_OK):
        raise UsageError(f"{what} {path}: cannot write in {existing} (no permission)")
    return path


def make_folder(path: Path, what: str) -> Path:
    """Create the folder (and its parents) now, so a path that cannot be one fails here, clearly."""
    output_folder(path, what)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"{what} {path}: cannot create it ({_reason(exc)})") from None
    return path


def _fits(path: Path, what: str) -> None:
    limit = os.pathconf("/", "PC_NAME_MAX") if hasattr(os, "pathconf") else 255
    long = next((part for part in path.parts if len(part.encode()) > limit), None)
    if long is not None:
        raise UsageError(f"{what}: the name {long[:40]}... is too long ({len(long.encode())} bytes; at most {limit})")


def _reason(exc: OSError) -> str:
    return exc.strerror or errno.errorcode.get(exc.errno or 0, str(exc))
