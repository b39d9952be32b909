"""Letters: who "you" is. A letter asks its recipient ("We suggest that you publish ...", "You
should review ...", "we would urge you to ..."): the recipient is named in its address block
(the organisation under the person's name and title), on a "To:" line, or in the salutation
when that is a title ("Dear Chief Constable"). Rule ``letter-recipient``."""

from __future__ import annotations

import re

from bot.recs import addressees as names
from bot.recs.extract.actors import _body_noun, noun_phrase
from bot.recs.extract.rules import on

# A salutation naming a minister by office ("Dear Home Secretary", "Dear Policing Minister",
# "Dear Secretary of State for Justice"): "you" in the letter is that minister, not the department
# the address block names under the title (rule "minister-salutation"). Not "Dear Minister" or
# "Dear Secretary of State" alone (which minister is then the address block's to say), and not an
# office outside government ("Dear Chief Constable": the force, as before).
MINISTER_SALUTATION = re.compile(
    r"^(?!(?:Mr|Mrs|Ms|Madam|Company|Club|Branch|General|Honorary|Permanent)\b)"
    r"(?:(?:[A-Z][a-z]+\s+){1,2}(?:Secretary|Minister)"
    r"|Secretary\s+of\s+State\s+for\s+[A-Z][\w ,]+)$"
)

# How far into a letter its salutation or "To:" line may be.
HEAD = 4000

_SALUTATION = re.compile(r"^[ \t]*Dear\s+(?P<who>[^,\n]{2,80}?)[ \t]*,?[ \t]*$", re.M)
_TO_LINE = re.compile(r"^[ \t]*To[ \t]*:[ \t]*(?P<who>[^\n]{2,160}?)[ \t]*$", re.M)
# Salutations that name no one in particular, or a person by name.
_GENERIC = re.compile(r"^(?:sir|madam|sir\s+or\s+madam|sirs|colleagues?|all|friends?)$", re.I)
_HONORIFIC = re.compile(
    r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Professor|Prof|Sir|Dame|Lord|Lady|Baroness|Baron|Rt\s+Hon)\b\.?"
)
# Words that name a person's office, not an organisation ("Chief Executive", "Chair").
_OFFICE_WORDS = set(
    "chief executive executives chair chairman chairwoman secretary director officer officers "
    "minister commissioner constable clerk head president deputy assistant".split()
)
_ADDRESS_LINE = re.compile(r"\d|^(?:tel|telephone|email|e-mail|www|web)\b|@", re.I)
_DATE_LINE = re.compile(
    r"^\s*(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:january|february|march|april|may|june|july|"
    r"august|september|october|november|december)\b[\w ,]*$",
    re.I,
)
# "you" asked: "you should", "urge you to", "suggest that you publish", "if you could".
SECOND_PERSON = re.compile(
    r"\byou\s+(?:(?:\w+ly|also|now|therefore)\s+)*(?:should|must|shall|need\s+to|will\s+need\s+to|"
    r"ought\s+to|could|would|to\s+\w+)\b|\b(?:urge|ask|invite|encourage|request|suggest\s+that)\s+"
    r"you\b|\bthat\s+you\s+(?!(?:are|were|have|had|may|might|will|can|did|do)\b)[a-z]+\b",
    re.I,
)


# A letter's requests that carry no modal and no "we urge" (rule "letter-requests"): "Please
# provide me with ...", "Please could you set out ...", "I would like you to review ...", "I am
# asking the force to report ...", "I require the force to ...". Not its courtesies ("Please do
# not hesitate to contact me", "Please find enclosed", "please let me know if ..."), not a
# request for a reply ("Please could you respond by ...": the letter's own business, not a
# recommendation) and not what the writer wants the reader to know ("I would like you to know").
_OBJECT = r"(?:you|the\s+[\w'’ -]{2,60}?|all\s+[\w'’ -]{2,40}?)"
_NOT_ASKED = (
    r"(?!(?:know|note|be\s+aware|hear|see|understand|thank|accept|forgive|excuse|bear|rest|"
    r"feel|contact|do\s+not|don['’]t|find|let\s+me\s+know\s+if|get\s+in\s+touch|call|ring|"
    r"telephone|e-?mail|reply|respond|acknowledge\s+(?:receipt|this)|quote|keep\s+(?:me|us)\s+informed\s+if|be\s+"
    r"assured)\b)"
)
REQUEST = re.compile(
    r"^\s*(?:(?:and|so|also|finally|lastly|meanwhile|in\s+the\s+meantime|in\s+addition),?\s+)?"
    r"(?:please\s+(?:could|can|would|will)\s+you\s+(?:please\s+)?|(?:could|can|would|will)\s+you"
    r"\s+please\s+|please\s+(?:also\s+)?(?!(?:could|can|would|will)\s+you\b))"
    + _NOT_ASKED
    + r"[a-z]+\b"
    r"|\b(?:I|we)\s+(?:would|should|['’]d)\s+(?:also\s+|therefore\s+|now\s+)?like\s+"
    + _OBJECT
    + r"\s+to\s+(?:(?:also|now|urgently)\s+)?"
    + _NOT_ASKED
    + r"[a-z]+\b"
    r"|\b(?:I|we)\s+(?:am|are)\s+(?:also\s+|therefore\s+|now\s+)?asking\s+"
    + _OBJECT
    + r"\s+to\s+"
    + _NOT_ASKED
    + r"[a-z]+\b"
    r"|\b(?:I|we)\s+(?:also\s+|therefore\s+)?(?:require|want)\s+"
    + _OBJECT
    + r"\s+to\s+"
    + _NOT_ASKED
    + r"[a-z]+\b",
    re.I,
)
# "I expect the force to publish ...", "We also expect you to share ..." (rule "letter-expects"):
# a directive "expect" in a letter. Not "I would expect X to ..." (a prediction: "would" stands
# between), not "I expect you will ...", and not what the writer thinks will happen ("expect the
# figures to be / to show / to rise").
EXPECT = re.compile(
    r"\b(?:I|we)\s+(?:(?:also|therefore|now|fully|still|further|equally)\s+)*expect\s+"
    + _OBJECT
    + r"\s+to\s+(?:(?:also|now|urgently|then)\s+)?"
    + _NOT_ASKED
    + r"(?!(?:be|have|show|find|see|feel|hear|know|remain|become|get|receive|want|wish|rise|"
    r"fall|grow|increase|decrease|continue|happen|take\s+(?:time|longer))\b)[a-z]+\b",
    re.I,
)
_PLEASE = re.compile(
    r"^\s*(?:\w+,?\s+)?(?:please\b|(?:could|can|would|will)\s+you\s+please\b)", re.I
)


# Rule "ordinal-openers": a letter's numbered requests in prose, "First, ...", "Secondly, ...",
# "Thirdly, please send ...": the ordinal opens the request as "Finally," does (data: the
# words, each with or without "-ly").
ORDINAL_WORDS = ("first", "second", "third", "fourth", "fifth", "sixth", "next")
_ORDINAL = re.compile(
    r"^\s*(?:"
    + "|".join(ORDINAL_WORDS)
    + r")(?:ly)?\s*,\s*(?=please\b|(?:could|can|would|will)\s)",
    re.I,
)

# Rule "following-lead-in": a request whose object is "the following" steps, actions, ... (data:
# the words that name asks) announces the requests after it ("I would ask you to consider the
# following measures."); it is no request of its own. Not "Please send me the following
# documents:" (what follows is what is asked for, not further asks).
ANNOUNCED_ASKS = (
    "steps",
    "actions",
    "measures",
    "requests",
    "recommendations",
    "changes",
    "improvements",
    "points",
)
_ANNOUNCES = re.compile(
    r"\bthe\s+following\s+(?:\w+\s+)?(?:" + "|".join(ANNOUNCED_ASKS) + r")\s*[.:]\s*$", re.I
)


# Rule "consider-the-following": asking someone to "consider the following", whatever follows
# those words in the sentence ("I would ask you to consider the following as the review
# proceeds.", "... to consider the following overarching themes:"), announces the asks after it
# as "the following measures" does; before, such a sentence with no noun of asking was taken as a
# request of its own.
_CONSIDER_FOLLOWING = re.compile(r"\bconsider\s+the\s+following\b[^.:;?!]{0,80}[.:]\s*$", re.I)


def announces(text: str) -> bool:
    """Whether a letter's sentence announces the requests after it (rules "following-lead-in"
    and "consider-the-following")."""
    if on("consider-the-following") and _CONSIDER_FOLLOWING.search(text):
        return True
    return on("following-lead-in") and bool(_ANNOUNCES.search(text))


def requests(text: str) -> bool:
    """Whether a letter's sentence requests something (rule "letter-requests")."""
    if announces(text):
        return False
    if on("ordinal-openers"):
        text = _ORDINAL.sub("", text, count=1)
    if on("letter-requests") and REQUEST.search(text):
        return True
    return on("letter-expects") and bool(EXPECT.search(text))


def asks_recipient(text: str) -> bool:
    """A request with no one named: "Please provide ..." asks the letter's recipient."""
    return on("letter-requests") and bool(_PLEASE.match(text))


def recipient(text: str) -> str | None:
    """The organisation (or office) a letter is addressed to, as written, else None."""
    if not on("letter-recipient"):
        return None
    head = text[:HEAD]
    to = _TO_LINE.search(head)
    if to:
        found = _organisation(to.group("who").split(","))
        if found:
            return found
    dear = _SALUTATION.search(head)
    if not dear:
        return None
    if on("minister-salutation") and MINISTER_SALUTATION.match(dear.group("who").strip()):
        return dear.group("who").strip()  # "Dear Home Secretary": the minister, not the ministry
    # The first block of a letter is its letterhead (the sender), and the sign-off names the
    # sender too: neither is the recipient. (Ingest may drop the recipient's address block as
    # a run of short lines; then only the salutation is left.)
    top = re.search(r"\S[^\n]*(?:\n[ \t]*\S[^\n]*)*", head)
    letterhead_end = top.end() if top else 0
    sign_off = re.search(r"\byours\s+(?:sincerely|faithfully|truly)\b", text[-1500:], re.I)
    sender = text[-1500:][sign_off.end() :].lower() if sign_off else ""
    block = _address_block(head[letterhead_end : dear.start()])
    found = _organisation(block)
    if found and found.lower() not in sender:
        return found
    who = dear.group("who").strip()
    if _GENERIC.match(who) or _HONORIFIC.match(who) or len(who.split()) > 6:
        return None
    return who if _office(who) else None


# Lines between an address block and the salutation that are not the recipient (rule
# "address-block-lines"): how it was sent, its marking.
_HANDLING_LINE = re.compile(
    r"^(?:by\s+(?:e-?mail|post|hand|courier)(?:\s+only)?|sent\s+by\s+e-?mail|private(?:\s+and|\s*&)?"
    r"\s*confidential|personal|confidential|official(?:[\s-]+sensitive)?|urgent)\.?$",
    re.I,
)
# An address line that names a building or a street, not an organisation ("Force Headquarters",
# "Station Road", "Shire Hall"): "Headquarters" after a body noun is still the place.
_PLACE_LINE = re.compile(
    r"\b(?:headquarters|hq|house|hall|centre|center|building|buildings|road|street|lane|avenue|"
    r"way|place|square|park|tower|yard|drive|close|crescent|terrace|gardens|quay|wharf)\.?$",
    re.I,
)
_LETTER_LINE = 80


def _address_block(before: str) -> list[str]:
    """The lines just above the salutation, nearest first, past a date or a subject line: the
    recipient's name, title and organisation (the sender's letterhead lies further up, beyond
    a blank line). With rule "address-block-lines", a block laid out one paragraph a line (a
    Word letter: each line its own paragraph, blank lines between) is read up to a sentence, a
    long line or a date above it, and "By email" or "Private and confidential" is passed over."""
    more = on("address-block-lines")
    lines = before.rstrip().split("\n")
    out: list[str] = []
    seen_block = False
    in_block = 0  # lines of the block being read
    for line in reversed(lines):
        body = line.strip()
        if not body:
            if seen_block and not (more and in_block == 1):
                break
            in_block = 0
            continue
        if (
            more
            and seen_block
            and (len(body) > _LETTER_LINE or re.search(r"[.!?:]$", body) or _DATE_LINE.match(body))
        ):
            break  # one paragraph a line: the letter's own text, or the date above the block
        if _DATE_LINE.match(body) or re.match(r"(?:subject|re|our\s+ref|your\s+ref)\b", body, re.I):
            continue
        if more and not seen_block and _HANDLING_LINE.match(body):
            continue
        seen_block = True
        in_block += 1
        out.append(body)
        if len(out) >= 8:
            break
    return out


def _organisation(lines: list[str]) -> str | None:
    """The first line that is an organisation's name: a named body that is not an office."""
    for line in lines:
        line = re.sub(r"^(?:the\s+)(?=[A-Z])", "", line.strip(" ,."), flags=re.I).strip()
        if not line or len(line) > 80 or _ADDRESS_LINE.search(line) or _HONORIFIC.match(line):
            continue
        if on("address-block-lines") and _PLACE_LINE.search(line):
            continue
        if re.fullmatch(r"[A-Z]{2,10}", line):  # "IOPC", "ICO": an organisation's letters
            return line
        phrase = noun_phrase(line)
        if phrase != line:
            continue
        words = [w.lower() for w in re.findall(r"[A-Za-z]+", line)]
        if names.known(line) or any(_body_noun(w) and w not in _OFFICE_WORDS for w in words):
            return line
    return None


def _office(who: str) -> bool:
    """A salutation that names an office ("Chief Constable", "Information Commissioner")."""
    return any(w.lower() in _OFFICE_WORDS for w in who.split())
