"""The words of a candidate long form, and what may be a short form: pure functions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.glossary.rules import DEFAULT_RULES
from bot.glossary.tokens import _CAMEL_CASE, JOINING_WORDS, _split_plural, is_all_capital

# Words that may sit inside a long form without giving a letter, at no cost.
FUNCTION_WORDS = JOINING_WORDS | set(
    "in on to a an at by with from or into its their per via against between within upon "
    "de la le les du des da di del der die das und et y".split()
)
# Units after a number that give no letter inside a long form ("55 kDa membrane ...").
UNITS = {"kda", "kd"}
KIND_WORDS = {"type", "class", "group"}  # before a numeral or letter: "disease type 4"
GREEK_LETTERS = set(
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho "
    "sigma tau upsilon phi chi psi omega".split()
)
# Greek letters spelled out ("RAR beta", "IL-4gamma") are read as one letter on both sides, and
# give the Latin initial too ("RARA" ... "retinoic acid receptor alpha").
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
_INF = float("inf")

_SHORT_FORM = re.compile(
    r"(?:[A-Za-z]\.){2,}|[A-Za-z0-9][A-Za-z0-9&./+\-]*(?: (?:[A-Z0-9]+|[IVX]+))?"
    r"(?:[ -](?:alpha|beta|gamma|delta|epsilon|kappa|omega)(?:-?[0-9]+)?)?"
)
# A short form holding a short bracket: "PFR(2)", "TF(+)", "CaR(Na)".
_BRACKETED_FORM = re.compile(r"[A-Za-z0-9][A-Za-z0-9./+\-]*\([A-Za-z0-9.,+\-]{1,4}\)")
# What ends the stretch of text a long form may come from: sentence and clause punctuation,
# brackets, quotes, a paragraph break, a comma before a space.
_BREAK = re.compile(r"[;:!?()\[\]{}\"“”]|\.(?=\s|$)|,\s|\n\s*\n")
# The same without a colon inside a word ("NADH:flavin", "UDP-sugar:protein").
_BREAK_WORD_COLON = re.compile(r"[;!?()\[\]{}\"“”]|:(?!\w)|(?<!\w):|\.(?=\s|$)|,\s|\n\s*\n")
# A space a short form may hold: before a numeral or a Greek letter that ends it ("GHR I").
_SPACED_END = re.compile(
    r" (?:[IVX]+|[0-9]+|alpha|beta|gamma|delta|epsilon|kappa|omega)(?:-?[0-9]+)?$"
)
# Short bracketed groups that may sit inside a long form: attached to a word ("poly(U)",
# "Na(+)", "COOH(2)-end") or a one-word aside ("Interleukin-9 (IL-9) binding site").
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


# Two capital short forms, the second perhaps plural: "HMG CONOPs" (not a numeral: "GHR I").
_TWO_WORDS = re.compile(r"[A-Z][A-Z&]{1,5} [A-Z][A-Z0-9]{2,7}s?")


def short_form_letters(candidate: str, rules=DEFAULT_RULES) -> tuple[str, bool] | None:
    """(the short form as an entry shows it, whether it was written plural) when ``candidate``
    can be a short form, else None: one token of 2-10 characters starting with a letter or
    digit, with two or more capitals (or, with the digits rule, one capital and a digit: "G7"),
    lower-case letters only with the mixed-case rule ("PCeU", "DfE") or as a plural ending."""
    candidate = re.sub(r"['’]s$", "", candidate)
    compact = _GREEK.sub(_greek_letter, candidate) if "greek_letters" in rules else candidate
    two_words = "two_word_forms" in rules and _TWO_WORDS.fullmatch(candidate)
    if two_words:  # "HMG CONOPs": a body's short form before the document's
        short, plural = _split_plural(candidate)
        return short, plural
    if not 2 <= len(compact) <= 10 or not (
        _SHORT_FORM.fullmatch(candidate)
        or ("bracketed_forms" in rules and _BRACKETED_FORM.fullmatch(candidate))
    ):
        return None
    if "greek_letters" not in rules and re.search(r" [a-z]+\S*$", candidate):
        return None  # "RAR beta" is a short form only with the Greek letters rule
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
    plus = "plus_forms" in rules and re.fullmatch(r"[A-Z][A-Z0-9]+\+", short) is not None
    if (short.strip("-/+&") != short and not plus) or (
        short.endswith(".") and "." not in short[:-1]
    ):
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
    aside: bool = False  # a bracketed word inside a long form: "(IL-9)"


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
                aside = True  # "Interleukin-9 (IL-9) binding site": an aside, no letter
            elif word.count("(") > word.count(")") and ")" in raw[lead + len(word) :]:
                word += ")"  # "Na(+)", "poly(U)": the bracket belongs to the word
            elif word.count(")") > word.count("(") and lead and raw[lead - 1] == "(":
                word, lead = "(" + word, lead - 1  # "(ssDNA)-linked"
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
