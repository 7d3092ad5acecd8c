"""Negative probes for the mocks: they must refuse what the requests forbid and fault where the requests say.

    venv/bin/python selfcheck.py

Complements run_reference.py (which proves the well-behaved path): here naive clients must fail.
"""
from __future__ import annotations

import json
import pathlib
import sys
import time

import requests

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import mocks  # noqa: E402

RESULTS: list[tuple[str, bool, str]] = []


def expect(name: str, cond: bool, info: str = ""):
    RESULTS.append((name, bool(cond), info))


def status(resp) -> int:
    return resp.status_code


def probe(source: str, fn):
    with mocks.serve(source, HERE / "_runs") as src:
        try:
            fn(src, src.values)
        except Exception as e:  # a probe crashing counts as a failure
            expect(f"{source}: probe crashed", False, repr(e))


def crm(src, v):
    b = v["base_url"]
    expect("crm: no auth -> 401", status(requests.get(f"{b}/v1/contacts")) == 401)
    h = {"Authorization": f"Bearer {v['token']}"}
    expect("crm: per_page 26 -> 400", status(requests.get(f"{b}/v1/contacts", params={"per_page": 26}, headers=h)) == 400)
    r = requests.get(f"{b}/v1/contacts", params={"per_page": 25, "page": 4}, headers=h).json()
    expect("crm: last page partial", len(r["data"]) == 8 and r["total_pages"] == 4, str(len(r["data"])))


def ticketly(src, v):
    b = v["base_url"]
    expect("ticketly: no key -> 401", status(requests.get(f"{b}/api/tickets")) == 401)
    h = {"X-Api-Key": v["api_key"]}
    expect("ticketly: limit 51 -> 400", status(requests.get(f"{b}/api/tickets", params={"limit": 51}, headers=h)) == 400)
    codes = [status(requests.get(f"{b}/api/tickets", params={"limit": 50}, headers=h)) for _ in range(4)]
    expect("ticketly: 429 appears, immediate retry also 429", 429 in codes and codes[-1] == 429, str(codes))
    r = requests.get(f"{b}/api/tickets", params={"limit": 50}, headers=h)
    expect("ticketly: 429 has Retry-After", r.status_code != 429 or r.headers.get("Retry-After"), str(r.status_code))


def adstats(src, v):
    b, k = v["base_url"], {"api_key": v["api_key"]}
    expect("adstats: no key -> 401", status(requests.get(f"{b}/v2/availability")) == 401)
    expect("adstats: 2-day window -> 400", status(requests.get(f"{b}/v2/stats/daily", params={**k, "from": "2024-03-01", "to": "2024-03-03"})) == 400)
    expect("adstats: after latest -> 422", status(requests.get(f"{b}/v2/stats/daily", params={**k, "from": "2024-03-21", "to": "2024-03-22"})) == 422)
    src.advance()
    expect("adstats: after advance 03-23 ok", status(requests.get(f"{b}/v2/stats/daily", params={**k, "from": "2024-03-23", "to": "2024-03-24"})) == 200)


def shop(src, v):
    url = v["base_url"] + "/graphql"
    q = "query($first:Int!,$after:String){products(first:$first,after:$after){edges{node{id}}pageInfo{hasNextPage endCursor}}}"
    expect("shop: no auth -> 401", status(requests.post(url, json={"query": q})) == 401)
    h = {"Authorization": f"Bearer {v['token']}"}
    bodies = [requests.post(url, json={"query": q, "variables": {"first": 50}}, headers=h) for _ in range(3)]
    expect("shop: THROTTLED inside HTTP 200", bodies[2].status_code == 200 and bodies[2].json()["errors"][0]["extensions"]["code"] == "THROTTLED")
    r = requests.post(url, json={"query": q, "variables": {"first": 51}}, headers=h).json()
    expect("shop: first 51 -> error", r.get("errors") and r["data"] is None)
    lit = 'query { products(first: 50) { edges { node { id } } pageInfo { hasNextPage endCursor } } }'
    r = requests.post(url, json={"query": lit}, headers=h).json()
    expect("shop: literal args work", len(r["data"]["products"]["edges"]) == 50)


def fleet(src, v):
    b = v["base_url"]
    expect("fleet: JSON token request -> 400", status(requests.post(f"{b}/oauth/token", json={"grant_type": "client_credentials", "client_id": v["client_id"], "client_secret": v["client_secret"]})) == 400)
    tok = requests.post(f"{b}/oauth/token", data={"grant_type": "client_credentials", "client_id": v["client_id"], "client_secret": v["client_secret"]}).json()
    h = {"Authorization": f"Bearer {tok['access_token']}"}
    expect("fleet: limit 21 -> 400", status(requests.get(f"{b}/api/vehicles", params={"limit": 21}, headers=h)) == 400)
    codes = []
    t0 = time.time()
    for i in range(1, 96):
        codes.append(status(requests.get(f"{b}/api/vehicles/veh_{i:03d}/trips", headers=h)))
    expect("fleet: one token cannot finish the trips (401 mid-way)", 401 in codes and codes[0] == 200, f"{time.time() - t0:.1f}s")


def issues(src, v):
    b = v["base_url"]
    expect("issues: bearer instead of Token -> 401", status(requests.get(f"{b}/api/issues", headers={"Authorization": f"Bearer {v['api_key']}"})) == 401)
    h = {"Authorization": f"Token {v['api_key']}"}
    codes = [status(requests.get(f"{b}/api/issues", params={"per_page": 100}, headers=h)) for _ in range(4)]
    expect("issues: two 503 in a row", codes == [200, 503, 503, 200], str(codes))
    expect("issues: per_page 101 -> 400", status(requests.get(f"{b}/api/issues", params={"per_page": 101}, headers=h)) == 400)


def stock(src, v):
    b = v["base_url"]
    expect("stock: no auth -> 401", status(requests.get(f"{b}/feeds/stock")) == 401)
    r = requests.get(f"{b}/feeds/stock", params={"page": 3}, auth=(v["username"], v["password"]))
    expect("stock: last page has no next link", 'rel="next"' not in r.text and r.text.count("<entry>") == 11)


def orderhub(src, v):
    url = v["base_url"] + "/v1/orders/search"
    expect("orderhub: Bearer -> 401", status(requests.post(url, json={}, headers={"Authorization": f"Bearer {v['api_key']}"})) == 401)
    h = {"Authorization": f"ApiKey {v['api_key']}"}
    expect("orderhub: page_size 101 -> 400", status(requests.post(url, json={"page_size": 101}, headers=h)) == 400)
    expect("orderhub: page_token in query -> 400", status(requests.post(url + "?page_token=abc", json={}, headers=h)) == 400)
    r1 = requests.post(url, json={"page_size": 100}, headers=h)
    r2 = requests.post(url, json={"page_size": 100, "page_token": r1.json()["next_page_token"]}, headers=h)
    r3 = requests.post(url, json={"page_size": 100, "page_token": r2.json()["next_page_token"]}, headers=h)
    try:
        r3.json()
        ok = False
    except ValueError:
        ok = r3.status_code == 200
    expect("orderhub: 3rd search is a truncated 200", ok)


def tagwise(src, v):
    b = v["base_url"]
    h = {"Authorization": f"Bearer {v['token']}"}
    expect("tagwise: no auth -> 401", status(requests.get(f"{b}/api/v1/datasets/ds_7f3a/samples")) == 401)
    expect("tagwise: wrong dataset -> 404", status(requests.get(f"{b}/api/v1/datasets/nope/samples", headers=h)) == 404)
    expect("tagwise: limit 41 -> 400", status(requests.get(f"{b}/api/v1/datasets/ds_7f3a/samples", params={"limit": 41}, headers=h)) == 400)


def deals(src, v):
    b, h = v["base_url"], {"X-Api-Key": v["api_key"]}

    def all_rows(params):
        out, page = [], 1
        while True:
            r = requests.get(f"{b}/api/deals", params={**params, "page": page}, headers=h).json()
            out += r["deals"]
            if not r["has_more"]:
                return out
            page += 1
    first = all_rows({})
    hw = max(d["updated_at"] for d in first)
    src.advance()
    full = all_rows({})
    inc = all_rows({"updated_since": hw})
    expect("deals: full listing after advance has no tombstones", not any(d.get("is_deleted") for d in full) and len(full) == 128)
    expect("deals: updated_since returns 3 tombstones + 9 live (+ boundary)",
           sum(d["is_deleted"] for d in inc) == 3 and len(inc) in (12, 13), str(len(inc)))


def members(src, v):
    b, h = v["base_url"], {"Authorization": f"Bearer {v['token']}"}
    expect("members: page_size 101 -> 400", status(requests.get(f"{b}/v3/members", params={"page_size": 101}, headers=h)) == 400)
    t = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 1))
    src.advance()
    d = requests.get(f"{b}/v3/members/deleted", params={"since": t}, headers=h).json()["deleted_ids"]
    expect("members: since returns the 4 new deletions", len(d) == 4, str(d))


def clockwise(src, v):
    b = v["base_url"]
    expect("clockwise: no key -> 401", status(requests.get(f"{b}/api/projects")) == 401)
    expect("clockwise: limit 26 -> 400", status(requests.get(f"{b}/api/projects", params={"key": v["api_key"], "limit": 26})) == 400)
    expect("clockwise: page_size 201 -> 400", status(requests.get(f"{b}/api/time_entries", params={"key": v["api_key"], "page_size": 201})) == 400)


def devices(src, v):
    b, h = v["base_url"], {"Authorization": f"Bearer {v['token']}"}
    a = requests.get(f"{b}/api/devices", headers=h).json()
    src.advance()
    c = requests.get(f"{b}/api/devices", headers=h).json()
    expect("devices: firmware int -> str, new fields", isinstance(a[0]["firmware"], int) and isinstance(c[0]["firmware"], str)
           and "battery_pct" in c[0] and "location" in c[0] and len(c) == 25)


def pricing(src, v):
    b = v["base_url"] + "/pricing/v1/PriceList"
    h = {"Authorization": f"ApiKey {v['api_key']}"}
    expect("pricing: no auth -> 401", status(requests.get(b)) == 401)
    codes = [status(requests.get(b, params={"count": 50}, headers=h)) for _ in range(4)]
    expect("pricing: two 503 in a row", codes == [200, 503, 503, 200], str(codes))
    expect("pricing: count 51 -> 400", status(requests.get(b, params={"count": 51}, headers=h)) == 400)


def repos(src, v):
    url = v["base_url"] + "/api/graphql"
    q = "query($cursor:String){viewer{repositories(first:25, after:$cursor){nodes{id} pageInfo{hasNextPage endCursor}}}}"
    h = {"X-Api-Key": v["api_key"]}
    expect("repos: no key -> 401", status(requests.post(url, json={"query": q})) == 401)
    r1 = requests.post(url, json={"query": q}, headers=h).json()
    r2 = requests.post(url, json={"query": q}, headers=h)
    expect("repos: RATE_LIMITED inside HTTP 200", r2.status_code == 200 and r2.json()["errors"][0]["type"] == "RATE_LIMITED")
    r = requests.post(url, json={"query": q.replace("first:25", "first:26")}, headers=h).json()
    expect("repos: first 26 -> error", r["errors"][0]["type"] == "INVALID_ARGUMENT")


def payroll(src, v):
    b = v["base_url"]
    f = {"grant_type": "client_credentials", "scope": "read"}
    expect("payroll: creds in body (no Basic) -> 401", status(requests.post(f"{b}/oauth2/token", data={**f, "client_id": v["client_id"], "client_secret": v["client_secret"]})) == 401)
    expect("payroll: missing scope -> 400", status(requests.post(f"{b}/oauth2/token", data={"grant_type": "client_credentials"}, auth=(v["client_id"], v["client_secret"]))) == 400)
    tok = requests.post(f"{b}/oauth2/token", data=f, auth=(v["client_id"], v["client_secret"])).json()["access_token"]
    h = {"Authorization": f"Bearer {tok}"}
    expect("payroll: page_size 21 -> 400", status(requests.get(f"{b}/v1/employees", params={"page_size": 21}, headers=h)) == 400)
    codes = [status(requests.get(f"{b}/v1/employees", params={"page_size": 20, "page": p}, headers=h)) for p in range(1, 9)]
    codes.append(status(requests.get(f"{b}/v1/departments", headers=h)))
    expect("payroll: one token cannot finish at max page size", 401 in codes, str(codes))


def erp(src, v):
    b, auth = v["base_url"], (v["username"], v["password"])
    expect("erp: no auth -> 401", status(requests.get(f"{b}/export/customers")) == 401)
    codes = [status(requests.get(f"{b}/export/customers", params={"page": p}, auth=auth)) for p in (1, 2, 3, 3, 3)]
    expect("erp: 503 on 3rd and 4th", codes == [200, 200, 503, 503, 200], str(codes))


def items(src, v):
    b = v["base_url"]
    h = {"Authorization": f"Token {v['api_key']}"}
    expect("items: no auth -> 401", status(requests.get(f"{b}/items")) == 401)
    expect("items: limit 101 -> 400", status(requests.get(f"{b}/items", params={"limit": 101}, headers=h)) == 400)
    expect("items: past the end -> []", requests.get(f"{b}/items", params={"after_id": 10**9}, headers=h).json() == [])


def billing(src, v):
    b = v["base_url"] + "/api/v1/invoices"
    h = {"Authorization": f"Bearer {v['token']}"}
    rs = [requests.get(b, params={"limit": 20}, headers=h) for _ in range(4)]
    expect("billing: remaining reaches 0 after 4", rs[-1].headers.get("X-RateLimit-Remaining") == "0"
           and int(rs[-1].headers["X-RateLimit-Reset"]) > time.time(), str([r.headers.get("X-RateLimit-Remaining") for r in rs]))
    expect("billing: ignoring Remaining=0 -> 429", status(requests.get(b, headers=h)) == 429)
    time.sleep(3)
    expect("billing: then locked (403)", status(requests.get(b, headers=h)) == 403)


def billing_ok(src, v):
    b = v["base_url"] + "/api/v1/invoices"
    h = {"Authorization": f"Bearer {v['token']}"}
    codes = []
    for _ in range(9):
        r = requests.get(b, headers=h)
        codes.append(r.status_code)
        if r.headers.get("X-RateLimit-Remaining") == "0":
            time.sleep(max(0, int(r.headers["X-RateLimit-Reset"]) - time.time()))
    expect("billing: a client that waits for Reset is never refused", set(codes) == {200}, str(codes))


def shoply(src, v):
    b, h = v["base_url"], {"X-Api-Key": v["api_key"]}
    rs = [requests.get(f"{b}/api/stores", headers=h) for _ in range(8)]
    expect("shoply: relative reset seconds", rs[-1].headers["X-RateLimit-Remaining"] == "0" and 1 <= int(rs[-1].headers["X-RateLimit-Reset"]) <= 2)
    expect("shoply: ignoring -> 429 then 403", status(requests.get(f"{b}/api/stores", headers=h)) == 429
           and status(requests.get(f"{b}/api/stores", headers=h)) == 403)


def events(src, v):
    b, k = v["base_url"] + "/v1/events", {"api_key": v["api_key"]}
    expect("events: no key -> 401", status(requests.get(b)) == 401)
    r1 = requests.get(b, params={**k, "per_page": 50})
    r2 = requests.get(r1.links["next"]["url"])
    try:
        r2.json()
        ok = False
    except ValueError:
        ok = r2.status_code == 200
    expect("events: 2nd request truncated", ok)
    expect("events: per_page 51 -> 400", status(requests.get(b, params={**k, "per_page": 51})) == 400)
    newest = requests.get(b, params={**k, "per_page": 50, "page": 4}).json()[-1]["occurred_at"]
    src.advance()
    r = requests.get(b, params={**k, "since": newest, "per_page": 50})
    try:
        r.json()
        ok = False
    except ValueError:
        ok = True
    r = requests.get(b, params={**k, "since": newest, "per_page": 50}).json()
    expect("events: after advance, first request truncated, since gives 29 + boundary", ok and len(r) == 30, str(len(r)))


def jobs(src, v):
    b = v["base_url"] + "/api/v2/jobs"
    h = {"Authorization": f"Token {v['api_key']}"}
    r1 = requests.get(b, params={"limit": 100}, headers=h)
    r2 = requests.get(b, params={"limit": 100}, headers=h)
    r3 = requests.get(b, params={"limit": 100}, headers=h)
    expect("jobs: 429 Retry-After 2, early retry refused", r1.status_code == 200 and r2.status_code == 429
           and r2.headers["Retry-After"] == "2" and r3.status_code == 429)
    time.sleep(2.1)
    expect("jobs: after waiting ok", status(requests.get(b, params={"limit": 100}, headers=h)) == 200)
    expect("jobs: limit 101 -> 400", status(requests.get(b, params={"limit": 101}, headers=h)) == 400)


def usage(src, v):
    b, h = v["base_url"] + "/reports/usage", {"Authorization": f"Bearer {v['token']}"}
    expect("usage: no auth -> 401", status(requests.get(b, params={"start": "2024-05-01T00:00:00Z", "end": "2024-05-02T00:00:00Z"})) == 401)
    expect("usage: 48h -> 400", status(requests.get(b, params={"start": "2024-05-01T00:00:00Z", "end": "2024-05-03T00:00:00Z"}, headers=h)) == 400)
    expect("usage: not midnight -> 400", status(requests.get(b, params={"start": "2024-05-01T01:00:00Z", "end": "2024-05-02T01:00:00Z"}, headers=h)) == 400)
    r = requests.get(b, params={"start": "2024-05-18T00:00:00Z", "end": "2024-05-19T00:00:00Z"}, headers=h)
    expect("usage: after bound -> 400 with bound", r.status_code == 400 and r.json()["data_complete_through"] == "2024-05-17")


def articles(src, v):
    b, auth = v["base_url"] + "/api/articles", (v["username"], v["password"])
    expect("articles: no auth -> 401", status(requests.get(b)) == 401)
    expect("articles: limit 31 -> 400", status(requests.get(b, params={"limit": 31}, auth=auth)) == 400)
    rows, params = [], {"limit": 30}
    while True:
        r = requests.get(b, params=params, auth=auth).json()
        rows += r["articles"]
        if not r.get("next_cursor"):
            break
        params = {"limit": 30, "cursor": r["next_cursor"]}
    hw = max(a["modified_at"] for a in rows)
    src.advance()
    expect("articles: unfiltered after advance -> 403", status(requests.get(b, auth=auth)) == 403)
    expect("articles: old modified_after -> 403", status(requests.get(b, params={"modified_after": "2020-01-01T00:00:00Z"}, auth=auth)) == 403)
    r = requests.get(b, params={"modified_after": hw, "limit": 30}, auth=auth).json()
    expect("articles: high-water mark gives 15 changes + boundary", len(r["articles"]) == 16, str(len(r["articles"])))


def users(src, v):
    url = v["base_url"] + "/api/users/search"
    h = {"Authorization": f"ApiKey {v['api_key']}"}
    expect("users: no auth -> 401", status(requests.post(url, json={})) == 401)
    expect("users: page_size 51 -> 400", status(requests.post(url, json={"page_size": 51}, headers=h)) == 400)
    src.advance()
    rows, body = [], {"page_size": 50}
    while True:
        r = requests.post(url, json=body, headers=h).json()
        rows += r["users"]
        if not r["next_page_token"]:
            break
        body["page_token"] = r["next_page_token"]
    expect("users: 3 flagged after advance", sum(u["is_deleted"] for u in rows) == 3 and len(rows) == 81)


def inference(src, v):
    b = v["base_url"]
    expect("inference: form token request -> 400", status(requests.post(f"{b}/auth/token", data={"grant_type": "client_credentials", "client_id": v["client_id"], "client_secret": v["client_secret"]})) == 400)
    tok = requests.post(f"{b}/auth/token", json={"grant_type": "client_credentials", "client_id": v["client_id"], "client_secret": v["client_secret"]}).json()
    h = {"Authorization": f"Bearer {tok['access_token']}"}
    expect("inference: limit 51 -> 400", status(requests.get(f"{b}/v1/predictions", params={"limit": 51}, headers=h)) == 400)
    codes = [status(requests.get(f"{b}/v1/predictions", params={"limit": 50, "offset": o}, headers=h)) for o in (0, 50, 100, 150)]
    expect("inference: one token cannot finish at max page size", 401 in codes, str(codes))


PROBES = [("crm_contacts", crm), ("ticketly", ticketly), ("adstats", adstats), ("shop_graphql", shop), ("fleet_oauth", fleet),
          ("issue_tracker", issues), ("stock_atom", stock), ("orderhub_search", orderhub), ("tagwise", tagwise),
          ("deals_incr", deals), ("members_deleted", members), ("clockwise", clockwise), ("devices_drift", devices),
          ("pricing_xml", pricing), ("gql_repos", repos), ("payroll_oauth", payroll), ("erp_export", erp),
          ("items_keyset", items), ("billing_ratelimit", billing), ("billing_ratelimit", billing_ok),
          ("shoply_ratelimit", shoply), ("audit_events", events), ("scheduler_jobs", jobs), ("cloud_usage", usage),
          ("kb_articles", articles), ("users_search", users), ("inference_log", inference)]

if __name__ == "__main__":
    (HERE / "_runs").mkdir(exist_ok=True)
    for source, fn in PROBES:
        probe(source, fn)
    bad = [r for r in RESULTS if not r[1]]
    for name, ok, info in RESULTS:
        print(f"{'ok  ' if ok else 'FAIL'} {name}" + (f"  [{info}]" if info and not ok else ""))
    print(f"\n{len(RESULTS) - len(bad)}/{len(RESULTS)} probes ok")
    sys.exit(1 if bad else 0)
