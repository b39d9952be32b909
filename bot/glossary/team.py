"""Team entries: what people teach with ``define TERM = EXPANSION -- description``.

Stored with who added them (their id, and the display name a front end gave) and when, one per
term (teaching again replaces it), shown after the library's and the curated file's entries, never
instead of or above them; only team entries can be forgotten. Who may teach and forget is the
front end's decision (``bot.commands.may_edit_glossary``).
"""

from __future__ import annotations

import re

import sqlite_utils

from bot.glossary.entry import (
    MAX_DESCRIPTION_CHARS,
    MAX_EXPANSION_CHARS,
    Entry,
    clean_term,
    exact_key,
    is_term,
    utc_text,
)
from bot.glossary.mined import mark_changed
from bot.library.store import writing


class GlossaryInputError(ValueError):
    """What someone tried to teach cannot be stored; the message says why, in one line."""


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
    user_name: str | None = None,
) -> Entry:
    """Add or replace the team's entry for ``term``. Library and curated entries are untouched.
    ``user`` is who taught it (a Slack user id, a login), ``user_name`` the name to show for them
    when the front end knows one (a Slack display name)."""
    return teach_replacing(db, term, expansion, description, user, user_name)[0]


def teach_replacing(
    db: sqlite_utils.Database,
    term: str,
    expansion: str,
    description: str | None = None,
    user: str | None = None,
    user_name: str | None = None,
) -> tuple[Entry, Entry | None]:
    """``teach``, and the team entry it replaced (read under the same write lock, so of two
    people teaching a term at once the second learns of the first), or None."""
    term = clean_term(term)
    expansion = " ".join((expansion or "").split())
    description = " ".join((description or "").split()) or None
    if not term:
        raise GlossaryInputError("Say which term to define: define TERM = EXPANSION -- description")
    if not is_term(term):
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
        "key": exact_key(term),
        "term": term,
        "expansion": expansion,
        "description": description,
        "added_by": user or "unknown",
        "added_by_name": " ".join((user_name or "").split())[:80] or None,
        "added_at": utc_text(),
    }
    with writing(db):  # the write lock before sqlite-utils reads the table: see ``writing``
        before = db.execute(
            "select term, expansion, description, added_by, added_at, added_by_name"
            " from glossary_team where key = ?",
            [row["key"]],
        ).fetchone()
        db["glossary_team"].upsert(row, pk="key")
        mark_changed(db)
    replaced = None
    if before is not None:
        old_term, old_expansion, old_description, by, at, by_name = before
        replaced = Entry(
            old_term,
            old_expansion,
            "team",
            old_description,
            added_by=by,
            added_at=at,
            added_by_name=by_name,
        )
    entry = Entry(
        term,
        expansion,
        "team",
        description,
        added_by=row["added_by"],
        added_at=row["added_at"],
        added_by_name=row["added_by_name"],
    )
    return entry, replaced


def forget(db: sqlite_utils.Database, term: str) -> bool:
    """Remove the team's entry for ``term``; False when there was none. Only team entries can
    be forgotten: the library's and the curated file's stay."""
    key = exact_key(clean_term(term))
    if not key:
        return False
    with writing(db):
        if not db["glossary_team"].count_where("key = ?", [key]):
            return False
        db["glossary_team"].delete_where("key = ?", [key])
        mark_changed(db)
    return True


def newest(db: sqlite_utils.Database, limit: int = 5) -> list[Entry]:
    """The team's entries, most recently taught first."""
    if "glossary_team" not in db.table_names():
        return []
    rows = db["glossary_team"].rows_where(order_by="added_at desc, term", limit=limit)
    return [
        Entry(
            row["term"],
            row["expansion"],
            "team",
            row["description"] or None,
            added_by=row["added_by"],
            added_at=row["added_at"],
            added_by_name=row.get("added_by_name"),
        )
        for row in rows
    ]
