"""Cut documents along their structure: Python by AST, Markdown/HTML by heading, small files whole."""

from __future__ import annotations

import ast
import re

from ingest.model import Chunk, Document

MAX_CHARS = 2000
WINDOW_LINES = 50
OVERLAP_LINES = 8

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")


def chunk_document(doc: Document) -> list[Chunk]:
    if doc.kind == "rule":
        return chunk_card(doc)
    if doc.language == "python":
        return chunk_python(doc)
    if doc.language == "markdown":
        return chunk_markdown(doc)
    return chunk_whole(doc)


def _windows(doc: Document, lines: list[str], start: int, end: int, heading: str) -> list[Chunk]:
    """Split lines[start-1:end] (1-based, inclusive) into overlapping windows when too long."""
    body = "\n".join(lines[start - 1 : end])
    if len(body) <= MAX_CHARS and end - start < WINDOW_LINES * 2:
        return [Chunk(doc, body, start, end, heading)] if body.strip() else []
    out: list[Chunk] = []
    lo = start
    while lo <= end:
        hi = min(end, lo + WINDOW_LINES - 1)
        # shrink the window until it fits the character budget (very long lines)
        while hi > lo and len("\n".join(lines[lo - 1 : hi])) > MAX_CHARS * 1.5:
            hi = lo + max(1, (hi - lo) // 2)
        text = "\n".join(lines[lo - 1 : hi])
        if text.strip():
            out.append(Chunk(doc, text, lo, hi, heading))
        if hi >= end:
            break
        lo = max(lo + 1, hi - OVERLAP_LINES + 1)
    return out


def chunk_whole(doc: Document) -> list[Chunk]:
    lines = doc.text.split("\n")
    return _windows(doc, lines, 1, len(lines), doc.title if doc.kind == "sdk_api" else "")


# --- Python -------------------------------------------------------------------------------------------


def _leading_comments(lines: list[str], first: int) -> int:
    """Extend a definition upwards over the comment block directly above it."""
    line = first
    while line > 1 and lines[line - 2].lstrip().startswith("#"):
        line -= 1
    return line


def _symbol(node: ast.stmt) -> str:
    if isinstance(node, ast.ClassDef):
        return f"class {node.name}"
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        return f"def {node.name}"
    return ""


def chunk_python(doc: Document) -> list[Chunk]:
    lines = doc.text.split("\n")
    try:
        tree = ast.parse(doc.text)
    except SyntaxError:
        return _windows(doc, lines, 1, len(lines), "")
    segments: list[tuple[int, int, str, ast.stmt | None]] = []
    pending: tuple[int, int] | None = None  # consecutive module-level statements
    cursor = 1
    for node in tree.body:
        end = node.end_lineno or node.lineno
        symbol = _symbol(node)
        if symbol:
            first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
            first = max(cursor, _leading_comments(lines, first))
            if pending:
                segments.append((pending[0], min(pending[1], first - 1), "module", None))
                pending = None
            elif first > cursor and "\n".join(lines[cursor - 1 : first - 1]).strip():
                segments.append((cursor, first - 1, "module", None))
            segments.append((first, end, symbol, node))
        else:
            pending = (pending[0] if pending else cursor, end)
        cursor = end + 1
    if pending or cursor <= len(lines):
        start = pending[0] if pending else cursor
        if "\n".join(lines[start - 1 :]).strip():
            segments.append((start, len(lines), "module", None))
    chunks: list[Chunk] = []
    for start, end, symbol, item in segments:
        heading = "" if symbol == "module" else symbol
        if start == 1 and symbol == "module" and ast.get_docstring(tree):
            heading = "module docstring"
        body = "\n".join(lines[start - 1 : end])
        if isinstance(item, ast.ClassDef) and len(body) > MAX_CHARS:
            chunks.extend(_split_class(doc, lines, item, start))
        else:
            chunks.extend(_windows(doc, lines, start, end, heading))
    return chunks


def _split_class(doc: Document, lines: list[str], node: ast.ClassDef, start: int) -> list[Chunk]:
    out: list[Chunk] = []
    cursor = start
    for item in node.body:
        symbol = _symbol(item)
        if not symbol:
            continue
        first = _leading_comments(lines, min([item.lineno] + [d.lineno for d in item.decorator_list]))  # type: ignore[attr-defined]
        if first > cursor:
            out.extend(_windows(doc, lines, cursor, first - 1, f"class {node.name}"))
        end = item.end_lineno or item.lineno
        out.extend(_windows(doc, lines, first, end, f"class {node.name} > {symbol}"))
        cursor = end + 1
    last = node.end_lineno or node.lineno
    if cursor <= last:
        out.extend(_windows(doc, lines, cursor, last, f"class {node.name}"))
    return out


# --- Markdown -----------------------------------------------------------------------------------------


def slug(text: str) -> str:
    """GitHub-style heading anchor."""
    text = re.sub(r"[^\w\- ]", "", text.strip().lower())
    return text.replace(" ", "-")


def _sections(lines: list[str]) -> list[tuple[int, int, int, str]]:
    """(start, end, level, heading) for each heading section; fenced code is never a heading."""
    marks: list[tuple[int, int, str]] = []
    fenced = False
    for number, line in enumerate(lines, start=1):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        match = None if fenced else _HEADING.match(line)
        if match:
            marks.append((number, len(match.group(1)), match.group(2).strip()))
    sections = []
    if not marks or marks[0][0] > 1:
        sections.append((1, (marks[0][0] - 1) if marks else len(lines), 0, ""))
    for i, (number, level, heading) in enumerate(marks):
        end = marks[i + 1][0] - 1 if i + 1 < len(marks) else len(lines)
        sections.append((number, end, level, heading))
    return sections


def _paragraph_split(doc: Document, lines: list[str], start: int, end: int, heading: str,
                     limit: int = MAX_CHARS, least: int = 0) -> list[Chunk]:
    """Split a long section at blank lines outside code fences, packing paragraphs up to `limit`;
    a pack shorter than `least` (an introducing line) always takes the next paragraph."""
    blocks: list[tuple[int, int]] = []
    block_start, fenced = start, False
    for number in range(start, end + 1):
        line = lines[number - 1]
        if _FENCE.match(line):
            fenced = not fenced
        if not fenced and not line.strip() and number > block_start:
            blocks.append((block_start, number))
            block_start = number + 1
    if block_start <= end:
        blocks.append((block_start, end))
    out: list[Chunk] = []
    lo = hi = None
    for b_lo, b_hi in blocks:
        if (lo is not None and hi is not None and len("\n".join(lines[lo - 1 : b_hi])) > limit
                and len("\n".join(lines[lo - 1 : hi])) >= least):
            out.extend(_windows(doc, lines, lo, hi, heading))
            lo = None
        lo = b_lo if lo is None else lo
        hi = b_hi
    if lo is not None and hi is not None:
        out.extend(_windows(doc, lines, lo, hi, heading))
    return out


CARD_CHARS = 700  # what the embedder reads whole (MiniLM sees about 256 tokens)


def chunk_card(doc: Document) -> list[Chunk]:
    """A rule card by paragraphs, packed to CARD_CHARS: each chunk about one point of the rule, and
    short enough for the embedder to read all of it. The title heads every chunk."""
    lines = doc.text.split("\n")
    first = next((i + 1 for i, line in enumerate(lines) if line.strip() and not _HEADING.match(line)), 1)
    return _paragraph_split(doc, lines, first, len(lines), doc.title, CARD_CHARS, CARD_CHARS // 4)


def chunk_markdown(doc: Document) -> list[Chunk]:
    lines = doc.text.split("\n")
    stack: list[tuple[int, str]] = []
    chunks: list[Chunk] = []
    carry: int | None = None  # a heading with no body of its own joins the next section
    for start, end, level, heading in _sections(lines):
        if level:
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, heading))
        body = "\n".join(lines[start - 1 : end]).strip()
        only_heading = level and body == lines[start - 1].strip()
        if only_heading:
            carry = carry or start
            continue
        first = carry or start
        carry = None
        if not body:
            continue
        path = " > ".join(h for _, h in stack)
        anchor = doc.anchors.get(start) or (slug(stack[-1][1]) if stack else "")
        for piece in _paragraph_split(doc, lines, first, end, path):
            piece.anchor = anchor
            chunks.append(piece)
    if carry:
        chunks.extend(_windows(doc, lines, carry, len(lines), " > ".join(h for _, h in stack)))
    return chunks
