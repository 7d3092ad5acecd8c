"""`assistant ask`: retrieve, fit the best passages into the context budget, stream a cited answer."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from assistant import prompts
from assistant.citations import Attributor, CitationFilter, cited_numbers
from assistant.errors import UsageError
from assistant.runtime import Generator, Message
from index.retrieve import Hit, Retriever
from index.tokens import tokenize

_CITATION = re.compile(r" ?\[\d+\]")
MAX_BLOCK_CHARS = 800  # one passage in the prompt; long chunks are cut around the lines that match


@dataclass
class Block:
    n: int
    hit: Hit
    text: str
    start_line: int
    end_line: int

    @property
    def location(self) -> str:
        m = self.hit.metadata
        if m.get("kind") == "doc" and m.get("url"):
            return str(m["url"])
        if m.get("kind") == "sdk_api":  # e.g. "fivetran_connector_sdk 3.0.0: Operations.checkpoint(state: dict)"
            return f"{m['path'].split('.')[0]} {m.get('commit', '')}: {str(m.get('title', '')).split(' > ')[-1]}"
        return f"{m['path']}:{self.start_line}-{self.end_line}"

    def render(self) -> str:
        return prompts.context_block(self.n, self.location, str(self.hit.metadata.get("kind")), self.text)

    def source(self) -> dict[str, Any]:
        m = self.hit.metadata
        return {"n": self.n, "source": self.location, "url": m.get("url") or None,
                "start_line": self.start_line, "end_line": self.end_line, "kind": m.get("kind")}


@dataclass
class Timings:
    retrieve_ms: float = 0.0
    prompt_tokens: int = 0
    ttft_ms: float = 0.0
    gen_tokens: int = 0
    tok_per_s: float = 0.0
    total_ms: float = 0.0


@dataclass
class Answer:
    question: str
    text: str
    blocks: list[Block]
    cited: list[int]
    dropped_citations: int
    model: str
    timings: Timings
    stopped: bool = False
    messages: list[Message] = field(default_factory=list)
    attributed: int = 0  # citations added by word overlap where the model gave none

    def sources(self) -> list[dict[str, Any]]:
        by_n = {b.n: b for b in self.blocks}
        return [by_n[n].source() for n in sorted(self.cited) if n in by_n]

    def as_json(self) -> dict[str, Any]:
        return {"answer": self.text, "sources": self.sources(), "model": self.model,
                "timings": {k: round(v, 1) if isinstance(v, float) else v for k, v in asdict(self.timings).items()},
                "dropped_citations": self.dropped_citations, "attributed_citations": self.attributed,
                "stopped": self.stopped}


_FOLLOW_START = re.compile(r"^(and|but|also|so|then|ok(ay)?|what about|how about|what if|why|same)\b", re.I)
_REFERS_BACK = re.compile(r"\b(it|its|that|this|those|these|them|they|there|above|previous|earlier|again)\b", re.I)


def is_follow_up(question: str) -> bool:
    """Whether a question leans on the one before ("and how often?", "what about deletes?").

    Only these get the earlier turns: a small model given an unrelated earlier answer tends to
    repeat it instead of answering.
    """
    return bool(_FOLLOW_START.match(question.strip())) or refers_back(question)


def refers_back(question: str) -> bool:
    """A short question with "it", "that", ...: it may lean on the question before."""
    return len(question.split()) <= 12 and bool(_REFERS_BACK.search(question))


_GENERIC = {"often", "should", "about", "them", "whi", "fail", "work", "it", "that", "this", "use", "need", "how",
            "what", "when", "where", "which", "again", "more", "mean", "exampl", "best", "way", "then", "also",
            "and", "but", "can", "could", "would", "get", "make", "set", "error", "there", "they", "those", "these",
            "fix", "happen", "instead", "much", "mani", "time", "do", "doe", "one", "thing", "els", "better"}


def names_no_topic(question: str) -> bool:
    """"and how often should I do it?" names nothing to search for; "what about deletes?" does."""
    return refers_back(question) and not set(tokenize(question)) - _GENERIC


def retrieve(retriever: Retriever, question: str, k: int) -> list[Hit]:
    """Passages for an answer: the best hybrid-search result, then the installed SDK's entry for a
    method the question names (the truth about its arguments), then the other results.

    Second, not first: with the SDK entry first the small model cites only it; after an example it
    cites both the usage and the API. But never behind another method's entry: asked about
    op.delete with Operations.truncate first, the model explains truncate.
    """
    anchors = retriever.sdk_methods(question)[:1]
    seen = {h.id for h in anchors}
    rest = [h for h in retriever.search(question, k=k) if h.id not in seen]
    if anchors and rest and rest[0].metadata.get("kind") == "sdk_api":  # another method's entry: not first
        return (anchors + rest)[:k]
    return (rest[:1] + anchors + rest[1:])[:k]


def focus(hit: Hit, question: str, max_chars: int = MAX_BLOCK_CHARS) -> tuple[str, int, int]:
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


class Asker:
    def __init__(self, generator: Generator, facts: prompts.SdkFacts, max_answer_tokens: int = 400) -> None:
        self.generator = generator
        self.facts = facts
        self.max_answer_tokens = max_answer_tokens
        self.system = prompts.ask_system(facts)

    def _messages(self, question: str, blocks: list[Block], history: list[Message] | None = None) -> list[Message]:
        return [{"role": "system", "content": self.system}, *(history or []),
                {"role": "user", "content": prompts.ask_user(question, [b.render() for b in blocks], bool(history))}]

    def system_prefix(self) -> str:
        """The rendered prompt text shared by every question: worth keeping in the KV cache."""
        import os

        system: Message = {"role": "system", "content": self.system}
        a = self.generator.render([system, {"role": "user", "content": "A"}])
        b = self.generator.render([system, {"role": "user", "content": "B"}])
        return os.path.commonprefix([a, b])

    def prompt_tokens(self, question: str, blocks: list[Block], history: list[Message] | None = None) -> int:
        return self.generator.count_tokens(self.generator.render(self._messages(question, blocks, history)))

    def fit_history(self, question: str, turns: list[tuple[str, str]]) -> list[Message]:
        """Earlier turns as plain messages, oldest dropped first, within half the budget.

        Old answers lose their [n] markers: those numbers named the old sources, not this turn's.
        The other half of the budget stays for this turn's passages.
        """
        budget = (self.generator.n_ctx - self.max_answer_tokens) // 2
        history: list[Message] = []
        for q, a in turns:
            history += [{"role": "user", "content": q},
                        {"role": "assistant", "content": _CITATION.sub("", a).strip()}]
        while history and self.prompt_tokens(question, [], history) > budget:
            history = history[2:]
        return history

    def fit(self, question: str, hits: list[Hit], history: list[Message] | None = None) -> list[Block]:
        """Best passages first, as many as fit beside the answer's reserve; the last one is trimmed."""
        budget = self.generator.n_ctx - self.max_answer_tokens
        if self.prompt_tokens(question, [], history) > budget:
            raise UsageError(f"the question alone does not fit the model's context of {self.generator.n_ctx} "
                             "tokens; shorten it")
        blocks: list[Block] = []
        for hit in hits:
            text, lo, hi = focus(hit, question)
            block = Block(len(blocks) + 1, hit, text, lo, hi)
            if self.prompt_tokens(question, [*blocks, block], history) <= budget:
                blocks.append(block)
                continue
            trimmed = self._trim(question, blocks, block, budget, history)
            if trimmed:
                blocks.append(trimmed)
            break
        return blocks

    def _trim(self, question: str, blocks: list[Block], block: Block, budget: int,
              history: list[Message] | None) -> Block | None:
        """Drop lines from the end of the lowest-ranked block until the prompt fits (binary search)."""
        lines = block.text.split("\n")
        lo, hi, best = 1, len(lines) - 1, None
        while lo <= hi:
            mid = (lo + hi) // 2
            candidate = Block(block.n, block.hit, "\n".join(lines[:mid]), block.start_line,
                              block.start_line + mid - 1)
            if self.prompt_tokens(question, [*blocks, candidate], history) <= budget:
                best, lo = candidate, mid + 1
            else:
                hi = mid - 1
        return best

    def answer(self, question: str, hits: list[Hit], *, retrieve_ms: float = 0.0,
               on_text: Callable[[str], None] | None = None,
               should_stop: Callable[[], bool] | None = None,
               history: list[Message] | None = None) -> Answer:
        """`history` is earlier turns from fit_history(); the system prompt stays first, so a follow-up
        reuses the model's cached prefix."""
        if not question.strip():
            raise UsageError("the question is empty")
        started = time.perf_counter()
        blocks = self.fit(question, hits, history)
        messages = self._messages(question, blocks, history)
        timings = Timings(retrieve_ms=retrieve_ms,
                          prompt_tokens=self.generator.count_tokens(self.generator.render(messages)))
        citations = CitationFilter({b.n for b in blocks})
        attributor = Attributor({b.n: b.text for b in blocks})
        pieces: list[str] = []
        first = last = 0.0
        stopped = False

        def emit(text: str) -> None:
            if text:
                pieces.append(text)
                if on_text:
                    on_text(text)

        try:
            for piece in self.generator.stream(messages, max_tokens=self.max_answer_tokens):
                if should_stop and should_stop():  # a piece that arrives after the stop is not shown
                    stopped = True
                    break
                last = time.perf_counter()
                first = first or last
                emit(attributor.feed(citations.feed(piece)))
        except KeyboardInterrupt:
            stopped = True
        emit(attributor.feed(citations.flush()) + attributor.flush())
        text = "".join(pieces)
        timings.total_ms = (time.perf_counter() - started) * 1000 + retrieve_ms
        timings.ttft_ms = (first - started) * 1000 if first else 0.0
        timings.gen_tokens = self.generator.count_tokens(text) if text else 0
        if first and last > first and timings.gen_tokens > 1:
            timings.tok_per_s = (timings.gen_tokens - 1) / (last - first)
        cited = cited_numbers(text, {b.n for b in blocks})
        return Answer(question, text.strip(), blocks, cited, citations.dropped, self.generator.name, timings,
                      stopped, messages, attributed=len(attributor.added))
