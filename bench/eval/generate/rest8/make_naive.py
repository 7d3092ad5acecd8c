"""Writes naive/<id>/: each reference connector with one typical mistake (by text substitution), so that
`run_reference.py --reference naive` shows the mocks catch it: every task must FAIL."""

import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent

MISTAKES = {
    "r8-01": ("first: 100 (cap 50; the error arrives inside an HTTP 200)",
              [('{"first": 50, "after": after}', '{"first": 100, "after": after}')]),
    "r8-02": ("OAuth token fetched once, never refreshed",
              [("if force or not self.token or time.time() > self.expires - 1:",
                "if not self.token:  # naive: token fetched once")]),
    "r8-03": ("XML namespace ignored", [('root.findall("sw:Item", NS)', 'root.findall("Item")')]),
    "r8-04": ("is_deleted tombstones upserted", [('if lead.get("is_deleted"):', "if False:  # naive: is_deleted ignored")]),
    "r8-05": ("next_page_token inside a window ignored",
              [('if not body.get("next_page_token"):', "if True:  # naive: first page of each window only")]),
    "r8-06": ("cut-off JSON bodies not retried", [("except ValueError:", "except KeyError:  # naive: not retried")]),
    "r8-07": ("order_tickets keyed on (order_id, seat)",
              [('"primary_key": ["order_id", "ticket_no"]', '"primary_key": ["order_id", "seat"]')]),
    "r8-08": ("owner_id declared INT from the v1 sample",
              [('{"table": "devices", "primary_key": ["id"]}',
                '{"table": "devices", "primary_key": ["id"], "columns": {"owner_id": "INT", "site_id": "INT"}}')]),
    "r8-09": ("token refreshed only on HTTP 401 (expiry arrives as UNAUTHENTICATED in a 200)",
              [("if not self.token or time.time() > self.expires - 0.5:", "if not self.token:"),
               ('if any((e.get("extensions") or {}).get("code") == "UNAUTHENTICATED" for e in errors):',
                "if False:  # naive: only HTTP 401 triggers a refresh")]),
    "r8-10": ("503 not retried", [("if r.status_code in (429, 500, 502, 503, 504):", "if False:  # naive: no retry")]),
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
