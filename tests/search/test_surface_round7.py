"""Documents and queries in capitals, and without punctuation (issue 21, round 7). The queries
and texts here were written for these tests by the author of the change; none comes from a test
collection or a real document (the seed library's passages are the project's own seeds)."""

from __future__ import annotations

import pytest

from bot.search import query as query_mod
from bot.search.query import parse_query
from bot.search.ranking import search


@pytest.mark.parametrize(
    ("query", "shouted"),
    [
        ("THE 40 FASTEST TRAINS OF 1963", True),  # numbers have no case: not a reason to stop
        ("WING FLUTTER OF THE X-15 AT HIGH SPEED", True),
        ("HMIC ROCU 2019", False),  # acronyms and a number: still no English word among them
        ("WHO FUNDS 2019", False),  # two words and a number: still too few to call shouting
        ("FLOOD 2007 REVIEW", False),  # two lettered words: too few
    ],
)
def test_numbers_neither_make_nor_break_a_query_typed_in_capitals(query, shouted):
    parsed = parse_query(query)
    assert parsed.shouted is shouted
    lettered = [w for t in parsed.terms + parsed.question for w in t.words if not w.isdigit()]
    assert lettered
    assert all(w.islower() for w in lettered) is shouted


def test_the_switch_restores_the_rule_before(monkeypatch):
    monkeypatch.setattr(query_mod, "SHOUTED_NUMBERS", False)
    assert not parse_query("THE 40 FASTEST TRAINS OF 1963").shouted


def test_a_typo_in_a_shouted_query_with_a_number_is_corrected(db):
    # AGNCY is five capitals: were the query read as acronyms (the number kept it so before),
    # it would never be re-spelt.
    shouted = search(db, "NATINAL CRIME AGNCY 2023")
    plain = search(db, "natinal crime agncy 2023")
    assert plain.corrected and "agency" in plain.corrected
    assert shouted.corrected and shouted.corrected.lower() == plain.corrected
    assert [r.passage_id for r in shouted.results] == [r.passage_id for r in plain.results]


# Notes written for this test: a few paragraphs on everyday topics, some sharing words.
NOTES = [
    "The ferry to the island leaves the harbour at nine in the morning. In winter the crossing "
    "is often cancelled when the wind rises, and the island's school then closes for the day.",
    "Harbour dues were raised this year to pay for dredging the channel. The fishermen say the "
    "new dues fall hardest on the small boats that land their catch every morning.",
    "A survey of seabirds on the island counted puffins, razorbills and guillemots on the "
    "western cliffs. Numbers of puffins were lower than in the survey ten years before.",
    "The school on the island has eleven pupils. A teacher crosses on the ferry each Monday and "
    "stays until Friday, lodging with a family near the harbour.",
    "Dredging the channel stirs up silt that settles on the mussel beds. The growers asked for "
    "the work to be done in winter, when the mussels grow least.",
    "The lifeboat was launched twice in March: once to a yacht with a fouled propeller off the "
    "western cliffs, once to a walker cut off by the tide below the harbour wall.",
]
QUERIES = [
    "ferry crossing in winter",
    "puffins on the western cliffs",
    "dredging the channel",
    "harbour dues for small fishing boats",
    "who teaches at the island school?",
]


def _ranked(db, query):
    return [
        (r.doc_id, r.passage_id, round(r.score, 9)) for r in search(db, query, limit=10).results
    ]


def test_a_library_in_capitals_ranks_as_the_same_library_in_mixed_case(tmp_path, monkeypatch):
    from stores import ingest_notes

    from bot.library.store import open_db

    monkeypatch.setenv("ROCU_MEANING", "off")
    mixed, shouted = open_db(tmp_path / "mixed.db"), open_db(tmp_path / "upper.db")
    try:
        ingest_notes(mixed, tmp_path / "mixed", NOTES)
        ingest_notes(shouted, tmp_path / "upper", [n.upper() for n in NOTES])
        for query in QUERIES:
            typed_as = _ranked(mixed, query)
            assert typed_as, query
            # the same passages in the same order with the same scores, whether the library is
            # in capitals or not, and whether the query is
            assert _ranked(shouted, query) == typed_as, query
            assert _ranked(shouted, query.upper()) == typed_as, query
    finally:
        mixed.close()
        shouted.close()
