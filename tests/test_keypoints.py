"""The source sentences an answer quotes after the model's text: chosen by the question's words,
cited, never a line of code, never what the answer already says, never an SDK name the SDK lacks."""

from __future__ import annotations

from fakes import FakeGenerator
from test_claims import FACTS, SURFACE, hit

from assistant.answer import keypoints
from assistant.answer.asker import Asker

DELETES = ("Deleting rows marks them: the row stays and `_fivetran_deleted` is set to TRUE. "
           "Nothing is physically removed.\nTo delete by a partial key:\n- find the full keys first.")
CODE = ("def sync(rows):\n    # delete rows that vanished from the source\n    op.delete(table='t', keys=k)\n"
        "    for row in rows:\n        pass")


def test_sentences_split_prose_join_lead_ins_and_keep_only_the_words_of_code() -> None:
    assert keypoints.sentences(DELETES) == [
        "Deleting rows marks them: the row stays and `_fivetran_deleted` is set to TRUE.",
        "Nothing is physically removed.", "To delete by a partial key: find the full keys first."]
    assert keypoints.sentences(CODE, "python") == ["delete rows that vanished from the source"]
    assert keypoints.sentences("Filter them out, e.g. `WHERE NOT x`. Then query the rest.") == [
        "Filter them out, e.g. `WHERE NOT x`.", "Then query the rest."]


def test_select_covers_the_question_words_cites_and_skips_what_is_said() -> None:
    passages = [(1, "Unrelated text about logging levels and more words.", "markdown"), (2, DELETES, "markdown"),
                (3, CODE, "python")]
    points = keypoints.select("what happens to deleted rows? are they physically removed?", passages)
    assert [p.n for p in points] == [2, 2, 3, 2][: len(points)] and points[0].text.startswith("Deleting rows")
    assert "Nothing is physically removed. [2]" in keypoints.render(points)
    assert all("logging" not in p.text for p in points)
    said = keypoints.select("are deleted rows physically removed?", passages, already="Nothing is physically removed.")
    assert "Nothing is physically removed." not in [p.text for p in said]
    assert keypoints.select("zebra?", passages) == [] and keypoints.render([]) == ""
    many = [(n, f"Checkpoint rule number {n} says checkpoint often and again. " * 4, "markdown") for n in range(1, 9)]
    chosen = keypoints.select("how often checkpoint?", many)
    assert len(chosen) <= keypoints.MAX_POINTS and sum(len(p.text) for p in chosen) <= keypoints.MAX_CHARS


def test_an_answer_ends_with_cited_quotes_held_to_the_installed_sdk() -> None:
    fake = FakeGenerator().enqueue("Deleted rows are kept and flagged [1].")
    passage = hit(1, DELETES + "\nOld docs: deleted rows are removed with op.purge(table) on request.", "doc",
                  "docs/deletes.md")
    answer = Asker(fake, FACTS, surface=SURFACE).answer("are deleted rows physically removed?", [passage])
    assert answer.text.startswith("Deleted rows are kept and flagged [1].\n\nFrom the sources:\n- ")
    assert "- Nothing is physically removed. [1]" in answer.text and "op.purge" not in answer.text
    assert answer.as_json()["points"][0]["n"] == 1 and answer.cited == [1]


def test_a_model_stuck_in_a_loop_is_cut_and_prompt_copies_are_stopped() -> None:
    from assistant.answer import guard, prompts

    loop = "Checkpoint after each page [1]. The state must be a valid JSON object [2]. " * 3
    fake = FakeGenerator().enqueue(*[w + " " for w in loop.split(" ")])
    passages = [hit(1, "Checkpoint state after each page."), hit(2, "State is a JSON object.")]
    answer = Asker(fake, FACTS, surface=SURFACE).answer("how often do I checkpoint state?", passages)
    assert keypoints.without(answer.text) == ("Checkpoint after each page [1]. "
                                              "The state must be a valid JSON object [2].")
    assert fake.calls[0]["stop"] == prompts.ECHO_STOPS and "\nSource [" in prompts.ECHO_STOPS
    assert guard.loop_start("Yes. Yes. It works fine today. It differs.") == -1
