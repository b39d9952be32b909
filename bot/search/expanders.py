"""Query expanders: what search asks for the equivalents of a query word or phrase.

An expander gets a word or phrase as typed ("ROCU", "rocus", "national crime agency") and returns
equivalent phrases that search should also accept in its place. Search names no package that
offers them (the glossary sits above it): the composition root (``bot.wiring``) hands over a
function that imports and returns them, called on the first query that asks.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

Expander = Callable[[Any, str], list[str]]  # expander(db, text) -> equivalent phrases

_source: Callable[[], list[Expander]] | None = None
_generation = 0
_lock = threading.Lock()


def use(source: Callable[[], list[Expander]] | None) -> None:
    """Hand search its expanders: ``source()`` returns them, in the order they are asked."""
    global _source, _generation
    with _lock:
        _source = source
        _generation += 1


def generation() -> int:
    return _generation


def given() -> tuple[int, list[Expander]]:
    """(generation, the expanders handed over): imported now if they were not yet."""
    with _lock:
        return _generation, list(_source()) if _source is not None else []
