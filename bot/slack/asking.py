"""What a person wrote and who they are, read from a Slack request: the ``/rocu`` line a
mention or a direct message means (Slack's markup and mentions removed, then routed as every
front end routes a line), the line and page an answer shows, and the ``Context`` a request
carries (who asked, where, their display name, whether they may change shared things)."""

from __future__ import annotations

import re
from dataclasses import replace

from slack_sdk import WebClient

from bot import commands
from bot.slack import editors, people

MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")


SLACK_MARKUP = re.compile(r"<([@#!])?([^<>|]*)(?:\|([^<>]*))?>")


def plain_text(text: str) -> str:
    """What the person typed, from Slack's wire format: ``<!channel>`` -> ``@channel``,
    ``<#C1|general>`` -> ``#general``, ``<https://x|label>`` -> ``label``, ``&lt;`` -> ``<``.
    The core then sees words, never markup; renderers escape whatever they show."""

    def readable(match: re.Match) -> str:
        sigil, target, label = match.group(1), match.group(2), match.group(3)
        if sigil == "!":
            name = label or target.split("^")[0]
            return name if name.startswith("@") else "@" + name
        if sigil in ("@", "#"):
            return label if label and label.startswith(sigil) else sigil + (label or target)
        return label or target

    text = SLACK_MARKUP.sub(readable, text or "")
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


# Slack's mentions of people and its broadcasts (``<@U123|jane>``, ``<!channel>``, ``<!here>``,
# ``<!everyone>``, ``<!subteam^S1|@team>``) are never words a document holds: a line that is a
# search drops them, so "/rocu <!channel> police" searches "police" (it searched "channel" too, and
# ranked "Multi-channel" first; "<@U1> what is the NPCC" was held back as "No good match").
# Other lines keep them as "@channel" (``plain_text``); answers escape whatever they show.
# False: as before.
SEARCH_WITHOUT_PINGS = True
PINGS = re.compile(r"<(?:@[A-Z0-9]+|!(?:channel|here|everyone)|!subteam\^[A-Z0-9]+)(?:\|[^<>]*)?>")


# Round 21: a watch's words and a recs filter's words are searches too: `/rocu watch <!channel>
# fraud` watched "@channel fraud", so the digest required the word "channel" beside "fraud" and
# listed nothing; `/rocu recs <!here>` listed the recommendations holding "here", in the channel.
# They drop Slack's mentions and broadcasts as a search does. False: search lines only.
WORDS_WITHOUT_PINGS = True
WORD_COMMANDS = frozenset({"watch", "recs"})
# Round 21: Slack sends an emoji picked in the message box as its code (`:police_car:`), which a
# search read as the words "police car": `/rocu :police_car: county lines` was answered "No passage
# holds all of your words; these are the closest matches". A code standing alone as a word (and
# its skin tone, `:wave::skin-tone-2:`) is dropped from a search, a watch and a recs filter, as
# an emoji character already is. False: read as words.
EMOJI_CODES_DROPPED = True
EMOJI_CODE = re.compile(r"(?<!\S):[a-z0-9_+'-]+:(?::skin-tone-[2-6]:)?(?!\S)", re.I)
# Round 21, later: `/rocu define <!channel>` looked up "Channel" (a programme of that name) and
# posted it in the channel: a broadcast is not a word. `define` drops mentions, broadcasts and
# emoji codes as a search does (`define <!here>` alone is asked what to define). False: kept.
DEFINE_WITHOUT_PINGS = True
# Round 21, later: Slack sends an e-mail address as a link (`<mailto:a@b.org|a@b.org>`), which a
# search read as the words "a b org" and searched "org" alone (the others too short). In a search
# the address is one quoted phrase, so a passage naming it is found and nothing else is.
# False: its parts as words, as before.
MAILTO_AS_PHRASE = True
MAILTO = re.compile(r"<mailto:([^<>|\s\"]+)(?:\|[^<>]*)?>", re.I)


def command_line(text: str) -> str:
    """The ``/rocu`` line a slash command's text means: ``plain_text``, and for a search (a
    watch, a recs filter: ``WORDS_WITHOUT_PINGS``) without Slack's mentions and broadcasts
    (``SEARCH_WITHOUT_PINGS``) or emoji codes (``EMOJI_CODES_DROPPED``)."""
    line = plain_text(text)
    if _is_search(line):
        line = " ".join(plain_text(_unpinged(text or "")).split())
    return line


def _unpinged(text: str) -> str:
    """Slack's text without its mentions and broadcasts, and without emoji codes."""
    text = PINGS.sub(" ", text)
    if MAILTO_AS_PHRASE:
        text = MAILTO.sub(lambda match: f' "{match.group(1)}" ', text)
    return EMOJI_CODE.sub(" ", text) if EMOJI_CODES_DROPPED else text


def question_line(text: str) -> str:
    """A ``/rocu`` line from a mention or DM: mentions and Slack's markup removed (for a search,
    broadcasts too), then routed as every front end routes a line (``bot.commands.route``)."""
    text = MENTION.sub(" ", text or "")
    line = commands.route(plain_text(text))
    if _is_search(line):
        unpinged = commands.route(plain_text(_unpinged(text)))
        if commands.parse(line)[0] == "define" and commands.parse(unpinged)[0] != "define":
            unpinged = "define"  # "what does @here mean?": nothing left to define, not a search
        line = unpinged
    return line


def _is_search(line: str) -> bool:
    if not (SEARCH_WITHOUT_PINGS and line.strip()):
        return False
    command = commands.parse(line)[0]
    return (
        command == "search"
        or (WORDS_WITHOUT_PINGS and command in WORD_COMMANDS)
        or (DEFINE_WITHOUT_PINGS and command == "define")
    )


def shown_line(session: commands.Session, line: str) -> tuple[str, int]:
    """The line and page an answer shows: for ``more`` / ``back``, the person's last line."""
    if commands.route(line).lower() in commands.NEXT_PAGE | commands.PREVIOUS_PAGE:
        return session.last_line or line, session.page
    return line, 0


def context_of(body: dict, page: int = 0, client: WebClient | None = None) -> commands.Context:
    """Who asked and where, from a request body (a command, an action, an event)."""
    user = body.get("user_id") or (body.get("user") or {}).get("id") or body.get("user")
    channel = body.get("channel_id") or (body.get("channel") or {}).get("id")
    team = body.get("team_id") or (body.get("team") or {}).get("id")
    context = commands.Context(user=user, channel=channel, team=team, page=page)
    return with_person(context, client)


def with_person(context: commands.Context, client: WebClient | None) -> commands.Context:
    """``context`` with what only Slack knows about the person: their display name (cached,
    ``bot.slack.people``), whether they are an editor (``ROCU_EDITORS``, asked only when they try
    to change something) and the refusal naming the editors."""
    if client is None:
        return context
    return replace(
        context,
        user_name=context.user_name or people.display_name(client, context.user),
        may_edit=lambda: editors.may_edit(client, context.user),
        refusal=lambda: editors.refusal(client),
    )
