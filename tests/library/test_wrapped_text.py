"""Hard-wrapped plain text (issue 21): a paragraph broken into lines is prose, not a menu.

Every text here was written for these tests by the author (no sentence comes from a test
collection, a gold file or a real document): a short report paragraph about volunteer
cataloguing, wrapped at 72 characters in three forms (mixed case; ALL CAPITALS; lower case with no
punctuation), a site menu, a list of other posts, a short e-mail. Each form was refused whole at
ingest before (every wrapped line was read as a menu entry).
"""

from __future__ import annotations

import re
import textwrap

import pytest

from bot.library import formats, wrapped
from bot.library.cleaning import RULE_NAMES, clean
from bot.library.ingest import ingest_file
from bot.library.passages import split_passages
from bot.library.text import sentence_spans
from bot.search.ranking import search

PARAGRAPH = (
    "The committee examined how small county libraries catalogue donated pamphlets and whether "
    "volunteers, working without training in classification, produce records that readers can "
    "search with the same success as those made by professional staff. Records were sampled in "
    "twelve branches over three years, and each was checked against the shelf by two librarians "
    "working apart. Volunteer records held fewer subject headings but were no less accurate in "
    "their authors and dates; readers found what they sought in four searches of five, whoever "
    "had made the record. The report recommends short training sessions and a shared list of "
    "preferred headings for the whole county."
)
TITLE = "Volunteer cataloguing of donated pamphlets in small county libraries"

SITE_MENU = """Home
About the partnership
Our priorities
News and events
Publications and reports
Contact us"""

OTHER_POSTS = """Neighbourhood teams trial a new way of reporting antisocial behaviour
Chief officers agree a joint plan for rural crime partnerships
Annual conference: what we learned about cyber resilience
Volunteer cadets celebrate ten years of community service
Five questions for the new head of economic crime
Custody suites to get upgraded recording equipment next spring"""

ALL_OFF = set(RULE_NAMES)


def bare(text: str) -> str:
    """Lower case, every character but a letter a space: no punctuation at all."""
    return " ".join(re.sub(r"[^a-z]+", " ", text.lower()).split())


FORMS = {
    "mixed case": (TITLE, PARAGRAPH),
    "capitals": (TITLE.upper(), PARAGRAPH.upper()),
    "lower case, no punctuation": (bare(TITLE), bare(PARAGRAPH)),
}


def wrapped_document(title: str, body: str, width: int = 72) -> str:
    return title + "\n\n" + textwrap.fill(body, width) + "\n"


@pytest.mark.parametrize("form", FORMS)
def test_a_wrapped_paragraph_is_kept_joined_and_searchable(empty_db, tmp_path, form):
    title, body = FORMS[form]
    path = tmp_path / "report.txt"
    path.write_text(wrapped_document(title, body))
    stored = ingest_file(empty_db, path)
    texts = [r["text"] for r in empty_db["passages"].rows_where("doc_id = ?", [stored.doc_id])]
    assert " ".join(" ".join(texts).split()) == " ".join(f"{title} {body}".split())
    assert all("\n" not in text for text in texts)  # each wrapped line joined to the next
    hits = search(empty_db, "preferred headings shelf librarians").results
    assert hits and hits[0].doc_id == stored.doc_id


@pytest.mark.parametrize("form", FORMS)
def test_switching_the_rules_off_gives_the_old_behaviour(form):
    title, body = FORMS[form]
    raw = wrapped_document(title, body)
    removed: list[tuple[str, str]] = []
    old = clean(raw, removed, off=ALL_OFF)
    assert old.text == title  # the wrapped paragraph was taken for a menu
    assert sum(step == "navigation block" for step, _ in removed) == raw.count("\n") - 2
    assert body.split()[-1] in clean(raw).text


def test_the_switch_is_read_from_the_environment(monkeypatch, tmp_path, empty_db):
    path = tmp_path / "abstract.txt"
    path.write_text(textwrap.fill(PARAGRAPH, 72) + "\n")
    monkeypatch.setenv("ROCU_CLEANING_RULES_OFF", ",".join(ALL_OFF))
    with pytest.raises(formats.UnreadableFile):
        ingest_file(empty_db, path)
    monkeypatch.delenv("ROCU_CLEANING_RULES_OFF")
    assert ingest_file(empty_db, path).outcome == "added"


@pytest.mark.parametrize("case", [str, str.upper, bare])
def test_a_menu_and_a_list_of_other_posts_are_still_dropped(case):
    menu, posts = ("\n".join(map(case, block.split("\n"))) for block in (SITE_MENU, OTHER_POSTS))
    body = textwrap.fill(PARAGRAPH, 72)
    removed: list[tuple[str, str]] = []
    doc = clean("\n\n".join([menu, body, posts]), removed)
    dropped = [line for step, line in removed if step == "navigation block"]
    assert dropped == (menu + "\n" + posts).split("\n")
    assert doc.text == " ".join(body.split("\n"))


def test_a_one_line_document_is_searchable(empty_db, tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("optimal weights for linear filter networks with minimal delay\n")
    stored = ingest_file(empty_db, path)
    hits = search(empty_db, "linear networks").results
    assert hits and hits[0].doc_id == stored.doc_id


def test_a_one_line_document_is_not_penalised_as_a_heading(empty_db, tmp_path):
    # a one-line document is a heading alone (its own passage); for a question too it still
    # ranks by its words, above a longer text that holds them apart
    (tmp_path / "one.txt").write_text("optimal weights for linear filter networks\n")
    longer = textwrap.fill(
        "the networks studied here are linear and each filter is tuned for minimal delay; the "
        "weights follow from a least squares argument, and the optimal ones are in the appendix",
        72,
    )
    (tmp_path / "two.txt").write_text("Design notes\n\n" + longer + "\n")
    one = ingest_file(empty_db, tmp_path / "one.txt").doc_id
    ingest_file(empty_db, tmp_path / "two.txt")
    for query in (
        "optimal weights linear networks",
        "what are optimal weights for linear networks?",
    ):
        assert search(empty_db, query).results[0].doc_id == one


def test_a_word_cut_at_a_line_end_is_found_whole(empty_db, tmp_path):
    path = tmp_path / "cut.txt"
    path.write_text(
        "The volunteers recorded every pamphlet with its author, its date and its infor-\n"
        "mation about the donor, so that readers could trace where each one had come from.\n"
    )
    (tmp_path / "other.txt").write_text("A note on the donor of the county's map collection.\n")
    stored = ingest_file(empty_db, path)
    ingest_file(empty_db, tmp_path / "other.txt")
    text = " ".join(
        r["text"] for r in empty_db["passages"].rows_where("doc_id = ?", [stored.doc_id])
    )
    assert "its information about the donor" in text
    assert search(empty_db, "information donor").results[0].doc_id == stored.doc_id


def test_a_document_of_a_few_short_unpunctuated_lines_is_not_emptied(empty_db, tmp_path):
    # too narrow to be read as a wrap: it would all go as navigation, and so it all stays
    path = tmp_path / "short.txt"
    path.write_text("stress in thin plates\nunder uniform load\nwith clamped edges\n")
    stored = ingest_file(empty_db, path)
    assert search(empty_db, "clamped plates").results[0].doc_id == stored.doc_id
    assert clean(path.read_text(), off={"only-navigation"}).text == ""  # as it was


def test_hyphen_at_a_line_end_joins_without_a_space():
    lines = ["the boundary-", "layer thickness was measured along the plate surface with a pitot"]
    assert wrapped.join(lines).startswith("the boundary-layer thickness")  # a compound
    assert wrapped.join(["a study of infor-", "mation retrieval in small libraries"]) == (
        "a study of information retrieval in small libraries"  # a word cut by hyphenation
    )
    assert (
        wrapped.join(["the well-", "known survey of readers"]) == "the well-known survey of readers"
    )
    assert wrapped.join(["a first line that ends in", "the middle of a sentence"]) == (
        "a first line that ends in the middle of a sentence"
    )


def test_sentences_read_across_the_line_breaks():
    doc = clean(textwrap.fill(PARAGRAPH, 60))
    sentences = [doc.text[s:e] for s, e in sentence_spans(doc.text)]
    assert sentences[0].startswith("The committee examined")
    assert sentences[0].endswith("professional staff.")
    assert len(sentences) == PARAGRAPH.count(". ") + 1


def test_a_wrapped_e_mail_comes_out_as_paragraphs(empty_db, tmp_path):
    mail = "\n\n".join(
        [
            "Dear Sam,",
            textwrap.fill(
                "Thank you for the notes from Tuesday's meeting about the pamphlet project. I "
                "have shared them with the branch managers, who would like to see the list of "
                "preferred headings before it goes to the volunteers in the new year.",
                70,
            ),
            textwrap.fill(
                "Could you also send the figures for the twelve branches, with the number of "
                "records each one checked, so that we can compare them at the next meeting of "
                "the working group?",
                70,
            ),
            "Best wishes,\nAlex",
        ]
    )
    doc = clean(mail)
    paragraphs = [doc.text[p.start : p.end] for p in doc.paragraphs]
    assert paragraphs[0] == "Dear Sam,"
    assert paragraphs[1].startswith("Thank you") and paragraphs[1].endswith("new year.")
    assert "\n" not in paragraphs[1] and "\n" not in paragraphs[2]
    assert paragraphs[-1] == "Best wishes,\nAlex"  # a sign-off is no wrap
    assert len(split_passages(doc)) >= 2


def test_a_title_wrapped_over_two_lines_is_one_title(empty_db, tmp_path):
    path = tmp_path / "paper.txt"
    title = "experimental study of the flow past a thin wing placed in the wake of a"
    path.write_text(title + "\npropeller at low speed\n\n" + textwrap.fill(bare(PARAGRAPH), 72))
    stored = ingest_file(empty_db, path)
    row = empty_db["documents"].get(stored.doc_id)
    assert row["title"] == title + " propeller at low speed"
