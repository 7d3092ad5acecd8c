"""Answers: fit the best passages into the context budget, stream a cited answer from the model.

The system prompt stays first in every prompt, so a follow-up reuses the model's cached prefix.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from assistant.answer import claims, grounding, guard, keypoints, prompts
from assistant.answer.citations import Attributor, CitationFilter, cited_numbers
from assistant.answer.passages import Cited, Passage, focus
from assistant.answer.route import Route
from assistant.llm.runtime import Generator, Message
from core.errors import UsageError
from core.sdk import SdkFacts, Surface
from index.retrieve import Hit

_CITATION = re.compile(r" ?\[\d+\]")
_LISTING_WORDS = {"source", "sources", "see", "and", "also", "in"}  # "See sources [1] and [2]." says nothing


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
    passages: list[Passage]
    cited: list[int]
    dropped_citations: int
    model: str
    timings: Timings
    stopped: bool = False
    messages: list[Message] = field(default_factory=list)
    attributed: int = 0  # citations added by word overlap where the model gave none
    route: Route = field(default_factory=lambda: Route("search"))
    unknown_names: list[str] = field(default_factory=list)  # SDK/CLI names the installed SDK lacks
    retried: bool = False  # the first answer was written again (unknown names, or sources only)
    fallback: bool = False  # the model's text did not address the question; the sources were shown instead
    removed_lines: int = 0  # lines addressed to the model, taken out of the passages
    points: list[keypoints.Point] = field(default_factory=list)  # source sentences quoted after the answer

    def citations(self) -> list[Cited]:
        """Every passage the answer was given, marked whether it cites it."""
        return [p.cite(p.n in self.cited) for p in self.passages]

    def sources(self) -> list[dict[str, Any]]:
        """The cited passages, in number order, as `ask --json` and saved chats show them."""
        return [c.as_json() for c in self.citations() if c.cited]

    def as_json(self) -> dict[str, Any]:
        return {"answer": self.text, "sources": self.sources(), "model": self.model,
                "timings": {k: round(v, 1) if isinstance(v, float) else v for k, v in asdict(self.timings).items()},
                "dropped_citations": self.dropped_citations, "attributed_citations": self.attributed,
                "stopped": self.stopped, "route": {"name": self.route.name, "targets": list(self.route.targets)},
                "unknown_names": self.unknown_names, "retried": self.retried, "fallback": self.fallback,
                "removed_lines": self.removed_lines, "points": [asdict(p) for p in self.points]}


class Asker:
    def __init__(self, generator: Generator, facts: SdkFacts, max_answer_tokens: int = 400,
                 surface: Surface | None = None) -> None:
        self.generator = generator
        self.facts = facts
        self.surface = surface or Surface.empty()  # no SDK to check against: nothing is flagged
        self.max_answer_tokens = max_answer_tokens
        self.system = prompts.ask_system(facts)

    def _messages(self, question: str, passages: list[Passage], history: list[Message] | None = None,
                  exact: list[str] | None = None) -> list[Message]:
        user = prompts.ask_user(question, [p.render() for p in passages], bool(history), exact)
        return [{"role": "system", "content": self.system}, *(history or []), {"role": "user", "content": user}]

    def system_prefix(self) -> str:
        """The rendered prompt text shared by every question: worth keeping in the KV cache."""
        system: Message = {"role": "system", "content": self.system}
        a = self.generator.render([system, {"role": "user", "content": "A"}])
        b = self.generator.render([system, {"role": "user", "content": "B"}])
        return os.path.commonprefix([a, b])

    def prompt_tokens(self, question: str, passages: list[Passage], history: list[Message] | None = None) -> int:
        return self.generator.count_tokens(self.generator.render(self._messages(question, passages, history)))

    def fit_history(self, question: str, turns: list[tuple[str, str]]) -> list[Message]:
        """Earlier turns as plain messages, oldest dropped first, within half the budget.

        Old answers lose their [n] markers (those numbers named the old sources, not this turn's),
        their opening definitions and their quoted source sentences: the model's own words stay.
        The other half of the budget stays for this turn's passages.
        """
        budget = (self.generator.n_ctx - self.max_answer_tokens) // 2
        history: list[Message] = []
        for q, a in turns:
            history += [{"role": "user", "content": q},
                        {"role": "assistant",
                         "content": _CITATION.sub("", grounding.without(keypoints.without(a))).strip()}]
        while history and self.prompt_tokens(question, [], history) > budget:
            history = history[2:]
        return history

    def fit(self, question: str, hits: list[Hit], history: list[Message] | None = None) -> list[Passage]:
        """Best passages first, as many as fit beside the answer's reserve; the last one is trimmed."""
        budget = self.generator.n_ctx - self.max_answer_tokens
        if self.prompt_tokens(question, [], history) > budget:
            raise UsageError(f"the question alone does not fit the model's context of {self.generator.n_ctx} "
                             "tokens; shorten it")
        passages: list[Passage] = []
        for hit in hits:
            text, lo, hi = focus(hit, question)
            text, removed = guard.strip(text)
            passage = Passage(len(passages) + 1, hit, text, lo, hi, tuple(removed))
            if self.prompt_tokens(question, [*passages, passage], history) <= budget:
                passages.append(passage)
                continue
            trimmed = self._trim(question, passages, passage, budget, history)
            if trimmed:
                passages.append(trimmed)
            break
        return passages

    def _trim(self, question: str, passages: list[Passage], passage: Passage, budget: int,
              history: list[Message] | None) -> Passage | None:
        """Drop lines from the end of the lowest-ranked passage until the prompt fits (binary search)."""
        lines = passage.text.split("\n")
        lo, hi, best = 1, len(lines) - 1, None
        while lo <= hi:
            mid = (lo + hi) // 2
            candidate = Passage(passage.n, passage.hit, "\n".join(lines[:mid]), passage.start_line,
                                passage.start_line + mid - 1, passage.removed)
            if self.prompt_tokens(question, [*passages, candidate], history) <= budget:
                best, lo = candidate, mid + 1
            else:
                hi = mid - 1
        return best

    def answer(self, question: str, hits: list[Hit], *, retrieve_ms: float = 0.0,
               on_text: Callable[[str], None] | None = None,
               should_stop: Callable[[], bool] | None = None,
               history: list[Message] | None = None, route: Route | None = None) -> Answer:
        """`history` is earlier turns from fit_history(); the system prompt stays first, so a follow-up
        reuses the model's cached prefix.

        Every SDK and CLI name the answer writes is checked against the installed SDK. An answer
        that names one the SDK lacks, or only lists sources, is written again once with a corrective
        note; the parts naming whatever is still unknown after that are left out, with a note saying so."""
        if not question.strip():
            raise UsageError("the question is empty")
        started = time.perf_counter()
        passages = self.fit(question, hits, history)
        exact = grounding.facts(route.targets, self.surface) if route else []
        messages = self._messages(question, passages, history, exact)
        timings = Timings(retrieve_ms=retrieve_ms,
                          prompt_tokens=self.generator.count_tokens(self.generator.render(messages)))
        opening = grounding.header(exact, self.surface.version, grounding.card_title(route.targets if route else ()))
        if on_text and opening:
            on_text(opening)
        attempt = self._attempt(messages, passages, started, timings, on_text, should_stop)
        problem = "" if attempt.stopped else self._problem(attempt.text, passages)
        retry = [*messages, {"role": "assistant", "content": attempt.text},
                 {"role": "user", "content": prompts.RETRY.format(problem=problem)}]
        retried = bool(problem) and self._fits(retry)  # no room for a second go: the checks below still apply
        if retried:
            if on_text:
                on_text(f"\n\n({problem}; answering again)\n\n")
            attempt = self._attempt(retry, passages, started, timings, on_text, should_stop)
        fallback = not attempt.stopped and not guard.addresses(
            attempt.text, question, [p.text for p in passages], [line for p in passages for line in p.removed])
        if fallback:  # it followed something other than the question: show the sources instead
            attempt.text = prompts.fallback([p.source.location for p in passages])
            if on_text:
                on_text("\n\n" + attempt.text)
        unknown = claims.unknown_names(attempt.text, self.surface)
        text = claims.drop(attempt.text.strip(), unknown, self.surface)
        if on_text and text != attempt.text.strip():
            on_text(text[len(attempt.text.strip()):])
        points = [] if attempt.stopped else [  # quotes are held to the installed SDK like the answer
            point for point in keypoints.select(
                question, [(p.n, p.text, str(p.hit.metadata.get("language", ""))) for p in passages], attempt.text)
            if not claims.unknown_names(point.text, self.surface)]
        tail = keypoints.render(points)
        if on_text and tail:
            on_text(tail)
        text = opening + text + tail
        timings.total_ms = (time.perf_counter() - started) * 1000 + retrieve_ms
        cited = cited_numbers(text, {p.n for p in passages})
        return Answer(question, text, passages, cited, attempt.dropped, self.generator.name, timings,
                      attempt.stopped, messages, attributed=attempt.attributed, route=route or Route("search"),
                      unknown_names=unknown, retried=retried, fallback=fallback,
                      removed_lines=sum(len(p.removed) for p in passages), points=points)

    def _fits(self, messages: list[Message]) -> bool:
        return (self.generator.count_tokens(self.generator.render(messages)) + self.max_answer_tokens
                <= self.generator.n_ctx)

    def _problem(self, text: str, passages: list[Passage]) -> str:
        """Why an answer must be written again: SDK names the SDK lacks, an example's helper offered
        as the API, or nothing but sources."""
        unknown = claims.unknown_names(text, self.surface)
        if unknown:
            return f"{', '.join(unknown)} {'is' if len(unknown) == 1 else 'are'} not in the installed SDK"
        helpers = claims.helpers_as_api(text, [p.text for p in passages], self.surface)
        if helpers:
            names = ", ".join(helpers)
            return f"{names} {'is a helper' if len(helpers) == 1 else 'are helpers'} of an example, not SDK API"
        rest = _CITATION.sub("", text)
        for p in passages:
            rest = rest.replace(p.source.location, "")
        if not [w for w in re.findall(r"[A-Za-z]+", rest) if w.lower() not in _LISTING_WORDS]:
            return "the answer only listed sources"
        return ""

    def _attempt(self, messages: list[Message], passages: list[Passage], started: float, timings: Timings,
                 on_text: Callable[[str], None] | None, should_stop: Callable[[], bool] | None) -> _Attempt:
        """One streamed generation, its citations filtered and attributed as it goes."""
        citations = CitationFilter({p.n for p in passages})
        attributor = Attributor({p.n: p.text for p in passages})
        pieces: list[str] = []
        first = last = 0.0
        stopped = False

        def emit(text: str) -> None:
            if text:
                pieces.append(text)
                if on_text:
                    on_text(text)

        try:
            for piece in self.generator.stream(messages, max_tokens=self.max_answer_tokens, stop=prompts.ECHO_STOPS):
                if should_stop and should_stop():  # a piece that arrives after the stop is not shown
                    stopped = True
                    break
                last = time.perf_counter()
                first = first or last
                emit(attributor.feed(citations.feed(piece)))
                if guard.loop_start("".join(pieces)) >= 0:  # it repeats itself: the rest would be more of it
                    break
        except KeyboardInterrupt:
            stopped = True
        emit(attributor.feed(citations.flush()) + attributor.flush())
        text = "".join(pieces)
        cut = guard.loop_start(text)
        text = text[:cut].rstrip() if cut >= 0 else text
        if not timings.ttft_ms:
            timings.ttft_ms = (first - started) * 1000 if first else 0.0
        timings.gen_tokens = self.generator.count_tokens(text) if text else 0
        if first and last > first and timings.gen_tokens > 1:
            timings.tok_per_s = (timings.gen_tokens - 1) / (last - first)
        return _Attempt(text, citations.dropped, len(attributor.added), stopped)


@dataclass
class _Attempt:
    text: str
    dropped: int
    attributed: int
    stopped: bool
