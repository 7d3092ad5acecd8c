"""The chat app with the real model, headless, measured in one run against the current index.

    ASSISTANT_HOME=... python bench/chat_bench.py [--model NAME]

1. first paint vs model ready: the screen is up (and takes keys) long before the model is
2. streaming cost of the UI: generation tok/s of the same questions in the app vs the session
   API with no UI (same model object, same prompts)
3. follow-ups: the share of the second question's prompt already in the KV cache (not evaluated)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
os.environ.setdefault("HF_HUB_OFFLINE", "1")

QUESTIONS = ["How do I make my connector resume from where the last sync stopped?",
             "And how often should I do that?",
             "How do I authenticate with a bearer token?"]


async def in_app(services: Any) -> dict[str, Any]:
    from tui_helpers import settle, submit

    from tui.app import make_app

    app = make_app(services)
    started = time.perf_counter()
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        painted = time.perf_counter() - started
        while not app.workbench.n_ctx:
            await asyncio.sleep(0.02)
        ready = time.perf_counter() - started
        await settle(pilot)
        speeds, reuse = [], []
        generator = services.generator()
        for question in QUESTIONS:
            await submit(pilot, question)
            await settle(pilot, timeout=300)
            answer_speed = str(app.query_one("#status-model").render())
            speeds.append(float(answer_speed.split(" tok/s")[0].split("· ")[-1]))
            reuse.append((generator.last_reused, app.workbench.last_answer.timings.prompt_tokens))
        system = generator.count_tokens(services.asker().system_prefix())
    return {"painted": painted, "ready": ready, "speeds": speeds, "reuse": reuse, "system": system,
            "model": generator}


def without_ui(cfg: Any, generator: Any) -> list[float]:
    from assistant.chat.workbench import Workbench
    from assistant.services import Services

    bench = Workbench(Services(cfg, lambda c, p: generator))
    return [bench.ask(q).timings.tok_per_s for q in QUESTIONS]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", help="model name (default: the configured default)")
    args = parser.parse_args()
    from assistant.services import Services
    from core import settings

    cfg = settings.load(model=args.model)
    app = asyncio.run(in_app(Services(cfg)))
    plain = without_ui(cfg, app["model"])
    print(f"model: {app['model'].name}, {len(QUESTIONS)} questions")
    print(f"first paint {app['painted']:.2f} s, model ready {app['ready']:.2f} s: "
          f"paint/ready ratio {app['painted'] / app['ready']:.2f}")
    ui, raw = statistics.median(app["speeds"]), statistics.median(plain)
    print(f"generation in the app {ui:.1f} tok/s vs without UI {raw:.1f} tok/s (medians): ratio {ui / raw:.2f}")
    for i, (reused, prompt) in enumerate(app["reuse"], start=1):
        print(f"question {i}: {reused} of {prompt} prompt tokens came from the KV cache "
              f"({reused / prompt:.0%}; the system prompt is {app['system']})")


if __name__ == "__main__":
    main()
