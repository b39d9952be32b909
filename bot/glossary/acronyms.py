"""Finding what acronyms stand for in running text: pure functions, no store.

Two sources of evidence, used by ``bot.glossary.lookup`` to build the library glossary:

- inline definitions, in both directions ("Regional Organised Crime Units (ROCUs)" and
  "ROCU (Regional Organised Crime Unit)"), found with the Schwartz-Hearst algorithm
  (A simple algorithm for identifying abbreviation definitions in biomedical text, 2003);
- capitalised phrases anywhere in the library whose word initials spell an acronym the library uses
  without ever defining it ("SOCA" ... "the Serious Organised Crime Agency"), allowing the joining
  words of/and/&/the/for and all-capital words that give several letters ("UK Border Agency").

Plurals ("ROCUs", "ROCUS", "PCCs") are folded onto the singular acronym throughout.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from bot.library.text import fold

# Words that may sit inside a long form without giving a letter of the acronym.
JOINING_WORDS = {"of", "and", "&", "the", "for"}

# Capitalised only because they open a sentence: "Can I", "By March" spell nothing.
SENTENCE_OPENERS = set(
    "A An And As At But By Can Could Did Do Does For From Had Has Have He How I If In Is It "
    "May Might My No Not Now Of On Or Our Shall She Should So That The Their There These They "
    "This Those To Was We Were What When Where Which While Who Why Will With Would Yes You "
    "Your".split()
)

# All-capital tokens of two or more characters (letters and digits, at least one letter, digits
# never first-and-only), with an optional plural or possessive ending: "ROCUs", "NCA's", "MI5".
ACRONYM_TOKEN = re.compile(
    r"(?<![\w&])((?=[A-Z0-9&]*[A-Z])[A-Z0-9][A-Z0-9&]*[A-Z0-9])(s|['’]s)?(?![\w&])"
)
_WORD_TOKEN = re.compile(r"[A-Za-z0-9][\w]*(?:['’][A-Za-z]+)?|&")
# Characters that end the stretch of text a long form may come from.
_CLAUSE_BREAK = re.compile(r"[.;:!?\n()\[\]\"“”]")


@dataclass(frozen=True)
class Definition:
    """One inline definition: ``short`` stands for ``long``; offsets span both in the text."""

    short: str  # the acronym, singular ("ROCU" for "ROCUs")
    long: str  # the long form as written, singular when the acronym was written plural
    start: int
    end: int


def is_all_capital(token: str) -> bool:
    """An all-capital token of two or more characters with at least one letter ("4P", "MI5")."""
    return len(token) >= 2 and token.upper() == token and any(ch.isalpha() for ch in token)


def acronym_tokens(text: str) -> list[tuple[str, str, int, int]]:
    """(acronym, as written, start, end) for every acronym use in ``text``, plurals singular.

    A trailing capital S is a plural only when the token without it is also used in the text
    ("ROCUS" beside "ROCU"), so "HMICFRS" stays whole.
    """
    found = []
    for match in ACRONYM_TOKEN.finditer(text):
        base = match.group(1)
        found.append((base, match.group(0), match.start(), match.end()))
    bases = {base for base, _, _, _ in found}
    out = []
    for base, written, start, end in found:
        if base.endswith("S") and len(base) > 2 and base[:-1] in bases and written == base:
            base = base[:-1]
        out.append((base, written, start, end))
    return out


def singular_word(word: str) -> str:
    """A plural English word made singular, for the last word of a long form ("Units")."""
    lower = word.lower()
    if lower.endswith("ies") and len(word) > 4:
        return word[:-3] + ("Y" if word[-3].isupper() else "y")
    if lower.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if lower.endswith("s") and not lower.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def _split_plural(short: str) -> tuple[str, bool]:
    """("ROCU", True) for "ROCUs"; ("NCA", False) for "NCA"."""
    if len(short) > 2 and short[-1] == "s" and short[:-1].upper() == short[:-1]:
        return short[:-1], True
    return short, False


def _is_short_form(candidate: str) -> bool:
    """A Schwartz-Hearst short-form candidate, made stricter: one token, 2-10 characters, starting
    with a letter or digit, with at least two capitals (so "(see)" and "(2019)" are not)."""
    if not 2 <= len(candidate) <= 10 or " " in candidate or not candidate[0].isalnum():
        return False
    return sum(ch.isupper() for ch in candidate) >= 2


def best_long_form(short: str, long: str) -> str | None:
    """Schwartz-Hearst: the shortest tail of ``long`` whose characters contain those of ``short``
    in order, the first one at the start of a word. None when there is no such tail."""
    s_i, l_i = len(short) - 1, len(long) - 1
    while s_i >= 0:
        ch = short[s_i].lower()
        if not ch.isalnum():
            s_i -= 1
            continue
        while l_i >= 0 and (
            long[l_i].lower() != ch or (s_i == 0 and l_i > 0 and long[l_i - 1].isalnum())
        ):
            l_i -= 1
        if l_i < 0:
            return None
        l_i -= 1
        s_i -= 1
    start = long.rfind(" ", 0, l_i + 1) + 1
    return long[start:]


def _plausible(short: str, long: str | None) -> bool:
    """Keep only long forms a reader would accept: more words than joining words, not longer
    than Schwartz-Hearst allows, first word starting with the acronym's first letter, and whose
    word initials account for the acronym (no letters pulled from the middle of one word)."""
    if not long or len(long) <= len(short):
        return False
    tokens = _WORD_TOKEN.findall(long)
    if not tokens or len(tokens) > min(len(short) + 5, len(short) * 2):
        return False
    if short.lower() in (t.lower() for t in tokens):
        return False
    if tokens[0][0].lower() != short[0].lower():
        return False
    return spells(short, tokens, loose=True)


def spells(acronym: str, tokens: list[str], loose: bool = False) -> bool:
    """Whether the words ``tokens`` spell ``acronym``: every word except joining words gives its
    first letter, an all-capital word may give all its letters ("UK"), and (``loose``) a word may
    give further letters from inside it ("Headquarters" -> HQ)."""
    letters = [ch.lower() for ch in acronym if ch.isalnum()]

    def walk(t: int, a: int) -> bool:
        if t == len(tokens):
            return a == len(letters)
        token = tokens[t]
        if token.lower() in JOINING_WORDS and walk(t + 1, a):
            return True
        if a == len(letters) or token[0].lower() != letters[a]:
            return False
        if is_all_capital(token):  # "UK" gives U and K, or only U
            n = len([c for c in token if c.isalnum()])
            if token.lower()[:n] == "".join(letters[a : a + n]) and walk(t + 1, a + n):
                return True
        if walk(t + 1, a + 1):
            return True
        if loose:  # further letters from inside the word, in order
            rest, pos = token.lower(), 1
            for k in range(a + 1, len(letters)):
                pos = rest.find(letters[k], pos)
                if pos < 0:
                    break
                pos += 1
                if walk(t + 1, k + 1):
                    return True
        return False

    return walk(0, 0)


def inline_definitions(text: str) -> list[Definition]:
    """Every "long form (SF)" and "SF (long form)" in ``text``."""
    found = []
    for match in re.finditer(r"\(([^()\n]{1,200})\)", text):
        inside = match.group(1).strip()
        before_start = max(0, match.start() - 300)
        before = text[before_start : match.start()]
        breaks = list(_CLAUSE_BREAK.finditer(before))
        clause_start = breaks[-1].end() if breaks else 0
        clause = before[clause_start:].rstrip()
        if _is_short_form(inside):  # long form (SF)
            short, plural = _split_plural(inside)
            tokens = list(re.finditer(r"\S+", clause))
            limit = min(len(short) + 5, len(short) * 2)
            window_start = tokens[-limit].start() if len(tokens) >= limit else 0
            window = clause[window_start:]
            long = best_long_form(short, window)
            if not _plausible(short, long):  # Schwartz-Hearst's shortest match fell short:
                long = _initials_long_form(short, window)  # "personal protective equipment"
            if long:
                offset = before_start + clause_start + window_start + window.rfind(long)
                if plural:
                    long = singular_phrase(long)
                found.append(Definition(short, long, offset, match.end()))
        elif " " in inside:  # SF (long form)
            previous = re.search(r"(\S+)\s*$", clause)
            if not previous:
                continue
            word = previous.group(1).strip(",'’\"")
            if not _is_short_form(word):
                continue
            short, plural = _split_plural(word)
            long = best_long_form(short, inside)
            if long == inside and _plausible(short, long):
                if plural:
                    long = singular_phrase(long)
                start = before_start + clause_start + previous.start()
                found.append(Definition(short, long, start, match.end()))
    return found


def _initials_long_form(short: str, window: str) -> str | None:
    """The shortest tail of ``window`` whose word initials spell ``short`` exactly (joining words
    and all-capital words allowed), for when the letters-anywhere match picked too few words."""
    starts = [m.start() for m in re.finditer(r"\S+", window)]
    for start in reversed(starts):
        candidate = window[start:].strip(" ,;'\"’”")
        tokens = _WORD_TOKEN.findall(candidate)
        if tokens and tokens[0].lower() not in JOINING_WORDS and spells(short, tokens):
            return candidate if _plausible(short, candidate) else None
    return None


def singular_phrase(phrase: str) -> str:
    """A long form with its last word singular ("Regional Organised Crime Units" -> "... Unit")."""
    head, _, last = phrase.rpartition(" ")
    return f"{head} {singular_word(last)}".strip()


@dataclass(frozen=True)
class PhraseUse:
    phrase: str  # as written
    count: int
    docs: frozenset[str]


def capitalised_runs(text: str) -> Iterable[list[str]]:
    """Runs of capitalised words (joining words allowed inside) with nothing but spaces between."""
    run: list[str] = []
    last_end = -1
    for match in _WORD_TOKEN.finditer(text):
        token = match.group()
        gap = text[last_end : match.start()] if last_end >= 0 else " "
        joined = last_end >= 0 and gap.strip() == "" and "\n" not in gap
        capital = token[0].isupper() or token[0].isdigit() and is_all_capital(token)
        if not joined:
            if run:
                yield run
            run = []
        if capital or (run and token.lower() in JOINING_WORDS):
            run.append(token)
        else:
            if run:
                yield run
            run = []
        last_end = match.end()
    if run:
        yield run


def phrases_spelling(
    acronyms: set[str], documents: Iterable[tuple[str, str]]
) -> dict[str, dict[str, PhraseUse]]:
    """For each acronym, the capitalised phrases in ``documents`` ((doc id, text) pairs) that
    spell it: acronym -> {normalised phrase -> PhraseUse}. Phrases have two or more words, start
    on a capitalised word and end where the run of capitalised words ends or "and the" follows
    (so "Faculty of Child and Adolescent" is not read out of "... Adolescent Psychiatry");
    every word gives its initial (an all-capital word may give all its letters, a joining word
    may give none).

    One pass over the text: each run is walked once from every start, carrying the letter
    strings that are still the beginning of some acronym."""
    wanted = {a.lower(): a for a in acronyms if not any(ch.isdigit() for ch in a)}
    prefixes = {key[:n] for key in wanted for n in range(1, len(key) + 1)}
    longest = max((len(key) for key in wanted), default=0)
    counts: dict[str, Counter] = {}
    docs: dict[tuple[str, str], set[str]] = {}
    written: dict[tuple[str, str], Counter] = {}
    for doc_id, text in documents:
        for run in capitalised_runs(text):
            last = len(run) - 1
            if last < 1:
                continue
            for i in range(last):
                if run[i].lower() in JOINING_WORDS or run[i][0].lower() not in prefixes:
                    continue
                letters = {""}
                for j in range(i, min(len(run), i + longest + 4)):
                    letters = _extend(letters, run[j], prefixes)
                    if not letters:
                        break
                    if j == i or run[j].lower() in JOINING_WORDS or run[j] == "I":
                        continue
                    if not _ends_phrase(run, j):
                        continue
                    for spelled in letters & wanted.keys():
                        phrase = " ".join(run[i : j + 1])
                        if phrase.upper() == phrase:  # "NCA UK": not a long form
                            continue
                        acronym, key = wanted[spelled], phrase_key(phrase)
                        counts.setdefault(acronym, Counter())[key] += 1
                        docs.setdefault((acronym, key), set()).add(doc_id)
                        written.setdefault((acronym, key), Counter())[phrase] += 1
    out: dict[str, dict[str, PhraseUse]] = {}
    for acronym, counter in counts.items():
        out[acronym] = {
            key: PhraseUse(
                written[(acronym, key)].most_common(1)[0][0],
                count,
                frozenset(docs[(acronym, key)]),
            )
            for key, count in counter.items()
        }
    return out


def _ends_phrase(run: list[str], j: int) -> bool:
    """Whether a long form may end at ``run[j]``: at the end of the run, or before "and the"
    that starts the next body ("... Crime Agency and the UK Border Agency")."""
    if j == len(run) - 1:
        return True
    following = [w.lower() for w in run[j + 1 : j + 3]]
    return following in (["and", "the"], ["&", "the"])


def _extend(letters: set[str], token: str, prefixes: set[str]) -> set[str]:
    """The letter strings after ``token``: plus its initial, plus all its letters when it is
    all capitals, unchanged when it is a joining word; only those still starting an acronym."""
    options = [token[0].lower()]
    if is_all_capital(token):
        options.append("".join(ch for ch in token.lower() if ch.isalnum()))
    out = {s + o for s in letters for o in options if s + o in prefixes}
    if token.lower() in JOINING_WORDS:
        out |= letters
    return out


def confident_phrase(
    acronym: str, candidates: dict[str, PhraseUse], docs_using: set[str]
) -> PhraseUse | None:
    """The one long form to believe for ``acronym`` among ``candidates``, or None when unsure.

    Spelled-out phrases beat ones that borrow an acronym ("Her Majesty's Revenue and Customs"
    over "HM Revenue and Customs"); a phrase found in a document that also uses the acronym beats
    one that is not; otherwise one clear favourite (twice as common as the next) or nothing.
    Short acronyms match phrases by chance in a big library ("CAP" ... "Chris and Patrick"), so
    below five letters the phrase must appear in a document that also uses the acronym."""
    pool = [
        c
        for c in candidates.values()
        if not _joins_two_names(c.phrase) and c.phrase.split()[0] not in SENTENCE_OPENERS
    ]
    if not pool:
        return None
    spelled = [c for c in pool if not any(is_all_capital(w) for w in c.phrase.split())]
    pool = spelled or pool
    together = [c for c in pool if c.docs & docs_using]
    if not together and len(acronym) < 5:
        return None
    if len(acronym) == 2 and not any(len(c.docs & docs_using) >= 2 for c in together):
        return None  # "BM" ... "By March": two letters need more than one document's word
    pool = together or pool
    pool.sort(key=lambda c: c.count, reverse=True)
    if len(pool) == 1 or pool[0].count >= 2 * pool[1].count:
        return pool[0]
    return None


def _joins_two_names(phrase: str) -> bool:
    """ "the Treasury and the Department for Work": two bodies, not one long form."""
    return bool(re.search(r"\b(?:and|&) the\b", phrase, re.IGNORECASE))


def phrase_key(phrase: str) -> str:
    """A phrase reduced for comparison: folded, & as "and", apostrophes and punctuation gone,
    each word singular ("Her Majesty’s Inspectorate ... Services" == "her majesty inspectorate
    ... service")."""
    text = fold(phrase).replace("&", " and ").replace("’", "'")
    text = re.sub(r"'s\b", "", text)
    tokens = re.findall(r"[a-z0-9]+", text)
    return " ".join(_crude_singular(t) for t in tokens)


def _crude_singular(token: str) -> str:
    """Strip a plural ending, the same way on both sides of a comparison (never for display)."""
    if token.endswith("ies") and len(token) > 4:
        return token[:-3] + "y"
    if token.endswith("s") and not token.endswith("ss") and len(token) > 2:
        return token[:-1]
    return token
