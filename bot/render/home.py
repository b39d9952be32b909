"""The App Home tab (``bot.digest.home.Home``) as a Slack ``home`` view, and the modals its
buttons open (search, add a document).

Within Slack's limits for views: at most 100 blocks, section text 3000 characters, a static
select of at most 100 options whose text is at most 75 characters and value 150.
"""

from __future__ import annotations

from bot.render import blocks as bk
from bot.render import digest as digest_render
from bot.render.digest import plural, when_due

MAX_VIEW_BLOCKS = 100
MAX_VIEW_CHARS = 60_000  # well within what Slack takes for a view (its limit is not a message's)
MAX_OPTIONS = 100
MAX_OPTION_TEXT = 75
MAX_OPTION_VALUE = 150
EVERYONE = "*"  # the addressee filter's "everyone" option

ACTION_SEARCH = "rocu_home_search"
ACTION_ADD = "rocu_home_add"
ACTION_EXPORT = "rocu_home_export"
ACTION_ADDRESSEE = "rocu_home_addressee"
SEARCH_VIEW = "rocu_home_search_view"
ADD_VIEW = "rocu_home_add_view"
INPUT_BLOCK = "rocu_home_input"
INPUT_ACTION = "rocu_home_text"


def _option(text: str, value: str) -> dict:
    return {"text": bk.plain(text, MAX_OPTION_TEXT), "value": value[:MAX_OPTION_VALUE]}


def addressee_select(home) -> dict:
    """The static select filtering the due list by addressee."""
    options = [_option("Everyone", EVERYONE)]
    options += [_option(a, a) for a in home.addressees if a and len(a) <= MAX_OPTION_VALUE]
    options = options[:MAX_OPTIONS]
    select = {
        "type": "static_select",
        "action_id": ACTION_ADDRESSEE,
        "placeholder": bk.plain("Filter by addressee", MAX_OPTION_TEXT),
        "options": options,
    }
    chosen = [o for o in options if home.addressee and o["value"] == home.addressee]
    if chosen:
        select["initial_option"] = chosen[0]
    return select


def home_view(home, editor: bool = False) -> dict:
    """The Home tab: buttons, new this week, due or overdue, your watches, team glossary."""
    buttons = [bk.button("Search the library", ACTION_SEARCH, style="primary")]
    if editor:
        buttons.append(bk.button("Add a document", ACTION_ADD))
    if home.recommendations:
        buttons.append(bk.button("Export the tracker", ACTION_EXPORT))
    stops = [
        bk.section(":warning: " + digest_render.stopped_text(stop))
        for stop in (getattr(home, "stopped", None) or [])[:5]
    ]
    blocks = [
        bk.header("rocu: the policy library"),
        *stops,
        bk.actions(*buttons),
        bk.divider(),
        *_new_blocks(home),
        bk.divider(),
        *_due_blocks(home),
        bk.divider(),
        *_watch_blocks(home),
        bk.divider(),
        *_glossary_blocks(home),
        bk.context(
            f"Updated {home.today:%d %b %Y} when you opened this tab · `/rocu help` lists "
            "every command"
        ),
    ]
    return {"type": "home", "blocks": bk.fit(blocks, MAX_VIEW_BLOCKS, MAX_VIEW_CHARS)}


def _new_blocks(home) -> list[dict]:
    if not home.new:
        return [bk.section("*New this week*\nNothing new in the library in the last 7 days.")]
    lines = [f"*New this week ({home.new_total})*"]
    for item in home.new:
        changed = " _(updated)_" if item.updated else ""
        lines.append(
            f"• *{bk.escape(bk.truncate(item.title, 200))}*{changed} · {bk.escape(item.type)} · "
            f"{bk.escape(item.date or 'undated')} · `{bk.escape(item.id)}`"
        )
        if item.lead and not (
            digest_render.TRANSCRIPT_NO_LEAD and item.type in digest_render.NO_LEAD_TYPES
        ):  # a transcript's first sentence is one turn out of context, as in the digest
            lines.append("> " + bk.escape(bk.truncate(item.lead, 300)))
    if home.new_total > len(home.new):
        lines.append(f"… and {home.new_total - len(home.new)} more: `/rocu docs` lists them.")
    return bk.sections("\n".join(lines))


def _due_blocks(home) -> list[dict]:
    if not home.recommendations:
        return [bk.section("*Recommendations due or overdue*\nNot available here.")]
    title = "*Recommendations due or overdue*"
    if home.addressee:
        title += f" for *{bk.escape(home.addressee)}*"
    title += f" ({home.due_total})"
    accessory = addressee_select(home) if home.addressees else None
    blocks = [bk.section(title, accessory)]
    if not home.due:
        blocks.append(bk.section("None due in the next 14 days, and none overdue."))
        return blocks
    lines = []
    for item in home.due:
        who = ", ".join(item.addressees) or "no addressee named"
        what = (
            bk.escape(bk.truncate(item.summary, 250))
            if item.summary
            else "_(not quoted here: see its handling marking)_"
        )
        lines.append(
            f"• *{when_due(item.days)}* ({item.due:%d %b %Y}) — {bk.escape(who)}: {what} · "
            f"_{bk.escape(bk.truncate(item.doc_title, 120))}_ `{bk.escape(item.id)}`"
        )
    if home.due_total > len(home.due):
        lines.append(
            f"… and {home.due_total - len(home.due)} more: `/rocu recs due:overdue` and "
            "`/rocu recs due:14d` list them."
        )
    return blocks + bk.sections("\n".join(lines))


def _watch_blocks(home) -> list[dict]:
    if not home.watches:
        return [
            bk.section(
                "*Your watches*\nNone yet: `/rocu watch me county lines` sends you a direct "
                "message when a new document or recommendation matches."
            )
        ]
    lines = [f"*Your watches ({len(home.watches)})*"]
    lines += [f"{w.number}. {bk.escape(bk.truncate(w.query, 200))}" for w in home.watches]
    lines.append("`/rocu unwatch me <n>` stops one.")
    return bk.sections("\n".join(lines))


def _glossary_blocks(home) -> list[dict]:
    if not home.team_entries:
        return [
            bk.section(
                "*Newest team glossary entries*\nNone yet: teach one with `/rocu define TERM = "
                "EXPANSION -- description`."
            )
        ]
    lines = [f"*Newest team glossary entries ({plural(len(home.team_entries), 'entry')})*"]
    for entry in home.team_entries:
        line = f"• *{bk.escape(entry.headword)}* — {bk.escape(bk.truncate(entry.expansion, 200))}"
        if entry.added_at:
            line += f" · _{bk.escape(entry.added_at[:10])}_"
        lines.append(line)
    lines.append("`/rocu glossary team:` lists them all.")
    return bk.sections("\n".join(lines))


def input_modal(callback_id: str, title: str, label: str, hint: str, submit: str) -> dict:
    """A modal with one line of input (the search box, the link to add)."""
    return {
        "type": "modal",
        "callback_id": callback_id,
        "title": bk.plain(title, 24),
        "submit": bk.plain(submit, 24),
        "close": bk.plain("Cancel", 24),
        "blocks": [
            {
                "type": "input",
                "block_id": INPUT_BLOCK,
                "label": bk.plain(label, 2000),
                "element": {
                    "type": "plain_text_input",
                    "action_id": INPUT_ACTION,
                    "max_length": 3000,
                    "placeholder": bk.plain(hint, 150),
                },
            }
        ],
    }


def search_modal() -> dict:
    return input_modal(
        SEARCH_VIEW,
        "Search the library",
        "Words, a question or filters",
        "county lines type:report from:2019",
        "Search",
    )


def add_modal() -> dict:
    return input_modal(
        ADD_VIEW, "Add a document", "A link to a web page, PDF or Word file", "https://...", "Add"
    )
