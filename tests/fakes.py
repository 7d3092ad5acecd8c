"""A fake Generator: replies are queued in advance, every prompt it receives is recorded."""

from __future__ import annotations

from collections.abc import Iterator


class FakeGenerator:
    name = "fake-model"

    def __init__(self, n_ctx: int = 4096) -> None:
        self.n_ctx = n_ctx
        self.replies: list[list[str]] = []
        self.calls: list[dict[str, object]] = []
        self.warmed: list[str] = []

    def enqueue(self, *chunks: str) -> FakeGenerator:
        self.replies.append(list(chunks))
        return self

    def count_tokens(self, text: str) -> int:
        """One token per whitespace-separated word: easy to reason about at the budget boundary."""
        return len(text.split())

    def render(self, messages: list[dict[str, str]]) -> str:
        return "".join(f"<{m['role']}>\n{m['content']}\n" for m in messages) + "<assistant>\n"

    def warm_prefix(self, prefix_text: str) -> str:
        self.warmed.append(prefix_text)
        return "fake"

    def complete_json(self, messages: list[dict[str, str]], schema: dict[str, object], *, max_tokens: int) -> str:
        self.calls.append({"messages": messages, "schema": schema, "max_tokens": max_tokens})
        if not self.replies:
            raise AssertionError("FakeGenerator: no reply queued")
        return "".join(self.replies.pop(0))

    def stream(self, messages: list[dict[str, str]], *, max_tokens: int, stop: list[str] | None = None) -> Iterator[str]:
        self.calls.append({"messages": messages, "max_tokens": max_tokens, "prompt": self.render(messages), "stop": stop})
        if not self.replies:
            raise AssertionError("FakeGenerator: no reply queued")
        yield from self.replies.pop(0)
