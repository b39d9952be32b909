"""The glossary behind `/rocu define`: what acronyms and terms of the trade mean, and where the
library uses them.

Three sources, always kept apart and shown side by side (a team entry never hides what the
documents or the curated file say):

- ``library``: built from the documents at ingest (``bot.acronyms``: inline definitions both ways,
  and acronyms spelled out elsewhere in the library), stored in ``glossary_library`` and rebuilt
  whenever a batch of documents changes;
- ``curated``: ``glossary.toml`` beside the seed library (or ``$ROCU_GLOSSARY``), for what the
  library uses without spelling out and for terms of the trade; validated with line numbers;
- ``team``: what people teach with ``define TERM = EXPANSION -- description``, with who and when.

Look-ups that find nothing are recorded so the team can see which terms are missing. Other
features use ``lookup_expansion`` (recommendations), ``missing_terms`` (digest) and
``expand_for_search`` (search); all three read a per-store cached index, so they are cheap.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import threading
import tomllib
import weakref
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot import acronyms, ingest
from bot.library import passage_id
from bot.store import migration
from bot.textutil import fold, sentence_spans

CURATED_NAME = "glossary.toml"
MAX_TERM_CHARS = 100  # longer than any acronym or term: such text is a search, not a look-up
MAX_EXPANSION_CHARS = 200
MAX_DESCRIPTION_CHARS = 300
SOURCES_ORDER = {"team": 0, "curated": 1, "library": 2}
SUGGEST_SCORE = 60

ingest.SIDECAR_NAMES.add(CURATED_NAME)


class GlossaryFileError(ValueError):
    """The curated glossary file is malformed; the message names the file and line."""


class GlossaryInputError(ValueError):
    """What someone tried to teach cannot be stored; the message says why, in one line."""


# --------------------------------------------------------------------------------------- schema


@migration("0003_glossary")
def _glossary_tables(db: sqlite_utils.Database) -> None:
    db["glossary_library"].create(
        {
            "key": str,  # folded acronym: what look-ups compare against
            "acronym": str,  # as the library writes it, singular
            "expansion": str,
            "expansion_key": str,
            "method": str,  # inline | cross-library
            "defined_in": str,  # JSON [[doc_id, start, end], ...]: where the definition is
        },
        pk=("key", "expansion_key"),
    )
    db["glossary_team"].create(
        {
            "key": str,
            "term": str,
            "expansion": str,
            "description": str,
            "added_by": str,
            "added_at": str,
        },
        pk="key",
    )
    db["glossary_misses"].create(
        {"id": int, "term": str, "key": str, "asked_by": str, "asked_at": str}, pk="id"
    )
    db["glossary_misses"].create_index(["asked_at"])
    db["glossary_state"].create({"id": int, "generation": int, "built_at": str}, pk="id")
    db["glossary_state"].insert({"id": 1, "generation": 0, "built_at": None})
    if db["documents"].count:  # a store that had documents before this feature existed
        rebuild_library_glossary(db)


def _bump(db: sqlite_utils.Database) -> None:
    """Mark the glossary changed, so every process's cached index is rebuilt on next use."""
    db.execute(
        "update glossary_state set generation = generation + 1, built_at = ? where id = 1",
        [_now()],
    )


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")


# ------------------------------------------------------------------------------ library glossary


def rebuild_library_glossary(db: sqlite_utils.Database, report=None) -> int:
    """Rebuild the library glossary from every document; returns how many entries it holds.

    Runs after each ingest batch that changed anything, because a long form in one document can
    explain an acronym in another."""
    documents = [(row["id"], row["text"]) for row in db["documents"].rows_where(select="id, text")]
    used: dict[str, set[str]] = {}
    uses: Counter = Counter()
    plurals: Counter = Counter()
    for doc_id, text in documents:
        for acronym, written, _, _ in acronyms.acronym_tokens(text):
            used.setdefault(acronym, set()).add(doc_id)
            uses[acronym] += 1
            if written != acronym and not written.endswith(("'s", "’s")):
                plurals[acronym] += 1
    # counted things ("ROCUs", "PCCs") have singular entries; a stray "SAGEs" does not count
    plural_used = {a for a, n in plurals.items() if n >= 2 and n * 10 >= uses[a]}

    found: dict[tuple[str, str], dict] = {}
    for doc_id, text in documents:
        for definition in acronyms.inline_definitions(text):
            expansion = _display_expansion(definition.short, definition.long, plural_used)
            entry = found.setdefault(
                (fold(definition.short), acronyms.phrase_key(expansion)),
                {"acronym": definition.short, "written": {}, "method": "inline", "at": []},
            )
            entry["written"][expansion] = entry["written"].get(expansion, 0) + 1
            entry["at"].append([doc_id, definition.start, definition.end])

    defined = {fold(key[0]) for key in found}
    undefined = {a for a in used if fold(a) not in defined}
    phrases = acronyms.phrases_spelling(undefined, documents)
    for acronym in sorted(undefined):
        best = acronyms.confident_phrase(acronym, phrases.get(acronym, {}), used[acronym])
        if best is None:
            continue
        expansion = _display_expansion(acronym, best.phrase, plural_used)
        found[(fold(acronym), acronyms.phrase_key(expansion))] = {
            "acronym": acronym,
            "written": {expansion: best.count},
            "method": "cross-library",
            "at": [[doc_id, None, None] for doc_id in sorted(best.docs)],
        }

    rows = [
        {
            "key": key,
            "acronym": entry["acronym"],
            "expansion": max(entry["written"], key=lambda w: (entry["written"][w], w)),
            "expansion_key": expansion_key,
            "method": entry["method"],
            "defined_in": json.dumps(entry["at"]),
        }
        for (key, expansion_key), entry in found.items()
    ]
    with db.atomic():
        db.execute("delete from glossary_library")
        if rows:
            db["glossary_library"].insert_all(rows)
        _bump(db)
    return len(rows)


def _display_expansion(acronym: str, long_form: str, plural_used: set[str]) -> str:
    """The long form as an entry shows it: singular when the library counts the acronym
    ("ROCUs" -> "Regional Organised Crime Unit"), as written otherwise ("HM Revenue and
    Customs")."""
    long_form = " ".join(long_form.split())
    if acronym in plural_used:
        head, _, last = long_form.rpartition(" ")
        long_form = f"{head} {acronyms.singular_word(last)}".strip()
    return long_form


if rebuild_library_glossary not in ingest.LIBRARY_HOOKS:
    ingest.LIBRARY_HOOKS.append(rebuild_library_glossary)


# ------------------------------------------------------------------------------- curated glossary


def curated_path() -> Path:
    """``$ROCU_GLOSSARY``, else ``glossary.toml`` in the seed library."""
    if os.environ.get("ROCU_GLOSSARY"):
        return Path(os.environ["ROCU_GLOSSARY"])
    return ingest.seeds_dir() / CURATED_NAME


@dataclass(frozen=True)
class Entry:
    """One meaning of one acronym or term, from one source."""

    headword: str  # the acronym or term, as it should be shown
    expansion: str
    source: str  # curated | library | team
    description: str | None = None
    aliases: tuple[str, ...] = ()
    method: str | None = None  # library entries: inline | cross-library
    defined_in: tuple[tuple[str, int | None, int | None], ...] = ()
    added_by: str | None = None
    added_at: str | None = None
    line: int | None = None  # curated entries: where in the file

    @property
    def is_acronym(self) -> bool:
        return " " not in self.headword and acronyms.is_all_capital(self.headword)


_ENTRY_KEYS = {"acronym", "term", "expansion", "description", "aliases"}


def parse_curated(text: str, name: str = CURATED_NAME) -> list[Entry]:
    """Entries of a curated glossary file; GlossaryFileError naming the line when malformed.

    The file is a TOML array of tables, one ``[[entry]]`` each, with ``acronym`` (or ``term``),
    ``expansion``, an optional one-line ``description`` and optional ``aliases``."""
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
            f"unknown field {unknown[0]!r} (allowed: acronym or term, expansion, description, "
            "aliases)",
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
    )


def _line_of(lines: list[str], key: str | None, start: int, end: int) -> int:
    """The line number (1-based) of ``key = ...`` between lines ``start`` and ``end``."""
    pattern = re.compile(rf"\s*[\"']?{re.escape(key or '')}[\"']?\s*[=.\[]")
    for number in range(start, end + 1):
        if key and pattern.match(lines[number - 1] if number <= len(lines) else ""):
            return number
    return start


def load_curated(path: Path | None = None) -> list[Entry]:
    """The curated entries; no file means none. Raises GlossaryFileError when malformed."""
    path = path or curated_path()
    if not path.is_file():
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GlossaryFileError(f"{path}: cannot read: {exc}") from None
    return parse_curated(text, str(path))


# --------------------------------------------------------------------------------------- index


@dataclass
class Index:
    """Every entry, reachable by exact headword, plural-tolerant headword, and expansion."""

    entries: list[Entry]
    exact: dict[str, list[Entry]] = field(default_factory=dict)
    loose: dict[str, list[Entry]] = field(default_factory=dict)
    expansions: dict[str, list[Entry]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    _choices: dict[str, str] | None = None

    def choices(self) -> dict[str, str]:
        """Every headword, alias and expansion key -> the headword to offer, for fuzzy matching."""
        if self._choices is None:
            self._choices = {}
            for key, found in (*self.loose.items(), *self.expansions.items()):
                self._choices.setdefault(key, found[0].headword)
        return self._choices

    def add(self, entry: Entry) -> None:
        self._choices = None
        self.entries.append(entry)
        for name in (entry.headword, *entry.aliases):
            _append(self.exact, _exact_key(name), entry)
            _append(self.loose, acronyms.phrase_key(name), entry)
        _append(self.expansions, _expansion_key(entry.expansion), entry)


def _append(mapping: dict[str, list[Entry]], key: str, entry: Entry) -> None:
    if key and entry not in mapping.setdefault(key, []):
        mapping[key].append(entry)


def _exact_key(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", fold(text).replace("&", " and ")))


def _expansion_key(text: str) -> str:
    key = acronyms.phrase_key(text)
    return key[4:] if key.startswith("the ") else key


_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_CACHE_LOCK = threading.Lock()


def index(db: sqlite_utils.Database) -> Index:
    """The store's glossary index, cached until the glossary or the curated file changes."""
    stamp = (_generation(db), *_file_stamp(curated_path()))
    with _CACHE_LOCK:
        cached = _CACHE.get(db)
    if cached and cached[0] == stamp:
        return cached[1]
    built = _build_index(db)
    with _CACHE_LOCK:
        _CACHE[db] = (stamp, built)
    return built


def _generation(db: sqlite_utils.Database) -> int:
    row = db.execute("select generation from glossary_state where id = 1").fetchone()
    return row[0] if row else 0


def _file_stamp(path: Path) -> tuple:
    try:
        stat = path.stat()
    except OSError:
        return (str(path), None, None)
    return (str(path), stat.st_mtime_ns, stat.st_size)


def _build_index(db: sqlite_utils.Database) -> Index:
    built = Index(entries=[])
    for row in db["glossary_team"].rows:
        built.add(
            Entry(
                headword=row["term"],
                expansion=row["expansion"],
                source="team",
                description=row["description"] or None,
                added_by=row["added_by"],
                added_at=row["added_at"],
            )
        )
    try:
        for entry in load_curated():
            built.add(entry)
    except GlossaryFileError as exc:
        built.problems.append(f"The curated glossary was not loaded: {exc}")
    for row in db["glossary_library"].rows_where(order_by="key, expansion"):
        built.add(
            Entry(
                headword=row["acronym"],
                expansion=row["expansion"],
                source="library",
                method=row["method"],
                defined_in=tuple(tuple(at) for at in json.loads(row["defined_in"] or "[]")),
            )
        )
    return built


def all_entries(db: sqlite_utils.Database) -> list[Entry]:
    """Every entry, by headword then source (team, curated, library)."""
    return sorted(index(db).entries, key=lambda e: (fold(e.headword), SOURCES_ORDER[e.source]))


# ------------------------------------------------------------------------------------ look-ups


@dataclass
class Example:
    """One sentence from the library using the term, exactly as written, with the term's spans."""

    text: str
    doc_id: str
    title: str
    passage_id: str
    highlights: list[tuple[int, int]]


@dataclass
class Match:
    entry: Entry
    documents: list[dict]  # {"doc_id", "title", "mentions"}, most mentions first
    example: Example | None
    defined_in: list[dict]  # {"doc_id", "title"} for library entries


@dataclass
class DefineResult:
    query: str
    matches: list[Match] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    corrected: str | None = None  # the entry answered when the query was a near miss
    reverse: bool = False  # the query was a long form; matches are its acronyms
    notice: str | None = None  # e.g. what teaching or forgetting did
    problems: list[str] = field(default_factory=list)
    error: str | None = None  # the query could not be looked up at all (empty, too long)
    recorded: bool = False  # an unknown term noted for `rocu glossary --missing`

    @property
    def found(self) -> bool:
        return bool(self.matches)


_SLACK_MARKUP = re.compile(r"<[!@#][^>]*>")  # <!channel>, <@U123>, <#C123|name>


def clean_term(text: str | None) -> str:
    """The term as typed, without Slack mentions, outer quotes, brackets, punctuation or extra
    spaces."""
    text = " ".join(_SLACK_MARKUP.sub(" ", text or "").split())
    return text.strip(" \"'“”‘’`.,;:!?()[]{}<>")


def define(
    db: sqlite_utils.Database, query: str, user: str | None = None, record: bool = True
) -> DefineResult:
    """Look up ``query`` (an acronym, a term or a long form). Never raises for what a user types.

    Exact and plural-tolerant headwords first, then long forms (reverse look-up), then a close
    spelling: answered directly when one entry is clearly meant, else offered as "did you mean".
    Look-ups that find nothing are recorded (``record``) for ``rocu glossary --missing``."""
    raw = " ".join(_SLACK_MARKUP.sub(" ", query or "").split())
    term = clean_term(raw)
    if len(raw) > MAX_TERM_CHARS:
        shown = raw[:40] + "…"
        return DefineResult(
            query=shown,
            error=f"That is too long for a term ({len(raw)} characters; the most is "
            f"{MAX_TERM_CHARS}). To look for words in the documents, use search.",
        )
    if not _exact_key(term):
        return DefineResult(
            query=raw, error="Tell me the acronym or term to look up, e.g. define ROCU."
        )
    glossary = index(db)
    result = DefineResult(query=term, problems=list(glossary.problems))
    entries, corrected, reverse, suggestions = _resolve(glossary, term)
    result.corrected, result.reverse, result.suggestions = corrected, reverse, suggestions
    if entries:
        result.matches = _matches(db, entries)
    elif record:
        result.recorded = record_miss(db, term, user)
    return result


def _resolve(glossary: Index, term: str) -> tuple[list[Entry], str | None, bool, list[str]]:
    """(entries, corrected headword, reverse?, suggestions) for a cleaned term."""
    exact, loose = _exact_key(term), acronyms.phrase_key(term)
    hits = glossary.exact.get(exact) or glossary.loose.get(loose)
    reverse_hits = glossary.expansions.get(_expansion_key(term), [])
    if hits:
        extra = [e for e in reverse_hits if e not in hits]
        return _ordered(hits + extra), _correction(term, hits[0]), False, []
    if reverse_hits:
        return _reverse(glossary, reverse_hits), None, True, []
    choices = glossary.choices()
    close = process.extract(
        loose, list(choices), scorer=fuzz.ratio, limit=8, score_cutoff=SUGGEST_SCORE
    )
    suggestions = list(dict.fromkeys(choices[key] for key, _, _ in close))[:5]
    # One typo (two in a long phrase) from exactly one entry: answer it, saying so.
    allowed = 0 if len(loose) < 5 else 1 if len(loose) < 16 else 2
    near = process.extract(loose, list(choices), scorer=OSA.distance, limit=4, score_cutoff=allowed)
    if near and len({choices[k] for k, d, _ in near if d == near[0][1]}) == 1:
        key = near[0][0]
        best = choices[key]
        if key in glossary.loose:
            return _ordered(glossary.loose[key]), best, False, []
        return _reverse(glossary, glossary.expansions[key]), best, True, []
    return [], None, False, suggestions


def _correction(term: str, entry: Entry) -> str | None:
    """The headword, when ``term`` reached it other than as itself or its plural."""
    typed, names = _exact_key(term), [_exact_key(n) for n in (entry.headword, *entry.aliases)]
    if any(typed in (n, n + "s", n + "es") or typed == n[:-1] + "ies" for n in names):
        return None
    return entry.headword


def _reverse(glossary: Index, hits: list[Entry]) -> list[Entry]:
    """For a long form: the entries of the acronyms it stands for, those spelling it first."""
    out = list(hits)
    for entry in hits:
        for other in glossary.exact.get(_exact_key(entry.headword), []):
            if other not in out:
                out.append(other)
    first = _ordered([e for e in out if e in hits])
    return first + _ordered([e for e in out if e not in hits])


def _ordered(entries: list[Entry]) -> list[Entry]:
    """Team, then curated, then library; the order otherwise kept."""
    return sorted(entries, key=lambda e: SOURCES_ORDER[e.source])


def _matches(db: sqlite_utils.Database, entries: list[Entry]) -> list[Match]:
    titles = {row["id"]: row["title"] for row in db["documents"].rows_where(select="id, title")}
    usage_by_headword: dict[str, tuple[list[dict], Example | None]] = {}
    matches = []
    for entry in entries:
        name = fold(entry.headword)
        if name not in usage_by_headword:
            forms = _forms([e for e in entries if fold(e.headword) == name])
            usage_by_headword[name] = usage(db, forms, titles)
        documents, example = usage_by_headword[name]
        defined_in = [
            {"doc_id": doc_id, "title": titles.get(doc_id, doc_id)}
            for doc_id in dict.fromkeys(at[0] for at in entry.defined_in)
        ]
        matches.append(Match(entry, documents, example, defined_in))
    return matches


def _forms(entries: list[Entry]) -> list[str]:
    """The ways the library may write an entry: its headword, aliases and long forms."""
    forms = []
    for entry in entries:
        forms += [entry.headword, *entry.aliases, re.sub(r"^(?i:the)\s+", "", entry.expansion)]
    return list(dict.fromkeys(f for f in forms if _exact_key(f)))


def _pattern(form: str) -> str:
    """A regular expression for ``form`` in running text: acronyms case-sensitive with plural and
    possessive endings; phrases case-insensitive, with any spacing, & or "and", plural endings."""
    if " " not in form and acronyms.is_all_capital(form):
        return rf"(?<![\w&]){re.escape(form)}(?:s|S|['’]s)?(?![\w&])"
    parts = []
    for word in re.findall(r"[\w]+(?:['’]\w+)?|&", form):
        if word in ("&", "and"):
            parts.append(r"(?:&|and)")
            continue
        word = re.sub(r"['’]s$", "", word)
        base = acronyms.singular_word(word)
        stem = (
            re.escape(base[:-1]) + "(?:y|ies)"
            if base.lower().endswith("y")
            else (re.escape(base) + "(?:s|es)?")
        )
        parts.append(stem + r"(?:['’]s)?")
    return r"(?i:(?<!\w)" + r"\s+".join(parts) + r"(?!\w))"


EXAMPLE_PASSAGES = 40  # the example is chosen among the first passages using the term


def usage(
    db: sqlite_utils.Database, forms: list[str], titles: dict[str, str] | None = None
) -> tuple[list[dict], Example | None]:
    """Which documents use any of ``forms`` (with how many mentions), and one example sentence.

    FTS5 narrows the passages (each form a quoted phrase, so nothing typed is FTS syntax); a
    regular expression then finds the exact spans, which become the example's highlights."""
    if not forms:
        return [], None
    titles = titles if titles is not None else {}
    # one pattern, longest form first, so "National Crime Agency" wins over "National"
    combined = re.compile("|".join(_pattern(f) for f in sorted(forms, key=len, reverse=True)))
    acronym = re.compile(_pattern(forms[0])) if acronyms.is_all_capital(forms[0]) else None
    rows = _passages_using(db, forms)
    mentions: dict[str, int] = {}
    best: tuple | None = None
    seen = 0
    for row in rows:
        spans = [m.span() for m in combined.finditer(row["text"])]
        if not spans:
            continue
        titles.setdefault(row["doc_id"], row["title"])
        mentions[row["doc_id"]] = mentions.get(row["doc_id"], 0) + len(spans)
        seen += 1
        if seen > EXAMPLE_PASSAGES:
            continue
        for start, end in sentence_spans(row["text"]):
            inside = [(s - start, e - start) for s, e in spans if s >= start and e <= end]
            if not inside:
                continue
            sentence = row["text"][start:end]
            score = _example_score(sentence, acronym)
            if best is None or score > best[0]:
                best = (score, sentence, row["doc_id"], row["ordinal"], inside)
    documents = [
        {"doc_id": doc_id, "title": titles.get(doc_id, doc_id), "mentions": count}
        for doc_id, count in sorted(mentions.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    example = None
    if best:
        _, sentence, doc_id, ordinal, spans = best
        example = Example(sentence, doc_id, titles[doc_id], passage_id(doc_id, ordinal), spans)
    return documents, example


def _passages_using(db: sqlite_utils.Database, forms: list[str]) -> list[dict]:
    """Passages that may use one of ``forms``, newest document first. FTS5 finds them (each form
    a quoted phrase of its words, so nothing typed is FTS syntax); acronyms must also appear in
    capitals (``instr`` is case-sensitive), so "IT" does not drag in every "it"."""
    capitals = [f for f in forms if " " not in f and acronyms.is_all_capital(f)]
    phrases = [f for f in forms if f not in capitals]
    queries = []
    if capitals:
        condition = " or ".join("instr(p.text, ?) > 0" for _ in capitals)
        queries.append((_fts_any(capitals), condition, capitals))
    if _fts_any(phrases):
        queries.append((_fts_any(phrases), "1", []))
    found: dict[int, dict] = {}
    for match, condition, params in queries:
        for row in db.query(
            f"""
            select p.id, p.doc_id, p.ordinal, p.text, d.title, d.date
            from passages_fts join passages p on p.id = passages_fts.rowid
            join documents d on d.id = p.doc_id
            where passages_fts match ? and ({condition})
            """,
            [match, *params],
        ):
            found[row["id"]] = row
    return sorted(
        found.values(),
        key=lambda r: (r["date"] is None, _negated(r["date"] or ""), r["doc_id"], r["ordinal"]),
    )


def _fts_any(forms: list[str]) -> str:
    """An FTS5 query for any of ``forms``: each the quoted phrase of its words, nothing else."""
    phrases = dict.fromkeys(" ".join(re.findall(r"\w+", form)) for form in forms)
    return " OR ".join(f'"{phrase}"' for phrase in phrases if phrase)


def _negated(text: str) -> tuple:
    """A sort key that orders ISO dates newest first."""
    return tuple(-ord(ch) for ch in text)


def _example_score(sentence: str, acronym: re.Pattern | None) -> tuple:
    """Prefer a sentence that uses the acronym itself, reads as a sentence, and is of a length
    that fits a chat message."""
    uses_acronym = bool(acronym and acronym.search(sentence))
    reads = sentence.rstrip("\"'”’)").endswith((".", "?", "!")) and sentence[:1].isupper()
    fits = 60 <= len(sentence) <= 320
    return (uses_acronym, reads, fits, -abs(len(sentence) - 160))


def command(db: sqlite_utils.Database, text: str, user: str | None = None) -> DefineResult:
    """What `define ...` means, from the Slack command or the console: ``TERM`` looks up,
    ``TERM = EXPANSION [-- description]`` teaches a team entry, ``--forget TERM`` removes one.
    After teaching or forgetting, the answer shows every entry the term now has."""
    text = " ".join((text or "").split())
    first, _, rest = text.partition(" ")
    if first.lower() in ("--forget", "-forget", "—forget"):
        term = clean_term(rest)
        if not term:
            return DefineResult(query="", error="Which team entry? e.g. define --forget NPCC")
        forgotten = forget(db, term)
        result = define(db, term, user, record=False)
        result.notice = (
            f"Removed the team entry for {term}."
            if forgotten
            else f"There is no team entry for {term}; only team entries can be removed."
        )
        return result
    teaching = parse_teaching(text)
    if teaching is None:
        return define(db, text, user)
    try:
        entry = teach(db, *teaching, user=user)
    except GlossaryInputError as exc:
        return DefineResult(query=teaching[0], error=str(exc))
    result = define(db, entry.headword, user, record=False)
    result.notice = f"Saved the team entry: {entry.headword} = {entry.expansion}."
    return result


def lookup_expansion(db: sqlite_utils.Database, acronym: str) -> str | None:
    """The expansion of ``acronym`` (exact or plural, any case), e.g. "NCA" -> "National Crime
    Agency"; None when the glossary does not know it or it is a term, not an acronym. No fuzzy
    matching, no logging: for normalising names in other features."""
    term = clean_term(acronym)
    if not term or len(term) > MAX_TERM_CHARS:
        return None
    glossary = index(db)
    hits = glossary.exact.get(_exact_key(term)) or glossary.loose.get(acronyms.phrase_key(term))
    for entry in _ordered(hits or []):
        if entry.is_acronym:
            return entry.expansion
    return None


_SEARCH_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def expand_for_search(db: sqlite_utils.Database, phrase: str) -> list[str]:
    """Equivalent phrases for search: an acronym's expansions ("ROCU", "rocus" -> ["regional
    organised crime unit"]), a long form's acronym ("national crime agency" -> ["NCA"]). Exact
    and plural matches only; memoised per store until the glossary changes."""
    term = clean_term(phrase)
    if not term or len(term) > MAX_TERM_CHARS:
        return []
    glossary = index(db)
    with _CACHE_LOCK:
        memo = _SEARCH_CACHE.get(db)
        if memo is None or memo[0] is not glossary:
            memo = (glossary, {})
            _SEARCH_CACHE[db] = memo
    cache = memo[1]
    key = acronyms.phrase_key(term)
    if key not in cache:
        cache[key] = _equivalents(glossary, term)
    return list(cache[key])


def _equivalents(glossary: Index, term: str) -> list[str]:
    own = {_exact_key(term), acronyms.phrase_key(term)}
    out: list[str] = []
    hits = glossary.exact.get(_exact_key(term)) or glossary.loose.get(acronyms.phrase_key(term))
    for entry in hits or []:
        if entry.is_acronym:
            out.append(entry.expansion.lower())
        out += [a for a in entry.aliases]
        out.append(entry.headword)
    for entry in glossary.expansions.get(_expansion_key(term), []):
        if entry.is_acronym:
            out.append(entry.headword)
    seen, unique = set(own), []
    for phrase in out:
        key = acronyms.phrase_key(phrase)
        if key and key not in seen:
            seen.add(key)
            unique.append(phrase)
    return unique


# --------------------------------------------------------------------------------- team entries

_TERM_CHARS = re.compile(r"^[\w][\w .&/'’+-]*$")


def _is_term(text: str) -> bool:
    """Up to 40 characters of letters, digits, spaces and . & / ' - +, with a letter."""
    return len(text) <= 40 and bool(_TERM_CHARS.match(text)) and bool(re.search(r"[^\W\d_]", text))


def parse_teaching(text: str) -> tuple[str, str, str | None] | None:
    """("TERM", "EXPANSION", "description" or None) for ``TERM = EXPANSION [-- description]``;
    None when the text is not of that shape (then it is a look-up)."""
    term, equals, rest = (text or "").partition("=")
    if not equals:
        return None
    parts = re.split(r"(?:^|\s+)--\s*|\s+—\s+", rest.strip(), maxsplit=1)
    expansion = parts[0]
    description = parts[1] if len(parts) > 1 else None
    return term.strip(), expansion.strip(), (description or "").strip() or None


def teach(
    db: sqlite_utils.Database,
    term: str,
    expansion: str,
    description: str | None = None,
    user: str | None = None,
) -> Entry:
    """Add or replace the team's entry for ``term``. Library and curated entries are untouched."""
    term = clean_term(term)
    expansion = " ".join((expansion or "").split())
    description = " ".join((description or "").split()) or None
    if not term:
        raise GlossaryInputError("Say which term to define: define TERM = EXPANSION -- description")
    if not _is_term(term):
        raise GlossaryInputError(
            "A term is up to 40 letters, digits, spaces and . & / ' - + and must contain a "
            "letter, e.g. define NPCC = National Police Chiefs' Council"
        )
    if not expansion or not re.search(r"[^\W\d_]", expansion):
        raise GlossaryInputError(f"What does {term} stand for? define {term} = EXPANSION")
    if len(expansion) > MAX_EXPANSION_CHARS:
        raise GlossaryInputError(
            f"The expansion is too long (most {MAX_EXPANSION_CHARS} "
            "characters); put details after --"
        )
    if description and len(description) > MAX_DESCRIPTION_CHARS:
        raise GlossaryInputError(
            f"The description is too long (most {MAX_DESCRIPTION_CHARS} characters)"
        )
    row = {
        "key": _exact_key(term),
        "term": term,
        "expansion": expansion,
        "description": description,
        "added_by": user or "unknown",
        "added_at": _now(),
    }
    with db.atomic():
        db["glossary_team"].upsert(row, pk="key")
        _bump(db)
    return Entry(
        term, expansion, "team", description, added_by=row["added_by"], added_at=row["added_at"]
    )


def forget(db: sqlite_utils.Database, term: str) -> bool:
    """Remove the team's entry for ``term``; False when there was none. Only team entries can
    be forgotten: the library's and the curated file's stay."""
    key = _exact_key(clean_term(term))
    if not key or not db["glossary_team"].count_where("key = ?", [key]):
        return False
    with db.atomic():
        db["glossary_team"].delete_where("key = ?", [key])
        _bump(db)
    return True


# ------------------------------------------------------------------------------ missing terms


def record_miss(db: sqlite_utils.Database, term: str, user: str | None = None) -> bool:
    """Remember that someone looked ``term`` up and the glossary did not know it. Only what
    could be a term is kept (sentences, code and mark-up are not missing terms)."""
    term = clean_term(term)
    key = acronyms.phrase_key(term)
    if not key or not _is_term(term):
        return False
    with db.atomic():
        db["glossary_misses"].insert(
            {"term": term, "key": key, "asked_by": user, "asked_at": _now()}
        )
    return True


def _utc_text(moment: dt.datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def missing_counts(
    db: sqlite_utils.Database,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
) -> list[dict]:
    """Unknown look-ups between ``since`` and ``until`` (naive times are UTC), grouped by term:
    {"term", "count", "last_asked"}, most asked first, then most recent."""
    where, params = [], []
    if since is not None:
        where.append("asked_at >= ?")
        params.append(_utc_text(since))
    if until is not None:
        where.append("asked_at < ?")
        params.append(_utc_text(until))
    rows = db.query(
        f"""
        select key, count(*) as count, max(asked_at) as last_asked,
               (select m2.term from glossary_misses m2 where m2.key = m.key
                order by m2.asked_at desc, m2.id desc limit 1) as term
        from glossary_misses m
        {"where " + " and ".join(where) if where else ""}
        group by key
        order by count desc, last_asked desc, key
        """,
        params,
    )
    return [{"term": r["term"], "count": r["count"], "last_asked": r["last_asked"]} for r in rows]


def missing_terms(
    db: sqlite_utils.Database, since: dt.datetime, until: dt.datetime | None = None
) -> list[str]:
    """Terms people looked up and the glossary did not know, between ``since`` and ``until``,
    most asked first."""
    return [row["term"] for row in missing_counts(db, since, until)]


# --------------------------------------------------------------------------------- search hook


def _register_search_expander() -> None:
    """Offer glossary equivalents to search (``bot.search.QUERY_EXPANDERS``), when it has them."""
    from bot import search

    expanders = getattr(search, "QUERY_EXPANDERS", None)
    if expanders is None:  # the search feature has not added its expander list yet
        expanders = search.QUERY_EXPANDERS = []
    if expand_for_search not in expanders:
        expanders.append(expand_for_search)


_register_search_expander()
