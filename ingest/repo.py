"""Walk an examples repository and turn its files into Documents with kind, example, title and tags."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from index import tags
from ingest import layout
from ingest.model import Document
from ingest.readers import TEXT_SUFFIXES, read_text
from ingest.sources import RepoTree

_SKIP_DIRS = {".git", "__pycache__", "node_modules", ".venv", "venv", "files", ".idea", ".vscode"}
_LANG = {".py": "python", ".md": "markdown", ".json": "json"}


def _language(path: Path) -> str:
    return _LANG.get(path.suffix.lower(), "text")


def _wanted(rel: Path) -> bool:
    hidden = [p for p in rel.parts[:-1] if p.startswith(".")]
    if any(h not in (".github", ".claude") for h in hidden):
        return False
    if rel.parts and rel.parts[0] == ".github":
        return layout.is_agent_instructions(PurePosixPath(rel.as_posix()))
    return True


def _files(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if any(part in _SKIP_DIRS for part in rel.parts[:-1]) or not path.is_file() or path.is_symlink():
            continue
        if _wanted(rel):
            yield path


def _title(readme: str) -> str:
    for line in readme.split("\n"):
        match = re.match(r"^#\s+(.+)", line)
        if match:
            return match.group(1).strip()
    return ""


def read_repo(tree: RepoTree, max_bytes: int, skipped: Counter[str]) -> list[Document]:
    """Every indexable file of the tree as a Document; skipped files are counted by reason."""
    docs: list[Document] = []
    files = list(_files(tree.root))
    projects = frozenset(p.parent.relative_to(tree.root).as_posix() for p in files if p.name == "connector.py")
    for path in files:
        rel = path.relative_to(tree.root).as_posix()
        suffix = path.suffix.lower()
        if suffix not in TEXT_SUFFIXES and path.name != "requirements.txt":
            skipped["unsupported"] += 1
            continue
        result = read_text(path, max_bytes)
        if result.text is None:
            skipped[result.skip_reason or "unreadable"] += 1
            continue
        where = layout.place(rel, projects)
        docs.append(Document(
            source=tree.source_id, path=rel, kind=where.kind, text=result.text, language=_language(path),
            url=_blob_url(tree, rel), example=where.example, commit=tree.commit,
        ))
    _annotate_projects(docs, projects)
    return docs


def _blob_url(tree: RepoTree, rel: str) -> str:
    if "/" in tree.source_id and tree.commit and not tree.commit.startswith("sha256:"):
        return f"https://github.com/{tree.source_id}/blob/{tree.commit}/{rel}"
    return ""


def _annotate_projects(docs: list[Document], projects: frozenset[str]) -> None:
    """Give each file its project's README title and the pattern tags derived from the project's code."""
    by_dir: dict[str, list[Document]] = {}
    for doc in docs:
        by_dir.setdefault(layout.place(doc.path, projects).project_dir, []).append(doc)
    for folder, members in by_dir.items():
        readme = next((d for d in members if d.path == f"{folder}/README.md".lstrip("/")), None)
        title = _title(readme.text) if readme else ""
        code = "\n".join(d.text for d in members if d.language == "python")
        project_tags = tags.derive(code) if code and folder else {}
        for doc in members:
            doc.title = title if folder else _title(doc.text) if doc.language == "markdown" else ""
            if doc.kind == "agent_instructions":
                doc.title = doc.title or doc.path.rsplit("/", 1)[-1]
            elif project_tags:
                doc.tags = project_tags
