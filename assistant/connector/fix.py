"""`assistant fix`: repair a connector, smallest change first, at most N attempts.

Lint findings with a known mechanical fix are applied without a model (op.update's `data=` becomes
`modified=`, a yielded operation becomes a plain call, print becomes log.info, ...). A runtime
exception in connector.py goes to the model with only the failing function and the masked
traceback; its reply must be that one function, which replaces the old one. Every change is shown
as a diff and written through the one writer (a .bak is kept). Only CODE failures are repaired.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.connector import lint as lint_mod
from assistant.connector import prompts, writer
from assistant.connector.validate import RunResult

IMPORTS = ("from fivetran_connector_sdk import Connector\nfrom fivetran_connector_sdk import Logging as log\n"
           "from fivetran_connector_sdk import Operations as op\n")


@dataclass
class Step:
    attempt: int
    how: str  # "lint" | "model" | "validate"
    summary: str
    diff: str = ""


@dataclass
class Outcome:
    fixed: bool
    steps: list[Step] = field(default_factory=list)
    result: RunResult | None = None
    stopped_because: str = ""


def _lines_fix(text: str, findings: list[lint_mod.Finding]) -> tuple[str, list[str]]:
    """Mechanical fixes for connector.py, line by line; returns the new text and what was done."""
    lines = text.split("\n")
    done: list[str] = []
    for f in (f for f in findings if f.file == "connector.py"):
        i = f.line - 1
        if not 0 <= i < len(lines):
            continue
        line = lines[i]
        if f.rule == "CSDK004":
            new = re.sub(r"\byield\s+(from\s+)?(?=\w+\.)", "", line, count=1)
        elif f.rule == "CSDK005" and "unexpected keyword argument 'data'" in f.message and ".update(" in line:
            new = line.replace("data=", "modified=", 1)
        elif f.rule == "CSDK103":
            new = line.replace(".fine(", ".debug(").replace(".severe(", ".error(")
        elif f.rule == "CSDK012" and re.search(r"\bprint\(", line):
            new = re.sub(r"\bprint\(", "log.info(", line, count=1)
        elif f.rule == "CSDK013" and re.search(r"\b(sys\.)?exit\(", line):
            indent = line[: len(line) - len(line.lstrip())]
            new = f'{indent}raise RuntimeError("the connector stopped: see the log above")'
        else:
            continue
        if new != line:
            lines[i] = new
            done.append(f"{f.rule} at line {f.line}: {line.strip()} -> {new.strip()}")
    text = "\n".join(lines)
    rules = {f.rule for f in findings if f.file == "connector.py"}
    if "CSDK001" in rules:
        text = _add_imports(text)
        done.append("CSDK001: added the SDK imports")
    if "CSDK002" in rules and re.search(r"^def update\(", text, re.M):
        schema = ", schema=schema" if re.search(r"^def schema\(", text, re.M) else ""
        text = text.rstrip("\n") + (
            f"\n\n\n# Create the connector object\nconnector = Connector(update=update{schema})\n")
        done.append("CSDK002: added the module-level connector object")
    return text, done


def _add_imports(text: str) -> str:
    tree = ast.parse(text)
    have = {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module == "fivetran_connector_sdk"
            for a in n.names}
    wanted = "".join(line + "\n" for line in IMPORTS.splitlines() if line.split(" import ")[1].split()[0] not in have)
    lines = text.split("\n")
    at = 0
    if tree.body and isinstance(tree.body[0], ast.Expr) and isinstance(tree.body[0].value, ast.Constant):
        at = tree.body[0].end_lineno or 0
    return "\n".join(lines[:at] + [wanted.rstrip("\n")] + lines[at:])


def _other_files_fix(project: Path, findings: list[lint_mod.Finding]) -> tuple[dict[str, str], list[str]]:
    files: dict[str, str] = {}
    done: list[str] = []
    rules = {(f.file, f.rule) for f in findings}
    requirements = project / "requirements.txt"
    if ("requirements.txt", "REQ002") in rules:
        kept = [ln for ln in requirements.read_text("utf-8").split("\n") if not re.match(
            r"^\s*(requests|fivetran[-_]connector[-_]sdk)\b", ln, re.I)]
        files["requirements.txt"] = "\n".join(kept)
        done.append("REQ002: removed packages the runtime provides")
    config = project / "configuration.json"
    if ("configuration.json", "CFG003") in rules:
        data = json.loads(config.read_text("utf-8"))
        files["configuration.json"] = json.dumps({k: v if isinstance(v, str | dict | list) else json.dumps(v)
                                                  for k, v in data.items()}, indent=2) + "\n"
        done.append("CFG003: turned non-string configuration values into strings")
    return files, done


def failing_function(text: str, line: int) -> ast.FunctionDef | None:
    tree = ast.parse(text)
    best = None
    for node in ast.walk(tree):
        inside = isinstance(node, ast.FunctionDef) and node.lineno <= line <= (node.end_lineno or node.lineno)
        if inside and isinstance(node, ast.FunctionDef) and (best is None or node.lineno > best.lineno):
            best = node
    return best


def model_patch(text: str, result: RunResult, generator: Any) -> tuple[str, str] | None:
    """Ask the model to rewrite the one function the traceback points at; None if it cannot."""
    match = re.search(r"connector\.py:(\d+)", result.reason)
    if not match:
        return None
    fn = failing_function(text, int(match.group(1)))
    if fn is None:
        return None
    source = ast.get_source_segment(text, fn) or ""
    messages = [{"role": "system", "content": prompts.FIX_SYSTEM},
                {"role": "user", "content": prompts.FIX_USER.format(error=result.reason, function=source,
                                                                    log="\n".join(result.log_tail[-8:]))}]
    reply = "".join(generator.stream(messages, max_tokens=700))
    code = re.search(r"```(?:python)?\n(.*?)```", reply, re.S)
    candidate = (code.group(1) if code else reply).strip("\n")
    try:
        tree = ast.parse(candidate)
    except SyntaxError:
        return None
    defs = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
    if len(defs) != 1 or defs[0].name != fn.name:
        return None
    if ast.dump(defs[0], include_attributes=False) == ast.dump(fn, include_attributes=False):
        return None  # only comments or spacing changed: not a repair
    lines = text.split("\n")
    start = min([fn.lineno] + [d.lineno for d in fn.decorator_list]) - 1
    indent = lines[start][: len(lines[start]) - len(lines[start].lstrip())]
    replacement = [indent + ln if ln.strip() else ln for ln in candidate.split("\n")]
    new = "\n".join(lines[:start] + replacement + lines[fn.end_lineno or fn.lineno :])
    return new, f"model rewrote {fn.name}()"


def _lint_step(project: Path, attempt: int, outcome: Outcome, show: Callable[[Step], None]) -> bool | None:
    """Apply the mechanical fixes lint knows. True: something was fixed; None: nothing to fix;
    False: errors remain that no mechanical fix removes (outcome.stopped_because says which)."""
    findings = lint_mod.lint(project)
    errors = [f for f in findings if f.severity == "error"]
    text = (project / "connector.py").read_text("utf-8")
    new_text, done = _lines_fix(text, findings)  # warnings with a mechanical fix (log.fine) go too
    if not errors and new_text == text:
        return None
    files, more = _other_files_fix(project, errors)
    if new_text != text:
        files["connector.py"] = new_text
    if not files:
        outcome.stopped_because = "lint errors with no mechanical fix: " + "; ".join(f.render() for f in errors[:5])
        return False
    _, change = writer.changes(project, files)
    writer.write(project, files, force=True, backup=not outcome.steps)  # .bak keeps the original
    _record(outcome, Step(attempt, "lint", "; ".join(done + more), change), show)
    return True


def _record(outcome: Outcome, step: Step, show: Callable[[Step], None]) -> None:
    outcome.steps.append(step)
    show(step)


def _give_up(result: RunResult, last_error: str, can_patch: bool) -> str | None:
    """Why repairing stops after this run, or None to ask the model for a patch."""
    if result.category != "CODE":
        return f"{result.category} failure, not a code problem: {result.reason}"
    if result.reason == last_error:
        return f"the same error came back: {result.reason}"
    if not can_patch:
        return f"needs a code change that lint cannot make: {result.reason}"
    return None


def repair(project: Path, *, attempts: int, run: Callable[[], RunResult] | None,
           generator_factory: Callable[[], Any] | None, show: Callable[[Step], None],
           first: RunResult | None = None, should_stop: Callable[[], bool] | None = None) -> Outcome:
    """Lint fixes, then run, then model patches, until PASS, a non-CODE failure, a repeat, or N attempts.
    `first` is a failure already known (from --log), used instead of the first run; `should_stop` is
    asked before each step (the chat's Esc)."""
    outcome = Outcome(False)
    stopped = should_stop or (lambda: False)
    last_error = ""
    for attempt in range(1, attempts + 1):
        if stopped():
            outcome.stopped_because = "stopped on request"
            return outcome
        linted = _lint_step(project, attempt, outcome, show)
        if linted is False:
            return outcome
        if linted:
            continue
        if first is not None:
            result, first = first, None
        elif run is not None:
            result = run()
        else:  # lint only: nothing left to fix
            outcome.fixed = True
            return outcome
        outcome.result = result
        if result.verdict == "PASS":
            outcome.fixed = True
            return outcome
        why = _give_up(result, last_error, generator_factory is not None)
        if why is None and stopped():
            why = "stopped on request"
        if why is not None:
            outcome.stopped_because = why
            return outcome
        last_error = result.reason
        assert generator_factory is not None
        text = (project / "connector.py").read_text("utf-8")
        patch = model_patch(text, result, generator_factory())
        if patch is None:
            outcome.stopped_because = f"the model gave no usable change for: {result.reason}"
            return outcome
        writer.write(project, {"connector.py": patch[0]}, force=True, backup=not outcome.steps)
        _record(outcome, Step(attempt, "model", patch[1], writer.diff("connector.py", text, patch[0])), show)
    outcome.stopped_because = outcome.stopped_because or f"no PASS after {attempts} attempt(s)"
    return outcome
