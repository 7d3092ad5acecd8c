"""Retrieval and answers on the blind question sets (bench/eval/questions/{a,b}), one split at a time.

    ASSISTANT_HOME=... python bench/question_eval.py --split tune|report [--set a|b|all] [-k 5]
                                                     [--answers [--model M] [--limit N]] [--json F] [--verbose]

The sets were written by sessions that had not read this code (see bench/eval/README.md). Each
question lists its key facts; each fact lists the strings that state it (`any`) and every file,
SDK entry (`sdk:Operations.delete`) or CLI command (`cli:reset`) that states it. Reports:

  hit@k             a retrieved passage comes from one of the question's sources
  answer-bearing@k  every fact's strings appear in the retrieved passages as the prompt shows them
                    (location and the window `focus` cuts from a long chunk; any file, rule cards too)
  source-bearing@k  stricter: every fact is stated by a passage from one of its listed sources
  route             how often each route was taken (misroutes are read from --verbose)

With --answers (the real model, slow: about half a minute a question on the 0.5B):

  key-fact coverage    share of facts whose strings the answer contains
  complete answers     answers that contain every fact
  citation precision   cited passages that contain one of the question's fact strings
  unknown SDK names    op./log./Connector/fivetran names in answers that the installed SDK lacks,
                       after the one retry such an answer gets (the parts naming them are then left
                       out, with a note); "still shown" counts those the answer shows anyway

`docs:` sources count only when the docs site was ingested (`assistant ingest --docs DIR`).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

SETS = Path(__file__).parent / "eval" / "questions"


def load(split: str, which: str) -> list[dict[str, Any]]:
    names = ["a", "b"] if which == "all" else [which]
    items = [q for n in names for q in json.loads((SETS / n / "questions.json").read_text())]
    return [q for q in items if q["split"] == split]


def hit_keys(meta: dict[str, Any]) -> set[str]:
    """The source names one retrieved passage answers to, in the question sets' notation."""
    path, source = str(meta.get("path", "")), str(meta.get("source", ""))
    if meta.get("kind") == "sdk_api":
        if path.startswith("fivetran "):
            return {"cli:" + path.removeprefix("fivetran ")}
        return {"sdk:" + path.split(".", 1)[-1]}
    if source == "docs":
        return {"docs:" + str(meta.get("url", "")).split("#")[0].rstrip("/")}
    return {f"{source.rsplit('/', 1)[-1]}:{path}"}


def matches(keys: set[str], sources: list[str]) -> bool:
    """`sdk:Operations` answers `sdk:Operations.delete`; `cli:package` answers `cli:package create`."""
    for src in sources:
        src = src.rstrip("/")
        for key in keys:
            if src == key or src.startswith(key + ".") or src.startswith(key + " "):
                return True
            if key == "cli:" and src == "cli:help":
                return True
    return False


def states(text: str, fact: dict[str, Any]) -> bool:
    low = text.lower()
    return any(s.lower() in low for s in fact["any"])


def score_retrieval(item: dict[str, Any], hits: list[Any]) -> dict[str, Any]:
    """On what the prompt shows of each passage: its location and the window `focus` cuts."""
    from assistant.answer.passages import focus

    keyed = [(hit_keys(h.metadata), f"{h.source.location}\n{focus(h, item['question'])[0]}") for h in hits]
    facts = item["facts"]
    hit = any(matches(k, f["sources"]) for k, _ in keyed for f in facts)
    borne = [any(matches(k, f["sources"]) and states(t, f) for k, t in keyed) for f in facts]
    by_text = [any(states(t, f) for _, t in keyed) for f in facts]
    return {"hit": hit, "bearing": all(borne), "by_text": all(by_text), "borne": by_text}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=["tune", "report"], required=True)
    parser.add_argument("--set", dest="which", choices=["a", "b", "all"], default="all")
    parser.add_argument("-k", type=int, default=5)
    parser.add_argument("--answers", action="store_true")
    parser.add_argument("--model", default=None)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--json", dest="json_out", default="")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()

    from assistant.answer import keypoints
    from assistant.answer.asker import Asker
    from assistant.answer.claims import unknown_names, without_note
    from assistant.answer.passages import gather
    from assistant.services import load_generator, make_retriever
    from core import sdk, settings

    cfg = settings.load(model=args.model)
    retriever = make_retriever(cfg)
    facts = sdk.facts()
    surface = sdk.surface()
    asker = None
    if args.answers:
        generator = load_generator(cfg)
        asker = Asker(generator, facts, max_answer_tokens=cfg.max_answer_tokens, surface=surface)
        generator.warm_prefix(asker.system_prefix())
    items = load(args.split, args.which)
    if args.limit:
        items = items[: args.limit]
    rows = []
    # With --json F, each question's row is appended to F.rows.jsonl as soon as it is scored, and a
    # re-run with the same arguments skips the questions already there: a long answer run that is
    # cut short keeps what it measured. Delete the file to start over.
    partial = Path(args.json_out + ".rows.jsonl") if args.json_out else None
    done = {}
    if partial is not None and partial.exists():
        done = {r["id"]: r for r in map(json.loads, partial.read_text().splitlines()) if r}
    for item in items:
        if item["id"] in done:
            rows.append(done[item["id"]])
            continue
        t0 = time.perf_counter()
        the_route, hits = gather(retriever, item["question"], args.k, surface)
        row = {"id": item["id"], "route": the_route.name, **score_retrieval(item, hits)}
        if asker is not None:
            answer = asker.answer(item["question"], hits, route=the_route)
            covered = [states(answer.text, f) for f in item["facts"]]
            own = keypoints.without(answer.text)
            covered_own = [states(own, f) for f in item["facts"]]
            by_n = {p.n: p for p in answer.passages}
            row.update(answer=answer.text, coverage=sum(covered) / len(covered), complete=all(covered),
                       coverage_own=sum(covered_own) / len(covered_own), complete_own=all(covered_own),
                       cited=len(answer.cited),
                       cited_ok=sum(any(states(by_n[n].text, f) for f in item["facts"]) for n in answer.cited),
                       unknown=answer.unknown_names, retried=answer.retried, seconds=time.perf_counter() - t0,
                       shown_unknown=unknown_names(without_note(answer.text), surface))
        rows.append(row)
        if partial is not None:
            with partial.open("a") as handle:
                handle.write(json.dumps(row) + "\n")
        if args.verbose:
            print(f"{item['id']} [{row['route']}] hit={row['hit']} bearing={row['bearing']} "
                  f"borne={row['borne']}  {item['question'][:90]}")
            if "answer" in row:
                print(f"    coverage {row['coverage']:.2f} unknown {row['unknown']}\n    "
                      + row["answer"].replace("\n", "\n    "))
    report(args, rows)


def report(args: argparse.Namespace, rows: list[dict[str, Any]]) -> None:
    n = len(rows)
    routes: dict[str, int] = {}
    for r in rows:
        routes[r["route"]] = routes.get(r["route"], 0) + 1
    lines = [f"split                 {args.split} ({args.which}), {n} questions",
             f"hit@{args.k}                 {sum(r['hit'] for r in rows) / n:.2f}",
             f"answer-bearing@{args.k}      {sum(r['by_text'] for r in rows) / n:.2f}",
             f"source-bearing@{args.k}      {sum(r['bearing'] for r in rows) / n:.2f}",
             "routes                " + ", ".join(f"{k} {v}" for k, v in sorted(routes.items()))]
    if rows and "answer" in rows[0]:
        cited = sum(r["cited"] for r in rows)
        lines += [f"key-fact coverage     {statistics.mean(r['coverage'] for r in rows):.2f}",
                  f"complete answers      {sum(r['complete'] for r in rows)}/{n}",
                  f"... without the quoted source sentences: coverage "
                  f"{statistics.mean(r.get('coverage_own', r['coverage']) for r in rows):.2f}, complete "
                  f"{sum(r.get('complete_own', r['complete']) for r in rows)}/{n}",
                  f"citation precision    {sum(r['cited_ok'] for r in rows) / cited if cited else 0:.2f}",
                  f"unknown SDK names     {sum(len(r['unknown']) for r in rows)} "
                  f"in {sum(bool(r['unknown']) for r in rows)} answers (after one retry; left out with a note)",
                  f"... still shown         {sum(len(r.get('shown_unknown', [])) for r in rows)}",
                  f"answers retried       {sum(r['retried'] for r in rows)}",
                  f"seconds per question  median {statistics.median(r['seconds'] for r in rows):.1f}"]
    print("\n".join(lines))
    if args.json_out:
        Path(args.json_out).write_text(json.dumps({"summary": lines, "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
