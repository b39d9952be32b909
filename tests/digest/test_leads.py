"""Leads and the passage of the day skip front matter, contents pages and glossaries.

Every text in this file was written for these tests by the author (no sentence is taken from a
real or evaluation document); they imitate the shapes of UK government front matter only."""

from __future__ import annotations

import datetime as dt

from bot.digest import content as dg

FRIDAY = dt.date(2020, 3, 20)

FRONT_MATTER = (
    "Neighbourhood Patrols Review\n\n"
    "© Crown copyright 2031 This publication is licensed under the terms of the Open Government "
    "Licence v3.0 except where otherwise stated.\n"
    "To view this licence, visit nationalarchives.gov.uk/doc/open-government-licence/version/3 "
    "or write to the Information Policy Team.\n"
    "Where we have identified any third party copyright information you will need to obtain "
    "permission from the copyright holders concerned.\n"
    "Presented to Parliament by the Secretary of State for the Home Department by Command of "
    "His Majesty.\n"
    "Contents\n"
    "1 Why foot patrols changed ..................... 4\n"
    "2 What the forces told us . . . . . . . . . . . 9.\n"
    "Foot patrols in market towns fell by a third over the five years the review looked at.\n"
)


def test_a_document_opening_with_copyright_and_licence_gets_a_real_lead():
    lead = dg.first_substantial_sentence(FRONT_MATTER, "Neighbourhood Patrols Review")
    assert lead == (
        "Foot patrols in market towns fell by a third over the five years the review looked at."
    )


def test_contents_lines_are_skipped():
    text = (
        "3 Changes in the way custody records are kept ........ 12.\n"
        "4 Costs of the new system and who pays for them . . . . 17.\n"
        "Custody officers now record every detainee's welfare checks on a shared tablet.\n"
    )
    assert dg.first_substantial_sentence(text).startswith("Custody officers now record")
    assert dg.is_boilerplate("4 Costs of the new system and who pays for them . . . . 17.")
    assert not dg.is_boilerplate("Custody officers now record every welfare check on a tablet.")


def test_only_boilerplate_gives_no_lead():
    text = (
        "© Crown copyright 2031\nThis publication is licensed under the Open Government Licence.\n"
    )
    assert dg.first_substantial_sentence(text) == ""


GLOSSARY = (
    "ANPR: automatic number plate recognition, cameras that read vehicle plates.\n"
    "CHIS: covert human intelligence source, a person tasked to gather information.\n"
    "OCG: organised crime group, three or more people acting together for gain.\n"
    "SOCPA - the act of 2005 that created the serious organised crime agency.\n"
)
ACRONYMS = (
    "ACRO Criminal Records Office NCA National Crime Agency NPCC National Police Chiefs Council "
    "ROCU Regional Organised Crime Unit HMICFRS His Majesty's Inspectorate of Constabulary."
)
PROSE = (
    "Summary\n"
    "The unit seized more cash in the second half of the year than in the whole of the year "
    "before. Officers put the rise down to a new team that follows the money from street dealing "
    "back to the people who organise it. The team will stay in place for two more years."
)


def test_glossaries_are_not_highlights():
    assert dg.glossary_like(GLOSSARY) and dg.highlight(GLOSSARY) == ""
    assert dg.glossary_like(ACRONYMS) and dg.highlight(ACRONYMS) == ""
    entry = (
        "Rural Crime Partnership A group of farmers, councils and the force that meets each "
        "quarter to agree where patrols go and which thefts to look into first."
    )
    assert dg.highlight(entry) == ""
    assert not dg.glossary_like(PROSE)
    got = dg.highlight(PROSE)
    assert got.startswith("The unit seized") and got.endswith("two more years.")
    assert got in PROSE  # quoted exactly, whole sentences


def _add(db, doc_id, title, passages, added):
    """A document whose passages are exactly ``passages``, separated by blank lines."""
    spans, pos = [], 0
    for text in passages:
        spans.append((pos, pos + len(text), text))
        pos += len(text) + 2
    db["documents"].insert(
        {
            "id": doc_id,
            "file": f"{doc_id}.txt",
            "path": f"/tmp/{doc_id}.txt",
            "content_hash": doc_id,
            "title": title,
            "type": "report",
            "date": "2020-03-01",
            "added_at": added,
            "updated_at": added,
            "rest": "\n\n" * (len(passages) - 1),
        }
    )
    for n, (start, end, text) in enumerate(spans):
        db["passages"].insert(
            {"doc_id": doc_id, "ordinal": n, "text": text, "start": start, "end": end}
        )


def test_passage_of_the_day_is_a_prose_highlight_from_a_new_document(empty_db):
    db = empty_db
    old = "2019-01-01T00:00:00+00:00"
    _add(db, "old-report", "Old report", [PROSE.replace("unit", "old unit")], old)
    _add(
        db, "new-report", "New report", [GLOSSARY, FRONT_MATTER, PROSE], "2020-03-19T12:00:00+00:00"
    )
    now = dt.datetime(2020, 3, 20, 8, 0, tzinfo=dt.UTC)
    digest = dg.build_digest(db, FRIDAY, "C1", now=now)
    assert [d.id for d in digest.new_documents] == ["new-report"]
    assert digest.new_documents[0].description.startswith("Foot patrols in market towns")
    passage = digest.passage
    assert passage.doc_id == "new-report" and passage.passage_id != "new-report#0"
    assert passage.text.startswith(("The unit seized", "Foot patrols in market towns"))
    assert "©" not in passage.text and "Summary" not in passage.text
    # with nothing new, the rotation still draws on the whole library, never the glossary
    later = dg.passage_of_the_day(db, "C2", FRIDAY)
    assert later is not None and not dg.glossary_like(later.text)


def _digest_with(new_documents):
    moment = dt.datetime(2020, 3, 20, 8, 0, tzinfo=dt.UTC)
    return dg.Digest(
        channel="C1",
        date=FRIDAY,
        since=moment,
        until=moment,
        scheduled_at=moment,
        new_documents=new_documents,
    )


def _doc(n, kind):
    return dg.NewDocument(
        id=f"doc-{n}", title=f"Paper {n}", type=kind, date=f"2020-03-{n:02d}", description=""
    )


def test_new_documents_are_grouped_by_type_and_many_are_counted():
    from bot.render.digest import digest_blocks, digest_text

    few = _digest_with([_doc(3, "report"), _doc(2, "transcript"), _doc(1, "report")])
    text = digest_text(few)
    assert text.index("Report (2)") < text.index("Paper 3") < text.index("Paper 1")
    assert text.index("Paper 1") < text.index("Transcript (1)") < text.index("Paper 2")
    assert "By type" not in text

    kinds = ["report"] * 7 + ["transcript"] * 4 + ["impact assessment"]
    many = _digest_with([_doc(n, k) for n, k in enumerate(kinds, start=1)][::-1])
    text = digest_text(many)
    assert "New in the library (12)" in text
    assert "report 7 · transcript 4 · impact assessment 1" in text
    assert "… and 4 more" in text
    listed = [n for n in range(1, 13) if f"Paper {n} " in text]
    assert listed == list(range(5, 13))  # the eight newest
    payload = str(digest_blocks(many))
    assert "report 7 · transcript 4" in payload and "… and 4 more:" in payload
    assert "/rocu docs" in payload and "/rocu docs" in text  # where the rest are, in Slack too


def test_a_type_is_shown_as_words():
    """Types written for this test: hyphens and underscores read as spaces, headings capitalised."""
    from bot.render.digest import digest_blocks, digest_text

    docs = [_doc(1, "government-response"), _doc(2, "inquiry_report"), _doc(3, "select-committee")]
    for shown in (digest_text(_digest_with(docs)), str(digest_blocks(_digest_with(docs)))):
        assert "Government response (1)" in shown and "Inquiry report (1)" in shown
        assert "Select committee (1)" in shown
        assert "-response" not in shown and "_report" not in shown
    many = _digest_with([_doc(n, "government-response") for n in range(1, 11)])
    assert "government response 10" in digest_text(many)


def test_a_cover_line_run_into_the_first_sentence_is_left_out():
    text = (
        "Home Affairs Committee Report on Rural Policing In Short The committee heard from "
        "forty forces about how they police villages and farms.\n"
    )
    lead = dg.first_substantial_sentence(text, "Rural policing")
    assert lead == "The committee heard from forty forces about how they police villages and farms."
    prose = "In the last year the force answered more calls from farms than ever before."
    assert dg.first_substantial_sentence(prose) == prose


def test_a_sentence_cut_by_a_page_break_is_not_the_lead():
    """Text written for this test: the text starts in the middle of a sentence."""
    text = (
        "carried over from the page before, where the harbour patrol plan was first set out.\n\n"
        "The harbour unit patrols the docks every night with two boats and a dog team.\n"
    )
    lead = dg.first_substantial_sentence(text)
    assert lead == "The harbour unit patrols the docks every night with two boats and a dog team."
