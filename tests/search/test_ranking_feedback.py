"""Ranking: feedback from the best passages (the words they share lift a candidate that holds
them too), and a run of words the expanders know as one thing is one unit for proximity."""

from __future__ import annotations

import pytest
from stores import ingest_notes

from bot.library.ingest import ingest
from bot.search import ranking as search_mod
from bot.search.ranking import search

# Three passages that say "hives" twice, all about bees; two that say it once, one about bees
# and one about a rash.
BEES = [
    "Hives for bees: the hives hold the colony, the queen, brood frames, nectar and pollen.",
    "Inspect the hives weekly; strong hives show a laying queen, capped brood and stored nectar.",
    "Moving hives at night keeps the colony calm; the hives need their brood and queen inside.",
]
ABOUT_BEES = "The old hives kept their colony through winter with the queen, brood and nectar left."
ABOUT_RASH = "Hives are an itchy skin rash after allergic reactions."


@pytest.fixture
def hives(empty_db, tmp_path):
    report = ingest_notes(empty_db, tmp_path / "docs", [*BEES, ABOUT_BEES, ABOUT_RASH])
    assert not report.failed
    return empty_db


def scores(db, query: str) -> dict[str, float]:
    return {r.excerpt: r.score for r in search(db, query, limit=10).results}


def test_feedback_lifts_a_passage_that_shares_the_best_passages_words(hives, monkeypatch):
    monkeypatch.setitem(search_mod.WEIGHTS, "feedback", 0.0)
    without = scores(hives, "hives")
    monkeypatch.setitem(search_mod.WEIGHTS, "feedback", 0.4)
    with_feedback = scores(hives, "hives")
    lead = with_feedback[ABOUT_BEES] - with_feedback[ABOUT_RASH]
    assert lead > without[ABOUT_BEES] - without[ABOUT_RASH] + 0.02
    assert set(sorted(with_feedback, key=with_feedback.get)[-3:]) == set(BEES)  # best stay best


def test_feedback_never_adds_results_or_changes_what_matched(hives, monkeypatch):
    shown = search(hives, "hives colony", limit=10)
    monkeypatch.setitem(search_mod.WEIGHTS, "feedback", 0.0)
    plain = search(hives, "hives colony", limit=10)
    assert {r.passage_id for r in shown.results} == {r.passage_id for r in plain.results}
    assert shown.total == plain.total and shown.notes == plain.notes


def test_a_known_run_is_one_unit_for_proximity(empty_db, tmp_path, monkeypatch):
    def expander(db, text):
        return ["NCA"] if text.lower() == "national crime agency" else []

    monkeypatch.setattr(search_mod, "QUERY_EXPANDERS", [expander])
    monkeypatch.setitem(search_mod.WEIGHTS, "feedback", 0.0)
    texts = {
        "name.txt": "The National Crime Agency, the National Crime Agency, the National Crime "
        "Agency.",
        "answer.txt": "The National Crime Agency is accountable to the Home Secretary for its "
        "work.",
        "other.txt": "Forces are accountable to their police and crime commissioners.",
    }
    fillers = ["The weather in March", "Trains ran late", "Prices of bread rose", "Rain fell"]
    for i, text in enumerate(fillers):
        texts[f"filler-{i}.txt"] = f"{text}, said the report on page {i}."
    for name, text in texts.items():
        (tmp_path / name).write_text(text + "\n")
    ingest(empty_db, [tmp_path / name for name in texts])
    results = search(empty_db, "who is the national crime agency accountable to?").results
    # the passage holding every part of the question leads; the one that only repeats the name
    # is not "close together" for that: the name's words are always side by side
    assert results[0].file == "answer.txt"
