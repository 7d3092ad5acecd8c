"""Writes naive/<id>/: each reference connector with one typical mistake (by text substitution), so that
`run_reference.py --reference naive` shows the mocks catch it: every task must FAIL."""

import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent

MISTAKES = {
    "r7-01": ("first page only",
              [('if not body["data"] or page >= body["meta"]["total_pages"]:', "if True:  # naive: first page only")]),
    "r7-02": ("invoice_lines keyed on line_no alone",
              [('{"table": "invoice_lines", "primary_key": ["invoice_id", "line_no"]}',
                '{"table": "invoice_lines", "primary_key": ["line_no"]}')]),
    "r7-03": ("no 429 handling", [("if r.status_code == 429:", "if False:  # naive: 429 not retried")]),
    "r7-04": ("Link header ignored",
              [('url = r.links.get("next", {}).get("url")', "url = None  # naive: Link header ignored")]),
    "r7-05": ("erased subscribers upserted", [('if sub.get("deleted"):', "if False:  # naive: deleted flag ignored")]),
    "r7-06": ("page_size 100 (cap is 25)", [('params = {"page_size": 25}', 'params = {"page_size": 100}')]),
    "r7-07": ("keyed on product_id alone", [('"primary_key": ["product_id", "location_id"]', '"primary_key": ["product_id"]')]),
    "r7-08": ("basic auth with an empty password",
              [('auth = (configuration["api_token"], "api_token")', 'auth = (configuration["api_token"], "")')]),
    "r7-09": ("page number sent instead of offset",
              [('params = {"offset": offset, "limit": LIMIT}', 'params = {"page": offset // LIMIT + 1, "limit": LIMIT}')]),
    "r7-10": ("fixed 0.5 s back-off, 3 attempts, Retry-After ignored",
              [("for attempt in range(10):", "for attempt in range(3):"),
               ("time.sleep(wait + 0.1)", "time.sleep(0.5)  # naive: Retry-After ignored")]),
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
