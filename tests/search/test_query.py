"""The search query language: words, phrases, exclusions, filters; never an error."""

from __future__ import annotations

import re

import pytest

from bot.search.query import parse_date, parse_query


def texts(terms):
    return [(t.text, t.phrase) for t in terms]


def test_free_words_are_separate_terms():
    parsed = parse_query("county  lines")
    assert texts(parsed.terms) == [("county", False), ("lines", False)]
    assert not parsed.excluded and not parsed.filters.any()


def test_quoted_phrase_is_one_term():
    parsed = parse_query('funding "spending review" model')
    assert texts(parsed.terms) == [("funding", False), ("spending review", True), ("model", False)]


def test_curly_and_unterminated_quotes():
    assert texts(parse_query("“spending review”").terms) == [("spending review", True)]
    assert texts(parse_query('"spending review').terms) == [("spending review", True)]


def test_exclusions_of_words_and_phrases():
    parsed = parse_query('crime -drugs -"county lines"')
    assert texts(parsed.terms) == [("crime", False)]
    assert texts(parsed.excluded) == [("drugs", False), ("county lines", True)]


def test_hyphenated_word_is_a_phrase_not_an_exclusion():
    parsed = parse_query("co-ordination")
    assert texts(parsed.terms) == [("co ordination", True)]
    assert not parsed.excluded


def test_every_filter():
    parsed = parse_query(
        'type:hansard doc:pac-soc-2019 from:2017 before:2019-10 speaker:"Jeremy Browne" crime'
    )
    f = parsed.filters
    assert (f.type, f.doc, f.date_from, f.date_before, f.speaker) == (
        "hansard",
        "pac-soc-2019",
        "2017",
        "2019-10",
        "Jeremy Browne",
    )
    assert texts(parsed.terms) == [("crime", False)]


def test_filter_keys_ignore_case():
    assert parse_query("TYPE:blog").filters.type == "blog"


def test_unknown_filter_becomes_words():
    parsed = parse_query("colour:red crime")
    assert texts(parsed.terms) == [("colour", False), ("red", False), ("crime", False)]
    assert not parsed.filters.any()


def test_bad_date_becomes_words_with_a_note():
    parsed = parse_query("before:lockdown decisions")
    assert parsed.filters.date_before is None
    assert [t.text for t in parsed.terms] == ["before", "lockdown", "decisions"]
    assert parsed.notes and "before:" in parsed.notes[0]


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2017", "2017"),
        ("2019-10", "2019-10"),
        ("2019-1", "2019-01"),
        ("2019/10/31", "2019-10-31"),
        ("2019-13", None),
        ("2019-10-32", None),
        ("19", None),
        ("soon", None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_spans_point_at_the_typed_words_and_rewrite_keeps_the_rest():
    text = 'natinal "crime agncy" type:blog'
    parsed = parse_query(text)
    for term in parsed.terms:
        for word, (start, end) in zip(term.words, term.spans, strict=True):
            assert text[start:end] == word
    fixes = {parsed.terms[0].spans[0]: "national", parsed.terms[1].spans[1]: "agency"}
    assert parsed.rewrite(fixes) == 'national "crime agency" type:blog'


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        '"',
        '""',
        "-",
        "--",
        ":",
        "type:",
        "doc:",
        'speaker:"',
        "NEAR(a b, 3) OR x* AND NOT y ^z",
        "'; DROP TABLE passages; --",
        "<!channel> <@U123> *bold*",
        "\x00\x01 \u202e",
        "a" * 5000,
        "word " * 1000,
    ],
)
def test_anything_parses(text):
    parsed = parse_query(text)
    assert len(parsed.terms) <= len(re.findall(r"\w+", text))  # no term without a word
    for term in parsed.terms + parsed.excluded:
        assert term.words and all(w.strip() for w in term.words)


@pytest.mark.parametrize(
    "text, terms, frame",
    [
        ("how are ROCUs funded?", ["ROCUs", "funded"], ["how", "are"]),
        (
            "what did the PAC recommend about prevent?",
            ["PAC", "recommend", "about", "prevent"],
            ["what", "did", "the"],
        ),
        ("what is county lines", ["county", "lines"], ["what", "is"]),
        ("when was the NCA launched", ["NCA", "launched"], ["when", "was", "the"]),
        (
            "how many officers has Derbyshire lost",
            ["officers", "has", "Derbyshire", "lost"],
            ["how", "many"],
        ),
        ("who pays for regional units", ["pays", "for", "regional", "units"], ["who"]),
        ("the review which was delayed?", ["review", "was", "delayed"], ["the", "which"]),
    ],
)
def test_question_frame_is_set_aside(text, terms, frame):
    parsed = parse_query(text)
    assert [t.text for t in parsed.terms] == terms
    assert [t.text for t in parsed.question] == frame


@pytest.mark.parametrize(
    "text",
    ["May 2019 report", "WHO guidance", "Will Quince article", '"what is" this?', "how", "who is"],
)
def test_not_a_question_frame_or_nothing_left_keeps_every_word(text):
    parsed = parse_query(text)
    assert not parsed.question
    assert parsed.terms


def test_a_long_query_is_kept_whole():
    text = " ".join(f"word{i}" for i in range(600))
    assert [t.text for t in parse_query(text).terms] == text.split()


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Feisal's speech", ["Feisal", "speech"]),
        ("the PCC’s plan", ["the", "PCC", "plan"]),
        ("the ROCUs' budget", ["the", "ROCUs", "budget"]),
        ("don't", ["don t"]),  # a contraction stays as FTS5 indexes it
    ],
)
def test_a_possessive_is_searched_as_its_word(text, words):
    assert [t.text for t in parse_query(text).terms] == words


def test_a_quoted_phrase_keeps_its_possessive():
    assert parse_query('"the king\'s men"').terms[0].words == ["the", "king's", "men"]
