"""The library: `docs` (the list), `doc` (one document's card), and, for the local console,
`add` and `remove` (``bot.library.adding``, ``bot.library.ingest``).

In Slack, `add` and `remove` are answered by ``bot.slack.adding``, which checks ``ROCU_EDITORS``
and shows a card with buttons; a request that carries a Slack workspace (``context.team``) and
still reaches them here is refused rather than trusted."""

from __future__ import annotations

import re

from bot.commands.reply import Command, Context, Reply, nothing_to_show
from bot.library import documents as library

_FROM_SLACK = "In Slack, `/rocu add` and `/rocu remove` are answered by rocu itself; try again."


# Round 21, later: `docs xxx` listed every document, the words after it unread. A person who types
# words after `docs` means the documents they name: the list is kept to those whose title, id,
# type, author or date holds every word (case and accents aside); none: one sentence, privately,
# pointing to the list and to a search of what the documents say. False: ignored, as before.
DOCS_WORDS_FILTER = True


def _docs(db, argument: str, context: Context) -> Reply:
    documents = library.list_documents(db)
    from bot.library.text import fold, words

    wanted = [fold(word) for word in words(argument or "")] if DOCS_WORDS_FILTER else []
    if not wanted:
        return Reply("docs", documents)
    kept = [doc for doc in documents if all(word in _described(doc) for word in wanted)]
    typed = " ".join(argument.split())
    if not kept:
        from bot.library.text import cut_at_word

        quoted = typed if len(typed) <= 200 else cut_at_word(typed, 200).rstrip() + " …"
        return Reply(
            "usage",
            f"No document's title, id, type, author or date holds “{quoted}”. "
            "`/rocu docs` lists every document; `/rocu search` with those words searches what "
            "they say.",
            public=False,
        )
    return Reply("docs", kept, extra={"words": typed})


def _described(doc) -> str:
    from bot.library.text import fold

    return fold(" ".join(filter(None, [doc.title, doc.id, doc.type, doc.author, doc.date])))


def _doc(db, argument: str, context: Context) -> Reply:
    if not argument:
        return Reply(
            "usage",
            "Which document? e.g. `/rocu doc pac-soc-2019`; `/rocu docs` lists them.",
            public=False,
        )
    document, suggestions = library.find_document(db, argument)
    if document is None:
        several = library.fragment_of(db, argument)
        return Reply(
            "not_found",
            {"what": "document", "query": argument, "suggestions": suggestions,
             "several": several},
            public=False,
        )  # fmt: skip
    from bot.recs.tracker import list_recommendations

    recs = list_recommendations(db, f"doc:{document.id}")
    return Reply("doc", document, extra={"recommendations": recs})


def _add(db, argument: str, context: Context) -> Reply:
    from bot.library.adding import AddError, add_link

    if context.team:
        return Reply("usage", _FROM_SLACK, public=False)
    match = re.search(r"https?://[^\s<>|]+", argument or "")
    if not match:
        return Reply("usage", "Give me a link, e.g. `/rocu add https://www.gov.uk/...`.", False)
    try:
        added = add_link(db, match.group(0))
    except AddError as exc:
        return Reply("error", str(exc), public=False)
    return Reply("added", added, public=False)


def _remove(db, argument: str, context: Context) -> Reply:
    from bot.library.ingest import remove

    if context.team:
        return Reply("usage", _FROM_SLACK, public=False)
    if not argument:
        return Reply("usage", "Which document? e.g. `/rocu remove pac-soc-2019`.", public=False)
    document, suggestions = library.named_document(db, argument)  # exactly, never a near miss
    if document is None:
        return Reply(
            "not_found",
            {"what": "document", "query": argument, "suggestions": suggestions},
            public=False,
        )
    remove(db, document.id)
    return Reply("removed", document, public=False)


DOCS = Command(
    ("docs", "documents", "library"), _docs, usage="docs", description="list the documents"
)
DOC = Command(
    ("doc", "document", "show"), _doc, usage="doc <id>", description="one document's card"
)
ADD = Command(
    ("add",),
    _add,
    usage="add <url>",
    description="fetch a web page or file and add it to the library (editors only; "
    "in Slack you can also send rocu a file)",
    shows=nothing_to_show,
)
REMOVE = Command(
    ("remove",),
    _remove,
    usage="remove <doc id>",
    description="remove a document (editors only)",
    shows=nothing_to_show,
)
