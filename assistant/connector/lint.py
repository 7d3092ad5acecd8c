"""`assistant lint`: deterministic checks of a connector project, no model involved.

Rule ids map to the review rules of Fivetran's evaluate-connector skill where one exists: `error`
for its REQUIRED rules, `warning` for GOOD_TO_HAVE. Every `op.*` and `log.*` call is checked
against the installed SDK by introspection, so a call that a document allows but the installed
package rejects (op.update(data=...)) is caught before it runs.
"""

from __future__ import annotations

import ast
import inspect
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import tomllib

from core import files, sdk
from core.errors import UsageError
from core.secrets import PLACEHOLDER, SECRET_NAME

SDK = sdk.MODULE
DATA_OPS = {"upsert", "update", "delete", "truncate"}
SCHEMA_KEYS = {"table", "primary_key", "columns"}
COLUMN_TYPES = {"BOOLEAN", "SHORT", "INT", "LONG", "FLOAT", "DOUBLE", "DECIMAL", "STRING", "BINARY", "JSON", "XML",
                "NAIVE_DATE", "NAIVE_DATETIME", "UTC_DATETIME"}
# Folders that hold no project code: the local tester's output, its crash reports, caches
SKIPPED_DIRS = {"files", "crash-reports", "__pycache__", "venv", "site-packages", "node_modules"}
KEY_PREFIXES = re.compile(r"^(sk_live_|sk_test_|ghp_|github_pat_|AKIA[0-9A-Z]{12}|xox[abp]-|AIza)")


@dataclass
class Finding:
    rule: str
    severity: str  # error | warning
    file: str
    line: int
    message: str

    def render(self) -> str:
        return f"{self.file}:{self.line}: {self.severity} {self.rule} {self.message}"


class _Python:
    """Checks on one Python file of the project."""

    def __init__(self, path: Path, rel: str, findings: list[Finding], main: bool) -> None:
        self.rel = rel
        self.findings = findings
        self.main = main
        self.text = files.read_text(path, "project file")
        self.ops: set[str] = set()  # the op.* methods this module calls
        self.tree: ast.Module | None = None
        try:
            self.tree = ast.parse(self.text)
        except SyntaxError as exc:
            self.add("CSDK000", "error", exc.lineno or 1, f"syntax error: {exc.msg}")
            return
        self.aliases = self._aliases()

    def add(self, rule: str, severity: str, line: int, message: str) -> None:
        self.findings.append(Finding(rule, severity, self.rel, line, message))

    def _aliases(self) -> dict[str, str]:
        """Local names bound to the SDK's classes, e.g. {"op": "Operations", "log": "Logging"}."""
        out = {}
        assert self.tree is not None
        for node in ast.walk(self.tree):
            if isinstance(node, ast.ImportFrom) and node.module == SDK:
                for alias in node.names:
                    out[alias.asname or alias.name] = alias.name
        return out

    def run(self, api: dict[str, type]) -> None:
        if self.tree is None:
            return
        if self.main:
            self._module_shape(api)
        self._calls(api)
        self._generic()

    # --- the module's shape (connector.py only) --------------------------------------------------------

    def _module_shape(self, api: dict[str, type]) -> None:
        assert self.tree is not None
        names = set(self.aliases.values())
        for needed in ("Connector", "Operations", "Logging"):
            if needed not in names:
                self.add("CSDK001", "error", 1, f"missing `from {SDK} import {needed}`")
        functions = {n.name: n for n in self.tree.body if isinstance(n, ast.FunctionDef)}
        connector = None
        for node in self.tree.body:
            named = isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "connector" for t in node.targets)
            if (named and isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
                    and isinstance(node.value.func, ast.Name) and self.aliases.get(node.value.func.id) == "Connector"):
                connector = node.value
        if connector is None:
            self.add("CSDK002", "error", 1, "no module-level `connector = Connector(update=update, schema=schema)`")
            return
        if "Connector" in api:  # the installed SDK says which keywords exist (3.x: configuration_form=)
            self._bind(connector, "Connector", "__init__", api["Connector"])
        update_name = next((kw.value.id for kw in connector.keywords if kw.arg == "update"
                            and isinstance(kw.value, ast.Name)), None)
        if update_name is None and connector.args and isinstance(connector.args[0], ast.Name):
            update_name = connector.args[0].id
        update = functions.get(update_name or "")
        if update is None:
            self.add("CSDK003", "error", connector.lineno,
                     "Connector(update=...) does not name a module-level function")
        else:
            args = [a.arg for a in update.args.args]
            if len(args) != 2:
                self.add("CSDK003", "error", update.lineno,
                         f"{update.name}() must take (configuration, state), not ({', '.join(args)})")
            for inner in ast.walk(update):
                if isinstance(inner, ast.Return) and inner.value is not None and not (
                        isinstance(inner.value, ast.Constant) and inner.value.value is None):
                    self.add("CSDK008", "error", inner.lineno, f"{update.name}() must not return a value")
        if not any(kw.arg == "schema" for kw in connector.keywords):
            self.add("CSDK009", "warning", connector.lineno,
                     "Connector has no schema=: declare tables and primary keys")
        schema = functions.get(next((kw.value.id for kw in connector.keywords if kw.arg == "schema"
                                     and isinstance(kw.value, ast.Name)), ""))
        if schema is not None:
            self._schema(schema)

    def _schema(self, fn: ast.FunctionDef) -> None:
        for node in ast.walk(fn):
            if not isinstance(node, ast.Dict):
                continue
            keys = {k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)}
            if "table" not in keys:
                continue
            for extra in sorted(keys - SCHEMA_KEYS):
                self.add("CSDK010", "error", node.lineno, f"schema key {extra!r} is not allowed (only table, "
                         "primary_key, columns)")
            if "primary_key" not in keys:
                self.add("CSDK102", "warning", node.lineno, "table without primary_key: Fivetran adds a hashed "
                         "_fivetran_id, so updates and deletes cannot target rows")
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and key.value == "columns" and isinstance(value, ast.Dict):
                    for column_type in value.values:
                        if isinstance(column_type, ast.Constant) and isinstance(column_type.value, str) and (
                                column_type.value not in COLUMN_TYPES):
                            self.add("CSDK011", "error", column_type.lineno,
                                     f"unknown column type {column_type.value!r}")

    # --- SDK calls ---------------------------------------------------------------------------------------

    def _calls(self, api: dict[str, type]) -> None:
        assert self.tree is not None
        parents = {child: node for node in ast.walk(self.tree) for child in ast.iter_child_nodes(node)}
        for node in ast.walk(self.tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name)):
                continue
            cls = self.aliases.get(node.func.value.id)
            if cls not in ("Operations", "Logging"):
                continue
            method = node.func.attr
            label = f"{node.func.value.id}.{method}"
            target = getattr(api[cls], method, None)
            if target is None or method.startswith("_"):
                public = sorted(n for n in dir(api[cls]) if not n.startswith("_") and callable(getattr(api[cls], n)))
                self.add("CSDK005", "error", node.lineno,
                         f"{label}() does not exist in the installed SDK (has: {', '.join(public)})")
                continue
            if cls == "Operations":
                self.ops.add(method)
                if isinstance(parents.get(node), ast.Yield | ast.YieldFrom):
                    self.add("CSDK004", "error", node.lineno, f"`yield {label}(...)`: call operations directly")
            if cls == "Logging" and method in ("fine", "severe"):
                self.add("CSDK103", "warning", node.lineno, f"{label}() is deprecated; use "
                         f"log.{'debug' if method == 'fine' else 'error'}()")
            if not any(isinstance(a, ast.Starred) for a in node.args) and not any(k.arg is None for k in node.keywords):
                self._bind(node, label, method, target)
            if cls == "Logging" and self._mentions_secret(node):
                self.add("CSDK015", "error", node.lineno, f"{label}() may log a secret")
            if cls == "Operations" and method == "checkpoint" and self._mentions_secret(node):
                self.add("CSDK016", "error", node.lineno, "credentials must not be stored in state")

    def imports(self) -> list[tuple[int, str]]:
        """The modules this file imports, as (relative level, dotted name) pairs; `from x import y`
        also yields x.y, since y may be a submodule."""
        out: list[tuple[int, str]] = []
        for node in ast.walk(self.tree) if self.tree else ():
            if isinstance(node, ast.Import):
                out += [(0, alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                out.append((node.level, base))
                out += [(node.level, f"{base}.{a.name}".lstrip(".")) for a in node.names if a.name != "*"]
        return out

    def _bind(self, node: ast.Call, label: str, method: str, target: Any) -> None:
        """Do the call's arguments fit the installed SDK's signature?"""
        try:
            signature = inspect.signature(target)
        except (TypeError, ValueError):
            return
        if method == "__init__":  # a class: bound as called, without self
            method = ""
        params = signature.parameters
        accepts_any = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())
        unknown = [k.arg for k in node.keywords if k.arg and k.arg not in params and not accepts_any]
        try:
            if unknown:
                raise TypeError(f"got an unexpected keyword argument {unknown[0]!r}")
            signature.bind(*node.args, **{k.arg: k.value for k in node.keywords if k.arg})
        except TypeError as exc:
            self.add("CSDK005", "error", node.lineno, f"{label}(): {exc} (installed SDK signature "
                     f"{method}{signature})")

    @staticmethod
    def _mentions_secret(node: ast.Call) -> bool:
        for inner in ast.walk(node):
            if isinstance(inner, ast.Subscript) and isinstance(inner.value, ast.Name) and (
                    inner.value.id == "configuration") and isinstance(inner.slice, ast.Constant) and (
                    SECRET_NAME.search(str(inner.slice.value))):
                return True
            if isinstance(inner, ast.Name) and SECRET_NAME.search(inner.id) and inner.id not in ("auth",):
                return True
        return False

    # --- generic Python checks -----------------------------------------------------------------------

    def _generic(self) -> None:
        assert self.tree is not None
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                if node.func.id == "print":
                    self.add("CSDK012", "error", node.lineno, "print(): log with log.info/warning/... instead")
                elif node.func.id in ("exit", "quit"):
                    self.add("CSDK013", "error", node.lineno, f"{node.func.id}(): raise RuntimeError instead")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and isinstance(
                    node.func.value, ast.Name):
                base, attr = node.func.value.id, node.func.attr
                if base in ("logging", "logger"):
                    self.add("CSDK012", "error", node.lineno, f"{base}.{attr}(): use the SDK's log.* instead")
                if base == "sys" and attr == "exit":
                    self.add("CSDK013", "error", node.lineno, "sys.exit(): raise RuntimeError instead")
                if base in ("requests", "rq") and attr in ("get", "post", "put", "patch", "delete", "head", "request") \
                        and not any(k.arg == "timeout" for k in node.keywords):
                    self.add("CSDK101", "warning", node.lineno, f"{base}.{attr}() without timeout=")
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(
                    node.value.value, str):
                for target in node.targets:
                    name = target.id if isinstance(target, ast.Name) else ""
                    value = node.value.value
                    if (name and SECRET_NAME.search(name) and len(value) >= 8 and not PLACEHOLDER.match(value)
                            and " " not in value and not value.startswith(("http://", "https://"))) or \
                            KEY_PREFIXES.match(value):
                        self.add("CSDK014", "error", node.lineno, f"hard-coded credential in {name or 'a string'}")
            if isinstance(node, ast.While) and isinstance(node.test, ast.Constant) and node.test.value is True:
                exits = [n for n in ast.walk(node) if isinstance(n, ast.Break | ast.Return | ast.Raise)]
                if not exits:
                    self.add("CSDK018", "error", node.lineno, "`while True` with no break, return or raise")
            if isinstance(node, ast.ExceptHandler) and all(isinstance(s, ast.Pass) or (
                    isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant)) for s in node.body):
                self.add("CSDK019", "error", node.lineno, "exception silently ignored")
            if isinstance(node, ast.FunctionDef) and (node.end_lineno or node.lineno) - node.lineno > 50:
                self.add("CSDK104", "warning", node.lineno, f"{node.name}() is over 50 lines; split it")
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                for annotation in [a.annotation for a in node.args.args] + [node.returns]:
                    if annotation is not None and re.search(r"Generator\[|\.Operation\b", ast.unparse(annotation)):
                        self.add("CSDK017", "error", node.lineno, "annotation with Generator/op.Operation: the "
                                 "SDK's operations return nothing; use plain dict/list hints")


def _configuration(path: Path, findings: list[Finding]) -> None:
    rel = path.name
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        findings.append(Finding("CFG001", "error", rel, 1, f"not valid JSON ({exc})"))
        return
    if not isinstance(data, dict):
        findings.append(Finding("CFG001", "error", rel, 1, "must be a JSON object"))
        return
    lines = path.read_text("utf-8").split("\n")
    for key, value in data.items():
        line = next((i for i, text in enumerate(lines, 1) if f'"{key}"' in text), 1)
        if isinstance(value, dict | list):
            findings.append(Finding("CFG002", "error", rel, line, f"{key!r} is nested; configuration must be flat"))
        elif not isinstance(value, str):
            findings.append(Finding("CFG003", "error", rel, line, f"{key!r} is {type(value).__name__}; every value "
                                    "must be a string"))
        elif SECRET_NAME.search(key) and value and not PLACEHOLDER.match(value):
            findings.append(Finding("CFG004", "warning", rel, line, f"{key!r} looks like a real secret; commit a "
                                    "placeholder such as <YOUR_API_KEY>"))


def _requirement(line: str, file: str, number: int, findings: list[Finding]) -> None:
    """One dependency, from requirements.txt or pyproject.toml: pinned, released, not runtime-provided."""
    if re.match(r"^(git\+|hg\+|svn\+|https?://|-e\s|\.|/)", line) or " @ " in line:
        findings.append(Finding("REQ003", "error", file, number, f"{line!r}: no VCS, URL or path "
                                "requirements; pin a released version"))
        return
    name = re.split(r"[<>=!~\[; ]", line, maxsplit=1)[0].lower().replace("_", "-").replace(".", "-")
    if name in ("fivetran-connector-sdk", "requests"):
        findings.append(Finding("REQ002", "error", file, number, f"{name} is provided by Fivetran's "
                                "runtime; remove it"))
    elif "==" not in line:
        findings.append(Finding("REQ001", "error", file, number, f"{line!r} is not pinned (use ==)"))


def _requirements(path: Path, findings: list[Finding]) -> None:
    for number, raw in enumerate(path.read_text("utf-8").split("\n"), 1):
        line = raw.split("#", 1)[0].strip()
        if line:
            _requirement(line, path.name, number, findings)


def _pyproject(path: Path, findings: list[Finding]) -> None:
    """SDK 3 accepts dependencies in pyproject.toml's [project] table; they follow the same rules."""
    try:
        text = path.read_text("utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        findings.append(Finding("REQ004", "error", path.name, 1, f"not valid TOML ({exc})"))
        return
    project = data.get("project")
    dependencies = project.get("dependencies", []) if isinstance(project, dict) else []
    lines = text.split("\n")
    for dependency in dependencies if isinstance(dependencies, list) else []:
        number = next((i for i, ln in enumerate(lines, 1) if str(dependency) in ln), 1)
        _requirement(str(dependency).strip(), path.name, number, findings)


def _reachable(modules: dict[str, _Python], start: str = "connector.py") -> set[str]:
    """The project's own modules that `start` imports, directly or through each other."""
    seen = {start}
    todo = [start]
    while todo:
        rel = todo.pop()
        here = PurePosixPath(rel).parent
        for level, name in modules[rel].imports():
            base = here
            for _ in range(max(level - 1, 0)):
                base = base.parent
            stem = (base if level else PurePosixPath(".")) / name.replace(".", "/")
            for candidate in (f"{stem}.py", f"{stem}/__init__.py"):
                candidate = PurePosixPath(candidate).as_posix()
                if candidate in modules and candidate not in seen:
                    seen.add(candidate)
                    todo.append(candidate)
    return seen


def _operations(modules: dict[str, _Python]) -> None:
    """Data operations and checkpoints may live in any module connector.py imports (a client or
    sync module beside it); the project as a whole must make them."""
    main = modules.get("connector.py")
    if main is None or main.tree is None:
        return
    ops = set().union(*(modules[rel].ops for rel in _reachable(modules)))
    where = "in connector.py or the modules it imports"
    if not ops & DATA_OPS:
        main.add("CSDK006", "error", 1, f"no op.upsert/update/delete/truncate call {where}")
    if "checkpoint" not in ops:
        main.add("CSDK007", "error", 1, f"no op.checkpoint(state) call {where}: syncs could not resume")


def lint(project: Path) -> list[Finding]:
    if not project.is_dir():
        raise UsageError(f"{project}: no such project folder")
    main = project / "connector.py"
    if not main.is_file():
        raise UsageError(f"{project}: no connector.py in it")
    findings: list[Finding] = []
    api = sdk.api_classes()
    modules: dict[str, _Python] = {}
    for path in sorted(project.rglob("*.py")):
        rel = path.relative_to(project).as_posix()
        if any(part.startswith(".") or part in SKIPPED_DIRS for part in Path(rel).parts[:-1]):
            continue
        modules[rel] = _Python(path, rel, findings, main=path == main)
        modules[rel].run(api)
    _operations(modules)
    config = project / "configuration.json"
    if config.exists():
        _configuration(config, findings)
    requirements = project / "requirements.txt"
    if requirements.exists():
        _requirements(requirements, findings)
    pyproject = project / "pyproject.toml"
    if pyproject.exists():
        _pyproject(pyproject, findings)
    return sorted(findings, key=lambda f: (f.severity != "error", f.file, f.line, f.rule))


def as_json(findings: list[Finding]) -> list[dict[str, Any]]:
    return [asdict(f) for f in findings]
