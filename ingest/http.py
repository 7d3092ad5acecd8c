"""One requests session with polite retries: backoff on 429/5xx that honours Retry-After."""

from __future__ import annotations

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

USER_AGENT = "csdk-assistant/0.1 (+offline docs indexer)"


def session(retries: int = 5, backoff: float = 1.0) -> requests.Session:
    retry = Retry(
        total=retries,
        connect=1,  # an unreachable host is reported quickly: on an air-gapped machine it will not appear
        read=2,
        status=retries,
        backoff_factor=backoff,
        status_forcelist=(429, 500, 502, 503, 504),
        allowed_methods=("GET", "HEAD"),
        respect_retry_after_header=True,
        raise_on_status=False,
        redirect=0,  # redirects are followed by hand so that off-site ones can be refused
    )
    s = requests.Session()
    s.headers["User-Agent"] = USER_AGENT
    adapter = HTTPAdapter(max_retries=retry)
    s.mount("http://", adapter)
    s.mount("https://", adapter)
    return s
