"""The docs crawler against a local http.server: robots.txt, 429 + Retry-After, off-site redirects, resume."""

from __future__ import annotations

import hashlib
import json
import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from helpers import run

from core.errors import OfflineError
from ingest.crawl import Crawler

PAGE = "<html><head><title>{t}</title></head><body><nav><a href='/docs/connector-sdk/nav-only'>n</a></nav>" \
       "<main><h1 id='top'>{t}</h1><p>{body}</p>{links}</main></body></html>"


class Site:
    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.throttled = False
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.base = f"http://127.0.0.1:{self.server.server_port}"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _send(self, code: int, body: str = "", headers: dict[str, str] | None = None) -> None:
                self.send_response(code)
                for k, v in (headers or {"Content-Type": "text/html; charset=utf-8"}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body.encode())

            def do_HEAD(self) -> None:  # noqa: N802
                if self.path == "/docs/connectors/connector-sdk":  # the docs' old home
                    return self._send(301, "", {"Location": "/docs/connector-sdk"})
                return self._send(200)

            def do_GET(self) -> None:  # noqa: N802
                site.hits[self.path] += 1
                links = lambda *hrefs: "".join(f"<a href='{h}'>x</a>" for h in hrefs)  # noqa: E731
                if self.path == "/robots.txt":
                    return self._send(200, "User-agent: *\nDisallow: /docs/connector-sdk/private\n",
                                      {"Content-Type": "text/plain"})
                if self.path == "/docs/connector-sdk":
                    return self._send(200, PAGE.format(t="Connector SDK", body="Welcome.", links=links(
                        "/docs/connector-sdk/setup-guide", "/docs/connector-sdk/private/keys",
                        "/docs/connector-sdk/moved", "/docs/connector-sdk/renamed", "/docs/other-product",
                        "https://elsewhere.invalid/page", "/docs/connector-sdk/technical-reference#checkpoint")))
                if self.path == "/docs/connector-sdk/setup-guide":
                    if not site.throttled:
                        site.throttled = True
                        return self._send(429, "slow down", {"Retry-After": "2", "Content-Type": "text/plain"})
                    return self._send(200, PAGE.format(t="Setup guide", body="Install the SDK.", links=""))
                if self.path == "/docs/connector-sdk/technical-reference":
                    return self._send(200, PAGE.format(t="Technical reference",
                                                       body="Call op.checkpoint(state) to save progress.", links=""))
                if self.path == "/docs/connector-sdk/moved":
                    port = site.server.server_port
                    return self._send(302, "", {"Location": f"http://localhost:{port}/docs/connector-sdk/x"})
                if self.path == "/docs/connector-sdk/renamed":
                    return self._send(301, "", {"Location": "/docs/connector-sdk/technical-reference"})
                return self._send(404, "missing")

        return Handler

    def __enter__(self) -> Site:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site() -> Iterator[Site]:
    with Site() as s:
        yield s


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record the backoff sleeps urllib3 takes instead of waiting them out."""
    import urllib3.util.retry

    recorded: list[float] = []
    monkeypatch.setattr(urllib3.util.retry.time, "sleep", recorded.append)
    return recorded


def crawler(site: Site, out: Path, max_pages: int = 20) -> tuple[Crawler, list[float]]:
    polite: list[float] = []
    return Crawler(f"{site.base}/docs/connector-sdk", out, delay=0.5, max_pages=max_pages,
                   sleep=polite.append), polite


def test_crawl_obeys_robots_prefix_retry_after_and_refuses_offsite_redirects(
        site: Site, tmp_path: Path, sleeps: list[float]) -> None:
    c, polite = crawler(site, tmp_path / "docs")
    report = c.run()
    assert site.hits["/docs/connector-sdk/private/keys"] == 0  # robots.txt
    assert f"{site.base}/docs/connector-sdk/private/keys" in report.disallowed
    assert site.hits["/docs/other-product"] == 0  # outside the prefix
    assert site.hits["/docs/connector-sdk/nav-only"] == 1  # links in nav are still followed, content dropped
    assert site.hits["/docs/connector-sdk/setup-guide"] == 2 and 2.0 in sleeps  # Retry-After honoured
    assert report.refused_offsite == [
        f"{site.base}/docs/connector-sdk/moved -> http://localhost:{site.server.server_port}/docs/connector-sdk/x"]
    assert site.hits["/docs/connector-sdk/technical-reference"] == 1  # same-site redirect, fetched once
    assert polite and all(gap <= 0.5 for gap in polite)  # waits between requests
    manifest = json.loads((tmp_path / "docs/manifest.json").read_text())
    assert set(manifest["pages"]) == {f"{site.base}/docs/connector-sdk", f"{site.base}/docs/connector-sdk/setup-guide",
                                      f"{site.base}/docs/connector-sdk/technical-reference"}
    for entry in manifest["pages"].values():
        data = (tmp_path / "docs" / entry["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"] and entry["fetched_at"].endswith("+00:00")


def test_crawl_resumes_without_refetching(site: Site, tmp_path: Path, sleeps: list[float]) -> None:
    first, _ = crawler(site, tmp_path / "docs", max_pages=2)
    assert first.run().fetched == 2
    hits_after_first = dict(site.hits)
    second, _ = crawler(site, tmp_path / "docs")
    report = second.run()
    assert report.reused == 2 and report.fetched == 1
    assert site.hits["/docs/connector-sdk"] == hits_after_first["/docs/connector-sdk"]


def test_crawled_pages_ingest_with_their_urls(site: Site, tmp_path: Path, sleeps: list[float]) -> None:
    crawler(site, tmp_path / "docs")[0].run()
    result = run("ingest", "--docs", str(tmp_path / "docs"), "--no-sdk", "-q")
    assert result.exit_code == 0, result.output
    hits = json.loads(run("search", "checkpoint save progress", "--json").output)["results"]
    assert hits[0]["url"] == f"{site.base}/docs/connector-sdk/technical-reference#top"
    assert hits[0]["source"] == f"{site.base}/docs/connector-sdk/technical-reference"
    assert hits[0]["repo"] == f"docs:127.0.0.1:{site.server.server_port}/docs/connector-sdk"


def test_a_moved_start_page_moves_the_crawl_with_it(site: Site, tmp_path: Path, sleeps: list[float]) -> None:
    c = Crawler(f"{site.base}/docs/connectors/connector-sdk", tmp_path / "docs", delay=0, sleep=lambda s: None)
    report = c.run()
    manifest = json.loads((tmp_path / "docs/manifest.json").read_text())
    assert manifest["start_url"] == f"{site.base}/docs/connector-sdk"
    assert f"{site.base}/docs/connector-sdk/technical-reference" in manifest["pages"] and report.fetched == 3


def test_unreachable_docs_site_is_an_offline_error(tmp_path: Path) -> None:
    with pytest.raises(OfflineError, match="cannot reach 127.0.0.1:9"):
        Crawler("http://127.0.0.1:9/docs/connector-sdk", tmp_path / "d", delay=0).run()
