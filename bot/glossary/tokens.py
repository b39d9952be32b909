"""Acronym tokens, plurals and the plain spelling test: pure functions, no store."""

from __future__ import annotations

import re
from dataclasses import dataclass

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
# (each token expression opens on its first character, with the look-behind after it, so that
# whole documents are scanned by the regex engine's fast search for that character)
ACRONYM_TOKEN = re.compile(
    r"([A-Z0-9](?<![\w&][A-Z0-9])(?:(?<=[A-Z])|(?=[A-Z0-9&]*[A-Z]))[A-Z0-9&]*[A-Z0-9])"
    r"(s|['’]s)?(?![\w&])"
)
# (a second capital is required up front: "Police" is no mixed-case short form, and most
# capitalised words are skipped without a call to ``is_mixed_case_acronym``)
_MIXED_CASE_TOKEN = re.compile(
    r"([A-Z](?<![\w&][A-Z])(?=[a-z]*[A-Z])[A-Za-z]*[a-z][A-Za-z]*)(['’]s)?(?![\w&])"
)
_CAMEL_CASE = re.compile(r"(?:[A-Z][a-z]+){2,}")
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
    listed: bool = False  # from the document's own list of abbreviations (``tables``)


def is_all_capital(token: str) -> bool:
    """An all-capital token of two or more characters with at least one letter ("4P", "MI5")."""
    return len(token) >= 2 and token.upper() == token and any(ch.isalpha() for ch in token)


def is_mixed_case_acronym(token: str) -> bool:
    """A short form with lower-case letters among its capitals ("PCeU", "DfE", "MoJ", "NaCTSO"):
    two or more capitals, no more lower-case letters than capitals, not a name in camel case
    ("McDonald", "PowerPoint")."""
    if token.endswith("s") and token[:-1].upper() == token[:-1]:  # "ROCUs": a plural
        return False
    capitals = sum(ch.isupper() for ch in token)
    lower = sum(ch.islower() for ch in token)
    return (
        capitals >= 2
        and 0 < lower <= capitals
        and token[0].isupper()
        and not _CAMEL_CASE.fullmatch(token)
    )


def acronym_tokens(text: str) -> list[tuple[str, str, int, int]]:
    """(acronym, as written, start, end) for every acronym use in ``text``, plurals singular:
    all-capital tokens and mixed-case short forms ("PCeU", "DfE").

    A trailing capital S is a plural only when the token without it is also used in the text
    ("ROCUS" beside "ROCU"), so "HMICFRS" stays whole.
    """
    found = []
    for match in ACRONYM_TOKEN.finditer(text):
        base = match.group(1)
        found.append((base, match.group(0), match.start(), match.end()))
    for match in _MIXED_CASE_TOKEN.finditer(text):
        if is_mixed_case_acronym(match.group(1)):
            found.append((match.group(1), match.group(0), match.start(), match.end()))
    found.sort(key=lambda f: f[2])
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


# The rules of the definition finder beyond plain "every word gives its initial". Each can be


def _definition(short: str, long: str, plural: bool, start: int, end: int) -> Definition:
    long = re.sub(r"['’]s$", "", " ".join(long.split()))  # "the Independent Case Examiner’s (ICE)"
    return Definition(short, singular_phrase(long) if plural else long, start, end)


def singular_phrase(phrase: str) -> str:
    """A long form with its last word singular ("Regional Organised Crime Units" -> "... Unit")."""
    head, _, last = phrase.rpartition(" ")
    return f"{head} {singular_word(last)}".strip()
