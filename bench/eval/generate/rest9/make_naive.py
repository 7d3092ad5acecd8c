"""Writes naive/<id>/: each reference connector with one typical mistake (by text substitution), so that
`run_reference.py --reference naive` shows the mocks catch it: every task must FAIL."""

import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent

MISTAKES = {
    "r9-01": ("comments' Link header not followed (first page of comments only)",
              [('{"per_page": 50}, "comments")', '{"per_page": 50}, "comments", follow=False)')]),
    "r9-02": ("nested lines left inside the invoice row (no invoice_lines table)",
              [('lines = inv.pop("lines", None) or []', "lines = []  # naive: lines stay a JSON column")]),
    "r9-03": ("off-by-one window: until = since + 31 days (a 32-day span)",
              [("end = min(start + dt.timedelta(days=30), last)", "end = min(start + dt.timedelta(days=31), last)")]),
    "r9-04": ("deleted-products feed never read", [('if state.get("last_sync"):', "if False:  # naive: no deletes")]),
    "r9-05": ("removed members never requested (with_deleted not sent)",
              [('params = {"with_deleted": "true"}', "params = {}  # naive: removed members never seen")]),
    "r9-06": ("after = the last node's id instead of pageInfo.endCursor",
              [('after = conn["pageInfo"]["endCursor"]', 'after = conn["edges"][-1]["node"]["id"]')]),
    "r9-07": ("next page looked up as a top-level `next` (links.next never followed)",
              [('url = (body.get("links") or {}).get("next")', 'url = body.get("next")')]),
    "r9-08": ("packages looked up directly under <shipment> (the <packages> wrapper ignored)",
              [('s.findall("packages/package")', 's.findall("package")')]),
    "r9-09": ("429 not retried", [("if r.status_code == 429 and attempt < 9:", "if False:  # naive: no retry")]),
    "r9-10": ("modified_since sent as an ISO timestamp",
              [('params["modified_since"] = state["entries_since"]',
                'params["modified_since"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(state["entries_since"]))')]),
}


def main() -> None:
    out = HERE / "naive"
    shutil.rmtree(out, ignore_errors=True)
    for tid, (what, subs) in MISTAKES.items():
        src = HERE / "reference" / tid
        text = (src / "connector.py").read_text()
        for old, new in subs:
            assert text.count(old) == 1, f"{tid}: {old!r} found {text.count(old)} times"
            text = text.replace(old, new)
        (out / tid).mkdir(parents=True)
        (out / tid / "connector.py").write_text(text)
        shutil.copy(src / "configuration.json", out / tid / "configuration.json")
        print(f"{tid}: {what}")


if __name__ == "__main__":
    main()
