"""Document typing as evidence and a resolver (round 21, helper types22).

Every text here was written for these tests: invented bodies, places and people (a canal trust,
a ferry company, a harbour authority, a water board), in no publisher's words. Each test checks
one rule and that switching it off gives the earlier reading.
"""

from __future__ import annotations

from bot.library.cleaning import clean
from bot.library.metadata import explain_type, guess_type, type_rules_off
from bot.library.speakers import looks_like_speaker
from bot.recs.extract import extract
from bot.recs.extract.rules import rules_off

# --- rule "speaker-people" (typing) and "label-not-speaker" (cleaning) ----------------------

# A ferry company's reply to a harbour master's report, each answer under bold run-in labels.
FERRY_REPLY = """\
# Kelby Ferry Company

## Response to the Harbour Master's letter on night crossings

The company thanks the Harbour Master for the letter. It asked three things of us; for each we
set out what was asked and our decision.

### 1. Lighting on the slipway

**What the letter asked of us:** light the slipway from dusk until the last crossing.

**Our decision:** Accepted. New lamps were fitted in May.

### 2. A second deckhand

**What the letter asked of us:** crew every night crossing with two deckhands.

**Our decision:** Not accepted. One deckhand and the master are enough for a vessel of this size.

### 3. Timetable at the gate

**What the letter asked of us:** post the night timetable at the harbour gate.

**Our decision:** Accepted in part. It is posted online; a board at the gate will follow.
"""


def test_run_in_labels_are_no_speakers_and_stay_in_the_text():
    doc = clean(FERRY_REPLY)
    assert not any(p.speaker for p in doc.paragraphs)
    assert "Our decision: Accepted. New lamps" in doc.text.replace("**", "")
    before = clean(FERRY_REPLY, off={"label-not-speaker"})
    assert {p.speaker for p in before.paragraphs} >= {"Our decision"}
    assert "Our decision" not in before.text  # the label was dropped as a speaker's name


def test_a_reply_with_run_in_labels_is_no_transcript():
    # the labels read as speakers (the cleaner's rule off) still make no turn-taking
    doc = clean(FERRY_REPLY, off={"label-not-speaker"})
    assert guess_type(doc, "reply.md", FERRY_REPLY) != "transcript"
    with type_rules_off("speaker-people", "answers-verdicts"):
        assert guess_type(doc, "reply.md", FERRY_REPLY) == "transcript"


# A hearing of an invented canal inquiry: people and roles take turns, with and without bold.
HEARING = """\
**The Chair:** Good morning. We resume with the lock keeper's evidence.

**Ms Orla Venn:** Thank you, Chair. I kept the Tarn lock for nine years.

**The Chair:** Were the gates checked after the collision?

**Ms Orla Venn:** They were checked the next morning, not that night.

**Mr Idris Cole:** May I ask who made that decision?

**Ms Orla Venn:** The duty manager made it.
"""


def test_people_and_roles_still_take_turns():
    assert guess_type(clean(HEARING), "hearing.md", HEARING) == "transcript"
    for name in ("The Chair", "Ms Orla Venn", "Lady Tarn", "Witness B", "Fiona Kerr"):
        assert looks_like_speaker(name), name
    for label in ("Our decision", "Recipient", "Response", "Delivered on", "In summary, we"):
        assert not looks_like_speaker(label), label


# --- rule "party-turns" ------------------------------------------------------------------------

# An invented debate of a regional assembly's committee: its masthead names a committee, its
# speakers are attributed with their party above each speech.
DEBATE = """\
Regional Assembly
Rivers and Canals Committee
Tuesday 3 March 2026

Canal Safety: Funding
Question for short debate

Asked by Lord Penrose of Tarn

Lord Penrose of Tarn (Con)
My Lords, the canal trusts have carried the cost of lock repairs alone for a decade and the
Government should share it. They should also publish how the grant is divided.

Baroness Ilsley (Lab)
My Lords, I agree with the noble Lord. The trusts ought to be told their grant a year ahead.

Lord Marden (LD)
My Lords, I want to add a word about volunteers, who keep most of the smaller locks open.

The Minister of State (Lord Halse) (Con)
My Lords, I thank the noble Lord for this debate and will write to him about the grant.
"""


def test_speeches_attributed_with_a_party_make_hansard_whatever_the_masthead():
    assert guess_type(clean(DEBATE), "debate.txt", DEBATE) == "hansard"
    with type_rules_off("party-turns"):
        assert guess_type(clean(DEBATE), "debate.txt", DEBATE) == "committee-report"
    assert extract(clean(DEBATE).text, "hansard") == []


def test_a_members_list_with_parties_is_no_debate():
    members = (
        "Rivers and Canals Committee\n\nMembers\n\nLord Penrose of Tarn (Con)\n"
        "Baroness Ilsley (Lab)\nLord Marden (LD)\n\nThe committee recommends that the trust "
        "should publish its lock repair plan.\n"
    )
    assert guess_type(clean(members), "report.txt", members) == "committee-report"


# --- rule "answers-verdicts" --------------------------------------------------------------------


def test_a_document_titled_a_response_that_gives_verdicts_is_a_response():
    doc = clean(FERRY_REPLY)
    reading = explain_type(doc, "reply.md", FERRY_REPLY)
    assert reading.type == "government-response"
    assert "answers-verdicts" in reading.why
    assert any(e.detector == "answers-verdicts" for e in reading.evidence)
    with type_rules_off("answers-verdicts"):
        assert guess_type(doc, "reply.md", FERRY_REPLY) == "other"


def test_a_report_on_a_response_gives_no_verdicts():
    report = (
        "Harbour Authority\n\nThe response to flooding on the quays\n\nThe authority should "
        "raise the quay wall by a metre.\n\nThe ferry company should move its ticket office.\n"
    )
    assert guess_type(clean(report), "report.txt", report) == "other"


# --- the resolver says why ---------------------------------------------------------------------


def test_the_reading_says_what_decided_it():
    reading = explain_type(clean(HEARING), "hearing.md", HEARING)
    assert reading.type == "transcript"
    assert reading.why.startswith("transcript:")
    nothing = "Notes\n\nThe weather was fine and the boats ran on time.\n"
    assert explain_type(clean(nothing), "notes.txt", nothing).why.startswith("other:")


# --- rule "evidenced-calls" (the type's gate on extraction) -----------------------------------

# An invented water board's review: typed "other", its asks under a heading naming the change
# asked, labelled and run in without a colon, and under a lead-in that announces them.
REVIEW = """\
Independent review of the Tarnside Water Board's flood warnings

Chapter 1: What we found

1.1 Warnings reached farms on the river after the water did.

WHAT MUST CHANGE

The Water Board should send flood warnings to every farm on the river by text message.

Chapter 2: Sirens

Recommendation 2.1 The district council should test the flood sirens every month.

My recommendations on volunteers are:

- The Water Board should train one volunteer warden in each village.
"""

# An invented canal trust's blog: typed "other", "should" in passing and no apparatus.
BLOG = """\
Towpath notes from the canal trust

We should all be proud of the volunteers who cleared the towpath this spring.

If you see a boat in trouble you should call the lock keeper at once.
"""


def test_calls_with_their_own_evidence_survive_the_type_other():
    found = extract(REVIEW, "other")
    texts = [REVIEW[f.start : f.end] for f in found]
    assert any(t.startswith("The Water Board should send flood warnings") for t in texts)
    assert any(t.startswith("The district council should test") for t in texts)
    assert any(t.startswith("The Water Board should train one volunteer") for t in texts)
    labelled = next(f for f in found if REVIEW[f.start :].startswith("The district council"))
    assert labelled.label == "Recommendation 2.1"
    with rules_off("evidenced-calls"):
        assert extract(REVIEW, "other") == []


def test_calls_without_evidence_stay_lowered_in_the_type_other():
    assert extract(BLOG, "other") == []
