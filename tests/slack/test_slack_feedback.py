"""👍 / 👎 under search and define answers, end to end through the real Bolt app and the fake
Slack: the buttons are valid Block Kit within Slack's limits, a click stores the query, the ids
shown and the user id, the person is thanked privately, nothing of it reaches the log, and
``rocu eval --feedback`` summarises the votes. Queries written for these tests."""

from __future__ import annotations

import io
import json
import logging

import pytest
from slack_rig import buttons, mrkdwn_texts
from slack_server import message_problem

from bot import commands
from bot.cli import cli
from bot.library.feedback import record_feedback, summary
from bot.render import blocks as bk
from bot.render import feedback as render
from bot.slack import logs

pytestmark = pytest.mark.usefixtures("every_post_valid")  # Slack took every post


def votes(db) -> list[dict]:
    return [dict(row) for row in db.query("select * from answer_feedback order by id")]


def test_a_search_answer_takes_a_vote_that_is_stored_and_thanked_privately(rig, db):
    message = rig.answer("county lines")
    assert message_problem(message) is None
    shown = [r.passage_id for r in commands.dispatch(db, "search county lines").data.results]
    found = buttons(message["blocks"])
    assert {"👍 Helpful", "👎 Not helpful"} <= set(found)
    name = rig.click(found["👍 Helpful"], user="U0VOTER")
    thanks = rig.slack.wait_for(f"response:{name}")[0].body
    assert thanks["response_type"] == "ephemeral" and thanks["replace_original"] is False
    assert "helped" in " ".join(mrkdwn_texts(thanks["blocks"]))
    [row] = votes(db)
    assert (row["kind"], row["query"], row["user_id"], row["vote"]) == (
        "search",
        "county lines",
        "U0VOTER",
        1,
    )
    assert json.loads(row["results"]) == shown
    assert set(row) == {"id", "kind", "query", "results", "user_id", "vote", "given_at"}


def test_voting_again_replaces_the_vote_and_others_vote_apart(rig, db):
    found = buttons(rig.answer("county lines")["blocks"])
    rig.slack.wait_for(f"response:{rig.click(found['👍 Helpful'], user='U0ONE')}")
    second = rig.click(found["👎 Not helpful"], user="U0ONE")
    again = rig.slack.wait_for(f"response:{second}")[0].body
    assert "replaced" in " ".join(mrkdwn_texts(again["blocks"]))
    rig.slack.wait_for(f"response:{rig.click(found['👎 Not helpful'], user='U0TWO')}")
    assert sorted((v["user_id"], v["vote"]) for v in votes(db)) == [("U0ONE", -1), ("U0TWO", -1)]


def test_a_define_answer_takes_a_vote_too(rig, db):
    message = rig.answer("define ROCU")
    assert message_problem(message) is None
    name = rig.click(buttons(message["blocks"])["👎 Not helpful"])
    rig.slack.wait_for(f"response:{name}")
    [row] = votes(db)
    assert row["kind"] == "define" and row["query"] == "ROCU" and row["vote"] == -1
    assert any(i.endswith(":ROCU") for i in json.loads(row["results"]))


def test_answers_without_results_have_no_vote_buttons(rig):
    for line in ("search zzyzzqx qqxyzzy", "docs", "help"):
        found = buttons(rig.answer(line)["blocks"])
        assert "👍 Helpful" not in found and "👎 Not helpful" not in found


def test_a_forged_vote_is_ignored_and_stores_nothing(rig, db):
    forged = {"action_id": render.ACTION_UP, "value": '{"f": "search", "q": 1}'}
    rig.click(forged)
    rig.answer("docs")  # a later request is answered: the forged one broke nothing
    assert "answer_feedback" not in db.table_names() or votes(db) == []


def test_a_vote_never_reaches_the_log(rig, db):
    stream = io.StringIO()
    handler = logs.configure(logging.DEBUG, stream)
    try:
        message = rig.answer("serious organised crime strategy")
        name = rig.click(buttons(message["blocks"])["👎 Not helpful"])
        rig.slack.wait_for(f"response:{name}")
    finally:
        logging.getLogger().removeHandler(handler)
        logging.getLogger().setLevel(logging.WARNING)
    text = stream.getvalue()
    assert "feedback stored" in text
    for word in ("serious", "organised", "strategy"):
        assert word not in text.lower()
    assert votes(db)[0]["query"] == "serious organised crime strategy"


def test_the_vote_value_fits_slack_for_a_very_long_query():
    query = "word " * 900
    ids = [f"a-long-document-name-{n}#{n}" for n in range(10)]
    value = render.vote_value("search", query, ids, -1)
    assert len(value) <= bk.MAX_BUTTON_VALUE
    kind, kept, read_ids, vote = render.read_vote(value)
    assert (kind, read_ids, vote) == ("search", ids, -1) and query.startswith(kept)


def test_eval_feedback_summarises_the_votes(runner, db):
    record_feedback(db, "search", "county lines", ["a#1", "b#2"], "U1", 1)
    record_feedback(db, "search", "county lines", ["a#1", "b#2"], "U2", -1)
    record_feedback(db, "search", "drug markets", ["c#3"], "U2", -1)
    record_feedback(db, "define", "ROCU", ["curated:ROCU"], "U3", 1)
    found = summary(db)
    assert (found.votes, found.helpful, found.not_helpful, found.people) == (4, 2, 2, 3)
    assert found.worst == [("search", "drug markets", 1, 0), ("search", "county lines", 1, 1)]
    result = runner.invoke(cli, ["eval", "--feedback"])
    assert result.exit_code == 0, result.output
    assert "4 votes from 3 people: 2 helpful, 2 not helpful" in result.output
    assert "drug markets" in result.output
    figures = json.loads(runner.invoke(cli, ["eval", "--feedback", "--json"]).output)
    assert figures["votes"] == 4 and figures["by_kind"]["define"] == {
        "helpful": 1,
        "not_helpful": 0,
    }
    low, high = figures["helpful_interval"]
    assert low < 0.5 < high


def test_eval_feedback_with_no_votes_says_so(runner):
    result = runner.invoke(cli, ["eval", "--feedback"])
    assert result.exit_code == 0 and "no votes yet" in result.output
