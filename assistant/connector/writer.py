"""The one way generated files reach disk: parse and check everything first, then apply atomically.

Only the project's file names (and extra .py modules) are accepted; `..`, absolute paths and
symlinks are refused. Existing files are never replaced without `force`, and then a .bak is kept.
"""

from __future__ import annotations

import ast
import difflib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from core.errors import UsageError

_UMASK = os.umask(0)
os.umask(_UMASK)

PROJECT_FILES = ("connector.py", "configuration.json", "requirements.txt", "README.md")


@dataclass
class Planned:
    name: str
    content: str
    replaces: bool


def _check_name(name: str) -> None:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or "\\" in name or not name:
        raise UsageError(f"refusing to write {name!r}: only paths inside the project folder are allowed")
    if name not in PROJECT_FILES and not (path.suffix == ".py" and all(p.isidentifier() for p in
                                                                        [*path.parts[:-1], path.stem])):
        raise UsageError(f"refusing to write {name!r}: only {', '.join(PROJECT_FILES)} and extra .py modules")


def _check_content(name: str, content: str) -> None:
    if name.endswith(".py"):
        try:
            ast.parse(content)
        except SyntaxError as exc:
            raise UsageError(f"{name} is not valid Python (line {exc.lineno}: {exc.msg})") from exc
    elif name == "configuration.json":
        try:
            json.loads(content)
        except ValueError as exc:
            raise UsageError(f"configuration.json is not valid JSON ({exc})") from exc


def plan(out: Path, files: dict[str, str], *, force: bool = False) -> list[Planned]:
    """Check every name, every file's syntax and the target folder; touch nothing."""
    for parent in [out, *out.parents]:
        if parent.exists() and not parent.is_dir():
            raise UsageError(f"{parent} exists and is not a folder")
    planned = []
    for name, content in files.items():
        _check_name(name)
        _check_content(name, content)
        target = out / name
        for parent in [out, *target.parents]:
            if parent.is_symlink():
                raise UsageError(f"refusing to write through the symlink {parent}")
            if parent == out:
                break
        if target.is_symlink():
            raise UsageError(f"refusing to write {name}: it is a symlink")
        planned.append(Planned(name, content, target.exists()))
    clashes = [p.name for p in planned if p.replaces]
    if clashes and not force:
        raise UsageError(f"{out} already has {', '.join(clashes)}; use --force to replace them (a .bak is kept)")
    return planned


def apply(out: Path, planned: list[Planned], *, backup: bool = True) -> list[Path]:
    """Write each file through a temporary file and os.replace; keep a .bak of what it replaces."""
    written = []
    for item in planned:
        target = out / item.name
        target.parent.mkdir(parents=True, exist_ok=True)
        if item.replaces and backup:
            shutil.copy2(target, target.with_name(target.name + ".bak"))
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
        try:
            os.fchmod(fd, 0o666 & ~_UMASK)  # mkstemp makes 0600; project files get the usual mode
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(item.content)
            os.replace(tmp, target)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        written.append(target)
    return written


def write(out: Path, files: dict[str, str], *, force: bool = False, backup: bool = True) -> list[Path]:
    return apply(out, plan(out, files, force=force), backup=backup)


def diff(name: str, before: str, after: str) -> str:
    return "".join(difflib.unified_diff(before.splitlines(True), after.splitlines(True), f"a/{name}", f"b/{name}"))


def changes(project: Path, files: dict[str, str]) -> tuple[dict[str, str], str]:
    """The files that differ from what is on disk, and their unified diff: the one before/after step
    of every proposal (generate, fix, revise)."""
    before = {n: (project / n).read_text("utf-8") if (project / n).is_file() else "" for n in files}
    changed = {n: c for n, c in files.items() if c != before[n]}
    return changed, "".join(diff(n, before[n], c) for n, c in changed.items())
