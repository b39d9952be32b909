"""The curated glossary file: ``glossary.toml`` beside the seed library (or ``$ROCU_GLOSSARY``).

For what the library uses without ever spelling out, and for terms of the trade. People edit it
by hand, so every mistake is reported with the file and line, and a broken file never stops
look-ups (the index notes the problem and goes on without it).
"""

from __future__ import annotations

import functools
import os
import re
import tomllib
from pathlib import Path

from bot.glossary import acronyms
from bot.glossary.entry import MAX_DESCRIPTION_CHARS, MAX_EXPANSION_CHARS, MAX_TERM_CHARS, Entry
from bot.library import ingest
from bot.library.text import fold

CURATED_NAME = "glossary.toml"  # in a library folder: not a document (the root tells ingest)


class GlossaryFileError(ValueError):
    """The curated glossary file is malformed; the message names the file and line."""


def curated_path() -> Path:
    """``$ROCU_GLOSSARY``, else ``glossary.toml`` in the seed library."""
    if os.environ.get("ROCU_GLOSSARY"):
        return Path(os.environ["ROCU_GLOSSARY"])
    return ingest.seeds_dir() / CURATED_NAME


_ENTRY_KEYS = {"acronym", "term", "expansion", "source", "description", "aliases"}


def parse_curated(text: str, name: str = CURATED_NAME) -> list[Entry]:
    """Entries of a curated glossary file; GlossaryFileError naming the line when malformed.

    The file is a TOML array of tables, one ``[[entry]]`` each, with ``acronym`` (or ``term``),
    ``expansion``, the public ``source`` it comes from (optional here; the shipped file names one
    for every entry), an optional one-line ``description`` and optional ``aliases``."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        where = re.search(r"\(at line (\d+), column \d+\)", message)
        if where:
            message = message[: where.start()].strip()
            raise GlossaryFileError(f"{name}, line {where.group(1)}: {message}") from None
        raise GlossaryFileError(f"{name}: {message}") from None
    lines = text.splitlines()
    headers = [i + 1 for i, line in enumerate(lines) if re.match(r"\s*\[\[\s*entry\s*\]\]", line)]
    for key in data:
        if key != "entry":
            raise GlossaryFileError(
                f"{name}, line {_line_of(lines, key, 1, len(lines))}: unexpected {key!r}; "
                "each entry starts with [[entry]]"
            )
    raw = data.get("entry", [])
    if not isinstance(raw, list):
        raise GlossaryFileError(f"{name}: 'entry' must be a list of [[entry]] tables")
    entries: list[Entry] = []
    seen: dict[tuple[str, str], int] = {}
    for n, item in enumerate(raw):
        start = headers[n] if n < len(headers) else 1
        end = headers[n + 1] - 1 if n + 1 < len(headers) else len(lines)
        entry = _curated_entry(item, name, lines, start, end)
        key = (fold(entry.headword), acronyms.phrase_key(entry.expansion))
        if key in seen:
            raise GlossaryFileError(
                f"{name}, line {start}: “{entry.headword}” = “{entry.expansion}” is already "
                f"defined at line {seen[key]}"
            )
        seen[key] = start
        entries.append(entry)
    return entries


def _curated_entry(item: dict, name: str, lines: list[str], start: int, end: int) -> Entry:
    def fail(message: str, key: str | None = None) -> GlossaryFileError:
        line = _line_of(lines, key, start, end) if key else start
        return GlossaryFileError(f"{name}, line {line}: {message}")

    unknown = sorted(set(item) - _ENTRY_KEYS)
    if unknown:
        raise fail(
            f"unknown field {unknown[0]!r} (allowed: acronym or term, expansion, source, "
            "description, aliases)",
            unknown[0],
        )
    if ("acronym" in item) == ("term" in item):
        raise fail('an entry needs exactly one of acronym = "..." or term = "..."')
    field_name = "acronym" if "acronym" in item else "term"
    headword = item[field_name]
    if not isinstance(headword, str) or not headword.strip():
        raise fail(f"{field_name} must be non-empty text", field_name)
    headword = " ".join(headword.split())
    if len(headword) > MAX_TERM_CHARS:
        raise fail(f"{field_name} is longer than {MAX_TERM_CHARS} characters", field_name)
    label = f"entry “{headword}”"
    expansion = item.get("expansion")
    if not isinstance(expansion, str) or not expansion.strip():
        raise fail(f"{label} has no expansion", "expansion" if "expansion" in item else None)
    if "\n" in expansion or len(expansion) > MAX_EXPANSION_CHARS:
        raise fail(
            f"{label}: expansion must be one line of at most {MAX_EXPANSION_CHARS} characters",
            "expansion",
        )
    description = item.get("description")
    if description is not None and (
        not isinstance(description, str)
        or "\n" in description.strip()
        or len(description) > MAX_DESCRIPTION_CHARS
    ):
        raise fail(
            f"{label}: description must be one line of at most {MAX_DESCRIPTION_CHARS} characters",
            "description",
        )
    cited = item.get("source")
    if cited is not None and (
        not isinstance(cited, str)
        or not cited.strip()
        or "\n" in cited.strip()
        or len(cited) > MAX_DESCRIPTION_CHARS
    ):
        raise fail(
            f"{label}: source must be one line of at most {MAX_DESCRIPTION_CHARS} characters",
            "source",
        )
    aliases = item.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise fail(f"{label}: aliases must be a list of non-empty texts", "aliases")
    return Entry(
        headword=headword,
        expansion=" ".join(expansion.split()),
        source="curated",
        description=(description or "").strip() or None,
        aliases=tuple(" ".join(a.split()) for a in aliases),
        line=start,
        cited=" ".join(cited.split()) if cited else None,
    )


def _line_of(lines: list[str], key: str, start: int, end: int) -> int:
    """The line number (1-based) of ``key = ...`` between lines ``start`` and ``end``; ``start``
    when it is not there."""
    pattern = re.compile(rf"\s*[\"']?{re.escape(key)}[\"']?\s*[=.\[]")
    for number in range(start, min(end, len(lines)) + 1):
        if pattern.match(lines[number - 1]):
            return number
    return start


def load_curated(path: Path | None = None) -> list[Entry]:
    """The curated entries; no file means none. Raises GlossaryFileError when malformed.

    Parsed once per version of the file (its size and time of change): the glossary index is
    rebuilt whenever the team teaches a term, and the file is hundreds of entries."""
    path = path or curated_path()
    try:
        stat = path.stat()
    except OSError:
        return []
    if not path.is_file():
        return []
    return list(_parsed(str(path), stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=8)
def _parsed(path: str, mtime_ns: int, size: int) -> tuple[Entry, ...]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GlossaryFileError(f"{path}: cannot read: {exc}") from None
    return tuple(parse_curated(text, path))
