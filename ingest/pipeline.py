"""`assistant ingest`: sources -> documents -> chunks -> vectors -> a new index generation.

Only one writer at a time (a file lock). Unchanged chunks are never re-embedded (the embedding
cache), and the new generation becomes visible in one step (see index.store).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np
from filelock import FileLock, Timeout

from core import paths
from core.errors import BadSourceError, IndexCorruptError, IngestLockedError
from core.settings import Settings
from index.embed import Embedder
from index.meta import EmbedderInfo, IndexMeta, SourceInfo
from index.store import Store, connect, reset_local
from ingest import cards, chunk, docs, repo, sdk_api, sources
from ingest.embed_cache import EmbedCache
from ingest.model import Chunk, Document
from ingest.progress import Stages


@dataclass
class Plan:
    repos: list[str] = field(default_factory=list)
    docs_dirs: list[Path] = field(default_factory=list)
    crawl: bool = False
    sdk: bool = True
    cards: bool = True  # the project's rule cards (ingest/cards)
    sdk_module: str = sdk_api.MODULE
    replace: bool = False  # drop sources already indexed that this run does not name
    rebuild: bool = False  # ignore (and replace) the current index entirely


@dataclass
class Report:
    files: int = 0
    chunks: int = 0
    new: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    embedded: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    wall_s: float = 0.0
    written: bool = False
    sources: list[SourceInfo] = field(default_factory=list)
    crawl_notes: list[str] = field(default_factory=list)


@contextmanager
def exclusive() -> Iterator[None]:
    """One writer at a time per ASSISTANT_HOME; a second one is told so at once, not made to wait."""
    guard = FileLock(str(paths.ensure(paths.data_dir()) / "ingest.lock"), timeout=0)
    try:
        guard.acquire()
    except Timeout:
        raise IngestLockedError("another `assistant ingest` is writing this index",
                                hint="wait for it to finish; the current index stays usable") from None
    try:
        yield
    finally:
        guard.release()


def _gather(plan: Plan, settings: Settings, report: Report, stages: Stages) -> tuple[list[Document], str]:
    documents: list[Document] = []
    sdk_version = ""
    for spec in plan.repos:
        tree = sources.resolve(spec)
        found = repo.read_repo(tree, settings.max_file_bytes, report.skipped)
        if not found:
            raise BadSourceError(f"{spec}: no indexable files (.py, .md, .json, .txt) found")
        report.sources.append(SourceInfo(tree.source_id, "repo", spec, tree.commit, len(found)))
        documents += found
        stages.note(f"read {len(found)} files from {tree.source_id}")
    folders = list(plan.docs_dirs)
    if plan.crawl:
        from ingest.crawl import Crawler

        out = paths.ensure(paths.docs_cache_dir())
        crawler = Crawler(settings.docs_url, out, delay=settings.crawl_delay, max_pages=settings.crawl_max_pages)
        task = stages.start("crawl", None)
        result = crawler.run(progress=lambda url: stages.advance(task, 1))
        report.crawl_notes += [f"refused off-site redirect {r}" for r in result.refused_offsite]
        folders.append(out)
    for folder in folders:
        found = docs.read_docs(folder, settings.max_file_bytes, report.skipped)
        source_id = docs.docs_source_id(folder)
        report.sources.append(SourceInfo(source_id, "docs", str(folder), "", len(found)))
        documents += found
    if plan.sdk:
        found, sdk_version = sdk_api.read_sdk(plan.sdk_module)
        report.sources.append(SourceInfo("sdk", "sdk", plan.sdk_module, sdk_version, len(found)))
        documents += found
    if plan.cards:
        found = cards.read_cards()
        report.sources.append(SourceInfo(cards.SOURCE, "rules", "ingest/cards", "", len(found)))
        documents += found
    report.files = len(documents)
    return documents, sdk_version


def _embed(chunks: list[Chunk], old_vectors: dict[str, Any], embedder: Embedder, info: EmbedderInfo,
           report: Report, stages: Stages) -> np.ndarray:
    cache = EmbedCache(paths.embed_cache_file(), f"{info.name}@{info.weights_sha256}", info.dim)
    try:
        hashes = [c.content_hash() for c in chunks]
        known = cache.get_many(sorted(set(hashes)))
        for c, h in zip(chunks, hashes, strict=True):
            if h not in known and c.chunk_id() in old_vectors:
                known[h] = np.asarray(old_vectors[c.chunk_id()], dtype=np.float32)
        todo = sorted({h: c for c, h in zip(chunks, hashes, strict=True) if h not in known}.items())
        task = stages.start("embed", len(todo))
        for i in range(0, len(todo), 64):
            batch = todo[i : i + 64]
            vectors = embedder.embed([c.indexed_text() for _, c in batch])
            fresh = {h: vectors[j] for j, (h, _) in enumerate(batch)}
            cache.put_many(fresh)
            known.update(fresh)
            stages.advance(task, len(batch))
        report.embedded = len(todo)
        return np.stack([known[h] for h in hashes]) if hashes else np.zeros((0, info.dim), np.float32)
    finally:
        cache.close()


def run(plan: Plan, settings: Settings, embedder: Embedder, stages: Stages | None = None) -> Report:
    stages = stages or Stages(quiet=True)
    started = time.monotonic()
    report = Report()
    with exclusive():
        _run(plan, settings, embedder, stages, report)
    report.wall_s = time.monotonic() - started
    return report


def _run(plan: Plan, settings: Settings, embedder: Embedder, stages: Stages, report: Report) -> None:
    if not (plan.repos or plan.docs_dirs or plan.crawl or plan.sdk):
        raise BadSourceError("nothing to ingest", hint="name a --repo, --docs or --crawl-docs source")
    info = EmbedderInfo(embedder.name, embedder.dim, embedder.weights_sha256())
    store, old_meta = _open(plan, settings, info)
    documents, sdk_version = _gather(plan, settings, report, stages)
    if store is None:  # a corrupt local index is replaced only once the sources have been read
        reset_local()
        store = connect(settings.chroma_url, create=True)
    chunks = _chunks(documents, stages)
    named = {s.id for s in report.sources}
    carried: list[dict[str, Any]] = []
    old_rows: dict[str, dict[str, Any]] = {}
    if old_meta:
        _, old_collection = store.current()
        for row in Store.records(old_collection, ["documents", "metadatas", "embeddings"]):
            old_rows[row["id"]] = row
            if row["metadata"]["source"] not in named and not plan.replace:
                carried.append(row)
        report.sources += [s for s in old_meta.sources if s.id not in named and not plan.replace]
    _diff(chunks, old_rows, named, plan.replace, report)
    report.chunks = len(chunks) + len(carried)
    if old_meta and report.new == report.changed == report.removed == 0 and not plan.rebuild:
        same_sources = {(s.id, s.commit) for s in old_meta.sources} == {(s.id, s.commit) for s in report.sources}
        if same_sources:
            report.unchanged = report.chunks
            store.drop_stale(keep=old_meta.generation)
            return
    vectors = _embed(chunks, {k: v["embedding"] for k, v in old_rows.items()}, embedder, info, report, stages)
    _publish(store, old_meta, chunks, carried, vectors, info, sdk_version, report, stages)


def _open(plan: Plan, settings: Settings, info: EmbedderInfo) -> tuple[Store | None, IndexMeta | None]:
    """The store and its current meta; no store when a corrupt local index is to be rebuilt."""
    store: Store | None = None
    old_meta = None
    try:
        store = connect(settings.chroma_url, create=True)
        old_meta = None if plan.rebuild else store.meta()
    except IndexCorruptError:
        if not plan.rebuild or settings.chroma_url:
            raise
    if old_meta:
        old_meta.check_compatible(info)  # before any work: vectors of two models never mix
    return store, old_meta


def _chunks(documents: list[Document], stages: Stages) -> list[Chunk]:
    task = stages.start("chunk", len(documents))
    chunks: list[Chunk] = []
    for document in documents:
        chunks += chunk.chunk_document(document)
        stages.advance(task, 1)
    # one id per chunk even if two files produce the same text at the same line
    unique: dict[str, Chunk] = {}
    for c in chunks:
        unique.setdefault(c.chunk_id(), c)
    return list(unique.values())


def _publish(store: Store, old_meta: IndexMeta | None, chunks: list[Chunk], carried: list[dict[str, Any]],
             vectors: np.ndarray, info: EmbedderInfo, sdk_version: str, report: Report, stages: Stages) -> None:
    """Write the chunks (and the rows carried over) as a new generation and make it current."""
    counts: Counter[str] = Counter(c.doc.kind for c in chunks)
    counts.update(row["metadata"]["kind"] for row in carried)
    per_source: Counter[str] = Counter(c.doc.source for c in chunks)
    per_source.update(row["metadata"]["source"] for row in carried)
    for s in report.sources:
        s.chunks = per_source.get(s.id, 0)
    store.drop_stale(keep=old_meta.generation if old_meta else None)  # orphans of killed runs
    generation, collection = store.new_generation()
    task = stages.start("write", report.chunks)
    ids = [c.chunk_id() for c in chunks] + [row["id"] for row in carried]
    texts = [c.indexed_text() for c in chunks] + [row["document"] for row in carried]
    metas = [c.metadata() for c in chunks] + [row["metadata"] for row in carried]
    all_vectors = np.concatenate([vectors, np.asarray([r["embedding"] for r in carried], np.float32)
                                  .reshape(-1, info.dim)])
    store.add(collection, ids, all_vectors, texts, metas)
    stages.advance(task, report.chunks)
    meta = IndexMeta(
        generation=generation, created_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        embedder=info, sdk_version=sdk_version or (old_meta.sdk_version if old_meta else ""),
        sources=report.sources, counts=dict(sorted(counts.items())), chunk_count=report.chunks,
    )
    store.publish(meta)
    report.written = True


def _diff(chunks: list[Chunk], old_rows: dict[str, dict[str, Any]], named: set[str], replace: bool,
          report: Report) -> None:
    """new / changed / removed / unchanged, by chunk location within the sources this run re-read."""
    def where(meta: dict[str, Any]) -> tuple[str, str, int]:
        return meta["source"], meta["path"], int(meta["start_line"])

    old_in_scope = {rid: row for rid, row in old_rows.items() if replace or row["metadata"]["source"] in named}
    old_locations = {where(row["metadata"]) for row in old_in_scope.values()}
    new_ids = set()
    new_locations = set()
    for c in chunks:
        cid = c.chunk_id()
        new_ids.add(cid)
        location = (c.doc.source, c.doc.path, c.start_line)
        new_locations.add(location)
        if cid in old_in_scope:
            report.unchanged += 1
        elif location in old_locations:
            report.changed += 1
        else:
            report.new += 1
    report.removed = sum(1 for rid, row in old_in_scope.items()
                         if rid not in new_ids and where(row["metadata"]) not in new_locations)
