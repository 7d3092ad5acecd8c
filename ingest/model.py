"""The two records ingest passes around: a source document and the chunks cut from it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any


@dataclass
class Document:
    source: str  # repository id ("fivetran/fivetran_connector_sdk"), "docs" or "sdk"
    path: str  # repo-relative path, or the page URL for docs
    kind: str
    text: str
    language: str  # python | markdown | json | text
    url: str = ""
    example: str = ""
    title: str = ""  # project or page title, carried into every chunk's indexed text
    commit: str = ""
    tags: dict[str, list[str]] = field(default_factory=dict)
    anchors: dict[int, str] = field(default_factory=dict)  # heading line -> HTML anchor


@dataclass
class Chunk:
    doc: Document
    body: str
    start_line: int
    end_line: int
    heading: str = ""  # heading path ("Setup > Auth") or code symbol ("def update")
    anchor: str = ""

    def header(self) -> str:
        where = f"{self.doc.path}:{self.start_line}-{self.end_line}"
        first = " | ".join(p for p in (self.doc.kind, self.doc.example, where) if p)
        second = " | ".join(p for p in (self.doc.title, self.heading) if p)
        return first + ("\n" + second if second else "") + "\n"

    def indexed_text(self) -> str:
        """What both BM25 and the embedder see: location and titles, then the body."""
        return self.header() + self.body

    @cached_property
    def _hash(self) -> str:
        return hashlib.sha256(self.indexed_text().encode("utf-8")).hexdigest()

    def content_hash(self) -> str:
        """Hash of what gets embedded: equal texts share one vector in the embedding cache."""
        return self._hash

    def chunk_id(self) -> str:
        key = f"{self.doc.source}\x00{self.doc.path}\x00{self.start_line}\x00{self._hash}"
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]

    def metadata(self) -> dict[str, Any]:
        doc = self.doc
        meta: dict[str, Any] = {
            "kind": doc.kind,
            "source": doc.source,
            "path": doc.path,
            "url": doc.url + (f"#{self.anchor}" if self.anchor and doc.url and doc.kind != "rule" else ""),
            "start_line": self.start_line,
            "end_line": self.end_line,
            "title": self.heading or doc.title,
            "doc_title": doc.title,
            "example": doc.example,
            "language": doc.language,
            "commit": doc.commit,
            "header_len": len(self.header()),
            "tags": " ".join(f"{k}:{v}" for k, vs in sorted(doc.tags.items()) for v in vs),
        }
        for key, values in doc.tags.items():
            for value in values:
                meta[f"tag_{key}_{value}"] = True
        return meta
