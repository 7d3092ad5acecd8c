"""SVG snapshots of the main screens (pytest-textual-snapshot). Regenerate after a deliberate change with
`pytest tests/test_snapshots.py --snapshot-update` and look at the report before committing."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fakes import FakeGenerator
from helpers import ingest
from tui_helpers import build, settle, submit

from assistant.connector import compose, writer
from assistant.connector.spec import Spec
from assistant.connector.validate import RunResult, TableInfo
from tui.messages import RunFinished

ANSWER = ("Keep the `next_cursor` from each page and send it back as `cursor` until `has_more` is false [1]. "
          "Checkpoint the cursor so the next sync resumes [2].\n\n```python\nop.checkpoint(state=state)\n```\n")
SPEED = "fake-model · ctx 4096 · 24.0 tok/s · first token 1.2 s"  # measured timings vary; the layout must not


@pytest.fixture
def answered(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    ingest(repo)
    monkeypatch.chdir(tmp_path)
    return build(FakeGenerator().enqueue(*re.findall(r"\S+\s*", ANSWER)))


def _freeze(pilot: Any) -> None:
    """The input's cursor blinks on a timer: keep it on, or two runs can differ by one cell."""
    pilot.app.query_one("#prompt").cursor_blink = False


async def _ask(pilot: Any) -> None:
    _freeze(pilot)
    await settle(pilot)
    await submit(pilot, "how does cursor based pagination work?")
    await settle(pilot)
    pilot.app.status.model = SPEED


def test_main_screen_after_an_answer(answered: Any, snap_compare: Any) -> None:
    assert snap_compare(answered, terminal_size=(140, 40), run_before=_ask)


def test_the_screen_at_80_by_24(answered: Any, snap_compare: Any) -> None:
    assert snap_compare(answered, terminal_size=(80, 24), run_before=_ask)


def test_project_pane_with_a_validation_result(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               snap_compare: Any) -> None:
    ingest(repo)
    monkeypatch.chdir(tmp_path)
    spec = {"auth": {"kind": "bearer", "token_key": "api_token"},
            "tables": [{"name": "items", "path": "/bearer/link/items", "primary_key": ["sku"],
                        "pagination": {"kind": "link", "size_param": "limit", "size": 10}}]}
    writer.write(tmp_path / "proj", compose.project_files(Spec.model_validate(spec)))
    app = build(FakeGenerator(), project=tmp_path / "proj")
    result = RunResult("PASS", "", "fivetran debug succeeded", 0, False, 4.2,
                    {"Upserts": 57, "Updates": 0, "Deletes": 0, "Truncates": 0, "Schema changes": 1,
                     "Checkpoints": 7},
                    [TableInfo("items", 57, ["sku"], ["sku", "name", "price", "updated_at"])])

    async def validated(pilot: Any) -> None:
        _freeze(pilot)
        await settle(pilot)
        pilot.app.post_message(RunFinished(result))
        await settle(pilot)
        pilot.app.status.model = "fake-model · ctx 4096 · ready"

    assert snap_compare(app, terminal_size=(140, 40), run_before=validated)


def test_an_error_modal(answered: Any, snap_compare: Any) -> None:
    async def bad_command(pilot: Any) -> None:
        _freeze(pilot)
        await settle(pilot)
        await submit(pilot, "/genrate a connector")
        await pilot.pause()

    assert snap_compare(answered, terminal_size=(100, 30), run_before=bad_command)
