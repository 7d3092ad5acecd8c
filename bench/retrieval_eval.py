"""Retrieval hit@k on the project's own question set (bench/questions.json) against the current index.

    ASSISTANT_HOME=... python bench/retrieval_eval.py [-k 5] [--verbose]

A question hits when any result's path starts with one of its expected prefixes.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-k", type=int, default=5)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()

    from assistant.services import make_retriever
    from core import settings

    retriever = make_retriever(settings.load())
    questions = json.loads((Path(__file__).parent / "questions.json").read_text())
    hits = top1 = 0
    for item in questions:
        paths = [h.metadata["path"] for h in retriever.search(item["q"], k=args.k)]
        ranks = [i for i, p in enumerate(paths) if any(p.startswith(e) for e in item["expect"])]
        hits += bool(ranks)
        top1 += bool(ranks and ranks[0] == 0)
        if args.verbose or not ranks:
            mark = f"rank {ranks[0] + 1}" if ranks else "MISS"
            print(f"{mark:>7}  {item['q']}")
            if not ranks:
                for p in paths:
                    print(f"           {p}")
    n = len(questions)
    print(f"hit@{args.k} {hits}/{n} = {hits / n:.2f}   hit@1 {top1}/{n} = {top1 / n:.2f}")


if __name__ == "__main__":
    main()
