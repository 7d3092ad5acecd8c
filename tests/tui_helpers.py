"""Building and driving the chat app in tests: the real app factory, a fake model, a waiting helper."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from fakes import FakeGenerator
from helpers import services_with
from textual.pilot import Pilot

from core.settings import load
from tui.app import ChatApp, make_app


def build(fake: FakeGenerator, **kwargs: Any) -> ChatApp:
    return make_app(services_with(fake)(load()), **kwargs)


async def settle(pilot: Pilot[Any], timeout: float = 120.0) -> None:
    """Wait until every worker has finished and its messages are handled."""
    app = pilot.app
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        await pilot.pause()
        running = [w for w in app.workers if not w.is_finished]
        if not running and not getattr(app, "busy", None):
            await pilot.pause()
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"workers still running after {timeout} s: {[w.name for w in app.workers]}")


async def first_token(pilot: Pilot[Any]) -> None:
    """Wait until the answer being written shows its first text."""
    from tui.widgets import AnswerBlock

    for _ in range(200):
        await pilot.pause(0.02)
        blocks = list(pilot.app.query(AnswerBlock))
        if blocks and blocks[-1].text:
            return
    raise AssertionError("no token reached the screen")


async def submit(pilot: Pilot[Any], text: str) -> None:
    prompt = pilot.app.query_one("#prompt")
    prompt.focus()
    prompt.value = text  # type: ignore[attr-defined]
    await pilot.press("enter")


def text_of(widget: Any) -> str:
    return str(widget.render())


def project_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())
