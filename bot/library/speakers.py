"""Who may speak in a transcript: a person or a role, not a run-in label.

A transcript's turns are opened by a speaker's name ("Lady Hallett:", "**Mr Keith**:", "The
Chair:", "Q82 Baroness Smith:"); a response, a report or a speech's front matter opens lines with
bold run-in labels in the same shape ("**Recipient:** ...", "**Our decision:** Accepted.",
"**Response:** ...", "**Delivered on:** ..."). ``looks_like_speaker`` tells them apart by the
name itself, so the type guess (``bot.library.metadata``, rule "speaker-people") and the cleaner
(``bot.library.cleaning``, rule "label-not-speaker") read the same evidence (round 21, types22).
"""

from __future__ import annotations

import re

# Words that open a name as a title or honorific (data).
SPEAKER_TITLES = set(
    "mr mrs ms miss mx dr professor prof lord lady baroness baron viscount earl sir dame judge "
    "justice councillor cllr rev reverend father bishop archbishop rt hon madam deputy "
    "inspector sergeant constable detective commander superintendent dci di ds dc pc sgt supt "
    "insp".split()
)
# Roles that speak in hearings, committees, interviews and debates (data).
SPEAKER_ROLES = set(
    "chair chairman chairwoman chairperson convener convenor witness counsel interviewer "
    "interviewee speaker minister questioner moderator presenter host clerk coroner member "
    "participant respondent applicant claimant defendant prosecutor solicitor barrister "
    "president secretary commissioner officer caller operator interpreter panellist guest "
    "presiding q a".split()
)
# The nouns of run-in labels: a field, a heading or an answer, never a person (data).
LABEL_NOUNS = set(
    "note notes source sources summary recommendation recommendations response responses "
    "question answer chapter table figure annex appendix conclusion conclusions finding "
    "findings example key background title date subject recipient recipients decision "
    "decisions owner owners status action actions lead leads update updates progress deadline "
    "deadlines priority related published reviewer commissioned delivered updated from to ref "
    "reference contact rating outcome evidence rationale target timescale timescales comment "
    "comments".split()
)
# Words that open a phrase, not a name ("Our decision", "In summary, ...") (data).
NOT_NAME_FIRST = set(
    "our your their his her its my the a an in on for to from by at of with this that these "
    "those what why how when where".split()
)


def looks_like_speaker(name: str) -> bool:
    """Whether a speaker label names a person or a role: a title or honorific first ("Lady",
    "Mr", "Dr"); a role ("The Chair", "Witness A", "Participant 3"); or a name of two to five
    capitalised words, none a label's noun, not opening with a determiner or preposition. A
    single word that is no role ("Recipient", "Response") is a label."""
    words = re.findall(r"[\w'’]+", name)
    if not words or not name[:1].isupper():
        return False
    low = [w.lower() for w in words]
    if low[0] in SPEAKER_TITLES:
        return True
    labelled = any(w in LABEL_NOUNS for w in low)
    if any(w in SPEAKER_ROLES for w in low) and not labelled:
        return True
    if low[0] in NOT_NAME_FIRST or labelled:
        return False
    names = [w for w in words if not w.isdigit()]
    return 2 <= len(names) <= 5 and all(w[:1].isupper() for w in names)
