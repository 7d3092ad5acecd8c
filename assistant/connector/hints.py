"""The model's part of extraction: it proposes the facts the text pass left open, under a JSON
schema, and a value is kept only if the request itself contains it, so an invented field is
dropped and reported instead of guessed."""

from __future__ import annotations

import json
import re
from typing import Any

from assistant.connector import prompts
from assistant.connector.extract import Extraction, json_examples, list_paths
from core.errors import GenerationError

SPEC_HINT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "tables": {"type": "array", "items": {"type": "object", "properties": {
            "name": {"type": "string"}, "primary_key": {"type": "string"}, "records_path": {"type": "string"},
            "incremental_field": {"type": "string"}}, "required": ["name", "primary_key", "records_path"]}},
        "cursor_field": {"type": "string"},
    },
    "required": ["tables"],
}


def complete_with_model(extraction: Extraction, text: str, generator: Any) -> Extraction:
    """Ask the model for the facts the text pass left open; keep only values found in the text."""
    spec = extraction.spec
    if not spec.unresolved:
        return extraction
    messages = [{"role": "system", "content": prompts.EXTRACT_SYSTEM},
                {"role": "user", "content": prompts.EXTRACT_USER.format(request=text.strip(),
                                                                       tables=", ".join(t.name for t in spec.tables))}]
    try:
        reply = json.loads(generator.complete_json(messages, SPEC_HINT_SCHEMA, max_tokens=300))
    except (ValueError, GenerationError):
        spec.unresolved.append("the model's reply was not valid JSON under the schema; its hints were ignored")
        return extraction
    stated = set(re.findall(r"[A-Za-z_]\w*", text))

    record_paths = {path for example in json_examples(text) for path in list_paths(example)}

    def verified(value: object, attribute: str = "") -> str | None:
        if not isinstance(value, str) or not value:
            return None
        if attribute == "records_path":  # must be a list in a JSON example the request shows
            return value if value in record_paths else None
        return value if all(p in stated for p in value.split(".")) else None

    by_name = {t.name: t for t in spec.tables}
    for hint in reply.get("tables", []) if isinstance(reply, dict) else []:
        table = by_name.get(str(hint.get("name", "")))
        if table is None:
            continue
        for fact, attribute in (("primary key", "primary_key"), ("records", "records_path"),
                                ("incremental", "incremental_field")):
            value = verified(hint.get(attribute), attribute)
            note = next((u for u in spec.unresolved if u.startswith(f"{table.name}: ") and fact in u), None)
            if value and note:
                setattr(table, attribute, [value] if attribute == "primary_key" else value)
                spec.unresolved.remove(note)
                extraction.decided[f"{table.name}.{attribute}"] = "model"
    cursor = verified(reply.get("cursor_field")) if isinstance(reply, dict) else None
    note = next((u for u in spec.unresolved if "next cursor" in u), None)
    if cursor and note:
        spec.pagination.cursor_field = cursor
        spec.unresolved.remove(note)
        extraction.decided["cursor_field"] = "model"
    return extraction
