#!/usr/bin/env python3
"""Validates questions.json of the questions_b evaluation set.

Checks: JSON shape, unique ids, allowed categories/styles/splits, 2-4 facts per question,
non-empty `any` lists and source lists, every connector_sdk:/community_connectors: source is an
existing file in the work-tree checkouts, every sdk: source resolves in the installed
fivetran_connector_sdk (this folder's venv), every cli: command has help text in the venv's
`fivetran` CLI, docs: sources are full https URLs, and the tune/report split is balanced per
category (+-1). Exits non-zero on any error; warnings (e.g. an `any` string that already occurs
in the question text) are printed but do not fail.

Usage:  python3 check.py   (uses ./venv/bin/python and ./venv/bin/fivetran for sdk:/cli: checks)
"""
import collections
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
QUESTIONS = os.path.join(HERE, "questions.json")
VENV_PY = os.path.join(HERE, "venv", "bin", "python")
VENV_CLI = os.path.join(HERE, "venv", "bin", "fivetran")
CHECKOUTS = {
    "connector_sdk": "/work/checkouts/connector_sdk",
    "community_connectors": "/work/checkouts/community_connectors",
}
CATEGORIES = {
    "cli", "project_layout", "pagination_incremental", "authentication", "runtime_environment",
    "sdk3_features", "testing_debugging", "ai_tooling", "find_connector",
}
STYLES = {"terse", "chatty", "error-paste", "how-do-i", "why", "non-native", "comparison"}
SPLITS = {"tune", "report"}
ITEM_KEYS = {"id", "category", "question", "style", "origin", "facts", "split"}
FACT_KEYS = {"fact", "any", "sources"}

errors, warnings = [], []


def err(msg):
    errors.append(msg)


def warn(msg):
    warnings.append(msg)


def resolve_sdk_names(names):
    """Returns {name: bool} by importing fivetran_connector_sdk in the venv and walking attributes."""
    code = r"""
import importlib, json, sys
mod = importlib.import_module("fivetran_connector_sdk")
res = {}
for name in json.loads(sys.stdin.read()):
    obj, ok = mod, True
    for part in name.split("."):
        if not hasattr(obj, part):
            ok = False
            break
        obj = getattr(obj, part)
    res[name] = ok
print(json.dumps(res))
"""
    with tempfile.TemporaryDirectory(prefix="questions_b_sdk_home_") as home:
        env = dict(os.environ, DO_NOT_TRACK="1", HOME=home)  # importing the SDK may write under ~/.fivetran
        proc = subprocess.run([VENV_PY, "-c", code], input=json.dumps(sorted(names)), capture_output=True,
                              text=True, env=env)
    if proc.returncode != 0:
        err(f"could not import fivetran_connector_sdk in {VENV_PY}: {proc.stderr.strip()[-400:]}")
        return {n: False for n in names}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def cli_help_ok(command, home):
    args = [VENV_CLI, "--help"] if command == "help" else [VENV_CLI, *command.split(), "--help"]
    # a throw-away HOME: the CLI writes ~/.fivetran/connector_sdk/_config.json on first use
    env = dict(os.environ, DO_NOT_TRACK="1", HOME=home)
    proc = subprocess.run(args, capture_output=True, text=True, env=env, cwd=HERE, timeout=120)
    out = proc.stdout
    expected = "usage: fivetran" if command == "help" else f"usage: fivetran {command}"
    return proc.returncode == 0 and expected in out


def main():
    try:
        with open(QUESTIONS, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, json.JSONDecodeError) as e:
        print(f"ERROR: cannot read {QUESTIONS}: {e}")
        return 1
    if not isinstance(data, list):
        print("ERROR: top level must be a list")
        return 1
    if len(data) != 80:
        err(f"expected 80 questions, found {len(data)}")

    ids = collections.Counter()
    sdk_names, cli_cmds = set(), set()
    per_cat = collections.defaultdict(collections.Counter)
    for i, item in enumerate(data):
        where = f"item #{i}"
        if not isinstance(item, dict):
            err(f"{where}: not an object")
            continue
        where = item.get("id", where)
        keys = set(item)
        if keys != ITEM_KEYS:
            err(f"{where}: keys {sorted(keys)} != {sorted(ITEM_KEYS)}")
        ids[item.get("id")] += 1
        if not str(item.get("id", "")).startswith("b-"):
            err(f"{where}: id must look like b-NNN")
        if item.get("category") not in CATEGORIES:
            err(f"{where}: bad category {item.get('category')!r}")
        if item.get("style") not in STYLES:
            err(f"{where}: bad style {item.get('style')!r}")
        if item.get("split") not in SPLITS:
            err(f"{where}: bad split {item.get('split')!r}")
        for k in ("question", "origin"):
            if not isinstance(item.get(k), str) or not item.get(k).strip():
                err(f"{where}: {k} must be a non-empty string")
        per_cat[item.get("category")][item.get("split")] += 1
        facts = item.get("facts")
        if not isinstance(facts, list) or not 2 <= len(facts) <= 4:
            err(f"{where}: needs 2-4 facts")
            continue
        qtext = str(item.get("question", "")).lower()
        for j, fact in enumerate(facts):
            fw = f"{where} fact {j}"
            if not isinstance(fact, dict) or set(fact) != FACT_KEYS:
                err(f"{fw}: keys must be {sorted(FACT_KEYS)}")
                continue
            if not isinstance(fact["fact"], str) or not fact["fact"].strip():
                err(f"{fw}: empty fact text")
            anys = fact["any"]
            if not isinstance(anys, list) or not anys or not all(isinstance(a, str) and a.strip() for a in anys):
                err(f"{fw}: `any` must be a non-empty list of non-empty strings")
            else:
                trivial = [a for a in anys if a.lower() in qtext]
                if trivial:
                    warn(f"{fw}: any-string(s) {trivial} already occur in the question text")
            srcs = fact["sources"]
            if not isinstance(srcs, list) or not srcs:
                err(f"{fw}: sources must be a non-empty list")
                continue
            if len(set(srcs)) != len(srcs):
                err(f"{fw}: duplicate sources")
            for s in srcs:
                if not isinstance(s, str) or ":" not in s:
                    err(f"{fw}: malformed source {s!r}")
                    continue
                kind, rest = s.split(":", 1)
                if kind in CHECKOUTS:
                    path = os.path.join(CHECKOUTS[kind], rest)
                    if not os.path.isfile(path):
                        err(f"{fw}: source file missing: {s}")
                elif kind == "docs":
                    if not rest.startswith("https://"):
                        err(f"{fw}: docs source must be a full https URL: {s}")
                elif kind == "sdk":
                    sdk_names.add(rest)
                elif kind == "cli":
                    cli_cmds.add(rest)
                else:
                    err(f"{fw}: unknown source kind {kind!r} ({s})")

    for _id, n in ids.items():
        if n > 1:
            err(f"duplicate id {_id}")

    if sdk_names:
        for name, ok in resolve_sdk_names(sdk_names).items():
            if not ok:
                err(f"sdk source does not resolve in installed fivetran_connector_sdk: sdk:{name}")
    with tempfile.TemporaryDirectory(prefix="questions_b_cli_home_") as home:
        for cmd in sorted(cli_cmds):
            if not cli_help_ok(cmd, home):
                err(f"cli source has no help text in the venv's fivetran CLI: cli:{cmd}")

    for cat, counts in sorted(per_cat.items(), key=lambda kv: str(kv[0])):
        if abs(counts["tune"] - counts["report"]) > 1:
            err(f"category {cat}: unbalanced split {dict(counts)}")

    # summary
    cat_total = {c: sum(v.values()) for c, v in per_cat.items()}
    print(f"questions: {len(data)}  facts: {sum(len(x.get('facts', [])) for x in data if isinstance(x, dict))}")
    for cat in sorted(cat_total, key=str):
        print(f"  {cat:24s} total={cat_total[cat]}  tune={per_cat[cat]['tune']}  report={per_cat[cat]['report']}")
    print(f"sdk names checked: {len(sdk_names)}  cli commands checked: {len(cli_cmds)}")
    for w in warnings:
        print("WARNING:", w)
    for e in errors:
        print("ERROR:", e)
    print("OK" if not errors else f"FAILED with {len(errors)} error(s)")
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
