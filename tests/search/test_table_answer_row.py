"""A question about one row of a table marks that row as the answer, not the header row that
names the columns ("what is the limit for zetaquil?" marks "Zetaquil | 75 µg/L", though the
header "Substance | Limit in blood" also holds "limit").

The tables and sentences were written for these tests: made-up substances and figures, from no
library document or evaluation set.
"""

from __future__ import annotations

import pytest

from bot.library.ingest import ingest
from bot.search import excerpts
from bot.search.excerpts import best_sentence
from bot.search.ranking import search

ROWS = [("Ombrelite", "8 µg/L"), ("Pyxomine", "65 µg/L"), ("Quandrel", "2 µg/L")]
ROWS += [("Rhovastin", "150 µg/L"), ("Zetaquil", "75 µg/L")]
TABLE = "Substance | Limit in blood\n" + "\n".join(f"{n} | {v}" for n, v in ROWS)


def _spans(text: str, *words: str) -> list[tuple[int, int, int]]:
    out = []
    for group, word in enumerate(words):
        start = text.find(word)
        if start >= 0:
            out.append((start, start + len(word), group))
    return sorted(out)


def _line(text: str, span: tuple[int, int]) -> str:
    return text[span[0] : span[1]]


def test_the_row_holding_a_match_is_the_answer_not_the_header():
    spans = _spans(TABLE, "Limit", "blood", "Zetaquil")
    assert _line(TABLE, best_sentence(TABLE, spans)) == "Zetaquil | 75 µg/L"


def test_the_header_is_the_answer_when_no_row_holds_a_match():
    spans = _spans(TABLE, "Limit", "blood")
    assert _line(TABLE, best_sentence(TABLE, spans)) == "Substance | Limit in blood"


def test_prose_is_unchanged_its_first_sentence_can_be_the_answer():
    text = "The limit in blood was set low. Zetaquil came up later in a different debate."
    spans = _spans(text, "limit", "blood", "Zetaquil")
    assert _line(text, best_sentence(text, spans)) == "The limit in blood was set low."


def test_the_switch_off_lets_the_header_compete(monkeypatch):
    monkeypatch.setattr(excerpts, "HEADER_NOT_ANSWER", False)
    spans = _spans(TABLE, "Limit", "blood", "Zetaquil")
    assert _line(TABLE, best_sentence(TABLE, spans)) == "Substance | Limit in blood"


@pytest.mark.parametrize("question", ["what is the limit in blood for zetaquil?"])
def test_a_question_marks_the_row_in_the_result(empty_db, tmp_path, question):
    folder = tmp_path / "docs"
    folder.mkdir()
    prose = (
        "The schedule lists the substances a roadside test may look for, with the level in a "
        "sample above which the offence is made out. Each level was agreed by the advisers. "
    )
    rows = "\n\n".join(f"{n} | {v}" for n, v in ROWS)
    (folder / "order.txt").write_text(
        f"Draft order\n\n{prose * 2}\n\nSubstance | Limit in blood\n\n{rows}\n\n{prose * 2}\n"
    )
    assert not ingest(empty_db, [folder]).failed
    response = search(empty_db, question)
    table = next(r for r in response.results if "Zetaquil" in r.excerpt)
    assert table.answer is not None
    assert table.excerpt[table.answer[0] : table.answer[1]] == "Zetaquil | 75 µg/L"


def test_a_list_of_terms_has_no_header_its_first_line_can_be_the_answer():
    terms = (
        "QRT | Quick Response Team of the county force\n"
        "RLU | Regional Liaison Unit for the north\n"
        "WSG | Witness Support Group run by volunteers"
    )
    spans = _spans(terms, "Quick Response", "county", "Liaison")
    assert _line(terms, best_sentence(terms, spans)).startswith("QRT | Quick Response Team")


def test_labels_and_values_have_no_header_row():
    card = (
        "Kind of unit | Regional\n"
        "Officers on strength | 140\n"
        "Area covered | Four counties\n"
        "Year set up | 2011"
    )
    spans = _spans(card, "Kind of unit", "Regional", "counties")
    assert _line(card, best_sentence(card, spans)) == "Kind of unit | Regional"


def test_descriptions_that_mention_a_year_are_no_column_of_figures():
    drills = (
        "Exercise Heron | A drill in the spring of 2011 testing river flood warnings\n"
        "Exercise Kestrel | A drill run in 2014 on moving patients between hospitals\n"
        "Exercise Plover | A 2019 drill of the coastal evacuation plan with volunteers"
    )
    spans = _spans(drills, "Exercise Heron", "river", "hospitals")
    assert _line(drills, best_sentence(drills, spans)).startswith("Exercise Heron")
