"""Validates questions.json.

Checks: JSON shape and field types; ids unique and well-formed; categories/styles known; 2-4 facts per question, each
with non-empty `any` strings and sources; every connector_sdk:/community_connectors: source is a file in the checkout;
every sdk: source resolves by introspection in this folder's venv (fivetran-connector-sdk 3.0.0); every cli: source is a
fivetran command whose --help runs; docs: sources are fivetran.com URLs; split balance per category (tune/report differ
by at most 1) and the split equals the one random.Random(12) gives (see build.py).

Usage: venv/bin/python check.py [path/to/questions.json]      exit status 0 when everything passes
"""
import collections
import json
import os
import random
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
VENV_PY = os.path.join(HERE, "venv", "bin", "python")
VENV_BIN = os.path.join(HERE, "venv", "bin")
CHECKOUTS = {"connector_sdk": "/work/checkouts/connector_sdk", "community_connectors": "/work/checkouts/community_connectors"}
CATEGORIES = ["operations", "deletes", "checkpoints", "schema", "configuration", "requirements", "logging", "errors"]
STYLES = {"terse", "chatty", "error-paste", "how-do-i", "why", "non-native", "comparison"}
KEYS = {"id", "category", "question", "style", "origin", "facts", "split"}

errors = []


def err(msg):
    errors.append(msg)


def resolve_sdk(names):
    """Resolves sdk:<Name>[.<attr>...] in the venv; returns the set of names that did not resolve."""
    code = (
        "import json, sys, fivetran_connector_sdk as m\n"
        "assert m.__version__ == '3.0.0', m.__version__\n"
        "bad = []\n"
        "for n in json.loads(sys.stdin.read()):\n"
        "    parts = n.split('.')\n"
        "    if parts[0] not in dir(m) or parts[0].startswith('_'):\n"
        "        bad.append(n); continue\n"
        "    o = getattr(m, parts[0])\n"
        "    try:\n"
        "        for p in parts[1:]:\n"
        "            o = getattr(o, p)\n"
        "    except AttributeError:\n"
        "        bad.append(n)\n"
        "print(json.dumps(bad))\n")
    p = subprocess.run([VENV_PY, "-c", code], input=json.dumps(sorted(names)), capture_output=True, text=True)
    if p.returncode != 0:
        err(f"sdk introspection failed: {p.stderr.strip()[-500:]}")
        return set(names)
    return set(json.loads(p.stdout))


def cli_ok(cmd):
    # HOME inside this folder: the CLI keeps its settings in ~/.fivetran; DO_NOT_TRACK turns its telemetry off
    home = os.path.join(HERE, ".home")
    os.makedirs(home, exist_ok=True)
    env = dict(os.environ, PATH=VENV_BIN + os.pathsep + os.environ.get("PATH", ""), HOME=home, DO_NOT_TRACK="1")
    p = subprocess.run([os.path.join(VENV_BIN, "fivetran")] + cmd.split() + ["--help"], capture_output=True, text=True, env=env)
    return p.returncode == 0 and "usage:" in p.stdout


def expected_split(items):
    rng = random.Random(12)
    out = {}
    for cat in CATEGORIES:
        ids = [it["id"] for it in items if it.get("category") == cat]
        rng.shuffle(ids)
        tune = set(ids[: len(ids) // 2])
        for i in ids:
            out[i] = "tune" if i in tune else "report"
    return out


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "questions.json")
    with open(path, encoding="utf-8") as f:
        items = json.load(f)
    if not isinstance(items, list):
        print("FAIL: top level is not a list")
        return 1

    ids = collections.Counter()
    sdk_names, cli_cmds = set(), set()
    for n, it in enumerate(items):
        where = it.get("id", f"#{n}") if isinstance(it, dict) else f"#{n}"
        if not isinstance(it, dict):
            err(f"{where}: not an object")
            continue
        if set(it) != KEYS:
            err(f"{where}: keys {sorted(it)} != {sorted(KEYS)}")
        ids[it.get("id")] += 1
        if not re.fullmatch(r"a-\d{3}", str(it.get("id"))):
            err(f"{where}: bad id")
        if it.get("category") not in CATEGORIES:
            err(f"{where}: unknown category {it.get('category')!r}")
        if it.get("style") not in STYLES:
            err(f"{where}: unknown style {it.get('style')!r}")
        for k in ("question", "origin"):
            if not isinstance(it.get(k), str) or not it.get(k).strip():
                err(f"{where}: {k} must be a non-empty string")
        if it.get("split") not in ("tune", "report"):
            err(f"{where}: split must be tune or report")
        facts = it.get("facts")
        if not isinstance(facts, list) or not 2 <= len(facts) <= 4:
            err(f"{where}: needs 2 to 4 facts")
            continue
        for j, fa in enumerate(facts):
            fw = f"{where} fact {j + 1}"
            if not isinstance(fa, dict) or set(fa) != {"fact", "any", "sources"}:
                err(f"{fw}: keys must be fact, any, sources")
                continue
            if not isinstance(fa["fact"], str) or not fa["fact"].strip():
                err(f"{fw}: empty fact")
            if not isinstance(fa["any"], list) or not fa["any"] or not all(isinstance(a, str) and a.strip() for a in fa["any"]):
                err(f"{fw}: any must be a non-empty list of non-empty strings")
            srcs = fa["sources"]
            if not isinstance(srcs, list) or not srcs:
                err(f"{fw}: no sources")
                continue
            if len(set(srcs)) != len(srcs):
                err(f"{fw}: duplicate sources")
            for s in srcs:
                if not isinstance(s, str) or ":" not in s:
                    err(f"{fw}: bad source {s!r}")
                    continue
                kind, rest = s.split(":", 1)
                if kind in CHECKOUTS:
                    p = os.path.join(CHECKOUTS[kind], rest)
                    if not os.path.isfile(p) or ".." in rest.split("/"):
                        err(f"{fw}: missing file {s}")
                elif kind == "docs":
                    if not re.match(r"https://(www\.|beta\.)?fivetran\.com/", rest):
                        err(f"{fw}: docs source is not a fivetran.com URL: {s}")
                elif kind == "sdk":
                    sdk_names.add(rest)
                elif kind == "cli":
                    cli_cmds.add(rest)
                else:
                    err(f"{fw}: unknown source kind {kind!r}")
    for i, c in ids.items():
        if c > 1:
            err(f"duplicate id {i}")

    bad = resolve_sdk(sdk_names) if sdk_names else set()
    for b in sorted(bad):
        err(f"sdk source does not resolve in fivetran-connector-sdk 3.0.0: sdk:{b}")
    for c in sorted(cli_cmds):
        if not cli_ok(c):
            err(f"cli source is not a fivetran command with --help: cli:{c}")

    per_cat = collections.defaultdict(collections.Counter)
    for it in items:
        per_cat[it.get("category")][it.get("split")] += 1
    for cat in CATEGORIES:
        t, r = per_cat[cat]["tune"], per_cat[cat]["report"]
        if t + r == 0:
            err(f"category {cat} has no questions")
        elif abs(t - r) > 1:
            err(f"category {cat} split unbalanced: tune {t}, report {r}")
    exp = expected_split(items)
    for it in items:
        if it.get("id") in exp and it.get("split") != exp[it["id"]]:
            err(f"{it['id']}: split {it.get('split')} != Random(12) assignment {exp[it['id']]}")

    print(f"{len(items)} questions, {sum(len(it.get('facts', [])) for it in items)} facts; "
          f"{len(sdk_names)} sdk names, {len(cli_cmds)} cli commands checked")
    for cat in CATEGORIES:
        print(f"  {cat:14s} tune {per_cat[cat]['tune']:2d}  report {per_cat[cat]['report']:2d}")
    if errors:
        print(f"FAIL: {len(errors)} problem(s)")
        for e in errors:
            print("  -", e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
