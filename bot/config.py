"""Settings for the Slack front end and the digest, from the environment and a ``.env`` file.

Everything the running bot needs from its operator is read here once, checked, and handed around
as a ``Settings`` value, so a missing or malformed setting is one clear sentence naming it and
pointing to ``.env.example`` rather than a traceback from deep inside Slack's libraries.
Secrets are kept out of ``repr`` so that they never reach a log.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_API_URL = "https://slack.com/api/"
DEFAULT_PORT = 3000
REPLY_MODES = ("channel", "ephemeral")


class ConfigError(ValueError):
    """A setting is missing or malformed; the message is one line, fit to show a person."""


def _secret(default: str | None = None):
    return field(default=default, repr=False)


@dataclass(frozen=True)
class Settings:
    bot_token: str | None = _secret()
    signing_secret: str | None = _secret()
    app_token: str | None = _secret()
    db_path: str | None = None
    reply_mode: str = "channel"
    allowed_channels: frozenset[str] = frozenset()
    allowed_teams: frozenset[str] = frozenset()
    api_url: str = DEFAULT_API_URL
    port: int = DEFAULT_PORT
    digest_channel: str | None = None
    digest_time: str = "08:00"
    digest_days: str = "mon-fri"
    digest_tz: str = "Europe/London"
    digest_holidays: str | None = None  # None: the default (GB-ENG bank holidays skipped)
    # Who is told in a direct message when Slack refuses the digest (DIGEST_CONTACT user ids)
    digest_contacts: frozenset[str] = frozenset()
    # Channels where excerpts of OFFICIAL-SENSITIVE documents may be posted (bot.library.markings)
    sensitive_channels: frozenset[str] = frozenset()
    # Folders mapped to where the team keeps them (ROCU_SOURCE_BASE_URL): (folder, base URL)
    source_base_urls: tuple[tuple[str, str], ...] = ()

    @property
    def ephemeral(self) -> bool:
        """All answers go to the asker alone, with a "Share in channel" button."""
        return self.reply_mode == "ephemeral"

    @property
    def socket_mode(self) -> bool:
        return bool(self.app_token)

    @property
    def slack_configured(self) -> bool:
        """Enough to connect to Slack in one of the two modes."""
        return bool(self.bot_token and (self.app_token or self.signing_secret))

    def missing_for_serve(self, mode: str = "auto") -> list[str]:
        """The settings ``rocu serve`` still needs in ``mode`` (auto, socket or http)."""
        missing = [] if self.bot_token else ["SLACK_BOT_TOKEN"]
        if mode == "socket" or (mode == "auto" and self.app_token):
            missing += [] if self.app_token else ["SLACK_APP_TOKEN"]
        elif not self.signing_secret:
            missing.append("SLACK_SIGNING_SECRET")
        return missing

    def require_serve(self, mode: str = "auto") -> None:
        missing = self.missing_for_serve(mode)
        if missing:
            raise ConfigError(
                f"missing {', '.join(missing)}: set {'them' if len(missing) > 1 else 'it'} in "
                "the environment or in .env (see .env.example and the README's Slack section)"
            )

    def allows(self, team: str | None, channel: str | None, own_dm: bool = False) -> bool:
        """Whether a request from this workspace and channel may be answered. ``own_dm``: the
        channel is the person's direct message with rocu, which ``ROCU_ALLOWED_CHANNELS`` does
        not shut (only they read it; ``slack.middleware.OWN_DM_ALLOWED``); the workspace
        allow-list still applies to it."""
        if self.allowed_teams and team not in self.allowed_teams:
            return False
        if self.allowed_channels and channel not in self.allowed_channels and not own_dm:
            return False
        return True


def load_dotenv_file(path: str | os.PathLike | None = None) -> None:
    """Read ``.env`` (default: in the working directory) without overriding the environment."""
    from dotenv import load_dotenv

    load_dotenv(Path(path) if path else Path.cwd() / ".env", override=False)


def _ids(value: str | None) -> frozenset[str]:
    return frozenset(part for part in re.split(r"[\s,]+", value or "") if part)


def from_env(env: Mapping[str, str] | None = None, dotenv: bool = True) -> Settings:
    """Settings from ``env`` (default ``os.environ``, after loading ``.env``). Raises
    ``ConfigError`` for a malformed value; missing credentials are checked by the caller
    (``require_serve``), because the console needs none."""
    if env is None:
        if dotenv:
            load_dotenv_file()
        env = os.environ

    def get(name: str) -> str | None:
        value = (env.get(name) or "").strip()
        return value or None

    reply_mode = (get("ROCU_REPLY") or "channel").lower().replace("in_channel", "channel")
    if reply_mode not in REPLY_MODES:
        raise ConfigError(
            f"ROCU_REPLY must be 'channel' or 'ephemeral', not {reply_mode!r} (see .env.example)"
        )
    port_text = get("PORT") or str(DEFAULT_PORT)
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise ConfigError(f"PORT must be a port number, not {port_text!r} (see .env.example)")
    api_url = get("SLACK_API_URL") or DEFAULT_API_URL
    if not re.match(r"^https?://", api_url):
        raise ConfigError("SLACK_API_URL must start with http:// or https:// (see .env.example)")
    if not api_url.endswith("/"):
        api_url += "/"  # slack_sdk joins method names onto it
    digest_time = get("DIGEST_TIME") or "08:00"
    if not re.fullmatch(r"([01]?\d|2[0-3]):[0-5]\d", digest_time):
        raise ConfigError(f"DIGEST_TIME must be HH:MM, not {digest_time!r} (see .env.example)")
    return Settings(
        bot_token=get("SLACK_BOT_TOKEN"),
        signing_secret=get("SLACK_SIGNING_SECRET"),
        app_token=get("SLACK_APP_TOKEN"),
        db_path=get("ROCU_DB"),
        reply_mode=reply_mode,
        allowed_channels=_ids(get("ROCU_ALLOWED_CHANNELS")),
        allowed_teams=_ids(get("ROCU_ALLOWED_TEAMS")),
        sensitive_channels=_ids(get("ROCU_SENSITIVE_CHANNELS")),
        source_base_urls=parse_source_bases(get("ROCU_SOURCE_BASE_URL")),
        api_url=api_url,
        port=int(port_text),
        digest_channel=get("DIGEST_CHANNEL"),
        digest_time=digest_time,
        digest_days=(get("DIGEST_DAYS") or "mon-fri").lower(),
        digest_tz=get("DIGEST_TZ") or "Europe/London",
        digest_holidays=get("DIGEST_HOLIDAYS"),
        digest_contacts=_ids(get("DIGEST_CONTACT")),
    )


def parse_source_bases(value: str | None) -> tuple[tuple[str, str], ...]:
    """``ROCU_SOURCE_BASE_URL``: ``FOLDER=URL`` pairs (``;`` or new lines between them) saying
    where the team keeps each ingested folder, e.g. ``/srv/library=https://example.sharepoint
    .com/sites/policy/Shared%20Documents``. Raises ConfigError for a malformed pair."""
    pairs = []
    for part in re.split(r"[;\n]+", value or ""):
        part = part.strip()
        if not part:
            continue
        folder, sep, url = part.partition("=")
        folder, url = folder.strip(), url.strip()
        if not sep or not folder or not re.match(r"^https?://\S+$", url):
            raise ConfigError(
                "ROCU_SOURCE_BASE_URL must be FOLDER=URL pairs separated by ';', the URL "
                "starting with http:// or https:// (see .env.example)"
            )
        pairs.append((str(Path(folder).expanduser().resolve()), url.rstrip("/")))
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))  # the deepest folder first


def source_url(path: str | None, bases: tuple[tuple[str, str], ...]) -> str | None:
    """Where the team keeps a document ingested from the file ``path``: the base URL of the
    deepest mapped folder holding it, with the file's path below that folder (each part
    URL-quoted); None when no mapped folder holds it."""
    from urllib.parse import quote

    if not path or "://" in path:
        return None
    for folder, base in bases:
        if path == folder or path.startswith(folder.rstrip(os.sep) + os.sep):
            relative = Path(path).relative_to(folder).parts
            return base + "/" + "/".join(quote(part) for part in relative)
    return None
