"""Document types are guessed from front matter and structure, shown as a guess, correctable."""

from __future__ import annotations

import pytest

from bot.library.cleaning import clean
from bot.library.ingest import ingest
from bot.library.metadata import CatalogueError, canonical_type, guess_type, load_catalogue
from bot.library.store import open_db

BODY = (
    "Serious and organised crime costs the country billions of pounds each year. Regional units "
    "bring together specialist capabilities that individual forces cannot sustain alone.\n\n"
)

FRONT = {
    "inquiry-report": (
        "The Southport Bridge Inquiry\n\nReport of the Chair, Sir Alan Fenwick\n\n"
        "Presented to Parliament pursuant to section 26 of the Inquiries Act 2005\n"
        "Ordered by the House of Commons to be printed 4 March 2025\n\nHC 412\n\n"
    ),
    "committee-report": (
        "House of Commons\nHome Affairs Committee\n\nPolicing for the future\n\n"
        "Tenth Report of Session 2017–19\n\nReport, together with formal minutes\n\n"
        "Ordered by the House of Commons to be printed 16 October 2018\n\nHC 515\n\n"
    ),
    "inspection-report": (
        "HMICFRS\n\nAn inspection of the effectiveness of the Regional Organised Crime Units\n\n"
        "July 2019\n\nThis inspection examined how well the units tackle organised crime.\n\n"
    ),
    "government-response": (
        "The Government Response to the Justice Committee's Report on Court Capacity\n\n"
        "Presented to Parliament by the Lord Chancellor by Command of His Majesty\n\n"
        "March 2024\n\nCP 1021\n\n"
    ),
    "hansard": (
        "Regional Organised Crime Units\n\nVolume 702: debated on Tuesday 7 November 2023\n\n"
        "Mr Speaker: Order. I call the Minister.\n\n"
    ),
    "letter": (
        "Our ref: HA/2023/114\n\nDear Chair,\n\nThank you for your letter of 3 May about "
        "regional organised crime units.\n\n"
    ),
    "speech": (
        "Home Secretary's speech to the Police Superintendents' Association\n\n"
        "Delivered on 12 September 2023 (transcript of the speech, exactly as it was "
        "delivered)\n\nCheck against delivery\n\n"
    ),
    "news": (
        "PRESS RELEASE\n\nNew funding for regional organised crime units\n\n"
        "For immediate release: 2 February 2024\n\n"
    ),
    "blog": "The Police Chiefs' Blog\n\nWorking together against organised crime\n\n",
    "other": (
        "Code of Practice on the Exercise of Powers of Stop and Search\n\n"
        "Laid before Parliament 11 January 2017\n\n"
    ),
}


@pytest.mark.parametrize("kind", sorted(FRONT))
def test_each_kind_is_guessed_from_its_front_matter(kind):
    raw = FRONT[kind] + BODY * 3
    assert guess_type(clean(raw), "doc.txt", raw) == kind


def test_transcript_is_guessed_from_its_turns():
    turns = "".join(
        f"MR {name}: Thank you, my Lady. The next point concerns the regional units.\n\n"
        for name in ("JACOBS", "KEITH", "JACOBS", "KEITH", "JACOBS", "KEITH")
    )
    raw = "Day 12 hearing, 13 December 2023\n\n" + turns
    assert guess_type(clean(raw), "hearing.txt", raw) == "transcript"


def test_printing_order_in_a_report_does_not_make_it_hansard():
    # Every committee and inquiry report says it was ordered printed by the House of Commons.
    raw = (
        "Review of forensic science provision\n\nA report by Dr Jane Okafor\n\n"
        "Ordered by the House of Commons to be printed 9 May 2022\n\n" + BODY * 3
    )
    assert guess_type(clean(raw), "review.txt", raw) != "hansard"


def test_a_phrase_deep_in_the_text_does_not_decide_the_type():
    raw = BODY * 40 + "The minister told the House of Commons that hansard records it.\n\n"
    assert guess_type(clean(raw), "notes.txt", raw) == "other"


def test_legacy_type_names_still_load(tmp_path):
    (tmp_path / "catalogue.toml").write_text(
        '[documents."a.txt"]\ntype = "report"\n[documents."b.txt"]\ntype = "document"\n'
    )
    entries = load_catalogue(tmp_path)
    assert entries["a.txt"]["type"] == "other" and entries["b.txt"]["type"] == "other"
    assert canonical_type("Committee Report") == "committee-report"


def test_an_unknown_type_is_refused_with_the_choices(tmp_path):
    (tmp_path / "catalogue.toml").write_text('[documents."a.txt"]\ntype = "memo"\n')
    with pytest.raises(CatalogueError, match="government-response"):
        load_catalogue(tmp_path)


def test_the_type_is_recorded_as_a_guess_and_the_catalogue_corrects_it(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "response.txt").write_text(FRONT["government-response"] + BODY * 3)
    db = open_db(tmp_path / "store.db")
    report = ingest(db, [folder])
    doc_id = report.added[0]
    assert "type" in report.guessed[doc_id]
    assert db["documents"].get(doc_id)["type"] == "government-response"
    (folder / "catalogue.toml").write_text('[documents."response.txt"]\ntype = "letter"\n')
    ingest(db, [folder])
    assert db["documents"].get(doc_id)["type"] == "letter"


def test_a_plain_text_hearing_is_a_transcript_whatever_its_front_matter_says():
    # An inquiry hearing saved as text: its first page names the inquiry and its chair (the
    # front-matter tell-tale of an inquiry report), its structure is turn-taking.
    front = "The Harbour Bridge Inquiry\n\nHearing report, Day 4, chaired by Sir Alan Fenwick\n\n"
    turns = "".join(
        f"{name}: Thank you. The next point concerns the regional units and their budgets.\n\n"
        for name in ("Lady Fenwick", "Ms Carey", "Dr Jonathan Price", "Ms Carey") * 4
    )
    raw = front + turns
    assert guess_type(clean(raw), "day-4.txt", raw) == "transcript"


def test_labelled_paragraphs_are_not_speaker_turns():
    raw = FRONT["inspection-report"] + "".join(
        f"Recommendation: The force should review item {n}.\n\nNote: see annex {n}.\n\n"
        for n in range(10)
    )
    assert guess_type(clean(raw), "report.txt", raw) == "inspection-report"
