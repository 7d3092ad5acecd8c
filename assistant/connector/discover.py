"""`assistant discover`: the examples and patterns closest to a described source, and why."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.connector.spec import Spec
from index.retrieve import Filters, Hit, Retriever


@dataclass
class Pick:
    source: str
    kind: str
    example: str
    why: str


def _tags(spec: Spec) -> list[tuple[str, str]]:
    auth = {"bearer": "bearer", "header": "api_key", "query": "api_key", "basic": "basic",
            "oauth2": "oauth2"}.get(spec.auth.kind)
    styles = {"page": "page", "offset": "offset", "cursor": "cursor", "keyset": "cursor", "relay": "cursor",
              "link": "link"}
    kinds = dict.fromkeys(styles[t.pagination.kind] for t in spec.tables if t.pagination.kind in styles)
    tags: list[tuple[str, str]] = [("pagination", kind) for kind in kinds]
    if auth:
        tags.append(("auth", auth))
    if any(t.incremental or t.cursor_column for t in spec.tables):
        tags.append(("sync", "incremental"))
    return tags


def discover(retriever: Retriever, text: str, spec: Spec, limit: int = 5) -> list[Pick]:
    picks: list[Pick] = []
    seen: set[str] = set()

    def add(hits: list[Hit], why: str) -> None:
        for hit in hits:
            folder = hit.metadata.get("example") or hit.metadata.get("path", "")
            if folder in seen:
                continue
            seen.add(folder)
            picks.append(Pick(hit.source.location, hit.metadata.get("kind", ""), folder, why))
            return

    for key, value in _tags(spec):
        query = f"{value} {'pagination' if key == 'pagination' else key} {spec.description}"
        add(retriever.search(query, k=5, filters=Filters(["pattern", "example"], [f"{key}:{value}"])),
            f"a common pattern tagged {key}:{value}, as the request asks")
    add(retriever.search(text, k=5, filters=Filters(["community_connector"])),
        "the community connector closest to the described source")
    add(retriever.search(text, k=5, filters=Filters(["pattern", "example", "template"])),
        "the example closest to the request as a whole")
    return picks[:limit]
