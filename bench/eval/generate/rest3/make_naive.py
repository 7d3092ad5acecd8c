"""Writes naive/<id>/ from reference/<id>/: one typical mistake per task, by plain text substitution.
`run_reference.py --reference naive` must FAIL every task."""

from __future__ import annotations

import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent

MISTAKES = {
    "r3-01": ("stops when `total` is reached (it is null: one page)",
              [('if not body.get("more"):', 'if offset + 100 >= (body.get("total") or 0):')]),
    "r3-02": ("class key is the class id alone", [('"primary_key": ["school_id", "id"]', '"primary_key": ["id"]')]),
    "r3-03": ("one token for the whole sync", [("time.monotonic() > self.expires - 0.5", "False"),
                                               ("if r.status_code == 401:", "if False:")]),
    "r3-04": ("trashed posts upserted like any other", [('if p["status"] == "trash":', "if False:")]),
    "r3-05": ("no retry on 429", [("if r.status_code in (429, 502, 503):", "if False:")]),
    "r3-06": ("search_after sorted on @timestamp only", [('[{"@timestamp": "asc"}, {"event.id": "asc"}]', '[{"@timestamp": "asc"}]')]),
    "r3-07": ("no $expand=Addresses", [('params = {"$expand": "Addresses"}', "params = {}")]),
    "r3-08": ("reads one page of the feed", [('if not body.get("pending"):', "if True:")]),
    "r3-09": ("no include=line_items", [(', "include": "line_items"}', "}")]),
    "r3-10": ("downloads with the authenticated session", [('f = requests.get(body["download_url"]', 'f = session.get(body["download_url"]')]),
    "r3-11": ("no handling of 429", [("if r.status_code == 429:", "if False:")]),
    "r3-12": ("logs in once", [('if r.status_code in (301, 302, 303, 401) or "json" not in r.headers.get("Content-Type", ""):', "if False:"),
                               ("allow_redirects=False", "allow_redirects=True")]),
    "r3-13": ("key only on the first URL (next links lack it)",
              [('url = configuration["base_url"].rstrip("/") + "/feeds/products.atom"',
                'url = configuration["base_url"].rstrip("/") + "/feeds/products.atom?key=" + configuration["feed_key"]'),
               ('params={"key": configuration["feed_key"]}', "params=None")]),
    "r3-14": ("no retry on 503", [("if r.status_code in (429, 500, 502, 503, 504):", "if False:")]),
}


def main() -> None:
    out = HERE / "naive"
    shutil.rmtree(out, ignore_errors=True)
    for tid, (what, subs) in MISTAKES.items():
        shutil.copytree(HERE / "reference" / tid, out / tid, ignore=shutil.ignore_patterns("files", "__pycache__"))
        code = (out / tid / "connector.py").read_text()
        for old, new in subs:
            assert old in code, (tid, old)
            code = code.replace(old, new)
        (out / tid / "connector.py").write_text(code)
        print(f"{tid}: {what}")


if __name__ == "__main__":
    main()
