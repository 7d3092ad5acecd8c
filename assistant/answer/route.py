"""Which authoritative source a question needs first, read from the names it contains.

The names come from the installed SDK (`core.sdk.surface()`), not from a list of phrasings: a
question that writes `op.delete`, `ConfigurationForm` or `from fivetran_connector_sdk import ...`
is about the SDK's API; one that writes `fivetran reset` or a flag one of the CLI's commands takes
is about the CLI. Everything else is answered from the index as ranked (rule cards, patterns and
docs compete there on equal terms), and its route is named after the kind of the best passage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answer.claims import ALIASES, DOTTED
from core.sdk import Surface

_WORD = re.compile(r"[A-Za-z_][\w-]*")


@dataclass(frozen=True)
class Route:
    name: str  # api | cli | rule | search
    targets: tuple[str, ...] = ()  # "Operations.delete", "ConfigurationForm", "fivetran reset"


def _cli_targets(question: str, surface: Surface) -> list[str]:
    if not surface.script:
        return []
    words = _WORD.findall(question)
    found = [f"{surface.script} {b}" for a, b in zip(words, words[1:], strict=False)
             if a.lower() == surface.script and b in surface.commands and b]
    flags = {f for f in re.findall(r"(?<![\w-])--[a-z][\w-]*", question) if f != "--help"}
    for command, known in surface.commands.items():
        if command and flags & known:
            found.append(f"{surface.script} {command}")
    return list(dict.fromkeys(found))


def _api_targets(question: str, surface: Surface) -> list[str]:
    found = []
    for alias, attr in DOTTED.findall(question):
        cls = ALIASES.get(alias)
        if cls and attr in surface.classes.get(cls, frozenset()):
            found.append(f"{cls}.{attr}")
    found += sorted(n for n in surface.exports & set(_WORD.findall(question)) if _written_as_code(n, question))
    return list(dict.fromkeys(found))


def _written_as_code(name: str, question: str) -> bool:
    """`Connector(`, `Connector.debug`, ConfigurationForm, form_field: an identifier's shape, not a
    word that happens to match ("the Connector SDK")."""
    if re.search(r"[a-z][A-Z]", name) or "_" in name:
        return True
    return bool(re.search(rf"`{name}\b|\b{name}\s*[(.]", question))


def route(question: str, surface: Surface) -> Route:
    """`cli` when the question names a command or one of its flags, else `api` when it names SDK
    API; the targets are everything named, commands first."""
    cli, api = _cli_targets(question, surface), _api_targets(question, surface)
    if cli or api:
        return Route("cli" if cli else "api", tuple(cli + api))
    return Route("search")
