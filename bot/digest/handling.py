"""The digest and handling markings: a digest posted in a channel quotes nothing from a document
whose marking may not be excerpted there (``bot.library.markings.may_excerpt``: OFFICIAL-SENSITIVE
outside ``ROCU_SENSITIVE_CHANNELS``). Such a document is still listed by its title; its lead
sentence, its recommendations' summaries and its watch passages are left out, and it is never
the passage of the day."""

from __future__ import annotations

from bot.library.markings import may_excerpt


def withheld(marking: str) -> str:
    return f"(marked {marking}: not quoted in this channel)"


def channel_settings(settings=None):
    """The settings that say where sensitive excerpts may go: those given, else the
    environment's (none listed when it cannot be read: nothing sensitive is quoted)."""
    if settings is not None:
        return settings
    from bot.config import ConfigError, from_env

    try:
        return from_env(dotenv=False)
    except ConfigError:
        return None


def withhold(db, digest, settings=None) -> None:
    """Take out of ``digest`` every quote the channel may not have."""
    marks = dict(db.execute("select id, marking from documents where marking is not null"))
    if not marks:
        return
    settings = channel_settings(settings)

    def hidden(doc_id: str) -> str | None:
        marking = marks.get(doc_id)
        return marking if marking and not may_excerpt(marking, digest.channel, settings) else None

    for document in digest.new_documents:
        if hidden(document.id):
            document.description = withheld(hidden(document.id))
    for rec in [*digest.due_soon, *digest.recently_due]:
        if hidden(rec.doc_id):
            rec.summary = withheld(hidden(rec.doc_id))
    for hit in digest.watches:
        kept = [result for result in hit.results if not hidden(result.doc_id)]
        hit.more += len(hit.results) - len(kept)
        hit.results = kept
    digest.watches = [hit for hit in digest.watches if hit.results or hit.more]
    if digest.passage is not None and hidden(digest.passage.doc_id):
        digest.passage = None
