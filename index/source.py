"""Where a passage comes from: the one shape every interface shows and every saved chat keeps."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Source:
    """A passage's origin and the lines it covers.

    `location` is the one way a place is written: the page URL for docs, "module version: method"
    for the installed SDK, and `path:start-end` for files.
    """

    kind: str
    location: str
    path: str = ""
    start_line: int = 0
    end_line: int = 0
    url: str = ""
    repo: str = ""
    title: str = ""
    example: str = ""
    tags: tuple[str, ...] = ()

    @classmethod
    def of(cls, meta: dict[str, Any], start_line: int | None = None, end_line: int | None = None) -> Source:
        """From a chunk's metadata; `start_line`/`end_line` narrow it to the lines actually used."""
        start = int(meta.get("start_line", 0) or 0) if start_line is None else start_line
        end = int(meta.get("end_line", 0) or 0) if end_line is None else end_line
        return cls(kind=str(meta.get("kind", "")), location=_location(meta, start, end), path=str(meta.get("path", "")),
                   start_line=start, end_line=end, url=str(meta.get("url") or ""), repo=str(meta.get("source", "")),
                   title=str(meta.get("title") or ""), example=str(meta.get("example") or ""),
                   tags=tuple((meta.get("tags") or "").split()))

    def as_json(self) -> dict[str, Any]:
        """The shape answers report (`ask --json`) and saved chats keep."""
        return {"source": self.location, "url": self.url or None, "start_line": self.start_line,
                "end_line": self.end_line, "kind": self.kind}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Source:
        return cls(kind=str(data.get("kind") or ""), location=str(data.get("source") or ""),
                   start_line=int(data.get("start_line") or 0), end_line=int(data.get("end_line") or 0),
                   url=str(data.get("url") or ""))


def _location(meta: dict[str, Any], start: int, end: int) -> str:
    kind = meta.get("kind")
    if kind == "doc" and meta.get("url"):
        return str(meta["url"])
    if kind == "rule":  # e.g. "rule card: Deleting rows (rests on https://fivetran.com/docs/...)"
        return f"rule card: {meta.get('doc_title', '')} (rests on {meta.get('url', '')})"
    if kind == "sdk_api":  # e.g. "fivetran_connector_sdk 3.0.0: Operations.checkpoint(state: dict)"
        module, title = str(meta.get("path", "")).split(".")[0], str(meta.get("title", "")).split(" > ")[-1]
        return f"{module} {meta.get('commit', '')}: {title}"
    return f"{meta.get('path', '')}:{start}-{end}"
