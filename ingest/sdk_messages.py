"""The messages the installed SDK raises, logs and prints, each with the code around it.

Users paste errors ("no runner is installed", "schema() not provided; inferring schema ..."). The
exact text is in the installed package, so it is indexed from there: one document per function
that emits messages, holding the messages (constants resolved) and the function's source. A
pasted error then matches by its own words, whatever the docs call it.
"""

from __future__ import annotations

import ast
import pkgutil
from pathlib import Path
from types import ModuleType

from ingest.model import Document

MIN_CHARS = 20  # shorter strings are keys and formats, not messages
MAX_SOURCE_LINES = 40


def _packages(module: ModuleType) -> list[Path]:
    """The folders of the SDK's top-level packages (fivetran_connector_sdk, ..._cli, ..._core)."""
    top = module.__name__.split(".")[0]
    found = []
    for info in pkgutil.iter_modules():
        if info.ispkg and info.name.startswith(top):
            path = Path(getattr(info.module_finder, "path", "")) / info.name
            if path.is_dir():
                found.append(path)
    return sorted(set(found))


def _text(node: ast.AST, constants: dict[str, str]) -> str:
    """A string literal, an f-string (values shown as {...}) or a named constant, else ""."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(str(v.value) if isinstance(v, ast.Constant) else "{...}" for v in node.values
                       if isinstance(v, ast.Constant | ast.FormattedValue))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _text(node.left, constants) + _text(node.right, constants)
    if isinstance(node, ast.Name | ast.Attribute):
        return constants.get(node.id if isinstance(node, ast.Name) else node.attr, "")
    return ""


def _constants(trees: list[ast.Module]) -> dict[str, str]:
    """Module-level NAME = "message" assignments of every SDK module, by name."""
    found: dict[str, str] = {}
    for tree in trees:
        for node in tree.body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                value = _text(node.value, {})
                if len(value) >= MIN_CHARS and " " in value:
                    found[node.targets[0].id] = value
    return found


def _messages(func: ast.AST, constants: dict[str, str]) -> list[str]:
    out: list[str] = []
    for node in ast.walk(func):
        if isinstance(node, ast.Call):
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                value = _text(arg, constants).strip()
                if len(value) >= MIN_CHARS and " " in value and value not in out:
                    out.append(value)
    return out


def _functions(tree: ast.Module) -> list[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    found = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            found.append((node.name, node))
        elif isinstance(node, ast.ClassDef):
            found += [(f"{node.name}.{n.name}", n) for n in node.body
                      if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    return found


def read_messages(module: ModuleType, version: str) -> list[Document]:
    files = [f for package in _packages(module) for f in sorted(package.rglob("*.py"))]
    sources = {f: f.read_text(encoding="utf-8", errors="replace") for f in files}
    trees = {}
    for f, text in sources.items():
        try:
            trees[f] = ast.parse(text)
        except SyntaxError:
            continue
    constants = _constants(list(trees.values()))
    docs = []
    for f, tree in trees.items():
        package_root = next(p for p in _packages(module) if f.is_relative_to(p)).parent
        name = ".".join(f.relative_to(package_root).with_suffix("").parts).removesuffix(".__init__")
        lines = sources[f].split("\n")
        for qualname, func in _functions(tree):
            messages = _messages(func, constants)
            if not messages:
                continue
            end = min(func.end_lineno or func.lineno, func.lineno + MAX_SOURCE_LINES - 1)
            code = "\n".join(lines[func.lineno - 1 : end])
            text = "\n".join([f"# What `{qualname}` of the installed SDK says ({name}, version {version})", "",
                              "Messages it raises, logs or prints:", *(f"- {m}" for m in messages), "",
                              f"Its code ({name}.py line {func.lineno}):", "", "```python", code, "```", ""])
            docs.append(Document(source="sdk", path=f"{name}:{qualname}", kind="sdk_api", text=text,
                                 language="text", title=f"SDK messages of {qualname} {version}", commit=version))
    return docs
