"""Documentation folders (a crawl cache or any folder of .html/.md files) -> Documents."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from core.errors import BadSourceError
from ingest import crawl, html
from ingest.model import Document
from ingest.readers import read_text


def docs_source_id(folder: Path) -> str:
    manifest = folder / crawl.MANIFEST
    if manifest.exists():
        import json

        try:
            start = json.loads(manifest.read_text("utf-8")).get("start_url", "")
        except ValueError:
            start = ""
        if start:
            return "docs:" + start.split("://", 1)[-1]
    return "docs:" + folder.resolve().name


def read_docs(folder: Path, max_bytes: int, skipped: Counter[str]) -> list[Document]:
    if not folder.is_dir():
        raise BadSourceError(f"{folder}: no such folder of documentation")
    by_file = {entry["file"]: url for url, entry in crawl.load_manifest(folder).items()}
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in (".html", ".htm", ".md"))
    if not files:
        raise BadSourceError(f"{folder}: no .html or .md files in it")
    source = docs_source_id(folder)
    docs: list[Document] = []
    for path in files:
        rel = path.relative_to(folder).as_posix()
        result = read_text(path, max_bytes)
        if result.text is None:
            skipped[result.skip_reason or "unreadable"] += 1
            continue
        url = by_file.get(rel, "")
        if path.suffix.lower() == ".md":
            text, title, anchors = result.text, "", {}
            first = next((ln for ln in text.split("\n") if ln.startswith("# ")), "")
            title = first[2:].strip()
        else:
            page = html.extract(result.text)
            text, title, anchors = page.text, page.title, page.anchors
        if len(text.strip()) < 20:
            skipped["empty"] += 1
            continue
        docs.append(Document(source=source, path=url or rel, kind="doc", text=text, language="markdown",
                             url=url, title=title, anchors=anchors))
    return docs
