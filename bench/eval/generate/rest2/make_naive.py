"""Derives one naive connector per task from its reference (a typical mistake each) into naive/<id>/;
`run_reference.py --reference naive` must then FAIL every task."""
import pathlib
import shutil

HERE = pathlib.Path(__file__).resolve().parent
MISTAKES = {
    "r2-01": [('if not body["tickets"] or page >= body["total_pages"]:', 'if True:')],          # first page only
    "r2-02": [('"limit": 100', '"limit": 500')],                                                 # ignores the cap
    "r2-03": [('"Pnk "', '"Bearer "')],                                                          # standard scheme
    "r2-04": [('url, params = r.links.get("next", {}).get("url"), None', 'url = None')],        # ignores Link
    "r2-05": [('if r.status_code == 429:', 'if False:')],                                        # no 429 retry
    "r2-06": [('if r.status_code == 401:', 'if False:')],                                        # token once
    "r2-07": [('"limit": 200', '"limit": 1000')],                                                # ignores the cap
    "r2-08": [('"first": 50', '"first": 100')],                                                  # ignores the cap
    "r2-09": [('{"id": pid, **person}', 'person')],                                              # drops dict key
    "r2-10": [('if r.status_code in (500, 502, 503, 504):', 'if False:')],                       # no 503 retry
    "r2-11": [('{c.tag: c.text for c in p}', '{c.tag: (int(c.text) if c.tag in ("price", "stock") else c.text) for c in p}')],
    "r2-12": [('timedelta(days=6)', 'timedelta(days=30)')],                                      # window too wide
    "r2-13": [('op.delete("deals", {"id": did})', 'pass')],                                      # ignores deletions
    "r2-14": [('time.sleep(0.2)', 'raise')],                                                     # no retry on bad JSON
    "r2-15": [('if not self.token or time.monotonic() > self.expires - 0.3:', 'if not self.token:'),
              ('if r.status_code == 401:', 'if False:')],                                        # token never refreshed
    "r2-16": [('"limit": 100', '"limit": 250')],                                                 # ignores the cap
}
out = HERE / "naive"
shutil.rmtree(out, ignore_errors=True)
for tid, edits in MISTAKES.items():
    (out / tid).mkdir(parents=True)
    text = (HERE / "reference" / tid / "connector.py").read_text()
    for old, new in edits:
        assert old in text, (tid, old)
        text = text.replace(old, new)
    (out / tid / "connector.py").write_text(text)
    shutil.copy(HERE / "reference" / tid / "configuration.json", out / tid / "configuration.json")
print(len(MISTAKES), "naive connectors")
