"""Python a user pastes (`here is the script I use today`), read as the request's own structure: each
`requests.get/post(...)` call becomes a method-and-URL line with its query, one `Name: value` line per
header and a JSON body, and the way the script walks the response (`data["responses"].items()`,
`r["answers"]["nps"]`) becomes an example response with placeholders. The code is parsed with `ast`,
never run; string variables are substituted, and a value read from the environment or a name the
script does not set becomes a `<name>` placeholder.
"""

from __future__ import annotations

import ast
import json
import re
from typing import Any
from urllib.parse import urlencode

_BLOCK = re.compile(r"```[ \t]*(?:python|py)?[ \t]*\n(.*?)```", re.S | re.I)
_METHODS = {"get", "post", "put", "patch"}


def rewrite(text: str) -> str:
    """The text with each fenced Python block that makes HTTP calls replaced by what the calls say."""
    def replace(match: re.Match[str]) -> str:
        try:
            tree = ast.parse(match.group(1))
        except SyntaxError:
            return match.group(0)
        said = _calls(tree)
        return "\n".join(said) + "\n" if said else match.group(0)

    return _BLOCK.sub(replace, text)


def _calls(tree: ast.Module) -> list[str]:
    strings = _strings(tree)
    lines: list[str] = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args
                and node.func.attr in _METHODS):
            continue
        url = _text(node.args[0], strings)
        if not url or not re.match(r"https?://|\{|<|/", url):
            continue
        keywords = {k.arg: k.value for k in node.keywords if k.arg}
        params = _dict(keywords.get("params"), strings)
        lines.append(f"{node.func.attr.upper()} {url}" + (f"?{urlencode(params, safe='<>{}')}" if params else ""))
        lines += [f"{name}: {value}" for name, value in _dict(keywords.get("headers"), strings).items()]
        body = keywords.get("json")
        if isinstance(body, ast.Dict):
            lines.append("body " + json.dumps(_dict(body, strings)))
    example = _example(tree)
    if lines and example is not None:
        lines.append("The response looks like " + json.dumps(example))
    return lines


def _strings(tree: ast.Module) -> dict[str, str]:
    """Variables the script sets to a string, or reads from the environment (as `<name>` placeholders)."""
    out: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name, value = node.targets[0].id, node.value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                out[name] = value.value
            elif "environ" in ast.unparse(value) or "getenv" in ast.unparse(value):
                out[name] = f"<{name.lower()}>"
    return out


def _text(node: ast.AST | None, strings: dict[str, str]) -> str:
    if isinstance(node, ast.Constant):
        return str(node.value)
    if isinstance(node, ast.Name):
        return strings.get(node.id, f"<{node.id.lower()}>")
    if isinstance(node, ast.JoinedStr):
        return "".join(_text(part.value if isinstance(part, ast.FormattedValue) else part, strings)
                       for part in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _text(node.left, strings) + _text(node.right, strings)
    return ""


def _dict(node: ast.AST | None, strings: dict[str, str]) -> dict[str, Any]:
    if not isinstance(node, ast.Dict):
        return {}
    out: dict[str, Any] = {}
    for key, value in zip(node.keys, node.values, strict=True):
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            out[key.value] = value.value if isinstance(value, ast.Constant) else _text(value, strings)
    return out


def _example(tree: ast.Module) -> Any:
    """The response's shape as the script reads it: `data["responses"]` walked with `.items()` is an object
    keyed by id, a plain loop a list; the loop variable's subscripts are the record's fields."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.For):
            continue
        source, keyed = node.iter, False
        if isinstance(source, ast.Call) and isinstance(source.func, ast.Attribute) and source.func.attr == "items":
            source, keyed = source.func.value, True
        path = _subscripts(source)
        if not path:
            continue
        target = node.target.elts[-1] if isinstance(node.target, ast.Tuple) else node.target
        key = node.target.elts[0].id if keyed and isinstance(node.target, ast.Tuple) and isinstance(
            node.target.elts[0], ast.Name) else "id"
        record = _fields(node, target.id) if isinstance(target, ast.Name) else {}
        rows: Any = {f"<{key}>": record, "...": {}} if keyed else [record, "..."]
        for part in reversed(path):
            rows = {part: rows}
        return rows
    return None


def _subscripts(node: ast.AST) -> list[str]:
    """`data["a"]["b"]` -> ["a", "b"]."""
    path: list[str] = []
    while isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
        path.insert(0, str(node.slice.value))
        node = node.value
    return path


def _fields(loop: ast.For, name: str) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for node in ast.walk(loop):
        if isinstance(node, ast.Subscript) and not isinstance(getattr(node, "parent", None), ast.Subscript):
            path = _subscripts(node)
            base = node
            while isinstance(base, ast.Subscript):
                base = base.value  # type: ignore[assignment]
            if path and isinstance(base, ast.Name) and base.id == name:
                where = record
                for part in path[:-1]:
                    where = where.setdefault(part, {}) if isinstance(where.get(part, {}), dict) else {}
                where.setdefault(path[-1], "...")
    return record
