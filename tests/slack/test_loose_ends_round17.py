"""What a person did in Slack while another process held the store's write lock past the answer's
budget (round 17): the answer went, but the bookkeeping that records what they did was skipped,
and nothing said so.

* A mention answered in a thread: the thread's follow-up state (its topic, the line its ``more``
  pages) was not kept, so ``@rocu more`` there from someone else, once the lock was free, paged
  their own last line, or nothing.
* ``/rocu define`` of a term nobody has taught: the missing term's note was not written, so the
  term never reached ``glossary missing``.

Both are now written later, off the person's clock (``bot.library.later``). Through the real Bolt
app against the fake Slack (``slack_rig``), the lock held by a second connection with the lock
file (``holders.Holder``). The words typed here were written for these tests.
"""

from __future__ import annotations

import pytest
from holders import Holder
from slack_rig import mrkdwn_texts
from test_summaries_round15 import vale  # noqa: F401 (the fixture: an invented review)

from bot import commands
from bot.library import later, threads
from bot.library.store import open_db

pytestmark = pytest.mark.usefixtures("every_post_valid")  # Slack took every post

HELD = 4.0  # seconds: past the answer's 2 s budget
QUERY = "crime units"  # more than one page in the seed library (asserted below)
UNKNOWN = "QWZV"  # a term nobody taught and no document uses


@pytest.fixture
def later_on(monkeypatch):
    monkeypatch.setattr(later, "KEEP_LATER", True)


@pytest.fixture
def later_off(monkeypatch):
    monkeypatch.setattr(later, "KEEP_LATER", False)


def said(message: dict) -> str:
    return " ".join([message.get("text") or "", *mrkdwn_texts(message.get("blocks") or [])])


def _mention_while_held(rig, db_path) -> None:
    with Holder(db_path, "both", held=HELD) as holder:
        rig.mention(QUERY, ts="700.0")
        [first] = rig.slack.wait_for("chat.postMessage", timeout=HELD + 5)
        assert holder.released_at is None  # answered while the lock was still held
    assert "Results 1–5" in said(first.body)
    assert later.wait_idle(15)


def test_a_threads_state_is_kept_once_the_lock_is_free(rig, db, db_path, later_on):
    assert commands.dispatch(db, f"search {QUERY}").data.total > 5
    _mention_while_held(rig, db_path)
    state = threads.load(open_db(db_path), "T0TEST:C0GENERAL:700.0")
    assert state is not None and state.topic == QUERY and state.has_more
    rig.mention("more", ts="701.0", thread_ts="700.0", user="U0SOMEONE")
    second = rig.slack.wait_for("chat.postMessage", count=2, timeout=10)[1].body
    assert second["thread_ts"] == "700.0"
    assert "Results 6–10" in said(second)


def test_with_the_switch_off_the_threads_state_is_lost(rig, db_path, later_off):
    _mention_while_held(rig, db_path)
    assert threads.load(open_db(db_path), "T0TEST:C0GENERAL:700.0") is None


def test_a_later_state_never_overwrites_a_newer_one(db):
    """The state kept later is the one of its moment: a newer one kept meanwhile stays."""
    import datetime as dt

    key = "T0TEST:C0GENERAL:800.0"
    newer = threads.ThreadState("newer topic", "search newer topic", 1, True)
    threads.save(db, key, newer)
    older = threads.ThreadState("older topic", "search older topic", 0, True)
    threads._store(db, key, older, dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
    assert threads.load(db, key).topic == "newer topic"


def test_a_missing_term_asked_while_the_lock_is_held_is_noted(rig, db_path, later_on):
    with Holder(db_path, "both", held=HELD) as holder:
        answer = rig.answer(f"define {UNKNOWN}")
        assert holder.released_at is None
    assert "not in the glossary" in said(answer)
    assert later.wait_idle(15)
    assert UNKNOWN in said(rig.answer("glossary missing"))


def test_with_the_switch_off_the_missing_term_is_lost(rig, db_path, later_off):
    with Holder(db_path, "both", held=HELD):
        rig.answer(f"define {UNKNOWN}")
    assert UNKNOWN not in said(rig.answer("glossary missing"))


# -- the same event in two processes while the lock is held ----------------------------------------


def _twice_while_held(make_rig, db_path) -> list:
    """One mention delivered to one app, then re-delivered by Slack (its ack came late) to a
    second app on the same store, while another writer holds the lock: the answers posted."""
    from slack_rig import SECRET, event_body
    from slack_server import BOT_USER_ID, signed_headers

    first, second = make_rig(), make_rig()
    event = {
        "type": "app_mention",
        "user": "U0ASKER",
        "channel": "C0GENERAL",
        "ts": "900.0",
        "event_ts": "900.0",
        "text": f"<@{BOT_USER_ID}> {QUERY}",
    }
    body = event_body(event, "EvTWICE")
    again = {
        **signed_headers(body, SECRET),
        "X-Slack-Retry-Num": "1",
        "X-Slack-Retry-Reason": "http_timeout",
    }
    with Holder(db_path, "both", held=HELD):
        assert first.post(body)[0] == 200
        assert second.post(body, again)[0] == 200
        first.slack.wait_for("chat.postMessage", timeout=HELD + 5)
    import time

    time.sleep(1.0)  # time for a second answer, were there one
    return [c for c in first.slack.calls("chat.postMessage") if c.body.get("thread_ts") == "900.0"]


def test_a_redelivery_to_a_second_process_under_a_held_lock_is_not_answered_again(
    make_rig, db_path
):
    assert len(_twice_while_held(make_rig, db_path)) == 1


def test_with_the_switch_off_it_was_answered_twice(make_rig, db_path, monkeypatch):
    from bot.slack import listeners

    monkeypatch.setattr(listeners, "ANSWERED_ELSEWHERE_REASONS", frozenset())
    assert len(_twice_while_held(make_rig, db_path)) == 2


# -- modals opened apart from the answers ------------------------------------------------------


POOL_HELD = 4.0  # seconds Slack holds the search's conversations.open (and the answer thread)


def _answer_pool_held(make_rig, monkeypatch):
    """An app with one answer thread, held by a Home search whose direct-message channel Slack is
    slow to open (``conversations.open``, on the answer pool): the answer behind it waits."""
    from test_slack_home import submit

    from bot.render import home as render_home

    monkeypatch.setenv("ROCU_ANSWER_THREADS", "1")
    rig = make_rig()
    card = rig.answer("recs")  # before the hold: the card with "Set status"
    rig.slack.hold("conversations.open", POOL_HELD, times=1)
    submit(rig, render_home.SEARCH_VIEW, "wombat fences", view_id="V0HELD")
    rig.slack.wait_for("conversations.open", timeout=10)
    return rig, card


def _opened_before_the_held_answer(rig) -> bool:
    """Whether the modal was opened while Slack still held the search's ``conversations.open``
    (the answer thread waiting on it), a second before it answered at the earliest."""
    [opened] = rig.slack.wait_for("views.open", timeout=15)
    [held] = rig.slack.calls("conversations.open")
    rig.slack.wait_for("chat.postMessage", timeout=15)  # the held search's answer, then
    return opened.at < held.at + POOL_HELD - 1.0


def test_set_status_opens_its_modal_while_the_answer_pool_is_busy(make_rig, monkeypatch):
    from slack_rig import buttons

    rig, card = _answer_pool_held(make_rig, monkeypatch)
    rig.click(buttons(card["blocks"])["Set status"], user="U0EDITOR", trigger_id="trig.status")
    assert _opened_before_the_held_answer(rig)


def test_home_search_opens_its_modal_while_the_answer_pool_is_busy(make_rig, monkeypatch):
    from test_slack_home import home_action

    from bot.render import home as render_home

    rig, _ = _answer_pool_held(make_rig, monkeypatch)
    home_action(rig, {"type": "button", "action_id": render_home.ACTION_SEARCH}, "trig.home")
    assert _opened_before_the_held_answer(rig)


def test_with_the_switch_off_the_modal_waited_for_the_answer(make_rig, monkeypatch):
    from slack_rig import buttons

    from bot.slack import listeners

    monkeypatch.setattr(listeners, "OPEN_APART", False)
    rig, card = _answer_pool_held(make_rig, monkeypatch)
    rig.click(buttons(card["blocks"])["Set status"], user="U0EDITOR", trigger_id="trig.off")
    assert not _opened_before_the_held_answer(rig)


def test_a_home_modal_slack_would_not_open_is_said(rig):
    from test_slack_home import home_action

    from bot.render import home as render_home
    from bot.slack import home

    rig.slack.fail("views.open", error="expired_trigger_id")
    home_action(rig, {"type": "button", "action_id": render_home.ACTION_SEARCH}, "trig.fail")
    [told] = rig.slack.wait_for("chat.postMessage", timeout=10)
    assert "“Search the library”" in said(told.body)
    assert home.NOT_OPENED.split(":")[0] in said(told.body)


# -- the console's list title --------------------------------------------------------------------


def test_the_consoles_list_title_says_the_filter_in_words(db, vale):  # noqa: F811
    from bot.console import Console

    console = Console(db)
    title = console.answer("/rocu recs to:vale status:open").splitlines()[0]
    assert title.startswith("Recommendations (")
    assert "to Vale Constabulary · team status: open" in title, title
    assert "to:vale" not in title


def test_the_title_quotes_the_filter_with_the_switch_off(db, vale, monkeypatch):  # noqa: F811
    from bot.console import Console
    from bot.render import recs as render_recs

    monkeypatch.setattr(render_recs, "TITLE_IN_WORDS", False)
    title = Console(db).answer("/rocu recs to:vale").splitlines()[0]
    assert title.endswith("matching “to:vale”"), title


# -- a pasted giant word quoted back -------------------------------------------------------------

GIANT = "wombatfence" * 360  # one 3,960-letter word (under the 4,000-character input cap)


def test_a_giant_word_is_not_quoted_back_whole_at_the_console(db):
    from bot.console import Console

    answer = Console(db).answer(f"/rocu search {GIANT}")
    assert max(len(line) for line in answer.splitlines()) < 600, answer[:300]


def test_a_giant_word_is_not_quoted_back_whole_in_slack(rig):
    message = rig.answer(f"search {GIANT}")
    texts = mrkdwn_texts(message["blocks"])
    assert texts and max(len(text) for text in texts) < 600, [len(t) for t in texts]


def test_the_giant_word_was_quoted_whole_with_the_switch_off(db, monkeypatch):
    from bot.console import Console
    from bot.render import text as render_text

    monkeypatch.setattr(render_text, "NOTE_QUOTES_CUT", False)
    assert GIANT in Console(db).answer(f"/rocu search {GIANT}")
