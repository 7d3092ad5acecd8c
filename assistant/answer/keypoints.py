"""The sentences of the passages that answer the question, quoted after the model's answer.

A 0.5B model given five passages writes two to four sentences and drops most of what they state:
on the blind question sets its answers carried about a third of the key facts the passages held.
So the answer ends with the few source sentences that share the most question words, each cited,
skipping what the model already said. Selection reads structure only: sentences of prose, the
comments and docstrings of code (a line of code is no sentence), the words of the question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.tokens import query_tokens, tokenize

MAX_POINTS = 4
MAX_CHARS = 700  # all points together: a short quote, not the passages again
MIN_CHARS = 15
_SENTENCE_END = re.compile(r"(?<=[.!?])(?<!\be\.g\.)(?<!\bi\.e\.)\s+(?=[A-Z`(\"'])|\n+")  # "e.g." ends none
_COMMENT = re.compile(r"^\s*#\s?(.*)$")
_HEADING = "\n\nFrom the sources:\n"
_PROSE = ("", "markdown", "text", "rst", "html")
_HEADING_LINE = re.compile(r"^\s{0,3}#{1,6}\s")
_STARTS_UNIT = re.compile(r"^\s*([-*+>|]|\d+[.)]\s|```)")
_BULLET = re.compile(r"^[\s#>*-]+|\*\*")


@dataclass(frozen=True)
class Point:
    n: int  # the passage it is quoted from
    text: str

    def render(self) -> str:
        return f"- {self.text} [{self.n}]"


def _prose(text: str, language: str) -> str:
    """Code keeps only its comments and docstring lines; prose loses its headings (a title states
    nothing) and keeps the rest, fenced blocks too.
    (Dropping the code lines of fenced blocks, or sentences of fewer than four words, was measured
    on the question sets' reporting half: both lost facts.)"""
    if language not in ("python", *_PROSE):  # JSON, YAML and other data state no sentences
        return ""
    if language != "python":
        return "\n".join(line for line in text.split("\n") if not _HEADING_LINE.match(line))
    kept = []
    inside = False  # within a docstring
    for line in text.split("\n"):
        quotes = line.count('"""') + line.count("'''")
        comment = _COMMENT.match(line)
        if inside or quotes:
            kept.append(line.replace('"""', "").replace("'''", "").strip())
        elif comment:
            kept.append(comment.group(1))
        inside ^= quotes % 2 == 1
    return "\n".join(kept)


def _unwrap(text: str) -> str:
    """Lines wrapped inside a paragraph (or a run of comment lines) joined back into one line; a
    blank line, a list item, a table row or a fence starts a new one."""
    out: list[str] = []
    for line in text.split("\n"):
        if out and out[-1].strip() and line.strip() and not _STARTS_UNIT.match(line) \
                and not out[-1].lstrip().startswith(("|", "```")):
            out[-1] = out[-1].rstrip() + " " + line.strip()
        else:
            out.append(line)
    return "\n".join(out)


def sentences(text: str, language: str = "") -> list[str]:
    """Sentences and list items; a lead-in ending in ":" is joined to what it introduces."""
    out: list[str] = []
    lead = ""
    for piece in _SENTENCE_END.split(_unwrap(_prose(text, language))):
        piece = _BULLET.sub("", piece.strip()).strip()
        if not piece:
            continue
        piece, lead = f"{lead} {piece}".strip(), ""
        if piece.endswith(":"):
            lead = piece
        elif len(piece) >= MIN_CHARS:
            out.append(piece)
    return out


def select(question: str, passages: list[tuple[int, str, str]], already: str = "") -> list[Point]:
    """Up to MAX_POINTS sentences from `passages` ((n, text, language), best first), greedily: each
    next one adds the most question words not yet covered (words covered count half), earlier
    passages winning ties. Sentences the answer `already` holds most words of are left out."""
    wanted = set(query_tokens(question))
    said = set(tokenize(already))
    seen: set[str] = set()
    pool: list[tuple[int, int, str, set[str]]] = []
    for rank, (n, text, language) in enumerate(passages):
        for sentence in sentences(text, language):
            key = re.sub(r"\W+", " ", sentence.lower()).strip()
            words = set(tokenize(sentence))
            if key in seen or not words & wanted or len(words & said) > 0.7 * len(words):
                continue
            seen.add(key)
            pool.append((rank, n, sentence, words))
    chosen: list[Point] = []
    covered: set[str] = set()
    size = 0
    while pool and len(chosen) < MAX_POINTS:
        best = max(pool, key=lambda p: (len((p[3] & wanted) - covered) + 0.5 * len(p[3] & wanted & covered)
                                        - 0.02 * p[0]))
        pool.remove(best)
        if size + len(best[2]) > MAX_CHARS:
            continue
        chosen.append(Point(best[1], best[2]))
        covered |= best[3] & wanted
        size += len(best[2])
    return chosen


def render(points: list[Point]) -> str:
    if not points:
        return ""
    return _HEADING + "\n".join(p.render() for p in points)


def without(text: str) -> str:
    """An answer's text without its quotes: what a follow-up carries of an earlier turn."""
    return text.split(_HEADING, 1)[0]
