"""What to add (for ``bot.slack.adding``): the verb and the links of a command or message, the
files it carries, and for each a job that adds it (a link through ``bot.library.adding``, a Slack
file downloaded with the bot token from Slack's hosts only)."""

from __future__ import annotations

import json
import logging
import re
from urllib.parse import urlsplit

from slack_sdk import WebClient

from bot.library import adding as core
from bot.library import fetch
from bot.slack.adding_answers import Adding

log = logging.getLogger("rocu.slack")

VERBS = {"add", "remove"}
# <https://x|label> and <https://x> in Slack's wire format, then bare links
_SLACK_LINK = re.compile(r"<(https?://[^|>\s]+)(?:\|[^>]*)?>")
_BARE_LINK = re.compile(r"(?<![<|])\bhttps?://[^\s<>|]+")
_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")


def verb_of(text: str) -> tuple[str | None, str]:
    """(``add``/``remove`` or None, the rest) of a command or message text, mentions removed."""
    text = " ".join(_MENTION.sub(" ", text or "").split())
    text = re.sub(r"^/?rocu\b:?\s*", "", text, flags=re.IGNORECASE)
    first, _, rest = text.partition(" ")
    first = first.lower()
    return (first, rest.strip()) if first in VERBS else (None, text)


def links_in(text: str) -> list[str]:
    """The http(s) links in a Slack message text, in order, once each."""
    text = text or ""
    found = [m.group(1) for m in _SLACK_LINK.finditer(text)]
    found += [m.group(0).rstrip(".,;:)") for m in _BARE_LINK.finditer(_SLACK_LINK.sub(" ", text))]
    return list(dict.fromkeys(link.replace("&amp;", "&") for link in found))


def sources(shared: Adding, text: str, files: list[dict], client: WebClient):
    """(label, work) for every link and file to add. Each asks before replacing a document it
    is a new version of; ``work.value`` is what the question's buttons carry to add it again."""
    found = [job_for(shared, client, {"url": url}, "ask") for url in links_in(text)]
    found += [
        job_for(shared, client, {"file": f.get("id"), "name": f.get("name")}, "ask", f)
        for f in files or []
        if f.get("id")
    ]
    return found


def job_for(shared: Adding, client: WebClient, ref: dict, versions: str, file: dict | None = None):
    """(label, work(db)) adding a link (``{"url"}``) or a Slack file (``{"file", "name"}``)."""
    value = json.dumps(ref, separators=(",", ":"))
    if len(value) > 2000:  # too long for a button to carry: replace without asking
        versions, value = ("replace" if versions == "ask" else versions), None
    if "url" in ref:
        url = ref["url"]

        def work(db):
            return core.add_link(db, url, versions=versions)

        label = url
    else:
        file = file or {"id": ref["file"], "name": ref.get("name")}

        def work(db):
            return add_slack_file(shared, db, client, file, versions=versions)

        label = ref.get("name") or "the file"
    work.value = value
    return label, work


def job_from_value(shared: Adding, client: WebClient, value: str, versions: str):
    """The add a version question's button carries, deciding ``versions``; None if unreadable."""
    try:
        ref = json.loads(value)
    except ValueError:
        return None
    if not isinstance(ref, dict):
        return None
    if isinstance(ref.get("url"), str) and ref["url"].startswith(("http://", "https://")):
        return job_for(shared, client, {"url": ref["url"]}, versions)
    if isinstance(ref.get("file"), str) and re.fullmatch(r"F[A-Z0-9]+", ref["file"]):
        name = ref.get("name") if isinstance(ref.get("name"), str) else None
        return job_for(shared, client, {"file": ref["file"], "name": name}, versions)
    return None


def add_slack_file(shared: Adding, db, client: WebClient, file: dict, versions: str = "ask"):
    """Download a Slack file (with the bot token, to Slack's hosts only) and add it."""
    settings = shared.settings
    if file.get("mode") == "external" or file.get("is_external"):
        link = file.get("url_private") or file.get("permalink")
        raise core.AddError(
            f"{file.get('name') or 'That file'} is stored outside Slack; "
            f"send its link instead{(': ' + link) if link else ''}."
        )
    info = file
    if not info.get("url_private_download"):
        try:
            info = client.files_info(file=file["id"]).get("file") or {}
        except Exception as exc:  # noqa: BLE001 - one sentence, never a traceback
            log.info("files.info failed: %s", type(exc).__name__)
            raise core.AddError(
                "I could not see that file; the app needs the files:read scope."
            ) from exc
    name = info.get("name") or file.get("name") or "file"
    download = info.get("url_private_download") or info.get("url_private")
    if not download:
        raise core.AddError(f"Slack did not give me a way to download {name}.")
    limit = fetch.max_bytes()
    if (info.get("size") or 0) > limit:
        raise core.AddError(
            f"{name} is {info['size'] / 1048576:.3g} MB, over the {limit / 1048576:.3g} MB limit."
        )
    host = (urlsplit(download).hostname or "").lower()
    slack_api_host = (urlsplit(settings.api_url or "").hostname or "").lower()
    try:
        fetched = fetch.fetch(
            download,
            token=client.token,
            token_hosts=shared.token_hosts,
            allow_private=fetch.private_allowed() or host == slack_api_host,
            name_hint=name,
        )
    except fetch.FetchError as exc:
        raise core.AddError(str(exc)) from exc
    return core.add_bytes(
        db,
        fetched.data,
        fetched.name,
        source=f"slack://{info.get('id') or file.get('id')}/{name}",
        url=info.get("permalink") or file.get("permalink"),
        versions=versions,
    )
