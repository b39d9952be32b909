"""Shapes the round-19 held-out set (``tests/recs/heldout20``, tuned on in round 20) showed beside
another writer's set or real wording, each a function rather than one phrasing: a paragraph that
asks and announces its asks opens a list ("asking-lead-in-lists"); a by-when named as an event
("event-deadlines") or as a person's response ("response-pronouns"); an owner cell naming two
bodies ("owner-cell-and", shipped off); a label's one-sentence item ("sentence-not-title",
shipped off); a partner aside ("partner-asides"); a committee's oral evidence typed a transcript
("oral-evidence-head"); and, shipped off with one witness each, "text-box-frames" (cleaning) and
"capital-labels".

Every text here was written by me for these tests about invented people and bodies; none is
copied from a real document, a gold file, an evaluation set or a held-out set.
"""

from __future__ import annotations

from stores import extracted_items as _items

from bot.library.cleaning import CleanDocument, clean
from bot.library.metadata import guess_type, type_rules_off
from bot.recs.deadlines import find_deadline
from bot.recs.extract.rules import BY_NAME, rules_off
from bot.recs.extract.tables import _owners


def _words(text: str) -> str | None:
    found = find_deadline(text, None)
    return found.text if found else None


LETTER = """\
THE HARBOUR COMMISSIONER FOR LOWMOOR

Dear Harbour Master,

Moorings on the east quay

I have read the boat owners' complaints with concern. Using my powers over the harbour, we \
would ask you to take the following three actions:

1. Publish the waiting list for moorings on the harbour website every month.

2. Repair the east quay ladders before the summer sailing season.

3. Review the mooring fees charged to fishing boats and tell me the outcome.

I will put this letter and your answer before the harbour board.

Yours sincerely,

Ada Quill
Harbour Commissioner for Lowmoor
"""


def test_an_asking_lead_in_opens_a_list_of_commands():
    openings = [" ".join(t.split()[:2]) for t, _ in _items(LETTER, "letter")]
    assert openings == ["Publish the", "Repair the", "Review the"]
    with rules_off("asking-lead-in-lists"):
        assert [t for t, _ in _items(LETTER, "letter")] == []


def test_a_lead_in_that_only_reports_opens_no_list():
    text = LETTER.replace("we \nwould ask you to take", "we \nhave taken").replace(
        "would ask you to take", "have taken"
    )
    assert [t for t, _ in _items(text, "letter")] == []


def test_an_event_is_a_deadline():
    assert (
        _words("The Lock Board should publish the rota in time for the next boaters' forum.")
        == "in time for the next boaters' forum"
    )
    assert _words("The Canal Trust should report by its next annual meeting.") == (
        "by its next annual meeting"
    )
    # a date after "in time for" is left to the date readings
    assert _words("The rota was in use in time for May 2031.") is None
    with rules_off("event-deadlines"):
        assert _words("The Lock Board should publish the rota in time for the next forum.") is None


def test_a_persons_response_is_a_deadline():
    text = "We ask the Harbour Minister to say, in his response to this report, how it is paid for."
    assert _words(text) == "in his response to this report"
    with rules_off("response-pronouns"):
        assert _words(text) is None


def test_an_owner_cell_naming_two_bodies_names_each(monkeypatch):
    # shipped off: one witness
    assert _owners("Lowmoor CSP and the Harbour Board") == ["Lowmoor CSP and the Harbour Board"]
    monkeypatch.setattr(BY_NAME["owner-cell-and"], "enabled", True)
    assert _owners("Lowmoor CSP and the Harbour Board") == ["Lowmoor CSP", "the Harbour Board"]
    assert _owners("Police and Crime Commissioner") == ["Police and Crime Commissioner"]
    assert _owners("Head of Moorings and Berths") == ["Head of Moorings and Berths"]
    with rules_off("owner-cell-and"):
        assert _owners("Lowmoor CSP and the Harbour Board") == ["Lowmoor CSP and the Harbour Board"]


SCRUTINY = """\
Recommendation 1

That the Harbour Board adopts a mooring allocation policy for the east quay by June 2031.

Recommendation 2

That the clerk writes to every mooring holder on the waiting list before the season opens.

5. Costs to the harbour

5.1 The policy costs nothing.
"""


def test_a_labels_one_sentence_item_is_no_title(monkeypatch):
    # shipped off in round 20 (one witness), on since round 22 (heldout22's HMICS inspection is
    # the second)
    assert BY_NAME["sentence-not-title"].enabled
    openings = [" ".join(t.split()[:3]) for t, _ in _items(SCRUTINY, "other")]
    assert openings == ["That the Harbour", "That the clerk"]
    with rules_off("sentence-not-title"):
        openings = [" ".join(t.split()[:3]) for t, _ in _items(SCRUTINY, "other")]
        assert openings[-1] == "5. Costs to"


TRANSCRIPT = """\
Harbours Select Committee

Oral evidence: The future of small harbours

Members present: Lord Quayle (Chair); Baroness Moor.

Q7 The Chair: Welcome. What should change first?

Ada Quill: The Harbour Board should publish its waiting list.

Q8 Baroness Moor: And the fees?

Ada Quill: The Minister must review them.
"""


def test_oral_evidence_with_numbered_turns_is_a_transcript():
    assert guess_type(CleanDocument(TRANSCRIPT, []), "evidence.txt", TRANSCRIPT) == "transcript"
    with type_rules_off("oral-evidence-head"):
        kind = guess_type(CleanDocument(TRANSCRIPT, []), "evidence.txt", TRANSCRIPT)
        assert kind != "transcript"


BOXED = """\
2.1 The east quay ladders were found rusted through at three points.

+--------------------------------------------------------------+
| RECOMMENDATION 1                                             |
| The Harbour Board should replace the east quay ladders and   |
| inspect them every quarter.                                  |
+--------------------------------------------------------------+

2.2 The board agreed the findings.
"""


def test_a_text_box_is_unframed_only_when_switched_on(monkeypatch):
    assert "replace the east quay" not in clean(BOXED).text  # shipped off: one witness
    monkeypatch.setenv("ROCU_CLEANING_RULES_ON", "text-box-frames")
    text = clean(BOXED).text
    assert "RECOMMENDATION 1\n\nThe Harbour Board should replace the east quay ladders" in text
    assert "|" not in text and "+---" not in text
    # a markdown table is no box
    table = "| Quay | Ladders |\n|---|---|\n| East | 3 |\n| West | 2 |\n"
    assert "East" in clean(table).text


def test_a_capital_label_is_read_only_when_switched_on(monkeypatch):
    monkeypatch.setenv("ROCU_CLEANING_RULES_ON", "text-box-frames")
    text = clean(BOXED).text
    assert [lab for lab in _labels(text)] == []  # shipped off: one witness
    monkeypatch.setattr(BY_NAME["capital-labels"], "enabled", True)
    assert _labels(text) == ["RECOMMENDATION 1"]


def _labels(text: str) -> list[str]:
    from bot.recs.extract import extract

    return [f.label for f in extract(text, "other") if f.label]


CALL = """\
Recommendations

1. The Harbour Board, with the Lock Council, should publish one mooring plan by June 2031.

2. The Harbour Board, with immediate effect, should reopen the east quay ladders.
"""


def test_a_partner_aside_names_the_partner_whatever_its_words():
    items = _items(CALL, "inspection-report")
    assert items[0][1] == ["The Harbour Board", "the Lock Council"]
    assert items[1][1] == ["The Harbour Board"]  # no body after "with": no partner
    with rules_off("partner-asides"):
        assert _items(CALL, "inspection-report")[0][1] == ["The Harbour Board"]
