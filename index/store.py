"""The Chroma store: a local PersistentClient or a Chroma server, with index generations.

Each ingest writes a fresh collection and then flips one pointer record. Until the flip, readers
see the previous generation, so a run killed at any point (even kill -9) leaves a usable index.
The generation the pointer names is never dropped before another one replaces it (`--rebuild`
too), and a reader of a local index holds a lease on the generation it opened: a publish keeps
that generation until the reader's process has ended, so a search never loses its collection
halfway.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from core import paths
from core.errors import IndexCorruptError, IndexMissingError, SourceError
from index.meta import IndexMeta

META_COLLECTION = "csdk_meta"
CHUNKS_PREFIX = "csdk_chunks_"
_POINTER = "current"
RUN_INGEST = "run `assistant ingest`"
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def _settings() -> Any:
    from chromadb.config import Settings

    return Settings(anonymized_telemetry=False, allow_reset=False)


def connect(chroma_url: str | None = None, *, create: bool = False) -> Store:
    """Open the configured store. Reading never creates an empty local index."""
    import chromadb

    if chroma_url:
        parts = urlsplit(chroma_url if "://" in chroma_url else f"http://{chroma_url}")
        try:
            client = chromadb.HttpClient(host=parts.hostname or "127.0.0.1", port=parts.port or 8000,
                                         ssl=parts.scheme == "https", settings=_settings())
            client.heartbeat()
        except Exception as exc:
            raise SourceError(f"cannot reach the Chroma server at {chroma_url}: {exc}") from exc
        return Store(client, chroma_url)
    folder = paths.index_dir()
    if not create and not (folder / "chroma.sqlite3").exists():
        raise IndexMissingError(f"no index at {folder}", hint=RUN_INGEST)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        client = chromadb.PersistentClient(path=str(folder), settings=_settings())
        client.list_collections()
    except Exception as exc:
        raise IndexCorruptError(f"the index at {folder} cannot be opened ({type(exc).__name__})",
                                hint="run `assistant ingest --rebuild`") from exc
    return Store(client, str(folder), folder / "readers")


class Store:
    def __init__(self, client: Any, location: str, leases: Path | None = None) -> None:
        self.client = client
        self.location = location
        self.leases = leases  # local stores only: one file per reading process and generation

    # --- reading -----------------------------------------------------------------------------

    def _meta_collection(self) -> Any:
        return self.client.get_or_create_collection(META_COLLECTION, embedding_function=None)

    def meta(self) -> IndexMeta | None:
        try:
            got = self._meta_collection().get(ids=[_POINTER], include=["documents"])
        except Exception as exc:
            raise IndexCorruptError(f"the index at {self.location} cannot be read ({exc})",
                                    hint="run `assistant ingest --rebuild`") from exc
        docs = got.get("documents") or []
        if not docs or not docs[0]:
            return None
        try:
            return IndexMeta.from_json(docs[0])
        except (ValueError, KeyError, TypeError) as exc:
            raise IndexCorruptError(f"the index manifest at {self.location} is corrupt",
                                    hint="run `assistant ingest --rebuild`") from exc

    def current(self, lease: bool = False) -> tuple[IndexMeta, Any]:
        """The current generation's meta and collection; with `lease`, kept for this process."""
        meta = self.meta()
        if meta is None:
            raise IndexMissingError(f"the index at {self.location} is empty", hint=RUN_INGEST)
        if lease:
            self._lease(meta.generation)
        try:
            collection = self.client.get_collection(CHUNKS_PREFIX + meta.generation, embedding_function=None)
        except Exception as exc:
            raise IndexCorruptError(f"the index at {self.location} lost its chunks collection",
                                    hint="run `assistant ingest --rebuild`") from exc
        return meta, collection

    def _lease(self, generation: str) -> None:
        if self.leases is None:
            return
        path = self.leases / f"{generation}.{os.getpid()}"
        with contextlib.suppress(OSError):
            self.leases.mkdir(parents=True, exist_ok=True)
            path.touch()
            atexit.register(_unlink, path)

    def leased(self) -> set[str]:
        """Generations a live process is reading; leases of ended processes are removed."""
        if self.leases is None or not self.leases.is_dir():
            return set()
        found = set()
        for path in self.leases.iterdir():
            generation, _, pid = path.name.rpartition(".")
            if pid.isdigit() and _alive(int(pid)):
                found.add(generation)
            else:
                _unlink(path)
        return found

    def pointer(self) -> str | None:
        """The generation the pointer names, if it can be read."""
        with contextlib.suppress(Exception):
            meta = self.meta()
            return meta.generation if meta else None
        return None

    @staticmethod
    def records(collection: Any, include: list[str], batch: int = 2000) -> Iterator[dict[str, Any]]:
        """Every record of a collection, in pages."""
        offset = 0
        while True:
            page = collection.get(include=include, limit=batch, offset=offset)
            ids = page["ids"]
            if not ids:
                return
            for i, rid in enumerate(ids):
                row: dict[str, Any] = {"id": rid}
                for key in include:
                    values = page.get(key)
                    row[key[:-1] if key.endswith("s") else key] = values[i] if values is not None else None
                yield row
            offset += len(ids)

    # --- writing -----------------------------------------------------------------------------

    def new_generation(self) -> tuple[str, Any]:
        generation = uuid.uuid4().hex[:16]
        collection = self.client.create_collection(
            CHUNKS_PREFIX + generation, embedding_function=None, metadata={"hnsw:space": "cosine"}
        )
        return generation, collection

    def add(self, collection: Any, ids: list[str], vectors: Any, documents: list[str],
            metadatas: list[dict[str, Any]]) -> None:
        step = max(1, min(4000, int(self.client.get_max_batch_size())))
        for i in range(0, len(ids), step):
            collection.add(ids=ids[i : i + step], embeddings=vectors[i : i + step],
                           documents=documents[i : i + step], metadatas=metadatas[i : i + step])

    def publish(self, meta: IndexMeta) -> None:
        """Flip the pointer to the new generation, then drop every other generation."""
        self._meta_collection().upsert(ids=[_POINTER], embeddings=[[0.0]], documents=[meta.to_json()],
                                       metadatas=[{"generation": meta.generation}])
        self.drop_stale(keep=meta.generation)

    def drop_stale(self, keep: str | None) -> None:
        """Drop every generation but `keep`, the one the pointer names and those being read."""
        kept = {keep, self.pointer(), *self.leased()} - {None}
        for name in self._collection_names():
            if name.startswith(CHUNKS_PREFIX) and name.removeprefix(CHUNKS_PREFIX) not in kept:
                with contextlib.suppress(Exception):
                    self.client.delete_collection(name)
        self._sweep()

    def _sweep(self) -> None:
        """Remove the vector folders of a local store that no segment uses any more: Chroma drops a
        collection's records but leaves its HNSW folder, about 12 MB per generation of this index."""
        if self.leases is None:
            return
        folder = self.leases.parent
        try:
            with contextlib.closing(sqlite3.connect(f"file:{folder / 'chroma.sqlite3'}?mode=ro", uri=True)) as db:
                used = {str(row[0]) for row in db.execute("SELECT id FROM segments")}
        except sqlite3.Error:
            return  # a Chroma whose catalogue looks different: leave its folders alone
        for entry in folder.iterdir():
            if entry.is_dir() and _UUID.match(entry.name) and entry.name not in used:
                shutil.rmtree(entry, ignore_errors=True)

    def _collection_names(self) -> list[str]:
        names = []
        for item in self.client.list_collections():
            names.append(item if isinstance(item, str) else item.name)
        return names


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _unlink(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def reset_local() -> Path:
    """Remove the local store entirely (for --rebuild of a corrupt index)."""
    from chromadb.api.client import SharedSystemClient

    SharedSystemClient.clear_system_cache()  # chroma caches one client per path, even a broken one
    folder = paths.index_dir()
    if folder.exists():
        shutil.rmtree(folder)
    return folder
