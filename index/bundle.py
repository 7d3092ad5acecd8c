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
import zlib
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


MANIFEST_BYTES = 1 << 20  # the manifest is a few kilobytes
RECORD_BYTES = 1 << 16  # per chunk: chunks are at most a few kilobytes of text and metadata
NPY_HEADER = 1 << 12


def _members(path: Path, tar: tarfile.TarFile) -> dict[str, tarfile.TarInfo]:
    """The three parts, each a regular file; anything else in the tar is refused."""
    members: dict[str, tarfile.TarInfo] = {}
    for member in tar.getmembers():
        if member.name not in ("manifest.json", "records.jsonl", "vectors.npy") or not member.isfile():
            raise BundleError(f"{path}: unexpected member {member.name!r} in the bundle")
        if member.name in members:
            raise BundleError(f"{path}: {member.name} appears twice in the bundle")
        members[member.name] = member
    for name in ("manifest.json", "records.jsonl", "vectors.npy"):
        if name not in members:
            raise BundleError(f"{path}: {name} is missing from the bundle")
    return members


def _manifest(path: Path, data: bytes) -> dict[str, Any]:
    """The manifest, checked for shape before any of it is trusted."""
    try:
        manifest = json.loads(data)
    except ValueError as exc:
        raise BundleError(f"{path}: the manifest is not valid JSON") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        found = manifest.get("format") if isinstance(manifest, dict) else None
        raise BundleError(f"{path}: unknown bundle format {found!r}")
    count, digest = manifest.get("chunk_count"), manifest.get("payload_sha256")
    if not isinstance(count, int) or count < 0 or not isinstance(digest, str):
        raise BundleError(f"{path}: the manifest lacks a chunk count or a checksum")
    try:
        meta = IndexMeta.from_dict(manifest["index"])
        dim = int(meta.embedder.dim)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise BundleError(f"{path}: the manifest does not describe an index ({type(exc).__name__})") from exc
    if dim <= 0 or meta.chunk_count != count:
        raise BundleError(f"{path}: the manifest's embedding width or chunk count is invalid")
    return manifest


def _records(path: Path, data: bytes, count: int) -> list[dict[str, Any]]:
    records = []
    try:
        for line in data.decode("utf-8").splitlines():
            if line:
                record = json.loads(line)
                if not (isinstance(record, dict) and isinstance(record.get("id"), str)
                        and isinstance(record.get("document"), str) and isinstance(record.get("metadata"), dict)):
                    raise BundleError(f"{path}: a record lacks its id, text or metadata")
                records.append(record)
    except (UnicodeDecodeError, ValueError) as exc:
        raise BundleError(f"{path}: the records are not valid JSON lines") from exc
    if len(records) != count:
        raise BundleError(f"{path}: the chunk count does not match the manifest")
    if len({r["id"] for r in records}) != len(records):
        raise BundleError(f"{path}: the bundle holds duplicate chunk ids")
    return records


def _vectors(path: Path, data: bytes, count: int, dim: int) -> np.ndarray:
    try:
        vectors = np.load(io.BytesIO(data), allow_pickle=False)
    except (ValueError, OSError, EOFError) as exc:
        raise BundleError(f"{path}: the vectors are not a readable array") from exc
    if vectors.dtype != np.float32 or vectors.shape != (count, dim):
        raise BundleError(f"{path}: the vectors are {vectors.dtype} {vectors.shape}, the manifest says "
                          f"float32 ({count}, {dim})")
    if not np.isfinite(vectors).all():
        raise BundleError(f"{path}: the vectors hold NaN or infinite values")
    return vectors


def read(path: Path) -> tuple[dict[str, Any], list[dict[str, Any]], np.ndarray]:
    """Parse and verify a bundle; raise BundleError on anything wrong. Sizes are checked against
    the manifest before a part is read, so a small file cannot unpack into a huge one."""
    if path.is_dir():
        raise BundleError(f"{path} is a folder, not a bundle file")
    if not path.is_file():
        raise BundleError(f"{path}: no such file")
    try:
        with tarfile.open(path, "r:*") as tar:
            members = _members(path, tar)
            if members["manifest.json"].size > MANIFEST_BYTES:
                raise BundleError(f"{path}: the manifest is too large")
            manifest = _manifest(path, _part(tar, members["manifest.json"]))
            count, dim = manifest["chunk_count"], int(manifest["index"]["embedder"]["dim"])
            if members["records.jsonl"].size > RECORD_BYTES * max(count, 1):
                raise BundleError(f"{path}: the records are larger than {count} chunks can be")
            if members["vectors.npy"].size > NPY_HEADER + 4 * count * dim:
                raise BundleError(f"{path}: the vectors are larger than {count} x {dim} float32")
            records_data, vectors_data = _part(tar, members["records.jsonl"]), _part(tar, members["vectors.npy"])
    except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
        raise BundleError(f"{path}: not a readable bundle ({exc})") from exc
    if hashlib.sha256(records_data + b"\x00" + vectors_data).hexdigest() != manifest["payload_sha256"]:
        raise BundleError(f"{path}: checksum mismatch, the bundle is damaged or was altered")
    return manifest, _records(path, records_data, count), _vectors(path, vectors_data, count, dim)


def _part(tar: tarfile.TarFile, member: tarfile.TarInfo) -> bytes:
    handle = tar.extractfile(member)
    if handle is None:
        raise BundleError(f"{member.name} cannot be read from the bundle")
    return handle.read(member.size + 1)


def verify(path: Path, embedder: EmbedderInfo) -> tuple[IndexMeta, list[dict[str, Any]], np.ndarray]:
    """Everything that can refuse a bundle, done before the store is even opened."""
    manifest, records, vectors = read(path)
    meta = IndexMeta.from_dict(manifest["index"])
    if meta.ingest_version != INGEST_VERSION:
        raise IncompatibleIndexError(
            f"{path}: bundle built by ingest format {meta.ingest_version}, this version reads {INGEST_VERSION}")
    meta.check_compatible(embedder)
    if vectors.shape[1] != embedder.dim:
        raise IncompatibleIndexError(f"{path}: vectors of width {vectors.shape[1]}, the embedder makes {embedder.dim}")
    return meta, records, vectors


def install(store: Store, meta: IndexMeta, records: list[dict[str, Any]], vectors: np.ndarray) -> IndexMeta:
    """Write the bundle as a new generation, query it once, and only then make it current."""
    generation, collection = store.new_generation()
    try:
        store.add(collection, [r["id"] for r in records], vectors, [r["document"] for r in records],
                  [r["metadata"] for r in records])
        if records:
            found = collection.query(query_embeddings=[vectors[0].tolist()], n_results=1, include=[])
            if not found["ids"] or not found["ids"][0]:
                raise BundleError("the imported chunks cannot be searched")
    except Exception as exc:
        store.client.delete_collection(collection.name)
        if isinstance(exc, BundleError):
            raise
        raise BundleError(f"the bundle could not be written to the index ({type(exc).__name__}: {exc})") from exc
    meta.generation = generation
    store.publish(meta)
    return meta
