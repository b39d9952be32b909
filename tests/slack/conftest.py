"""Fixtures for the Slack tests: the fake Slack, and the real app serving a seeded store."""

from __future__ import annotations

import pytest
from slack_rig import SlackRig, start_rig
from slack_server import FakeSlack, sent_problem

from bot.slack.http import stop


@pytest.fixture
def fake_slack():
    with FakeSlack() as slack:
        yield slack


@pytest.fixture
def slack(fake_slack):
    return fake_slack


@pytest.fixture
def make_rig(db, db_path, fake_slack):
    """make_rig(**settings) -> a running app (seeded store, fake Slack) and its helpers."""
    servers = []

    def make(**settings) -> SlackRig:
        rig, server = start_rig(db_path, fake_slack, **settings)
        servers.append(server)
        return rig

    yield make
    for server in servers:
        stop(server)


@pytest.fixture
def rig(make_rig) -> SlackRig:
    return make_rig()


@pytest.fixture
def every_post_valid(request):
    """After the test, when it ran the fake Slack: every message, response and view the app sent
    was valid Block Kit within Slack's limits (``slack_server.sent_problem``). Used with
    ``pytestmark = pytest.mark.usefixtures("every_post_valid")``."""
    slack = request.getfixturevalue("fake_slack") if "fake_slack" in request.fixturenames else None
    yield
    if slack is not None:
        refused = [(c.method, p) for c in list(slack.requests) if (p := sent_problem(c))]
        assert refused == [], "Slack would refuse these"
