"""Ingest and search benchmark on a real examples repository. Prints ratios measured in one run.

    python bench/ingest_bench.py --repo /path/to/fivetran_connector_sdk [--queries 100]

1. full ingest (MiniLM) vs raw SentenceTransformer.encode on the same chunk texts: chunks/s ratio
2. re-ingest with nothing changed: wall time
3. warm in-process search latency: p50 / p95 over N queries
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

QUERIES = [
    "cursor based pagination", "how do I checkpoint state", "incremental sync with a timestamp cursor",
    "oauth2 token refresh", "http basic authentication", "api key in header", "page number pagination",
    "offset pagination", "next page url in the response", "delete records op.delete", "op.update signature",
    "schema with primary key", "configuration.json string values", "requirements.txt pinned versions",
    "retry with exponential backoff on 429", "read a CSV file from S3", "sync from postgres in batches",
    "server side cursor database", "multithreading parallel fetch", "truncate a table", "history mode",
    "how to log warnings", "ssh tunnel", "large dataset without loading into memory", "hello world connector",
    "pandas dataframe upsert", "flatten nested json", "schema change new column", "fivetran debug command",
    "environment variables configuration", "snowflake cortex tutorial", "kafka stream connector",
    "gpg private key", "certificate authentication", "priority first sync", "time window cursor",
    "keyset pagination", "scroll token", "mongodb connector", "salesforce connector",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repo", required=True, help="local clone of fivetran_connector_sdk")
    parser.add_argument("--queries", type=int, default=100)
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="csdk-bench-")
    os.environ["ASSISTANT_HOME"] = home

    from core import settings
    from index.embed import MiniLMEmbedder
    from index.retrieve import Retriever
    from index.store import connect
    from ingest import chunk, pipeline, repo, sources

    cfg = settings.load()
    embedder = MiniLMEmbedder()
    embedder.embed(["warm up"])  # model load is not part of either side
    plan = pipeline.Plan(repos=[args.repo], sdk=True)

    started = time.perf_counter()
    report = pipeline.run(plan, cfg, embedder)
    ingest_s = time.perf_counter() - started
    ingest_rate = report.chunks / ingest_s

    from collections import Counter

    tree = sources.resolve(args.repo)
    texts = [c.indexed_text() for d in repo.read_repo(tree, cfg.max_file_bytes, Counter())
             for c in chunk.chunk_document(d)]
    model = embedder._load()
    started = time.perf_counter()
    model.encode(texts, batch_size=embedder.batch_size, normalize_embeddings=True, show_progress_bar=False)
    raw_s = time.perf_counter() - started
    raw_rate = len(texts) / raw_s

    started = time.perf_counter()
    again = pipeline.run(plan, cfg, embedder)
    rerun_s = time.perf_counter() - started

    retriever = Retriever(connect(), embedder)
    retriever.search("warm up")  # loads BM25 once, as a long-lived process would
    latencies = []
    for i in range(args.queries):
        t0 = time.perf_counter()
        retriever.search(QUERIES[i % len(QUERIES)], k=5)
        latencies.append((time.perf_counter() - t0) * 1000)
    latencies.sort()
    p50 = statistics.median(latencies)
    p95 = latencies[int(0.95 * (len(latencies) - 1))]

    top3 = [h.metadata["path"] for h in retriever.search("cursor based pagination", k=3)]
    print(f"chunks                         {report.chunks} from {report.files} files")
    print(f"full ingest                    {ingest_s:.1f} s, {ingest_rate:.1f} chunks/s")
    print(f"raw SentenceTransformer.encode {raw_s:.1f} s, {raw_rate:.1f} chunks/s ({len(texts)} texts)")
    print(f"ingest / raw encode ratio      {ingest_rate / raw_rate:.2f}   (goal >= 0.80)")
    print(f"re-ingest, nothing changed     {rerun_s:.1f} s, embedded {again.embedded}   (goal <= 10 s)")
    print(f"search warm, {args.queries} queries       p50 {p50:.1f} ms, p95 {p95:.1f} ms   (goal p50 <= 50 ms)")
    print(f"'cursor based pagination' top3 {top3}")


if __name__ == "__main__":
    main()
