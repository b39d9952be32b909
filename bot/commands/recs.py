"""`recs`: the recommendation tracker (who is asked to do what, by when), one in full, or the
list as a spreadsheet (`recs export`)."""

from __future__ import annotations

import re

from bot.commands.citing import doc_markings, doc_urls, keep_private, rec_citations
from bot.commands.reply import Command, Context, Reply

# an id as ``tracker.get_recommendation`` reads it, with a digit (so "recede" is a word)
_REC_ID = re.compile(r"r(?=[0-9a-f]*\d)[0-9a-f]{4,64}", re.IGNORECASE)
PAGE_SIZE = 10  # recommendations a page, in Slack and the console (`rocu recs` prints them all)


# `recs r4a6` (the start of an id, as a list shows `r4a6f21`) was read as a word: "No
# recommendations match “r4a6”", though one id begins so; a start was read as one only from `r`
# and 4 more characters, and a start several ids share was "No recommendation has the id ..."
# (round 20's walk). With this on, `r` and 2 or more hex characters (one a digit) is an id's
# start: the one it begins is shown; one that begins several, or none, is said so. False: as
# before.
ID_STARTS_READ = True
ID_START = re.compile(r"#?r(?=[0-9a-f]*\d)[0-9a-f]{2,64}", re.IGNORECASE)
IDS_LISTED = 5


def _id_start(db, typed: str) -> Reply | str | None:
    """For a line that is an id's start (``ID_START``): the whole id when it begins one, a
    sentence when it begins several or none; None for any other line."""
    if not ID_START.fullmatch(typed):
        return None
    start = typed.lstrip("#").lower()
    ids = [
        row["id"]
        for row in db.query(
            "select distinct id from recommendations where id like ? order by id", [start + "%"]
        )
    ]
    if start in ids or len(ids) == 1:
        return start if start in ids else ids[0]
    if not ids:
        return Reply(
            "usage",
            f"No recommendation has the id {start}, nor one beginning so. `/rocu recs` lists them "
            "with their ids; to look for words, type more than an id.",
            public=False,
        )
    shown = ", ".join(ids[:IDS_LISTED]) + (
        f" and {len(ids) - IDS_LISTED} more" if len(ids) > IDS_LISTED else ""
    )
    return Reply(
        "usage",
        f"“{start}” begins {len(ids)} recommendations' ids ({shown}): type more of the one you "
        "mean.",
        public=False,
    )


def _recs(db, argument: str, context: Context) -> Reply:
    from bot.recs.tracker import RecommendationError, get_recommendation, list_recommendations

    if argument.split(" ", 1)[0].lower() == "export":
        return _recs_export(db, argument.partition(" ")[2].strip())
    option = _OPTION.search(argument) if OPTIONS_SAID else None
    if option:
        return Reply("usage", _option_sentence(option[0]), public=False)
    if ID_STARTS_READ and argument and " " not in argument:
        named = _id_start(db, argument)
        if isinstance(named, Reply):
            return named
        argument = named or argument
    if argument and " " not in argument:
        rec = get_recommendation(db, argument)
        if rec is not None:
            extra = {"urls": doc_urls(db, [rec.doc_id]), **rec_citations(db, [rec])}
            reply = Reply("rec", rec, extra=extra)
            return keep_private(reply, doc_markings(db, [rec.doc_id]), context)
    try:
        recs = list_recommendations(db, argument)
    except RecommendationError as exc:
        return Reply("usage", str(exc), public=False)
    if not recs and _REC_ID.fullmatch(argument.strip().lstrip("#")):
        # an id that names none: say so, not "no recommendations match ... try fewer words"
        return Reply(
            "usage",
            f"No recommendation has the id {argument.strip()}. `/rocu recs` lists them with their "
            "ids (a start of one is enough when only one begins so).",
            public=False,
        )
    urls = doc_urls(db, {rec.doc_id for rec in recs})
    extra = {
        "filter": argument,
        "urls": urls,
        # a page at a time, as search's results: `more` (or Slack's buttons) shows the next
        "page": context.page,
        "page_size": PAGE_SIZE,
        "total": len(recs),
        **rec_citations(db, recs),
    }
    reply = Reply("recs", recs, public=bool(recs), extra=extra)
    return keep_private(reply, doc_markings(db, [rec.doc_id for rec in recs]), context)


# A command-line option typed here ("recs --set-status r1a2b3c accepted", as a card's text
# suggests, or "recs to:NCA --csv") is named as the command line's, with what does it here; it
# was read as filter words ("No recommendations match “--set-status r1a2b3c accepted”": the
# round-12 walk). False: as before.
OPTIONS_SAID = True
_OPTION = re.compile(r"(?<!\S)--[a-z][a-z-]*", re.IGNORECASE)
_OPTION_HERE = {
    "--set-status": "in Slack, a recommendation's “Set status” button records the team's view",
    "--csv": "`/rocu recs export csv [filter]` posts the tracker as a spreadsheet in Slack",
    "--xlsx": "`/rocu recs export [filter]` posts the tracker as a spreadsheet in Slack",
}


def _option_sentence(option: str) -> str:
    option = option.lower()
    here = _OPTION_HERE.get(option, "`recs [filter]` lists them here, `recs ID` shows one")
    return (
        f"“{option}” is an option of the `rocu recs` command line, run in a terminal "
        f"(`rocu recs --help`); {here}."
    )


def _recs_export(db, argument: str) -> Reply:
    """``recs export [csv|xlsx] [FILTER]``: the recommendations to put in a spreadsheet (the
    Slack app uploads it; see bot.slack.tracker)."""
    from bot.recs.tracker import RecommendationError, list_recommendations

    first, _, rest = argument.partition(" ")
    fmt = "xlsx"
    if first.lower() in ("csv", "xlsx", "excel"):
        fmt, argument = ("csv" if first.lower() == "csv" else "xlsx"), rest.strip()
    try:
        recs = list_recommendations(db, argument)
    except RecommendationError as exc:
        return Reply("usage", str(exc), public=False)
    data = {"recs": recs, "filter": argument, "format": fmt}
    return Reply("recs_export", data, public=bool(recs), command="recs export")


RECS = Command(
    ("recs", "recommendations", "rec"),
    _recs,
    usage="recs [filter]",
    description="who is asked to do what, by when; filter with words, `doc:ID`, `to:NCA`, "
    "`due:overdue`, `due:30d`, `due:2027`, `status:open` (the team's), `response:accepted` (a "
    "response's stance); `recs ID` shows one in full; "
    "`recs export [csv] [filter]` posts the tracker as a spreadsheet",
)
