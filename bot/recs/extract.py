"""Find the recommendations a document makes: where they are, who they ask, who makes them.

The rules, in order of trust (the first that finds any decides):

1. Labelled recommendations: "Recommendation 3: Title" (inquiry and inspection reports, and the
   government responses that quote them), each running to the next label, a numbered paragraph or
   the response; "Recommendation:" paragraphs (committee summaries). A document that labels its
   recommendations is taken at its word. A report that repeats them in a closing list yields
   each once (the list's copy).
2. Quoted recommendations in a response: the text between a heading ("Committee Recommendation",
   "HoL Inquiry Recommendation") and the response ("The Government accepts ..."), read with the
   sentence rules below; the response's answer is kept beside each (``stance``).
3. A recommendations section ("Summary of recommendations", "Recommendations to the Ministry of
   Justice"): every numbered or bulleted item under whatever topic sub-heading; in a "Conclusions
   and recommendations" section the paragraphs that recommend, a paragraph that says "we
   recommend" being taken at its word (its "should" sentences are the reasoning).
4. Otherwise sentences that recommend: "We recommend that", "I entirely agree ... and recommend
   that", "we urge / encourage X to", "X would go some way to remedy ...", and, in reports and
   letters only (``CALL_TYPES``), calls made with "should", "must", "shall", "needs to". Lists
   introduced by recommending words give one recommendation per item. A following sentence that
   carries the same call on ("This should ...", "In particular, they should ...") joins it.

What is not a recommendation: anything in a debate or a transcript; in speeches, news, blogs and
"other" documents (codes of practice, memoranda, impact assessments) anything but explicit
recommending words, since their "should" states a duty or an argument; questions; reported words
("the Department told us that ...", "Ofcom suggest ...", "Sir Nick said ..."); calls inside a
statement of agreement; inverted modals ("should the newspaper win"); the author speaking of the
report ("I should record"); relative clauses and indirect questions.

Addressees are the subject of the call: "recommend that X ...", "urge X to", "X should", where X
is any named body or office-holder (``noun_phrase``), past an opening adverbial ("For all civil
emergency exercises, the governments ... should") or an aside (", in consultation with ...,");
"X, working with Y," names both. "it"/"they" take the addressees of the recommendation before; a
heading "Recommendations to X" addresses the items under it. A passive call ("needs to be
reviewed") names nobody, and none is invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.library.text import sentence_spans
from bot.recs import addressees as names
from bot.recs.deadlines import find_phrases

DEBATE_TYPES = {"hansard", "transcript", "debate", "evidence", "oral-evidence"}
COMMENTARY_TYPES = {"blog", "article", "news", "speech", "press-release", "opinion"}
# Kinds whose authors make calls with "should"/"must"/"shall" in their own prose. Other kinds
# (codes of practice, memoranda, impact assessments, position statements: "other") state duties
# and describe; there only explicit recommending words ("we recommend") count.
CALL_TYPES = {"", "committee-report", "inquiry-report", "inspection-report", "letter", "report"}

_BULLET = re.compile(
    r"(?:[-*•●◦–·▪]|\(?\d{1,3}\\?[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}\))\s+"  # "1\\." is markdown
)

# "We recommend that", "I would also recommend", "The Committee recommends", "It is recommended".
RECOMMENDER = r"I|we|the\s+(?:[\w&'’-]+\s+){0,5}?(?:committee|panel|inspectorate|commissioner)"
RECOMMEND_VERB = (
    r"\s+(?:(?:would|should|also|therefore|further|strongly|again|now|do|must|"
    r"(?:\S+\s+){1,10}?and(?:\s+(?:would|also|therefore|so|further))?)\s+)*"
    r"recommends?\b"
)
_RECOMMEND = re.compile(
    rf"\b(?:(?P<who>{RECOMMENDER}){RECOMMEND_VERB}(?!ed)"
    r"|\bit\s+is\s+(?:also\s+|therefore\s+)*recommended\s+that\b"
    r"|\bour\s+recommendations?\s+(?:is|are)\s+(?:that|to|as\s+follows)\b)",
    re.IGNORECASE,
)
# "We urge the Home Office to", "The Committee calls on the Government to", and in letters "I would
# ask that the force ...", "I ask you to ...".
_URGE = re.compile(
    rf"\b(?:{RECOMMENDER})\s+(?:(?:would|also|therefore|strongly|really|do|further|"
    r"(?:\S+\s+){1,16}?and(?:\s+(?:would|also|therefore|so|further|strongly))?)\s+)*"
    r"(?:(?:urges?|encourages?|calls?\s+on|calls?\s+upon|invites?)\s+(?=\S+(?:\s+\S+){0,8}?\s+to\s)"
    r"|(?:asks?|requests?)\s+(?=that\s|\S+(?:\s+\S+){0,3}?\s+to\s)"
    r"|(?:be|am|are)\s+grateful\s+if\s+(?=(?:you|the\s+\w+(?:\s+\w+){0,4}?)\s+(?:could|would)\s))",
    re.I,
)
_REMEDY = re.compile(
    r"\bwould\s+(?:go\s+(?:some|a\s+long)\s+way|help)\s+(?:to|towards)\s+"
    r"(?:remed|address|solv|resolv|tackl|fix|improv|reduc|overcom)",
    re.IGNORECASE,
)
MODAL = r"\b(?:should|must|shall|ought\s+to|needs?\s+to|will\s+need\s+to)\b"
_MODAL = re.compile(MODAL + r"(?!\s+have\s+been)", re.I)
_RELATIVE_BEFORE = re.compile(
    r"\b(?:that|which|who|whom|whose)\s+(?:\w+ly\s+)?$|\b(?:the|a|an|no|any|urgent|clear|"
    r"pressing|real|growing|this|their|its|our|his|her)\s+$",
    re.IGNORECASE,
)
_WH_CLAUSE = re.compile(
    r"\b(?:how|which|what|whether|where|when|why|if|unless|because|since|so\s+that)\b", re.I
)
_AGREEMENT = re.compile(
    r"\b(?:agree[sd]?|agreement|recogni[sz](?:e|es|ed|ing)|accept(?:s|ed)?|acknowledge[sd]?|"
    r"said|says|told|claim(?:s|ed)?|assert(?:s|ed)?|argue[sd]?|ambition|expectation|"
    r"concluded|found|proposed|suggest(?:s|ed)?|recommended|stated|noted|reported|believes?|"
    r"thinks?|submits?|submitted|contends?|hopes?)\b"
    r"(?:\s+[\w'’,-]+){0,8}?\s+that\b"
    # Reported words without "that": "Sir Nick said the force should", "Ofcom suggest councils".
    r"|\b(?:said|says|told\s+\w+|suggest(?:s|ed)?|argue[sd]?|claim(?:s|ed)?|insist(?:s|ed)?|"
    r"added|explained|according\s+to)\b",
    re.IGNORECASE,
)
# The author's own view is a call, not reported words: "The Committee believes that the Prison
# Service should ...", "We consider that ...".
_OWN_VIEW = re.compile(
    rf"\b(?:{RECOMMENDER})\s+(?:(?:also|therefore|still|firmly|strongly)\s+)*(?:believes?|considers?|"
    r"thinks?|(?:is|are|remains?)\s+of\s+the\s+(?:view|opinion))\s+that\b",
    re.IGNORECASE,
)
# "should the newspaper win": an inverted modal opens a condition or a question, not a call.
_INVERTED = re.compile(
    r"\s+(?:the|a|an|this|that|these|those|it|they|he|she|we|you|there|any|such)\s+\w+", re.I
)
# "I should record", "we should add": the author speaking of their own report.
_SELF = re.compile(r"\b(?:I|we)\s+(?:(?:also|therefore|now|first|further)\s+)*$", re.I)
_SELF_VERB = re.compile(
    r"\s+(?:(?:also|like\s+to|first|briefly|perhaps)\s+)*(?:record|add|say|note|mention|like|"
    r"make\s+clear|emphasi[sz]e|stress|point\s+out|explain|acknowledge|observe|state|repeat|"
    r"begin|start|end|conclude|declare|disclose|thank|turn|deal|consider|remind)\b",
    re.I,
)
_CLAUSE_START = re.compile(
    r"(?:^|[,;:(—–]\s*|\b(?:that|but|and|so|then|also|therefore)\s+)$", re.IGNORECASE
)
_PASSIVE = re.compile(
    r"^\s*(?:(?:also|therefore|now|then|still|\w+ly)\s+)*(?:be|remain|become|been|get)\s+"
    r"(?:(?:\w+ly|also|more|better|fully|further|properly)\s+)*[\"“‘']?(?P<word>[A-Za-z-]+)",
    re.IGNORECASE,
)
_IRREGULAR = {
    "held",
    "made",
    "set",
    "paid",
    "given",
    "taken",
    "seen",
    "done",
    "told",
    "kept",
    "put",
    "run",
    "led",
    "brought",
    "built",
    "sent",
    "spent",
    "met",
    "shown",
    "known",
}
_PRONOUN = re.compile(r"\b(?P<p>it|they)\s+(?:(?:also|therefore|now|then)\s+)?$", re.IGNORECASE)
_CONTINUES = re.compile(
    r"^(?:(?:In\s+particular|In\s+addition|Also|Further|Furthermore|Moreover),?\s+)?"
    r"(?:This|These|It|Such|That|They|[Ii]t|[Tt]hey|[Tt]his)\b"
)
_CONTINUE_MODAL = re.compile(r"\b(?:should|must|needs?\s+to|would|could|ought)\b", re.I)


def _actor_pattern() -> str:
    variants = sorted(
        {v for vs in names.KNOWN.values() for v in vs} | {n.lower() for n in names.KNOWN},
        key=len,
        reverse=True,
    )
    one = (
        r"(?:(?:the|all|each|every|both|individual|relevant|local)\s+)*"
        r"(?:"
        + "|".join(re.escape(v).replace("'", "['’]") for v in variants)
        + r"|(?-i:[A-Z][A-Za-z&]*[A-Z]s?))"
    )
    return rf"{one}(?:\s*(?:,|\band\b|&|,\s*and\b)\s*{one})*"


_ACTORS = _actor_pattern()
_ACTORS_SUFFIX = re.compile(
    rf"(?P<actors>{_ACTORS})\s+(?:(?:also|therefore|now|then|themselves|itself|jointly)\s+)*$",
    re.IGNORECASE,
)
_SPLIT_ACTORS = re.compile(r"\s*(?:,\s*and\b|,|\band\b|&)\s*", re.IGNORECASE)


@dataclass
class Found:
    """One recommendation: offsets into the document's cleaned text, and what the text says."""

    start: int
    end: int
    kind: str  # label, list or sentence
    actors: list[str] = field(default_factory=list)  # as written ("the Home Office", "NCA")
    pronoun_for: str | None = None  # the actor a leading "it"/"they" stands for, as written
    made_by: str | None = None  # the maker when the text names one other than I/we
    intro: str | None = None  # the sentence that introduces a list item
    label: str | None = None  # the document's own label ("Recommendation 3")
    heading_actors: list[str] = field(default_factory=list)  # from "Recommendations to X"
    response: str | None = None  # a response document's answer: accepted, accepted in part, ...
    response_text: str | None = None  # the sentence that gives it, as written


@dataclass
class _Block:
    start: int  # offsets of the text after any bullet marker
    end: int
    bullet: bool
    para: int  # which paragraph (blank-line separated) the block belongs to


def extract(text: str, doc_type: str | None = None) -> list[Found]:
    """The recommendations in a document's cleaned text, in document order."""
    doc_type = (doc_type or "").lower()
    if doc_type in DEBATE_TYPES:
        return []
    blocks = _blocks(text)
    # Sentences may wrap across lines inside a block: split them on a copy with the line
    # breaks as spaces (same length, so every offset still points into ``text``).
    flat = text.replace("\n", " ")
    found = _labelled(text, blocks)
    if found:
        # Inspection reports label their recommendations and list their areas for improvement
        # under a heading: a section that holds no labelled item adds its own.
        for start, end, _mixed, heading in _sections(text):
            if not any(start <= f.start < end for f in found):
                inside = [b for b in blocks if start <= b.start < end]
                for item in _section_items(text, flat, inside):
                    item.heading_actors = item.heading_actors or ([heading] if heading else [])
                    found.append(item)
    if not found:
        zones = _quoted_zones(text)
        if not zones and doc_type == "government-response":
            zones = _answered_paragraphs(text)
        if zones:
            found = _unlabelled(flat, blocks, commentary=False, scope=zones, join=True)
            for item in found:
                zone = next(z for z in zones if z[0] <= item.start < z[1])
                _set_response(text, item, zone[1], at=zone[1])
    if not found:
        for start, end, mixed, heading in _sections(text):
            inside = [b for b in blocks if start <= b.start < end]
            if mixed:
                items = _unlabelled(flat, inside, commentary=False, join=True)
            else:
                items = _section_items(text, flat, inside)
            for item in items:
                if not item.heading_actors and heading:
                    item.heading_actors = [heading]
            found += items
    if not found:
        found = _unlabelled(flat, blocks, commentary=doc_type not in CALL_TYPES)
    found = _dedupe(text, found)
    found.sort(key=lambda f: f.start)
    last: list[str] = []
    for item in found:
        _fill_actors(text, item, last)
        if not item.actors and item.heading_actors:
            item.actors = list(item.heading_actors)
        if item.actors:
            last = item.actors
    return found


def _dedupe(text: str, found: list[Found]) -> list[Found]:
    """One of each recommendation: a report repeats its recommendations in a closing list, a
    response's contents page repeats their titles. The last copy (the list) is kept."""
    kept: dict[str, Found] = {}
    for item in sorted(found, key=lambda f: f.start):
        key = " ".join(re.findall(r"\w+", text[item.start : item.end].lower())[:14])
        if item.label:
            key = item.label.lower() + " " + key[:40]
        kept.pop(key, None)
        kept[key] = item
    return list(kept.values())


def _blocks(text: str) -> list[_Block]:
    """Paragraphs, with each bullet or numbered item of a list as its own block."""
    blocks: list[_Block] = []
    for para_no, para in enumerate(re.finditer(r"(?:[^\n]+\n?)+", text)):
        for line in re.finditer(r"[^\n]+", para.group()):
            start = para.start() + line.start()
            end = para.start() + line.end()
            marker = _BULLET.match(text, start)
            if marker:
                blocks.append(_Block(marker.end(), end, True, para_no))
            elif blocks and blocks[-1].para == para_no:
                blocks[-1].end = end  # a wrapped line continues its block
            else:
                blocks.append(_Block(start, end, False, para_no))
    merged: list[_Block] = []
    for block in blocks:
        # A list item or sentence broken by a page break: its rest starts in lower case after
        # a blank line.
        broken = merged and (
            merged[-1].bullet
            or not re.search(r"[.!?:;]\W*$", text[merged[-1].start : merged[-1].end])
        )
        if broken and not block.bullet and text[block.start].islower():
            merged[-1].end = block.end
        else:
            merged.append(block)
    return [
        part
        for b in merged
        for part in _split_numbered(text, b)
        if text[part.start : part.end].strip()
    ]


# A numbered paragraph ("8.19. Given that ...") run into the line before it by PDF extraction.
_NUMBERED_PARA = re.compile(r"(?<=[.;:)”\"])\s+(?=\d{1,2}\.\d{1,3}\.?\s+[A-Z‘“\"])")


def _split_numbered(text: str, block: _Block) -> list[_Block]:
    parts, start = [], block.start
    for m in _NUMBERED_PARA.finditer(text, block.start, block.end):
        parts.append(_Block(start, m.start(), block.bullet if not parts else False, block.para))
        start = m.end()
    parts.append(_Block(start, block.end, block.bullet if not parts else False, block.para))
    return parts


# "Recommendation 3: Title", "Recommendation:", "**Recommendation 3** –", "Recommendation 3" alone
# on its line; not "see Recommendation 3." (a reference) nor "Recommendation 8.3" (a paragraph).
_LABEL_ANY = re.compile(
    r"\**(?P<label>(?:Recommendation|Rec\.|Area\s+for\s+improvement|AFI)"
    r"(?:\s*(?P<num>\d{1,3}[a-z]?|[A-Z]\b))?)(?![.\d]*\d)"
    r"(?:[ \t]*\((?:[Pp]aragraphs?|[Pp]aras?\.?|[Pp]age)\s*[\d.,\s–-]+\))?"  # "(Paragraph 15)"
    r"(?:\s*\**\s*[:–—]\s*\**|(?<=[\d)])[ \t]*\**[ \t]*\n|(?<=\d[a-z])[ \t]*\**[ \t]*\n)\s*(?=\S)"
)
_REFERENCE_BEFORE = re.compile(
    r"\b(?:in|see|to|of|and|with|under|per|the|this|that|our|its|a|each|by|from|for|on|at|"
    r"or|as|their|your|his|her)\s*\**$",
    re.IGNORECASE,
)
_CONTENTS_LINE = re.compile(r"\.{5,}|…{3,}")
# Where a labelled recommendation ends: the next label, a numbered paragraph ("2.111."), a
# chapter or appendix heading, or the response of a government response document.
_ITEM_END = re.compile(
    r"(?:^|\s)(?=(?:[A-Z]?\d{1,2}\.\d{1,3}\.?\s+[A-Z‘“\"'(]))"
    r"|^\s*(?=(?:\d+\s+)?(?:CHAPTER|Chapter|APPENDIX|Appendix|ANNEX|Annex|PART|Part)\s+\w+\s*:)",
    re.MULTILINE,
)
_MAX_LABELLED = 6000
# A title run into the text breaks before a capitalised word: a sentence opener ("The", "For",
# "All"), or the first word of a named body after a lower-case word ("... and resilience Government
# departments should"); never inside a name ("the National Police Chiefs' Council").
_TITLE_BREAK = re.compile(r"(?<=[\w)’'])\s+(?=[A-Z])")
_OPENERS = set(
    "The For All Each Every Where In By Within When Once As Following We It Our This These Its "
    "Their Where Any No".split()
)
_JOINING = set("and or of the for to on in with by at from a an".split())


def _labelled(text: str, blocks: list[_Block]) -> list[Found]:
    """ "Recommendation 3: ..." items, each running to the next label or the end of its part."""
    labels = []
    for m in _LABEL_ANY.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.start())
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if _CONTENTS_LINE.search(line) or _REFERENCE_BEFORE.search(text[line_start : m.start()]):
            continue
        labels.append(m)
    found = []
    for i, m in enumerate(labels):
        limit = labels[i + 1].start() if i + 1 < len(labels) else len(text)
        limit = min(limit, m.end() + _MAX_LABELLED)
        end = limit
        for stop in (
            _ITEM_END.search(text, m.end(), limit),
            _RESPONSE.search(text, m.end(), limit),
        ):
            if stop and stop.start() > m.end():
                end = min(end, stop.start())
        if not m.group("num"):  # "Recommendation:" heads one paragraph (committee summaries)
            para_end = re.compile(r"\n[ \t]*\n").search(text, m.end(), end)
            end = para_end.start() if para_end else end
        start = _after_title(text, m.end(), end)
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start:
            continue
        label = " ".join(m.group("label").split())
        item = Found(start, end, "label", label=label if m.group("num") else None)
        _set_response(text, item, limit)
        found.append(item)
    if any(item.response for item in found):
        # A response document: where a response opens without a verdict, the quoted
        # recommendation ends with its last paragraph that still asks something.
        for item in found:
            if item.response is None and item.response_text is None:
                end = _end_of_asks(text, item.start, item.end)
                if end < item.end:
                    item.end = end
                    _set_response(text, item, item.end, at=end)
    else:
        # A report: a labelled item's own words end with its last paragraph that asks; the
        # findings printed after it ("We found gaps in 14 of 45 cases") are not the ask.
        for item in found:
            item.end = _end_of_asks(text, item.start, item.end)
    return found


def _end_of_asks(text: str, start: int, end: int) -> int:
    """The end of the last of the leading paragraphs that ask (a call, a lead-in ending with a
    colon, or a list item); prose after them is someone else's."""
    cut = start
    for para in re.finditer(r"(?:[^\n]+\n?)+", text[start:end]):
        body = para.group().strip()
        asks = _MODAL.search(body) or body.endswith(":") or _BULLET.match(body)
        if not asks and cut > start:
            break
        cut = start + para.start() + len(para.group().rstrip())
    return cut


def _after_title(text: str, start: int, end: int) -> int:
    """Where the recommendation's own words begin after its label: past a title on its own line
    ("Recommendation 4: A UK-wide strategy" then the text), or a title run into the text
    ("... A better approach to risk assessment The UK government ... should")."""
    first_end = text.find("\n", start, end)
    first = text[start : first_end if first_end >= 0 else end]
    if first_end >= 0 and len(first) <= 200 and not _MODAL.search(first):
        rest = first_end
        while rest < end and text[rest].isspace():
            rest += 1
        if rest < end and not _RECOMMEND.search(first):
            return rest
    head = text[start : min(end, start + 260)]
    for m in _TITLE_BREAK.finditer(head):
        left, right = head[: m.start()], head[m.end() :]
        if _MODAL.search(left) or _RECOMMEND.search(left) or re.search(r"[.,;:!?]", left):
            break  # a title has no clause of its own
        word = right.split()[0]
        asks = _MODAL.search(right) or _RECOMMEND.search(right)
        if not asks:
            break
        if word in _OPENERS:
            return start + m.end()
        previous = left.split()[-1] if left.split() else ""
        modal = _MODAL.search(right)
        subject = call_subject(right[: modal.start()]) if modal else None
        named = subject and not re.search(r"\s(?:The|A|An)\s", subject)
        if previous[:1].islower() and previous.lower() not in _JOINING and named:
            return start + m.end()
    return start


# Government responses: each quoted recommendation sits under a heading ("Recommendation 3",
# "HoL Inquiry Recommendation") and is followed by the response.
_QUOTE_HEAD = re.compile(
    r"^[ \t]*(?:[\w'’]+\s+){0,4}?recommendations?(?:\s+\d{1,3}[a-z]?)?"
    r"(?:[ \t]*\((?:paragraphs?|paras?\.?|page)\s*[\d.,\s–-]+\))?[ \t]*:?[ \t]*"
    r"(?:\n|(?:[A-Z][^\n.:;]{0,80}?\s)?(?=[A-Z]?\d{1,2}\.\d{1,3}\.?\s))",
    re.IGNORECASE | re.MULTILINE,
)
# The same heading run into the line before it by PDF extraction ("... Heads of Profession HoL
# Inquiry Recommendation 8.6. We recommend ..."): told from a reference ("see Recommendation 8.6")
# by the capitalised words that name it and the quoted paragraph's number after it.
_QUOTE_HEAD_INLINE = re.compile(
    r"(?<=\S\s)(?:[A-Z][\w'’]*\s+){1,4}Recommendations?\s+(?:[A-Z][^\n.:;]{0,80}?\s)?"
    r"(?=[A-Z]?\d{1,2}\.\d{1,3}\.?\s+[A-Z‘“\"'(])"
)
_RESPONSE = re.compile(
    r"^[ \t]*(?:(?:(?:[Tt]he\s+)?(?:[A-Z][\w'’]*\s+){1,3}|(?:government|departmental|ministerial|"
    r"hmg|our)\s+)?[Rr]esponse\b(?:\s+to\s+[Rr]ecommendation\s+[\w.]+)?\s*[:.\n]"
    # a verdict on its own ("Accepted.", "Partially agreed:") or in the first person
    r"|(?:Accepted|Agreed|Not\s+(?:accepted|agreed)|Rejected|Noted|Partially\s+(?:accepted|agreed)|"
    r"(?:Accepted|Agreed)\s+in\s+(?:part|principle))\s*(?:[.:;\n]|$)"
    r"|We\s+(?:(?:fully|partially|partly|therefore|also|broadly)\s+)*(?:accept|agree\s+with|"
    r"do\s+not\s+accept|reject|note|support|welcome)\s+(?:this|the)\s+recommendation"
    r"|(?:The\s+)?(?:UK\s+|Scottish\s+|Welsh\s+|HM\s+)?(?:[Gg]overnment|Department\b[^.\n]{0,40}?|"
    r"Home\s+Office|Ministry\b[^.\n]{0,40}?|Cabinet\s+Office|Treasury|Secretary\s+of\s+State)"
    r"\s+(?:(?:fully|broadly|partially|partly|therefore|also|strongly|warmly|has|have)\s+)*"
    r"(?:agrees?|accepts?|accepted|notes?|noted|welcomes?|supports?|acknowledges?|recognises?|"
    r"rejects?|disagrees?|does\s+not|do\s+not|considered|is\s+(?:grateful|committed|pleased))\b)",
    re.MULTILINE,
)
_MAX_QUOTE = 8000


def _quoted_zones(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quoted recommendation: from its heading to the response."""
    zones = []
    heads = list(_QUOTE_HEAD.finditer(text))
    starts = {h.start() for h in heads}
    heads += [h for h in _QUOTE_HEAD_INLINE.finditer(text) if h.start() not in starts]
    heads.sort(key=lambda h: h.start())
    for i, head in enumerate(heads):
        if _CONTENTS_LINE.search(text[head.start() : head.end() + 200].split("\n")[0]):
            continue
        limit = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        limit = min(limit, head.end() + _MAX_QUOTE)
        response = _RESPONSE.search(text, head.end(), limit)
        if response is not None and response.start() > head.end():
            zones.append((head.end(), response.start(), True))
        elif i + 1 < len(heads):  # a response that opens some other way
            zones.append((head.end(), _end_of_quote(text, head.end(), limit), False))
    # Only a document whose responses give a verdict somewhere is read as quoting.
    if not any(verdict for _, _, verdict in zones):
        return []
    return [(start, end) for start, end, _ in zones]


def _answered_paragraphs(text: str) -> list[tuple[int, int]]:
    """A response that quotes each recommendation without a heading ("2. The Ministry should
    ... (Paragraph 36)" then "We accept this recommendation."): each paragraph that asks,
    just before a paragraph that opens with a verdict."""
    zones = []
    for m in _RESPONSE.finditer(text):
        before = text[: m.start()]
        if before.strip() and not re.search(r"\n[ \t]*\n[ \t]*$", before):
            continue  # not at the start of a paragraph
        end = len(before.rstrip())
        gap = list(re.finditer(r"\n[ \t]*\n", text[:end]))
        start = gap[-1].end() if gap else 0
        para = text[start:end]
        verdict = stance(text[m.start() : m.start() + 300].split("\n")[0])
        if verdict and not _RESPONSE.match(para) and (_MODAL.search(para) or _explicit(para)):
            zones.append((start, end))
    return zones


_PARA_START = re.compile(r"\n[ \t]*\n[ \t]*(?=\S)")
_PARA_NUMBER = re.compile(r"[A-Z]?\d{1,2}\.\d{1,3}\.?\s")


def _end_of_quote(text: str, start: int, limit: int) -> int:
    """Where quoted numbered paragraphs ("8.7. We further recommend ...") give way to the
    response: the first later paragraph that is neither numbered nor the lower-case rest of one
    broken by a page."""
    if not _PARA_NUMBER.match(
        text, start + len(text[start:limit]) - len(text[start:limit].lstrip())
    ):
        return limit
    for m in _PARA_START.finditer(text, start, limit):
        nxt = m.end()
        if _PARA_NUMBER.match(text, nxt) or text[nxt].islower() or text[nxt] in "•●▪◦-–(0123456789":
            continue
        return m.start() + 1
    return limit


def _set_response(text: str, item: Found, limit: int, at: int | None = None) -> None:
    """The response printed after a quoted recommendation, and the answer it gives."""
    start = item.end if at is None else at
    m = _RESPONSE.search(text, start, min(len(text), max(limit, start) + 2000))
    if m is None or text[start : m.start()].strip():
        if at is None or _QUOTE_HEAD.match(text, len(text[:at]) + _lead(text, at)):
            return
        where = at + _lead(text, at)  # a response that opens some other way: its words only
        verdict = False
    else:
        where, verdict = m.start(), True
    spans = sentence_spans(text.replace("\n", " "), where, min(len(text), where + 600))
    if not spans:
        return
    sentence = text[spans[0][0] : spans[0][1]]
    if re.match(r"\s*(?:\w+\s+)?response\b[^.]{0,30}$", sentence, re.I) and len(spans) > 1:
        sentence = text[spans[1][0] : spans[1][1]]
    item.response_text = " ".join(sentence.split())[:300]
    item.response = stance(sentence) if verdict else None


def _lead(text: str, at: int) -> int:
    return len(text[at : at + 200]) - len(text[at : at + 200].lstrip())


def stance(sentence: str) -> str | None:
    """accepted, accepted in part, not accepted or noted, from a response's opening words."""
    s = sentence.lower()
    if re.search(
        r"\b(?:does|do|can)\s*not\s+(?:accept|agree|support|believe|consider|think)"
        r"|\breject|\bdisagree"
        r"|\bnot\s+accepted\b",
        s,
    ):
        return "not accepted"
    if re.search(r"\bin\s+part\b|\bpartial(?:ly)?\b|\bpartly\b|\bin\s+principle\b", s):
        return "accepted in part"
    if re.search(
        r"\b(?:accept(?:s|ed)?|agree(?:s|d)?|support(?:s|ed)?|welcome(?:s|d)?|endorse[sd]?)\b", s
    ):
        return "accepted"
    if re.search(r"\b(?:notes?|noted|acknowledge[sd]?|recognise[sd]?|considers?|considered)\b", s):
        return "noted"
    return None


# A part of a report that holds its recommendations: "Conclusions and recommendations", "Summary
# of recommendations", "Recommendations", "Recommendations to the Home Office" (whose items are
# addressed to that body), as a heading line, possibly after "Chapter 8:" or a page number.
_SECTION = re.compile(
    r"^[ \t]*(?:\d{1,3}\s+)?(?:(?:chapter|part|section|appendix|annexe?)\s+[\w.]+\s*[:.–—-]?\s*)?"
    r"(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?"
    r"(?P<kind>(?:(?:summary|list)\s+of\s+(?:our\s+|the\s+|key\s+|all\s+)?|conclusions\s+and\s+|"
    r"our\s+|key\s+|main\s+|further\s+)?recommendations?|areas?\s+for\s+improvement)"
    r"(?:\s+(?:to|for)\s+(?P<to>[^\n.:;]{2,80}))?[ \t]*"
    # a heading alone on its line, or run into a sentence; "Recommendation: The force should" is
    # a label
    r"(?::[ \t]*(?=\n|$)|(?:\n|$|(?-i:(?=\s+[A-Z][a-z]))))",
    re.IGNORECASE | re.MULTILINE,
)
_PART_HEADING = re.compile(
    r"^[ \t]*(?:\d{1,3}\s+)?(?:chapter|appendix|annexe?|part)\s+[\w.]+\s*[:.–—-]"
    # a numbered chapter heading ("3. Leadership and partnerships"): short, not a sentence
    r"|^[ \t]*\d{1,2}\.?[ \t]+(?-i:[A-Z])[^\n.;:]{2,70}(?<![.;:])[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


def _sections(text: str) -> list[tuple[int, int, bool, str | None]]:
    """(start, end, mixed, addressee) of each recommendations section; ``mixed`` when its
    paragraphs interleave conclusions ("Conclusions and recommendations")."""
    out: list[tuple[int, int, bool, str | None]] = []
    for m in _SECTION.finditer(text):
        line_end = text.find("\n", m.start())
        if _CONTENTS_LINE.search(text[m.start() : line_end if line_end >= 0 else len(text)]):
            continue
        if out and m.start() < out[-1][1]:
            continue  # a sub-heading inside the section already open
        end = len(text)
        for nxt in _PART_HEADING.finditer(text, m.end()):
            if not _SECTION.match(text, nxt.start()):
                end = nxt.start()
                break
        to = m.group("to")
        heading = None
        if to and not re.match(r"(?:action|change|improvement|the\s+future)\b", to, re.I):
            heading = to.strip()
        out.append((m.end(), end, "conclusion" in m.group("kind").lower(), heading))
    return out


def _section_items(text: str, flat: str, blocks: list[_Block]) -> list[Found]:
    """A recommendations section: each numbered or bulleted item is one recommendation whatever
    sub-heading it sits under; "Recommendations to X" sub-headings address the items below;
    prose paragraphs count where they recommend."""
    found: list[Found] = []
    heading: list[str] = []
    lead: Found | None = None  # "By 31 December, the service should:" and the items it governs
    for block in blocks:
        body = text[block.start : block.end]
        sub = _SECTION.match(body)
        if sub and len(body) < 120:
            heading = [sub.group("to").strip()] if sub.group("to") else []
            lead = None
            continue
        if block.bullet:
            marker = text[text.rfind("\n", 0, block.start) + 1 : block.start].strip(" (")
            if lead is not None and not marker[:1].isdigit():
                lead.end = block.end  # one recommendation: the call and its (unnumbered) list
                continue
            found.append(Found(block.start, block.end, "list", heading_actors=list(heading)))
            continue
        lead = None
        if len(body) < 100 and not _MODAL.search(body):
            continue  # a topic sub-heading
        if body.rstrip().endswith(":") and _recommends(flat[block.start : block.end], False):
            spans = sentence_spans(flat, block.start, block.end)
            lead = Found(spans[-1][0] if spans else block.start, block.end, "sentence")
            lead.heading_actors = list(heading)
            found.append(lead)
            continue
        for item in _unlabelled(flat, [block], commentary=False):
            item.heading_actors = list(heading)
            found.append(item)
    return found


def _lists(text: str, blocks: list[_Block]) -> list[tuple[list[_Block], _Block]]:
    """(items, the prose block just before them) for each run of bullet blocks."""
    runs: list[tuple[list[_Block], _Block]] = []
    current: list[_Block] = []
    intro: _Block | None = None
    for block in blocks + [_Block(len(text), len(text), False, -1)]:
        if block.bullet:
            current.append(block)
            continue
        if current and intro is not None:
            runs.append((current, intro))
        current, intro = [], block
    return runs


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
        if join and introduces:
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
        explicit = join and any(_explicit(text[a:b]) for a, b in spans)
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


def _explicit(sentence: str) -> bool:
    return bool(_RECOMMEND.search(sentence) or _URGE.search(sentence))


def _quoted(sentence: str, at: int) -> bool:
    """Whether position ``at`` lies inside a quotation ("“We recommend ...,” she said")."""
    before = sentence[:at]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _recommends(sentence: str, commentary: bool) -> bool:
    found = _RECOMMEND.search(sentence)
    if found and _quoted(sentence, found.start()):
        return False
    if commentary:
        # A news story or speech reporting that "the committee recommends" is not the
        # committee's document: only the author's own "I/we recommend" counts there.
        who = (found.group("who") or "").lower() if found else ""
        return who in ("i", "we")
    if found:
        return True
    return bool(_URGE.search(sentence) or _REMEDY.search(sentence) or _is_call(sentence))


def _is_call(sentence: str) -> bool:
    """A "should"/"must"/"needs to" that asks for something, not one that reports or describes."""
    return any(_call_ok(sentence, m) for m in _MODAL.finditer(sentence))


def _call_ok(sentence: str, modal: re.Match) -> bool:
    before = sentence[: modal.start()]
    after = sentence[modal.end() :]
    if not before.strip():  # "Should the Department ..." opens a question or a condition
        return False
    if _INVERTED.match(after) and not re.match(r"\s+(?:the|a|an)\s+\w+\s+be\b", after):
        return False
    if _SELF.search(before) and (
        re.search(r"\bI\s+(?:\w+\s+)?$", before) or _SELF_VERB.match(after)
    ):
        return False
    if _RELATIVE_BEFORE.search(before) or _AGREEMENT.search(_OWN_VIEW.sub(" ", before)):
        return False
    clause = re.split(r"[,;:—–(]", before)[-1]
    if _WH_CLAUSE.search(clause):
        return False
    if re.match(r"\s+(?:not\s+)?(?:be\s+)?(?:necessary|unnecessary|possible)\b", after, re.I):
        return False
    if re.match(r"\s+(?:not\s+)?(?:mean|seem|appear|expect)\b", after, re.I):  # epistemic
        return False
    return not re.match(r"\s+have\s+\w+(?:ed|en)\b", after, re.I)  # "should have acted"


def _fill_actors(text: str, item: Found, previous: list[str]) -> None:
    """Who the recommendation asks to act, as written; "it"/"they" take the previous ones.

    The subject of the call names them: "recommend that X ...", "urge X to", "X should"; any
    named body or office-holder counts, not only known ones. The first sentence that names
    someone decides (later sentences of a labelled recommendation describe what it involves)."""
    body = text[item.start : item.end]
    maker = _RECOMMEND.search(body)
    if maker and maker.group("who") and maker.group("who").lower() not in ("i", "we"):
        who = maker.group("who")
        if not re.fullmatch(r"the\s+committee", who, re.IGNORECASE):
            item.made_by = who
    for start, end in sentence_spans(body.replace("\n", " ")):
        sentence = _blank_deadlines(body[start:end].replace("\n", " "))
        actors = _sentence_actors(sentence, item, previous, first=start == 0)
        if actors:
            item.actors = list(dict.fromkeys(actors))
            return
    item.actors = []


_ASK = re.compile(
    r"\brecommends?\s+(?:further\s+|also\s+)?that\s*|"
    r"\b(?:urges?|encourages?|calls?\s+(?:up)?on|invites?|(?:asks?|requests?)(?:\s+that)?)\s+",
    re.IGNORECASE,
)
_AND_THAT = re.compile(r",?\s+and\s+that\s+", re.IGNORECASE)
_OBJECT_PRONOUN = re.compile(r"^\s*(?:it|they|them)\b", re.IGNORECASE)


def _sentence_actors(sentence: str, item: Found, previous: list[str], first: bool) -> list[str]:
    actors: list[str] = []
    for m in _ASK.finditer(sentence):
        rest = _skip_aside(sentence[m.end() :])
        if _OBJECT_PRONOUN.match(rest) and re.match(r"\s*\w+\s+(?:should\s+)?be\s+\w+", rest):
            continue  # "recommend that it be adopted": the thing, not a body
        if _OBJECT_PRONOUN.match(rest):
            if previous and item.pronoun_for is None and first:
                item.pronoun_for = previous[0]
            actors += previous
            continue
        phrase = noun_phrase(rest)
        if phrase:
            actors += _split(phrase)
            joint = _JOINT.match(rest, len(phrase))
            partners = noun_phrase(rest[joint.end() :]) if joint else None
            if partners:
                actors += _split(partners)
    if actors:
        # "recommend that every force ..., and that the College publishes ...": both asked
        for m in _AND_THAT.finditer(sentence):
            phrase = noun_phrase(sentence[m.end() :])
            if phrase:
                actors += _split(phrase)
        return actors
    for m in _MODAL.finditer(sentence):
        if not _call_ok(sentence, m) or _passive(sentence[m.end() :]):
            continue
        before = sentence[: m.start()]
        pronoun = _PRONOUN.search(before)
        if pronoun and _CLAUSE_START.search(before[: pronoun.start()]):
            if previous and item.pronoun_for is None and first:
                item.pronoun_for = previous[0]
            actors += previous
            continue
        subject = call_subject(before)
        if subject:
            actors += _split(subject)
            continue
        found = _ACTORS_SUFFIX.search(before)
        if found and _CLAUSE_START.search(before[: found.start()]):
            actors += _split(found.group("actors"))
    return actors


# Words a named body's phrase may hold besides capitalised ones: "the UK government and devolved
# administrations", "departmental Chief Scientific Advisers", "police and crime commissioners".
BODY_NOUNS = set(
    "government governments ministers minister administrations administration departments "
    "department councils council authorities authority forces force police constables constable "
    "officers officer "
    "commissioners commissioner agencies agency services service bodies body regulators regulator "
    "inspectorate inspectorates inspectors secretary advisers advisors adviser advisor partners "
    "partnerships trusts trust boards board office offices providers leaders chiefs employers "
    "universities schools prisons courts judiciary parliament colleges college organisations "
    "executive executives committee committees panel panels units unit mayors mayor ombudsman "
    "prosecutors commission commissions coroners coroner ministries ministry treasury "
    "sector industry companies platforms operators".split()
)
_NP_WORDS = set(
    "the all each every both relevant individual local devolved departmental senior chief "
    "national regional other respective territorial responsible appropriate key public private "
    "statutory their its his her crime and of for on & , fire rescue health social care "
    "justice policing criminal".split()
)
_NP_TOKEN = re.compile(r"[A-Za-z][\w'’&.-]*|,|&")
_NOT_SUBJECT = re.compile(
    r"^(?:the\s+)?(?:we|i|it|they|this|these|those|that|there|he|she|you|one|such|any|no|"
    r"which|who|what)$",
    re.IGNORECASE,
)


def noun_phrase(text: str) -> str | None:
    """The named body or office-holder ``text`` opens with, as written, else None."""
    end = 0
    tokens = list(_NP_TOKEN.finditer(text))
    for token in tokens:
        if text[end : token.start()].strip():
            break
        word = token.group()
        if not (word[0].isupper() or word.lower() in BODY_NOUNS or word.lower() in _NP_WORDS):
            break
        if word[0].isupper() and word.lower() in {"i", "we", "it", "they", "this", "there"}:
            break
        end = token.end()
    phrase = text[:end].strip()
    phrase = re.sub(r"(?:\s*(?:,|&|\band\b|\bof\b|\bfor\b|\bon\b|\bthe\b))+$", "", phrase)
    phrase = phrase.strip(" ,")
    if not phrase or _NOT_SUBJECT.match(phrase) or len(phrase.split()) > 14:
        return None
    words = phrase.split()
    named = any(w[0].isupper() for w in words[1:]) or (
        words[0][0].isupper() and words[0].lower() not in {"the", "all", "each", "every", "both"}
    )
    if named or words[-1].lower().strip(",") in BODY_NOUNS or names.known(phrase):
        return phrase
    return None


_ADVERBIAL = re.compile(
    r"^\s*(?:(?:and|but|so|also|then|therefore|however)\s*,?\s+)?(?:For|In|Where|When|Given|To|As|"
    r"By|Within|If|Subsequently|Following|Once|Until|Before|After|Although|While|Whilst|"
    r"Bearing|Having|Since|With|Without|Through|Over|Under|At|From|Wherever|Where\s+possible|"
    r"Finally|Furthermore|Moreover|Additionally|Also|Therefore|However|Instead|Meanwhile|"
    r"Similarly|Likewise|Overall|First|Second|Third|Lastly)\b[^,]{0,160},\s*",
    re.IGNORECASE,
)
_ASIDE = re.compile(
    r",\s*(?:working|in\s+consultation|in\s+partnership|in\s+conjunction|together|whether|once|"
    r"including|in\s+particular|with|alongside|supported|led|acting|where|as|jointly|each|both|"
    r"at\s+the|if|when|through|via|in\s+(?:turn|future|doing\s+so))\b[^,]{0,160},"
)


def _skip_aside(text: str) -> str:
    """``text`` without an opening aside (", at the earliest opportunity, the Government ...")."""
    m = re.match(r"^\s*,[^,]{0,120},\s*", text)
    return text[m.end() :] if m else text


def call_subject(before: str) -> str | None:
    """The subject of a "should"/"must" call from the words before the modal: "For all civil
    emergency exercises, the governments of the UK, Scotland, Wales and Northern Ireland",
    "The UK government, working with the devolved administrations," -> the named bodies."""
    clause = re.split(r"\bthat\s+|[;:(]", before)[-1]
    clause = re.sub(r"\([^()]*\)", " ", clause).lstrip(" ,•●▪◦*–-")
    joint = _JOINT.search(clause)
    partners = noun_phrase(clause[joint.end() :]) if joint else None
    while True:
        m = _ADVERBIAL.match(clause)
        if not m:
            break
        clause = clause[m.end() :]
    clause = _ASIDE.sub(" ", clause + ",").rstrip(" ,")
    clause = re.sub(r"\s+(?:each|also|jointly|together|themselves|itself|both|all)$", "", clause)
    phrase = noun_phrase(clause.strip())
    if phrase and phrase == " ".join(clause.split()):
        return f"{phrase}, {partners}" if partners else phrase
    return None


# "X, working with Y, should": Y acts too. ("in consultation with Y": Y is consulted, not asked.)
_JOINT = re.compile(r",\s*(?:working|together|jointly|in\s+partnership)\s+with\s+", re.I)


def _blank_deadlines(sentence: str) -> str:
    """The sentence with deadline phrases turned into clause breaks, so "Within six months it
    should" reads like "Within six months, it should"."""
    for phrase in reversed(find_phrases(sentence)):
        sentence = sentence[: phrase.start] + "," + sentence[phrase.end :]
    return sentence


def _passive(after: str) -> bool:
    m = _PASSIVE.match(after)
    if not m:
        return False
    word = m.group("word").lower()
    return word.endswith(("ed", "en")) or word in _IRREGULAR


def _split(actors: str) -> list[str]:
    if names.known(actors):  # "police and crime commissioners" is one body
        return [actors.strip()]
    return [a.strip() for a in _SPLIT_ACTORS.split(actors) if a.strip()]
