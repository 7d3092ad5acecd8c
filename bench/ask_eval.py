"""Answer quality on the project's question set with a real model, against the current index.

    ASSISTANT_HOME=... python bench/ask_eval.py [--model qwen2.5-coder-0.5b] [-k 4] [--limit N]

Reports, in one run:
  retrieval hit@k      an expected source is among the retrieved passages
  key-term coverage    share of each question's key terms that the answer contains
  citation precision   share of cited blocks that contain one of the question's key terms
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=None)
    parser.add_argument("-k", type=int, default=4)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()

    from assistant.answer.asker import Asker
    from assistant.answer.passages import retrieve
    from assistant.services import load_generator, make_retriever
    from core import sdk, settings

    cfg = settings.load(model=args.model)
    retriever = make_retriever(cfg)
    generator = load_generator(cfg)
    asker = Asker(generator, sdk.facts(), max_answer_tokens=cfg.max_answer_tokens)
    generator.warm_prefix(asker.system_prefix())
    questions = json.loads((Path(__file__).parent / "questions.json").read_text())
    if args.limit:
        questions = questions[: args.limit]
    hits_at_k, coverage, cite_ok, cite_all, seconds = 0, [], 0, 0, []
    for item in questions:
        t0 = time.perf_counter()
        found = retrieve(retriever, item["q"], args.k)
        answer = asker.answer(item["q"], found)
        seconds.append(time.perf_counter() - t0)
        hits_at_k += any(any(h.metadata["path"].startswith(e) for e in item["expect"]) for h in found)
        terms = [t.lower() for t in item["terms"]]
        text = answer.text.lower()
        coverage.append(sum(t in text for t in terms) / len(terms))
        by_n = {p.n: p for p in answer.passages}
        for n in answer.cited:
            cite_all += 1
            cite_ok += any(t in by_n[n].text.lower() for t in terms)
        if args.verbose:
            print(f"--- {item['q']}\n{answer.text}\n(cited {answer.cited}, coverage {coverage[-1]:.2f}, "
                  f"{seconds[-1]:.1f} s, prompt {answer.timings.prompt_tokens} tok)")
    n = len(questions)
    print(f"model                 {generator.name}")
    print(f"questions             {n}")
    print(f"retrieval hit@{args.k}        {hits_at_k / n:.2f}")
    print(f"key-term coverage     {statistics.mean(coverage):.2f}")
    print(f"citation precision    {cite_ok / cite_all if cite_all else 0:.2f} ({cite_ok}/{cite_all} cited blocks)")
    print(f"seconds per question  median {statistics.median(seconds):.1f}, max {max(seconds):.1f}")


if __name__ == "__main__":
    main()
