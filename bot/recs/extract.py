"""Find the recommendations a document makes: where they are, who they ask, who makes them.

The rules, in order of trust:

1. Labelled recommendations: paragraphs headed "Recommendation:" (committee reports), and items of
   a list under a "Recommendations" heading. A document that labels its recommendations is taken
   at its word: its other prose is findings and conclusions, not recommendations.
2. Lists introduced by recommending words ("I would therefore recommend ... the following
   issues:"): each item is its own recommendation.
3. Sentences that recommend: "We recommend that", "I would also recommend that government
   considers ...", "X would go some way to remedy ...", and calls made with "should", "must",
   "needs to", "there needs to be". A following sentence that carries the same call on ("This
   model ... should be considered") joins it.

What is not a recommendation: anything in a debate or a transcript (speeches, questions and
answers record what was said in the House, not what the document asks for); questions; reported
words ("the Department told us that ...", "proposed that ..."); calls inside a statement of
agreement or recognition ("we are in agreement that there needs to be a partnership approach":
a report of shared views, not an ask of anyone); relative clauses ("issues that need to be
reformed"); and indirect questions ("how commissioners should invest"). Blogs and articles only
count explicit recommending words, since their "should" and "needs to" are argument, not asks.

Addressees come from the subject of the call when it names bodies ("the Home Office and NCA
should"), or of "recommend that X considers", or "urge X to"; "it"/"they" take the addressees of
the recommendation before. A passive call ("needs to be reviewed") names nobody, and none is
invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.library.text import sentence_spans
from bot.recs import addressees as names
from bot.recs.deadlines import find_phrases

DEBATE_TYPES = {"hansard", "transcript", "debate", "evidence", "oral-evidence"}
COMMENTARY_TYPES = {"blog", "article", "news", "speech", "press-release", "opinion"}

_BULLET = re.compile(r"(?:[-*•–·▪]|\(?\d{1,2}[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}\))\s+")
_LABEL = re.compile(
    r"\**(?:Recommendation|Rec\.)\s*(?:\d{1,3}[a-z]?|[A-Z](?=\s*[:.–—-]))?\s*\**\s*[:.–—-]\s*\**\s*"
    r"(?=\S)",
)
_RECS_HEADING = re.compile(
    r"^(?:\w+\s+){0,4}recommendations?\s*:?$|^recommendations?\b", re.IGNORECASE
)

# "We recommend that", "I would also recommend", "The Committee recommends", "It is recommended".
RECOMMENDER = r"I|we|the\s+(?:[\w&'’-]+\s+){0,5}?(?:committee|panel|inspectorate|commissioner)"
RECOMMEND_VERB = (
    r"\s+(?:(?:would|should|also|therefore|further|strongly|again|now|do|must)\s+)*recommends?\b"
)
_RECOMMEND = re.compile(
    rf"\b(?:(?P<who>{RECOMMENDER}){RECOMMEND_VERB}(?!ed)"
    r"|\bit\s+is\s+(?:also\s+|therefore\s+)*recommended\s+that\b"
    r"|\bour\s+recommendations?\s+(?:is|are)\b)",
    re.IGNORECASE,
)
_URGE = re.compile(r"\b(?:I|we)\s+(?:(?:would|also|therefore|strongly|really|do)\s+)*urge\s+", re.I)
_REMEDY = re.compile(
    r"\bwould\s+(?:go\s+(?:some|a\s+long)\s+way|help)\s+(?:to|towards)\s+"
    r"(?:remed|address|solv|resolv|tackl|fix|improv|reduc|overcom)",
    re.IGNORECASE,
)
MODAL = r"\b(?:should|must|ought\s+to|needs?\s+to|will\s+need\s+to)\b"
_MODAL = re.compile(MODAL + r"(?!\s+have\s+been)", re.I)
_RELATIVE_BEFORE = re.compile(
    r"\b(?:that|which|who|whom|whose)\s+(?:\w+ly\s+)?$|\b(?:the|a|an|no|any|urgent|clear|"
    r"pressing|real|growing|this|their|its|our|his|her)\s+$",
    re.IGNORECASE,
)
_WH_CLAUSE = re.compile(r"\b(?:how|which|what|whether|where|when|why|if|unless)\b", re.IGNORECASE)
_AGREEMENT = re.compile(
    r"\b(?:agree[sd]?|agreement|recogni[sz](?:e|es|ed|ing)|accept(?:s|ed)?|acknowledge[sd]?|"
    r"said|says|told|claim(?:s|ed)?|assert(?:s|ed)?|argue[sd]?|ambition|expectation|"
    r"concluded|found|proposed|suggested|recommended|stated|noted|reported)\b"
    r"(?:\s+[\w'’,-]+){0,8}?\s+that\b",
    re.IGNORECASE,
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
_CONTINUES = re.compile(r"^(?:This|These|It|Such|That)\b")
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
_ACTORS_PREFIX = re.compile(rf"\s*(?P<actors>{_ACTORS})\b(?!['’]s|\s+of\b)", re.IGNORECASE)
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
    found = _labelled(text, blocks)
    if not found:
        # Sentences may wrap across lines inside a block: split them on a copy with the line
        # breaks as spaces (same length, so every offset still points into ``text``).
        flat = text.replace("\n", " ")
        found = _unlabelled(flat, blocks, commentary=doc_type in COMMENTARY_TYPES)
    found.sort(key=lambda f: f.start)
    last: list[str] = []
    for item in found:
        _fill_actors(text, item, last)
        if item.actors:
            last = item.actors
    return found


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
    return [b for b in blocks if text[b.start : b.end].strip()]


def _labelled(text: str, blocks: list[_Block]) -> list[Found]:
    """ "Recommendation:" paragraphs, else the items of lists under a recommendations heading."""
    found = []
    for block in blocks:
        label = _LABEL.match(text, block.start)
        if label and label.end() < block.end:
            found.append(Found(label.end(), block.end, "label"))
    if found:
        return found
    for items, intro in _lists(text, blocks):
        if _RECS_HEADING.match(text[intro.start : intro.end].strip()):
            found += [Found(b.start, b.end, "list") for b in items]
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


def _unlabelled(text: str, blocks: list[_Block], commentary: bool) -> list[Found]:
    found: list[Found] = []
    in_lists: set[int] = set()
    intros: set[tuple[int, int]] = set()
    for items, intro in _lists(text, blocks):
        spans = sentence_spans(text, intro.start, intro.end)
        last = spans[-1] if spans else (intro.start, intro.end)
        sentence = text[last[0] : last[1]]
        introduces = sentence.rstrip().endswith(":") or "following" in sentence.lower()
        recommending = _RECOMMEND.search(sentence) or (
            not commentary and introduces and _is_call(sentence)
        )
        if introduces and recommending:
            intros.add(last)
            for b in items:
                in_lists.add(b.start)
                found.append(Found(b.start, b.end, "list", intro=sentence))
    for block in blocks:
        if block.start in in_lists:
            continue
        spans = sentence_spans(text, block.start, block.end)
        i = 0
        while i < len(spans):
            span = spans[i]
            i += 1
            sentence = text[span[0] : span[1]]
            if span in intros or sentence.rstrip().endswith("?"):
                continue
            if not _recommends(sentence, commentary):
                continue
            end = span[1]
            while i < len(spans):
                nxt = text[spans[i][0] : spans[i][1]]
                if not (_CONTINUES.match(nxt) and _CONTINUE_MODAL.search(nxt)):
                    break
                end = spans[i][1]
                i += 1
            found.append(Found(span[0], end, "sentence"))
    return found


def _recommends(sentence: str, commentary: bool) -> bool:
    if _RECOMMEND.search(sentence):
        return True
    if commentary:
        return False
    return bool(_URGE.search(sentence) or _REMEDY.search(sentence) or _is_call(sentence))


def _is_call(sentence: str) -> bool:
    """A "should"/"must"/"needs to" that asks for something, not one that reports or describes."""
    return any(_call_ok(sentence, m) for m in _MODAL.finditer(sentence))


def _call_ok(sentence: str, modal: re.Match) -> bool:
    before = sentence[: modal.start()]
    after = sentence[modal.end() :]
    if not before.strip():  # "Should the Department ..." opens a question or a condition
        return False
    if _RELATIVE_BEFORE.search(before) or _AGREEMENT.search(before):
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
    """Who the recommendation asks to act, as written; "it"/"they" take the previous ones."""
    body = text[item.start : item.end]
    actors: list[str] = []
    maker = _RECOMMEND.search(body)
    if maker and maker.group("who") and maker.group("who").lower() not in ("i", "we"):
        who = maker.group("who")
        if not re.fullmatch(r"the\s+committee", who, re.IGNORECASE):
            item.made_by = who
    for start, end in sentence_spans(body.replace("\n", " ")):
        sentence = _blank_deadlines(body[start:end].replace("\n", " "))
        for m in re.finditer(r"\brecommends?\s+that\s+|\burge\s+", sentence, re.IGNORECASE):
            lead = _ACTORS_PREFIX.match(sentence, m.end())
            if lead and re.match(r"\s+(?:to\s+)?[a-z]", sentence[lead.end() :]):
                actors += _split(lead.group("actors"))
        for m in _MODAL.finditer(sentence):
            if not _call_ok(sentence, m) or _passive(sentence[m.end() :]):
                continue
            before = sentence[: m.start()]
            pronoun = _PRONOUN.search(before)
            if pronoun and _CLAUSE_START.search(before[: pronoun.start()]):
                if previous and item.pronoun_for is None and start == 0:
                    item.pronoun_for = previous[0]
                actors += previous
                continue
            found = _ACTORS_SUFFIX.search(before)
            if found and _CLAUSE_START.search(before[: found.start()]):
                actors += _split(found.group("actors"))
    item.actors = list(dict.fromkeys(actors))


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
    return [a.strip() for a in _SPLIT_ACTORS.split(actors) if a.strip()]
