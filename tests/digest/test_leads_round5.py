"""Digest leads and passages of the day, round 5: each kind of front matter found leading a real
document's digest entry, with a text written for the test.

Every text in this file was written for these tests by the author (invented committees, bodies,
places and figures); none is taken from a real or evaluation document. They imitate only the
shapes of front matter: a committee's standing description and membership, a briefing's
disclaimer, an inquiry's description of itself, a key to notation, a form's labels, footnote
numbers, a glossary table."""

from __future__ import annotations

from bot.digest import content as dg
from bot.digest.quoting import tidy_quote
from bot.library import ingest

REAL = "Ferry crossings at night rose by a fifth after the harbour lights were replaced in spring."


def test_a_committees_standing_description_and_membership_are_not_leads():
    text = (
        "Harbour Affairs Committee\n\n"
        "Harbour Affairs Committee The Harbour Affairs Committee is appointed by the House of "
        "Commons to examine the spending and policy of the harbour boards. Current membership "
        "Ann Lee MP (Independent, Westport) (Chair)\n\n"
        "Bo Carr MP (Independent, Eastport)\n\n"
        "Cy Dunn MP (Independent, Northport) [ex-officio] Powers The powers of the committee are "
        "written in the standing rules of the House. These are available on the internet too.\n\n"
        "Publication Committee reports are published on the committee's own pages online.\n\n"
        "Committee staff The staff of the committee are a clerk and two assistants.\n\n"
        "Contacts All letters should be addressed to the clerk of the committee in Westport.\n\n"
        "Summary\n\n" + REAL + "\n"
    )
    assert dg.first_substantial_sentence(text, "Night ferries") == REAL


def test_a_disclaimer_section_is_skipped_until_the_next_heading():
    text = (
        "Night Ferries Briefing\n\nDisclaimer\n\n"
        "The Harbour Library does not mean the information in its briefings to address any "
        "particular person's own circumstances or to be advice.\n\n"
        "It should not be relied on as a full statement of the law of the harbour.\n\n"
        "Summary\n\n" + REAL + "\n"
    )
    assert dg.first_substantial_sentence(text) == REAL


def test_a_body_describing_itself_taints_the_rest_of_its_paragraph():
    text = (
        "Set up last spring, the Harbour Lights Inquiry is an independent public inquiry into "
        "why the lights failed. It works under terms set by the harbour minister at the time.\n\n"
        + REAL
        + "\n"
    )
    assert dg.first_substantial_sentence(text) == REAL


def test_a_key_to_the_documents_notation_is_not_a_lead():
    symbol = (
        "# A count following this symbol gives how many skippers signed the harbour "
        "petition, counting the one who started it.\n\n" + REAL + "\n"
    )
    assert dg.first_substantial_sentence(symbol) == REAL
    references = (
        "References in the notes are as follows:\n\nQ refers to a question asked at a hearing;"
        "\n\nHB 1 refers to written evidence from the harbour boards listed at the end.\n\n"
        + REAL
        + "\n"
    )
    assert dg.first_substantial_sentence(references) == REAL


def test_a_forms_label_ending_in_a_bracket_is_not_a_sentence():
    text = "Cost of the Preferred Option for Night Ferries (in 2031 prices, 2032 value)\n\n" + REAL
    assert dg.first_substantial_sentence(text) == REAL
    # a sentence whose bracket holds its own full stop is one
    aside = "The crossings fell by half in the winter months that year. (See the harbour log.)"
    assert (
        dg.first_substantial_sentence(aside)
        == "The crossings fell by half in the winter months that year."
    )
    whole = "(The harbour board replaced every lamp on the quay in the spring of that year.)"
    assert dg.first_substantial_sentence(whole) == whole


def test_footnote_numbers_and_symbol_bullets_are_tidied_in_a_lead():
    text = "This note replaces the harbour board's earlier note on night crossings and lights2.\n"
    assert dg.first_substantial_sentence(text) == (
        "This note replaces the harbour board's earlier note on night crossings and lights."
    )
    assert tidy_quote("the moveable buoys1 is the subject\uf06e Crews log it daily.3 Then") == (
        "the moveable buoys is the subject• Crews log it daily. Then"
    )
    # numbers that are not footnotes stay: a code, a section, a sum, a year
    kept = "Route A12 closed under Art.8 and s.5 in 2031 at a cost of £4.5m (para 2.91)."
    assert tidy_quote(kept) == kept


def test_a_sentence_cut_at_a_lists_first_number_is_not_a_lead():
    text = (
        "The logs attached give crossing counts for the following periods and harbours: 1.\n\n"
        + REAL
    )
    assert dg.first_substantial_sentence(text) == REAL


def test_a_cover_line_is_not_cut_from_a_sentence_whose_subject_has_a_comma():
    sentence = (
        "The Chair of the Harbour Board, The Hon Ann Lee, decided to split the review into "
        "three parts, one for each harbour."
    )
    assert dg.first_substantial_sentence(sentence) == sentence


def test_a_sentence_printed_in_another_documents_opening_is_stock_front_matter(empty_db, tmp_path):
    stock = "Every harbour board report is laid before the harbour council within a month of its"
    stock += " signing by the chair."
    for name, own in (("west.txt", REAL), ("east.txt", "East harbour lost two lamps in May.")):
        (tmp_path / name).write_text(f"Harbour Board Report\n\n{stock}\n\n{own}\n")
    ingest.ingest(empty_db, [tmp_path / "west.txt", tmp_path / "east.txt"])
    doc_id = next(r["id"] for r in empty_db["documents"].rows if r["file"].endswith("west.txt"))
    text = (tmp_path / "west.txt").read_text()
    lead = dg.first_substantial_sentence(text, elsewhere=dg.printed_elsewhere(empty_db, doc_id))
    assert lead == REAL
    # alone in the library, the same sentence is what the document says first
    assert dg.first_substantial_sentence(text) == stock


def test_a_glossary_table_row_or_entry_is_never_the_passage_of_the_day():
    row = (
        "Lead harbour | The harbour that coordinates the night crossings of the other harbours "
        "and keeps their logs for a year after each crossing."
    )
    assert dg.highlight(row) == ""
    entry = (
        "Tide table The printed times of high and low water for each harbour, issued every "
        "month. In the context of night crossings, the table that skippers must check first."
    )
    assert dg.highlight(entry) == ""
    tail = (
        "is optional, a few harbours may never light them. Optional lamps on their own will not "
        "keep the harbour safe through the winter months, the board said."
    )
    assert dg.highlight(tail).startswith("Optional lamps on their own")


def test_who_sat_or_attended_is_not_a_lead():
    text = (
        "HARBOUR BOARD MINUTES 3 May 2031 Present:\n\nA. Lee (Chair) B. Carr C. Dunn\n\n"
        "The Harbour Master and the Keeper of the Lights were in attendance.\n\n"
        "The current staff of the Harbour Lights Committee are a clerk (Ann Roe) and a "
        "keeper.\n\n" + REAL + "\n"
    )
    assert dg.first_substantial_sentence(text) == REAL


def test_a_paragraph_number_run_into_a_quote_is_left_out():
    # a numbered paragraph's number read into the text before or after a sentence (round 11)
    passage = (
        "The harbour board compared the two timetables over a whole winter of crossings.4 17. "
        "The board also asked the ferry crews how late the night boats ran in fog. 18."
    )
    quoted = tidy_quote(dg.highlight(passage))
    assert quoted == (
        "The harbour board compared the two timetables over a whole winter of crossings. "
        "The board also asked the ferry crews how late the night boats ran in fog."
    )
    assert tidy_quote("17. The board asked the crews about fog.") == (
        "The board asked the crews about fog."
    )
    # a number that belongs to the sentence stays
    for kept in ("The lights were changed under paragraph 17.", "Night crossings rose by 17."):
        assert tidy_quote(kept) == kept
    assert tidy_quote("The crews logged it. 18.") == "The crews logged it."
