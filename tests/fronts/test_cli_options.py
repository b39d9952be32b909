"""`rocu` options that had no test of their own: each one changes what the command does. Sets,
queries and ids written for these tests."""

from __future__ import annotations

import json

import pytest

from bot.cli import cli


def test_version_prints_the_version(runner):
    out = runner.invoke(cli, ["--version"], obj={})
    assert out.exit_code == 0 and "version" in out.output


def test_search_limit_and_offset_page_the_same_ranking(runner):
    def passages(*options):
        out = runner.invoke(cli, ["search", "county lines", "--json", *options], obj={})
        assert out.exit_code == 0, out.output
        return [r["passage_id"] for r in json.loads(out.output)["results"]]

    first_three = passages("--limit", "3")
    assert len(first_three) == 3
    assert passages("--limit", "2", "--offset", "1") == first_three[1:3]
    assert runner.invoke(cli, ["search", "county lines", "--limit", "0"], obj={}).exit_code == 2


def test_eval_takes_an_acronym_set_and_a_recommendation_set(runner, tmp_path):
    acronyms = tmp_path / "acronyms.jsonl"
    acronyms.write_text(
        json.dumps({"term": "ROCU", "acronym": "ROCU", "expansion_has": ["organised crime"]})
        + "\n"
        + json.dumps({"term": "QZXQ", "acronym": "QZXQ", "expansion_has": ["quokka"]})
        + "\n"
    )
    recommendations = tmp_path / "recs.json"
    recommendations.write_text(
        json.dumps({"recommendations": [{"doc": "no-such-doc", "key": "a phrase not there"}]})
    )
    out = runner.invoke(
        cli,
        ["eval", "--acronym-set", str(acronyms), "--recs-set", str(recommendations), "--json"],
        obj={},
    )
    assert out.exit_code == 0, out.output
    figures = json.loads(out.output)
    assert figures["acronyms"]["terms"] == 2 and figures["acronyms"]["accuracy"] == 0.5
    assert figures["recommendations"]["gold"] == 1 and figures["recommendations"]["found"] == 0
    missing = runner.invoke(cli, ["eval", "--recs-set", str(tmp_path / "none.json")], obj={})
    assert missing.exit_code == 2 and "does not exist" in missing.output


def test_recs_today_sets_the_day_overdue_is_counted_from(runner):
    def overdue(day):
        out = runner.invoke(cli, ["recs", "due:overdue", "--today", day, "--json"], obj={})
        assert out.exit_code == 0, out.output
        return json.loads(out.output)["recommendations"]

    assert overdue("2000-01-01") == []
    assert overdue("2100-01-01")


@pytest.fixture
def slack_env(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # no .env from the working directory
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "secret")
    monkeypatch.delenv("SLACK_APP_TOKEN", raising=False)
    monkeypatch.delenv("DIGEST_CHANNEL", raising=False)


@pytest.fixture
def served(monkeypatch) -> list:
    """What `rocu serve` would serve: (settings, mode, host) per call; nothing is started."""
    import bot.slack.app
    import bot.slack.logs
    from bot.digest import alerts
    from bot.digest import scheduler as sc

    calls = []

    def serve(settings, mode="auto", host="0.0.0.0"):
        calls.append((settings, mode, host))

    monkeypatch.setattr(bot.slack.app, "serve", serve)
    monkeypatch.setattr(bot.slack.logs, "configure", lambda level: None)
    monkeypatch.setattr(sc, "start_in_background", lambda settings, poster: None)
    monkeypatch.setattr(alerts.AlertScheduler, "start", lambda self: self)
    return calls


def test_serve_port_is_the_port_served_on(runner, slack_env, served):
    out = runner.invoke(cli, ["serve", "--port", "4321"], obj={})
    assert out.exit_code == 0, out.output
    assert [settings.port for settings, _, _ in served] == [4321]
    assert runner.invoke(cli, ["serve", "--port", "0"], obj={}).exit_code == 2


def test_serve_mode_flags_and_host_reach_the_app(runner, slack_env, served):
    for options in (["--socket-mode"], ["--http", "--host", "127.0.0.1"], []):
        out = runner.invoke(cli, ["serve", *options], obj={})
        assert out.exit_code == 0, out.output
    assert [(mode, host) for _, mode, host in served] == [
        ("socket", "0.0.0.0"),
        ("http", "127.0.0.1"),
        ("auto", "0.0.0.0"),
    ]


def test_dash_h_is_help(runner):
    out = runner.invoke(cli, ["search", "-h"], obj={})
    assert out.exit_code == 0 and "--batch" in out.output and "--offset" in out.output


def test_digest_schedule_runs_the_scheduler_for_the_channel(runner, slack_env, monkeypatch):
    from bot.digest import scheduler as sc

    ran = []
    monkeypatch.setattr(sc.DigestScheduler, "run_forever", lambda self: ran.append(self.channel))
    out = runner.invoke(cli, ["digest", "--schedule", "--channel", "C0QUOKKA"], obj={})
    assert out.exit_code == 0, out.output
    assert ran == ["C0QUOKKA"]
    out = runner.invoke(cli, ["digest", "--schedule"], obj={})  # no channel anywhere
    assert out.exit_code == 1 and "no channel" in out.output
