"""A personal watch's direct message (``bot.digest.alerts.Alert``), digest-style: what is new
that matches the person's topic, the best passages quoted with their sources, and the matching
recommendations; in Block Kit and as terminal text."""

from __future__ import annotations

from bot.render import blocks as bk
from bot.render.digest import _source_mrkdwn, plural, removed_watches_text
from bot.render.text import shown_titles


def _addressees(rec) -> str:
    return ", ".join(rec.addressees) if rec.addressees else "(no addressee named)"


def alert_blocks(alert) -> list[dict]:
    watch = alert.watch
    blocks = [
        bk.header(f"New on your watch: {watch.query}"),
        bk.context(
            bk.escape(f"Since {alert.since:%d %b %Y %H:%M} UTC · your topic {watch.number}")
        ),
    ]
    if alert.documents:
        lines = [f"*{plural(len(alert.documents), 'new document')}*"]
        for doc in alert.documents:
            lines.append(
                f"• *{bk.escape(bk.truncate(doc.title, 250))}* · {bk.escape(doc.type)} · "
                f"{bk.escape(doc.date or 'undated')} · `{bk.escape(doc.id)}`"
            )
        blocks += bk.sections("\n".join(lines))
    if alert.results:
        more = f" (+{alert.more} more)" if alert.more else ""
        blocks += [bk.divider(), bk.section(f"*Passages that match*{more}")]
        for r, title in zip(alert.results, shown_titles(alert.results), strict=True):
            blocks.append(bk.section("> " + bk.emphasised(r.excerpt, r.highlights, 1500)))
            blocks.append(
                bk.context(_source_mrkdwn(title, r.type, r.date, r.speaker, r.passage_id))
            )
    if alert.recommendations:
        lines = [f"*{plural(len(alert.recommendations), 'recommendation')} that match*"]
        for rec in alert.recommendations:
            due = f" · due {rec.due.isoformat()}" if rec.due else ""
            lines.append(
                f"• {bk.escape(_addressees(rec))}: {bk.escape(bk.truncate(rec.summary, 300))}"
                f"{due} · _{bk.escape(bk.truncate(rec.doc_title, 150))}_ `{bk.escape(rec.id)}`"
            )
        blocks += [bk.divider(), *bk.sections("\n".join(lines))]
    blocks.append(
        bk.context(
            f"You get this because you watch “{bk.escape(bk.truncate(watch.query, 200))}”, "
            f"at most once a day. `/rocu unwatch me {watch.number}` stops it."
        )
    )
    removed = getattr(alert, "removed", None)
    if removed:  # watches rocu's update removed, told once (bot.digest.watches.REMOVED_TOLD)
        note = [bk.divider(), *bk.sections(removed_watches_text(removed))]
        blocks = bk.fit(blocks, bk.MAX_BLOCKS - len(note), bk.MAX_BLOCKS_CHARS - 4000) + note
    return bk.fit(blocks)


def alert_fallback(alert) -> str:
    parts = []
    if alert.documents:
        parts.append(plural(len(alert.documents), "new document"))
    if alert.recommendations:
        parts.append(plural(len(alert.recommendations), "recommendation"))
    text = f"New on your watch “{alert.watch.query}”: " + ", ".join(parts)
    return bk.truncate(bk.escape(text), bk.MAX_FALLBACK)


def alert_message(alert) -> dict:
    """``text`` and ``blocks`` for the direct message."""
    return {"text": alert_fallback(alert), "blocks": alert_blocks(alert)}
