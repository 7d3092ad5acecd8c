"""Citations `[n]` in model output: map them to context blocks, drop the ones that match none.

The filter works on a token stream, so a bad citation is removed before it reaches the screen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from index.tokens import tokenize

_CITE = re.compile(r"\[(\d+(?:\s*[,;]\s*\d+)*)\]")
_PARTIAL = re.compile(r"\[[\d,; ]*$")


class CitationFilter:
    def __init__(self, valid: set[int]) -> None:
        self.valid = valid
        self.cited: list[int] = []  # valid citations in order of first use
        self.dropped = 0
        self._pending = ""

    def _fix(self, match: re.Match[str]) -> str:
        numbers = [int(n) for n in re.split(r"[,; ]+", match.group(1)) if n]
        keep = [n for n in numbers if n in self.valid]
        self.dropped += len(numbers) - len(keep)
        for n in keep:
            if n not in self.cited:
                self.cited.append(n)
        return "[" + ", ".join(str(n) for n in keep) + "]" if keep else ""

    def feed(self, text: str) -> str:
        """Text safe to show now; an unfinished `[12` is held back until it closes."""
        buffer = self._pending + text
        partial = _PARTIAL.search(buffer)
        self._pending = buffer[partial.start():] if partial else ""
        ready = buffer[: partial.start()] if partial else buffer
        return _CITE.sub(self._fix, ready)

    def flush(self) -> str:
        rest, self._pending = self._pending, ""
        return _CITE.sub(self._fix, rest)

    def filter(self, stream: Iterable[str]) -> Iterator[str]:
        for piece in stream:
            out = self.feed(piece)
            if out:
                yield out
        tail = self.flush()
        if tail:
            yield tail


class Attributor:
    """Adds a citation to each sentence the model left uncited, where one source clearly supports it.

    Small models often answer correctly from the sources but forget the `[n]`. A sentence earns the
    citation of the source sharing the most distinctive words with it (at least MIN_SHARED), so the
    mark still points at text that backs the claim. Only the sentence's closing punctuation waits.
    """

    MIN_SHARED = 2

    def __init__(self, sources: dict[int, str]) -> None:
        self._tokenize = tokenize
        self.sources = {n: set(tokenize(text)) for n, text in sources.items()}
        counts: dict[str, int] = {}
        for words in self.sources.values():
            for word in words:
                counts[word] = counts.get(word, 0) + 1
        self._weight = {w: 1.0 / c for w, c in counts.items()}
        self.added: list[int] = []
        self._sentence = ""
        self._held = ""

    def best(self, sentence: str) -> int | None:
        words = set(self._tokenize(sentence))
        scored = []
        for n, source in self.sources.items():
            shared = words & source
            if len(shared) >= self.MIN_SHARED:
                scored.append((sum(self._weight[w] for w in shared), -n, n))
        return max(scored)[2] if scored else None

    def _close(self, terminator: str) -> str:
        sentence, self._sentence = self._sentence, ""
        if _CITE.search(sentence) or sentence.count("`") % 2 or "```" in sentence or len(sentence.split()) < 3:
            return terminator
        n = self.best(sentence)
        if n is None:
            return terminator
        self.added.append(n)
        return f" [{n}]{terminator}"

    def _in_code(self) -> bool:
        return self._sentence.count("`") % 2 == 1

    def feed(self, text: str) -> str:
        out: list[str] = []
        for ch in text:
            if self._held:
                term, self._held = self._held, ""
                if ch.isspace():
                    out.append(self._close(term))
                    out.append(ch)
                    continue
                out.append(term)  # "op.checkpoint", "3.5": not the end of a sentence
                self._sentence += term
            if ch in ".!?" and not self._in_code():
                self._held = ch
                continue
            if ch == "\n" and not self._in_code() and self._sentence.strip():
                out.append(self._close(""))
                out.append(ch)
                continue
            self._sentence += ch
            out.append(ch)
        return "".join(out)

    def flush(self) -> str:
        held, self._held = self._held, ""
        return self._close(held)


def cited_numbers(text: str, valid: set[int]) -> list[int]:
    """Valid citation numbers in order of first appearance."""
    seen: list[int] = []
    for match in _CITE.finditer(text):
        for n in (int(x) for x in re.split(r"[,; ]+", match.group(1)) if x):
            if n in valid and n not in seen:
                seen.append(n)
    return seen
