"""The passages an answer is given: which hits, in what order, and which lines of each.

A passage is numbered as the prompt shows it ([n]); `Cited` is the same passage as the user sees it
afterwards, in `ask --json`, in a saved chat and in the chat app.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from assistant.answer import prompts
from assistant.answer.route import Route, route
from core.sdk import Surface
from index.retrieve import Hit
from index.source import Source
from index.tokens import tokenize

MAX_PASSAGE_CHARS = 800  # one passage in the prompt; long chunks are cut around the lines that match
WIDEN = 4  # passages are chosen from this many times k results, so near-copies can give way
SAME_TEXT = 0.6  # a passage whose words are this much contained in an earlier one's says nothing new


class Searcher(Protocol):
    """What `retrieve` needs of a retriever (tests pass a stub)."""

    def sdk_entries(self, names: list[str]) -> list[Hit]: ...

    def search(self, query: str, k: int) -> list[Hit]: ...


@dataclass(frozen=True)
class Cited:
    """A numbered source of an answer, as shown after it: where it is, whether the answer cites it,
    and (while the answer is live; a saved chat keeps none) the whole passage."""

    n: int
    source: Source
    cited: bool = True
    text: str = ""
    first_line: int = 1  # the chunk's first line, for line numbers when the passage is shown

    def as_json(self) -> dict[str, Any]:
        return {"n": self.n, **self.source.as_json()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Cited:
        return cls(int(data["n"]), Source.from_json(data))


@dataclass
class Passage:
    n: int
    hit: Hit
    text: str
    start_line: int
    end_line: int
    removed: tuple[str, ...] = ()  # lines addressed to the model, taken out of `text` (answer.guard)

    @property
    def source(self) -> Source:
        """The chunk's source, narrowed to the lines the model was shown."""
        return Source.of(self.hit.metadata, self.start_line, self.end_line)

    def render(self) -> str:
        return prompts.context_block(self.n, self.source.location, str(self.hit.metadata.get("kind")), self.text)

    def cite(self, cited: bool) -> Cited:
        return Cited(self.n, self.source, cited, self.hit.text, int(self.hit.metadata.get("start_line", 1) or 1))


def gather(retriever: Searcher, question: str, k: int, surface: Surface) -> tuple[Route, list[Hit]]:
    """The question's route and its passages. A question that names no SDK API or command but
    finds one of the project's rule cards is a `rule` question: the card, the statement of the
    rule in our words with the page it rests on, goes first."""
    found = route(question, surface)
    hits = distinct(retrieve(retriever, question, k * WIDEN, found.targets), question, k)
    card = next((h for h in hits if h.metadata.get("kind") == "rule"), None)
    if found.name == "search" and card is not None:
        return Route("rule", (str(card.metadata.get("path", "")),)), [card, *(h for h in hits if h is not card)]
    return found, hits


def distinct(hits: list[Hit], question: str, k: int) -> list[Hit]:
    """The first k hits that each add words of their own to what the prompt shows. Many connectors
    carry the same README sections (error handling, setup), and five copies of one paragraph leave
    no room for the passage that answers. Measured on the blind question sets (docs/benchmarks.md):
    answer-bearing@5 rose on both halves."""
    chosen: list[Hit] = []
    shown: list[set[str]] = []
    for hit in hits:
        words = set(tokenize(focus(hit, question)[0]))
        if any(len(words & other) >= SAME_TEXT * max(1, min(len(words), len(other))) for other in shown):
            continue
        chosen.append(hit)
        shown.append(words)
        if len(chosen) == k:
            break
    return chosen


def retrieve(retriever: Searcher, question: str, k: int, targets: tuple[str, ...] = ()) -> list[Hit]:
    """Passages for an answer: the best hybrid-search result, then the installed SDK's entries for
    what the question names (`targets` from its route: CLI commands, SDK classes and members), then
    the other results. (Matching bare words such as "delete" to SDK methods was measured on the
    blind question sets and removed: it lowered answer-bearing@5 on both halves.)

    Second, not first: with the SDK entry first the small model cites only it; after an example it
    cites both the usage and the API. But never behind another method's entry: asked about
    op.delete with Operations.truncate first, the model explains truncate.
    """
    anchors = retriever.sdk_entries(list(targets))[:2] if targets else []
    seen = {h.id for h in anchors}
    rest = [h for h in retriever.search(question, k=k) if h.id not in seen]
    if anchors and rest and rest[0].metadata.get("kind") == "sdk_api":  # another method's entry: not first
        return (anchors + rest)[:k]
    return (rest[:1] + anchors + rest[1:])[:k]


def focus(hit: Hit, question: str, max_chars: int = MAX_PASSAGE_CHARS) -> tuple[str, int, int]:
    """The window of the chunk's lines that best matches the question, within max_chars."""
    lines = hit.text.strip("\n").split("\n")
    start = int(hit.metadata.get("start_line", 1))
    if len(hit.text) <= max_chars:
        return "\n".join(lines), start, start + len(lines) - 1
    wanted = set(tokenize(question))
    scores = [len(wanted & set(tokenize(line))) for line in lines]
    best = (-1, 0, 0)
    for lo in range(len(lines)):
        size, score, hi = 0, 0, lo
        while hi < len(lines) and size + len(lines[hi]) + 1 <= max_chars:
            size += len(lines[hi]) + 1
            score += scores[hi]
            hi += 1
        if hi > lo and score > best[0]:
            best = (score, lo, hi)
    _, lo, hi = best
    if hi <= lo:  # one enormous line
        return lines[0][:max_chars], start, start
    return "\n".join(lines[lo:hi]), start + lo, start + hi - 1
