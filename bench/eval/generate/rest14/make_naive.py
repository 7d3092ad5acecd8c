"""Writes naive/<id>/: each reference connector with one typical mistake (by text substitution), so that
`run_reference.py --reference naive` shows the mocks catch it: every task must FAIL."""

import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent

MISTAKES = {
    "r14-01": ("first page only",
               [('page = body.get("next_page") if body["expenses"] else None', "page = None  # naive: first page only")]),
    "r14-02": ("next_cursor sent as `after` instead of `cursor`",
               [('params = {"limit": 50, "cursor": body["next_cursor"]}', 'params = {"limit": 50, "after": body["next_cursor"]}')]),
    "r14-03": ("deletions endpoint ignored",
               [('for rows in pages(session, base + "/api/v1/contacts/deleted", params):',
                 "for rows in []:  # naive: deletions never read")]),
    "r14-04": ("rooms not paged (one request per venue)",
               [('for room in fetch_all(f"{base}/v1/venues/{vid}/rooms", token):',
                 'for room in requests.get(f"{base}/v1/venues/{vid}/rooms", params={"token": token, "limit": LIMIT}, '
                 'timeout=30).json()["results"]:')]),
    "r14-05": ("deleted flag tested for truthiness (\"0\" is truthy)",
               [('if str(customer.get("deleted")) == "1":', 'if customer.get("deleted"):')]),
    "r14-06": ("order_items keyed on sku alone",
               [('{"table": "order_items", "primary_key": ["order_id", "sku"]}',
                 '{"table": "order_items", "primary_key": ["sku"]}')]),
    "r14-07": ("page_size 500 (cap is 100)", [('params = {"page_size": 100}', 'params = {"page_size": 500}')]),
    "r14-08": ("Link URLs followed as they are, without the access_token",
               [('{"per_page": 50}', '{"per_page": 50, "access_token": token}'),
                ('params={**(params or {}), "access_token": token}', "params=params")]),
    "r14-09": ("pages counted from 1", [("    page = 0\n", "    page = 1  # naive: Spring pages start at 0\n")]),
    "r14-10": ("archived deals never listed",
               [('for archived in ("false", "true"):', 'for archived in ("false",):  # naive: archived skipped')]),
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
