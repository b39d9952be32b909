"""Logging for ``rocu serve``: one line per record, and nothing a person typed.

* Every message has its line breaks and other control characters escaped (``\\n`` -> ``\\\\n``),
  so a value inside a log line can never start a forged line of its own.
* Records from the Slack libraries (``slack_bolt``, ``slack_sdk``, and Bolt's app logger) are cut
  where they start quoting a payload (a ``{``, ``body:`` or ``payload:``): Bolt logs whole request
  bodies when a signature fails or a request finds no listener, and slack_sdk logs request bodies
  at DEBUG; what is left says what happened and how long the withheld part was.
* Every link in a library's record (httpx, httpcore, slack_sdk, Bolt, waitress, trafilatura) is
  replaced with ``[url]``: a fetched link's path and query, a Slack file's name and a
  ``response_url`` (which lets anyone post to the channel for 30 minutes) never reach the log.
  httpx and httpcore, which log every request's URL at INFO, are kept at WARNING.
* rocu's own log calls carry ids, counts, lengths and times, never text.
"""

from __future__ import annotations

import logging
import re

LIBRARY_LOGGERS = (
    "slack_bolt",
    "slack_sdk",
    "rocu.slack.bolt",
    "waitress",
    "httpx",
    "httpcore",
    "urllib3",
    "trafilatura",
    "htmldate",
    "courlan",
    "apscheduler",
)
URL = re.compile(r"\b(?:https?|wss?|slack)://[^\s'\"<>]+", re.IGNORECASE)
FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"
CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
PAYLOAD_START = re.compile(r"\{|\bbody[:=]|\bpayload[:=]|\bresponse_url\b", re.IGNORECASE)


def escape_controls(text: str) -> str:
    """``text`` on one line: control characters as escapes (``\\n``, ``\\x1b``...)."""

    def escaped(match: re.Match) -> str:
        return match.group(0).encode("unicode_escape").decode("ascii")

    return CONTROL.sub(escaped, text)


def withhold_urls(text: str) -> str:
    """Every link in ``text`` as ``[url]``."""
    return URL.sub("[url]", text)


def withhold_payloads(text: str) -> str:
    """A library's log message cut where it starts quoting a request or response payload, its
    links withheld."""
    text = withhold_urls(text)
    match = PAYLOAD_START.search(text)
    if not match:
        return text
    kept, withheld = text[: match.start()].rstrip(" ,(:"), len(text) - match.start()
    return f"{kept} [payload withheld, {withheld} chars]"


class SafeFormatter(logging.Formatter):
    """One line per record; library messages without payloads. Tracebacks (from rocu's own code,
    which never puts text in exceptions it raises) keep their lines but are indented."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if record.name.startswith(LIBRARY_LOGGERS):
            message = withhold_payloads(message)
        safe = logging.makeLogRecord(record.__dict__)
        safe.msg, safe.args = escape_controls(message), None
        safe.exc_text = None
        line = super().format(safe)
        return line.replace("\n", "\n    ")


def configure(level: int = logging.INFO, stream=None) -> logging.Handler:
    """Log to stderr (or ``stream``) through ``SafeFormatter``; returns the handler."""
    handler = logging.StreamHandler(stream)
    handler.setFormatter(SafeFormatter(FORMAT))
    root = logging.getLogger()
    for old in list(root.handlers):
        if getattr(old, "_rocu", False):
            root.removeHandler(old)
    handler._rocu = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    quiet_library_loggers()
    return handler


def quiet_library_loggers() -> None:
    """Bolt logs a failed signature check with the whole body at INFO: keep that logger at
    WARNING (the HTTP front refuses such requests first and logs only their length); httpx
    and httpcore log each request's URL at INFO: keep them at WARNING."""
    logging.getLogger("slack_bolt.RequestVerification").setLevel(logging.WARNING)
    for name in ("httpx", "httpcore"):  # a line per request, with its URL, at INFO
        logging.getLogger(name).setLevel(logging.WARNING)
    logging.getLogger("rocu.slack.bolt").addFilter(_drop_signature_bodies)
    logging.getLogger("slack_bolt.RequestVerification").addFilter(_drop_signature_bodies)


def _drop_signature_bodies(record: logging.LogRecord) -> bool:
    return "Invalid request signature" not in str(record.msg)
