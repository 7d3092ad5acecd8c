"""What the installed fivetran_connector_sdk really offers, read by introspection.

The installed package is the truth about the API a connector will run against: prompts, lint and
the index all ask here rather than trust a document or a model's memory.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import inspect
import json
import os
import re
import subprocess
import sys
import tempfile
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from types import ModuleType

from core import paths
from core.errors import SourceError

MODULE = "fivetran_connector_sdk"


def load(module_name: str = MODULE) -> ModuleType:
    """The SDK module, imported quietly; a SourceError naming the fix if it cannot be."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return importlib.import_module(module_name)
    except Exception as exc:
        raise SourceError(f"cannot import {module_name} ({exc})",
                          hint="install fivetran-connector-sdk 3.x, or ingest with --no-sdk") from exc


def _distributions(module: ModuleType) -> list[importlib.metadata.Distribution]:
    """The installed distributions that provide `module`'s top-level package."""
    found = []
    for name in importlib.metadata.packages_distributions().get(module.__name__.split(".")[0], []):
        try:
            found.append(importlib.metadata.distribution(name))
        except importlib.metadata.PackageNotFoundError:
            continue
    return found


def version(module: ModuleType) -> str:
    """The version of the distribution that installed `module`, else its __version__."""
    for dist in _distributions(module):
        return str(dist.version)
    return str(getattr(module, "__version__", ""))


def signature(obj: object) -> str:
    try:
        return str(inspect.signature(obj))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "(...)"


def deprecated(obj: object) -> bool:
    doc = inspect.getdoc(obj) or ""
    try:
        source = inspect.getsource(obj)  # type: ignore[arg-type]
    except (OSError, TypeError):
        source = ""
    return bool(re.search(r"deprecat", doc + source, re.I))


def members(cls: type) -> list[tuple[str, object]]:
    """The public methods of a class (and its __init__), static and class methods unwrapped."""
    out = []
    for name, value in inspect.getmembers(cls):
        if name.startswith("_") and name != "__init__":
            continue
        raw = inspect.getattr_static(cls, name, None)
        if isinstance(raw, staticmethod | classmethod):
            value = raw.__func__
        if callable(value) and not inspect.isclass(value):
            if name == "__init__" and value is object.__init__:
                continue
            out.append((name, value))
    return out


@dataclass(frozen=True)
class SdkFacts:
    """The short list a prompt states as the installed SDK's API."""

    version: str
    operations: list[str]  # "upsert(table, data)"
    logging: list[str]  # "info"
    deprecated_logging: list[str]


def _required(fn: object) -> str:
    try:
        params = inspect.signature(fn).parameters.values()  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "..."
    names = [p.name for p in params if p.default is inspect.Parameter.empty
             and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) and p.name != "self"]
    return ", ".join(names)


@lru_cache(maxsize=4)
def facts(module_name: str = MODULE) -> SdkFacts:
    """Operations with their required arguments and the log levels; empty when the SDK is missing."""
    try:
        module = load(module_name)
    except SourceError:
        return SdkFacts("", [], [], [])
    ops_cls = getattr(module, "Operations", None)
    log_cls = getattr(module, "Logging", None)
    operations = [f"{name}({_required(fn)})" for name, fn in members(ops_cls)] if ops_cls else []
    levels: list[str] = []
    old: list[str] = []
    if log_cls is not None:
        level_enum = getattr(log_cls, "Level", None)
        names = [m.name.lower() for m in level_enum] if level_enum else ["debug", "info", "warning", "error"]
        for name in names:
            method = getattr(log_cls, name, None)
            if callable(method):
                (old if deprecated(method) else levels).append(name)
    return SdkFacts(version(module), operations, levels, old)


def api_classes() -> dict[str, type]:
    """Operations, Logging and Connector of the installed SDK, which lint binds every `op.*`/`log.*`
    call and the `Connector(...)` call to."""
    module = load(MODULE)
    return {"Operations": module.Operations, "Logging": module.Logging, "Connector": module.Connector}


# --- the command-line tool the SDK installs -----------------------------------------------------------

_RUN_SCRIPT = ("import importlib.metadata as m, sys; name = sys.argv[1]; "
               "ep = next(iter(m.entry_points(group='console_scripts', name=name))); "
               "sys.argv = [name, *sys.argv[2:]]; sys.exit(ep.load()())")
_COMMAND = re.compile(r"^ {2,6}([a-z][\w-]*)(?: {2,}(\S.*))?$")


def cli_name(module_name: str = MODULE) -> str:
    """The console script the SDK's distribution installs (`fivetran`), "" if none."""
    try:
        module = load(module_name)
    except SourceError:
        return ""
    for dist in _distributions(module):
        scripts = [ep.name for ep in dist.entry_points if ep.group == "console_scripts"]
        if scripts:
            return "fivetran" if "fivetran" in scripts else scripts[0]
    return ""


def _help(script: str, *args: str) -> str:
    """`script args... --help` in a child process with a throwaway HOME and telemetry off, so
    asking for help leaves nothing behind; the text from its `usage:` line on."""
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "HOME": home, "DO_NOT_TRACK": "1", "NO_COLOR": "1", "COLUMNS": "100"}
        try:
            out = subprocess.run([sys.executable, "-c", _RUN_SCRIPT, script, *args, "--help"], env=env,
                                 capture_output=True, text=True, timeout=60, cwd=home)
        except (OSError, subprocess.TimeoutExpired):
            return ""
    text = out.stdout
    start = text.find("usage:")
    return text[start:].strip() if start >= 0 else ""


def subcommands(top_help: str) -> dict[str, str]:
    """The subcommands an argparse help text lists under its positional arguments, with each one's
    description (continuation lines joined); `help` left out."""
    found: dict[str, str] = {}
    inside = False
    last = ""
    for line in top_help.split("\n"):
        if re.match(r"^\S.*:$", line):
            inside, last = line.startswith("positional arguments"), ""
            continue
        match = _COMMAND.match(line) if inside else None
        if match:
            last = match.group(1)
            found[last] = (match.group(2) or "").strip()
        elif last and re.match(r"^ {8,}\S", line):
            found[last] = (found[last] + " " + line.strip()).strip()
        else:
            last = ""
    found.pop("help", None)
    return found


def hidden_subcommands(module_name: str, command: str) -> list[str]:
    """Subcommands a command's help does not list (`package create`), as the CLI's own constants
    name them (`PACKAGE_SUBCOMMANDS` in `<module>_common.constants`); none when it has no such list."""
    try:
        constants = importlib.import_module(f"{module_name}_common.constants")
    except ImportError:
        return []
    found = getattr(constants, f"{command.upper()}_SUBCOMMANDS", None)
    return [str(s) for s in found if isinstance(s, str) and s.isidentifier()] if isinstance(found, list) else []


@lru_cache(maxsize=2)
def cli_help(module_name: str = MODULE) -> dict[str, str]:
    """The installed CLI's own help: {"fivetran": top-level text, "fivetran debug": ..., ...};
    empty when the SDK installs no command-line tool.

    Asking takes a child process per command (seconds), so the texts are kept in the cache folder
    under the SDK's version: another version asks again."""
    script = cli_name(module_name)
    if not script:
        return {}
    cached = paths.cache_dir() / f"cli-help2-{module_name}-{version(load(module_name))}.json"
    try:
        found = json.loads(cached.read_text(encoding="utf-8"))
        if isinstance(found, dict) and found.get(script):
            return {str(k): str(v) for k, v in found.items()}
    except (OSError, ValueError):
        pass
    top = _help(script)
    if not top:
        return {}
    commands: list[tuple[str, ...]] = [(c,) for c in subcommands(top)]
    commands += [(c[0], sub) for c in list(commands) for sub in hidden_subcommands(module_name, c[0])]
    with ThreadPoolExecutor(max_workers=2) as pool:
        texts = list(pool.map(lambda c: _help(script, *c), commands))
    found = {script: top}
    found.update({" ".join((script, *c)): t for c, t in zip(commands, texts, strict=True) if t})
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_text(json.dumps(found), encoding="utf-8")
    except OSError:
        pass
    return found


# --- every name an answer may use -------------------------------------------------------------------


@dataclass(frozen=True)
class Surface:
    """The names the installed SDK and its CLI really have, to check an answer's claims against."""

    version: str
    classes: dict[str, frozenset[str]]  # "Operations" -> {"upsert", ...}; "Connector" incl. init keywords
    exports: frozenset[str]  # what `from fivetran_connector_sdk import X` can name
    script: str  # "fivetran"
    commands: dict[str, frozenset[str]]  # "debug" -> {"--configuration", ...}; "" -> the top level's
    calls: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    # "Operations.delete" -> ("(table: str, keys: dict, *, schema: Optional[str] = None)", ("table", "keys"))
    usages: dict[str, str] = field(default_factory=dict)  # "reset" -> "fivetran reset [--yes] [--non-interactive]"

    @classmethod
    def empty(cls) -> Surface:
        return cls("", {}, frozenset(), "", {})


def _flags(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"(?<![\w-])(--?[a-zA-Z][\w-]*)", text))


@lru_cache(maxsize=2)
def surface(module_name: str = MODULE) -> Surface:
    """Empty when the SDK is missing, so a check then flags nothing rather than everything."""
    try:
        module = load(module_name)
    except SourceError:
        return Surface.empty()
    classes: dict[str, frozenset[str]] = {}
    for name in ("Operations", "Logging", "Connector"):
        cls = getattr(module, name, None)
        if inspect.isclass(cls):
            names = {n for n, _ in members(cls)} | {n for n in dir(cls) if not n.startswith("_")}
            init = getattr(cls, "__init__", None)
            if name == "Connector" and init is not None:
                names |= set(_parameters(init))
            classes[name] = frozenset(names - {"__init__"})
    exports = frozenset(n for n in dir(module) if not n.startswith("_"))
    helps = cli_help(module_name)
    script = cli_name(module_name) if helps else ""
    commands = {cmd.removeprefix(script).strip(): _flags(text) for cmd, text in helps.items()}
    if script and re.search(r"^\s+help\s", helps[script], re.M):  # `fivetran help` prints the top help
        commands["help"] = frozenset({"--help"})
    usages = {cmd.removeprefix(script).strip(): _usage(text) for cmd, text in helps.items()}
    return Surface(version(module), classes, exports, script, commands, _calls(module), usages)


def _calls(module: ModuleType) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Each public method of Operations, Logging and Connector, and each exported class's
    constructor: its signature (module paths dropped from annotations) and required parameters."""
    found: dict[str, tuple[str, tuple[str, ...]]] = {}
    owners = [(n, v) for n, v in inspect.getmembers(module) if inspect.isclass(v) and not n.startswith("_")]
    for owner, cls in owners:
        for name, fn in members(cls):
            if name == "__init__" or owner in ("Operations", "Logging", "Connector"):
                key = owner if name == "__init__" else f"{owner}.{name}"
                text = re.sub(r"\b(?:\w+\.)+(\w+)", r"\1", signature(fn).replace("self, ", "").replace("(self)", "()"))
                required = _required(fn)
                found[key] = (text, tuple(required.split(", ")) if required else ())
    return found


def _usage(text: str) -> str:
    """The usage line of an argparse help text, joined, without the program's -h."""
    lines: list[str] = []
    for line in text.split("\n"):
        if lines and not line.strip():
            break
        if line.startswith("usage:") or lines:
            lines.append(line.strip())
    return re.sub(r"\s+", " ", " ".join(lines).removeprefix("usage:").replace("[-h] ", "")).strip()


def _parameters(fn: object) -> list[str]:
    try:
        return [p for p in inspect.signature(fn).parameters if p != "self"]  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return []
