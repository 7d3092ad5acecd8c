"""What became of every name the request gives: each configuration key, parameter, path placeholder and
back-ticked identifier is found in the spec, in the records the request shows, or it is added to the
spec's `unresolved` with a reason. Nothing the user wrote is dropped without a word."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from assistant.connector import compose
from assistant.connector import request as rq
from assistant.connector.spec import Spec

# Names that describe the protocol rather than this source: they need no place in the spec.
PROTOCOL = {"get", "post", "put", "patch", "delete", "true", "false", "null", "none", "json", "xml", "csv",
            "jsonl", "http", "https", "curl", "utc", "iso", "id", "content-type", "accept", "application/json",
            "authorization", "bearer", "basic", "grant_type", "client_credentials", "fivetran", "debug", "xmlns",
            "rel", "href", "next"}


@dataclass
class Named:
    """One name from the request, and where it went."""

    name: str
    kind: str  # "configuration key", "parameter", "placeholder" or "identifier"
    place: str  # "spec" | "record field" | "protocol" | "unresolved"
    where: str  # the spec path, the table whose records hold it, or the reason

    def render(self) -> str:
        if self.place == "spec":
            return f"`{self.name}` ({self.kind}) -> {self.where}"
        if self.place == "record field":
            return f"`{self.name}` ({self.kind}) -> in {self.where}; the engine reads it as it comes"
        if self.place == "protocol":
            return f"`{self.name}` ({self.kind}) -> part of the protocol, {self.where}"
        return f"`{self.name}` ({self.kind}) -> unresolved: {self.where}"


def names(reading: rq.Reading) -> list[tuple[str, str]]:
    """(name, kind) for every name the request gives, first mention first."""
    found: dict[str, str] = {}
    for key in reading.config_keys:
        found.setdefault(key, "configuration key")
    for endpoint in reading.endpoints:
        for placeholder in re.findall(r"[{<:]([A-Za-z_]\w*)[}>]?", endpoint.path):
            found.setdefault(placeholder, "placeholder")
        for param in endpoint.query:
            found.setdefault(param, "parameter")
    for param in reading.params:
        found.setdefault(param, "identifier" if param in reading.identifiers else "parameter")
    return [(n, k) for n, k in found.items() if not re.fullmatch(r"[A-Z][A-Z0-9_]*", n) or k != "identifier"]


USER_DICTS = ("params", "body", "variables", "keys")
CHOICES = ("kind", "method", "where", "format", "style", "source_type", "driver", "nested")
"""Spec fields whose values are the schema's own choices (`page`, `GET`), never the user's names."""
"""Spec fields whose dict keys are the user's names (query parameters, body fields, parent keys)."""


def _strings(value: Any, path: str = "", user: bool = False) -> list[tuple[str, str]]:
    """(spec path, text) for every string in the spec and every key of the user's own dicts; tables
    are labelled by name."""
    out: list[tuple[str, str]] = []
    if isinstance(value, dict):
        for key, inner in value.items():
            here = f"{path}.{key}" if path else str(key)
            if user:
                out.append((here, str(key)))
            out += _strings(inner, here, user or key in USER_DICTS)
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            label = inner.get("name", index) if isinstance(inner, dict) else index
            out += _strings(inner, f"{path}.{label}", user)
    elif isinstance(value, str) and path.rsplit(".", 1)[-1] not in CHOICES:
        out.append((path, value))
    return out


def _in_spec(name: str, strings: list[tuple[str, str]]) -> str:
    """The first spec path whose text is the name, or holds it as a part (`meta.next`, `{id}`, a query)."""
    part = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
    for path, text in strings:
        if text == name or part.search(text):
            return path
    return ""


def _record_fields(reading: rq.Reading) -> set[str]:
    """Every field name of the JSON examples the request shows, and every element and attribute name
    of its XML examples (`<p:sku code="S1">` gives sku and code)."""
    fields = {part for example in reading.examples() for path in rq.paths(example) for part in path.split(".")}
    for tag in re.findall(r"</?([A-Za-z_][\w:.\-]*)((?:\s+[\w:.\-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*/?>",
                          reading.text):
        fields.add(tag[0].rsplit(":", 1)[-1])
        for attribute in re.findall(r"([\w:.\-]+)\s*=", tag[1]):
            fields.update(attribute.split(":"))
    return fields


def _link_params(reading: rq.Reading) -> set[str]:
    """Query parameters of the links a response example carries: the engine follows those links as given."""
    return set(re.findall(r"href\s*=\s*[\"'][^\"']*?[?&]([A-Za-z_]\w*)=", reading.text)) | {
        name for url in re.findall(r"<(https?://[^>\s]+)>\s*;\s*rel=", reading.text)
        for name in re.findall(r"[?&]([A-Za-z_]\w*)=", url)}


def account(text: str, spec: Spec) -> list[Named]:
    """Where each name of the request went; names found nowhere are added to `spec.unresolved`."""
    reading = rq.read(text)
    data = spec.model_dump(exclude={"description", "unresolved"})
    data["auth"] = {k: v for k, v in data["auth"].items() if k in compose.AUTH_FIELDS[spec.auth.kind]}
    strings = _strings(data)
    strings += [("configuration", key) for key in spec.config_keys()]
    fields, links = _record_fields(reading), _link_params(reading)
    out: list[Named] = []
    for name, kind in names(reading):
        where = _in_spec(name, strings)
        if where:
            out.append(Named(name, kind, "spec", where))
        elif name.lower() in PROTOCOL or name in reading.headers or name in links:
            out.append(Named(name, kind, "protocol", "sent or read by the engine as HTTP requires"))
        elif name in fields:
            out.append(Named(name, kind, "record field", "the example response"))
        else:
            said = next((u for u in spec.unresolved if f"`{name}`" in u), "")
            reason = said or (f"`{name}` is named in the request but no part of the spec uses it; check whether "
                              "it matters (edit the spec with --save-spec / --spec)")
            if not said:
                spec.unresolved.append(reason)
            out.append(Named(name, kind, "unresolved", reason))
    return out
