"""Definitions of more than one shape: shared heads and tails, coordinated pairs."""

from __future__ import annotations

import re

from bot.glossary.longforms import _long_form_after, _long_form_before
from bot.glossary.words import _BREAK, FUNCTION_WORDS, short_form_letters

# A short form's last part that is a lower-case word, perhaps after a number: " 5-phosphatase",
# "-linked", " teams".
_TAIL = re.compile(r"[ -](?:[0-9]+-)?[a-z]{3,}$")


def _shared_tail(candidate: str, text: str, end: int, rules) -> tuple[str, int, float] | None:
    """The long form for a short form whose last part is a word the long form also ends in:
    "phosphoinositide 5-phosphatase (PI 5-phosphatase)", "NCA-linked", "ROCU teams"; the part before
    it aligns as a short form of its own."""
    tail = _TAIL.search(candidate)
    if not tail:
        return None
    near = text[max(0, end - 200) : end].rstrip()  # a slice: never the whole text per bracket
    if not near.lower().endswith(tail.group().lower()):
        return None
    head = short_form_letters(candidate[: tail.start()], rules)
    if not head or head[1]:
        return None
    before = max(0, end - 200) + len(near) - len(tail.group())
    result = _long_form_before(head[0], text, before, rules)
    if not result:
        return None
    long, start, cost = result
    return long + text[before : before + len(tail.group())], start, cost


# How far before a bracket a composed long form is read from: more than ``_words_before`` reads.
_LOOK_BACK = 600
# "the regional (RCCU) and national (NCCU) cyber crime units": after the first bracket, the other
# word and bracket; before the second, the first bracket and word; then the shared head words.
_HEAD_FIRST = re.compile(r"\s+(?:and|or)\s+[^\s()]+\s+\([^()\s]{1,12}\)\s+([^.,;:!?()\[\]\n]+)")
_HEAD_SECOND = re.compile(r"\([^()\s]{1,12}\)\s+(?:and|or)\s+[^\s()]+\s*$")
_HEAD_WORDS = re.compile(r"\s+([^.,;:!?()\[\]\n]+)")


def _shared_head(short: str, text: str, bracket: re.Match, rules) -> tuple[str, int, float] | None:
    """The long form of a short form after a word that shares its head words with the next (or
    the last) one: "the regional (RCCU) and national (NCCU) cyber crime units" gives "regional
    cyber crime units" and "national cyber crime units"; the fewest head words that
    spell the short form."""
    start, end = bracket.start(), bracket.end()
    after = _HEAD_FIRST.match(text, end)
    if not after:
        if not _HEAD_SECOND.search(text, max(0, start - 60), start):
            return None
        after = _HEAD_WORDS.match(text, end)
        if not after:
            return None
    heads = after.group(1).split()[:4]
    offset = max(0, start - _LOOK_BACK)  # a window, never the whole text per bracket
    before = text[offset:start].rstrip()
    for k in range(1, len(heads) + 1):
        composed = before + " " + " ".join(heads[:k])
        result = _long_form_before(short, composed, len(composed), rules)
        if result and result[1] < len(before) and "(" not in before[result[1] :]:
            return result[0], offset + result[1], result[2]
    return None


def _two_forms(candidate: str, rules) -> tuple[str, str] | None:
    """The two short forms of "RCU and NCU", neither plural, or None."""
    parts = candidate.split(" and ")
    if len(parts) != 2:
        return None
    forms = [short_form_letters(part.strip(), rules) for part in parts]
    if not all(forms) or any(form[1] for form in forms):
        return None
    return forms[0][0], forms[1][0]


def _coordinated_before(
    candidate: str, text: str, end: int, rules
) -> list[tuple[str, str, int]] | None:
    """(short form, long form, start) for two short forms joined by "and" in one bracket after
    two long forms joined the same way, the first perhaps sharing the second's last words:
    "the Regional and National Crime Units (RCU and NCU)"; both must be found."""
    forms = _two_forms(candidate, rules)
    joint = text.rfind(" and ", max(0, end - 200), end)
    if not forms or joint < 0 or _BREAK.search(text, joint, end):
        return None
    first, second = forms
    before = _long_form_before(first, text, joint, rules)
    after = _long_form_before(second, text, end, rules)
    if after and after[1] <= joint:
        after = None  # the second long form starts after "and"
    if before is None and after:
        words = after[0].split()
        offset = max(0, joint - _LOOK_BACK)  # a window, never the whole text per bracket
        for k in range(1, len(words)):
            composed = text[offset:joint] + " " + " ".join(words[-k:])
            found = _long_form_before(first, composed, len(composed), rules)
            if found:
                before = (found[0], offset + found[1], found[2])
                break
    if not before or not after or before[1] >= joint:
        return None  # both, the first starting before "and"
    return [(first, before[0], before[1]), (second, after[0], after[1])]


def _coordinated_after(text: str, end: int, inside: str, rules) -> list[tuple[str, str]] | None:
    """(short form, long form) for two short forms joined by "and" before a bracket whose long
    form ends in two members joined the same way: "ROCD1 and ROCD2 (for regional organised
    crime desks 1 and 2)"."""
    before = re.search(r"(\S+) and (\S+)\s*$", text[max(0, end - 60) : end])
    members = re.fullmatch(r"(?:for\s+)?(.*\S)\s+(\w{1,3}) and (\w{1,3})", inside.strip())
    if not before or not members:
        return None
    forms = _two_forms(f"{before.group(1)} and {before.group(2)}", rules)
    if not forms:
        return None
    pairs = []
    for short, member in zip(forms, members.groups()[1:], strict=True):
        if not short.endswith(member):
            return None
        composed = f"{members.group(1)} {member}"
        result = _long_form_after(short, composed, 0, len(composed), rules, True)
        if not result:
            return None
        pairs.append((short, result[0]))
    return pairs


def _two_short_forms(candidate: str) -> bool:
    """ "ACPO/NPCC", "BAU/CAU4": two names joined by a slash, the first without a space, not
    numbered members of one kind ("FL1/FL2")."""
    first, slash, second = candidate.partition("/")
    if not slash or " " in first or not first or not second:
        return False
    return re.sub(r"[\W\d_]+", "", first).lower() != re.sub(r"[\W\d_]+", "", second).lower()


def _capitalised_run(text: str, start: int, end: int) -> int | None:
    """Where a run of capitalised words (joining words inside) starting at ``start`` ends, or
    None when the text there is not capitalised: "Child Exploitation and Online Protection
    Centre which ..." ends after "Centre"."""
    stop = None
    for match in re.finditer(r"\S+", text[start:end]):
        word = match.group().strip("\"'“”‘’,")
        if word[:1].isupper():
            stop = start + match.start() + len(match.group().rstrip("\"'“”‘’,"))
        elif word.lower() not in FUNCTION_WORDS:
            break
    return stop
