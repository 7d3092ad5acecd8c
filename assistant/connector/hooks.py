"""Where the blocks stop, a small model-written hook: `parse_records(body) -> list[dict]` for a response
whose records the engine cannot find (a dict keyed by id, rows as lists, a body in an odd shape).

The model writes one named function; it is checked (one function, no imports beyond a few standard
modules, no file, process or introspection builtins) and executed on the body the probe received, in
a separate isolated Python process with a time and memory limit. It goes into connector.py only if
it returns records there; otherwise the model is told why and tries again, a bounded number of times.
"""

from __future__ import annotations

import ast
import json
import re
import resource
import subprocess
import sys
from dataclasses import dataclass
from typing import Any

from assistant.connector import prompts
from core.errors import AssistantError

ALLOWED_IMPORTS = {"json", "re", "datetime", "math", "decimal"}
FORBIDDEN = {"open", "exec", "eval", "compile", "__import__", "globals", "locals", "vars", "getattr", "setattr",
             "delattr", "input", "breakpoint", "exit", "quit", "help", "memoryview"}
SAMPLE_CHARS = 1800
RUNNER = """
import json, sys
job = json.loads(sys.stdin.read())
space = {}
exec(compile(job["source"], "hook.py", "exec"), space)
rows = space[job["name"]](job["body"])
if hasattr(rows, "__iter__") and not isinstance(rows, (dict, str, bytes)):
    rows = list(rows)  # a tuple, dict.values() or a generator is a list for the engine, which does the same
print(json.dumps(rows if isinstance(rows, list) else {"not a list": type(rows).__name__}, default=str))
"""


class HookRejected(Exception):
    """The model's function cannot be used: why, in words the model is shown on its next try."""


@dataclass
class Hook:
    table: str
    name: str
    source: str
    rows: list[dict[str, Any]]


def check_source(source: str, name: str) -> None:
    """One function called `name` taking the body; standard-library imports only; no builtins that
    reach files, processes or the interpreter; no dunder attributes."""
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise HookRejected(f"it is not valid Python ({exc.msg}, line {exc.lineno})") from exc
    functions = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
    others = [n for n in tree.body if not isinstance(n, ast.FunctionDef | ast.Import | ast.ImportFrom)]
    if len(functions) != 1 or functions[0].name != name or others:
        raise HookRejected(f"write exactly one function, `def {name}(body):`, and nothing else")
    if len(functions[0].args.args) != 1:
        raise HookRejected(f"`{name}` takes one argument, the parsed response body")
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            if any(m.split(".")[0] not in ALLOWED_IMPORTS for m in modules):
                raise HookRejected(f"only these modules may be imported: {', '.join(sorted(ALLOWED_IMPORTS))}")
        if isinstance(node, ast.Name) and node.id in FORBIDDEN:
            raise HookRejected(f"`{node.id}` may not be used")
        if isinstance(node, ast.Attribute) and node.attr.startswith("__"):
            raise HookRejected("dunder attributes may not be used")


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1024**3, 1024**3))
    resource.setrlimit(resource.RLIMIT_CPU, (10, 10))


def run_on_sample(source: str, name: str, body: Any, timeout: float = 15.0) -> list[dict[str, Any]]:
    """The records the function returns for the sample body, run in an isolated Python process."""
    check_source(source, name)
    job = json.dumps({"source": source, "name": name, "body": body})
    try:
        done = subprocess.run([sys.executable, "-I", "-c", RUNNER], input=job, capture_output=True, text=True,
                              timeout=timeout, preexec_fn=_limits, check=False)
    except subprocess.TimeoutExpired as exc:
        raise HookRejected(f"it did not finish within {timeout:.0f} s on the sample") from exc
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["it crashed"])[-1]
        raise HookRejected(f"it raised on the sample: {last[:300]}")
    rows = json.loads(done.stdout)
    if isinstance(rows, dict):
        raise HookRejected(f"it returned a {rows['not a list']}, not a list")
    if not rows or not all(isinstance(r, dict) and r for r in rows):
        raise HookRejected(f"it returned {len(rows)} items, not a non-empty list of records (dicts)")
    return rows


def shape(value: Any, depth: int = 0) -> str:
    """The body's structure in words, for the prompt: `a dict with keys 'ok' (a bool), 'members' (a
    dict of 12 dicts)`."""
    if isinstance(value, dict):
        if depth >= 1:
            inner = {type(v).__name__ for v in value.values()}
            return f"a dict of {len(value)} {'/'.join(sorted(inner))}s" if value else "an empty dict"
        return "a dict with keys " + ", ".join(f"{k!r} ({shape(v, depth + 1)})" for k, v in list(value.items())[:8])
    if isinstance(value, list):
        inner = {type(v).__name__ for v in value}
        return f"a list of {len(value)} {'/'.join(sorted(inner)) or 'item'}s"
    return f"a {type(value).__name__}"


def _sample_text(body: Any) -> str:
    text = json.dumps(body, indent=1, default=str)
    return text if len(text) <= SAMPLE_CHARS else text[:SAMPLE_CHARS] + "\n... (cut)"


def write_parse_records(generator: Any, table: str, body: Any, attempts: int) -> tuple[Hook | None, list[str]]:
    """Ask the model for `parse_records_<table>(body)` until one returns records on the sample body;
    returns it (or None) and one note per attempt."""
    name = f"parse_records_{table}"
    notes: list[str] = []
    feedback = ""
    for attempt in range(1, attempts + 1):
        user = prompts.HOOK_USER.format(name=name, shape=shape(body), sample=_sample_text(body), feedback=feedback)
        messages = [{"role": "system", "content": prompts.HOOK_SYSTEM}, {"role": "user", "content": user}]
        try:
            reply = "".join(generator.stream(messages, max_tokens=400))
        except AssistantError as exc:
            notes.append(f"{table}: hook attempt {attempt}: the model could not be asked ({exc.one_line()})")
            break
        code = re.search(r"```(?:python)?\n(.*?)```", reply, re.S)
        source = (code.group(1) if code else reply).strip("\n") + "\n"
        try:
            rows = run_on_sample(source, name, body)
        except HookRejected as exc:
            notes.append(f"{table}: hook attempt {attempt} rejected: {exc}")
            feedback = prompts.HOOK_RETRY.format(source=source.strip(), problem=exc)
            continue
        notes.append(f"{table}: hook attempt {attempt}: `{name}()` returned {len(rows)} records on the sample")
        return Hook(table, name, source, rows), notes
    return None, notes
