"""The project's rule cards: the SDK's rules in our own words, each naming the page it rests on.

Cards are indexed like any other source (kind `rule`), so a question finds them by search rather
than by a list of phrasings; an answer that cites one shows the docs URL it rests on.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

from core.errors import SourceError
from ingest.model import Document

SOURCE = "rules"


def _split(name: str, text: str) -> tuple[dict[str, str], str]:
    """Front matter between `---` lines, then the card's Markdown."""
    if not text.startswith("---\n") or "\n---\n" not in text[4:]:
        raise SourceError(f"rule card {name} has no front matter")
    head, body = text[4:].split("\n---\n", 1)
    meta = yaml.safe_load(head) or {}
    if not isinstance(meta, dict) or not meta.get("title") or not meta.get("rests_on"):
        raise SourceError(f"rule card {name} needs a title and rests_on")
    return {str(k): str(v) for k, v in meta.items()}, body.lstrip("\n")


@lru_cache(maxsize=64)
def card(path: str) -> dict[str, str]:
    """The front matter of the card at `path` ("cards/deletes.md"): title, rests_on, and where given
    `gist` (the rule in one sentence) and `api` (the SDK members it is about, comma-separated)."""
    name = path.removeprefix("cards/")
    entry = resources.files("ingest").joinpath("cards", name)
    if "/" in name or not name.endswith(".md") or not entry.is_file():
        return {}
    return _split(name, entry.read_text(encoding="utf-8"))[0]


def read_cards(version: str = "") -> list[Document]:
    """Every card shipped in ingest/cards, as Documents of kind `rule`."""
    docs = []
    for entry in sorted(resources.files("ingest").joinpath("cards").iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".md"):
            continue
        meta, body = _split(entry.name, entry.read_text(encoding="utf-8"))
        docs.append(Document(source=SOURCE, path=f"cards/{entry.name}", kind="rule", text=body,
                             language="markdown", url=meta["rests_on"], title=meta["title"], commit=version))
    return docs
