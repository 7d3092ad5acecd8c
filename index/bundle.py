"""One verified file that carries an index across an air gap.

A tar holding manifest.json, then records.jsonl and vectors.npy. The manifest names the sources,
SDK version, embedding model and its weights hash, the chunk count, and the payload's sha256.
Import checks all of that before it touches the current index.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from core.errors import BundleError, IncompatibleIndexError
from index.meta import INGEST_VERSION, EmbedderInfo, IndexMeta
from index.store import Store

FORMAT = "csdk-index-bundle/1"


def _add(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = 0
    tar.addfile(info, io.BytesIO(data))


def export(store: Store, target: Path, *, force: bool = False) -> dict[str, Any]:
    if target.is_dir():
        raise BundleError(f"{target} is a folder; name the bundle file to write")
    if target.exists() and not force:
        raise BundleError(f"{target} already exists; use --force to replace it")
    meta, collection = store.current()
    rows = list(Store.records(collection, ["documents", "metadatas", "embeddings"]))
    records = "\n".join(
        json.dumps({"id": r["id"], "document": r["document"], "metadata": r["metadata"]}, sort_keys=True)
        for r in rows
    ).encode("utf-8")
    buffer = io.BytesIO()
    np.save(buffer, np.asarray([r["embedding"] for r in rows], dtype=np.float32).reshape(-1, meta.embedder.dim))
    vectors = buffer.getvalue()
    manifest = {
        "format": FORMAT,
        "index": json.loads(meta.to_json()),
        "payload_sha256": hashlib.sha256(records + b"\x00" + vectors).hexdigest(),
        "chunk_count": len(rows),
    }
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".bundle-")
    os.close(fd)
    try:
        with tarfile.open(tmp, "w:gz") as tar:
            _add(tar, "manifest.json", json.dumps(manifest, indent=1, sort_keys=True).encode())
            _add(tar, "records.jsonl", records)
            _add(tar, "vectors.npy", vectors)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return manifest


def read(path: Path) -> tuple[dict[str, Any], list[dict[str, Any]], np.ndarray]:
    """Parse and verify a bundle; raise BundleError on anything wrong."""
    if path.is_dir():
        raise BundleError(f"{path} is a folder, not a bundle file")
    if not path.is_file():
        raise BundleError(f"{path}: no such file")
    try:
        with tarfile.open(path, "r:*") as tar:
            members = {m.name: m for m in tar.getmembers()}
            parts = {}
            for name in ("manifest.json", "records.jsonl", "vectors.npy"):
                member = members.get(name)
                handle = tar.extractfile(member) if member else None
                if handle is None:
                    raise BundleError(f"{path}: {name} is missing from the bundle")
                parts[name] = handle.read()
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise BundleError(f"{path}: not a readable bundle ({exc})") from exc
    try:
        manifest = json.loads(parts["manifest.json"])
    except ValueError as exc:
        raise BundleError(f"{path}: the manifest is not valid JSON") from exc
    if manifest.get("format") != FORMAT:
        raise BundleError(f"{path}: unknown bundle format {manifest.get('format')!r}")
    digest = hashlib.sha256(parts["records.jsonl"] + b"\x00" + parts["vectors.npy"]).hexdigest()
    if digest != manifest.get("payload_sha256"):
        raise BundleError(f"{path}: checksum mismatch, the bundle is damaged or was altered")
    records = [json.loads(line) for line in parts["records.jsonl"].decode("utf-8").splitlines() if line]
    vectors = np.load(io.BytesIO(parts["vectors.npy"]), allow_pickle=False)
    if len(records) != manifest.get("chunk_count") or vectors.shape[0] != len(records):
        raise BundleError(f"{path}: the chunk count does not match the manifest")
    return manifest, records, vectors


def verify(path: Path, embedder: EmbedderInfo) -> tuple[IndexMeta, list[dict[str, Any]], np.ndarray]:
    """Everything that can refuse a bundle, done before the store is even opened."""
    manifest, records, vectors = read(path)
    meta = IndexMeta.from_dict(manifest["index"])
    if meta.ingest_version != INGEST_VERSION:
        raise IncompatibleIndexError(
            f"{path}: bundle built by ingest format {meta.ingest_version}, this version reads {INGEST_VERSION}")
    meta.check_compatible(embedder)
    return meta, records, vectors


def install(store: Store, meta: IndexMeta, records: list[dict[str, Any]], vectors: np.ndarray) -> IndexMeta:
    """Write the bundle as a new generation and make it current."""
    generation, collection = store.new_generation()
    try:
        store.add(collection, [r["id"] for r in records], vectors, [r["document"] for r in records],
                  [r["metadata"] for r in records])
    except Exception:
        store.client.delete_collection(collection.name)
        raise
    meta.generation = generation
    store.publish(meta)
    return meta
