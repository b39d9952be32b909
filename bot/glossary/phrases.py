"""Capitalised phrases that spell an acronym the library uses without defining it."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bot.glossary.tokens import _WORD_TOKEN, JOINING_WORDS, SENTENCE_OPENERS, is_all_capital
from bot.library.text import fold


@dataclass(frozen=True)
class PhraseUse:
    phrase: str  # as written
    count: int
    docs: frozenset[str]


# A run of capitalised words, found by one regular expression rather than word by word (the
# glossary reads every document's runs). Tokens are ``_WORD_TOKEN``'s; a run starts on a capital
# token that does not continue a word ("iPhone", "d’Artagnan"), and goes on over capital tokens
# and joining words with nothing but spaces (no line break) between them. A token that starts
# with a digit counts as capital when it is all capitals ("4P", "G7"): ``capitalised_runs``
# checks that, the expression only skips plain numbers.
_TOKEN_TAIL = r"\w*(?:['’][A-Za-z]+)?"
_CAPITAL_TOKEN = rf"(?:[A-Z]|[0-9](?=\w*[^\W\d_])){_TOKEN_TAIL}"
_FIRST_CAPITAL = (
    rf"[A-Z0-9](?<!\w[A-Z0-9])(?<!\w['’][A-Z0-9])(?:(?<=[A-Z])|(?=\w*[^\W\d_])){_TOKEN_TAIL}"
)
_JOINING_TOKEN = (
    "(?:&|(?i:"
    + "|".join(sorted((w for w in JOINING_WORDS if w != "&"), key=len, reverse=True))
    + r")(?!\w)(?!['’][A-Za-z]))"
)
_CAPITALISED_RUN = re.compile(
    rf"{_FIRST_CAPITAL}(?:[^\S\n]*(?:{_CAPITAL_TOKEN}|{_JOINING_TOKEN}))*"
)


def capitalised_runs(text: str) -> Iterable[list[str]]:
    """Runs of capitalised words (joining words allowed inside) with nothing but spaces between."""
    for match in _CAPITALISED_RUN.finditer(text):
        run: list[str] = []
        for token in _WORD_TOKEN.findall(match.group()):
            if token[0].isdigit() and not is_all_capital(token):  # "10th" ends a run
                if run:
                    yield run
                run = []
            elif run or token[0].isupper() or token[0].isdigit():
                run.append(token)
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
    found = _spelled_phrases(documents, longest, prefixes.__contains__, wanted)
    return {wanted[letters]: phrases for letters, phrases in found.items()}


def every_phrase_spelling(
    documents: Iterable[tuple[str, str]], max_letters: int
) -> dict[str, dict[str, PhraseUse]]:
    """Every capitalised phrase in ``documents`` by each letter string (2 to ``max_letters``
    letters, lower case) it spells, by the rules of ``phrases_spelling``: what
    ``phrases_spelling`` finds for any acronym of up to ``max_letters`` letters, in one pass."""
    return _spelled_phrases(
        documents, max_letters, lambda s: len(s) <= max_letters and s.isalpha(), None
    )


def _spelled_phrases(
    documents: Iterable[tuple[str, str]],
    longest: int,
    keep: Callable[[str], bool],
    wanted: dict[str, str] | None,
) -> dict[str, dict[str, PhraseUse]]:
    """letters -> {normalised phrase -> PhraseUse}: the walk behind ``phrases_spelling``.
    ``keep`` says whether a letter string may still grow into a wanted one; ``wanted`` (None:
    every string ``keep`` accepts) which strings are recorded."""
    counts: dict[str, Counter] = {}
    docs: dict[tuple[str, str], set[str]] = {}
    written: dict[tuple[str, str], Counter] = {}
    for doc_id, text in documents:
        # a document repeats its runs ("Lady Hallett", "Mr Keith"): each is walked once, and
        # counted as often as it occurs (first occurrences in order, so ties break as before)
        repeats = Counter(tuple(run) for run in capitalised_runs(text) if len(run) > 1)
        for run, times in repeats.items():
            last = len(run) - 1
            # per word, once per run: what it may give, and whether it may be skipped or end
            lowered = [token.lower() for token in run]
            joining = [word in JOINING_WORDS for word in lowered]
            options = [_options(token) for token in run]
            ends = [_ends_phrase(lowered, j) for j in range(len(run))]
            for i in range(last):
                if joining[i] or not keep(lowered[i][0]):
                    continue
                letters = {""}
                for j in range(i, min(len(run), i + longest + 4)):
                    grown = {s + o for s in letters for o in options[j] if keep(s + o)}
                    letters = grown | letters if joining[j] else grown
                    if not letters:
                        break
                    if j == i or joining[j] or run[j] == "I" or not ends[j]:
                        continue
                    spelled = letters & wanted.keys() if wanted is not None else letters
                    if not spelled:
                        continue
                    phrase = " ".join(run[i : j + 1])
                    if phrase.upper() == phrase:  # "NCA UK": not a long form
                        continue
                    key = phrase_key(phrase)
                    for found in spelled:
                        counts.setdefault(found, Counter())[key] += times
                        docs.setdefault((found, key), set()).add(doc_id)
                        written.setdefault((found, key), Counter())[phrase] += times
    out: dict[str, dict[str, PhraseUse]] = {}
    for letters, counter in counts.items():
        out[letters] = {
            key: PhraseUse(
                written[(letters, key)].most_common(1)[0][0],
                count,
                frozenset(docs[(letters, key)]),
            )
            for key, count in counter.items()
        }
    return out


def _ends_phrase(lowered: list[str], j: int) -> bool:
    """Whether a long form may end at word ``j`` of a run (its words in lower case): at the end
    of the run, or before "and the" that starts the next body ("... Crime Agency and the UK
    Border Agency")."""
    if j == len(lowered) - 1:
        return True
    return lowered[j + 1 : j + 3] in (["and", "the"], ["&", "the"])


def _options(token: str) -> tuple[str, ...]:
    """The letters a word may give to an acronym: its initial, and all its letters when it is
    all capitals (a joining word may also give none: the caller's concern)."""
    if is_all_capital(token):
        return (token[0].lower(), "".join(ch for ch in token.lower() if ch.isalnum()))
    return (token[0].lower(),)


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


@functools.lru_cache(maxsize=1 << 16)
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
