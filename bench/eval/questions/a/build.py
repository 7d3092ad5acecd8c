"""Builds questions.json from questions_src.py: resolves every fact's sources (grep over the checkouts, docs pages, SDK and
CLI entries), numbers the questions and assigns the tune/report split with random.Random(12), balanced per category.

Usage: venv/bin/python build.py [--report]   (--report prints each fact's source count and a few of its files)
"""
import json
import os
import random
import sys

import srclib
from questions_src import Q, AI  # noqa: F401

HERE = os.path.dirname(os.path.abspath(__file__))
CATEGORIES = ["operations", "deletes", "checkpoints", "schema", "configuration", "requirements", "logging", "errors"]


def resolve(src):
    out = []
    if src.get("g") or src.get("gall"):
        out += srclib.grep(src.get("g", ()), src.get("gall", ()), only=src.get("only"), exclude=src.get("exclude"))
    for f in src.get("f", []):
        if f not in out:
            out.append(f)
    for d in src.get("d", []):
        for u in (srclib.D[d] if d in srclib.D else [d]):
            sid = "docs:" + u
            if sid not in out:
                out.append(sid)
    out += [s for s in src.get("s", []) if s not in out]
    out += [c for c in src.get("c", []) if c not in out]
    return out


def main():
    report = "--report" in sys.argv
    items = []
    for i, q in enumerate(Q, 1):
        facts = []
        for fa in q["facts"]:
            sources = resolve(fa["src"])
            if not sources:
                raise SystemExit(f"question {i}: fact without sources: {fa['fact']}")
            facts.append({"fact": fa["fact"], "any": fa["any"], "sources": sources})
            if report:
                files = [s for s in sources if s.startswith(("connector_sdk:", "community_connectors:"))]
                other = [s for s in sources if s not in files]
                print(f"a-{i:03d} [{q['category']}] {len(files):4d} files  {fa['fact'][:70]}")
                for s in files[:4]:
                    print("        ", s)
                for s in other:
                    print("        ", s)
        items.append({"id": f"a-{i:03d}", "category": q["category"], "question": q["question"], "style": q["style"],
                      "origin": q["origin"], "facts": facts})

    # split: per category, shuffle with one Random(12) in a fixed category order; first half tune, rest report
    rng = random.Random(12)
    for cat in CATEGORIES:
        ids = [it["id"] for it in items if it["category"] == cat]
        rng.shuffle(ids)
        tune = set(ids[: len(ids) // 2])
        for it in items:
            if it["category"] == cat:
                it["split"] = "tune" if it["id"] in tune else "report"
    missing = [it["id"] for it in items if "split" not in it]
    if missing:
        raise SystemExit(f"unknown category for {missing}")

    with open(os.path.join(HERE, "questions.json"), "w", encoding="utf-8") as f:
        json.dump(items, f, indent=1, ensure_ascii=False)
        f.write("\n")
    n_src = sum(len(fa["sources"]) for it in items for fa in it["facts"])
    print(f"wrote {len(items)} questions, {sum(len(it['facts']) for it in items)} facts, {n_src} source entries")


if __name__ == "__main__":
    main()
