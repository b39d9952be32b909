"""The cheapest alignment of a short form's letters to the words of a candidate long form."""

from __future__ import annotations

import re

from bot.glossary.rules import (
    ASIDE,
    DEFAULT_RULES,
    FIRST_NOT_INITIAL,
    HEAD,
    HEAD_CAPITAL,
    INNER,
    INNER_LOWER,
    MAX_ROTATED,
    NO_DIGIT,
    PREFIX_RUN,
    ROTATION,
    SKIPPED,
    SKIPPED_CAPITAL,
)
from bot.glossary.words import (
    _BRACKETED,
    _GREEK,
    _INF,
    GREEK_INITIALS,
    GREEK_LETTERS,
    KIND_WORDS,
    ROMAN,
    UNITS,
    _greek_letter,
    _Word,
)


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
                    if run and p == pos and chars[p].isalpha():  # "TRANScriptional": a prefix run
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
            elif (
                "units" in self.rules and word.chars in UNITS and i and _numeral(self.words[i - 1])
            ):
                result = min(result, self.cost(i + 1, j, last))  # "55 kDa": a weight's unit
            elif (
                "kind_words" in self.rules
                and word.chars in KIND_WORDS
                and i + 1 < last
                and (_numeral(self.words[i + 1]) or len(self.words[i + 1].text) == 1)
            ):
                result = min(result, self.cost(i + 1, j, last))  # "type 4": the numeral counts
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
            return _INF  # "vitamin b transport carrier (BTC)", never "b transport"
        if word.text[:1] == "(" and "bracket_starts" in self.rules and _BRACKETED.match(word.text):
            return _INF  # "tumour (TNF)-receptor-linked kinase (TRK)": no "(TNF)-"
        if word.function and not (
            ("the_start" in self.rules and word.text == "The")
            or (  # "A Kinase Interacting Protein (AKIP)": before a content word
                self.function_start
                and len(self.letters) >= 3
                and s + 1 < len(self.words)
                and not self.words[s + 1].function
            )
        ):
            return _INF  # "The Policing Foundation (TPF)" starts on "The", nothing else does
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
    """A word in title case: "Health", "Exercise", not "Nav2sc" or "NHS"."""
    return word[:1].isupper() and word[1:].rstrip(",").isalpha() and word[1:].rstrip(",").islower()


def _roman_as_digits(short: str) -> str | None:
    """ "GSD-3" for "GSD-III", "GHR 1" for "GHR I"; None without a numeral at the end."""
    match = re.search(r"(?<=[- ])(I{1,3}|IV|VI{0,3}|IX|X)$", short)
    return short[: match.start()] + ROMAN[match.group()] if match else None


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
    and digits ("C2PK": C|2|PK); none in a short form with a space ("SD I")."""
    compact = _GREEK.sub(_greek_letter, short) if "greek_letters" in rules else short
    if " " in compact:  # "SD I" (Smith type I SD): a spaced numeral stays where it is
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
    a later run first ("protein kinase C2 (C2PK)", "55 kDa membrane binding protein (MBP55)",
    "type 3 heat shock protein (HSP3)"); runs part at a hyphen or a change between letters
    and digits, never in a short form with a space ("SD I"). Accepted only when close:
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
        and "kind_words" in rules
        and words[s - 1].chars in KIND_WORDS
        and (words[s].number or len(words[s].text) == 1)
    ):
        s -= 1  # "type 3 heat shock protein (HSP3)": the numbered kind keeps its word
    return (cost + ROTATION, s), words[s].chars[:1]


def _lead_part(word: str, first: str, rules=DEFAULT_RULES) -> int:
    """Where in ``word`` a long form starts: after a leading whole word joined by a hyphen that
    gives no letter ("anti-" in "anti-money laundering training (MLT)") but not a Greek letter
    ("alpha-crystallin chaperone domain (ACD)"), after the first of two names joined by a slash
    ("sodium/potassium pump regulator (PPR)"), else at its start."""
    if "numbered_names" in rules:
        # "CDK-4/cyclin kinase (CK)", "p21/p40-signal kinase (SK)":
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
            return len(prefix) + 1  # "C(4)H(2)ring domain (RD)": after a bracketed prefix
    return 0
