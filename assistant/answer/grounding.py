"""The exact calls and commands an answer about named API starts with, taken from introspection.

A small model misremembers argument names (`op.update(table, data)`) and flags. When a question's
route names SDK members or CLI commands, the answer opens with each one as the installed SDK
defines it, and a minimal call built from its required parameters; the model explains around it.
"""

from __future__ import annotations

from core.sdk import Surface

ALIAS = {"Operations": "op", "Logging": "log", "Connector": "connector"}


def _call(target: str, surface: Surface) -> str:
    found = surface.calls.get(target)
    if found is None:
        return ""
    signature, required = found
    owner, _, member = target.partition(".")
    args = ", ".join(f"{name}=..." for name in required)
    if not member:  # a class: its constructor
        call, defined = f"{owner}({args})", f"{owner}{signature}"
        return f"`{call}`" if call == defined else f"`{call}`: `{defined}`"
    return f"`{ALIAS.get(owner, owner)}.{member}({args})`: `{owner}.{member}{signature}`"


def _command(target: str, surface: Surface) -> str:
    command = target.removeprefix(surface.script).strip()
    if command not in surface.commands:
        return ""
    flags = sorted(f for f in surface.commands[command] if f.startswith("--") and f != "--help")
    usage = surface.usages.get(command, "").replace(" [options]", "") or target
    return f"`{usage}`" + (f"; options: {', '.join(f'`{f}`' for f in flags)}" if flags else "")


def facts(targets: tuple[str, ...], surface: Surface) -> list[str]:
    """One line per target the installed SDK or CLI has, in order; nothing for the rest."""
    lines = []
    for target in targets:
        line = _command(target, surface) if " " in target else _call(target, surface)
        if line:
            lines.append(line)
    return lines


def header(lines: list[str], version: str) -> str:
    """The opening of an answer: the lines, said to come from the installed SDK."""
    if not lines:
        return ""
    return f"From the installed SDK {version}:\n" + "\n".join(f"- {line}" for line in lines) + "\n\n"
