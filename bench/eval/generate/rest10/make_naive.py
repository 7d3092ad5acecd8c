"""Writes naive/<id>/: each reference connector with one typical mistake (by text substitution), so that
`run_reference.py --reference naive` shows the mocks catch it: every task must FAIL."""

import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent

MISTAKES = {
    "r10-01": ("page count = total // per_page (the last, partial page never read)",
               [('pages = math.ceil(body["total"] / PER_PAGE)', 'pages = body["total"] // PER_PAGE')]),
    "r10-02": ("archived contacts upserted as ordinary rows (no deletes)",
               [('if c.get("archived"):', "if False:  # naive: archived contacts kept as live rows")]),
    "r10-03": ("token request sent as a JSON body",
               [('requests.post(base + "/oauth/token", data={', 'requests.post(base + "/oauth/token", json={')]),
    "r10-04": ("tasks: Link header not followed (first page of each project's tasks only)",
               [("""pages(session, f"{base}/api/projects/{project['id']}/tasks")""",
                 """pages(session, f"{base}/api/projects/{project['id']}/tasks", follow=False)""")]),
    "r10-05": ("`next` URL followed as-is, without api_key",
               [('r = requests.get(url, params={"api_key": key}, timeout=30)',
                 'r = requests.get(url, params={"api_key": key} if url == base + "/api/titles" else None, timeout=30)')]),
    "r10-06": ("429 not retried", [("if r.status_code == 429 and attempt < 9:", "if False:  # naive: no retry")]),
    "r10-07": ("order_lines keyed by line number alone (lines of different orders collide)",
               [('"primary_key": ["order_id", "line"]', '"primary_key": ["line"]')]),
    "r10-08": ("cursor saved with datetime.isoformat() (microseconds, +00:00): modified_since refused on sync 2",
               [('started = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")',
                 "started = dt.datetime.now(dt.timezone.utc).isoformat()")]),
    "r10-09": ("client id/secret sent in the token request body instead of HTTP Basic",
               [('data={"grant_type": "client_credentials", "scope": "vehicles.read"},',
                 'data={"grant_type": "client_credentials", "scope": "vehicles.read", '
                 '"client_id": configuration["fleet_client_id"], "client_secret": configuration["fleet_client_secret"]},'),
                ('auth=(configuration["fleet_client_id"], configuration["fleet_client_secret"]), timeout=30)',
                 "timeout=30)")]),
    "r10-10": ("per_page above the stated cap (250 > 100)",
               [('params = {"per_page": 100}', 'params = {"per_page": 250}')]),
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
