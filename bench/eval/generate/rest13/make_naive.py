"""Writes naive/<id>/: each reference connector with one typical mistake (by text substitution), so that
`run_reference.py --reference naive` shows the mocks catch it: every task must FAIL."""

import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent

MISTAKES = {
    "r13-01": ("keyed on `id` (contacts only have `uuid`)",
               [('"primary_key": ["uuid"]', '"primary_key": ["id"]')]),
    "r13-02": ("`items` assumed to be a list on every order",
               [('items = order.pop("items", None) or []', 'items = order.pop("items")')]),
    "r13-03": ("cursor taken from `updated` alone (null on never-modified tickets)",
               [('stamp = ticket.get("updated") or ticket.get("created") or 0', 'stamp = ticket["updated"]')]),
    "r13-04": ("`refunded` tested for truthiness (the string \"false\" is true)",
               [('if is_true(receipt.get("refunded")):', 'if receipt.get("refunded"):')]),
    "r13-05": ("submissions read like forms, without the `result` wrapper",
               [('lambda body: body.get("result") or {}', 'lambda body: body')]),
    "r13-06": ("skills treated as objects",
               [('{"employee_number": employee["employee_number"], "skill": skill}',
                 '{"employee_number": employee["employee_number"], **skill}')]),
    "r13-07": ("last id read from a page that may be empty",
               [('last = rows[-1]["id"] if rows else last', 'last = rows[-1]["id"]')]),
    "r13-08": ("stops at the first empty page",
               [('if not after:', 'if not after or not body.get("results"):')]),
    "r13-09": ("campaign names looked up without matching the id types",
               [('names[str(campaign["id"])]', 'names[campaign["id"]]'),
                ('names.get(str(row["campaign_id"]))', 'names[row["campaign_id"]]')]),
    "r13-10": ("`items` assumed to be a list (null past the end)",
               [('items = r.json().get("items") or []', 'items = r.json()["items"]')]),
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
