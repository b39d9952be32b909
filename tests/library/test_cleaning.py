"""Cleaning: page furniture never becomes searchable text; headings and speakers survive."""

from __future__ import annotations

import pytest

from bot.library.cleaning import clean, is_furniture
from bot.library.documents import document_passages, document_text

# Furniture lines seen on the seed pages (the list); none may survive in any passage.
SEED_FURNITURE = [
    "Skip to main content",
    "We need your support to keep TheyWorkForYou running",
    "Donate to our crowdfunder",
    "Alert me about debates like this",
    "Photo of",
    "Next >>>",
    "Further information",
    "Image: Thomas Nugent",
    "Please ask for",
    "Telephone Number",
    "wmpcc@west-midlands",
    # the blog's list of other posts
    "One year on from the start of the first lockdown",
    "Drones and the police",
    "Data Protection Day",
    "How we can stop female genital mutilations",
]


def all_passages(db):
    return [p for doc in db["documents"].rows for p in document_passages(db, doc["id"])]


@pytest.mark.parametrize("line", SEED_FURNITURE)
def test_no_seed_furniture_survives_in_any_passage(db, line):
    hits = [p["text"] for p in all_passages(db) if line.lower() in p["text"].lower()]
    assert hits == []


def test_titles_and_headings_are_kept(db):
    texts = {row["id"]: document_text(db, row["id"]) for row in db["documents"].rows}
    assert texts["pac-soc-2019"].startswith(
        "Better co-ordination to tackle causes of serious and organised crime needed"
    )
    assert "Conclusions and Recommendations" in texts["pac-soc-2019"]
    assert texts["rocu-questions-2017"].startswith("Regional Organised Crime Units")
    assert texts["nca-police-blog-2013"].startswith("Fighting serious organised crime")


def test_speaker_line_becomes_attribution_not_text(db):
    passages = document_passages(db, "crime-courts-bill-2013")
    spoken = [p for p in passages if p["speaker"] == "Jeremy Browne"]
    assert len(spoken) >= 5
    assert spoken[0]["text"].startswith("I strongly support the basic instincts")
    assert not any("The Minister of State, Home Department 11:00 am" in p["text"] for p in passages)


GENERIC_PAGE = """Skip to content

Home
About us
News
Contact

Cutting county lines: a new approach

Posted by Jane Smith

Published 3 March 2021

Share this page

County lines gangs exploit children to move drugs between cities and towns. This matters.

Photo credit: A Photographer

Read more

Back to top

Copyright © 2021 Some Police Force
Email: press@example.police.uk
Tel: 01234 567890
www.example.police.uk
"""


def test_generic_rules_strip_furniture_of_a_page_not_in_the_seeds():
    doc = clean(GENERIC_PAGE)
    assert "Cutting county lines: a new approach" in doc.text
    assert "County lines gangs exploit children" in doc.text
    for furniture in [
        "Skip to content",
        "About us",
        "Share this page",
        "Photo credit",
        "Read more",
        "Back to top",
        "Copyright",
        "press@example",
        "01234",
        "www.example",
    ]:
        assert furniture not in doc.text, furniture


def test_bulleted_lists_are_content_not_navigation():
    doc = clean("The 4P model:\n- Pursue\n- Prevent\n- Protect\n- Prepare\n")
    assert "- Pursue\n- Prevent\n- Protect\n- Prepare" in doc.text


def test_transcript_speaker_turns_and_time_marks():
    raw = (
        "12 December 2023\n\n*(1.45 pm)*\n\n**Lady Hallett**: Good afternoon.\n\n"
        "A second paragraph of hers.\n\n**Ms Dobbin**: Thank you, my Lady.\n"
    )
    doc = clean(raw)
    assert "1.45 pm" not in doc.text and "**" not in doc.text
    speakers = [(doc.text[p.start : p.end], p.speaker) for p in doc.paragraphs]
    assert speakers == [
        ("12 December 2023", None),
        ("Good afternoon.", "Lady Hallett"),
        ("A second paragraph of hers.", "Lady Hallett"),
        ("Thank you, my Lady.", "Ms Dobbin"),
    ]


@pytest.mark.parametrize(
    "line, furniture",
    [
        ("Next >>>", True),
        ("« Previous post", True),
        ("Telephone Number: 0121 626 6060", True),
        ("someone@example.org", True),
        ("Image: Thomas Nugent via geograph", True),
        ("The NCA is getting on with the job.", False),
        ("Further information about funding is set out in annex A of the report.", False),
        (
            "Telephone surveillance is governed by the 2016 Act, which the Committee examined.",
            False,
        ),
    ],
)
def test_is_furniture(line, furniture):
    assert is_furniture(line) is furniture


def test_clean_offsets_are_exact():
    doc = clean(GENERIC_PAGE)
    for para in doc.paragraphs:
        chunk = doc.text[para.start : para.end]
        assert chunk == chunk.strip() and chunk


# Written for this test (invented review and hearing): a bold label with no colon is a label,
# not a speaker; a bold name closed by a colon, inside or after the bold, is a speaker.
BOLD_LABELS = (
    "**Westbury Review of Custody Lighting**\n\n"
    "**L1.** The custody manager should replace the cell lights by March.\n\n"
    "**L2.** The estates team should test the lights each week.\n"
)
BOLD_TURNS = (
    "**Ms Penrose**: Can you see the plan on the screen?\n\n**Inspector Vale:** I can, yes.\n"
)


def test_a_bold_label_without_a_colon_stays_in_the_text():
    doc = clean(BOLD_LABELS)
    assert not any(p.speaker for p in doc.paragraphs)
    assert "L1. The custody manager should replace" in doc.text


def test_a_bold_name_closed_by_a_colon_is_a_speaker():
    doc = clean(BOLD_TURNS)
    assert [p.speaker for p in doc.paragraphs] == ["Ms Penrose", "Inspector Vale"]


def test_bold_labels_were_speakers_with_the_rule_off():
    doc = clean(BOLD_LABELS, off={"bold-speaker-colon", "label-not-speaker"})
    assert {"L1.", "L2."} <= {p.speaker for p in doc.paragraphs}
