"""A pasted Postman collection, rewritten as the lines it amounts to: `GET <url>` per request, then its
headers as `Name: value` lines, so the rest of the reading takes it like any API doc.

A collection is known by its structure (an `item` list whose entries hold a `request`, nested in
folders or not), never by its name. Its variables (`{{baseUrl}}`) are filled with their values, except
those holding a credential, which become placeholders named after the variable (`<token>`) so that
the configuration key of that name reads them, not the value pasted in the request.
"""

from __future__ import annotations

import json
import re
from typing import Any

_FENCED = re.compile(r"```[a-zA-Z]*\n(.*?)```", re.S)
_SECRET = re.compile(r"token|key|secret|pass|auth|cred", re.I)


def rewrite(text: str) -> str:
    """The text with each pasted collection replaced by its requests as lines."""
    if '"item"' not in text or '"request"' not in text:
        return text

    def replace(match: re.Match[str]) -> str:
        said = _lines(match.group(1))
        return "\n".join(said) + "\n" if said else match.group(0)

    out = _FENCED.sub(replace, text)
    if out != text:
        return out
    start = re.search(r"^\{\s*$|^\{\s*\"", text, re.M)
    if start is None:
        return text
    end = text.rfind("}") + 1
    said = _lines(text[start.start():end])
    return text[:start.start()] + "\n".join(said) + "\n" + text[end:] if said else text


def _lines(source: str) -> list[str]:
    try:
        doc = json.loads(source)
    except ValueError:
        return []
    if not isinstance(doc, dict) or not isinstance(doc.get("item"), list):
        return []
    values = {str(v.get("key")): str(v.get("value", "")) for v in doc.get("variable") or [] if isinstance(v, dict)}
    lines: list[str] = []
    for item in _requests(doc["item"]):
        request = item["request"]
        url = request.get("url")
        raw = url.get("raw", "") if isinstance(url, dict) else str(url or "")
        lines.append(f"{str(request.get('method') or 'GET').upper()} {_filled(raw, values)}   ({item.get('name', '')})")
        for header in request.get("header") or []:
            if isinstance(header, dict) and header.get("key") and not header.get("disabled"):
                lines.append(f"    {header['key']}: {_filled(str(header.get('value', '')), values)}")
        body = (request.get("body") or {}).get("raw") if isinstance(request.get("body"), dict) else None
        if body:
            lines.append(f"    body: {_filled(str(body), values)}")
    return lines


def _requests(items: list[Any]) -> list[dict[str, Any]]:
    """Every request of a collection, folders opened."""
    out = []
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("request"), dict):
            out.append(item)
        elif isinstance(item, dict) and isinstance(item.get("item"), list):
            out += _requests(item["item"])
    return out


def _filled(text: str, values: dict[str, str]) -> str:
    """`{{name}}` as the variable's value; a credential's as `<name>`, for the key of that name."""
    def fill(match: re.Match[str]) -> str:
        name = match.group(1).strip()
        if _SECRET.search(name) or name not in values:
            return f"<{name}>"
        return values[name]

    return re.sub(r"\{\{([^{}]+)\}\}", fill, text)
