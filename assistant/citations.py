"""Citations `[n]` in model output: map them to context blocks, drop the ones that match none.

The filter works on a token stream, so a bad citation is removed before it reaches the screen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

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


def clean(text: str, valid: set[int]) -> tuple[str, list[int], int]:
    f = CitationFilter(valid)
    out = f.feed(text) + f.flush()
    return out, f.cited, f.dropped
