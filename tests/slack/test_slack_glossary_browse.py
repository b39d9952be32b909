"""Browsing the glossary from Slack, end to end through the real Bolt app and the fake Slack:
``/rocu glossary`` lists entries a page at a time (team entries first) with "More results",
by letter, and with the filters ``team:``, ``source:`` and ``missing``; every answer is valid
Block Kit within Slack's limits (the fake refuses others). Terms written for these tests."""

from __future__ import annotations

import re

import pytest
from slack_rig import buttons, mrkdwn_texts

from bot.glossary.browse import PAGE_SIZE, browse
from bot.glossary.index import all_entries

pytestmark = pytest.mark.usefixtures("every_post_valid")  # Slack took every post

EDITOR = "U0EDITOR"


def meanings(entries) -> int:
    """How many lines the glossary lists for ``entries``: one per meaning (headword and expansion
    with case and punctuation set aside), the team's own entries apart."""
    return len(
        {
            (e.headword.casefold(), " ".join(re.findall(r"[^\W_]+", e.expansion.casefold())))
            + (e.source == "team",)
            for e in entries
        }
    )


def answer(rig, line: str, **fields) -> dict:
    status, _, name = rig.command(line, **fields)
    assert status == 200
    reply = rig.slack.wait_for(f"response:{name}")[0]
    assert reply.status == 200  # the fake Slack took it: valid Block Kit within the limits
    return reply.body


def headwords(message: dict) -> list[str]:
    text = "\n".join(mrkdwn_texts(message["blocks"]))
    return re.findall(r"^• \*(.+?)\* — ", text, re.M)


def test_glossary_lists_a_page_team_entries_first_then_pages_on(rig, db):
    rig.answer("define QXZ = Quokka Exchange Zone -- a test entry", user_id=EDITOR)
    everything = all_entries(db)
    assert len(everything) > PAGE_SIZE
    first = answer(rig, "glossary")
    assert first["response_type"] == "in_channel"
    assert first["blocks"][0]["text"]["text"] == "Glossary"
    shown = headwords(first)
    assert shown[0] == "QXZ" and len(shown) == PAGE_SIZE
    rest = [h for h in shown[1:]]
    assert [h.casefold() for h in rest] == sorted(h.casefold() for h in rest)  # then A to Z
    text = " ".join(mrkdwn_texts(first["blocks"]))
    assert f"1–{PAGE_SIZE} of {meanings(everything)}" in text
    name = rig.click(buttons(first["blocks"])["More results"])
    second = rig.slack.wait_for(f"response:{name}")[0]
    assert second.status == 200 and second.body["replace_original"] is True
    assert not set(headwords(second.body)) & set(shown)
    assert f"{PAGE_SIZE + 1}–" in " ".join(mrkdwn_texts(second.body["blocks"]))


def test_by_letter(rig, db):
    message = answer(rig, "glossary r")
    shown = headwords(message)
    assert shown and all(h.lower().startswith("r") for h in shown)
    expected = [e for e in all_entries(db) if e.headword.lower().startswith("r")]
    assert f"of {meanings(expected)}" in " ".join(mrkdwn_texts(message["blocks"]))


def test_team_filter_and_who_taught_it(rig, db):
    rig.answer("define QXZ = Quokka Exchange Zone", user_id=EDITOR)
    rig.answer("define ZQV = Zebra Quality Verifier", user_id="U0OTHER")
    assert headwords(answer(rig, "glossary team:")) == ["QXZ", "ZQV"]
    assert headwords(answer(rig, f"glossary team:{EDITOR}")) == ["QXZ"]


def test_team_filter_by_display_name(db):
    from bot.glossary.team import teach

    teach(db, "QXZ", "Quokka Exchange Zone", user="U0EDITOR", user_name="Pat Editor")
    teach(db, "ZQV", "Zebra Quality Verifier", user="U0OTHER", user_name="Sam Other")
    assert [e.headword for e in browse(db, "team:pat").entries] == ["QXZ"]
    assert [e.headword for e in browse(db, "team:@sam").entries] == ["ZQV"]


def test_source_filters(rig, db):
    curated = answer(rig, "glossary source:curated")
    expected = {e.headword for e in all_entries(db) if e.source == "curated"}
    assert expected and headwords(curated) and set(headwords(curated)) <= expected
    page = browse(db, "source:pac-soc-2019")
    assert page.entries and all(
        e.source == "library" and any(at[0] == "pac-soc-2019" for at in e.defined_in)
        for e in page.entries
    )
    message = answer(rig, "glossary source:pac-soc-2019")
    assert headwords(message)[0] == page.entries[0].headword


def test_missing_lists_unknown_acronyms_privately_and_nothing_else(rig):
    rig.answer("define QQZZ")
    rig.answer("define bob from finance is rubbish")
    message = answer(rig, "glossary missing")
    assert message["response_type"] == "ephemeral"
    text = " ".join(mrkdwn_texts(message["blocks"]))
    assert "`QQZZ`" in text and "finance" not in text and "bob" not in text.lower()


def test_an_unknown_filter_gets_one_private_sentence(rig):
    message = answer(rig, "glossary frobnicate")
    assert message["response_type"] == "ephemeral"
    assert "is not a glossary filter" in " ".join(mrkdwn_texts(message["blocks"]))


def test_nothing_matching_is_private(rig):
    message = answer(rig, "glossary team:")  # no team entries yet: it says how to teach one
    assert message["response_type"] == "ephemeral"
    said = " ".join(mrkdwn_texts(message["blocks"]))
    assert "taught no entries yet" in said and "/rocu define TERM = EXPANSION" in said
    message = answer(rig, "glossary source:no-such-document")
    assert message["response_type"] == "ephemeral"
    said = " ".join(mrkdwn_texts(message["blocks"]))
    assert "No glossary entries defined in no-such-document" in said  # says what was asked


def test_an_empty_letter_says_so_and_a_filtered_list_claims_no_order(db):
    from bot import commands
    from bot.render.text import reply_text

    letters = {e.headword[:1].lower() for e in all_entries(db)}
    empty = next(c for c in "zxqjykvw" if c not in letters)
    text = reply_text(commands.dispatch(db, f"glossary {empty}"))
    assert text.startswith(f"No glossary entries starting with {empty.upper()};")
    whole = reply_text(commands.dispatch(db, "glossary"))
    assert "team entries first" in whole  # a list mixing the team's entries with the rest
    curated = reply_text(commands.dispatch(db, "glossary source:curated"))
    assert "team entries first" not in curated  # one source: nothing to put first


def test_the_console_pages_the_glossary_too(db):
    from bot import commands
    from bot.render.text import reply_text

    session = commands.Session()
    first = reply_text(session.answer(db, "glossary"))
    second = reply_text(session.answer(db, "more"))
    assert first.startswith("Glossary") and f"1–{PAGE_SIZE} of" in first
    assert f"{PAGE_SIZE + 1}–" in second and first != second


def test_hostile_entries_are_listed_escaped(rig, db):
    from bot.glossary.team import teach

    teach(db, "QXZ", "<!channel> Quokka & <@U0VICTIM> Zone", user="U0X", user_name="<!here>")
    message = answer(rig, "glossary team:")
    texts = [message["text"], *mrkdwn_texts(message["blocks"])]
    assert any("&lt;!channel&gt; Quokka &amp; &lt;@U0VICTIM&gt; Zone" in t for t in texts)
    assert not any(m in t for t in texts for m in ("<!channel>", "<@U0VICTIM>", "<!here>"))


def test_the_console_says_more_once_under_a_glossary_page(db):
    """The glossary page's own last line offers `more`; the console adds no second offer."""
    from bot.console import Console

    text = Console(db).answer("/rocu glossary")
    assert text.count("`more`") == 1


def test_the_console_offers_more_once_under_a_long_missing_list(db):
    """``glossary missing`` longer than a page offers `more` once too (the console adds none to a
    glossary page, so the page itself must say it); the last page offers nothing."""
    from bot.console import Console
    from bot.glossary.misses import record_miss

    for n in range(PAGE_SIZE + 3):  # made-up acronyms: QZ then two letters
        assert record_miss(db, "QZ" + chr(65 + n // 26) + chr(65 + n % 26))
    console = Console(db)
    first = console.answer("/rocu glossary missing")
    assert first.count("`more`") == 1
    last = console.answer("more")
    assert "QZ" in last and "`more`" not in last


def test_a_term_asked_once_says_once(db):
    """Look-ups written for this test: one asked once, one three times."""
    from bot import commands
    from bot.render.text import reply_text

    for term in ("QWVX", "ZZQJ", "ZZQJ", "ZZQJ"):
        commands.dispatch(db, f"define {term}")
    text = reply_text(commands.dispatch(db, "glossary missing"))
    assert "QWVX  (asked once)" in text and "ZZQJ  (asked 3 times)" in text
    assert "1 times" not in text


def test_one_line_per_meaning_with_every_source_named(db):
    """A meaning both the library and the curated glossary give is listed once, naming both."""
    from types import SimpleNamespace

    from bot.render.glossary import glossary_page_text

    everything = all_entries(db)
    both = sorted(
        (e.headword, e.expansion.casefold())
        for e in everything
        if e.source == "library"
        and any(
            c.source == "curated"
            and c.headword == e.headword
            and c.expansion.casefold() == e.expansion.casefold()
            for c in everything
        )
    )
    assert both  # the seeds define ROCU and NCA, which the curated glossary also holds
    word, expansion = both[0]
    pages, number = [], 0
    while True:
        pages.append(browse(db, word[0], page=number))
        if (number + 1) * PAGE_SIZE >= pages[-1].total:
            break
        number += 1
    listed = [
        (page, e)
        for page in pages
        for e in page.entries
        if e.headword == word and e.expansion.casefold() == expansion
    ]
    assert len(listed) == 1
    page, entry = listed[0]
    assert entry.source == "library" and page.also_for(entry) == ["curated"]
    text = glossary_page_text(SimpleNamespace(data=page))
    assert f"  {word} — {entry.expansion}  [library, curated glossary]" in text.splitlines()
