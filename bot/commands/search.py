"""`search`: the best-matching excerpts, a page at a time, behind the confidence gate."""

from __future__ import annotations

from bot.commands.citing import doc_urls, keep_private, ocr_docs
from bot.commands.reply import Command, Context, Reply
from bot.glossary.entry import clean_term, is_term
from bot.glossary.index import index
from bot.search.ranking import search

PAGE_SIZE = 5
WEAK_FLAG = "--weak"  # `search --weak WORDS`: the weak matches the confidence gate held back
# A search for one term that no passage holds but the glossary does (`/rocu ROCU` where no document
# uses it) says so, and how to read it (`define ROCU`), rather than only "Nothing in the library
# matches" and the closest words (found by the round-11 walk). False: as before.
GLOSSARY_HINT = True


def _search(db, argument: str, context: Context) -> Reply:
    weak = argument.split(" ", 1)[0] == WEAK_FLAG  # "Show weak matches anyway"
    if weak:
        argument = argument[len(WEAK_FLAG) :].strip()
    if not argument:
        return Reply(
            "usage", "Tell me what to search for, e.g. `/rocu search county lines`.", public=False
        )
    response = search(db, argument, limit=PAGE_SIZE, offset=context.page * PAGE_SIZE)
    reply = Reply(
        "search",
        response,
        public=bool(response.results),
        extra={
            "page": context.page,
            "page_size": PAGE_SIZE,
            "urls": _urls(db, response),
            "ocr": ocr_docs(db, {result.doc_id for result in response.results}),
            "line": f"search {argument}",
        },
    )
    if GLOSSARY_HINT and not response.results:
        term = _glossary_term(db, argument)
        if term:
            reply.extra["glossary_term"] = term
    confidence = response.confidence
    if response.results and confidence is not None and not confidence.confident:
        # The confidence gate: a weak answer goes to the asker alone, as "No good match".
        reply.public = False
        reply.extra["weak" if weak else "gated"] = True
    keep_private(reply, [result.marking for result in response.results], context)
    return reply


def _glossary_term(db, argument: str) -> str | None:
    """The glossary's headword for a search of one term it holds exactly (or as a plural), else
    None."""
    term = clean_term(argument)
    if not term or " " in term or not is_term(term):
        return None
    hits = index(db).headword_hits(term)
    return hits[0].headword if hits else None


def _urls(db, response) -> dict[str, str]:
    """Source URLs of the documents in a page of results, for "Open source" links."""
    return doc_urls(db, {result.doc_id for result in response.results})


SEARCH = Command(
    ("search", "s", "find"),
    _search,
    usage="search <words>",
    description=(
        'best-matching excerpts, e.g. `search county lines`; also `"exact phrase"`, `-word`, '
        "`type:hansard`, `doc:ID`, `from:2017`, `before:2019-10`, `speaker:NAME`, `para 1.3`"
    ),
)
