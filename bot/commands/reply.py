"""What a subcommand receives and answers: ``Context`` (who asked, and from where), ``Reply``
(plain data plus how public it should be) and ``Command`` (one subcommand's declaration: its
names, its handler, its line in `help`, and what it may change). Every feature module of
``bot.commands`` builds on these; they import nothing of the package."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils


@dataclass
class Context:
    """Who asked, and from where: what a subcommand may need beyond its text."""

    user: str | None = None
    user_name: str | None = None  # the person's display name, when the front end has it
    channel: str | None = None
    team: str | None = None
    page: int = 0
    # Who may change shared things (teach or forget glossary entries): the front end's check,
    # asked only when someone tries; None (console, CLI) allows everyone. ``refusal`` is the
    # sentence for someone refused (None: a general one).
    may_edit: Callable[[], bool] | None = None
    refusal: Callable[[], str] | None = None
    # The front end's settings (``bot.config.Settings``): ``sensitive_channels`` says where
    # excerpts of OFFICIAL-SENSITIVE documents may be posted (``bot.library.markings``).
    settings: Any = None
    # How many characters the subcommand's argument had before the line was cut to
    # ``MAX_INPUT_CHARS`` (None: not cut), so a refusal can give the real length.
    typed_chars: int | None = None


@dataclass
class Reply:
    """What a subcommand answers. ``kind`` picks the renderer; ``public`` says whether the answer
    belongs in the channel (results) or to the person alone (help, usage errors, nothing found)."""

    kind: str
    data: Any = None
    public: bool = True
    command: str = ""  # the subcommand that produced it, for logs
    extra: dict = field(default_factory=dict)


Handler = Callable[[sqlite_utils.Database, str, Context], Reply]


@dataclass(frozen=True)
class Command:
    """One subcommand, as declared by its feature module.

    ``shows``, for a subcommand that may change the store: for its argument, the read-only line
    that shows what it changed (``define X = Y`` -> ``define X``), or None (see
    ``bot.commands.lookup_line``). ``editors_only``, for one that may change shared things: for
    its argument, whether this line does (``define X = Y`` does, ``define X`` does not); the
    router then asks the front end's check (``bot.commands.may_edit_glossary``) before the
    handler runs, and answers someone refused with ``refused`` (or the front end's sentence)."""

    names: tuple[str, ...]
    handler: Handler
    usage: str = ""
    description: str = ""
    shows: Callable[[str], str | None] | None = None
    editors_only: Callable[[str], bool] | None = None
    refused: str = "Only the library's editors can change this."


def nothing_to_show(argument: str) -> None:
    """``Command.shows`` for a line whose change has no look-up to show again."""
    return None
