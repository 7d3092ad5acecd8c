"""Writes naive/<id>/: each reference connector with one typical mistake (by text substitution), so that
`run_reference.py --reference naive` shows the mocks catch it: every task must FAIL."""

import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent

MISTAKES = {
    "r11-01": ("DateTimeOffset quoted in $filter (a 400 type error on the incremental sync)",
               [('params["$filter"] = f"ModifiedAt gt {cursor}"', 'params["$filter"] = f"ModifiedAt gt \'{cursor}\'"')]),
    "r11-02": ("only the first file of result.files[] downloaded",
               [('for part in result.get("files") or []:', 'for part in (result.get("files") or [])[:1]:  # naive')]),
    "r11-03": ("session expiry not handled: no new login after the 20-call session ends",
               [('if r.status_code == 401 or (r.status_code in (301, 302, 303) and "/login" in r.headers.get("Location", "")):',
                 "if False:  # naive: the session is assumed to last")]),
    "r11-04": ("signature over the bare path, query string left out",
               [("target = req.path_url  # path + query string, exactly as sent",
                 'target = req.path_url.split("?")[0]  # naive: path only')]),
    "r11-05": ("page[size]=100 (the cap is 50)", [('"page[size]": 50}', '"page[size]": 100}')]),
    "r11-06": ("search_after on @timestamp alone, no tiebreaker",
               [('SORT = [{"@timestamp": "asc"}, {"event_id": "asc"}]', 'SORT = [{"@timestamp": "asc"}]')]),
    "r11-07": ("403 (partner-run warehouse) not skipped, only 404",
               [("if r.status_code in (403, 404):", "if r.status_code == 404:  # naive")]),
    "r11-08": ("CSV split on line breaks and commas instead of a CSV parser",
               [('for row in csv.DictReader(io.StringIO(text, newline="")):',
                 'for row in (dict(zip(text.splitlines()[0].split(","), line.split(","))) for line in text.splitlines()[1:]):')]),
    "r11-09": ("no SOAPAction header", [('"SOAPAction": ACTION}', '}  # naive: no SOAPAction')]),
    "r11-10": ("presigned download fetched with the signed Authorization header",
               [("r = requests.get(url, timeout=120)  # presigned; must not carry the Authorization header",
                 'r = self.call("GET", url[len(self.base):])  # naive: signed like every other call')]),
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
