"""The model's part of extraction: it proposes the facts the text pass left open, under a JSON
schema, and a value is kept only if the request itself contains it, so an invented field is
dropped and reported instead of guessed."""

from __future__ import annotations

import json
import re
from typing import Any

from assistant.connector import prompts
from assistant.connector import request as rq
from assistant.connector.extract import Extraction
from assistant.connector.spec import Incremental, Table
from core.errors import GenerationError

SPEC_HINT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "tables": {"type": "array", "items": {"type": "object", "properties": {
            "name": {"type": "string"}, "primary_key": {"type": "string"}, "records_path": {"type": "string"},
            "incremental_field": {"type": "string"}}, "required": ["name", "primary_key", "records_path"]}},
    },
    "required": ["tables"],
}


def worth_asking(extraction: Extraction, text: str) -> bool:
    """Whether the model could settle anything: a records path only counts when the request shows a
    JSON example to check the answer against (otherwise only a probe can settle it)."""
    open_facts = [u for u in extraction.spec.unresolved if "where the records sit" not in u or rq.json_examples(text)]
    return any(fact in u for u in open_facts for fact in ("primary key", "where the records sit", "incremental"))


def complete_with_model(extraction: Extraction, text: str, generator: Any) -> Extraction:
    """Ask the model for the facts the text pass left open; keep only values found in the text."""
    spec = extraction.spec
    if not worth_asking(extraction, text):
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

    record_paths = {path for example in rq.json_examples(text) for path, _ in rq.list_paths(example)}

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
        for fact, attribute in (("primary key", "primary_key"), ("where the records sit", "records_path"),
                                ("incremental", "incremental_field")):
            value = verified(hint.get(attribute), attribute)
            note = next((u for u in spec.unresolved if u.startswith(f"{table.name}: ") and fact in u), None)
            if value and note:
                _settle(table, attribute, value)
                spec.unresolved.remove(note)
                extraction.decided[f"{table.name}.{attribute}"] = "model"
    return extraction


def _settle(table: Table, attribute: str, value: str) -> None:
    if attribute == "primary_key":
        table.primary_key = [value]
    elif attribute == "records_path":
        table.records = value
    else:
        table.incremental = Incremental(field=value, param=table.incremental.param if table.incremental else "")
