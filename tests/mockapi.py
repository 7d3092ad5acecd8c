"""A local HTTP server whose routes are plain functions, for testing one building block at a time.

Each route gets a `Call` (method, path, query, headers, JSON body) and returns (status, body, headers);
a body that is a str or bytes is sent as it is (XML, a truncated JSON body), anything else as JSON.
Every call is recorded, so a test can say how many requests a block made and with what.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Call:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: Any = None
    form: dict[str, str] = field(default_factory=dict)
    target: str = ""
    """The path with its query string, exactly as sent (what a request signature covers)."""
    raw: str = ""
    """The body as sent (an XML body is neither JSON nor a form)."""


Reply = tuple[int, Any, dict[str, str]]
Route = Callable[[Call], Reply]


def reply(body: Any, status: int = 200, **headers: str) -> Reply:
    return status, body, {k.replace("_", "-"): v for k, v in headers.items()}


class MockApi:
    def __init__(self, routes: dict[str, Route]) -> None:
        self.routes = routes
        self.calls: list[Call] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_port}"

    def __enter__(self) -> MockApi:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def to(self, path: str) -> list[Call]:
        return [c for c in self.calls if c.path == path]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                self.answer()

            def do_POST(self) -> None:  # noqa: N802
                self.answer()

            def answer(self) -> None:
                parts = urlsplit(self.path)
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                call = Call(self.command, parts.path, {k: v[0] for k, v in parse_qs(parts.query).items()},
                            dict(self.headers.items()), target=self.path, raw=raw)
                if raw and "json" in self.headers.get("Content-Type", ""):
                    call.body = json.loads(raw)
                elif raw:
                    call.form = {k: v[0] for k, v in parse_qs(raw).items()}
                api.calls.append(call)
                route = api.routes.get(parts.path)
                status, body, headers = route(call) if route else (404, {"error": "not found"}, {})
                data = body if isinstance(body, bytes) else body.encode() if isinstance(body, str) else \
                    json.dumps(body).encode()
                self.send_response(status)
                kind = "application/xml" if isinstance(body, str) and body.lstrip().startswith("<") else \
                    "application/json"
                if "Content-Type" not in headers:
                    self.send_header("Content-Type", kind)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler
