"""Imperative and gerund items under a recommendations-like heading or lead-in.

Summaries, inspection reports and briefings write their recommendations as commands ("Improve
the quality of teaching by: ...", "Set up a compensation scheme now") or as gerunds ("Broadening
participation in ..."), with no "should" and no "we recommend". Such an item is a recommendation
only where the document says it lists them: under a heading like "Recommendations", "Areas for
improvement", "What does the school need to do to improve?", "Next steps", or after a lead-in
like "The recommendations include:". The list runs until the next heading or the first paragraph
that is neither an item nor the continuation of one; a sentence that does not open with a verb
continues the item before it.
"""

from __future__ import annotations

import re

from bot.library.text import sentence_spans
from bot.recs.extract.actors import addressed_names
from bot.recs.extract.calls import _is_call
from bot.recs.extract.found import Found
from bot.recs.extract.rules import on
from bot.recs.extract.structure import GLYPHS, PRIVATE_USE, Document

# Verbs that open a command in recommendations (data). Compared lower-case, base form.
VERBS = set(
    """address adopt agree align allocate appoint assess audit broaden build carry clarify
    collect commission complete conduct consider continue coordinate create define deliver
    develop embed enable encourage engage enhance ensure establish evaluate examine expand explore
    extend focus give identify implement improve include increase introduce invest issue keep
    launch lead legislate maintain make map monitor offer plan prepare prioritise produce promote
    protect provide publish put raise record reduce reform remove replace report require resource
    respond restore review revise run seek set share simplify staff standardise strengthen
    streamline support take target train undertake update use work""".split()
)
_NOT_GERUND = {
    "during",
    "including",
    "following",
    "according",
    "regarding",
    "notwithstanding",
    "being",
    "nothing",
    "something",
    "anything",
    "everything",
    "morning",
    "evening",
    "thing",
    "bring",
    "king",
    "spring",
    "string",
    "ring",
    "wing",
    "sing",
}

# Headings or lead-ins that announce a list of recommendations.
_ANCHOR = re.compile(
    r"(?:^|\n)[ \t]*(?:[-•*]\s*)?(?P<line>[^\n]{0,60}?\b(?:"
    r"(?:specific|key|main|our|further|summary\s+of|list\s+of)?\s*recommendations?"
    r"|areas?\s+for\s+(?:improvement|development|action)"
    r"|what\s+(?:does|do|should|must)\s+[^\n?]{2,60}?\s+(?:need\s+to\s+)?do\s+to\s+improve"
    r"|next\s+steps|priorities\s+for\s+(?:improvement|action)|actions?\s+required"
    r"|(?:the\s+)?(?:inquiry|review|report|panel|committee)\s+recommends?"
    r")\b[^\n]{0,120}?)(?:[:?]|\n|$)",
    re.IGNORECASE,
)
_MARKER = re.compile(
    "^[ \t]*(?:[" + GLYPHS + PRIVATE_USE + r"]|\(?\d{1,3}[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}\))\s+"
)
_SUB_MARKER = re.compile(r"^[ \t]*(?:[-–·◦]|\(?[a-z][.)]|\(?[ivx]{1,4}\))\s+")
_MAX_SCOPE = 6000


# A short opening phrase before a command: "As a matter of urgency, ensure ...", "In Wales,
# review ...", "Alongside the two charities, consider ..." (rule "led-command").
_LEAD = re.compile(
    "\\s*(?:[" + GLYPHS + PRIVATE_USE + r"]\s*)?(?:[A-Z][\w’'-]*)(?:\s+[\w’'&-]+){0,11},\s+"
    r"(?P<verb>[a-z]+)(?P<next>(?:\s+[\w’'-]+){1,3})"
)
# After the verb, a finite verb before any object word shows a clause ("In most wards, staff
# records were complete"), not a command ("In Wales, review the duty ...").
_CLAUSE_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|should|must|may|might|remain(?:s|ed)?|"
    r"fell|rose|grew|went|came|became|\w+ed)\b"
)
_OBJECT_WORD = re.compile(r"\b(?:that|to|the|a|an|all|any|every|each|for|how|whether|its|their)\b")


def _led_command(sentence: str) -> bool:
    led = _LEAD.match(sentence)
    if not led or led.group("verb") not in VERBS or len(sentence.split()) < 6:
        return False
    after = led.group("next")
    clause, obj = _CLAUSE_VERB.search(after), _OBJECT_WORD.search(after)
    return not clause or bool(obj and obj.start() < clause.start())


def opens_with_command(sentence: str) -> bool:
    """A sentence that opens with an imperative ("Set up ...") or a gerund ("Broadening ..."),
    perhaps after a short opening phrase ("As a matter of urgency, ensure ...")."""
    m = re.match(
        "\\s*(?:[" + GLYPHS + PRIVATE_USE + r"]\s*)?([A-Z][a-z]+)\b(?P<rest>\s+\S+)?", sentence
    )
    if not m:
        return False
    if on("led-command") and _led_command(sentence):
        return True  # a base-form verb straight after a comma: a command, not a clause
    word = m.group(1).lower()
    rest = (m.group("rest") or "").strip().lower()
    if rest in ("should", "must", "is", "are", "was", "were", "has", "have", "will", "can", "of"):
        return False
    if len(sentence.split()) < 4:
        return False  # a heading ("Protecting vulnerable people"), not a command
    if word in VERBS:
        return True
    if word.endswith("ing") and word not in _NOT_GERUND and len(word) > 5:
        return True  # any gerund: the heading or lead-in is the evidence
    return False


# Rule "asking-lead-in-lists": a paragraph that asks a body for action and ends by announcing
# the asks after it ("..., we would ask the board to take the following three actions:", "We
# ask the council to take these steps:") opens a list as a "Recommendations" heading does: each item
# after it that opens with a command is one ask. What is recognised is the function (asking:
# any of the asking words below; then "the following" / "these" and a noun of asking, closed by
# a colon), not one writer's verb. A lead-in that only reports ("The force has taken the
# following steps:") asks nothing and opens no list.
_ASKING = re.compile(
    r"\b(?:ask(?:s|ing)?|request(?:s|ing)?|requir(?:e|es|ing)|urg(?:e|es|ing)|invit(?:e|es|ing)|"
    r"expect(?:s|ing)?|call(?:s|ing)?\s+on|(?:would|should|['’]d)\s+like|want(?:s)?|"
    r"recommend(?:s|ing)?|should|must|need(?:s)?\s+to|will\s+need\s+to)\b",
    re.I,
)
_ASKS_FOLLOW = re.compile(
    r"\b(?:the\s+following|these|the\s+(?:\w+\s+)?(?:steps|actions)\s+(?:set\s+out|listed)\s+below)"
    r"(?:\s+[\w-]+)?\s+(?:steps|actions|measures|requests|changes|improvements|points|things)"
    r"(?:\s+[^.:;?!\n]{0,40})?:\s*$",
    re.I,
)


# Under an asking lead-in the lead-in is the evidence that its items ask, so an item's command is
# read whatever its verb ("Repair ...", "Chase ..."), not only the verbs of ``VERBS``: a word in
# capitals then a lower-case word, the first no determiner, pronoun, preposition or conjunction
# and not in a form that only a finite verb or an adverb takes ("-ed", "-ly", "-s" but "-ss").
_NOT_COMMAND = set(
    """a an the this that these those it its they their them we our us i you your he she his her
    there here in on at by for from with of to as if when where while after before since because
    although all each every some any no not many most more other such both either neither please
    thank thanks yours dear our my me what which who how why one two three""".split()
)


def _bare_command(sentence: str) -> bool:
    m = re.match(r"\s*([A-Z][a-z]+)\s+[a-z]", sentence)
    if not m or len(sentence.split()) < 4:
        return False
    word = m.group(1).lower()
    return word in VERBS or _base_form(word)


def _base_form(word: str) -> bool:
    """Whether a word not among the known ``VERBS`` may still be a verb's base form: not a
    determiner, pronoun or preposition, nor a form only a finite verb or an adverb takes."""
    if word in _NOT_COMMAND or word.endswith(("ed", "ly", "ing")):
        return False
    return not (word.endswith("s") and not word.endswith("ss"))


# Rule "that-clause-asks" (round 21): a request for action may be written as a mandative
# "that"-clause, its subject the body asked and its verb in the base form, whatever the verb
# ("that the <body> publish ...", "That the Council continues to fund ..."), and listed after a
# lead-in that is nothing but the asking ("I therefore recommend:", "The panel urges that:") or
# under a recommendations heading. Each such item is one ask. What is recognised is the
# function (an author's asking verb closing its line with a colon, then items each opening with
# "that" and a named subject), not one writer's verb. A "that" opening a finding ("that there
# was ...", "that it had ...") names no body and asks nothing.
_ASKING_COLON = re.compile(
    r"^(?:I|We|The\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})\s+"
    r"(?:(?:therefore|also|now|further|strongly|would)\s+)*"
    r"(?:recommends?|urges?|asks?|requests?|proposes?|calls?\s+for)(?:\s+that)?[ \t]*:\s*$"
)
_THAT_ASK = re.compile(
    r"^\s*(?:\(?[0-9a-z]{1,3}[.)]\s+)?[Tt]hat\s+(?!(?:it|its|there|this|these|those|they|we|I|he|"
    r"she|you|such|in|on|at|by|for|if|when|while|although|despite|as|is|was|were|are|has|had|"
    r"have|will|would|may|might|can|could|should|must|not|no)\b)[A-Za-z]"
)


# A "that"-clause whose verb is an auxiliary or a copula ("that the room has ...", "that a light
# will be lit ...") states what is so or what a notice says, not what a body is asked to do.
_THAT_STATES = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|may|might|shall|does|did|be|been)\b"
)


def _that_ask(sentence: str) -> bool:
    """An item that opens with a mandative "that" and a named subject (rule
    "that-clause-asks")."""
    m = _THAT_ASK.match(sentence) if on("that-clause-asks") else None
    if not m or len(sentence.split()) < 5:
        return False
    opening = " ".join(sentence[m.end() - 1 :].split()[:8])
    return not _THAT_STATES.search(opening)


def _that_lead_ins(text: str) -> list[tuple[int, str]]:
    """(end, lead-in) of each paragraph whose last sentence is an author's asking verb and a
    colon ("I therefore recommend:")."""
    out = []
    for line in re.finditer(r"[^\n]+", text):
        last = re.split(r"(?<=[.!?])\s+(?=[A-Z])", line.group())[-1].strip()
        if _ASKING_COLON.match(last):
            out.append((line.end(), last))
    return out


def _asking_lead_ins(text: str) -> list[tuple[int, str]]:
    """(end, lead-in) of each paragraph whose last sentence asks and announces its asks."""
    out = []
    for line in re.finditer(r"[^\n]+", text):
        last = re.split(r"(?<=[.!?])\s+(?=[A-Z])", line.group())[-1]
        follow = _ASKS_FOLLOW.search(last)
        if follow and _ASKING.search(last[: follow.start()]):
            out.append((line.end(), last.strip()))
    return out


# Rule "addressed-lead-ins" (round 22): a request for action addressed to a body may be a
# lead-in that names the addressee and stops on "to:" ("We call on the Treasury to:", "I
# now ask you to:", "We urge chief constables to:"); each item after it completes the
# infinitive, so each is an ask whatever its verb and its case ("(a) provide me with ...",
# "2. Publish ..."), and asks the lead-in's addressee. What is recognised is the function (the
# author, an asking verb in the present, an addressee that is a body, a role or "you", and the
# infinitive marker left open for the items), not a writer's verb. A report of what someone
# else asked ("the Ombudsman asked us to:") has no author's asking and opens nothing.
_ADDRESSED_TO = re.compile(
    r"\b(?:I|we)\s+(?:(?:am|are|would|also|therefore|now|further|strongly|formally|again|"
    r"hereby|specifically|respectfully)\s+)*"
    r"(?:ask(?:ing)?|urg(?:e|ing)|call(?:ing)?\s+(?:on|upon)|invit(?:e|ing)|request(?:ing)?|"
    r"requir(?:e|ing)|expect(?:ing)?|want|like|recommend(?:ing)?|encourag(?:e|ing)|press(?:ing)?)"
    r"\s+(?P<who>[^:;.!?\n]{2,160}?)\s+to\s*:\s*$",
    re.I,
)


def addressed_lead_in(lead: str) -> tuple[bool, list[str]]:
    """Whether ``lead`` is an addressed lead-in (rule "addressed-lead-ins"), and whom it
    addresses: its bodies or roles as written, [] for "you" (the letter's recipient)."""
    m = _ADDRESSED_TO.search(lead) if on("addressed-lead-ins") else None
    if not m:
        return False, []
    who = m.group("who").strip()
    if re.fullmatch(r"(?:all\s+of\s+)?you", who, re.I):
        return True, []
    names = addressed_names(who)
    return bool(names), names


def _addressed_lead_ins(text: str) -> list[tuple[int, str]]:
    """(end, lead-in) of each paragraph whose last sentence is an addressed lead-in."""
    out = []
    for line in re.finditer(r"[^\n]+", text):
        last = re.split(r"(?<=[.!?])\s+(?=[A-Z])", line.group())[-1].strip()
        if addressed_lead_in(last)[0]:
            out.append((line.end(), last))
    return out


def _completes_infinitive(sentence: str) -> bool:
    """An item after an addressed lead-in: it opens with a verb in the base form, any verb, in
    capitals or not (not a determiner, pronoun or preposition, nor a word in a form only a
    finite verb or an adverb takes)."""
    m = re.match(r"\s*([A-Za-z][a-z]+)\s+\S", sentence)
    if not m or len(sentence.split()) < 3:
        return False
    word = m.group(1).lower()
    if word in VERBS:
        return True
    if word.endswith("ing") and len(word) <= 6:
        return True  # "bring", "swing": a base form, not a gerund
    return _base_form(word)


def imperative_items(doc: Document) -> list[Found]:
    text = doc.text
    found: list[Found] = []
    if on("addressed-lead-ins"):
        for end, lead in _addressed_lead_ins(text):
            if not doc.in_contents(end) and not any(f.start <= end < f.end for f in found):
                found += _items_after(doc, end, lead, asked=True, infinitive=True)
    if on("asking-lead-in-lists"):
        for end, lead in _asking_lead_ins(text):
            if not doc.in_contents(end):
                found += _items_after(doc, end, lead, asked=True)
    if on("that-clause-asks"):
        for end, lead in _that_lead_ins(text):
            if not doc.in_contents(end) and not any(f.start <= end < f.end for f in found):
                found += _items_after(doc, end, lead)
    for anchor in _ANCHOR.finditer(text):
        start = anchor.end()
        if doc.in_contents(anchor.start()) or any(f.start <= start < f.end for f in found):
            continue
        if found and start < found[-1].end:
            continue
        line = anchor.group("line").strip()
        said = text[anchor.start() : anchor.end()].strip()
        if not said.endswith((":", "?")) and (len(line.split()) > 10 or line.endswith(".")):
            continue  # a sentence that mentions recommendations, not a heading or a lead-in
        if re.search(r"[.!?][\d”\"’)]*\s+[A-Z]", line):
            continue  # a sentence ends inside: the colon belongs to a later heading or sentence
        found += _items_after(doc, start, line)
    return found


def _next_heading(doc: Document, start: int) -> int:
    for h in doc.headings:
        if h.start > start:
            return h.start
    return len(doc.text)


def _segments(text: str, a: int, b: int) -> list[tuple[int, int, bool]]:
    """(start, end, is a sub-point) of each list line and the lines that continue it."""
    out: list[list] = []
    for la, lb in _lines(text, a, b):
        body = text[la:lb]
        if " | " in body:  # a table row: its recommendation is the cell that gives a command
            cell = _command_cell(body)
            if cell is not None:
                out.append([la + cell[0], la + cell[1], False])
            continue
        marker = _MARKER.match(body)
        if marker or not out:
            sub = bool(_SUB_MARKER.match(body)) and bool(out)
            out.append([la + (marker.end() if marker else 0), lb, sub])
        else:
            out[-1][1] = lb
    return [(x, y, z) for x, y, z in out]


# A list glyph run into a line ("... further?  Improve ...  Strengthen ..."): symbol-font
# glyphs anywhere, round bullets after a space (rule "inline-bullets"; dashes stay, as prose uses
# them).
_INLINE_BULLET = re.compile("(?<=\\S)[ \t]+(?=[•●▪■" + PRIVATE_USE + r"][ \t])")


def _lines(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """(start, end) of each line of ``text[a:b]``, a line cut where a list glyph is run into it."""
    out = []
    for line in re.finditer(r"[^\n]+", text[a:b]):
        la, lb = a + line.start(), a + line.end()
        if on("inline-bullets"):
            for cut in _INLINE_BULLET.finditer(text, la, lb):
                out.append((la, cut.start()))
                la = cut.end()
        out.append((la, lb))
    return out


def _command_cell(row: str) -> tuple[int, int] | None:
    """(start, end) within ``row`` of its first cell that opens with a command."""
    at = 0
    for cell in row.split(" | "):
        lead = len(cell) - len(cell.lstrip())
        if opens_with_command(cell.strip()):
            return at + lead, at + len(cell.rstrip())
        at += len(cell) + 3
    return None


def _items_after(
    doc: Document, start: int, lead: str, asked: bool = False, infinitive: bool = False
) -> list[Found]:
    text = doc.text
    end = min(_next_heading(doc, start), start + _MAX_SCOPE)
    items: list[Found] = []
    for para in re.finditer(r"(?:[^\n]+\n?)+", text[start:end]):
        a = start + para.start()
        b = start + para.start() + len(para.group().rstrip())
        if "\n" not in text[a:b] and _heading_next(text, a - 2, end) and not _MARKER.match(text, a):
            break  # a heading: the list (if any) is over
        if (
            items
            and _SUB_MARKER.match(text[a : a + 8])
            and _has_sub_points(text[items[-1].start : a])
        ):
            items[-1].end = b  # its sub-points go on after a page break
            continue
        for sa, sb, sub in _segments(text, a, b):
            if sub and items and not _that_ask(text[sa:sb]):
                items[-1].end = sb  # a sub-point ("- ...", "(a) ...") stays inside its parent
                continue
            for s, e in sentence_spans(doc.flat, sa, sb):
                sentence = text[s:e]
                if (
                    opens_with_command(sentence)
                    or (asked and _bare_command(sentence))
                    or (infinitive and _completes_infinitive(sentence))
                    or _that_ask(sentence)
                ):
                    items.append(Found(s, e, "list", intro=lead or None))
                elif (
                    items
                    and _call_under_heading(sentence)
                    and (_new_paragraph(text, items, s) or _another_call(items[-1], sentence))
                ):
                    items.append(Found(s, e, "sentence", intro=lead or None))
                elif items and s - items[-1].end < 4:
                    items[-1].end = e  # the item's own reasoning or sub-clause
                elif items or len(sentence.split()) > 8 and not sentence.rstrip().endswith(":"):
                    return items  # prose: the list is over, or this is no list of commands
        if items and b < end and not _continues_list(text, b, end):
            break
        if items and _heading_next(text, b, end):
            break
    return items


def _heading_next(text: str, at: int, end: int) -> bool:
    """Whether the next paragraph is a heading: one short line without closing punctuation,
    followed by a blank line ("Understanding the risk of fire")."""
    m = re.compile(r"\s*\n[ \t]*\n[ \t]*([^\n]{1,90})\n[ \t]*\n").match(text, at)
    if not m or m.end() > end + 2:
        return False
    line = m.group(1).strip()
    return not re.search(r"[.;:!?)]$", line) and len(line.split()) <= 10


def _is_sub(line: str) -> bool:
    return bool(re.match(r"^[ \t]*(?:[-–·◦]|\(?[a-z][.)]|\(?[ivx]{1,4}\))\s+", line))


def _continues_list(text: str, at: int, end: int) -> bool:
    """Whether the paragraph after ``at`` carries the list on (an item or a sub-point)."""
    m = re.compile(r"\s*").match(text, at)
    nxt = text[m.end() : min(end, m.end() + 300)]
    first = nxt.split("\n", 1)[0]
    return (
        bool(_MARKER.match(first))
        or opens_with_command(first)
        or _call_under_heading(first)
        or _that_ask(first)
    )


def _has_sub_points(item: str) -> bool:
    """Whether an item lists sub-points after a colon ("... by: – adhering ... – assessing")."""
    return bool(re.search(r":\s*[-–·◦]\s", item))


def _another_call(last: Found, sentence: str) -> bool:
    """A call after a call: its own item, unless it goes on about the one before ("It should
    also ...", "This should ...")."""
    return last.kind == "sentence" and not re.match(r"\s*(?:It|This|They|These|Such)\b", sentence)


def _new_paragraph(text: str, items: list[Found], at: int) -> bool:
    """Whether ``at`` opens a paragraph after the last item's (not its own next sentence)."""
    return bool(re.search(r"\n[ \t]*\n", text[items[-1].end : at]))


def _call_under_heading(sentence: str) -> bool:
    """A "should"/"must" call among (or after) the commands under the same heading (rule
    "calls-under-heading"): the heading makes it one of the list's recommendations."""
    return on("calls-under-heading") and not sentence.rstrip().endswith("?") and _is_call(sentence)
