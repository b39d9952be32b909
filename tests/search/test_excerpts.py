"""Excerpts: exact slices of 200-350 characters, cut at sentence or word boundaries."""

from __future__ import annotations

import re

from bot.search.excerpts import ELLIPSIS, MAX_CHARS, best_cluster, make_excerpt

SENTENCES = [
    "The committee heard evidence from chief constables across the regions.",
    "Funding for the units was agreed on an annual basis, which made planning hard.",
    "Witnesses described covert surveillance operations against organised crime groups.",
    "The Home Office said it would review the arrangements before the spending review.",
    "Several forces reported that they shared analysts and specialist officers.",
    "In the north west the unit had grown rapidly since it was set up in 2013.",
    "Members asked how performance was measured and who was accountable for it.",
    "The minister replied that a new framework would be published next year.",
]
PASSAGE = " ".join(SENTENCES)


def spans_of(text, *words):
    out = []
    for group, word in enumerate(words):
        out += [(m.start(), m.end(), group) for m in re.finditer(re.escape(word), text)]
    return out


def quoted(excerpt):
    """The slice between the ellipses."""
    text = excerpt.text
    if text.startswith(ELLIPSIS + " "):
        text = text[2:]
    if text.endswith(" " + ELLIPSIS):
        text = text[:-2]
    return text


def test_short_passage_is_shown_whole():
    text = "County lines is a growing problem. It exploits vulnerable people."
    excerpt = make_excerpt(text, spans_of(text, "County lines"))
    assert excerpt.text == text
    assert excerpt.highlights == [(0, 12)]


def test_long_passage_window_is_an_exact_slice_at_sentence_boundaries():
    excerpt = make_excerpt(PASSAGE, spans_of(PASSAGE, "covert surveillance"))
    body = quoted(excerpt)
    assert body == PASSAGE[excerpt.start : excerpt.end]
    assert 200 <= len(body) <= MAX_CHARS
    assert "covert surveillance" in body
    # starts and ends on whole sentences
    assert any(body.startswith(s) for s in SENTENCES)
    assert any(body.endswith(s) for s in SENTENCES)
    assert excerpt.text.startswith(ELLIPSIS) and excerpt.text.endswith(ELLIPSIS)


def test_highlights_point_at_the_matched_words_within_the_excerpt():
    excerpt = make_excerpt(PASSAGE, spans_of(PASSAGE, "surveillance", "organised"))
    marked = [excerpt.text[s:e] for s, e in excerpt.highlights]
    assert marked == ["surveillance", "organised"]


def test_no_ellipsis_where_the_passage_is_not_cut():
    excerpt = make_excerpt(PASSAGE, spans_of(PASSAGE, "committee heard"))
    assert not excerpt.text.startswith(ELLIPSIS)
    assert excerpt.text.endswith(ELLIPSIS)


def test_one_long_sentence_is_cut_at_word_boundaries():
    words = [f"word{i}" for i in range(150)]
    words[100] = "needle"
    text = " ".join(words)
    excerpt = make_excerpt(text, spans_of(text, "needle"))
    body = quoted(excerpt)
    assert "needle" in body and len(body) <= MAX_CHARS and len(body) >= 200
    start, end = excerpt.start, excerpt.end
    assert text[start - 1] == " " and (end == len(text) or text[end] == " ")
    assert excerpt.text[slice(*excerpt.highlights[0])] == "needle"


def test_excerpt_never_stitches_two_places():
    # matches at both ends of a long passage: one slice around one of them, not both glued
    excerpt = make_excerpt(PASSAGE, spans_of(PASSAGE, "committee heard", "new framework"))
    assert quoted(excerpt) in PASSAGE


def test_best_cluster_prefers_more_different_terms():
    text = "alpha " + "x " * 300 + "alpha beta gamma"
    spans = spans_of(text, "alpha", "beta", "gamma")
    start, end = best_cluster(sorted(spans))
    assert text[start:end] == "alpha beta gamma"


def test_passage_without_matches_starts_at_the_beginning():
    excerpt = make_excerpt(PASSAGE, [])
    assert PASSAGE.startswith(quoted(excerpt))


def test_excerpt_centres_on_and_marks_the_sentence_with_the_most_of_the_query():
    # "units" is in many sentences; the one that also holds the rare "published" wins.
    text = " ".join(
        [*SENTENCES, "The units were told the review of the units would be published in May."]
    )
    spans = spans_of(text, "unit", "published")
    weights = {(s, e): (1.0 if g == 0 else 3.0) for s, e, g in spans}
    excerpt = make_excerpt(text, spans, weights=weights)
    start, end = excerpt.answer
    assert excerpt.text[start:end] == (
        "The units were told the review of the units would be published in May."
    )
    # Without weights, the sentence with the most different words still wins over the first.
    plain = make_excerpt(PASSAGE, spans_of(PASSAGE, "unit", "annual"))
    assert plain.text[plain.answer[0] : plain.answer[1]] == SENTENCES[1]


def test_no_answer_is_marked_without_a_match():
    assert make_excerpt(PASSAGE, []).answer is None
