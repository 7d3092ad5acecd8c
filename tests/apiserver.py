"""Small REST APIs on 127.0.0.1 for generate/validate tests and the evaluation suite.

One server, several styles: cursor, page, offset and Link pagination; bearer and basic auth;
a 429 with Retry-After on first contact; nested JSON; deleted ids; per-user child rows.
"""

from __future__ import annotations

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

TOKEN = "test-token-123"
USER, PASSWORD = "alice", "s3cret-pass"
N_USERS, N_EVENTS, N_ITEMS = 230, 75, 57


def users() -> list[dict]:
    return [{"id": i, "name": f"user {i}", "updated_at": f"2024-01-{1 + i % 28:02d}T10:00:00Z",
             "address": {"city": f"city {i % 7}", "zip": f"{10000 + i}"}} for i in range(1, N_USERS + 1)]


def events() -> list[dict]:
    return [{"event_id": f"e{i}", "kind": "click" if i % 2 else "view", "payload": {"score": i / 10}}
            for i in range(1, N_EVENTS + 1)]


def items() -> list[dict]:
    return [{"sku": f"sku-{i}", "price": i} for i in range(1, N_ITEMS + 1)]


class Api:
    def __init__(self) -> None:
        self.throttled: set[str] = set()
        self.requests: list[str] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_port}"

    def __enter__(self) -> Api:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def send(self, code: int, body: object, headers: dict[str, str] | None = None) -> None:
                data = json.dumps(body).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:  # noqa: N802
                parts = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                api.requests.append(self.path)
                route = parts.path
                if route.startswith("/bearer/") and self.headers.get("Authorization") != f"Bearer {TOKEN}":
                    return self.send(401, {"error": "unauthorized"})
                if route.startswith("/basic/"):
                    expected = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
                    if self.headers.get("Authorization") != expected:
                        return self.send(401, {"error": "unauthorized"})
                if route not in api.throttled and route.endswith(("/users", "/items")):
                    api.throttled.add(route)
                    return self.send(429, {"error": "slow down"}, {"Retry-After": "1"})
                return self.route(route, query)

            def route(self, route: str, query: dict[str, str]) -> None:
                limit = int(query.get("limit", query.get("per_page", 100)))
                if route == "/bearer/api/users":  # cursor pagination, incremental filter, nested JSON
                    rows = [u for u in users() if u["updated_at"] > query.get("updated_since", "")]
                    start = int(query.get("cursor", 0))
                    page = rows[start : start + limit]
                    more = start + limit < len(rows)
                    return self.send(200, {"users": page, "next_cursor": str(start + limit) if more else None,
                                           "has_more": more})
                if route == "/bearer/api/events":  # cursor in a nested field, records under data.items
                    rows = events()
                    start = int(query.get("cursor", 0))
                    more = start + limit < len(rows)
                    return self.send(200, {"data": {"items": rows[start : start + limit]},
                                           "meta": {"next": str(start + limit) if more else ""}})
                if route == "/bearer/api/users/deleted":
                    return self.send(200, {"deleted": [3, 5, 8]})
                if route.startswith("/bearer/api/users/") and route.endswith("/orders"):
                    uid = int(route.split("/")[4])
                    return self.send(200, [{"order_id": f"{uid}-{n}", "total": n * 10} for n in range(uid % 3)])
                if route in ("/basic/page/items", "/bearer/page/items"):
                    page = int(query.get("page", 1))
                    rows = items()[(page - 1) * limit : page * limit]
                    return self.send(200, rows)
                if route == "/bearer/offset/items":
                    offset = int(query.get("offset", 0))
                    return self.send(200, {"results": items()[offset : offset + limit], "total": N_ITEMS})
                if route == "/bearer/link/items":
                    start = int(query.get("start", 0))
                    rows = items()[start : start + limit]
                    headers = {}
                    if start + limit < N_ITEMS:
                        headers["Link"] = f'<{api.url}/bearer/link/items?start={start + limit}&limit={limit}>; rel="next"'
                    return self.send(200, rows, headers)
                return self.send(404, {"error": "not found"})

        return Handler
