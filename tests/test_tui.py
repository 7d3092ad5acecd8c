"""The chat app driven by a Pilot, with the fake model: what a keyboard user sees and what lands on disk."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from apiserver import N_ITEMS, TOKEN, Api
from fakes import FakeGenerator
from helpers import ingest
from textual.widgets import DataTable, Input, ListView, TabbedContent
from tui_helpers import build, first_token, settle, submit

from assistant.answer import grounding, keypoints
from assistant.connector import compose, writer
from assistant.connector.spec import Spec
from core.errors import ModelError
from tui.app import ChatApp
from tui.screens import ChunkScreen, ConfirmScreen, ErrorScreen
from tui.widgets import AnswerBlock, CitationButton, CodeView, FindingItem, NoteBlock, SourceItem

pytestmark = pytest.mark.anyio
LINK_API = ("Items API at {url}, bearer auth. GET /bearer/link/items?limit=<n> returns a list; the next page URL "
            "is in the Link header (rel=next). Primary key sku.")
LINK_SPEC = {"auth": {"kind": "bearer", "token_key": "api_token"},
             "tables": [{"name": "items", "path": "/bearer/link/items", "primary_key": ["sku"],
                         "pagination": {"kind": "link", "size_param": "limit", "size": 10}}]}


def own(text: str) -> str:
    """An answer block's text as the model wrote it: without the opening definitions of a routed
    question and the quoted source sentences after it."""
    return grounding.without(keypoints.without(text))


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="module")
def api() -> Iterator[Api]:
    with Api() as server:
        yield server


class GatedGenerator(FakeGenerator):
    """Streams its first chunk, then waits for the test (or for Esc) before the rest."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()
        self.stopped_early = threading.Event()

    def stream(self, messages, *, max_tokens, stop=None):  # type: ignore[no-untyped-def]
        chunks = iter(super().stream(messages, max_tokens=max_tokens, stop=stop))
        yield next(chunks)
        self.gate.wait(30)
        try:
            yield from chunks
        except GeneratorExit:
            self.stopped_early.set()
            raise


def project(tmp_path: Path, api: Api, *, broken: bool = False) -> tuple[Path, Path]:
    out = tmp_path / "proj"
    files = compose.project_files(Spec.model_validate(LINK_SPEC))
    if broken:  # a yielded operation: a lint error with a mechanical fix
        files["connector.py"] = files["connector.py"].replace("op.upsert(", "yield op.upsert(", 1)
    writer.write(out, files)
    config = tmp_path / "secret-config.json"
    config.write_text(json.dumps({"base_url": api.url, "api_token": TOKEN}))
    return out, config


async def test_a_question_streams_shows_its_sources_and_a_citation_opens(repo: Path) -> None:
    ingest(repo)
    fake = GatedGenerator().enqueue("Follow `next_cursor` ", "until has_more is false [1].")
    app = build(fake)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        assert "fake-model · ctx 4096 · ready" in str(app.query_one("#status-model").render())
        assert re.search(r"index: \d+ chunks · SDK 9\.9\.9", str(app.query_one("#status-index").render()))
        await submit(pilot, "cursor based pagination")
        await first_token(pilot)  # on screen while the model is still writing
        assert own(app.query_one(AnswerBlock).text) == "Follow `next_cursor` " and app.busy == "ask"
        await pilot.press("a", "b")  # the model is busy in its worker; the input still takes keys
        assert app.query_one("#prompt", Input).value == "ab"
        app.query_one("#prompt", Input).value = ""
        fake.gate.set()
        await settle(pilot)
        block = app.query_one(AnswerBlock)
        assert own(block.text) == "Follow `next_cursor` until has_more is false [1]."
        items = list(app.query(SourceItem))
        assert items[0].cited.source.location == ("examples/common_patterns_for_connectors/pagination/cursor_based/"
                                                  "README.md:7-9")
        assert items[0].cited.cited and "pagination:cursor" in items[0].cited.source.tags
        button = app.query_one(CitationButton)
        button.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChunkScreen)
        assert app.screen.heading.startswith("[1] examples/common_patterns_for_connectors/pagination/cursor_based/")
        await pilot.press("escape")
        await pilot.press("f9")  # /sources: the list takes the focus and Enter opens a passage
        await pilot.pause()
        assert isinstance(app.focused, ListView)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ChunkScreen) and app.screen.heading.startswith("[2] ")
    saved = json.loads(next((app.workbench.chat.file.parent).glob("*.json")).read_text())
    assert [t["role"] for t in saved["turns"]] == ["user", "assistant"]
    assert saved["turns"][1]["sources"][0]["n"] == 1


async def test_escape_stops_the_answer_at_once_and_the_app_stays_usable(repo: Path) -> None:
    ingest(repo)
    fake = GatedGenerator().enqueue("Start ", "never shown").enqueue("Second answer [1].")
    app = build(fake)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await submit(pilot, "cursor based pagination")
        await first_token(pilot)
        await pilot.press("escape")
        await pilot.pause()
        block = app.query_one(AnswerBlock)
        assert block.text.endswith("*(stopped)*") and app.answer_block is None  # at once, before the model ends
        fake.gate.set()
        await settle(pilot)
        assert fake.stopped_early.is_set() and "never shown" not in block.text
        await submit(pilot, "http basic auth")
        await settle(pilot)
        assert own(list(app.query(AnswerBlock))[-1].text).endswith("Second answer [1].")  # after any rule-card facts


async def test_generate_asks_first_then_writes_the_files_and_lints_them(repo: Path, tmp_path: Path, api: Api) -> None:
    ingest(repo)
    out = tmp_path / "gen"
    app = build(FakeGenerator())
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await submit(pilot, f"/open {out}")
        await settle(pilot)
        await pilot.press("f3")  # the key puts /generate in the input
        assert app.query_one("#prompt", Input).value == "/generate "
        await submit(pilot, "/generate " + LINK_API.format(url=api.url))
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert f"Target folder: {out}" in app.screen.body and "nothing; all files are new" in app.screen.body
        await pilot.press("y")
        await settle(pilot)
        assert sorted(p.name for p in out.iterdir()) == ["README.md", "configuration.json", "connector.py",
                                                         "requirements.txt"]
        code = app.query_one("#code-tab-connector-py", CodeView)
        assert code.code == (out / "connector.py").read_text()
        lint_rows = [str(item.query_one("Label").render()) for item in app.query_one("#lint-list", ListView).children]
        assert lint_rows[0].startswith("lint PASS: 0 error(s)")
        assert "## 1. Requirements analysis" in list(app.query(NoteBlock))[-1].source
        before = (out / "connector.py").read_text()
        await submit(pilot, "/generate " + LINK_API.format(url=api.url).replace("sku", "id"))
        await settle(pilot)
        assert "Replaces: connector.py, configuration.json, requirements.txt, README.md" in app.screen.body
        await pilot.press("n")
        await settle(pilot)
        assert (out / "connector.py").read_text() == before  # no means nothing written


@pytest.mark.fivetran_debug
async def test_validate_a_good_project_shows_pass_with_row_counts(repo: Path, tmp_path: Path, api: Api) -> None:
    ingest(repo)
    out, config = project(tmp_path, api)
    app = build(FakeGenerator().enqueue(f"Check {TOKEN} [1]."), project=out)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await submit(pilot, f"/validate {config}")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "api_token: ****" in app.screen.body and TOKEN not in app.screen.body
        assert f"base_url: {api.url}" in app.screen.body
        await pilot.press("y")
        await settle(pilot)
        summary = str(app.query_one("#run-summary").render())
        assert summary.startswith("PASS after ") and ": fivetran debug succeeded\n" in summary
        assert f"Upserts {N_ITEMS}" in summary
        table = app.query_one("#run-tables", DataTable)
        assert table.get_row_at(0)[:2] == ["items", str(N_ITEMS)]
        assert app.query_one("#project-tabs", TabbedContent).active == "tab-run"
        await submit(pilot, f"my token is {TOKEN}, why does it fail?")  # typed into the chat by mistake
        await settle(pilot)
        connector = out / "connector.py"  # broken by hand: /validate shows the lint error in the Lint tab too
        connector.write_text(connector.read_text().replace("op.upsert(", "yield op.upsert(", 1))
        await submit(pilot, "/validate")
        await settle(pilot)
        assert f"Configuration {config}" in app.screen.body  # the file chosen before is remembered
        await pilot.press("y")
        await settle(pilot)
        rows = [str(item.query_one("Label").render()) for item in app.query_one("#lint-list", ListView).children]
        assert rows[0].startswith("lint FAIL: 1 error(s)") and "CSDK004" in rows[1]
    saved = app.workbench.chat.file.read_text()
    assert TOKEN not in saved
    assert "my token is ****" in saved and "Check **** [1]." in saved


@pytest.mark.fivetran_debug
async def test_a_failing_project_fails_then_fix_shows_the_diff_and_passes(repo: Path, tmp_path: Path,
                                                                          api: Api) -> None:
    ingest(repo)
    out, config = project(tmp_path, api, broken=True)
    app = build(FakeGenerator(), project=out)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await submit(pilot, f"/validate {config}")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        summary = str(app.query_one("#run-summary").render())
        assert summary.startswith("FAIL (CODE): lint found 1 error(s)") and "CSDK004" in summary
        assert "CSDK004" in list(app.query(NoteBlock))[-1].source  # the chat names the error too
        await pilot.press("f5")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        lines = (app.screen.code or "").splitlines()
        changed = [ln[1:].strip() for ln in lines if ln[:1] in "-+" and "op.upsert(" in ln]
        assert len(changed) == 2 and changed[0].startswith("yield op.upsert(")  # the one yielded call ...
        assert changed[1] == changed[0].removeprefix("yield ")  # ... and the same call, not yielded
        assert "In a scratch copy it then passed" in app.screen.body
        assert "yield op.upsert(" in (out / "connector.py").read_text()  # nothing written before the answer
        await pilot.press("y")
        await settle(pilot)
        assert "yield op.upsert(" not in (out / "connector.py").read_text() and (out / "connector.py.bak").exists()
        assert str(app.query_one("#run-summary").render()).startswith("PASS")
        assert app.query_one("#code-diff", CodeView).code == "\n".join(lines) + "\n"  # the diff stays in view


async def test_errors_show_in_a_modal_with_the_fix(tmp_path: Path, api: Api) -> None:
    app = build(FakeGenerator())  # no index yet
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ErrorScreen)  # the status bar's index lookup found nothing
        assert app.screen.title_text == "no index" and app.screen.fix == "run `assistant ingest`"
        await pilot.press("enter")
        await submit(pilot, "/frobnicate")
        await pilot.pause()
        assert isinstance(app.screen, ErrorScreen) and app.screen.message == "unknown command /frobnicate"
        await pilot.press("escape")
        await submit(pilot, "/validate")
        await pilot.pause()
        assert isinstance(app.screen, ErrorScreen) and app.screen.message == "no project is open"
        await pilot.press("escape")
        await submit(pilot, "/model no-such-model")
        await pilot.pause()
        assert isinstance(app.screen, ErrorScreen) and "no-such-model" in app.screen.message


async def test_the_first_screen_paints_before_the_model_has_loaded(repo: Path) -> None:
    ingest(repo)
    loaded = threading.Event()
    fake = FakeGenerator().enqueue("Answer [1].")

    def slow(cfg: object, progress: object) -> FakeGenerator:
        loaded.wait(30)
        return fake

    from assistant.services import Services
    from core.settings import load
    from tui.app import make_app

    app = make_app(Services(load(), load_generator=slow))
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        assert str(app.query_one("#status-model").render()) == "model: loading…"
        assert app.query_one("#status-progress").display is True
        await submit(pilot, "cursor based pagination")  # asked while loading: it waits for the model
        await pilot.pause(0.2)
        assert app.busy == "ask" and not app.query_one(AnswerBlock).text
        loaded.set()
        await settle(pilot)
        assert own(app.query_one(AnswerBlock).text) == "Answer [1]."
        assert app.query_one("#status-progress").display is False


async def test_a_missing_model_is_a_modal_not_a_crash(repo: Path) -> None:
    ingest(repo)

    def missing(cfg: object, progress: object) -> FakeGenerator:
        raise ModelError("model file /x/model.gguf is missing", hint="run `assistant models verify` to rebuild it")

    from assistant.services import Services
    from core.settings import load
    from tui.app import make_app

    app = make_app(Services(load(), load_generator=missing))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ErrorScreen)
        assert (app.screen.title_text, app.screen.fix) == ("model", "run `assistant models verify` to rebuild it")
        assert "model: not loaded" in str(app.query_one("#status-model").render())


@pytest.mark.fivetran_debug
async def test_a_validation_timeout_is_a_modal_with_the_fix(repo: Path, tmp_path: Path, api: Api,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    ingest(repo)
    monkeypatch.setenv("ASSISTANT_VALIDATE_TIMEOUT", "0.2")
    out, config = project(tmp_path, api)
    app = build(FakeGenerator(), project=out)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await submit(pilot, f"/validate {config}")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, ErrorScreen) and app.screen.title_text == "validation timed out"
        assert "ASSISTANT_VALIDATE_TIMEOUT" in (app.screen.fix or "")


async def test_resume_reopens_the_chat_and_its_memory(repo: Path, tmp_path: Path) -> None:
    ingest(repo)
    first = build(FakeGenerator().enqueue("Use next_cursor [1]."))
    async with first.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await submit(pilot, "cursor based pagination")
        await settle(pilot)
    fake = FakeGenerator().enqueue("Yes, with a page size [1].")
    again: ChatApp = build(fake, resume="")
    async with again.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        blocks = list(again.query(AnswerBlock))
        assert [own(b.text) for b in blocks] == ["Use next_cursor [1]."]
        assert blocks[0].query_one(CitationButton).cited.source.location.startswith("examples/common_patterns")
        await submit(pilot, "and the page size?")
        await settle(pilot)
        await pilot.press("f10")  # /export
        await settle(pilot)
    messages = fake.calls[0]["messages"]
    assert [m["content"] for m in messages[1:3]] == ["cursor based pagination", "Use next_cursor."]  # type: ignore[index]
    exported = next(again.workbench.chat.file.parent.parent.glob("exports/*.md")).read_text()
    assert "## Q: cursor based pagination" in exported and "## Q: and the page size?" in exported


async def test_at_80_by_24_the_panes_become_tabs(repo: Path) -> None:
    ingest(repo)
    app = build(FakeGenerator().enqueue("Use next_cursor [1]."))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.has_class("narrow")
        assert app.query_one("#side").display is False or not app.query_one("#side").region.width
        await submit(pilot, "cursor based pagination")
        await settle(pilot)
        await pilot.press("f9")
        await pilot.pause()
        assert app.screen.has_class("show-side") and app.query_one("#chat-pane").region.width == 0
        assert app.query_one(SourceItem).region.width > 40
        await pilot.press("ctrl+t")  # /ask: back to the chat, ready to type
        await pilot.pause()
        assert not app.screen.has_class("show-side") and isinstance(app.focused, Input)


async def test_lint_findings_jump_to_their_line(repo: Path, tmp_path: Path, api: Api) -> None:
    ingest(repo)
    out, _ = project(tmp_path, api, broken=True)
    app = build(FakeGenerator(), project=out)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        finding = app.query_one(FindingItem)
        assert finding.finding.rule == "CSDK004"
        app.query_one("#side", TabbedContent).active = "pane-project"
        app.query_one("#project-tabs", TabbedContent).active = "tab-lint"
        await pilot.pause()
        listing = app.query_one("#lint-list", ListView)
        listing.focus()
        listing.index = 1
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one("#project-tabs", TabbedContent).active == "tab-connector-py"
        view = app.query_one("#code-tab-connector-py", CodeView)
        assert app.focused is view and view.scroll_y == max(0, finding.finding.line - 3)


async def test_clear_during_an_answer_stops_it_and_keeps_it_out_of_the_fresh_chat(repo: Path) -> None:
    ingest(repo)
    fake = GatedGenerator().enqueue("Start ", "of an answer [1].")
    app = build(fake)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        old_chat = app.workbench.chat
        await submit(pilot, "cursor based pagination")
        await first_token(pilot)
        await pilot.press("ctrl+l")
        await pilot.pause()
        fake.gate.set()
        await settle(pilot)
        assert not app.query(AnswerBlock) and app.workbench.chat is not old_chat
        assert app.workbench.chat.turns == []  # the stopped answer stayed with the chat it belongs to
        assert [t.role for t in old_chat.turns] == ["user", "assistant"] and old_chat.turns[1].stopped
        await submit(pilot, "/help")  # the app carries on
        await pilot.pause()
        assert "| `/generate DESCRIPTION` | f3 |" in list(app.query(NoteBlock))[-1].source


async def test_keys_keep_their_command_and_the_draft(repo: Path) -> None:
    ingest(repo)
    app = build(FakeGenerator())
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        prompt = app.query_one("#prompt", Input)
        prompt.value = "a CSV folder of orders"
        app.query_one("#side", TabbedContent).focus()  # somewhere else
        await pilot.press("f3")
        await pilot.press("!")
        assert prompt.value == "/generate a CSV folder of orders!"  # nothing selected and replaced


async def test_a_citation_marks_the_lines_the_model_was_shown(repo: Path) -> None:
    ingest(repo)
    app = build(FakeGenerator().enqueue("Use the cursor [1]."))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await submit(pilot, "cursor based pagination")
        await settle(pilot)
        button = app.query_one(CitationButton)
        start, end = button.cited.source.start_line, button.cited.source.end_line
        assert start and end >= start
        button.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChunkScreen) and app.screen.lines == (start, end)


async def test_at_80_by_24_a_command_leaves_the_input_in_view(repo: Path, tmp_path: Path, api: Api) -> None:
    ingest(repo)
    app = build(FakeGenerator())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await submit(pilot, f"/open {tmp_path / 'narrow'}")
        await submit(pilot, "/generate " + LINK_API.format(url=api.url))
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert (tmp_path / "narrow" / "connector.py").exists()
        assert not app.screen.has_class("show-side") and app.query_one("#prompt").region.height > 0


async def test_nothing_typed_is_lost_while_busy_or_after_a_passage(repo: Path) -> None:
    ingest(repo)
    fake = GatedGenerator().enqueue("First [1].", " more").enqueue("Second answer [1].")
    app = build(fake)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await submit(pilot, "cursor based pagination")
        await first_token(pilot)
        await submit(pilot, "and what about http basic auth?")  # submitted while the first is written
        assert app.queued == "and what about http basic auth?"
        fake.gate.set()
        await settle(pilot)
        texts = [b.text for b in app.query(AnswerBlock)]
        texts = [own(t) for t in texts]
        assert len(texts) == 2 and texts[0].endswith("First [1]. more") and texts[1].endswith("Second answer [1].")
        app.query_one(CitationButton).focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")  # back from the passage: the input has the focus again
        await pilot.pause()
        assert isinstance(app.focused, Input)
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press("h", "i")  # typed with the Sources list focused
        assert app.query_one("#prompt", Input).value == "hi" and isinstance(app.focused, Input)


async def test_another_project_does_not_show_the_last_ones_run(repo: Path, tmp_path: Path, api: Api) -> None:
    ingest(repo)
    out, _ = project(tmp_path, api)
    app = build(FakeGenerator(), project=out)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        from assistant.connector.validate import RunResult
        from tui.messages import RunFinished

        app.post_message(RunFinished(RunResult("PASS", "", "fivetran debug succeeded", seconds=1.0)))
        await settle(pilot)
        assert str(app.query_one("#run-summary").render()).startswith("PASS")
        await submit(pilot, f"/open {tmp_path / 'other'}")
        await settle(pilot)
        assert str(app.query_one("#run-summary").render()).startswith("Not validated yet")
