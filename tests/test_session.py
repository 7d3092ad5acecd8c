"""The chat session without the UI: memory within the budget, saved chats without secrets, export, resume."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fakes import FakeGenerator
from helpers import ingest, run, services_with

from assistant.chat import history
from assistant.chat.workbench import Workbench
from core.errors import UsageError
from core.secrets import mask
from core.settings import load


def bench(fake: FakeGenerator) -> Workbench:
    return Workbench(services_with(fake)(load()))


def test_follow_ups_carry_earlier_turns_without_their_citations(repo: Path) -> None:
    ingest(repo)
    fake = FakeGenerator().enqueue("Follow next_cursor [1].").enqueue("Use HTTPBasicAuth [2].")
    wb = bench(fake)
    wb.ask("cursor based pagination")
    wb.ask("and what about http basic auth?")
    second = fake.calls[1]["messages"]
    assert [m["role"] for m in second] == ["system", "user", "assistant", "user"]  # type: ignore[union-attr]
    assert second[2]["content"] == "Follow next_cursor."  # type: ignore[index]
    assert fake.warmed == [str(fake.calls[0]["prompt"])[: len(fake.warmed[0])]]  # warmed once, a true prefix


def test_the_oldest_turns_are_dropped_first_to_stay_within_the_budget(repo: Path) -> None:
    ingest(repo)
    long_answer = "word " * 150  # one turn fits beside the ~265-word system prompt, two do not
    fake = FakeGenerator(n_ctx=1400)  # a fake token is a word: (1400 - 400) / 2 = 500 words for memory
    for _ in range(3):
        fake.enqueue(long_answer)
    wb = bench(fake)
    for question in ("first question about cursors", "and a second about auth", "and a third one"):
        wb.ask(question)
    third = [m["content"] for m in fake.calls[2]["messages"]]  # type: ignore[union-attr]
    assert "and a second about auth" in third and "first question about cursors" not in third
    assert fake.count_tokens(fake.render(fake.calls[2]["messages"])) <= 1400 - 400  # type: ignore[arg-type]


def test_saved_chats_and_exports_never_hold_configuration_secrets(tmp_path: Path) -> None:
    config = tmp_path / "configuration.json"
    config.write_text(json.dumps({"base_url": "http://127.0.0.1:8000", "api_token": "tok-1234",
                                  "client_secret": "s3cr3t-value", "page_size": "100",
                                  "signing_key": "AKIAABCDEFGHIJKLMNOP", "api_key": "<YOUR_API_KEY>"}))
    wb = bench(FakeGenerator())
    wb.remember_secrets(config)
    assert wb.chat.secrets == {"tok-1234", "s3cr3t-value", "AKIAABCDEFGHIJKLMNOP"}
    wb.chat.add("user", "token tok-1234 with secret s3cr3t-value at http://127.0.0.1:8000, 100 per page")
    wb.chat.add("assistant", "Send AKIAABCDEFGHIJKLMNOP as a header [1].", [{"n": 1, "source": "a.py:1-2",
                                                                        "kind": "example"}])
    saved = wb.save().read_text()
    exported = wb.chat.export(tmp_path / "chat.md").read_text()
    for text in (saved, exported):
        assert "tok-1234" not in text and "s3cr3t-value" not in text and "AKIAABCDEFGHIJKLMNOP" not in text
        assert "http://127.0.0.1:8000, 100 per page" in text  # what is not secret stays readable
    assert exported.startswith(f"# csdk-assistant chat {wb.chat.id}\n\n## Q: token **** with secret ****")
    assert "- [1] a.py:1-2 (example)" in exported


def test_resume_loads_the_newest_chat_or_one_by_id(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="there is no saved chat to resume"):
        history.load()
    older, newer = history.ChatSession.new(), history.ChatSession.new()
    older.id, newer.id = "20260101-000000-aaaaaa", "20260102-000000-bbbbbb"
    older.add("user", "old question")
    older.save()
    newer.add("user", "new question")
    path = newer.save()
    path.touch()
    assert history.load().id == newer.id
    assert history.load("20260101").turns[0].text == "old question"
    with pytest.raises(UsageError, match="no saved chat 'nope'"):
        history.load("nope")
    result = run("chat", "--list")
    assert result.stdout.splitlines() == ["20260101-000000-aaaaaa    1 question(s)  project -                old question",
                                          "20260102-000000-bbbbbb    1 question(s)  project -                new question"]


def test_a_damaged_chat_file_is_a_clear_error(tmp_path: Path) -> None:
    session = history.ChatSession.new()
    session.save().write_text("{not json")
    with pytest.raises(UsageError, match="not a readable chat file"):
        history.load()


def test_fix_and_generate_proposals_write_nothing_until_applied(repo: Path, tmp_path: Path) -> None:
    ingest(repo)
    wb = bench(FakeGenerator())
    wb.open_project(tmp_path / "new")
    proposal = wb.propose_generate("Items API at http://127.0.0.1:1, bearer auth. GET /bearer/link/items returns a "
                                   "list; the next page URL is in the Link header (rel=next). Primary key sku.")
    assert proposal.project == (tmp_path / "new").resolve() and proposal.replaces == []
    assert not (tmp_path / "new").exists()
    report, view = wb.apply_generate(proposal)
    assert sorted(view.files) == ["README.md", "configuration.json", "connector.py", "requirements.txt"]
    assert proposal.draft is not None and proposal.draft.picks and not [f for f in view.findings
                                                                        if f.severity == "error"]
    assert report.startswith("## 1. Requirements analysis")


def test_generate_in_the_chat_probes_with_the_configuration_it_remembers(repo: Path, tmp_path: Path) -> None:
    from apiserver import TOKEN, Api

    ingest(repo)
    wb = bench(FakeGenerator().enqueue(json.dumps({"tables": []})))  # asked once, while the key is open
    project = tmp_path / "items"
    request = ("Items API, bearer auth (config keys base_url and api_token). GET /bearer/link/items returns the items; "
               "the next page is in the Link header.")
    with Api() as api:
        config = tmp_path / "secret.json"
        config.write_text(json.dumps({"base_url": api.url, "api_token": TOKEN}))
        wb.open_project(project)
        assert wb.propose_generate(request).draft.checked == []  # nothing remembered: not probed
        wb.chat.configs[str(project.resolve())] = str(config)
        draft = wb.propose_generate(request).draft
    assert draft is not None and draft.checked[0].startswith("items: 57 records on the first page; settled primary "
                                                             "key sku")
    assert draft.spec.tables[0].primary_key == ["sku"]


@pytest.mark.parametrize("question, follow_up", [
    ("and how often should I do it?", True), ("What about deletes?", True), ("why does that fail?", True),
    ("What does op.upsert take as arguments?", False), ("How do I handle rate limits?", False),
    ("http basic auth", False), ("cursor based pagination", False)])
def test_only_follow_up_questions_get_the_earlier_turns(question: str, follow_up: bool) -> None:
    from assistant.answer.followup import is_follow_up

    assert is_follow_up(question) is follow_up


def test_an_unrelated_question_is_answered_without_memory(repo: Path) -> None:
    ingest(repo)
    fake = FakeGenerator().enqueue("Checkpoint with op.checkpoint [1].").enqueue("Back off on 429 [1].")
    wb = bench(fake)
    wb.ask("How do I checkpoint state?")
    wb.ask("How do I handle rate limits?")
    assert [m["role"] for m in fake.calls[1]["messages"]] == ["system", "user"]  # type: ignore[union-attr]


def test_a_stopped_answer_is_saved_as_stopped_and_never_used_as_memory(repo: Path) -> None:
    ingest(repo)
    fake = FakeGenerator().enqueue("Half an ", "answer").enqueue("Full answer [1].")
    wb = bench(fake)
    wb.ask("How do I checkpoint state?", should_stop=lambda: True)
    wb.ask("and how often?")
    assert [m["role"] for m in fake.calls[1]["messages"]] == ["system", "user"]  # type: ignore[union-attr]
    saved = json.loads(wb.chat.file.read_text())["turns"]
    assert [(t["role"], t["stopped"]) for t in saved] == [("user", False), ("assistant", True), ("user", False),
                                                          ("assistant", False)]


def test_a_resumed_chat_still_masks_its_configuration_secrets(tmp_path: Path) -> None:
    config = tmp_path / "cfg.json"
    config.write_text(json.dumps({"base_url": "http://127.0.0.1:9", "api_token": "tok-98765"}))
    project = tmp_path / "proj"
    wb = bench(FakeGenerator())
    wb.chat.configs[str(project)] = str(config)
    wb.save()
    again = Workbench(services_with(FakeGenerator())(load()), chat=history.load())
    assert again.configs[project] == config  # /validate and /fix use the same file after --resume
    again.chat.add("user", "is tok-98765 right? my password: hunter2hunter and api_key=abcdefgh")
    saved = again.save().read_text()
    assert "tok-98765" not in saved and "hunter2hunter" not in saved and "abcdefgh" not in saved
    assert "my password: ****" in saved and "api_key=****" in saved


def test_memory_is_off_by_default_for_the_built_in_small_model(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.llm import catalog

    ingest(repo)
    fake = FakeGenerator().enqueue("A [1].").enqueue("B [1].").enqueue("C [1].")
    fake.name = catalog.DEFAULT_MODEL
    wb = bench(fake)
    wb.ask("How do I checkpoint state?")
    wb.ask("and how often?")
    assert [m["role"] for m in fake.calls[1]["messages"]] == ["system", "user"]  # type: ignore[union-attr]
    monkeypatch.setenv("ASSISTANT_CHAT_MEMORY", "on")
    wb.services.cfg = load()
    wb.ask("and how often?")
    assert [m["role"] for m in fake.calls[2]["messages"]][:3] == ["system", "user", "assistant"]  # type: ignore[union-attr]


def test_a_configuration_with_non_string_values_is_refused_before_running(tmp_path: Path) -> None:
    project = tmp_path / "proj"
    project.mkdir()
    (project / "connector.py").write_text("connector = None\n")
    (project / "configuration.json").write_text('{"base_url": "http://x", "page_size": 100, "debug": true}')
    wb = bench(FakeGenerator())
    wb.open_project(project)
    with pytest.raises(UsageError) as caught:
        wb.config_preview()
    assert caught.value.one_line() == (f"bad input: {project / 'configuration.json'}: the SDK passes configuration "
                                       'values as strings; quote page_size, debug (write "100", not 100; "true", '
                                       "not true)")


@pytest.mark.parametrize("typed, kept", [
    ("Is test-token-123 a valid bearer token? I log in as alice / s3cret-pass",
     "Is **** a valid bearer token? I log in as alice / ****"),
    ("my key is AKIAIOSFODNN7EXAMPLE", "my key is ****"),
    ("use op.checkpoint(state) every 1000 rows; see fivetran_connector_sdk_v2_examples_long",
     "use op.checkpoint(state) every 1000 rows; see fivetran_connector_sdk_v2_examples_long"),
    ("GET https://api.example.com/v2/token-123/items", "GET https://api.example.com/v2/token-123/items")])
def test_words_that_look_like_credentials_are_masked_even_unnamed(typed: str, kept: str) -> None:
    assert mask(typed, set()) == kept


def test_the_method_a_question_names_comes_before_another_methods_entry() -> None:
    from assistant.answer.passages import retrieve
    from index.retrieve import Hit

    def hit(i: str, kind: str) -> Hit:
        return Hit(0, i, 1.0, i, {"kind": kind})

    class Stub:
        def __init__(self, first_kind: str) -> None:
            self.first_kind = first_kind

        def sdk_entries(self, names: list[str]) -> list[Hit]:
            return [hit("Operations.delete", "sdk_api")] if names == ["Operations.delete"] else []

        def search(self, question: str, k: int) -> list[Hit]:
            return [hit("first", self.first_kind), hit("second", "example")]

    ids = [h.id for h in retrieve(Stub("sdk_api"), "How do I mark a row as deleted with op.delete?", 4,  # type: ignore[arg-type]
                                  ("Operations.delete",))]
    assert ids == ["Operations.delete", "first", "second"]  # not behind Operations.truncate
    ids = [h.id for h in retrieve(Stub("example"), "How do I mark a row as deleted with op.delete?", 4,  # type: ignore[arg-type]
                                  ("Operations.delete",))]
    assert ids == ["first", "Operations.delete", "second"]  # an example first, then the API
