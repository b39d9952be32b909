"""Shapes the round-20 held-out set (``tests/recs/heldout21``, tuned on in round 21) showed, each
read as a function rather than one phrasing: an ask written as a mandative "that"-clause after a
lead-in that only asks ("that-clause-asks"), and its subject as the addressee
("that-item-subjects"); a table column that names who owns each row, known by its cells
whatever its header ("owner-column-by-content", shipped off) and read before the row's
grammatical subject ("owner-cell-first", shipped off); a coroner's listed actions after the
form's "action should be taken" ("concern-action-calls", shipped off); a numbered label
qualified by any one word ("any-qualified-labels").

Every text here was written by me for these tests about invented people and bodies (a canal
trust, a lighthouse board, a ferry company, a river coroner); none is copied from a real
document, a gold file, an evaluation set or a held-out set. The words differ on purpose from
the held-out documents' words, so that a rule matching only their phrasing fails here.
"""

from __future__ import annotations

from stores import extracted_items as _items

from bot.recs.extract.rules import BY_NAME, rules_off


class _On:
    """Switch on, for a block, rules shipped off."""

    def __init__(self, *names: str) -> None:
        self.names = names

    def __enter__(self) -> None:
        self.before = {n: BY_NAME[n].enabled for n in self.names}
        for n in self.names:
            BY_NAME[n].enabled = True

    def __exit__(self, *exc: object) -> None:
        for n, was in self.before.items():
            BY_NAME[n].enabled = was


LETTER = """\
The Waterways Ombudsman
1 Towpath Row

The Chair
Northfen Canal Trust

3 March 2026

Dear Chair,

Lock closures on the Northfen Canal

Boaters have written to me about locks closed for weeks without notice. Having looked at the \
trust's records for the last two seasons, I am not satisfied that closures are planned well.

We urge:

(a) that the Canal Trust give boaters fourteen days' notice of any planned lock closure;

(b) that lock keepers record every unplanned closure and its cause in one register;

(c) that the Navigation Authority and the Canal Trust agree a shared timetable for dredging.

I look forward to your reply.

Yours sincerely,

Omar Reede
Waterways Ombudsman
"""


def test_that_clause_asks_after_an_asking_lead_in_are_items():
    found = _items(LETTER, "letter")
    assert [" ".join(t.split()[:3]) for t, _ in found] == [
        "that the Canal",
        "that lock keepers",
        "that the Navigation",
    ]
    with rules_off("that-clause-asks"):
        assert _items(LETTER, "letter") == []


def test_a_that_clause_asks_its_subject():
    found = _items(LETTER, "letter")
    assert [a for _, a in found] == [
        ["the Canal Trust"],
        ["lock keepers"],
        ["the Navigation Authority", "the Canal Trust"],
    ]
    with rules_off("that-item-subjects"):
        assert [a for _, a in _items(LETTER, "letter")] != [a for _, a in found]


RESOLUTIONS = """\
Lighthouse Board: report of the visitor access working group

4. Recommendations

Recommendation 1
That the Board Secretary invites the county council to review parking at the headland.

Recommendation 2
That keepers open the tower to school groups on two weekdays a month.
"""


def test_a_resolution_asks_its_subject_not_the_body_after_its_verb():
    found = _items(RESOLUTIONS, "committee-report")
    assert [a for _, a in found] == [["the Board Secretary"], ["keepers"]]
    with rules_off("that-item-subjects"):
        assert [a for _, a in _items(RESOLUTIONS, "committee-report")][0] != ["the Board Secretary"]


AUDIT = (
    "Ferry company internal audit: ticket income\n\n2. Action plan\n\n"
    "Ref | Recommendation | Priority | Management reply | Post holder | Target date\n"
    "1 | Ticket machines should be reconciled with the bank account every week. | High | "
    "Agreed. | Ferry Finance Manager | 30 April 2026\n"
    "2 | Refunds above fifty pounds should be approved by a second person. | Medium | Agreed. | "
    "Head of Customer Service | 31 May 2026\n"
    "3 | The cash office should keep a log of every visit by the security contractor. | Medium | "
    "Agreed in part. | Operations Director, Ferry Group | 30 June 2026\n"
)


def test_an_owner_column_is_known_by_its_cells_whatever_its_header():
    with _On("owner-column-by-content", "owner-cell-first"):
        found = _items(AUDIT, "other")
        assert [a for _, a in found] == [
            ["Ferry Finance Manager"],
            ["Head of Customer Service"],
            ["Operations Director, Ferry Group"],
        ]
        with rules_off("owner-column-by-content"):
            assert [a for _, a in _items(AUDIT, "other")][0] != ["Ferry Finance Manager"]
    assert not BY_NAME["owner-column-by-content"].enabled  # shipped off: one witness


def test_an_owner_cell_comes_before_the_rows_grammatical_subject():
    with _On("owner-column-by-content", "owner-cell-first"):
        assert [a for _, a in _items(AUDIT, "other")][2] == ["Operations Director, Ferry Group"]
        with rules_off("owner-cell-first"):
            assert [a for _, a in _items(AUDIT, "other")][2] == ["The cash office"]
    assert not BY_NAME["owner-cell-first"].enabled  # shipped off: one witness


PRIORITY_TABLE = """\
Ref | Recommendation | Priority | Target date
1 | The ferry company should publish winter timetables by October. | High | 31 October 2026
2 | Crew rosters should be shared with the union a month ahead. | Medium | 30 November 2026
"""


def test_a_priority_column_names_no_owner():
    with _On("owner-column-by-content", "owner-cell-first"):
        assert [a for _, a in _items(PRIORITY_TABLE, "other")][0] == ["The ferry company"]


CORONER = """\
REGULATION 28: REPORT TO PREVENT FUTURE DEATHS

THIS REPORT IS BEING SENT TO:

1. The Chief Executive, Saltmarsh Harbour Authority

5 CORONER'S CONCERNS

The MATTERS OF CONCERN are as follows.

(1) The slipway at the north jetty had no handrail, and the lighting there failed in rain.

(2) Night staff were not told when the tide gauge was out of service.

6 ACTION SHOULD BE TAKEN

In my opinion action should be taken so that no one else dies this way, and your \
authority can take it. In particular:

(a) The Harbour Authority should fit a handrail and weatherproof lights to the north slipway.

(b) The harbour master should tell night staff, at every change of shift, which gauges are out \
of service.

7 YOUR RESPONSE

You must send me your reply within 56 days of the date on this report.
"""


def test_a_coroners_listed_actions_are_the_items_and_the_findings_are_not():
    with _On("concern-action-calls"):
        found = _items(CORONER, "other")
        assert [" ".join(t.split()[:3]) for t, _ in found] == [
            "The Harbour Authority",
            "The harbour master",
        ]
        assert found[0][1] == ["The Harbour Authority"]
    assert not BY_NAME["concern-action-calls"].enabled  # shipped off: one witness
    openings = [" ".join(t.split()[:3]) for t, _ in _items(CORONER, "other")]
    assert "The Harbour Authority" not in openings  # as shipped: the findings, as before
    assert "The slipway at" in openings


LEARNING = """\
Lessons from the river rescue review

Interim recommendation 1

Upper Wey Rescue Service

The rescue service should carry throw lines on every bank patrol from the start of next season.

Interim recommendation 2

The county council should mark the deep pools below the weir with signs in three languages.
"""


def _labels(text: str, doc_type: str) -> list[str | None]:
    from bot.recs.extract import extract

    return [f.label for f in extract(text, doc_type)]


def test_a_label_qualified_by_any_word_heads_its_paragraph():
    found = _items(LEARNING, "other")
    assert [" ".join(t.split()[:3]) for t, _ in found] == [
        "The rescue service",
        "The county council",
    ]
    assert _labels(LEARNING, "other") == ["Interim recommendation 1", "Interim recommendation 2"]
    with rules_off("any-qualified-labels"):
        # the calls may still be read as sentences, but not as the labelled items they are
        assert not any(_labels(LEARNING, "other"))


NOTICE = """\
Village hall booking rules

Every hirer must display a notice at the door. The notice must cover the following points:

- That the hall has a hearing loop at the stage end;
- That the fire doors will be unlocked during every event;
- That the name of the hirer is recorded in the booking book.
"""


def test_that_clauses_stating_what_is_so_are_no_asks():
    # a notice's points say what is so ("has", "will be", "is recorded"), not what a body is
    # asked to do: no item, though the lead-in asks and announces them
    assert _items(NOTICE, "other") == []
