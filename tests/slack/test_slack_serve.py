"""Settings and the `rocu serve` / `rocu start` entry points, including a real subprocess in HTTP
mode answering a signed slash command through a fake Slack."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from slack_rig import command_form
from slack_server import FakeSlack, signed_headers

from bot.cli import cli
from bot.config import ConfigError, Settings, from_env

ROOT = Path(__file__).resolve().parents[2]
SLACK_VARS = ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_API_URL"]


@pytest.fixture
def no_slack_env(monkeypatch, tmp_path):
    """No Slack settings in the environment, and a working directory without a .env."""
    for name in SLACK_VARS + ["ROCU_REPLY", "PORT", "ROCU_ALLOWED_CHANNELS", "DIGEST_TIME"]:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_settings_from_env_parse_lists_and_defaults():
    settings = from_env(
        {
            "SLACK_BOT_TOKEN": "xoxb-1",
            "SLACK_SIGNING_SECRET": "s",
            "ROCU_ALLOWED_CHANNELS": "C1, C2 C3",
            "ROCU_ALLOWED_TEAMS": "T1",
            "SLACK_API_URL": "http://127.0.0.1:9/api",
            "ROCU_REPLY": "Ephemeral",
        }
    )
    assert settings.allowed_channels == {"C1", "C2", "C3"}
    assert settings.api_url == "http://127.0.0.1:9/api/"  # slack_sdk needs the trailing slash
    assert settings.ephemeral and settings.port == 3000 and not settings.socket_mode
    assert settings.allows("T1", "C2") and not settings.allows("T1", "C9")
    assert not settings.allows("T2", "C1")
    assert Settings().allows(None, None)
    assert settings.digest_tz == "Europe/London" and settings.digest_time == "08:00"


@pytest.mark.parametrize(
    "env, named",
    [
        ({"PORT": "eighty"}, "PORT"),
        ({"PORT": "70000"}, "PORT"),
        ({"ROCU_REPLY": "loud"}, "ROCU_REPLY"),
        ({"SLACK_API_URL": "slack.com/api/"}, "SLACK_API_URL"),
        ({"DIGEST_TIME": "8am"}, "DIGEST_TIME"),
    ],
)
def test_malformed_settings_are_named(env, named):
    with pytest.raises(ConfigError) as error:
        from_env(env)
    message = str(error.value)
    assert named in message and ".env.example" in message and "\n" not in message


def test_missing_credentials_are_named_per_mode():
    assert Settings().missing_for_serve() == ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"]
    assert Settings(app_token="xapp").missing_for_serve() == ["SLACK_BOT_TOKEN"]
    assert Settings(bot_token="x").missing_for_serve("socket") == ["SLACK_APP_TOKEN"]
    with pytest.raises(ConfigError, match="SLACK_SIGNING_SECRET.*env.example"):
        Settings(bot_token="x").require_serve("http")


def test_dotenv_file_is_read_without_overriding_the_environment(no_slack_env, monkeypatch):
    (no_slack_env / ".env").write_text(
        "SLACK_BOT_TOKEN=xoxb-from-file\nROCU_REPLY=ephemeral\nPORT=4000\n"
    )
    monkeypatch.setenv("PORT", "5000")
    try:
        settings = from_env()
    finally:
        for name in ("SLACK_BOT_TOKEN", "ROCU_REPLY"):
            os.environ.pop(name, None)  # load_dotenv wrote them into os.environ
    assert settings.bot_token == "xoxb-from-file" and settings.ephemeral and settings.port == 5000


def test_serve_without_credentials_is_one_clear_line(runner, no_slack_env):
    result = runner.invoke(cli, ["serve"])
    assert result.exit_code == 1
    assert "SLACK_BOT_TOKEN" in result.output and ".env.example" in result.output
    assert "Traceback" not in result.output and result.output.count("\n") == 1


def test_serve_with_a_bad_setting_is_one_clear_line(runner, no_slack_env, monkeypatch):
    monkeypatch.setenv("PORT", "nope")
    result = runner.invoke(cli, ["serve"])
    assert result.exit_code == 1 and "PORT" in result.output
    assert "Traceback" not in result.output


def test_start_without_credentials_runs_the_console(runner, no_slack_env):
    result = runner.invoke(cli, ["start"], input="/rocu docs\n")
    assert result.exit_code == 0
    assert "starting the local console" in result.stderr
    assert "pac-soc-2019" in result.stdout


def test_start_with_refused_token_says_so(runner, no_slack_env, monkeypatch):
    with FakeSlack() as slack:
        slack.respond_with("auth.test", {"ok": False, "error": "invalid_auth"})
        monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-wrong")
        monkeypatch.setenv("SLACK_SIGNING_SECRET", "s")
        monkeypatch.setenv("SLACK_API_URL", slack.url)
        result = runner.invoke(cli, ["start"])
    assert result.exit_code == 1
    assert "Slack refused" in result.output and "Traceback" not in result.output
    assert "xoxb-wrong" not in result.output


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(base: str, process: subprocess.Popen, timeout: float = 30.0) -> None:
    """Poll /healthz until the server answers (start-up includes seeding the store)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"rocu serve exited: {process.stderr.read()}")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    raise AssertionError("rocu serve did not become healthy")


def test_rocu_serve_http_subprocess_acks_and_answers(tmp_path):
    secret = "subprocess-secret"
    port = free_port()
    with FakeSlack() as slack:
        env = {
            **os.environ,
            "SLACK_BOT_TOKEN": "xoxb-test",
            "SLACK_SIGNING_SECRET": secret,
            "SLACK_API_URL": slack.url,
            "ROCU_DB": str(tmp_path / "serve.db"),
            "PORT": str(port),
        }
        env.pop("SLACK_APP_TOKEN", None)
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve", "--host", "127.0.0.1"],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_healthy(base, process)
            body = command_form("county lines", slack.response_url("serve"))
            request = urllib.request.Request(
                base + "/slack/events",
                data=body.encode(),
                headers=signed_headers(body, secret),
                method="POST",
            )
            with urllib.request.urlopen(request, timeout=10) as response:
                assert response.status == 200
            answer = slack.wait_for("response:serve", timeout=20)[0].body
            assert answer["response_type"] == "in_channel"
            assert answer["blocks"][0]["text"]["text"] == "Search: county lines"
            forged = urllib.request.Request(
                base + "/slack/events",
                data=body.encode(),
                headers=signed_headers(body, "wrong"),
                method="POST",
            )
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(forged, timeout=10)
            assert refused.value.code == 401
            typed = body.replace("county+lines", "Bob+from+finance%0A2026+INFO+forged")
            typed = typed.replace("serve&", "serve2&")
            for headers in (signed_headers(typed, "wrong"), signed_headers(typed, secret)):
                sent = urllib.request.Request(
                    base + "/slack/events", data=typed.encode(), headers=headers, method="POST"
                )
                try:
                    urllib.request.urlopen(sent, timeout=10).close()
                except urllib.error.HTTPError:
                    pass
            slack.wait_for("response:serve2", timeout=20)
        finally:
            process.terminate()
            _, stderr = process.communicate(timeout=10)
    assert "command=search" in stderr and "bad signature" in stderr
    assert "xoxb-test" not in stderr and secret not in stderr
    # nothing a person typed, no response_url, no forged line (issue 15)
    for typed_text in ("county lines", "county+lines", "Bob", "forged", "/response/"):
        assert typed_text not in stderr


def test_procfile_and_manifest_describe_both_modes():
    procfile = (ROOT / "Procfile").read_text()
    assert "web: rocu serve" in procfile and "worker: rocu serve --socket-mode" in procfile
    manifest = (ROOT / "manifest.yml").read_text()
    for needed in (
        "command: /rocu",
        "app_mention",
        "message.im",
        "socket_mode_enabled: true",
        "commands",
        "chat:write",
        "app_mentions:read",
        "im:history",
    ):
        assert needed in manifest
    example = (ROOT / ".env.example").read_text()
    for name in SLACK_VARS + [
        "ROCU_DB",
        "ROCU_REPLY",
        "ROCU_ALLOWED_CHANNELS",
        "ROCU_ALLOWED_TEAMS",
        "PORT",
        "DIGEST_CHANNEL",
        "DIGEST_TIME",
        "DIGEST_DAYS",
        "DIGEST_TZ",
    ]:
        assert f"{name}=" in example
