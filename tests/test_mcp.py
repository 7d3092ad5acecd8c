"""`assistant mcp` from the client's side: the real server over stdio, the `mcp` client library."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from apiserver import TOKEN, Api
from helpers import ROOT, ingest

pytestmark = [pytest.mark.subprocess, pytest.mark.anyio]

LINK_API = ("Items API at {url}, bearer auth. GET /bearer/link/items?limit=<n> returns a list; the next page URL "
            "is in the Link header (rel=next). Primary key sku.")


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def _payload(result: Any) -> Any:
    assert not result.is_error, result.content
    return json.loads(result.content[0].text) if len(result.content) == 1 else [
        json.loads(c.text) for c in result.content]


async def test_the_tools_over_stdio(repo: Path, tmp_path: Path) -> None:
    from mcp import ClientSession, StdioServerParameters
    from mcp.client.stdio import stdio_client
    from mcp.shared.exceptions import MCPError

    ingest(repo)
    work = tmp_path / "work"
    work.mkdir()
    params = StdioServerParameters(command=sys.executable, args=["-m", "cli", "mcp", "--allow", str(work)],
                                   env=dict(os.environ), cwd=str(ROOT))
    with Api() as api:
        config = work / "config.json"
        config.write_text(json.dumps({"base_url": api.url, "api_token": TOKEN}))
        async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
            await session.initialize()
            names = {t.name for t in (await session.list_tools()).tools}
            assert names == {"search", "sdk_reference", "discover", "lint", "validate", "generate", "ask"}

            found = await session.call_tool("search", {"query": "cursor based pagination", "k": 3})
            hits = _payload(found)
            hits = hits if isinstance(hits, list) else [hits]
            assert hits and {"source", "start_line", "end_line", "kind", "text"} <= set(hits[0])

            cited = hits[0]
            assert cited["uri"] == "csdk://file/{}/{}".format(cited["repo"].replace("/", "%2F"),
                                                             cited["source"].rsplit(":", 1)[0])
            opened = (await session.read_resource(cited["uri"])).contents[0].text
            original = (repo / cited["source"].rsplit(":", 1)[0]).read_text().split("\n")
            lines = opened.split("\n")
            for n in range(cited["start_line"], cited["end_line"] + 1):  # the cited lines, at their numbers
                assert lines[n - 1] == original[n - 1]
            listed = json.loads((await session.read_resource("csdk://files")).contents[0].text)
            assert cited["uri"] in {f["uri"] for f in listed}
            with pytest.raises(MCPError, match="no/such/file.py is not in the index"):
                await session.read_resource(cited["uri"].rsplit("/", 1)[0] + "/no/such/file.py")
            reference = _payload(await session.call_tool("sdk_reference", {"name": "op.delete"}))
            assert reference["signature"].startswith("(table: str, keys: dict")

            report = await session.call_tool("generate", {"description": LINK_API.format(url=api.url),
                                                          "out_dir": str(work / "items")})
            assert not report.is_error, report.content
            assert (work / "items" / "connector.py").is_file()

            findings = await session.call_tool("lint", {"project_dir": str(work / "items")})
            assert not findings.is_error and all(json.loads(c.text)["severity"] != "error" for c in findings.content)

            run = _payload(await session.call_tool("validate", {"project_dir": str(work / "items"),
                                                               "config_path": str(config)}))
            assert run["verdict"] == "PASS", (run["reason"], run["log_tail"])
            assert TOKEN not in json.dumps(run)  # secrets never leave the server

            outside = await session.call_tool("lint", {"project_dir": str(repo)})
            assert outside.is_error and "outside the folders this server may use" in outside.content[0].text


def test_stdout_carries_only_protocol_messages(repo: Path) -> None:
    ingest(repo)
    messages = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize",
         "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}},
        {"jsonrpc": "2.0", "method": "notifications/initialized"},
        {"jsonrpc": "2.0", "id": 2, "method": "tools/list"},
        {"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": {"name": "search", "arguments": {"query": "x"}}},
    ]
    proc = subprocess.Popen([sys.executable, "-m", "cli", "mcp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write("".join(json.dumps(m) + "\n" for m in messages))
    proc.stdin.flush()
    lines: list[str] = []
    try:
        while {1, 2, 3} - {json.loads(line).get("id") for line in lines}:
            line = proc.stdout.readline()  # every line must be a protocol message, or json.loads fails
            if not line:
                break
            lines.append(line)
    finally:
        proc.stdin.close()
        proc.wait(timeout=60)
    assert all(json.loads(line)["jsonrpc"] == "2.0" for line in lines)
    assert {json.loads(line).get("id") for line in lines} >= {1, 2, 3}
    assert proc.stdout.read().strip() == ""  # and nothing after them
