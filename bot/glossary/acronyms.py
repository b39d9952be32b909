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

import functools
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

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
# turned off (``inline_definitions(text, rules=...)``) so bench/acronyms.py can measure what it
# buys and what it costs.
RULES = (
    "head_words",  # content words after the last letter-giving word: "... Protection Centre (CEOP)"
    "skipped_words",  # an inner content word that gives no letter, when the rest is strong
    "inner_letters",  # letters from inside a word ("Headquarters" HQ, "National" Na in NaCTSO)
    "hyphen_parts",  # a hyphenated compound gives letters as one word or two ("e-Crime", PCeU)
    "bracket_words",  # "(the ...)", "(hereafter SF)", "(SF, ...)", "(SF; ...)" inside brackets
    "mixed_case",  # short forms with lower-case letters: PCeU, DfE, MoJ, NaCTSO
    "digits",  # number words ("G7" Group of Seven) and short forms of one capital and digits
    "numbered_kinds",  # one digit no word gives ("SPG1", "PTS1"), when the rest matches closely
    "prefix_runs",  # letters running on from a word's start cost less ("OXidative PHOSph..")
    "inner_brackets",  # "poly(A) binding protein (PABP)", "Interleukin-1 (IL-1) receptor (IL1R)"
    "greek_prefixes",  # a Greek letter joined by a hyphen stays: "beta-amyloid precursor protein"
    "slash_names",  # "Toll/IL-1 receptor (IL-1R)": the long form starts after the slash
    "greek_letters",  # "TNF alpha" (tumor necrosis factor alpha): a Greek letter as one letter
    "roman_numerals",  # "PH2" (primary hyperoxaluria type II), "IGF-I" (... growth factor-1)
    "comma_lists",  # "Health, Exercise, Nutrition for the Really Young (HENRY)": capitalised items
    "the_start",  # "The Campaign Company (TCC)": a capital "The" may give the first letter
    "bracket_pairs",  # "(blood-brain barrier, BBB)": long and short form inside the brackets
    "quoted",  # a short form in quotes inside the brackets: ("RACE"), (‘the NCA’)
    "letter_start",  # a long form never starts on a lone lower-case letter ("c oxidase")
    "square_brackets",  # "odds ratio [OR]": square brackets as well as round ones
    "known_as",  # "X, known as Y"
    "stands_for",  # "Y stands for X"
    "spaced_forms",  # "(IL-2R alpha, p55)", "(TRPS I, MIM ...)": a numeral or Greek letter ends it
    "slash_forms",  # "(SAPK/JNKs)", "(CAD/DFF40)": the first of two short forms joined by a slash
    "later_forms",  # "(EC 1.3.1.34; DCR)": the short form after a first part that is none
    "inner_colons",  # "NAD(P)H:quinone oxidoreductase": a colon inside a word breaks nothing
    "short_camels",  # "IbTx", "PtdCho": camel case of short parts is a short form, not a name
    "pairs_after",  # "(BART, Binder of Arl Two)", "(LF; SF)": more orders inside the brackets
    "rotations",  # "cell adhesion molecule L1 (L1CAM)", "70 kDa ... protein (PMP70)"
    "repeated_forms",  # a looser cost limit for a capital short form the text uses again
    "comma_items",  # "secreted protein, acidic and rich in cysteine (SPARC)": closely spelled
    "compound_words",  # "RGL (RalGDS-like)": one hyphenated word may be the long form after
    "for_lead",  # "MIST (for mast cell immunoreceptor signal transducer)": "for" opens a long form
    "numbered_names",  # "PAK-1/protein kinase N (PKN)": the long form starts after the slash
    "bracket_starts",  # a long form never starts on a bracketed short form: "(TNF)-receptor"
    "coordinated",  # "(RCU and NCU)" after two long forms, "PAM1 and PAM2 (for ... 1 and 2)"
    "nested_brackets",  # "rBAT (related to b(0,+) amino acid transporter)": brackets inside
    "or_forms",  # "(IL-TIF or IL-21)": the first of two short forms joined by "or"
    "bounded_forms",  # a looser limit for a long form from a clause's start or after "the"
    "looser_after",  # "SF (long form)": the brackets bound the long form, so a looser limit
    "named_parts",  # "p75/AIRM1 (for ...)", "3'-RACE (rapid ...)": the part that is a short form
    "kind_words",  # "type", "class", "group" before a numeral give no letter at no cost
    "function_starts",  # "A Disintegrin And Metalloprotease (ADAM)": when nothing else aligns
    "shared_heads",  # "scanning (SEM) and transmission (TEM) electron microscopy"
    "bracketed_forms",  # "forced expiratory volume in 1 second (FEV(1))": a bracket inside
    "shared_tails",  # "phosphatidylinositol 3-kinase (PI 3-kinase)": both end in the same word
)
# All on: numbered_kinds was off until its cost (NO_DIGIT) asked for a close match.
DEFAULT_RULES = RULES
# Raised whenever the rules find different definitions: each store then takes its documents'
# glossary facts again, once, when it is next opened (``bot.glossary.mined``).
FINDER_VERSION = 4

# Words that may sit inside a long form without giving a letter, at no cost.
FUNCTION_WORDS = JOINING_WORDS | set(
    "in on to a an at by with from or into its their per via against between within upon "
    "de la le les du des da di del der die das und et y".split()
)
# Units after a number that give no letter inside a long form ("70 kDa peroxisomal ...").
UNITS = {"kda", "kd"}
KIND_WORDS = {"type", "class", "group"}  # before a numeral or letter: "holoprosencephaly type 2"
GREEK_LETTERS = set(
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho "
    "sigma tau upsilon phi chi psi omega".split()
)
# Greek letters spelled out ("TNF alpha", "IL-1beta") are read as one letter on both sides, and
# give the Latin initial too ("ERA" ... "oestrogen receptor alpha").
_GREEK_NAMES = "alpha beta gamma delta epsilon zeta theta iota kappa lambda sigma omega"
GREEK_INITIALS = dict(zip("αβγδεζθικλσω", "abgdeztiklso", strict=True))
_GREEK_CHARS = dict(zip(_GREEK_NAMES.split(), GREEK_INITIALS, strict=True))
_GREEK = re.compile(
    r"(?<![a-z])(?:"
    + "|".join(f"[{n[0]}{n[0].upper()}]{n[1:]}" for n in _GREEK_NAMES.split())
    + ")(?![a-z])"
)
ROMAN = {
    r: str(n)
    for n, r in enumerate(
        "I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII XVIII XIX XX".split(), 1
    )
}


def _greek_letter(match: re.Match) -> str:
    return _GREEK_CHARS[match.group().lower()]


NUMBER_WORDS = {
    w: str(n)
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split()
    )
}
# Costs of an alignment of a short form's letters to the words of a candidate long form.
INNER = 0.75  # a capital or digit of the short form taken from inside a word ("HQ")
PREFIX_RUN = 0.5  # the same, continuing a run of letters from the word's start ("OXidative")
INNER_LOWER = 0.25  # a lower-case letter of the short form from inside a word ("Na" of NaCTSO)
FIRST_NOT_INITIAL = 0.5  # a word's first letter given from a later part ("2,4-dinitro...")
ASIDE = 0.5  # a bracketed word inside a long form that gives no letter: "(IL-1)"
SKIPPED_CAPITAL = 1.5  # the same, capitalised in a capitalised long form ("Applied")
SKIPPED = 2.0  # an inner content word that gives no letter
NO_DIGIT = 2.5  # a digit of the short form that no word gives ("CDPX2", "PTS1": a numbered kind)
HEAD = 1.0  # a content word after the last letter ("domain" in "transmembrane domain (TM)")
HEAD_CAPITAL = 0.5  # the same, capitalised in a capitalised long form ("Centre")
MAX_COST = 3.0  # the most an accepted alignment may cost
MAX_BOUNDED = 4.0  # the same for a long form from a clause's start or after an article
MAX_AFTER = 6.0  # the same for "SF (long form)", the brackets bounding the long form
ROTATION = 0.5  # the short form's letters taken in another order ("... molecule L1 (L1CAM)")
MAX_REPEATED = 4.5  # the same for a capital short form the text uses again after defining it
MAX_ROTATED = 1.0  # the most a rotated alignment may cost, the rotation included
MAX_LISTED = 1.0  # the most a long form that goes back over commas may cost
_INF = float("inf")

_SHORT_FORM = re.compile(
    r"(?:[A-Za-z]\.){2,}|[A-Za-z0-9][A-Za-z0-9&./+\-]*(?: (?:[A-Z0-9]+|[IVX]+))?"
    r"(?:[ -](?:alpha|beta|gamma|delta|epsilon|kappa|omega)(?:-?[0-9]+)?)?"
)
# A short form holding a short bracket: "FEV(1)", "IK(N)", "SCS(Tk)", "hATB(0+)".
_BRACKETED_FORM = re.compile(r"[A-Za-z0-9][A-Za-z0-9./+\-]*\([A-Za-z0-9.,+\-]{1,4}\)")
# What ends the stretch of text a long form may come from: sentence and clause punctuation,
# brackets, quotes, a paragraph break, a comma before a space.
_BREAK = re.compile(r"[;:!?()\[\]{}\"“”]|\.(?=\s|$)|,\s|\n\s*\n")
# The same without a colon inside a word ("NAD(P)H:quinone", "UDP-GalNAc:polypeptide").
_BREAK_WORD_COLON = re.compile(r"[;!?()\[\]{}\"“”]|:(?!\w)|(?<!\w):|\.(?=\s|$)|,\s|\n\s*\n")
# A space a short form may hold: before a numeral or a Greek letter that ends it ("TRPS I").
_SPACED_END = re.compile(
    r" (?:[IVX]+|[0-9]+|alpha|beta|gamma|delta|epsilon|kappa|omega)(?:-?[0-9]+)?$"
)
# Short bracketed groups that may sit inside a long form: attached to a word ("poly(A)",
# "K(+)", "NH(2)-terminal") or a one-word aside ("Interleukin-1 (IL-1) receptor").
_INNER_BRACKETS = re.compile(r"(?<=\w)\([^()\s]{1,12}\)|(?<=\s)\([^()\s]{1,12}\)(?=[\s-])")
_BRACKETED = re.compile(r"\([A-Z0-9-]+\)")  # a bracketed short form opening a word: "(TNF)-"
_BRACKET_LEAD = re.compile(
    r"^(?:(?:the|a|an|hereafter|hereinafter|henceforth|or|also|formerly|now|i\.e\.|ie)\s+|"
    r"(?:(?:hereafter|hereinafter|also|commonly|jointly)\s+)?(?:known|referred to|called)"
    r"\s+as\s+(?:the\s+)?)+",
    re.IGNORECASE,
)
_KNOWN_AS = re.compile(
    r",?\s+(?:(?:also|commonly|more commonly|better|now|formerly|hereafter|jointly|collectively)"
    r"\s+)?(?:known|referred to)\s+as\s+(?:the\s+)?[\"“‘']?(?P<sf>[A-Za-z0-9][\w&.\-]*)"
    r"[\"”’']?(?=[\s,.;:)]|$)"
)
_STANDS_FOR = re.compile(
    r"(?<![\w&])(?P<sf>[A-Za-z0-9][\w&.\-]*)[\"”’']?\s+(?:stands|stood)\s+for\s+(?:the\s+)?"
)
# What every match of the two above contains: a quick search for it spares the slow scans of
# documents that never say "known as" or "stands for".
_KNOWN_AS_ANCHOR = re.compile(r"(?:known|referred to)\s+as\s")
_STANDS_FOR_ANCHOR = re.compile(r"\s(?:stands|stood)\s+for\s")


def short_form_letters(candidate: str, rules=DEFAULT_RULES) -> tuple[str, bool] | None:
    """(the short form as an entry shows it, whether it was written plural) when ``candidate``
    can be a short form, else None: one token of 2-10 characters starting with a letter or
    digit, with two or more capitals (or, with the digits rule, one capital and a digit: "G7"),
    lower-case letters only with the mixed-case rule ("PCeU", "DfE") or as a plural ending."""
    candidate = re.sub(r"['’]s$", "", candidate)
    compact = _GREEK.sub(_greek_letter, candidate) if "greek_letters" in rules else candidate
    if not 2 <= len(compact) <= 10 or not (
        _SHORT_FORM.fullmatch(candidate)
        or ("bracketed_forms" in rules and _BRACKETED_FORM.fullmatch(candidate))
    ):
        return None
    if "greek_letters" not in rules and re.search(r" [a-z]+\S*$", candidate):
        return None  # "TNF alpha" is a short form only with the Greek letters rule
    short, plural = _split_plural(candidate)
    capitals = sum(ch.isupper() for ch in short)
    digits = any(ch.isdigit() for ch in short)
    if capitals < 2 and not ("digits" in rules and capitals == 1 and digits):
        return None
    if any(ch.islower() for ch in short):
        if "mixed_case" not in rules:
            return None
        if _CAMEL_CASE.fullmatch(short) and not (  # "McDonald", "PowerPoint": names
            "short_camels" in rules and max(map(len, re.findall("[A-Z][a-z]*", short))) <= 3
        ):
            return None
    if short.strip("-/+&") != short or (short.endswith(".") and "." not in short[:-1]):
        return None
    return short, plural


@dataclass(frozen=True)
class _Word:
    text: str
    start: int
    end: int
    chars: str  # lower case
    strong: frozenset[int]  # where a letter counts as the start of a part of the word
    function: bool
    capital: bool
    number: str | None
    aside: bool = False  # a bracketed word inside a long form: "(IL-1)"


_NON_SPACE = re.compile(r"\S+")


_INITIAL_ONLY = frozenset({0})


def _strong_positions(shown: str, all_caps: bool, rules) -> frozenset[int]:
    """Where a letter of ``shown`` counts as the start of a part of the word."""
    strong = set()
    for i, ch in enumerate(shown):
        if not ch.isalnum():
            continue
        prev = shown[i - 1] if i else ""
        if (
            not prev
            or ch in GREEK_INITIALS
            or all_caps
            or (not prev.isalnum() and ("hyphen_parts" in rules or prev not in "-/"))
            or (prev.islower() and ch.isupper())
            or ch.isdigit()
        ):
            strong.add(i)
    return frozenset(strong)


def _words(text: str, offset: int, rules) -> list[_Word]:
    out = []
    greek = "greek_letters" in rules and _GREEK.search(text) is not None
    inner_brackets = "inner_brackets" in rules
    for match in _NON_SPACE.finditer(text):
        raw = match.group()
        lead = len(raw) - len(raw.lstrip("\"'“‘(,/"))
        word = raw.strip("\"'“”‘’(),;/")
        if not word:
            continue
        aside = False
        if inner_brackets:
            if raw.startswith("(") and raw.rstrip(",;").endswith(")") and "(" not in word:
                aside = True  # "Interleukin-1 (IL-1) receptor": an aside that gives no letter
            elif word.count("(") > word.count(")") and ")" in raw[lead + len(word) :]:
                word += ")"  # "K(+)", "poly(A)": the bracket belongs to the word
            elif word.count(")") > word.count("(") and lead and raw[lead - 1] == "(":
                word, lead = "(" + word, lead - 1  # "(dsRNA)-binding"
        start = offset + match.start() + lead
        shown = _GREEK.sub(_greek_letter, word) if greek else word
        all_caps = is_all_capital(shown)
        if shown.isascii() and shown.isalpha() and (shown.islower() or shown[1:].islower()):
            strong = _INITIAL_ONLY  # "protein", "Police": only the initial (the common case)
        else:
            strong = _strong_positions(shown, all_caps, rules)
        lower = shown.lower()
        number = NUMBER_WORDS.get(lower) if "digits" in rules else None
        if "roman_numerals" in rules and word in ROMAN:
            number = ROMAN[word]
        out.append(
            _Word(
                word,
                start,
                start + len(word),
                lower,
                strong,
                lower in FUNCTION_WORDS and not aside,
                word[0].isupper(),
                number,
                aside,
            )
        )
    return out


class _Aligner:
    """The cheapest way for the words of a candidate long form to give a short form's letters,
    in order: every word gives its initial or nothing, and perhaps further letters from inside."""

    def __init__(self, letters: str, lower: list[bool], words: list[_Word], rules):
        self.letters, self.lower, self.words, self.rules = letters, lower, words, rules
        self.memo: dict[tuple[int, int, int], float] = {}
        self.function_start = False  # whether a function word may give the first letter
        self.starts: dict[tuple[int, int, bool], float] = {}
        self.capitalised = sum(w.capital for w in words if not w.function) * 2 >= len(
            [w for w in words if not w.function]
        )

    def give(self, word: _Word, j: int, k: int, first: bool) -> float:
        """Cost of ``word`` giving letters j..k-1, its first one at a strong position."""
        wanted = self.letters[j:k]
        if word.number and wanted == word.number:
            return 0.0
        best = _INF
        chars = word.chars

        runs = "prefix_runs" in self.rules

        def walk(pos: int, n: int, cost: float, run: bool) -> None:
            nonlocal best
            if cost >= best:
                return
            if n == len(wanted):
                best = cost
                return
            for p in range(pos, len(chars)):
                if chars[p] != wanted[n] and GREEK_INITIALS.get(chars[p]) != wanted[n]:
                    continue
                if n == 0:
                    if p not in word.strong:
                        continue
                    step = 0.0 if not chars[:p].strip("(") else FIRST_NOT_INITIAL
                elif p in word.strong:
                    step = 0.0
                elif "inner_letters" in self.rules or self.lower[j + n]:
                    step = INNER_LOWER if self.lower[j + n] else INNER
                    if run and p == pos and chars[p].isalpha():  # "OXidative": a prefix run
                        step = min(step, PREFIX_RUN)
                else:
                    continue
                walk(p + 1, n + 1, cost + step, run and p == pos)

        walk(0, 0, 0.0, runs)
        return best

    def cost(self, i: int, j: int, last: int) -> float:
        """Cheapest cost for words[i:last] to give letters[j:]."""
        key = (i, j, last)
        if key in self.memo:
            return self.memo[key]
        words, n = self.words, len(self.letters)
        if i == last:
            digits = self.letters[j:]
            if j == n:
                result = 0.0
            elif j and digits.isdigit() and "numbered_kinds" in self.rules:
                result = NO_DIGIT * len(digits)
            else:
                result = _INF
        elif j == n:  # the rest give nothing: head words ("Centre"), never a closing "of"
            if words[last - 1].function:
                result = _INF
            elif "head_words" not in self.rules:
                result = _INF if any(not w.function for w in words[i:last]) else 0.0
            else:
                result = sum(
                    0.0 if w.function else HEAD_CAPITAL if w.capital and self.capitalised else HEAD
                    for w in words[i:last]
                )
        else:
            word = words[i]
            if "numbered_kinds" in self.rules and self.letters[j].isdigit() and j > 0:
                result = NO_DIGIT + self.cost(i, j + 1, last)
            else:
                result = _INF
            if word.aside:
                result = min(result, ASIDE + self.cost(i + 1, j, last))
            elif word.chars in UNITS and i and _numeral(self.words[i - 1]):
                result = min(result, self.cost(i + 1, j, last))  # "70 kDa": a weight's unit
            elif (
                "kind_words" in self.rules
                and word.chars in KIND_WORDS
                and i + 1 < last
                and (_numeral(self.words[i + 1]) or len(self.words[i + 1].text) == 1)
            ):
                result = min(result, self.cost(i + 1, j, last))  # "type 2": the numeral counts
            elif word.function:
                result = min(result, self.cost(i + 1, j, last))
            elif "skipped_words" in self.rules:
                skip = SKIPPED_CAPITAL if word.capital and self.capitalised else SKIPPED
                result = min(result, skip + self.cost(i + 1, j, last))
            for k in range(j + 1, n + 1):
                first = word.chars[:1]
                if (
                    first != self.letters[j]
                    and GREEK_INITIALS.get(first) != self.letters[j]
                    and not (word.number or word.strong - {0})
                ):
                    break
                give = self.give(word, j, k, False)
                if give < _INF:
                    result = min(result, give + self.cost(i + 1, k, last))
        self.memo[key] = result
        return result

    def from_word(self, s: int, last: int) -> float:
        """Cost when words[s] gives the first letter (kept: a later try asks again)."""
        key = (s, last, self.function_start and self.words[s].function)
        if key not in self.starts:
            self.starts[key] = self._from_word(s, last)
        return self.starts[key]

    def _from_word(self, s: int, last: int) -> float:
        word = self.words[s]
        if word.aside or not word.chars.lstrip("(")[:1].isalnum():
            return _INF
        if "letter_start" in self.rules and len(word.text) == 1 and word.text.islower():
            return _INF  # "cytochrome c oxidase (COX)", never "c oxidase"
        if word.text[:1] == "(" and "bracket_starts" in self.rules and _BRACKETED.match(word.text):
            return _INF  # "tumor-necrosis-factor (TNF)-receptor-associated protein": no "(TNF)-"
        if word.function and not (
            ("the_start" in self.rules and word.text == "The")
            or (  # "A Disintegrin And ...", "in between RING fingers": before a content word
                self.function_start
                and len(self.letters) >= 3
                and s + 1 < len(self.words)
                and not self.words[s + 1].function
            )
        ):
            return _INF  # "The Campaign Company (TCC)" starts on "The", nothing else does
        first, chars = self.letters[0], word.chars
        if not (word.number and word.number[0] == first) and not any(
            chars[p] == first or GREEK_INITIALS.get(chars[p]) == first for p in word.strong
        ):
            return _INF  # cannot give the first letter: spare the alignment
        best = _INF
        for k in range(1, len(self.letters) + 1):
            give = self.give(word, 0, k, True)
            if give < _INF:
                best = min(best, give + self.cost(s + 1, k, last))
        return best


def _numeral(word: _Word) -> bool:
    """A number word, a Roman numeral or digits ("two", "II", "70", "1.5")."""
    return bool(word.number) or word.chars.replace(".", "").isdigit()


def _letters(short: str, rules=DEFAULT_RULES) -> tuple[str, list[bool]]:
    if "greek_letters" in rules:
        short = _GREEK.sub(_greek_letter, short)
    chars = [ch for ch in short if ch.isalnum()]
    return "".join(ch.lower() for ch in chars), [ch.islower() for ch in chars]


def _title(word: str) -> bool:
    """A word in title case: "Health", "Exercise", not "P2Ycyc" or "NHS"."""
    return word[:1].isupper() and word[1:].rstrip(",").isalpha() and word[1:].rstrip(",").islower()


def _roman_as_digits(short: str) -> str | None:
    """ "IGF-1" for "IGF-I", "IL-1R 2" for "IL-1R II"; None without a numeral at the end."""
    match = re.search(r"(?<=[- ])(I{1,3}|IV|VI{0,3}|IX|X)$", short)
    return short[: match.start()] + ROMAN[match.group()] if match else None


def _long_form_before(short: str, text: str, end: int, rules) -> tuple[str, int, float] | None:
    """The long form ending at ``end`` in ``text`` for ``short``: (long form, start, cost); a
    short form ending in a Roman numeral is tried as written, then with the numeral as digits."""
    cache: dict = {}  # the words before ``end``, read once for every try
    found = _long_form_before_as(short, text, end, rules, cache=cache)
    if found is None and "roman_numerals" in rules and (digits := _roman_as_digits(short)):
        found = _long_form_before_as(digits, text, end, rules, cache=cache)
    if (found is None or found[2] >= NO_DIGIT) and "rotations" in rules and _cuts(short, rules):
        rotated = _long_form_before_as(short, text, end, rules, rotate=True, cache=cache)
        if rotated and (found is None or rotated[2] < found[2]):
            found = rotated
    if found is None and "function_starts" in rules:
        found = _long_form_before_as(short, text, end, rules, cache=cache, function_start=True)
    if found is None and "bounded_forms" in rules:
        found = _long_form_before_as(
            short, text, end, rules, max_cost=MAX_BOUNDED, cache=cache, bounded=True
        )
    if found is None and "repeated_forms" in rules and _used_again(short, text, end):
        strict = set(rules) - {"numbered_kinds"}  # every digit from a word: never "(SPG1)"
        found = _long_form_before_as(short, text, end, strict, max_cost=MAX_REPEATED, cache=cache)
        if found and _LOOSE.search(found[0]):
            found = None  # "clozapine(CLP) and its", "days two to ten", "W aste": too loose
    if (
        (found is None or found[2] > MAX_LISTED)
        and "comma_items" in rules
        and cache.get(("comma", end))
    ):
        # "secreted protein, acidic and rich in cysteine (SPARC)": a list whose items each give
        # letters, in any case, when the alignment is close
        listed = _long_form_before_as(
            short, text, end, rules, max_cost=MAX_LISTED, cache=cache, commas=True
        )
        if listed and (found is None or listed[2] < found[2]) and not _names_others(listed[0]):
            found = listed
    return found


# What a long form on the looser limit may not hold: brackets, number words, and a lone capital
# before a lower-case word (a word broken in extraction: "W aste Resources and A ction").
_LOOSE = re.compile(r"[()]|\b(?:" + "|".join(NUMBER_WORDS) + r")\b|\b[A-Z] [a-z]")


def _used_again(short: str, text: str, end: int) -> bool:
    """Whether ``short`` (all capitals and digits, three or more letters) is used again after
    its definition: "... cleaving enzyme 1 (BACE1), an integral ... BACE1 cleaves"."""
    if len(short) < 3 or not is_all_capital(short.replace("-", "")):
        return False
    uses = _last_uses(text)
    if uses is not None:
        return uses.get(short, -1) >= end + len(short) + 2
    at = text.find(short, end + len(short) + 2)
    while at >= 0:
        before, after = text[at - 1 : at], text[at + len(short) : at + len(short) + 1]
        if not (before.isalnum() or before == "-" or after.isalnum() or after == "-"):
            return True
        at = text.find(short, at + 1)
    return False


# A word with the hyphens joined to it: "BACE1" is used in "BACE1 cleaves", not in "anti-BACE1".
_USE_TOKEN = re.compile(r"-*[^\W_]+(?:-+[^\W_]+)*-*")
_SCANS_BEFORE_INDEX = 32  # look-aheads in one text before its words are indexed instead
# Per thread (ingests may run side by side): the text last asked about, how often, its index.
_LAST_USES = threading.local()


def _last_uses(text: str) -> dict[str, int] | None:
    """Where each word of ``text`` is used last, once a text has been asked about often: each
    question would otherwise read the rest of a long document again. None until then (a plain
    search ahead is quicker for the few questions most texts ask)."""
    state = _LAST_USES
    if getattr(state, "text", None) is not text:
        state.text, state.asked, state.index = text, 0, None
    state.asked += 1
    if state.index is None and state.asked > _SCANS_BEFORE_INDEX:
        state.index = {m.group(): m.start() for m in _USE_TOKEN.finditer(text)}
    return state.index


def _long_form_before_as(
    short: str,
    text: str,
    end: int,
    rules,
    rotate: bool = False,
    max_cost: float = MAX_COST,
    cache: dict | None = None,
    commas: bool = False,
    bounded: bool = False,
    function_start: bool = False,
) -> tuple[str, int, float] | None:
    """The long form ending at ``end`` in ``text`` for ``short``: (long form, start, cost);
    with ``rotate``, only with the short form's runs in another order. ``cache`` keeps the words
    read for one bracket between tries; with ``commas``, the words go back over commas."""
    letters, lower = _letters(short, rules)
    key = ("words", end, commas)
    if cache is not None and key in cache:
        words = cache[key]
    else:
        known = cache.get(("words", end, False)) if cache is not None and commas else None
        words = _words_before(text, end, rules, commas, known)
        if cache is not None:
            cache[key] = words
            # whether the words stop at a comma, so that going back over it could add some
            cache[("comma", end)] = bool(words) and (
                text[max(0, words[0].start - 400) : words[0].start].rstrip().endswith(",")
            )  # a slice: never the whole text before every bracket
    limit = min(len(letters) + 5, len(letters) * 2)
    trimmed = _trimmed(words, limit)
    if cache is not None and len(trimmed) < len(words):
        cache[("comma", end)] = False  # already more words than a long form may have
    whole = len(trimmed) == len(words)
    words = trimmed
    if not words:
        return None
    starts = None
    if bounded:  # only starts right after a break or an article
        starts = {
            s
            for s in range(len(words))
            if (s == 0 and whole) or (s and words[s - 1].chars in ("the", "a", "an"))
        }
    if rotate:
        found = _rotated(short, words, rules)
    else:
        # one aligner for every try on these words: the costs it has worked out are kept
        key = ("aligner", end, commas, short, frozenset(rules))
        aligner = cache.get(key) if cache is not None else None
        if aligner is None:
            aligner = _Aligner(*_letters(short, rules), words, rules)
            if cache is not None:
                cache[key] = aligner
        aligner.function_start = function_start
        found = _cheapest_start(aligner, starts)
    if found is None or found[0][0] > max_cost:
        return None
    (cost, s), first_letter = found
    start = words[s].start + _lead_part(words[s].text, first_letter, rules)
    long = text[start : words[-1].end]
    return (long, start, cost) if _acceptable(short, long) else None


def _words_before(
    text: str, end: int, rules, commas: bool = False, known: list[_Word] | None = None
) -> list[_Word]:
    """The words a long form ending at ``end`` may come from: back to the last break (with
    ``commas``, back over up to four commas, before the words ``known`` to come after them)."""
    begin = max(0, end - 400)
    breaker = _BREAK_WORD_COLON if "inner_colons" in rules else _BREAK
    breaks = list(breaker.finditer(text, begin, end))
    if "inner_brackets" in rules and breaks:
        inner = [m.span() for m in _INNER_BRACKETS.finditer(text, begin, end)]
        breaks = [b for b in breaks if not any(a <= b.start() < z for a, z in inner)]
    if "comma_lists" in rules:  # "Health, Exercise, Nutrition for the Really Young (HENRY)"
        for _ in range(4):
            if not breaks or not breaks[-1].group().startswith(","):
                break
            comma = breaks[-1]
            before = text[max(begin, comma.start() - 40) : comma.start()].split()
            after = text[comma.end() : end].split()
            if not (before and after and _title(before[-1]) and _title(after[0])):
                break
            breaks.pop()
    tail = None
    if commas and known is not None:
        tail, end = known, breaks[-1].end() if breaks else begin
    for _ in range(4 if commas else 0):
        if not breaks or not breaks[-1].group().startswith(","):
            break
        breaks.pop()
    begin = breaks[-1].end() if breaks else begin
    return _words(text[begin:end], begin, rules) + (tail or [])


def _trimmed(words: list[_Word], limit: int) -> list[_Word]:
    """The last words, at most ``limit`` of them content words, as Schwartz-Hearst."""
    content = 0
    first = len(words)
    while first > 0 and content < limit:
        first -= 1
        content += not words[first].function
    return words[first:]


def _cheapest_start(aligner: _Aligner, starts: set[int] | None = None):
    """((cost, start word), first letter) of the cheapest alignment of the aligner's words to its
    letters (from one of ``starts`` when given), or None."""
    best: tuple[float, int] | None = None
    for s in range(len(aligner.words) - 1, -1, -1):  # nearest first: ties keep the shorter form
        if starts is not None and s not in starts:
            continue
        cost = aligner.from_word(s, len(aligner.words))
        if cost < _INF and (best is None or cost < best[0]):
            best = (cost, s)
    return (best, aligner.letters[0]) if best else None


def _cuts(short: str, rules) -> list[int]:
    """Where the short form's letters part into runs: at a hyphen or a change between letters
    and digits ("L1CAM": L1|CAM); none in a short form with a space ("MS I")."""
    compact = _GREEK.sub(_greek_letter, short) if "greek_letters" in rules else short
    if " " in compact:  # "MS I" (McSherry type I MS): a spaced numeral stays where it is
        return []
    cuts, n, previous = [], 0, ""
    for ch in compact:
        if not ch.isalnum():
            previous = "-"
            continue
        if n and (previous == "-" or previous.isdigit() != ch.isdigit()):
            cuts.append(n)
        previous, n = ch, n + 1
    return cuts


def _rotated(short: str, words: list[_Word], rules) -> tuple[tuple[float, int], str] | None:
    """The cheapest alignment of ``words`` to the short form's letters taken in another order:
    a later run first ("cell adhesion molecule L1 (L1CAM)", "70 kDa peroxisomal membrane protein
    (PMP70)", "type 2 NO synthase (NOS2)"); runs part at a hyphen or a change between letters
    and digits, never in a short form with a space ("MS I"). Accepted only when close:
    ((cost, start word), first letter) or None."""
    letters, lower = _letters(short, rules)
    cuts = _cuts(short, rules)
    best: tuple[float, int, str] | None = None
    for cut in cuts:
        order = letters[cut:] + letters[:cut]
        aligner = _Aligner(order, lower[cut:] + lower[:cut], words, rules)
        for s in range(len(words) - 1, -1, -1):
            cost = aligner.from_word(s, len(words))
            if cost < _INF and (best is None or cost < best[0]):
                best = (cost, s, order[0])
    if best is None or best[0] + ROTATION > MAX_ROTATED:
        return None
    cost, s, first = best
    if (
        s
        and words[s - 1].chars in ("type", "class", "group")
        and (words[s].number or len(words[s].text) == 1)
    ):
        s -= 1  # "type 2 NO synthase (NOS2)": the numbered kind keeps its word
    return (cost + ROTATION, s), words[s].chars[:1]


def _lead_part(word: str, first: str, rules=DEFAULT_RULES) -> int:
    """Where in ``word`` a long form starts: after a leading whole word joined by a hyphen that
    gives no letter ("anti-" in "anti-human immunodeficiency virus (HIV)") but not a Greek
    letter ("beta-amyloid precursor protein (APP)"), after the first of two names joined by a
    slash ("Toll/IL-1 receptor (IL-1R)"), else at its start."""
    if "numbered_names" in rules:
        # "PAK-1/protein kinase N (PKN)", "p85/p110-phosphatidylinositol 3-kinase (PI 3-kinase)":
        # not the numbered names before a slash or a hyphen
        skipped = 0
        for joint in "/-":
            prefix, mark, rest = word[skipped:].partition(joint)
            if (
                mark
                and rest[:1].lower() == first
                and any(ch.isdigit() for ch in prefix)
                and prefix[:1].isalpha()
            ):
                skipped += len(prefix) + 1
        if skipped:
            return skipped
    if word[:1].lower() != first:
        prefix, dash, rest = word.partition("-")
        if (
            dash
            and len(prefix) >= 3
            and prefix.isalpha()
            and rest[:1].lower() == first
            and not ("greek_prefixes" in rules and prefix.lower() in GREEK_LETTERS)
        ):
            return len(prefix) + 1
        if "slash_names" in rules:
            prefix, slash, rest = word.partition("/")
            if slash and prefix and rest[:1].lower() == first:
                return len(prefix) + 1
        prefix, bracket, rest = word.rpartition(")")
        if "bracket_starts" in rules and bracket and rest[:1].lower() == first:
            return len(prefix) + 1  # "C(2)H(2)zinc finger (ZF)": after a bracketed prefix
    return 0


def _long_form_after(
    short: str, text: str, start: int, end: int, rules, whole: bool, max_cost: float = MAX_COST
) -> tuple[str, int, float] | None:
    """The long form in text[start:end] for ``short`` that starts at ``start``: all of it when
    ``whole``, else the cheapest leading run of words (longest on a tie)."""
    letters, lower = _letters(short, rules)
    words = _words(text[start:end], start, rules)
    if not words:
        return None
    ends = [len(words)] if whole else range(len(words), 0, -1)
    best: tuple[float, int] | None = None
    aligner = _Aligner(letters, lower, words, rules)
    for function_start in (False, True) if "function_starts" in rules else (False,):
        aligner.function_start = function_start
        for last in ends:
            cost = aligner.from_word(0, last)
            if cost < _INF and (best is None or cost < best[0]):
                best = (cost, last)
        if best is not None:
            break
    if best is None or best[0] > max_cost:
        return None
    cost, last = best
    long = text[words[0].start : words[last - 1].end]
    return (long, words[0].start, cost) if _acceptable(short, long) else None


def _acceptable(short: str, long: str) -> bool:
    """A long form a reader would accept: longer than the short form, not all capitals, not
    containing the short form as a word, and not longer than Schwartz-Hearst allows."""
    if len(long) <= len(short) or long.upper() == long:
        return False
    tokens = long.split()
    words = {t.lower().strip(",.;:'’()[]") for t in tokens}
    if short.lower() in words or short.partition("(")[0].lower() in words:
        return False  # "SD sequence (SD(+))": the short form is a word of it
    if is_all_capital(short) and any(short in t for t in tokens):
        return False  # "CPR (complete DNACPR form ...)": the short form inside a long-form word
    n = len([ch for ch in short if ch.isalnum()])
    return len(tokens) <= min(n + 5, n * 2) + sum(t.lower() in FUNCTION_WORDS for t in tokens)


_ROUND = re.compile(r"\(([^()\n]{1,200})\)")
_SQUARE_OR_ROUND = re.compile(r"\(([^()\[\]\n]{1,200})\)|\[([^()\[\]\n]{1,200})\]")
# Brackets holding brackets, one level deep: "(related to b(0,+) amino acid transporter)",
# "[fibroblast growth factor-2 (FGF-2)-interacting-factor]"
_NESTED = re.compile(
    r"\(((?:[^()\n]|\([^()\n]{0,40}\)){1,200})\)|\[((?:[^\[\]\n]|\([^()\n]{0,40}\)){1,200})\]"
)


def inline_definitions(text: str, rules=None) -> list[Definition]:
    """Every definition of an acronym that ``text`` makes: "long form (SF)", "SF (long form)",
    and (with their rules) "long form, known as SF" and "SF stands for long form"."""
    rules = set(DEFAULT_RULES if rules is None else rules)
    found: list[Definition] = []
    pattern = _SQUARE_OR_ROUND if "square_brackets" in rules else _ROUND
    matches = list(pattern.finditer(text))
    if "nested_brackets" in rules and "(" in text:
        # "rBAT (related to b(0,+) amino acid transporter)": a long form holding brackets
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
        if "or_forms" in rules and " or " in candidate:  # "(IL-TIF or IL-21)": the first
            first = candidate.split(" or ", 1)[0].strip()
            if " " not in first and short_form_letters(first, rules):
                candidate = first
        if "quoted" in rules:  # "the rapid amplification of cDNA ends ('RACE') technique"
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
        if "slash_forms" in rules and _two_short_forms(candidate):  # "(SAPK/JNKs)": SAPK
            tries.append((short_form_letters(candidate.partition("/")[0], rules), True))
        if "later_forms" in rules and not short_form and len(head) == 2:  # "(EC 1.3.1.34; DCR)"
            later = re.split(r"[,;]\s", head[1])[-1].strip()
            tries.append((short_form_letters(later, rules), False))
        result = None
        for option, first_of_two in tries:
            if not option:
                continue
            short, plural = option
            result = _long_form_before(short, text, match.start(), rules)
            if result and first_of_two and "/" in result[0]:
                result = None  # "matrix/scaffold-associating DNAs (MARs/SARs)": one short form
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
            # "(BART, Binder of Arl Two)": the short form, then its long form
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
        if "bracket_pairs" in rules:  # "(blood-brain barrier, BBB)": both inside the brackets
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
            continue  # one word is a long form only as a compound: "RGL (RalGDS-like)"
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
            # "p75/AIRM1 (for ...)", "3'-RACE (rapid ...)": the last of two names, or the name
            # after a locant, tried when the whole word is no short form that spells the long form
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
                result = None  # "KRAB/FPB (Krüppel-associated/finger preceding box)": one form
        if not result and "comma_items" in rules and body_end < match.end(group):
            # "DEP (Dishevelled, Egl-10, and pleckstrin)": the whole list, closely spelled
            body_end = body_start + len(re.split(r";\s", text[body_start : match.end(group)])[0])
            result = _long_form_after(short, text, body_start, body_end, rules, True, MAX_LISTED)
            if result and _names_others(result[0]):
                result = None  # "RPB8 (RPA18, RPB17, or RPC18)": other names, not a long form
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


# A short form's last part that is a lower-case word, perhaps after a number: " 3-kinase",
# "-specific", " cells".
_TAIL = re.compile(r"[ -](?:[0-9]+-)?[a-z]{3,}$")


def _shared_tail(candidate: str, text: str, end: int, rules) -> tuple[str, int, float] | None:
    """The long form for a short form whose last part is a word the long form also ends in:
    "phosphatidylinositol 3-kinase (PI 3-kinase)", "GPI-anchored", "MEF cells"; the part before
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
# "scanning (SEM) and transmission (TEM) electron microscopy": after the first bracket, the other
# word and bracket; before the second, the first bracket and word; then the shared head words.
_HEAD_FIRST = re.compile(r"\s+(?:and|or)\s+[^\s()]+\s+\([^()\s]{1,12}\)\s+([^.,;:!?()\[\]\n]+)")
_HEAD_SECOND = re.compile(r"\([^()\s]{1,12}\)\s+(?:and|or)\s+[^\s()]+\s*$")
_HEAD_WORDS = re.compile(r"\s+([^.,;:!?()\[\]\n]+)")


def _shared_head(short: str, text: str, bracket: re.Match, rules) -> tuple[str, int, float] | None:
    """The long form of a short form after a word that shares its head words with the next (or
    the last) one: "scanning (SEM) and transmission (TEM) electron microscopy" gives "scanning
    electron microscopy" and "transmission electron microscopy"; the fewest head words that
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
    """The two short forms of "CaUAP1 and HsUAP1", neither plural, or None."""
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
    form ends in two members joined the same way: "PAM1 and PAM2 (for PABP-interacting motifs 1
    and 2)"."""
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


def _names_others(long: str) -> bool:
    """Whether a long form holds an all-capital word, so other short forms ("SIX6 and SIX3")."""
    return any(is_all_capital(w.strip(",;")) for w in long.split())


def _two_short_forms(candidate: str) -> bool:
    """ "SAPK/JNKs", "CAD/DFF40": two names joined by a slash, the first without a space, not
    numbered members of one kind ("FH1/FH2")."""
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


def _definition(short: str, long: str, plural: bool, start: int, end: int) -> Definition:
    long = re.sub(r"['’]s$", "", " ".join(long.split()))  # "the Independent Case Examiner’s (ICE)"
    return Definition(short, singular_phrase(long) if plural else long, start, end)


def singular_phrase(phrase: str) -> str:
    """A long form with its last word singular ("Regional Organised Crime Units" -> "... Unit")."""
    head, _, last = phrase.rpartition(" ")
    return f"{head} {singular_word(last)}".strip()


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


def definitions_in_file(path: Path) -> list[Definition]:
    """The definitions one file makes, read with the library's format readers and cleaned as
    ingest would store it, each (short, long) pair once, in order; nothing is stored.
    Raises ``formats.UnreadableFile`` (or OSError) with a reason when the file cannot be read."""
    from bot.library import formats
    from bot.library.cleaning import clean
    from bot.library.ingest import MAX_FILE_BYTES

    if not formats.is_supported(path):
        raise formats.UnreadableFile(f"unsupported file type {path.suffix or '(none)'}")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise formats.UnreadableFile(f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    text = clean(formats.read_text(path, path.read_bytes())).text
    seen: set[tuple[str, str]] = set()
    out = []
    for definition in inline_definitions(text):
        if (definition.short, definition.long) not in seen:
            seen.add((definition.short, definition.long))
            out.append(definition)
    return out
