"""What an index records about how it was built, so incompatible ones are refused, not mixed."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from core.errors import IncompatibleIndexError

# What a chunk is: its kind decides how retrieval weighs it and which filters select it.
KINDS = (
    "doc",
    "example",
    "community_connector",
    "pattern",
    "template",
    "tutorial",
    "agent_instructions",
    "sdk_api",
    "rule",
)

# Bump when chunking, metadata or indexed text change shape: old indexes must then be rebuilt.
INGEST_VERSION = 1


@dataclass
class EmbedderInfo:
    name: str
    dim: int
    weights_sha256: str

    def describe(self) -> str:
        return f"{self.name} (dim {self.dim}, weights {self.weights_sha256[:12]})"


@dataclass
class SourceInfo:
    id: str
    type: str  # repo | docs | sdk
    origin: str
    commit: str = ""
    files: int = 0
    chunks: int = 0


@dataclass
class IndexMeta:
    generation: str
    created_at: str
    embedder: EmbedderInfo
    ingest_version: int = INGEST_VERSION
    sdk_version: str = ""
    sources: list[SourceInfo] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    chunk_count: int = 0

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> IndexMeta:
        data = dict(data)
        data["embedder"] = EmbedderInfo(**data["embedder"])
        data["sources"] = [SourceInfo(**s) for s in data.get("sources", [])]
        return cls(**data)

    @classmethod
    def from_json(cls, text: str) -> IndexMeta:
        return cls.from_dict(json.loads(text))

    def check_compatible(self, embedder: EmbedderInfo) -> None:
        """Refuse to mix vectors from two models, or read an index cut by an older ingest."""
        if self.ingest_version != INGEST_VERSION:
            raise IncompatibleIndexError(
                f"the index was built by ingest format {self.ingest_version}, this version reads "
                f"{INGEST_VERSION}", hint="rebuild it with `assistant ingest --rebuild`")
        if (self.embedder.name, self.embedder.dim, self.embedder.weights_sha256) != (
            embedder.name, embedder.dim, embedder.weights_sha256):
            raise IncompatibleIndexError(
                f"the index was embedded with {self.embedder.describe()}, but the configured embedding "
                f"model is {embedder.describe()}",
                hint="rebuild it with `assistant ingest --rebuild` or switch back to the original model")
