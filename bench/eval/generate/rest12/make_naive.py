"""Writes naive/<id>/: each reference connector with one typical mistake (by text substitution), so that
`run_reference.py --reference naive` shows the mocks catch it: every task must FAIL."""

import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent

MISTAKES = {
    "r12-01": ("signature over the parameters in insertion order, not sorted by name",
               [('text = "".join(k + v for k, v in sorted(params.items()))',
                 'text = "".join(k + v for k, v in params.items())  # naive: not sorted')]),
    "r12-02": ("no $format=json and no Accept: application/json (the service answers Atom XML)",
               [('session.headers["Accept"] = "application/json"', "# naive: no Accept header"),
                ('"$format": "json", ', "")]),
    "r12-03": ("page[limit]=50 and stop at the first page shorter than 50 (the server silently caps at 25)",
               [("LIMIT = 25", "LIMIT = 50"),
                ('if not (doc.get("links") or {}).get("next"):', 'if len(doc["data"]) < LIMIT:  # naive')]),
    "r12-04": ("the first _scroll_id reused for every page",
               [('scroll_id = body.get("_scroll_id") or scroll_id', "pass  # naive: keeps the first scroll_id")]),
    "r12-05": ("a FAILED export is not started again",
               [('if not err.get("retryable"):', "if True:  # naive: no new export")]),
    "r12-06": ("the login cookie is sent by hand on every call (the rolling tsid is never updated), no re-login",
               [("r = self.session.request(method, self.base + path, headers=headers, timeout=30, **kw)",
                 "r = requests.request(method, self.base + path, headers=headers, cookies=self.login_cookies, timeout=30, **kw)"),
                ("if r.status_code in (401, 419) and attempt == 0:", "if False:  # naive: no re-login")]),
    "r12-07": ("the deletions feed is never read", [('if state.get("deleted_since"):', "if False:  # naive: no deletes")]),
    "r12-08": ("only the first page of each course's enrollments",
               [("for e in pages(session, f\"{base}/api/courses/{course['id']}/enrollments\"):",
                 "for e in session.get(f\"{base}/api/courses/{course['id']}/enrollments\", params={\"limit\": LIMIT}, "
                 "timeout=30).json()[\"data\"]:  # naive: first page only")]),
    "r12-09": ("the Link header's next URL followed as is (it has no apikey)",
               [('r = session.get(url, params={**(params or {}), "apikey": apikey}, timeout=30)',
                 'r = session.get(url, params=None if params is None else {**params, "apikey": apikey}, timeout=30)  # naive')]),
    "r12-10": ("is_deleted ignored: soft-deleted orders loaded as normal rows",
               [('if po.get("is_deleted"):', "if False:  # naive: is_deleted ignored")]),
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
