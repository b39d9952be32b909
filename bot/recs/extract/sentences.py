"""Sentences that recommend, lists a recommending sentence introduces, and the items of a
recommendations section."""

from __future__ import annotations

import re

from bot.library.text import sentence_spans
from bot.recs.extract.actors import addressed_names, call_subject, lead_in_actors
from bot.recs.extract.calls import (
    _MODAL,
    _RECOMMEND,
    _URGE,
    _call_ok,
    _explicit,
    _is_call,
    _passive,
    _recommends,
)
from bot.recs.extract.found import Found
from bot.recs.extract.rules import on
from bot.recs.extract.structure import _SECTION, LABEL_MARKER, _Block, _lists, roman_value

_CONTINUES = re.compile(
    r"^(?:(?:In\s+particular|In\s+addition|Also|Further|Furthermore|Moreover),?\s+)?"
    r"(?:This|These|It|Such|That|They|[Ii]t|[Tt]hey|[Tt]his)\b"
)


_CONTINUE_MODAL = re.compile(r"\b(?:should|must|needs?\s+to|would|could|ought)\b", re.I)


# A lead-in whose call is whole and lists its parts ("... should at least comprise:", "should
# include the following:"): the list is inside one recommendation.
_WHOLE = re.compile(
    r"\b(?:should|must|shall|needs?\s+to)\s+(?:\w+\s+){0,3}?(?:comprise|include|cover|consist|"
    r"contain|incorporate)\w*\b[^:]{0,60}:\s*$",
    re.I,
)
_LETTER_BEFORE = re.compile(r"(?:^|\s)\(?(?:[a-z]|[ivx]{1,4})[.)]\s*$")
# A summarised paragraph that says "we recommend" is taken at its word (its "should" sentences
# being the reasoning); switched off: see bench/RESULTS.md.
EXPLICIT_PARAGRAPH = False
_SUB_POINT = re.compile(r"^\(?(?:[a-z]|[ivx]{1,4})[.)]")


# A lead-in that ends with its modal ("The force should:", "Within six months, the service
# must:", "The region should, by March 2027:"): the verb of each call is in the items below it.
# Not "should include:", "should adopt a code covering:" (a whole call listing its parts).
_BARE_MODAL = re.compile(
    r"\b(?:should|must|shall|needs?\s+to|ought\s+to)(?:\s+\w+ly)?(?:\s*,[^,:;]{1,80},?)?\s*:\s*$",
    re.I,
)


def bare_modal_lead(lead: str) -> bool:
    """Whether a lead-in ends with a modal and a colon, its verb left to the items below."""
    return bool(_BARE_MODAL.search(lead.rstrip()))


# Rule "lead-in-subject": the subject of a lead-in that ends with its modal names who acts,
# whatever its head noun ("The northern district should:", "The area transport manager
# should:"); taken as written, after an opening phrase ("By March 2027, "), when no body is
# recognised in it (a heading's addressee comes first, then what the lead-in names).
_LEAD_SUBJECT = re.compile(
    r"(?:^|,\s+)(?!(?:We|I|It|They|This|These|Those|There)\b)"
    r"(?P<who>(?:The|the|[A-Z][\w'’.-]*)(?:\s+(?!(?:that|which|who)\b)[\w'’.-]+){0,7}?)\s+"
    r"(?:should|must|shall|needs?\s+to|ought\s+to)\b[^,:;]*?(?:,[^,:;]{1,80},?)?\s*:\s*$"
)


def lead_in_subject(intro: str) -> list[str]:
    """The subject of a bare-modal lead-in, as written, or nothing."""
    if not on("lead-in-subject"):
        return []
    m = _LEAD_SUBJECT.search(" ".join(intro.split()))
    return [m.group("who")] if m else []


# Rule "call-then-lead-in": a paragraph that makes its call and then opens a list of its parts
# ("Within a year, the service should adopt a new rota. It should:" then "(a) ...", "(b) ...")
# is one recommendation from its call, with the parts: the lead-in ("It should:", "The plan
# should include:") only goes on with it. Before, the item began at the lead-in and the call
# before it was lost (the development gold's opening words begin where the recommendation does,
# with any lead-in clause of the paragraph before it).
def _call_before_lead_in(flat: str, spans: list[tuple[int, int]]) -> int | None:
    """Where the first call of a paragraph ending in a lead-in begins, when the call is in an
    earlier sentence than the lead-in; else None."""
    if not on("call-then-lead-in") or len(spans) < 2:
        return None
    for start, end in spans[:-1]:
        if _recommends(flat[start:end], False):
            return start
    return None


def _marker(text: str, start: int) -> str:
    return text[text.rfind("\n", 0, start) + 1 : start].strip(" (")


# Rule "heading-line-run-in": a recommendations heading printed on the line above its first
# paragraph with no blank line between ("Recommendations" then "Within three months, the force
# should make sure that:" in one block) heads that paragraph, as a section's opening heading run
# into its first paragraph already did (``Document.blocks_in``); before, inside a section the
# whole block was taken for a sub-heading and its lead-in was lost.
def _run_in_heading(body: str, sub: re.Match | None) -> int:
    """Where the paragraph under a heading line run into its block begins (0: no such heading)."""
    if sub is None or not on("heading-line-run-in"):
        return 0
    line_end = body.find("\n")
    if line_end < 0 or sub.end() != line_end + 1 or body[: sub.end()].strip().endswith(":"):
        return 0
    rest = body[line_end + 1 :]
    if not rest.strip():
        return 0
    return line_end + 1 + len(rest) - len(rest.lstrip())


def _section_items(text: str, flat: str, blocks: list[_Block]) -> list[Found]:
    """A recommendations section: each numbered or bulleted item is one recommendation whatever
    sub-heading it sits under; "Recommendations to X" sub-headings address the items below;
    prose paragraphs count where they recommend."""
    found: list[Found] = []
    heading: list[str] = []
    lead: Found | None = None  # "By 31 December, the service should:" and the items it governs
    colon = False  # the block before ends with a colon (a lead-in: "... that the force:")
    addressed: list[tuple[int, list[str]]] = []  # addressee headings: (offset, names)
    for block in blocks:
        body = text[block.start : block.end]
        after_colon, colon = colon, not block.bullet and body.rstrip().endswith(":")
        sub = _SECTION.match(body)
        rest = _run_in_heading(body, sub)
        if rest:
            # rule "heading-line-run-in": the heading heads the paragraph printed below it
            heading = [sub.group("to").strip()] if sub.group("to") else []
            lead = None
            block = _Block(block.start + rest, block.end, False, block.para)
            body = text[block.start : block.end]
        elif sub and len(body) < 120:
            heading = [sub.group("to").strip()] if sub.group("to") else []
            lead = None
            continue
        who = _addressee_heading(body) if not block.bullet else []
        if who:
            heading, lead = who, None  # "For the Department for Transport:": the items below ask it
            addressed.append((block.start, who))
            continue
        if block.bullet:
            marker = text[text.rfind("\n", 0, block.start) + 1 : block.start].strip(" (")
            labelled = LABEL_MARKER.match(marker + " A") if on("label-list-markers") else None
            if lead is not None and not marker[:1].isdigit() and not labelled:
                lead.end = block.end  # one recommendation: the call and its (unnumbered) list
                opens = getattr(lead, "_opens", None)
                if opens is not None:
                    lead.start = opens  # rule "call-then-lead-in"
                continue
            parent = found[-1] if found else None
            if _roman_sibling(text, parent, marker):
                # "ii." after "i.": the next item of a list numbered in roman numerals, not a
                # sub-point of the one before (rule "roman-dot-markers")
                found.append(Found(block.start, block.end, "list", heading_actors=list(heading)))
                continue
            if (
                on("modal-lead-in-numbers")
                and marker[:1].isdigit()
                and lead is not None
                and (parent is lead or getattr(parent, "_lead", None) is lead)
                and bare_modal_lead(text[lead.start : lead.end])
            ):
                # "The force should:" then "1. review ...", "2. publish ...": the lead-in has no
                # verb of its own, so each numbered item is a call, taking the lead-in's
                # addressee; the lead-in is no item (rule "modal-lead-in-numbers")
                if parent is lead:
                    found.pop()
                intro = text[lead.start : lead.end].strip().split("\n")[-1]
                who = list(heading) or lead_in_subject(intro)
                item = Found(block.start, block.end, "list", heading_actors=who)
                item.intro = intro
                item._lead = lead  # type: ignore[attr-defined]
                found.append(item)
                continue
            # a nested numbered list flattened by a web page's text ("1. ... covering:" then
            # "1. when ...", "2. how ..."): lower-case items after a colon are sub-points
            nested = (
                on("numbered-sub-points") and marker[:1].isdigit() and body.lstrip()[:1].islower()
            )
            letter = on("lettered-lists") and re.fullmatch(r"[a-z][.)]", marker)
            if letter and (after_colon or getattr(parent, "_letters", False)):
                # "(a)" ... "(e)" straight after a lead-in, not under a numbered item: a list of
                # recommendations lettered, each its own (rule "lettered-lists")
                item = Found(block.start, block.end, "list", heading_actors=list(heading))
                item._letters = True  # type: ignore[attr-defined]
                found.append(item)
                continue
            if (
                parent is not None
                and (_SUB_POINT.match(marker) or nested)
                and (
                    text[parent.start : parent.end].rstrip().endswith(":")
                    or _SUB_POINT.match(_marker(text, parent.start))
                    or getattr(parent, "_has_subs", False)
                )
            ):
                parent.end = block.end  # "(a)", "(ii)": a sub-point stays inside its parent
                parent._has_subs = True  # type: ignore[attr-defined]
                continue
            item = Found(block.start, block.end, "list", heading_actors=list(heading))
            if labelled:  # "R1.", "Rec 1.": the document's own label, a number to link by
                item.label = " ".join(marker.rstrip(".:)").split())
            elif on("list-number-labels") and re.fullmatch(r"\d{1,3}[.)]", marker):
                item.label = marker[:-1]  # "1." in a recommendations section: its number
            found.append(item)
            continue
        lead = None
        if len(body) < 100 and not _MODAL.search(body):
            continue  # a topic sub-heading
        if body.rstrip().endswith(":") and _recommends(flat[block.start : block.end], False):
            spans = sentence_spans(flat, block.start, block.end)
            lead = Found(spans[-1][0] if spans else block.start, block.end, "sentence")
            lead.heading_actors = list(heading)
            opens = _call_before_lead_in(flat, spans)
            if opens is not None:
                lead._opens = opens  # type: ignore[attr-defined]
            found.append(lead)
            continue
        for item in _unlabelled(flat, [block], commentary=False):
            item.heading_actors = list(heading)
            found.append(item)
    for item in found:
        before = [names for at, names in addressed if at < item.start]
        if before and item.heading_actors == before[-1]:
            item.addressed = True
    return found


# Rule "addressee-headings" (round 22): a line of its own that names only an addressee and ends
# with a colon ("For the Department for Transport:", "To the Licensing Committee:", in bold or not)
# heads the items below it: they ask that body or role. The test is the function (a preposition
# of address, then nothing but a body or a role, then the colon), not a publisher's wording.
_ADDRESSEE_HEADING = re.compile(
    r"^[ \t]*(?:\*\*|__)?(?:For|To)[ \t]+(?P<who>[^:\n*]{2,120}?)[ \t]*:[ \t]*(?:\*\*|__)?[ \t]*$"
)


def _addressee_heading(body: str) -> list[str]:
    m = _ADDRESSEE_HEADING.match(body) if on("addressee-headings") else None
    return addressed_names(m.group("who")) if m else []


def _roman_sibling(text: str, parent: Found | None, marker: str) -> bool:
    """Whether an item marked ``marker`` ("ii.") follows its parent as the next roman numeral,
    the parent itself an item so marked and not a lead-in to sub-points."""
    if parent is None or not on("roman-dot-markers"):
        return False
    value = roman_value(marker)
    before = roman_value(_marker(text, parent.start))
    if value is None or before is None or value != before + 1:
        return False
    return not text[parent.start : parent.end].rstrip().endswith(":")


def _unlabelled(
    text: str,
    blocks: list[_Block],
    commentary: bool,
    scope: list[tuple[int, int]] | None = None,
    join: bool = False,
) -> list[Found]:
    """Sentences that recommend, and lists a recommending sentence introduces. With ``join``
    (quoted or summarised recommendations: each numbered paragraph is whole), a list belongs to
    the sentence that introduces it ("we recommend that the Government: • produce ...; • take
    ...") and a list introduced by a finding ("Effective evaluation requires that:") is none."""
    if scope is not None:
        clipped = []
        for b in blocks:
            for start, end in scope:
                if b.start < end and b.end > start:
                    clipped.append(_Block(max(b.start, start), min(b.end, end), b.bullet, b.para))
        blocks = [b for b in clipped if text[b.start : b.end].strip()]
    found: list[Found] = []
    in_lists: set[int] = set()
    intros: set[tuple[int, int]] = set()
    extend_to: dict[tuple[int, int], int] = {}
    for items, intro in _lists(text, blocks):
        spans = sentence_spans(text, intro.start, intro.end)
        last = spans[-1] if spans else (intro.start, intro.end)
        sentence = text[last[0] : last[1]]
        introduces = sentence.rstrip().endswith(":") or "following" in sentence.lower()
        recommending = _RECOMMEND.search(sentence) or (
            not commentary and introduces and _is_call(sentence)
        )
        lettered = all(_LETTER_BEFORE.search(text, max(0, b.start - 8), b.start) for b in items)
        if (join or lettered or _WHOLE.search(sentence)) and introduces:
            # sub-points "(a)", "(ii)" belong to the sentence that introduces them: one item
            in_lists.update(b.start for b in items)
            if recommending:
                extend_to[last] = items[-1].end
            continue
        if introduces and recommending:
            intros.add(last)
            for b in items:
                in_lists.add(b.start)
                found.append(Found(b.start, b.end, "list", intro=sentence))
    for block in blocks:
        if block.start in in_lists:
            continue
        spans = sentence_spans(text, block.start, block.end)
        # A summarised paragraph that says "we recommend" is taken at its word: its "should"
        # sentences are the reasoning that leads to the recommendation.
        explicit = join and EXPLICIT_PARAGRAPH and any(_explicit(text[a:b]) for a, b in spans)
        i = 0
        while i < len(spans):
            span = spans[i]
            i += 1
            sentence = text[span[0] : span[1]]
            if span in intros or sentence.rstrip().endswith("?"):
                continue
            if not _recommends(sentence, commentary) or (explicit and not _explicit(sentence)):
                continue
            end = extend_to.get(span, span[1])
            while i < len(spans) and end == span[1]:
                nxt = text[spans[i][0] : spans[i][1]]
                if not (_CONTINUES.match(nxt) and _CONTINUE_MODAL.search(nxt)) and not _carries_on(
                    nxt
                ):
                    break
                if _follow_on_call(sentence, nxt):
                    break  # "X should A. It should also B.": a call of its own
                end = spans[i][1]
                i += 1
            found.append(Found(span[0], end, "sentence"))
    return found


def _carries_on(sentence: str) -> bool:
    """A "should" sentence that says more about the call before it rather than making a new
    one: passive ("The code should be consulted on"), or about the thing asked for rather than
    a body ("The review should consider pay ...")."""
    calls = [m for m in _MODAL.finditer(sentence) if _call_ok(sentence, m)]
    if not calls or _RECOMMEND.search(sentence) or _URGE.search(sentence):
        return False
    first = calls[0]
    if _passive(sentence[first.end() :]):
        return True
    before = sentence[: first.start()]
    thing = re.match(r"\s*(?:The|This|That|Such|These|Those)\s+[a-z][\w\s-]{0,40}$", before)
    return bool(thing) and call_subject(before) is None


# "It should also ensure ...", "They must also ...": a second call by pronoun (rule
# "pronoun-continuation"); not "It should also be noted", "It should also have been".
_FOLLOW_ON = re.compile(
    r"^(?:(?:In\s+addition|Further(?:more)?|Moreover),?\s+)?(?P<p>It|They)\s+"
    r"(?:(?:should|must|shall|needs?\s+to|will\s+need\s+to)\s+also|also\s+(?:should|must|"
    r"needs?\s+to))\s+(?!(?:be|have|been|not)\b)[a-z]+",
)


def _follow_on_call(head: str, nxt: str) -> bool:
    """Whether ``nxt`` is a call of its own on the body ``head`` asks: "The Government should
    set out ... It should also ensure ..." (example written for this comment). The head must
    name a body, and "It" must stand for one body (a plural subject makes "It" the thing asked
    for: "The councils should adopt a plan. It should also cover ...")."""
    if not on("pronoun-continuation"):
        return False
    m = _FOLLOW_ON.match(nxt.strip())
    if not m:
        return False
    actors = lead_in_actors(head)
    if not actors:
        return False
    if m.group("p") == "They":
        return True
    return len(actors) == 1 and not _plural(actors[0])


def _plural(body: str) -> bool:
    """A body named in the plural ("water companies", "ICSs"); "the Government", "the
    Department for Transport", "NHS England" are one."""
    head = re.split(r"\s+(?:of|for|on|in|to)\s+", body.strip())[0].split()
    word = head[-1] if head else ""
    return word.lower().endswith("s") and not word.lower().endswith("ss") and not word.isupper()
