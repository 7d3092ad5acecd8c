"""Hybrid retrieval: vector search and BM25, fused by reciprocal rank fusion, with kind/tag filters."""

from __future__ import annotations

import contextlib
import os
import pickle
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from core import paths
from core.errors import UsageError
from index.embed import Embedder
from index.meta import KINDS, EmbedderInfo
from index.source import Source
from index.store import Store
from index.tags import parse_filter
from index.tokens import query_tokens, tokenize

RRF_K = 60
PER_PATH = 2  # at most this many chunks of one file in a result list
PER_EXAMPLE = 3  # ... and of one example project


@dataclass
class Hit:
    rank: int
    id: str
    score: float
    document: str
    metadata: dict[str, Any]
    via: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.document[int(self.metadata.get("header_len", 0)) :]

    @property
    def source(self) -> Source:
        return Source.of(self.metadata)

    def as_json(self) -> dict[str, Any]:
        """One result of `assistant search --json`."""
        s = self.source
        return {
            "rank": self.rank, "kind": s.kind, "source": s.path, "repo": s.repo, "url": s.url or None,
            "start_line": s.start_line, "end_line": s.end_line, "title": s.title, "example": s.example or None,
            "tags": list(s.tags), "score": round(self.score, 6), "text": self.text,
        }


@dataclass
class Filters:
    kinds: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.kinds = [k.lower() for k in self.kinds]
        for kind in self.kinds:
            if kind not in KINDS:
                raise UsageError(f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")
        for tag in self.tags:
            try:
                parse_filter(tag)
            except ValueError as exc:
                raise UsageError(str(exc)) from None

    def where(self) -> dict[str, Any] | None:
        clauses: list[dict[str, Any]] = []
        if self.kinds:
            clauses.append({"kind": {"$in": self.kinds}} if len(self.kinds) > 1 else {"kind": self.kinds[0]})
        for tag in self.tags:
            key, value = parse_filter(tag)
            clauses.append({f"tag_{key}_{value}": True})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def accepts(self, meta: dict[str, Any]) -> bool:
        if self.kinds and meta.get("kind") not in self.kinds:
            return False
        return all(meta.get("tag_{}_{}".format(*parse_filter(t))) for t in self.tags)


class Retriever:
    """Loads the current generation once; later searches are in-memory BM25 plus one Chroma query."""

    def __init__(self, store: Store, embedder: Embedder) -> None:
        self.store = store
        self.embedder = embedder
        self.meta, self.collection = store.current(lease=True)
        self.meta.check_compatible(EmbedderInfo(embedder.name, embedder.dim, embedder.weights_sha256()))
        self._bm25: Any = None
        self._ids: list[str] = []
        self._docs: list[str] = []
        self._metas: list[dict[str, Any]] = []

    def _load_bm25(self) -> None:
        """BM25 over the whole generation, cached on disk per generation (tokenizing is the slow part)."""
        cache = paths.cache_dir() / "bm25" / f"{self.meta.generation}.pickle"
        try:
            with open(cache, "rb") as handle:
                self._ids, self._docs, self._metas, self._bm25 = pickle.load(handle)
            return
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError, ImportError):
            pass
        import bm25s

        for row in Store.records(self.collection, ["documents", "metadatas"]):
            self._ids.append(row["id"])
            self._docs.append(row["document"])
            self._metas.append(row["metadata"])
        model = bm25s.BM25()
        model.index([tokenize(d) for d in self._docs], show_progress=False)
        self._bm25 = model
        with contextlib.suppress(OSError):
            cache.parent.mkdir(parents=True, exist_ok=True)
            for stale in cache.parent.glob("*.pickle"):
                stale.unlink()
            tmp = cache.with_suffix(".tmp")
            with open(tmp, "wb") as handle:
                pickle.dump((self._ids, self._docs, self._metas, model), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, cache)

    def _keyword(self, query: str, filters: Filters, n: int) -> list[int]:
        if self._bm25 is None:
            self._load_bm25()
        tokens = [t for t in query_tokens(query) if t in self._bm25.vocab_dict]
        if not tokens:
            return []
        scores = np.asarray(self._bm25.get_scores(tokens), dtype=np.float64)
        order = np.argsort(-scores)
        out: list[int] = []
        for i in order:
            if scores[i] <= 0 or len(out) >= n:
                break
            if filters.accepts(self._metas[i]):
                out.append(int(i))
        return out

    def sdk_entries(self, names: list[str]) -> list[Hit]:
        """The installed SDK's entry for each name, in order: "fivetran reset" (a CLI command),
        "ConfigurationForm" (a class or submodule) or "Connector.debug" (the member's own section
        when the class was cut into several chunks)."""
        if self._bm25 is None:
            self._load_bm25()
        out: list[Hit] = []
        for name in names:
            owner, _, member = name.partition(".") if " " not in name else (name, "", "")
            best = None
            for i, meta in enumerate(self._metas):
                path = str(meta.get("path", ""))
                if meta.get("kind") != "sdk_api" or not (path == owner or path.endswith("." + owner)):
                    continue
                if best is None or (member and f"{owner}.{member}(" in str(meta.get("title", ""))):
                    best = i
            if best is not None and all(h.id != self._ids[best] for h in out):
                out.append(Hit(len(out) + 1, self._ids[best], 0.0, self._docs[best], self._metas[best], ["sdk"]))
        return out

    def _rows(self) -> zip[tuple[str, dict[str, Any]]]:
        """Every chunk's text and metadata, from the in-memory copy the keyword search keeps."""
        if self._bm25 is None:
            self._load_bm25()
        return zip(self._docs, self._metas, strict=True)

    def files(self) -> list[dict[str, Any]]:
        """Every indexed file once (repo, path, kind, title, last line), so a client can list what a
        citation may point at without reading the chunks."""
        out: dict[tuple[str, str], dict[str, Any]] = {}
        for _doc, meta in self._rows():
            key = (str(meta.get("source", "")), str(meta.get("path", "")))
            entry = out.setdefault(key, {"repo": key[0], "path": key[1], "kind": meta.get("kind", ""),
                                         "title": meta.get("doc_title") or meta.get("title") or "", "lines": 0})
            entry["lines"] = max(entry["lines"], int(meta.get("end_line", 0) or 0))
        return sorted(out.values(), key=lambda e: (e["repo"], e["path"]))

    def file_text(self, repo: str, path: str) -> str:
        """A file as the index holds it: its chunks put back at their own line numbers, so a cited
        `path:start-end` reads the same lines here. Lines no chunk kept (blank runs between
        definitions) stay empty. The original checkout may be long gone on an air-gapped machine."""
        lines: dict[int, str] = {}
        for doc, meta in self._rows():
            if meta.get("source") != repo or meta.get("path") != path:
                continue
            start = int(meta.get("start_line", 0) or 0) or 1
            for offset, line in enumerate(doc[int(meta.get("header_len", 0)):].split("\n")):
                lines.setdefault(start + offset, line)
        if not lines:
            raise UsageError(f"{repo}/{path} is not in the index")
        return "\n".join(lines.get(n, "") for n in range(1, max(lines) + 1)) + "\n"

    def search(self, query: str, k: int = 5, filters: Filters | None = None) -> list[Hit]:
        if not query.strip():
            raise UsageError("the query is empty")
        if k < 1:
            raise UsageError("-k must be at least 1")
        filters = filters or Filters()
        depth = max(40, k * 8)
        vector = self.embedder.embed([query])[0]
        found = self.collection.query(query_embeddings=[vector.tolist()], n_results=depth,
                                      where=filters.where(), include=["documents", "metadatas"])
        fused: dict[str, Hit] = {}
        scores: dict[str, float] = {}
        for rank, (rid, doc, meta) in enumerate(
            zip(found["ids"][0], found["documents"][0], found["metadatas"][0], strict=True)):
            scores[rid] = scores.get(rid, 0.0) + 1.0 / (RRF_K + rank + 1)
            fused.setdefault(rid, Hit(0, rid, 0.0, doc, meta)).via.append("vector")
        for rank, i in enumerate(self._keyword(query, filters, depth)):
            rid = self._ids[i]
            scores[rid] = scores.get(rid, 0.0) + 1.0 / (RRF_K + rank + 1)
            fused.setdefault(rid, Hit(0, rid, 0.0, self._docs[i], self._metas[i])).via.append("bm25")
        ranked = sorted(fused.values(), key=lambda h: -scores[h.id])
        out: list[Hit] = []
        seen: Counter[tuple[str, str, str]] = Counter()
        for hit in ranked:
            m = hit.metadata
            by_path, by_example = ("path", m.get("source", ""), m.get("path", "")), (
                "example", m.get("source", ""), m.get("example", ""))
            if seen[by_path] >= PER_PATH or (m.get("example") and seen[by_example] >= PER_EXAMPLE):
                continue
            seen[by_path] += 1
            seen[by_example] += 1
            hit.score = scores[hit.id]
            hit.rank = len(out) + 1
            out.append(hit)
            if len(out) == k:
                break
        return out
