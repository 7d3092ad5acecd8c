"""An OpenAPI (or Swagger) fragment pasted into a request, read as the request's own structure: the
server URL, each GET path with its query parameters (`$ref`s resolved), the security scheme as a header
or query line, stated maximums, a response header that carries the next cursor, and an example record
built from the response schema. The document is parsed with PyYAML (JSON is YAML too); a fragment that
does not parse is left as it was.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

_BLOCK = re.compile(r"```[ \t]*(?:ya?ml|json)?[ \t]*\n(.*?)```", re.S | re.I)
_SAMPLES = {"integer": 1, "number": 1.5, "boolean": True, "string": "..."}


def rewrite(text: str) -> str:
    """The text with each fenced OpenAPI document replaced by the lines it amounts to."""
    def replace(match: re.Match[str]) -> str:
        said = _document(match.group(1))
        return "\n".join(said) + "\n" if said else match.group(0)

    return _BLOCK.sub(replace, text) if re.search(r"\b(openapi|swagger)\s*:", text) else text


def _document(source: str) -> list[str]:
    try:
        doc = yaml.safe_load(source)
    except yaml.YAMLError:
        return []
    if not isinstance(doc, dict) or not isinstance(doc.get("paths"), dict) or not ({"openapi", "swagger"} & set(doc)):
        return []
    lines = []
    servers = doc.get("servers") or []
    if servers and isinstance(servers[0], dict) and servers[0].get("url"):
        lines.append(f"The API root is {servers[0]['url']}")
    lines += _security(doc)
    for path, item in doc["paths"].items():
        operation = item.get("get") if isinstance(item, dict) else None
        if isinstance(operation, dict):
            lines += _operation(doc, str(path), operation)
    return lines


def _resolve(doc: dict[str, Any], node: Any) -> Any:
    """A `$ref` within the document, followed (once per level)."""
    if isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/"):
        target: Any = doc
        for part in node["$ref"][2:].split("/"):
            target = target.get(part) if isinstance(target, dict) else None
        return target if target is not None else node
    return node


def _security(doc: dict[str, Any]) -> list[str]:
    schemes = ((doc.get("components") or {}).get("securitySchemes") or
               doc.get("securityDefinitions") or {})
    for name, scheme in schemes.items():
        if not isinstance(scheme, dict):
            continue
        kind, where = scheme.get("type"), scheme.get("in")
        if kind == "apiKey" and where == "query":
            return [f"The key goes in the query: ?{scheme.get('name')}=<{scheme.get('name')}>"]
        if kind == "apiKey" and where == "header":
            return [f"{scheme.get('name')}: <{re.sub(r'[^a-z0-9]+', '_', str(name).lower())}>"]
        if kind == "http" and str(scheme.get("scheme", "")).lower() == "bearer":
            return ["Authorization: Bearer <token>"]
        if kind in ("http", "basic") and str(scheme.get("scheme", "basic")).lower() == "basic":
            return ["Authorization: Basic <username>:<password>"]
    return []


def _operation(doc: dict[str, Any], path: str, operation: dict[str, Any]) -> list[str]:
    query, lines = [], []
    for parameter in operation.get("parameters") or []:
        parameter = _resolve(doc, parameter)
        if not isinstance(parameter, dict) or parameter.get("in") != "query":
            continue
        name, schema = parameter.get("name"), _resolve(doc, parameter.get("schema") or {})
        query.append(f"{name}=<{name}>")
        if isinstance(schema, dict) and isinstance(schema.get("maximum"), int):
            lines.append(f"{name} can be at most {schema['maximum']}")
    response = _resolve(doc, ((operation.get("responses") or {}).get("200") or
                              (operation.get("responses") or {}).get(200) or {}))
    for header in (response.get("headers") or {}) if isinstance(response, dict) else {}:
        lines.append(f"{header}: <{re.sub(r'[^a-z0-9]+', '_', str(header).lower()).strip('_')}>")
    content = (response.get("content") or {}) if isinstance(response, dict) else {}
    schema = next((c.get("schema") for c in content.values() if isinstance(c, dict)), None) or (
        response.get("schema") if isinstance(response, dict) else None)
    example = _sample(doc, schema, 0) if schema else None
    head = f"GET {path}" + ("?" + "&".join(query) if query else "")
    shown = json.dumps(example)
    shown = shown[:-1] + ", ...]" if isinstance(example, list) else shown  # more records follow
    return [head, *lines] + ([f"returns {shown}"] if example is not None else [])


def _sample(doc: dict[str, Any], schema: Any, depth: int) -> Any:
    schema = _resolve(doc, schema)
    if not isinstance(schema, dict) or depth > 4:
        return "..."
    kind = schema.get("type") or ("object" if "properties" in schema else "array" if "items" in schema else "")
    if kind == "array":
        return [_sample(doc, schema.get("items"), depth + 1)]
    if kind == "object":
        return {name: _sample(doc, value, depth + 1) for name, value in (schema.get("properties") or {}).items()}
    return _SAMPLES.get(str(kind), "...")
