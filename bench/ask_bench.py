"""Speed of `assistant ask`, measured in one run against the current index and the default model.

    ASSISTANT_HOME=... python bench/ask_bench.py [--model NAME]

1. generation speed: Asker (the ask path) vs raw llama-cpp-python on the same prompt, same model
2. warm vs cold time to first token on a follow-up question (system-prompt prefix in the KV cache)
3. cold start-up of `assistant ask` as a fresh process: imports, model load, retrieval, first token
4. peak RSS of that process
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

Q1 = "How do I make my connector resume from where the last sync stopped?"
Q2 = "How do I authenticate with a bearer token?"
MAX_TOKENS = 128

STARTUP = r"""
import json, resource, sys, time
t0 = time.perf_counter()
from assistant.answer.asker import Asker
from assistant.answer.passages import retrieve
from assistant.llm import runtime
from assistant.services import make_retriever
from core import sdk, settings
t1 = time.perf_counter()
cfg = settings.load()
retriever = make_retriever(cfg)
hits = retrieve(retriever, sys.argv[1], 4)
t2 = time.perf_counter()
gen = runtime.load(sys.argv[2] or None, None, runtime.RuntimeSettings(n_ctx=cfg.n_ctx, threads=cfg.threads))
t3 = time.perf_counter()
asker = Asker(gen, sdk.facts(), max_answer_tokens=1)
source = gen.warm_prefix(asker.system_prefix())
answer = asker.answer(sys.argv[1], hits)
t4 = time.perf_counter()
print(json.dumps({"imports": t1 - t0, "retrieval (incl. embedder load)": t2 - t1, "model load": t3 - t2,
                  "prompt eval to first token": t4 - t3, "prefix": source,
                  "prompt_tokens": answer.timings.prompt_tokens,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=None)
    args = parser.parse_args()

    from assistant.answer.asker import Asker
    from assistant.answer.passages import retrieve
    from assistant.llm import runtime
    from assistant.services import make_retriever
    from core import sdk, settings

    cfg = settings.load()
    retriever = make_retriever(cfg)
    rs = runtime.RuntimeSettings(n_ctx=cfg.n_ctx, threads=cfg.threads, temperature=0.0)
    gen = runtime.load(args.model, None, rs)
    assert isinstance(gen, runtime.LlamaGenerator)
    asker = Asker(gen, sdk.facts(), max_answer_tokens=MAX_TOKENS)

    # 1. generation speed, same prompt and model, greedy on both sides
    hits = retrieve(retriever, Q1, 4)
    passages = asker.fit(Q1, hits)
    prompt_tokens = gen._tokens(gen.render(asker._messages(Q1, passages)))
    gen.llm.reset()
    t0 = time.perf_counter()
    first = None
    n = 0
    for _ in gen.llm.create_completion(prompt_tokens, max_tokens=MAX_TOKENS, temperature=0.0, stream=True):
        first = first or time.perf_counter()
        n += 1
    raw_rate = (n - 1) / (time.perf_counter() - first) if first and n > 1 else 0.0
    raw_ttft = (first or t0) - t0
    gen.llm.reset()
    answer = asker.answer(Q1, hits)
    ours = answer.timings

    # 2. warm vs cold first token on a follow-up question
    hits2 = retrieve(retriever, Q2, 4)
    colds, warms = [], []
    short = Asker(gen, sdk.facts(), max_answer_tokens=1)  # first token only: prompt evaluation dominates
    for _ in range(3):  # medians: single runs on a shared VM vary by 10-20%
        gen.llm.reset()
        colds.append(short.answer(Q2, hits2).timings.ttft_ms)
        gen.llm.reset()
        gen.warm_prefix(short.system_prefix())
        short.answer(Q1, hits)  # a first question, so Q2 is a real follow-up
        warms.append(short.answer(Q2, hits2).timings.ttft_ms)
    cold, warm = sorted(colds)[1], sorted(warms)[1]
    # prompt evaluation alone: the full follow-up prompt, then only what follows the cached prefix
    full = gen._tokens(gen.render(short._messages(Q2, short.fit(Q2, hits2))))
    prefix = gen._tokens(short.system_prefix())
    eval_cold, eval_warm = [], []
    for _ in range(3):
        gen.llm.reset()
        t0 = time.perf_counter()
        gen.llm.eval(full)
        eval_cold.append(time.perf_counter() - t0)
        gen.llm.reset()
        gen.llm.eval(prefix)
        t0 = time.perf_counter()
        gen.llm.eval(full[len(prefix):])
        eval_warm.append(time.perf_counter() - t0)
    eval_cut = 1 - sorted(eval_warm)[1] / sorted(eval_cold)[1]
    system_tokens = gen.count_tokens(asker.system_prefix())
    total_tokens = asker.answer(Q2, hits2).timings.prompt_tokens

    # 3 + 4. a fresh process
    out = subprocess.run([sys.executable, "-c", STARTUP, Q1, args.model or ""], capture_output=True, text=True,
                         cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True)
    startup = json.loads(out.stdout.strip().splitlines()[-1])

    print(f"model                          {gen.name}, n_ctx {gen.n_ctx}, threads {rs.threads}")
    print(f"raw llama-cpp-python           {raw_rate:.1f} tok/s, first token {raw_ttft:.2f} s ({len(prompt_tokens)} "
          "prompt tokens)")
    print(f"assistant ask path             {ours.tok_per_s:.1f} tok/s, first token {ours.ttft_ms / 1000:.2f} s")
    print(f"generation speed ratio         {ours.tok_per_s / raw_rate:.2f}   (goal >= 0.95)")
    share = system_tokens / total_tokens
    print(f"follow-up first token          cold {cold / 1000:.2f} s, warm {warm / 1000:.2f} s: "
          f"cut {1 - warm / cold:.0%}; system prompt is {share:.0%} of the prompt ({system_tokens}/{total_tokens})")
    print(f"follow-up prompt evaluation    cold {sorted(eval_cold)[1]:.2f} s, warm {sorted(eval_warm)[1]:.2f} s: "
          f"cut {eval_cut:.0%} ({len(prefix)} of {len(full)} tokens cached)")
    for key in ("imports", "retrieval (incl. embedder load)", "model load", "prompt eval to first token"):
        print(f"cold start: {key:<30} {startup[key]:.2f} s")
    phases = ("imports", "retrieval (incl. embedder load)", "model load", "prompt eval to first token")
    print(f"cold start: total                          {sum(startup[k] for k in phases):.2f} s "
          f"(prefix from {startup['prefix']}, {startup['prompt_tokens']} prompt tokens)")
    print(f"peak RSS of a fresh ask        {startup['peak_rss_mb']:.0f} MB")


if __name__ == "__main__":
    main()
