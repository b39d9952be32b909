"""Who a recommendation asks to act: the subject of the call, as written."""

from __future__ import annotations

import re

from bot.library.text import sentence_spans
from bot.recs import addressees as names
from bot.recs.deadlines import find_phrases
from bot.recs.extract.calls import _MODAL, _RECOMMEND, _call_ok, _passive
from bot.recs.extract.found import Found
from bot.recs.extract.rules import on
from bot.recs.extract.subjects import (
    concessive_spans,
    inside,
    place_after,
    responsible_subject,
    run_in_subject,
)

_CLAUSE_START = re.compile(
    r"(?:^|[,;:(—–]\s*|\b(?:that|but|and|so|then|also|therefore)\s+)$", re.IGNORECASE
)


_PRONOUN = re.compile(r"\b(?P<p>it|they)\s+(?:(?:also|therefore|now|then)\s+)?$", re.IGNORECASE)


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


# A paragraph number before a recommendation's first words ("4.1 The Chief Constable should ...",
# "5.2. The Ministry should ..."), as a report laid out in numbered paragraphs prints it: the
# subject is read past it (rule "numbered-paragraph-subject"); before, the number stood where the
# subject should be and no addressee was read.
PARAGRAPH_NUMBER = re.compile(r"^\s*\d{1,2}(?:\.\d{1,3})+\.?[ \t]+(?=[A-Z])")
# Rule "row-number-cell": a table row's number cell before its recommendation cell ("1 | The
# partnership should ...", "R3 | Custody sergeants should ...", as the readers keep a Word or
# HTML table's cells) is passed over as a paragraph number is.
ROW_NUMBER_CELL = re.compile(r"^\s*(?:[A-Z]{1,3}\s?)?\d{1,3}[a-z]?\.?[ \t]*\|[ \t]*(?=[A-Z])")


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
    found: list[str] = []
    subject = _that_subject(body) if on("that-item-subjects") else None
    if subject:
        item.actors = _distinct(_split(subject))
        return
    for start, end in sentence_spans(body.replace("\n", " ")):
        sentence = _blank_deadlines(body[start:end].replace("\n", " "))
        if start == 0 and on("numbered-paragraph-subject"):
            number = PARAGRAPH_NUMBER.match(sentence)
            if number is None and on("row-number-cell"):
                number = ROW_NUMBER_CELL.match(sentence)
            if number:  # blanked, not cut: the offsets stay the body's
                sentence = " " * number.end() + sentence[number.end() :]
        if not found:
            actors = _sentence_actors(sentence, item, previous, first=start == 0)
        else:
            # a later call of the same recommendation: "it"/"they" are its own addressees
            probe = Found(item.start, item.end, item.kind)
            actors = _sentence_actors(sentence, probe, found, first=False)
        if actors:
            found += [a for a in actors if a not in found]
            if not on("every-call-addressee"):
                break
    item.actors = _distinct(found)


# Rule "that-item-subjects" (round 21): an item that is itself a mandative "that"-clause ("That
# the Council continues to fund ...", "1. that ministers commission ...") asks the clause's
# subject, whatever its verb: a resolution's or a letter's list of asks names the body that is
# to act first, and any body after the verb ("... asks the partnership to adopt ...") is the
# one the subject is to ask or to write to. Where the subject's last word reads as a body noun
# but an article follows it ("ministers commission an evaluation"), it is the verb.
_THAT_ITEM = re.compile(r"^\W*(?:\(?[0-9a-z]{1,3}[.)]\s+)?[Tt]hat\s+")


def _that_subject(body: str) -> str | None:
    m = _THAT_ITEM.match(body)
    if not m:
        return None
    rest = body[m.end() :]
    phrase = noun_phrase(rest)
    if not phrase:
        # a subject no body noun marks ("keepers open the tower ..."): the words before the
        # verb, which is the word before the clause's first determiner
        words = re.match(
            r"((?:[A-Za-z'’-]+\s+){1,6}?)[a-z]+\s+(?:the|a|an|every|each|all|any|its|"
            r"their|our|no)\b",
            rest,
        )
        return words.group(1).strip() if words else None
    words = phrase.split()
    after = rest[len(phrase) :]
    if len(words) > 1 and words[-1].islower() and re.match(r"\s+(?:an?|the|its|their)\b", after):
        phrase = " ".join(words[:-1])
    return phrase


def _distinct(actors: list[str]) -> list[str]:
    """Each body once: "Provider boards" after "every provider board", or "the board" after
    either, adds nothing."""
    out: list[str] = []
    keys: list[str] = []
    for actor in actors:
        key = re.sub(r"^(?:the|all|each|every|any)\s+", "", actor.casefold().strip()).rstrip("s")
        if any(k == key or k.endswith(" " + key) for k in keys):
            continue
        out.append(actor)
        keys.append(key)
    return out


_ASK = re.compile(
    r"\brecommends?\s+(?:further\s+|also\s+)?(?:that\s*|(?=the\s+[A-Z]))|"
    r"\b(?:urges?|encourages?|calls?\s+(?:up)?on|invites?|(?:asks?|requests?)(?:\s+that)?)\s+",
    re.IGNORECASE,
)


# A letter's request names whom it asks (rule "letter-requests"): "I would like the force to",
# "I am asking the force to", "I require the force to", "The Committee would be grateful if the
# Home Office could ...".
_REQUEST_ASK = re.compile(
    r"\b(?:I|we)\s+(?:(?:would|should|['’]d)\s+(?:also\s+|therefore\s+|now\s+)?like|"
    r"(?:am|are)\s+(?:also\s+|therefore\s+|now\s+)?asking|(?:also\s+|therefore\s+)?"
    r"(?:require|want))\s+(?=(?:the|all|every|each)\s)"
    r"|\b(?:would\s+be|am|are|is)\s+grateful\s+if\s+(?=(?:the|all|every|each)\s)",
    re.IGNORECASE,
)


# "I expect the force to ..." names whom it asks (rule "letter-expects").
_EXPECT_ASK = re.compile(
    r"\b(?:I|we)\s+(?:(?:also|therefore|now|fully|still|further|equally)\s+)*expect\s+"
    r"(?=(?:the|all|every|each)\s[^.;]{2,60}?\sto\s)",
    re.IGNORECASE,
)


# "I ask instead that the Home Office ...", "I am formally requesting that the force ..." name
# whom they ask after "that" (rule "request-that-forms").
_REQUESTING_ASK = re.compile(
    r"\b(?:asks?|requests?|(?:am|are)\s+(?:(?:\w+ly|therefore|now|also|instead)\s+)*"
    r"(?:asking|requesting))\s+(?:(?:instead|therefore|formally|respectfully|now|also|again)\s+)?"
    r"that\s+",
    re.IGNORECASE,
)


def _asks(sentence: str) -> list[re.Match]:
    found = list(_ASK.finditer(sentence))
    if on("request-that-forms"):
        seen = {m.end() for m in found}
        found += [m for m in _REQUESTING_ASK.finditer(sentence) if m.end() not in seen]
    if on("letter-requests"):
        found += list(_REQUEST_ASK.finditer(sentence))
    if on("letter-expects"):
        found += list(_EXPECT_ASK.finditer(sentence))
    if on("modal-asker"):
        found = [m for m in found if not _MODAL_BEFORE.search(sentence, 0, m.start())]
    return sorted(found, key=lambda m: m.start())


# Rule "modal-asker": "X should ask Y to ...", "X must invite Y to ...": the asking verb is the
# call's own, after its modal; X is asked to act (to ask), Y is whom X asks. Before, Y was taken
# as the addressee, as in "We ask Y to ...".
_MODAL_BEFORE = re.compile(
    r"\b(?:should|must|shall|needs?\s+to|ought\s+to)\s+(?:\w+ly\s+|also\s+|then\s+)?$", re.I
)


_AND_THAT = re.compile(r",?\s+and\s+that\s+", re.IGNORECASE)


_OBJECT_PRONOUN = re.compile(r"^\s*(?:it|they|them)\b", re.IGNORECASE)


def _sentence_actors(sentence: str, item: Found, previous: list[str], first: bool) -> list[str]:
    actors: list[str] = []
    aside: list[str] = []  # asked in a concessive clause: only if the main clause names no one
    concessive = concessive_spans(sentence)
    to = _TO_WHOM.search(sentence)  # "I recommend to the Home Office that ..."
    phrase = noun_phrase(to.group("who")) if to else None
    if phrase:
        return _split(phrase)
    for m in _asks(sentence):
        if inside(concessive, m.start()):
            phrase = noun_phrase(_skip_aside(sentence[m.end() :]))
            aside += _split(phrase) if phrase else []
            continue
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
            joint = _joint().match(rest, len(phrase))
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
        if not _call_ok(sentence, m):
            continue
        if _passive(sentence[m.end() :]):
            # "The guidance should be revised by the College": the agent acts
            agent = _AGENT.match(sentence, m.end())
            phrase = noun_phrase(agent.group("who")) if agent else None
            if phrase:
                actors += _split(phrase)
            continue
        # "it should be mandatory for chief officers to record ...": they act
        duty = _DUTY.match(sentence, m.end())
        phrase = noun_phrase(duty.group("who")) if duty else None
        if phrase and re.match(r"\s*it\s*$", sentence[: m.start()][-4:], re.I):
            actors += _split(phrase)
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
            continue
        run_in = run_in_subject(before, m.group(), sentence[m.end() :], noun_phrase, _one_word_body)
        if run_in:
            actors += _split(run_in)
    return actors or aside


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
    "sector industry companies platforms operators collaboratives parties".split()
)


# Singular forms of body nouns (rule "singular-bodies": "every provider and commissioner of ...")
SINGULAR_BODY_NOUNS = set(
    "provider leader employer university school prison court organisation operator "
    "platform company collaborative party partner partnership executive trust".split()
)


# More body nouns (rule "constabulary-bodies"): police forces named "... Constabulary".
MORE_BODY_NOUNS = set("constabulary constabularies".split())

# Office-holders and the units a service is divided into (rule "unit-and-office-nouns"): "The
# governor should ...", "The northern division should ...", "the regional director should ...".
UNIT_AND_OFFICE_NOUNS = set(
    "governor governors division divisions region regions director directors".split()
)


# The people of a service, named by their work rather than their rank (rule "staff-nouns"):
# "Custody staff should ask ...", "Police officers and staff should ...".
STAFF_NOUNS = {"staff"}

# Ranks and supervising roles as the subject of a call (rule "rank-nouns", round 19): "Duty
# sergeants should ...", "Supervisors should ...". Plural only: "reviewed by a supervisor" names
# the person who does each review, not a body asked to act.
RANK_NOUNS = set("sergeants supervisors superintendents managers".split())


def _body_noun(word: str) -> bool:
    word = word.lower()
    return (
        word in BODY_NOUNS
        or (on("singular-bodies") and word in SINGULAR_BODY_NOUNS)
        or (on("constabulary-bodies") and word in MORE_BODY_NOUNS)
        or (on("unit-and-office-nouns") and word in UNIT_AND_OFFICE_NOUNS)
        or (on("staff-nouns") and word in STAFF_NOUNS)
        or (on("rank-nouns") and word in RANK_NOUNS)
    )


_NP_WORDS = set(
    "the all each every both relevant individual local devolved departmental senior chief "
    "national regional other respective territorial responsible appropriate key public private "
    "statutory their its his her crime and of for on & , fire rescue health social care "
    "justice policing criminal".split()
)
# "the three chief constables", "all four governments", "the two local authorities": a count
# belongs to the body's name (rule "counted-bodies").
COUNT_WORDS = set("two three four five six seven eight nine ten twelve".split())


# Capitalised at a sentence's start, never part of a body's name ("So the board ...", "Or ...").
_NOT_NAME_WORDS = set("i we it they this there so or but and yes no well one".split())


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
    skip_to = -1
    for i, token in enumerate(tokens):
        if text[end : token.start()].strip():
            break
        word = token.group()
        if i <= skip_to:
            end = token.end()
            continue
        if word == "in" and i and _body_noun(tokens[i - 1].group()):
            place = place_after(text, token.start())
            if place is not None:  # "Every NHS trust in England"
                skip_to = max(j for j, t in enumerate(tokens) if t.start() < place)
                end = place
                continue
        counted = on("counted-bodies") and word.lower() in COUNT_WORDS
        if not (word[0].isupper() or _body_noun(word) or word.lower() in _NP_WORDS or counted):
            body = _modified_body(text, tokens, i) if on("noun-modifiers") else None
            if body is None:
                break
            skip_to = body
            end = token.end()
            continue
        if word[0].isupper() and word.lower() in _NOT_NAME_WORDS:
            break
        end = token.end()
    phrase = text[:end].strip()
    phrase = re.sub(r"(?:\s*(?:,|&|\band\b|\bof\b|\bfor\b|\bon\b|\bthe\b))+$", "", phrase)
    phrase = phrase.strip(" ,")
    if not phrase or _NOT_SUBJECT.match(phrase):
        return None
    if len(phrase.split()) > 14 and not _listed_names(phrase):
        return None
    words = phrase.split()
    named = any(w[0].isupper() for w in words[1:]) or (
        words[0][0].isupper() and words[0].lower() not in {"the", "all", "each", "every", "both"}
    )
    if named or _body_noun(words[-1].strip(",")) or names.known(phrase):
        return phrase
    return None


# Rule "long-name-lists" (round 19): the limit of 14 words on a body's name holds for each name
# of a list, not the list ("the Northern Canals Trust of Wessex, the Association of Lock
# Keepers of England and the National Towpath Users Council"): a list of two to five names,
# each of at most 8 words and each starting "the" or a capital, is read; before, such a list
# gave no addressee.
def _listed_names(phrase: str) -> bool:
    if not on("long-name-lists") or len(phrase.split()) > 40 or "," not in phrase:
        return False
    parts = [p for p in _SPLIT_ACTORS.split(phrase) if p.strip()]
    return 2 <= len(parts) <= 5 and all(
        len(p.split()) <= 8 and (p[0].isupper() or p.lower().startswith("the ")) for p in parts
    )


def _modified_body(text: str, tokens: list[re.Match], i: int) -> int | None:
    """The index of the body noun that one or two lower-case words at ``tokens[i]`` modify
    ("ACPO rank officers", "provider collaboratives", "every provider board"), else None."""
    for j in (i, i + 1):
        if j >= len(tokens) or text[tokens[j - 1].end() : tokens[j].start()].strip(" "):
            return None
        word = tokens[j].group()
        if not word[0].islower() or word.lower() in _NOT_MODIFIER:
            return None
        if word.lower().endswith("ly") and word.lower() not in _LY_ADJECTIVES:
            return None  # "jointly commission", "urgently review": an adverb before a verb
        if j > i and _body_noun(word):
            return j
    return None


# Words in -ly that do modify a body's name ("family liaison officers", "early years providers").
_LY_ADJECTIVES = set(
    "family early elderly assembly supply weekly monthly quarterly daily yearly friendly".split()
)
_NOT_MODIFIER = set(
    "should must shall will would could can may might need needs to be is are was were has have "
    "had not also then therefore now with in of for on at by from that which who".split()
)


_ADVERBIAL = re.compile(
    r"^\s*(?:(?:and|but|so|also|then|therefore|however)\s*,?\s+)?(?:For|In|Where|When|Given|To|As|"
    r"By|Within|If|Subsequently|Following|Once|Until|Before|After|Although|While|Whilst|"
    r"Bearing|Having|Since|With|Without|Through|Over|Under|At|From|Wherever|Where\s+possible|"
    r"Finally|Furthermore|Moreover|Additionally|Also|Therefore|However|Instead|Meanwhile|"
    r"Similarly|Likewise|Overall|First|Second|Third|Lastly)\b[^,]{0,160},\s*",
    re.IGNORECASE,
)

# Rule "ordinal-subjects": every ordinal that opens a call ("Fourth, the Chief Constable and the
# Commissioner should ...", "Secondly, the Inquiry must ...") is no part of its subject, as
# "First," already was (data: the words, each with or without "-ly").
ORDINAL_OPENERS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")
_ORDINAL_OPENER = re.compile(
    r"^\s*(?:(?:and|but|so)\s*,?\s+)?(?:" + "|".join(ORDINAL_OPENERS) + r")(?:ly)?\s*,\s*",
    re.IGNORECASE,
)


_ASIDE = re.compile(
    r",\s*(?:working|in\s+consultation|in\s+partnership|in\s+conjunction|together|whether|once|"
    r"including|in\s+particular|with|alongside|supported|led|acting|where|as|jointly|each|both|"
    r"at\s+the|if|when|through|via|in\s+(?:turn|future|doing\s+so))\b[^,]{0,160},"
)


# "Harbour authorities, such as the port trusts, should": the example qualifies the subject
# (rule "qualifier-aside").
_QUALIFIER_ASIDE = re.compile(
    r",\s*(?:such\s+as|for\s+example|for\s+instance|e\.g\.)\s[^,]{0,160},", re.IGNORECASE
)


def _skip_aside(text: str) -> str:
    """``text`` without an opening aside (", at the earliest opportunity, the Government ...")."""
    m = re.match(r"^\s*,[^,]{0,120},\s*", text)
    return text[m.end() :] if m else text


# Rule "quoted-call-subject": a recommendation quoted in quotation marks, or in a markdown block
# quote (a reply quoting the report it answers: '> "The Agency should ..."'), names its subject
# inside the opening marks; before, the marks hid it and the item had no addressee.
QUOTE_OPENERS = "\"“‘'> \t"


def call_subject(before: str) -> str | None:
    """The subject of a "should"/"must" call from the words before the modal: "For each joint
    operation, the regional units and the national agency", "The Home Office, working with
    the police and crime commissioners," -> the named bodies (examples written for this comment)."""
    # a closed parenthesis ("The Agency (TA), ...") splits nothing; "That X should" is "that X"
    before = re.sub(r"\([^()]*\)", " ", before)
    clause = re.split(r"\bthat\s+|[;:(]", before, flags=re.IGNORECASE)[-1]
    clause = re.sub(r"\([^()]*\)", " ", clause).lstrip(" ,•●▪◦*–-")
    if on("quoted-call-subject"):
        clause = clause.lstrip(QUOTE_OPENERS)
    if on("and-clause-subject"):
        clause = _second_clause(clause)
    joint = _joint().search(clause)
    partners = noun_phrase(clause[joint.end() :]) if joint else None
    if joint and on("joint-partner-lists") and "," in clause[joint.end() :].rstrip(" ,"):
        # "X, working with A, B and C, should": the aside runs to the comma before the modal
        listed = noun_phrase(clause[joint.end() :].rstrip(" ,"))
        if listed:
            partners, clause = listed, clause[: joint.start()]
    while True:
        m = _ADVERBIAL.match(clause)
        if not m and on("ordinal-subjects"):
            m = _ORDINAL_OPENER.match(clause)
        if not m:
            break
        clause = clause[m.end() :]
    clause = _ASIDE.sub(" ", clause + ",")
    if on("qualifier-aside"):
        clause = _QUALIFIER_ASIDE.sub(" ", clause)
    clause = clause.rstrip(" ,")
    clause = re.sub(r"\s+(?:each|also|jointly|together|themselves|itself|both|all)$", "", clause)
    phrase = noun_phrase(clause.strip())
    if phrase and phrase == " ".join(clause.split()):
        return f"{phrase}, {partners}" if partners else phrase
    return responsible_subject(clause, noun_phrase)


# Rule "and-clause-subject" (round 19): the second call of "X should do this, and Y should do
# that" has its own subject after the ", and": "Duty sergeants should log each closure, and
# supervisors should check the log" asks the supervisors too. Only where the words before the
# ", and" hold a modal of their own (a clause, not the last name of a list "A, B, and C should").
_AND_CLAUSE = re.compile(r",\s+(?:and|but)\s+(?=\S)", re.IGNORECASE)


def _second_clause(clause: str) -> str:
    ands = list(_AND_CLAUSE.finditer(clause))
    if not ands or not _MODAL.search(clause, 0, ands[-1].start()):
        return clause
    tail = clause[ands[-1].end() :]
    phrase = noun_phrase(tail.strip(" ,"))
    return tail if phrase and phrase == " ".join(tail.strip(" ,").split()) else clause


# "X, working with Y, should": Y acts too. ("in consultation with Y": Y is consulted, not asked.)
_JOINT_ONLY = re.compile(r",\s*(?:working|together|jointly|in\s+partnership)\s+with\s+", re.I)
# Rule "in-conjunction-partners" (round 19): "X, in conjunction with Y, should" names Y too, as
# "X, working with Y, should" does.
_JOINT_CONJUNCTION = re.compile(
    r",\s*(?:working|together|jointly|in\s+partnership|in\s+conjunction)\s+with\s+", re.I
)


# Rule "partner-asides" (round 20): any aside that makes Y a partner in the work names Y, whatever
# the partnering words: ", with Y,", ", alongside Y,", ", in collaboration with Y," as ", working
# with Y," and ", in conjunction with Y," already did ("in consultation with Y": Y is consulted,
# not asked, as before). Where Y is no body (", with immediate effect,") no partner is read.
def _joint_any(conjunction: bool) -> re.Pattern:
    words = r"working|together|jointly|in\s+partnership|in\s+collaboration"
    words += r"|in\s+conjunction" if conjunction else ""
    return re.compile(r",\s*(?:(?:" + words + r")\s+with|with|alongside)\s+", re.I)


_JOINT_ANY = {state: _joint_any(state) for state in (True, False)}


def _joint() -> re.Pattern:
    if on("partner-asides"):
        return _JOINT_ANY[on("in-conjunction-partners")]
    return _JOINT_CONJUNCTION if on("in-conjunction-partners") else _JOINT_ONLY


def _blank_deadlines(sentence: str) -> str:
    """The sentence with deadline phrases turned into clause breaks, so "Within six months it
    should" reads like "Within six months, it should"."""
    for phrase in reversed(find_phrases(sentence)):
        sentence = sentence[: phrase.start] + "," + sentence[phrase.end :]
    return sentence


def _one_word_body(word: str) -> bool:
    return bool(names.known(word)) or _body_noun(word)


def _split(actors: str) -> list[str]:
    if names.known(actors):  # "police and crime commissioners" is one body
        return [actors.strip()]
    if re.search(r"\b(?:responsible|accountable)\s+for\b", actors, re.I):
        return [actors.strip()]  # "Those responsible for safety and quality" is one body
    return [a.strip() for a in names.split_listed(actors, _SPLIT_ACTORS) if a.strip()]


_AGENT = re.compile(
    r"\s+(?:\w+\s+){0,3}?(?:be|been)\s+(?:\w+ly\s+)?\w+(?:ed|en|t|wn)\s+(?:\w+\s+){0,2}?by\s+"
    r"(?P<who>[^,;:.]{2,100})",
    re.I,
)
_DUTY = re.compile(
    r"\s+be\s+(?:mandatory|compulsory|a\s+requirement|required|obligatory)\s+for\s+"
    r"(?P<who>[^,;:.]{2,100}?)\s+to\b",
    re.I,
)
_TO_WHOM = re.compile(
    r"\b(?:recommends?|propose[sd]?|ask)\s+to\s+(?P<who>[^:;]{2,120}?)\s+that\b", re.I
)


def lead_in_actors(intro: str) -> list[str]:
    """Who a lead-in addresses its items to: "I recommend to the Ministry of Justice that:",
    "We recommend that the Home Office:", "The Home Office should:"."""
    intro = " ".join(intro.split())
    probe = Found(0, len(intro), "sentence")
    return _sentence_actors(_blank_deadlines(intro), probe, [], first=True)


# Rule "addressee-is-a-name" (round 22): an addressee is a body or a role ("the Treasury",
# "chief constables", "the head of the unit"), never a clause. A phrase that holds a finite verb
# or an auxiliary ("a lead officer is appointed to") or ends on a word that needs more after
# it ("... for", "... the") is a piece of the sentence the reader cut in the wrong place; it is
# dropped rather than shown as a name. Tested on the words' function (verbs, dangling
# prepositions), not on any one document's wording.
_CLAUSE_WORD = re.compile(
    r"\b(?:is|are|was|were|be|been|being|has|have|had|will|would|should|must|can|could|may|"
    r"might|shall|does|did|do)\b"
)
_DANGLING = re.compile(
    r"\b(?:for|to|of|in|on|at|by|with|from|that|which|who|whose|the|a|an|and|or|its|their)\s*$"
)


def names_someone(actor: str) -> bool:
    """Whether ``actor`` reads as a body or a role, not a clause fragment (rule
    "addressee-is-a-name"; always True with the rule off)."""
    if not on("addressee-is-a-name"):
        return True
    actor = actor.strip()
    return bool(actor) and not _CLAUSE_WORD.search(actor) and not _DANGLING.search(actor)


# A role named by its office over a body: "the heads of fire services", "the
# chair of the board", "Director of Digital Services" (rule "addressed-lead-ins").
_ROLE_OF = re.compile(
    r"^(?:the\s+|all\s+|each\s+|every\s+)?(?:[A-Za-z]+\s+){0,2}?(?:heads?|chairs?|chairmen|"
    r"directors?|leaders?|leads?|chief\s+executives?|members?|commissioners?|managers?|"
    r"secretar(?:y|ies)|ministers?|officers?|governors?|clerks?|presidents?)\s+(?:of|for)\s+"
    r"\S.*$",
    re.I,
)


def addressed_names(who: str) -> list[str]:
    """The bodies or roles a lead-in or an addressee heading names ("the Treasury"; "chief
    constables and the heads of fire services": two), each as written; [] when
    any part is no body or role (the phrase is then no address: rule "addressed-lead-ins")."""
    who = " ".join(who.split()).strip(" ,")
    if not who or not names_someone(who):
        return []

    def whole(part: str) -> bool:
        phrase = noun_phrase(part)
        if (phrase is not None and phrase.strip() == part) or _ROLE_OF.match(part):
            return True
        # "the county fire services": words before a head that is a body noun
        words = part.split()
        return (
            1 < len(words) <= 6
            and _body_noun(words[-1])
            and all(re.fullmatch(r"[A-Za-z'’-]+", w) for w in words)
        )

    if whole(who):
        return [who]
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", who)]
    parts = [p for p in parts if p]
    if len(parts) > 1 and all(whole(p) for p in parts):
        return parts
    return []
