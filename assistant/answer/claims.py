"""Check every SDK and CLI name an answer writes against the installed SDK.

A small model recalls API that does not exist (`op.insert`, `log.error` on old versions,
`fivetran test`). The names are read from the answer's structure (dotted calls on the SDK's
aliases, `from fivetran_connector_sdk import ...`, `Connector(...)` keywords, command lines that
start with the CLI's script name) and looked up in `core.sdk.surface()`; nothing is guessed from
wording. An empty surface (SDK not installed) checks nothing.
"""

from __future__ import annotations

import re

from core.sdk import MODULE, Surface

ALIASES = {"op": "Operations", "operations": "Operations", "Operations": "Operations",
            "log": "Logging", "Logging": "Logging", "connector": "Connector", "Connector": "Connector"}
DOTTED = re.compile(r"(?<![\w.])(op|operations|Operations|log|Logging|connector|Connector)\.([A-Za-z_]\w*)")
_IMPORT = re.compile(rf"from\s+{MODULE}\s+import\s+\(?([\w\s,]+?)\)?(?:$|\n)", re.M)
_CONNECTOR_CALL = re.compile(r"(?<![\w.])Connector\(([^()]*)\)")
_KEYWORD = re.compile(r"(\w+)\s*=")
_FILE_SUFFIXES = {"py", "json", "txt", "md", "toml", "db", "yaml", "yml", "cfg", "ini", "log", "csv"}  # connector.py
_CODE = re.compile(r"```[^\n]*\n(.*?)```|`([^`\n]+)`", re.S)


def code_parts(text: str) -> list[str]:
    """Fenced blocks and inline code spans: where commands and calls are written as such."""
    return [m.group(1) if m.group(1) is not None else m.group(2) for m in _CODE.finditer(text)]


def _python_names(text: str, surface: Surface) -> list[str]:
    unknown = []
    for alias, attr in DOTTED.findall(text):
        known = surface.classes.get(ALIASES[alias])
        if known is not None and attr not in known and attr not in _FILE_SUFFIXES:
            unknown.append(f"{alias}.{attr}")
    for group in _IMPORT.findall(text):
        for item in group.split(","):
            name = item.split()[0] if item.split() else ""
            if name and name not in surface.exports:
                unknown.append(f"from {MODULE} import {name}")
    allowed = surface.classes.get("Connector", frozenset())
    for args in _CONNECTOR_CALL.findall(text):
        unknown += [f"Connector({k}=...)" for k in _KEYWORD.findall(args) if k not in allowed]
    return unknown


def _commands(text: str, surface: Surface) -> list[str]:
    unknown = []
    for part in code_parts(text):
        for line in part.split("\n"):
            words = line.strip().removeprefix("$ ").split()
            if len(words) < 2 or words[0] != surface.script or words[1].startswith(("-", "<", "[")):
                continue  # a flag, or a placeholder such as `fivetran <command>`
            command = words[1]
            if len(words) > 2 and f"{command} {words[2]}" in surface.commands:  # `fivetran package create`
                command, words = f"{command} {words[2]}", words[1:]
            if command not in surface.commands:
                unknown.append(f"{surface.script} {command}")
                continue
            flags = surface.commands[command] | surface.commands.get("", frozenset())
            unknown += [f"{surface.script} {command} {w.split('=')[0]}" for w in words[2:]
                        if w.startswith("-") and w.split("=")[0] not in flags]
    return unknown


def unknown_names(text: str, surface: Surface) -> list[str]:
    """Each SDK call, import, Connector keyword, CLI command or flag in `text` that the installed
    SDK lacks, in order, once each."""
    if not surface.version:
        return []
    found = _python_names(text, surface) + (_commands(text, surface) if surface.script else [])
    return list(dict.fromkeys(found))


def helpers_as_api(text: str, passages: list[str], surface: Surface) -> list[str]:
    """Functions an example defines that the answer offers instead of any SDK API: called or quoted
    in the answer, defined with `def` in a passage, not one of the functions the SDK calls
    (`update`, `schema`, `configuration_form`: the Connector's parameters), and the answer names
    no SDK call at all. (An answer that uses op.upsert and mentions a helper is fine.)"""
    if not surface.version or DOTTED.search(text) or "Connector(" in text:
        return []
    defined = {name for p in passages for name in re.findall(r"\bdef\s+(\w+)\s*\(", p)}
    own = surface.classes.get("Connector", frozenset())
    named = re.findall(r"`(\w+)(?:\(\))?`|\b(\w+)\(", text)
    found = [a or b for a, b in named if (a or b) in defined and (a or b) not in own]
    return list(dict.fromkeys(found))


_UNIT = re.compile(r"```.*?```|[^\n]*?(?:[.!?](?=\s)|\n|$)", re.S)  # a fenced block, a sentence or a line


def drop(text: str, unknown: list[str], surface: Surface) -> str:
    """The answer without the sentences, lines and code blocks that name what the installed SDK
    lacks, and a visible note saying what was left out: a wrong call is not shown, even flagged."""
    if not unknown:
        return text
    kept, dropped = [], 0
    for unit in _UNIT.findall(text):
        if unit.strip() and unknown_names(unit, surface):
            dropped += 1
            continue
        kept.append(unit)
    names = ", ".join(f"`{n}`" for n in unknown)
    body = re.sub(r"\n{3,}", "\n\n", "".join(kept)).strip()
    note = (f"(Left out {dropped} {'part' if dropped == 1 else 'parts'} naming {names}, which the installed SDK "
            f"({surface.version}) does not have.)")
    return f"{body}\n\n{note}" if body else note


_NOTE = re.compile(r"\(Left out \d+ parts? naming .*? does not have\.\)")  # the note `drop` writes


def without_note(text: str) -> str:
    """The answer as shown, less the note `drop` wrote (which names what it left out)."""
    return _NOTE.sub("", text)
