"""GraphQL in a request, read by its grammar: a query written out (or in a JSON body), or only the
schema's SDL (`projects(first: Int!, after: String): ProjectConnection!` plus `type X { ... }` lines),
from which a query that selects every field is built.

Paging arguments written as literals (`invoices(limit: 100, offset: 0)`) become variables, so the
connector can move through the pages without editing the query text.
"""

from __future__ import annotations

import re
from typing import Any

_TYPE = re.compile(r"\b(?:type|interface)\s+(\w+)(?:\s+implements\s+[\w&\s]+)?\s*\{([^{}]*)\}")
_TYPE_LINE = re.compile(r"^[ \t]*(?:[-*•][ \t]*)?(?:type[ \t]+)?([A-Z]\w*)[ \t]*:[ \t]*"
                        r"(\w+[ \t]*(?:\([^()\n]*\))?[ \t]*:[ \t]*\[?[ \t]*[A-Z]\w*[^\n]*)$", re.M)
_FIELD = re.compile(r"(\w+)\s*(\([^()]*\))?\s*:\s*\[?\s*(\w+)")
_SDL_TYPED = re.compile(r"\b\w+\s*:\s*\[?\s*[A-Z]\w*!?\s*\]?!?")  # `name: String!`: a schema, not a query
_PAGING_ARGS = ("first", "last", "after", "before", "limit", "offset", "skip", "page", "per_page", "page_size",
                "take", "cursor")


def is_schema(text: str) -> bool:
    """SDL types a field (`edges: [ProjectEdge!]!`); a query gives arguments values (`first: 50`)."""
    return bool(_SDL_TYPED.search(text)) and not re.search(r"\$\w+|:\s*-?\d", text)


def types(text: str) -> dict[str, list[tuple[str, str, bool]]]:
    """Object types the SDL defines: name -> [(field, type, takes arguments)]. A type is a block
    (`type Issue { id: ID! ... }`) or, in notes, a line naming it and its fields (`- Issue: id: ID!, ...`)."""
    found = [*_TYPE.finditer(text), *_TYPE_LINE.finditer(_TYPE.sub(" ", text))]
    return {m.group(1): [(f.group(1), f.group(3), bool(f.group(2))) for f in _FIELD.finditer(m.group(2))]
            for m in found}


def _selection(name: str, defined: dict[str, list[tuple[str, str, bool]]], seen: tuple[str, ...]) -> str:
    """Every field of a type: scalars by name, object types expanded (not into a type already open)."""
    parts = []
    fields = defined.get(name, [])
    both = {"nodes", "edges"} <= {field for field, _, _ in fields}
    for field, kind, takes_args in fields:
        if takes_args or (both and field == "edges"):
            continue  # a nested connection with required arguments: its own table; `edges` repeats `nodes`
        if kind in defined:
            if kind not in seen and len(seen) < 5:
                parts.append(f"{field} {{ {_selection(kind, defined, (*seen, kind))} }}")
        else:
            parts.append(field)
    return " ".join(parts)


def _roots(text: str) -> list[tuple[str, str, str]]:
    """(field, arguments, type) of each root field: written with arguments outside any type block, or a
    field of `type Query`."""
    root = r"\b(\w+)\s*\(([^()]*)\)\s*:\s*\[?\s*(\w+)"
    query = re.search(r"\btype\s+Query\s*\{([^{}]*)\}", text)
    places = [_TYPE.sub(" ", text), query.group(1) if query else ""]
    return [(m.group(1), m.group(2), m.group(3)) for place in places for m in re.finditer(root, place)]


def from_schema(text: str, limits: dict[str, int], tables: list[str] | None = None) -> tuple[str, dict[str, Any]]:
    """A query from SDL: a root field whose type the SDL defines, the one a stated table is named after
    first; its paging arguments become variables (the size at the stated maximum)."""
    defined = types(text)
    roots = [r for r in _roots(text) if r[2] in defined]
    named = {w.lower() for w in tables or []}
    for root, arguments, kind in sorted(roots, key=lambda r: r[0].lower() not in named):
        declared = re.findall(r"(\w+)\s*:\s*(\[?\s*\w+!?\s*\]?!?)", arguments)
        variables = {name: limits.get(name, 50) for name, kind_ in declared
                     if name in ("first", "last", "limit", "per_page", "page_size", "take") and "Int" in kind_}
        wanted = [(name, kind_) for name, kind_ in declared if name in variables or name in _PAGING_ARGS]
        header = ", ".join(f"${name}: {kind_.replace(' ', '')}" for name, kind_ in wanted)
        call = ", ".join(f"{name}: ${name}" for name, _ in wanted)
        selection = _selection(kind, defined, (kind,))
        query = f"query({header}) {{ {root}({call}) {{ {selection} }} }}" if wanted else \
            f"query {{ {root} {{ {selection} }} }}"
        return query, variables
    return "", {}


def literals_to_variables(query: str) -> tuple[str, dict[str, Any]]:
    """`invoices(limit: 100, offset: 0)` -> `query($limit: Int, $offset: Int) { invoices(limit: $limit,
    offset: $offset) ... }` with {"limit": 100, "offset": 0}: paging arguments the connector must vary."""
    variables: dict[str, Any] = {}

    def swap(match: re.Match[str]) -> str:
        name, value = match.group(1), match.group(2)
        if name not in _PAGING_ARGS:
            return match.group(0)
        variables[name] = int(value) if re.fullmatch(r"-?\d+", value) else value.strip('"')
        return f"{name}: ${name}"

    body = re.sub(r"\b(\w+)\s*:\s*(-?\d+|\"[^\"]*\")", swap, query)
    if not variables:
        return query, {}
    declared = ", ".join(f"${name}: {'Int' if isinstance(value, int) else 'String'}"
                         for name, value in variables.items())
    head = re.match(r"\s*(?:query\s*(\w*)\s*(?:\(([^()]*)\))?\s*)?\{", body)
    if head is None:
        return query, {}
    name, existing = head.group(1) or "", (head.group(2) or "").strip()
    opening = f"query {name}({existing + ', ' if existing else ''}{declared}) {{".replace("query (", "query(")
    return opening + body[head.end():], variables
