"""Which words are English words, and how common: the ``wordfreq`` package's small English list.

Spelling correction must never re-spell a real word (``wheat`` is not a typo for ``what``), and a
library's vocabulary alone cannot say what is a word: a small library lacks most of English. The
small list holds the ~29,000 words used at least once per million words (Zipf 3 and up) across
wordfreq's sources; rarer strings, which include the common misspellings (``goverment``,
``recieve``), are left for correction to judge.

The list is read on first use straight from wordfreq's packaged data file, in its documented
cBpack format (a header, then one bucket of words per centibel of frequency): that takes a few
milliseconds, where importing ``wordfreq`` itself costs over 100 ms (ftfy, langcodes, regex).
Should the file ever move or change format, the public ``wordfreq`` API is used instead.
"""

from __future__ import annotations

import gzip
import importlib.util
import logging
import threading
from pathlib import Path

log = logging.getLogger(__name__)

LANGUAGE = "en"
WORDLIST = "small"  # every word with Zipf frequency >= 3 (at least once per million words)

_ZIPF: dict[str, float] | None = None
_LOCK = threading.Lock()


def zipf(word: str) -> float:
    """The Zipf frequency of ``word`` (lower case) in English: 3 (once per million words) to
    about 7.5 (``the``); 0 when it is not in the lexicon."""
    return _table().get(word, 0.0)


def is_word(word: str) -> bool:
    return zipf(word) > 0


def _table() -> dict[str, float]:
    global _ZIPF
    if _ZIPF is None:
        with _LOCK:
            if _ZIPF is None:
                _ZIPF = _load()
    return _ZIPF


def _load() -> dict[str, float]:
    try:
        return _read_packaged()
    except Exception as exc:  # moved or changed: the public API knows where and how
        log.info("reading wordfreq's data file directly failed (%s); using its API", exc)
    try:
        import math

        import wordfreq

        freqs = wordfreq.get_frequency_dict(LANGUAGE, WORDLIST)
        return {w: round(math.log10(f) + 9, 2) for w, f in freqs.items() if f > 0}
    except Exception:  # no lexicon: correction falls back to the library's words alone
        log.warning("no English lexicon (wordfreq) available; spelling correction is cruder")
        return {}


def _read_packaged() -> dict[str, float]:
    import msgpack  # a dependency of wordfreq

    spec = importlib.util.find_spec("wordfreq")
    if spec is None or spec.origin is None:
        raise FileNotFoundError("wordfreq is not installed")
    path = Path(spec.origin).parent / "data" / f"{WORDLIST}_{LANGUAGE}.msgpack.gz"
    with gzip.open(path, "rb") as handle:
        data = msgpack.load(handle, raw=False)
    header = data[0]
    if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
        raise ValueError(f"unexpected header {header!r}")
    table: dict[str, float] = {}
    buckets = data[1:]  # bucket i: frequency 10 ** (-i / 100); a word's first bucket wins
    for index in range(len(buckets) - 1, -1, -1):
        table.update(dict.fromkeys(buckets[index], round(9 - index / 100, 2)))
    return table
