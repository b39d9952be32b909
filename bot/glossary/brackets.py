"""Inline definitions: every bracket, 'known as' and 'stands for' a text holds."""

from __future__ import annotations

import re

from bot.glossary.longforms import _long_form_after, _long_form_before, _names_others
from bot.glossary.pages import joined_across_breaks
from bot.glossary.rules import MAX_AFTER, MAX_COST, MAX_LISTED, rules_for
from bot.glossary.shapes import (
    _capitalised_run,
    _coordinated_after,
    _coordinated_before,
    _shared_head,
    _shared_tail,
    _two_short_forms,
)
from bot.glossary.tokens import Definition, _definition
from bot.glossary.words import (
    _BRACKET_LEAD,
    _BREAK,
    _KNOWN_AS,
    _KNOWN_AS_ANCHOR,
    _SPACED_END,
    _STANDS_FOR,
    _STANDS_FOR_ANCHOR,
    ROMAN,
    short_form_letters,
)

_ROUND = re.compile(r"\(([^()\n]{1,200})\)")
_SQUARE_OR_ROUND = re.compile(r"\(([^()\[\]\n]{1,200})\)|\[([^()\[\]\n]{1,200})\]")
# Brackets holding brackets, one level deep: "(calcium(2+) sensing receptor)",
# "[growth factor-9 (GF-9)-binding protein]"
_NESTED = re.compile(
    r"\(((?:[^()\n]|\([^()\n]{0,40}\)){1,200})\)|\[((?:[^\[\]\n]|\([^()\n]{0,40}\)){1,200})\]"
)


def inline_definitions(text: str, rules=None, profile: str | None = None) -> list[Definition]:
    """Every definition of an acronym that ``text`` makes: "long form (SF)", "SF (long form)",
    and (with their rules) "long form, known as SF" and "SF stands for long form"."""
    rules = set(rules_for(rules, profile))
    if "paragraph_joins" in rules:
        text = joined_across_breaks(text)  # the same length: offsets stay the stored text's
    found: list[Definition] = []
    pattern = _SQUARE_OR_ROUND if "square_brackets" in rules else _ROUND
    matches = list(pattern.finditer(text))
    if "nested_brackets" in rules and "(" in text:
        # "CaSR (calcium(2+) sensing receptor)": a long form holding brackets
        nested = [m for m in _NESTED.finditer(text) if "(" in (m.group(1) or m.group(2) or "")]
        if nested:
            matches = sorted(matches + nested, key=lambda m: m.start())
    for match in matches:
        group = 1 if match.group(1) is not None else 2
        inside = match.group(group)
        lead = 0
        if "bracket_words" in rules:
            stripped = _BRACKET_LEAD.sub("", inside.lstrip())
            lead = len(inside) - len(stripped)
        head = (
            re.split(r"[,;]\s", inside[lead:], maxsplit=1)
            if "bracket_words" in rules
            else [inside[lead:]]
        )
        candidate = head[0].strip()
        if "or_forms" in rules and " or " in candidate:  # "(ROCU or RCU)": the first
            first = candidate.split(" or ", 1)[0].strip()
            if " " not in first and short_form_letters(first, rules):
                candidate = first
        if "quoted" in rules:  # "the National Crime Agency ('NCA') said"
            candidate = re.sub(r"^([\"'‘“])(.+)[\"'’”]$", r"\2", candidate)
        short_form = short_form_letters(candidate, rules)
        if short_form and (
            len(head) == 1
            or " " not in candidate
            or ("spaced_forms" in rules and _SPACED_END.search(candidate))
        ):
            tries = [(short_form, False)]
        else:
            tries = []
        if "slash_forms" in rules and _two_short_forms(candidate):  # "(ACPO/NPCC)": ACPO
            tries.append((short_form_letters(candidate.partition("/")[0], rules), True))
        if "later_forms" in rules and not short_form and len(head) == 2:  # "(EC 4.1.3.8; CCE)"
            later = re.split(r"[,;]\s", head[1])[-1].strip()
            tries.append((short_form_letters(later, rules), False))
        result = None
        for option, first_of_two in tries:
            if not option:
                continue
            short, plural = option
            result = _long_form_before(short, text, match.start(), rules)
            if result and first_of_two and "/" in result[0]:
                result = None  # "border/customs-associated units (BAUs/CAUs)": one short form
            if result:
                long, start, _ = result
                found.append(_definition(short, long, plural, start, match.end()))
                break
        if not result and "coordinated" in rules and not short_form and " and " in candidate:
            pairs = _coordinated_before(candidate, text, match.start(), rules)
            if pairs:
                for short, long, start in pairs:
                    found.append(_definition(short, long, False, start, match.end()))
                continue
        if not result and "shared_heads" in rules and short_form and len(head) == 1:
            result = _shared_head(short_form[0], text, match, rules)
            if result:
                long, start, _ = result
                found.append(_definition(short_form[0], long, short_form[1], start, match.end()))
        if not result and "shared_tails" in rules and not short_form and len(head) == 1:
            result = _shared_tail(candidate, text, match.start(), rules)
            if result:
                found.append(_definition(candidate, result[0], False, result[1], match.end()))
        if result:
            continue
        if "pairs_after" in rules and short_form and len(head) == 2 and " " not in candidate:
            # "(HMICFRS, His Majesty's Inspectorate ...)": the short form, then its long form
            rest = head[1]
            rest_start = match.end(group) - len(rest)
            stripped = _BRACKET_LEAD.sub("", rest)
            rest_start += len(rest) - len(stripped)
            cut = re.search(r"[,;]\s", stripped)
            rest_end = rest_start + (cut.start() if cut else len(stripped.rstrip()))
            result = _long_form_after(short_form[0], text, rest_start, rest_end, rules, True)
            if result and not _names_others(result[0]):
                found.append(_definition(short_form[0], result[0], short_form[1], *match.span()))
                continue
        if "bracket_pairs" in rules:  # "(Regional Organised Crime Unit, ROCU)": both inside
            separator = r"[,;] " if "pairs_after" in rules else ", "
            parts = re.split(f"({separator})(?!.*{separator})", inside, maxsplit=1)
            body, comma, last = parts if len(parts) == 3 else ("", "", inside)
            short_form = short_form_letters(last.strip(), rules) if comma else None
            if short_form and body.strip() and not _BREAK.search(body):
                body_start = match.start(group) + len(body) - len(body.lstrip())
                limit = MAX_AFTER if "looser_after" in rules else MAX_COST
                result = _long_form_after(
                    short_form[0],
                    text,
                    body_start,
                    match.start(group) + len(body),
                    rules,
                    True,
                    limit,
                )
                if result:
                    found.append(
                        _definition(short_form[0], result[0], short_form[1], *match.span())
                    )
                    continue
        # SF (long form): the word before the bracket is the short form
        previous = re.search(r"(\S+)\s*$", text[max(0, match.start() - 40) : match.start()])
        if not previous:
            continue
        compound = " " not in inside.strip()
        if compound and not (
            "compound_words" in rules
            and re.fullmatch(r"(?:[0-9]+['’]?-)?[A-Za-z][\w]*(?:-[A-Za-z][\w]*)+", inside)
            and previous.group(1) not in ROMAN
            and previous.group(1).lower() not in inside.lower()
        ):
            continue  # one word is a long form only as a compound: "TLR (Toll-like-receptor)"
        if "coordinated" in rules and " and " in inside:
            pairs = _coordinated_after(text, match.start(), inside[lead:], rules)
            if pairs:
                for short, long in pairs:
                    found.append(_definition(short, long, False, match.start(), match.end()))
                continue
        word = previous.group(1).strip(",'’\"“”")
        short_form = short_form_letters(word, rules)
        alternative = None
        if "named_parts" in rules:
            # "NPCC/APCC (Association ...)", "5'-CAPR (capped ...)": the last of two names, or
            # the name after a locant, tried when the whole word is no short form that spells
            # the long form
            part = re.fullmatch(r"(?:[^/\s]+/|[0-9]+['’]-)([A-Za-z][^/\s]*)", word)
            alternative = short_form_letters(part.group(1), rules) if part else None
            short_form = short_form or alternative
        if not short_form:
            continue
        short, plural = short_form
        body_start = match.start(group) + (lead if "bracket_words" in rules else 0)
        if "for_lead" in rules and (
            opener := re.match(r"for\s+(?=\S)", text[body_start : match.end(group)])
        ):
            body_start += opener.end()
        body_end = match.end(group)
        if "bracket_words" in rules:
            cut = re.search(r"[,;]\s", text[body_start:body_end])
            if cut:
                body_end = body_start + cut.start()
        limit = MAX_AFTER if "looser_after" in rules else MAX_COST
        result = _long_form_after(short, text, body_start, body_end, rules, True, limit)
        if not result and alternative and alternative[0] != short:
            short, plural = alternative
            result = _long_form_after(short, text, body_start, body_end, rules, whole=True)
            if result and "/" in result[0]:
                result = None  # "BAU/CAU (border-associated/customs-associated unit)": one form
        if not result and "comma_items" in rules and body_end < match.end(group):
            # "HSA (housing, safeguarding, and addiction)": the whole list, closely spelled
            body_end = body_start + len(re.split(r";\s", text[body_start : match.end(group)])[0])
            result = _long_form_after(short, text, body_start, body_end, rules, True, MAX_LISTED)
            if result and _names_others(result[0]):
                result = None  # "ROCU1 (RCU12, RCU17, or RCU18)": other names, not a long form
        if result:
            long, _, _ = result
            start = match.start() - len(previous.group(0))
            found.append(_definition(short, long, plural, start, match.end()))
    if "known_as" in rules and _KNOWN_AS_ANCHOR.search(text):
        for match in _KNOWN_AS.finditer(text):
            short_form = short_form_letters(match.group("sf"), rules)
            if short_form:
                result = _long_form_before(short_form[0], text, match.start(), rules)
                if result:
                    long, start, _ = result
                    found.append(
                        _definition(*short_form[:1], long, short_form[1], start, match.end())
                    )
    if "stands_for" in rules and _STANDS_FOR_ANCHOR.search(text):
        for match in _STANDS_FOR.finditer(text):
            short_form = short_form_letters(match.group("sf"), rules)
            if not short_form:
                continue
            stop = _BREAK.search(text, match.end())
            end = stop.start() if stop else len(text)
            run = _capitalised_run(text, match.end(), end)
            result = _long_form_after(
                short_form[0], text, match.end(), run or end, rules, whole=bool(run)
            )
            if result:
                long, long_start, _ = result
                found.append(
                    _definition(
                        short_form[0], long, short_form[1], match.start(), long_start + len(long)
                    )
                )
    found.sort(key=lambda d: d.start)
    return found
