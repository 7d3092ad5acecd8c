"""`assistant mcp`: the knowledge base, lint, validate and generate as an MCP server over stdio.

Each tool is a thin call into the services the CLI uses. Paths a client passes must lie inside the
folders the server was started with (`--allow`, the working folder by default); one request runs
at a time, and a second is told so at once; results carry no configuration secrets (validate masks
them); nothing but protocol messages goes to stdout.
"""

from __future__ import annotations

import functools
import inspect
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ResourceError, ToolError
from mcp.server.mcpserver.resources.templates import ResourceSecurity
from mcp.shared.uri_template import UriTemplate

from assistant.answer.claims import ALIASES
from assistant.connector.lint import GENERATED
from assistant.services import Services
from core import sdk
from core.errors import AssistantError, UsageError

INSTRUCTIONS = """\
Offline help for the Fivetran Connector SDK (Python), from a local index of Fivetran's examples,
community connectors and the installed SDK. Search before answering SDK questions and cite the
`source` of each passage; use sdk_reference for exact signatures and CLI flags; lint, then
validate (the real `fivetran debug`) a connector project before calling it done. Each search result's
`uri` opens the whole cited file (csdk://file/{repo}/{path}); csdk://files lists every indexed file."""

FILES = "csdk://files"
FILE = "csdk://file/{repo}/{+path}"
_FILE = UriTemplate.parse(FILE)


def file_uri(repo: str, path: str) -> str:
    """The resource address of an indexed file, as search results and the file list give it: the
    repo's "/" is escaped (it is one segment), the path's slashes are kept."""
    return str(_FILE.expand({"repo": repo, "path": path}))


class Guard:
    """The folders a client may name, and one request at a time."""

    def __init__(self, allowed: list[Path]) -> None:
        self.allowed = [a.resolve() for a in allowed]
        self._lock = threading.Lock()

    def path(self, text: str, what: str) -> Path:
        path = Path(text).expanduser().resolve()
        if not any(path == a or path.is_relative_to(a) for a in self.allowed):
            raise UsageError(f"{what} {text} is outside the folders this server may use "
                             f"({', '.join(str(a) for a in self.allowed)})")
        return path

    @contextmanager
    def one(self) -> Iterator[None]:
        if not self._lock.acquire(blocking=False):
            raise UsageError("busy: another request is running on this index; try again when it ends")
        try:
            yield
        finally:
            self._lock.release()


def _plain(call: Callable[..., Any], error: type[Exception] = ToolError) -> Callable[..., Any]:
    """Our errors become one clear message for the client, not a traceback."""
    @functools.wraps(call)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return call(*args, **kwargs)
        except AssistantError as exc:
            raise error(exc.one_line()) from None
    return wrapper


def sdk_reference(name: str = "") -> dict[str, Any]:
    """The installed SDK's definition of NAME ("Operations.delete", "Connector", "fivetran debug");
    with no name, every name there is."""
    surface = sdk.surface()
    if not name:
        return {"version": surface.version, "names": sorted(surface.calls) + sorted(
            f"{surface.script} {c}".strip() for c in surface.commands)}
    if name.startswith(f"{surface.script} ") or name == surface.script:
        helps = sdk.cli_help()
        if name not in helps:
            raise UsageError(f"{name} is not a command of the installed CLI")
        return {"version": surface.version, "name": name, "help": helps[name]}
    owner, _, member = name.partition(".")
    owner = ALIASES.get(owner, owner)
    module = sdk.load()
    target = getattr(getattr(module, owner, None), member, None) if member else getattr(module, owner, None)
    if target is None:
        raise UsageError(f"{name} is not in the installed SDK {surface.version}")
    return {"version": surface.version, "name": name, "signature": sdk.signature(target),
            "doc": inspect.getdoc(target) or ""}


def build(services: Services, allowed: list[Path]) -> MCPServer:
    """The server with its tools bound to `services` and guarded by `allowed`."""
    guard = Guard(allowed)
    server = MCPServer("csdk-assistant", instructions=INSTRUCTIONS, log_level="WARNING")

    def search(query: str, k: int = 5, kind: str | None = None, tag: str | None = None) -> list[dict[str, Any]]:
        """Hybrid search over the local index; each result has source, url, lines, kind, tags and text."""
        from index.retrieve import Filters

        with guard.one():
            filters = Filters([kind] if kind else [], [tag] if tag else [])
            return [{**h.as_json(), "uri": file_uri(h.metadata.get("source", ""), h.source.path)}
                    for h in services.retriever().search(query, k=k, filters=filters)]

    def discover(description: str) -> list[dict[str, str]]:
        """The examples and patterns closest to a described source, and why each was picked."""
        from assistant.connector import extract
        from assistant.connector.discover import discover as find

        with guard.one():
            picks = find(services.retriever(), description, extract.from_text(description).spec)
            return [{"source": p.source, "kind": p.kind, "example": p.example, "why": p.why} for p in picks]

    def lint(project_dir: str) -> list[dict[str, Any]]:
        """The lint findings of a connector project, each with its rule id, severity, file and line."""
        from assistant.connector import lint as lint_mod

        with guard.one():
            return [vars(f) for f in lint_mod.lint(guard.path(project_dir, "project"))]

    def validate(project_dir: str, config_path: str | None = None) -> dict[str, Any]:
        """Lint, then the real `fivetran debug`: verdict, failure class and reason, operation counts,
        tables and rows, the log's end (secrets masked)."""
        with guard.one():
            config = guard.path(config_path, "configuration") if config_path else None
            return services.validate(guard.path(project_dir, "project"), config).as_json()

    def generate(description: str, out_dir: str, config_path: str | None = None) -> str:
        """Write a connector project for DESCRIPTION into OUT_DIR (empty, or written by an earlier
        generate) and return the report (what was decided, what to check)."""
        with guard.one():
            return _generate(services, description, guard.path(out_dir, "output folder"),
                             guard.path(config_path, "configuration") if config_path else None)

    def ask(question: str) -> dict[str, Any]:
        """The local model's answer from the index, with its cited sources."""
        from assistant.answer.passages import gather

        with guard.one():
            route, hits = gather(services.retriever(), question, services.cfg.passages, services.surface())
            return services.asker().answer(question, hits, route=route).as_json()

    for tool in (search, sdk_reference, discover, lint, validate, generate, ask):
        server.add_tool(_plain(tool))
    _resources(server, services, guard)
    return server


def _resources(server: MCPServer, services: Services, guard: Guard) -> None:
    """The indexed files, so an agent can open what a passage cites. They come from the index, not
    the disk: `path` is a key to look up, never opened, hence no path checks on it."""

    def files() -> list[dict[str, Any]]:
        """Every indexed file: repo, path, kind, title, last line and its uri."""
        with guard.one():
            return [{**f, "uri": file_uri(f["repo"], f["path"])} for f in services.retriever().files()]

    def indexed_file(repo: str, path: str) -> str:
        """An indexed file's text, with each line at the number its citations use."""
        with guard.one():
            return services.retriever().file_text(repo, path)

    server.resource(FILES, name="indexed files", mime_type="application/json")(_plain(files, ResourceError))
    server.resource(FILE, name="indexed file", mime_type="text/plain",
                    security=ResourceSecurity(exempt_params={"path"}))(_plain(indexed_file, ResourceError))


def _generate(services: Services, description: str, out: Path, config: Path | None) -> str:
    from assistant.connector import generate as gen
    from assistant.connector import proposal
    from assistant.connector.validate import read_configuration

    existing = [p for p in out.iterdir()] if out.is_dir() else []
    ours = (out / "connector.py").is_file() and GENERATED in (out / "connector.py").read_text("utf-8", "replace")[:400]
    if existing and not ours:
        raise UsageError(f"{out} is not empty and was not written by generate; name an empty folder")
    values = read_configuration(config) if config else None
    draft = gen.prepare(description, config=values, generator_factory=services.generator,
                        retriever_factory=services.retriever, hook_attempts=services.cfg.repair_attempts)
    report = gen.report(draft, out, proposal.apply(proposal.propose_generate(draft, out, force=ours)))
    return gen.markdown(report)
