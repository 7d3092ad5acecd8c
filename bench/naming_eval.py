"""Which tables a request asks for, read from the text alone: the spec's table names against the names a
blind writer says a correct connector creates (bench/eval/naming/{a,b,c}/requests.json).

    python bench/naming_eval.py [--split tune|report|all] [--set a|b|all] [--verbose] [--json FILE]
    python bench/naming_eval.py --generate-tasks      # the same measure on the generate sets' HTTP tune tasks

Wrong or missing table names were the stage most failing generate tasks stopped at (bench/generate_eval.py's
"failed at" counts), and the generate tasks cost minutes each; this reads names in milliseconds, so a change to
how names are read can be measured on requests it was not written for. No model, no source: plain extraction.
`--verbose` prints each miss (tune split only: report items are counted, never read).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench" / "eval" / "generate")]
SETS = ROOT / "bench" / "eval" / "naming"


def read_tables(text: str) -> list[str]:
    """The table names the generator would create from the request alone, or the error it stops with."""
    from assistant.connector import generate
    from core.errors import AssistantError

    try:
        return [t.name for t in generate.prepare(text).spec.tables]
    except AssistantError as exc:
        return [f"<error: {exc}>"]


def items(split: str, which: str) -> list[dict[str, Any]]:
    names = ["a", "b", "c"] if which == "all" else [which]
    out = [i for n in names for i in json.loads((SETS / n / "requests.json").read_text())]
    return [i for i in out if split == "all" or i["split"] == split]


def generate_items() -> list[dict[str, Any]]:
    """HTTP tune tasks of the generate sets (and their paraphrases) whose expected tables all hold rows."""
    import harness

    out = []
    for task in [*harness.tasks("all"), *harness.tasks("para")]:
        if task.split != "tune" or not task.set.startswith("rest"):
            continue
        expect = task.data["expect"]["tables"]
        if all(expect.values()):
            out.append({"id": task.id, "split": "tune", "request": harness.fill(task.data["request"], {}),
                        "tables": sorted(expect)})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("tune", "report", "all"), default="tune")
    parser.add_argument("--set", dest="which", choices=("a", "b", "c", "all"), default="all")
    parser.add_argument("--generate-tasks", action="store_true")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    chosen = generate_items() if args.generate_tasks else items(args.split, args.which)
    rows = []
    for item in chosen:
        got, want = read_tables(item["request"]), item["tables"]
        rows.append({"id": item["id"], "split": item["split"], "got": got, "want": want,
                     "exact": sorted(got) == sorted(want), "right": len(set(got) & set(want)),
                     "extra": len(set(got) - set(want))})
        if args.verbose and item["split"] == "tune" and not rows[-1]["exact"]:
            print(f"MISS {item['id']}: got {got}, want {want}")
    for split in ("tune", "report"):
        part = [r for r in rows if r["split"] == split]
        if not part:
            continue
        exact = sum(r["exact"] for r in part)
        right, wanted = sum(r["right"] for r in part), sum(len(r["want"]) for r in part)
        made = sum(len(r["got"]) for r in part)
        print(f"{split:<6} {len(part)} requests: exact table set {exact}/{len(part)} = {exact / len(part):.2f}; "
              f"names right {right}/{wanted} (recall {right / max(wanted, 1):.2f}, "
              f"precision {right / max(made, 1):.2f})")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
