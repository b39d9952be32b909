"""What a glossary entry is and how terms are compared.

Shared by every source (curated file, team, library) and by look-ups, so a term typed in Slack,
written in the curated file or taught by the team is cleaned and keyed the same way.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bot.glossary import acronyms
from bot.library.text import fold

MAX_TERM_CHARS = 100  # longer than any acronym or term: such text is a search, not a look-up
MAX_EXPANSION_CHARS = 200
MAX_DESCRIPTION_CHARS = 300
# shown side by side in this order: what the library's own documents say (a document's list of
# abbreviations or its own definitions win over general knowledge), the curated file, then the
# team (a team entry sits beside the others, never above them)
SOURCES_ORDER = {"library": 0, "curated": 1, "team": 2}


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
    added_by: str | None = None  # team entries: who taught it (the Slack user id, or login)
    added_at: str | None = None
    added_by_name: str | None = None  # team entries: their display name, when a front end gave it
    line: int | None = None  # curated entries: where in the file
    cited: str | None = None  # curated entries: the public source named in the file

    @property
    def is_acronym(self) -> bool:
        return " " not in self.headword and acronyms.is_all_capital(self.headword)


def ordered(entries: list[Entry]) -> list[Entry]:
    """Library, then curated, then team; the order otherwise kept."""
    return sorted(entries, key=lambda e: SOURCES_ORDER[e.source])


def exact_key(text: str) -> str:
    """A headword as compared exactly: folded, & as "and", punctuation gone."""
    return " ".join(re.findall(r"[a-z0-9]+", fold(text).replace("&", " and ")))


def expansion_key(text: str) -> str:
    """A long form as compared for reverse look-up: plural-tolerant, without a leading "the"."""
    key = acronyms.phrase_key(text)
    return key[4:] if key.startswith("the ") else key


_SLACK_MARKUP = re.compile(r"<[!@#][^>]*>")  # <!channel>, <@U123>, <#C123|name>


# A look-up typed as a question is a look-up of the term it asks about: `define what does NPCC
# stand for?`, `define what's a PCC`, `define meaning of ROCU`, as the console and Slack already
# read "what does NPCC stand for?" typed alone. Empty restores the rule before (the whole question
# was looked up, and recorded as a missing term).
ASKED_TERM = (
    re.compile(
        r"^(?:what|wtf)\s*(?:'s|’s|\s+does|\s+do|\s+is|\s+are)\s+(?:an?\s+|the\s+)?"
        r"(?P<term>.+?)(?:\s+(?:stand|stands)\s+for|\s+means?)?\s*\??$",
        re.IGNORECASE,
    ),
    re.compile(r"^(?:the\s+)?meaning\s+of\s+(?:an?\s+|the\s+)?(?P<term>.+?)\s*\??$", re.I),
)


def asked_term(text: str) -> str:
    """The term a look-up typed as a question asks about; ``text`` itself otherwise."""
    line = " ".join((text or "").split())
    for pattern in ASKED_TERM:
        match = pattern.match(line)
        if match and match["term"].strip(" ?"):
            return match["term"]
    return text


def without_markup(text: str | None) -> str:
    """``text`` without Slack mentions, on one line with single spaces."""
    return " ".join(_SLACK_MARKUP.sub(" ", text or "").split())


def clean_term(text: str | None) -> str:
    """The term as typed, without Slack mentions, outer quotes, brackets, punctuation or extra
    spaces."""
    return without_markup(text).strip(" \"'“”‘’`.,;:!?()[]{}<>")


_TERM_CHARS = re.compile(r"^[\w][\w .&/'’+-]*$")


def is_term(text: str) -> bool:
    """Up to 40 characters of letters, digits, spaces and . & / ' - +, with a letter: what may
    be taught, and what an unknown look-up must look like to be worth recording."""
    return len(text) <= 40 and bool(_TERM_CHARS.match(text)) and bool(re.search(r"[^\W\d_]", text))


def utc_text(moment: dt.datetime | None = None) -> str:
    """``moment`` (naive means UTC; default now) as the store writes times."""
    if moment is None:
        moment = dt.datetime.now(dt.UTC)
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment.strftime("%Y-%m-%d %H:%M:%S")
