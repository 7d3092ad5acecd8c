import pytest
from fakes import FakeGenerator
from helpers import ingest
from tui_helpers import build, settle, submit
from tui.widgets import AnswerBlock, CitationButton, SourceItem

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend():
    return "asyncio"


async def test_ask(repo, tmp_path):
    ingest(repo)
    fake = FakeGenerator().enqueue("Follow ", "next_cursor ", "until has_more is false [1].")
    app = build(fake)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await submit(pilot, "cursor based pagination")
        await settle(pilot)
        block = app.query_one(AnswerBlock)
        print(repr(block.text))
        print([str(i.source.location) for i in app.query(SourceItem)])
        btn = app.query_one(CitationButton)
        btn.focus()
        await pilot.press("enter")
        await pilot.pause()
        print(type(app.screen))
        print(app.query_one("#status-model").render(), app.query_one("#status-index").render())
        app.save_screenshot("/tmp/shot.svg")
