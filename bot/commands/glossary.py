"""`define` (what a term means; teaching and forgetting team entries) and `glossary` (browsing
it a page at a time)."""

from __future__ import annotations

from bot.commands.citing import doc_markings, doc_urls, keep_private
from bot.commands.reply import Command, Context, Reply


def _define(db, argument: str, context: Context) -> Reply:
    # Who may teach or forget is asked by the router first (``DEFINE.editors_only``).
    from bot.glossary.lookup import command, is_edit, too_long

    if context.typed_chars and not is_edit(argument):  # cut to fit a line: too long in any case
        return Reply("usage", too_long(context.typed_chars), public=False)
    result = command(db, argument, context.user, context.user_name)
    if result.error:
        return Reply("usage", result.error, public=False)
    cited = [d.get("doc_id") for m in result.matches for d in m.defined_in + m.documents]
    examples = [m.example.doc_id for m in result.matches if m.example]
    if getattr(result, "example", None) is not None:
        examples.append(result.example.doc_id)
    cited += examples
    reply = Reply(
        "define", result, public=bool(result.matches), extra={"urls": doc_urls(db, cited)}
    )
    return keep_private(reply, doc_markings(db, examples), context)


def _define_shows(argument: str) -> str | None:
    """`define X = Y` and `define --forget X` show again as `define X`; a look-up as itself."""
    from bot.glossary.lookup import is_edit
    from bot.glossary.team import parse_teaching

    argument = " ".join(argument.split())
    if not is_edit(argument):
        return f"define {argument}"
    first, _, rest = argument.partition(" ")
    teaching = parse_teaching(argument)
    term = rest if first.lower() in ("--forget", "-forget", "—forget") else teaching and teaching[0]
    term = " ".join((term or "").split())
    return f"define {term}" if term and not is_edit(term) else None


def _teaches_or_forgets(argument: str) -> bool:
    from bot.glossary.lookup import is_edit

    return is_edit(argument)


DEFINE = Command(
    ("define", "def", "whatis"),
    _define,
    usage="define <term>",
    description="what an acronym or term means, e.g. `define ROCU`; "
    "teach one: `define TERM = EXPANSION -- description`",
    shows=_define_shows,
    editors_only=_teaches_or_forgets,
    refused="Only the glossary's editors can teach or remove team entries.",
)


def _glossary(db, argument: str, context: Context) -> Reply:
    from bot.glossary.browse import BrowseError, browse

    try:
        page = browse(db, argument, context.page)
    except BrowseError as exc:
        return Reply("usage", str(exc), public=False)
    found = bool(page.missing if page.filters.missing else page.entries)
    return Reply(
        "glossary_page",
        page,
        public=found and not page.filters.missing,  # what people looked up stays private
        extra={"page": context.page, "page_size": page.page_size},
    )


GLOSSARY = Command(
    ("glossary", "terms"),
    _glossary,
    usage="glossary [letter] [team:] [source:S] [missing]",
    description="browse the glossary a page at a time, team entries first: `glossary b`, "
    "`glossary team:`, `glossary source:DOC`, `glossary missing` (acronyms looked up unknown)",
)
