"""Matching a gold file's "opening words" to an extracted recommendation's text, for the tests
that score the written recommendation sets (``tests/recs/heldout*``, ``kinds11``, ``kinds12``):
one normal form of quotes, dashes and spaces, compared on the first eight words."""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-"})


def norm(text: str, bullets: bool = False) -> str:
    """``text`` folded for comparison; with ``bullets``, list bullets read as spaces."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    if bullets:
        text = re.sub(r"[•●▪◦]|^\s*[-*]\s", " ", text, flags=re.M)
    return " ".join(text.split()).casefold()


def opens(gold: str, text: str, bullets: bool = False) -> bool:
    """Does ``text`` open (within its first 400 characters) with ``gold``'s first eight words?"""
    return " ".join(norm(gold, bullets).split()[:8]) in norm(text, bullets)[:400]
