"""Crawl the Connector SDK documentation into a cache folder that can cross an air gap.

Stays under the start URL's prefix, honours robots.txt, waits between requests, retries with
backoff (Retry-After honoured by urllib3), never follows a redirect off the site, and resumes
from its manifest after an interruption.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import urllib.robotparser
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import requests
from bs4 import BeautifulSoup

from core.errors import CrawlError, OfflineError
from ingest.http import session

MANIFEST = "manifest.json"


@dataclass
class CrawlReport:
    fetched: int = 0
    reused: int = 0
    refused_offsite: list[str] = field(default_factory=list)
    disallowed: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)


def _normalise(url: str) -> str:
    url = urldefrag(url)[0]
    parts = urlsplit(url)
    path = parts.path.rstrip("/") or "/"
    return f"{parts.scheme}://{parts.netloc}{path}"


def _under(url: str, prefix: str) -> bool:
    a, b = urlsplit(url), urlsplit(prefix)
    return a.netloc == b.netloc and (a.path.rstrip("/") + "/").startswith(b.path.rstrip("/") + "/")


def load_manifest(folder: Path) -> dict[str, dict[str, str]]:
    try:
        data = json.loads((folder / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data.get("pages", {}) if isinstance(data, dict) else {}


def _save_manifest(folder: Path, start: str, pages: dict[str, dict[str, str]]) -> None:
    tmp = folder / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps({"start_url": start, "pages": pages}, indent=1, sort_keys=True), "utf-8")
    os.replace(tmp, folder / MANIFEST)


def _links(html: str, base: str) -> list[str]:
    soup = BeautifulSoup(html, "lxml")
    return [urljoin(base, str(a["href"])) for a in soup.find_all("a", href=True)]


class Crawler:
    def __init__(self, start_url: str, out: Path, *, delay: float = 1.0, max_pages: int = 400,
                 sleep: Callable[[float], None] = time.sleep, backoff: float = 1.0) -> None:
        self.start = _normalise(start_url)
        self.out = out
        self.delay = delay
        self.max_pages = max_pages
        self.sleep = sleep
        self.http = session(backoff=backoff)
        self._last = 0.0

    def _robots(self) -> urllib.robotparser.RobotFileParser:
        parts = urlsplit(self.start)
        robots = urllib.robotparser.RobotFileParser()
        url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        try:
            response = self.http.get(url, timeout=30, allow_redirects=False)
        except requests.ConnectionError as exc:
            raise OfflineError(f"cannot reach {parts.netloc}",
                               hint="offline? ingest a saved copy with --docs DIR") from exc
        robots.parse(response.text.splitlines() if response.status_code == 200 else [])
        return robots

    def _wait(self, crawl_delay: float) -> None:
        gap = max(self.delay, crawl_delay) - (time.monotonic() - self._last)
        if gap > 0:
            self.sleep(gap)
        self._last = time.monotonic()

    def run(self, progress: Callable[[str], None] | None = None) -> CrawlReport:
        pages_dir = self.out / "pages"
        pages_dir.mkdir(parents=True, exist_ok=True)
        pages = load_manifest(self.out)
        robots = self._robots()
        crawl_delay = float(robots.crawl_delay("*") or 0)
        self.start = self._settled_start(pages)
        report = CrawlReport()
        queue, seen = deque([self.start]), {self.start}
        while queue and report.fetched + report.reused < self.max_pages:
            url = queue.popleft()
            if not robots.can_fetch(str(self.http.headers["User-Agent"]), url):
                report.disallowed.append(url)
                continue
            html = self._cached(url, pages)
            if html is not None:
                report.reused += 1
            else:
                html = self._fetch(url, pages, report, queue, seen, crawl_delay)
                if html is None:
                    continue
                report.fetched += 1
                _save_manifest(self.out, self.start, pages)
            if progress:
                progress(url)
            for link in _links(html, url):
                link = _normalise(link)
                if link not in seen and _under(link, self.start):
                    seen.add(link)
                    queue.append(link)
        if not pages:
            raise CrawlError(f"no page could be fetched under {self.start}")
        return report

    def _settled_start(self, pages: dict[str, dict[str, str]]) -> str:
        """Where the docs live now: a start page the site moved on the same host (as
        /docs/connectors/connector-sdk became /docs/connector-sdk) moves the crawl's prefix with it.
        Asked with HEAD, and not at all when the start page is already saved."""
        url = self.start
        for _ in range(5):
            if url in pages:
                return url
            try:
                response = self.http.head(url, timeout=30, allow_redirects=False)
            except requests.RequestException:
                return url
            target = _normalise(urljoin(url, response.headers.get("Location", "")))
            if not response.is_redirect or urlsplit(target).netloc != urlsplit(url).netloc:
                return url
            url = target
        return url

    def _cached(self, url: str, pages: dict[str, dict[str, str]]) -> str | None:
        entry = pages.get(url)
        if not entry:
            return None
        path = self.out / entry["file"]
        try:
            data = path.read_bytes()
        except OSError:
            return None
        if hashlib.sha256(data).hexdigest() != entry.get("sha256"):
            return None
        return data.decode("utf-8", "replace")

    def _fetch(self, url: str, pages: dict[str, dict[str, str]], report: CrawlReport,
               queue: deque[str], seen: set[str], crawl_delay: float) -> str | None:
        self._wait(crawl_delay)
        try:
            response = self.http.get(url, timeout=30, allow_redirects=False)
        except requests.ConnectionError as exc:
            if not pages and url == self.start:
                raise OfflineError(f"cannot reach {url}",
                                   hint="offline? ingest a saved copy with --docs DIR") from exc
            report.failed[url] = "connection error"
            return None
        except requests.RequestException as exc:
            report.failed[url] = str(exc)
            return None
        if response.is_redirect:
            target = _normalise(urljoin(url, response.headers.get("Location", "")))
            if not _under(target, self.start):
                report.refused_offsite.append(f"{url} -> {target}")
            elif target not in seen:
                seen.add(target)
                queue.append(target)
            return None
        if response.status_code != 200 or "html" not in response.headers.get("Content-Type", "html"):
            report.failed[url] = f"HTTP {response.status_code}"
            return None
        data = response.content
        name = "pages/" + hashlib.sha1(url.encode()).hexdigest()[:20] + ".html"
        tmp = self.out / (name + ".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, self.out / name)
        pages[url] = {
            "file": name,
            "fetched_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "sha256": hashlib.sha256(data).hexdigest(),
        }
        return data.decode(response.encoding or "utf-8", "replace")
