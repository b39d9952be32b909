"""What the packages above the library give it, through an interface the library defines.

A feature (search's vocabulary, the glossary, recommendations, the digest) keeps tables in the
store and may derive data from documents as they are ingested. It hands the library a
``Feature``: its schema steps (in order), its document hooks (run inside each document's
transaction), its library hooks (run once after a batch), the file names in a library folder
that are its own rather than documents, and its merge hooks (run when a copy of a document is
merged into another: ``bot.library.copies``).

The library never names a feature. The composition root (``bot.wiring``) declares the features,
in the order their steps run, and hands them over with ``use``; the library reads them with
``loaded()`` only when it needs them (a store whose schema is up to date is opened without
importing a single feature).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

Migration = Callable[[Any], None]  # step(db): one schema step
DocumentHook = Callable[[Any, str, bool], None]  # hook(db, doc_id, removed)
LibraryHook = Callable[[Any, Any], None]  # hook(db, report)
MergeHook = Callable[[Any, str, str], None]  # hook(db, from_id, into_id): a copy merged into one


@dataclass(frozen=True)
class Feature:
    name: str
    migrations: Sequence[tuple[str, Migration]] = ()
    document_hooks: Sequence[DocumentHook] = ()
    library_hooks: Sequence[LibraryHook] = ()
    sidecar_names: Sequence[str] = field(default_factory=tuple)
    merge_hooks: Sequence[MergeHook] = ()


class Steps(list):
    """A module's schema steps in the order written: ``STEPS = Steps()`` then
    ``@STEPS.step("name")`` over each ``step(db)``. Nothing runs them until the root hands the
    module's list to the library inside a ``Feature``."""

    def step(self, name: str) -> Callable[[Migration], Migration]:
        def add(fn: Migration) -> Migration:
            if any(existing == name for existing, _ in self):
                raise ValueError(f"duplicate migration name {name!r}")
            self.append((name, fn))
            return fn

        return add


_source: Callable[[], Sequence[Feature]] | None = None
_loaded: tuple[Feature, ...] | None = None
_generation = 0  # counts ``use`` calls, so that readers can tell the features changed
_lock = threading.RLock()


def use(source: Callable[[], Sequence[Feature]] | None) -> None:
    """Hand the library its features: ``source()`` imports them and returns them in the order
    their schema steps run. Called once by the composition root; again only by tests."""
    global _source, _loaded, _generation
    with _lock:
        _source, _loaded = source, None
        _generation += 1


def loaded() -> tuple[Feature, ...]:
    """The features, imported on first use (none when no root handed any over)."""
    global _loaded
    with _lock:
        if _loaded is None:
            _loaded = tuple(_source()) if _source is not None else ()
        return _loaded


def is_loaded() -> bool:
    return _loaded is not None


def generation() -> int:
    return _generation
