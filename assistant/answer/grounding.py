"""The exact calls and commands an answer about named API starts with, taken from introspection.

A small model misremembers argument names (`op.update(table, data)`) and flags. When a question's
route names SDK members or CLI commands, the answer opens with each one as the installed SDK
defines it, and a minimal call built from its required parameters; the model explains around it.
"""

from __future__ import annotations

from core.sdk import Surface
from ingest.cards import card

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


def _card(target: str, surface: Surface) -> list[str]:
    """A rule card's one-sentence rule, then the SDK members it names, as the SDK defines them."""
    meta = card(target)
    lines = [meta["gist"]] if meta.get("gist") else []
    for name in filter(None, (n.strip() for n in meta.get("api", "").split(","))):
        lines.append(_call(name, surface))
    return [line for line in lines if line]


def facts(targets: tuple[str, ...], surface: Surface) -> list[str]:
    """One line per target the installed SDK or CLI has (a rule card gives its rule and the API it
    names), in order; nothing for the rest."""
    lines: list[str] = []
    for target in targets:
        if target.startswith("cards/"):
            lines += _card(target, surface)
            continue
        line = _command(target, surface) if " " in target else _call(target, surface)
        if line:
            lines.append(line)
    return lines


LABEL = "From the installed SDK "  # how an answer's opening starts; `without` finds it by this


def header(lines: list[str], version: str, card_title: str = "") -> str:
    """The opening of an answer: the lines, said where they come from."""
    if not lines:
        return ""
    label = f"{LABEL}{version}" + (f" and the rule card \"{card_title}\"" if card_title else "")
    return f"{label}:\n" + "\n".join(f"- {line}" for line in lines) + "\n\n"


def card_title(targets: tuple[str, ...]) -> str:
    return next((card(t).get("title", "") for t in targets if t.startswith("cards/")), "")


def without(text: str) -> str:
    """An answer's text without the opening `header()` wrote: a follow-up's memory keeps what the
    model said; the definitions are fetched again for each question."""
    if not text.startswith(LABEL) or "\n\n" not in text:
        return text
    return text.split("\n\n", 1)[1]
