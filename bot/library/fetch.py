"""Fetch one document from a link, safely, for ``ingest.ingest_bytes``.

* httpx with connect/read timeouts and one overall deadline; at most ``MAX_REDIRECTS``
  redirects, followed by hand so that every hop is checked;
* ``ROCU_FETCH_TIMEOUT`` seconds (default 20) to connect and between bytes, and
  ``ROCU_FETCH_DEADLINE`` (default 60) in all: connecting, every redirect, the headers and the
  body. The deadline is enforced on every socket operation (``_DeadlineBackend``), so a server
  that drips its headers one byte at a time cannot hold a thread past it;
* a size cap (``ROCU_MAX_FILE_MB``, default 50): a larger ``Content-Length`` is refused before
  the body is read, and a body that grows past the cap is dropped;
* addresses: the host is resolved once per hop and every address it gives is checked; loopback,
  private, link-local, multicast, reserved and unspecified ones are refused unless
  ``ROCU_FETCH_ALLOW_PRIVATE=1`` (an intranet, or tests on loopback). The connection then goes to
  the address that was checked (the host name still names the site for TLS and ``Host``), so a
  name that resolves differently a moment later cannot reach a private address;
* the content type is sniffed from the bytes (``%PDF-``, a Word package, HTML mark-up) before the
  server's ``Content-Type`` is believed; text is decoded with the declared charset (header, else
  ``<meta charset>``) and handed on as UTF-8.

Every failure is a ``FetchError`` whose message is one sentence fit to show a person.
Files shared in Slack are fetched with ``fetch(url, token=...)``: the bot token is only ever sent
to Slack's own hosts (``slack_hosts``), and only to the exact origin (scheme, host and port) of
the first URL: never across a redirect to another host, port or scheme.
"""

from __future__ import annotations

import codecs
import contextlib
import contextvars
import io
import ipaddress
import os
import re
import socket
import time
import zipfile
from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit

import httpcore
import httpx

MAX_REDIRECTS = 5
DEFAULT_MAX_MB = 50
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 20.0
TOTAL_TIMEOUT = 60.0
USER_AGENT = "rocu-bot/0.1 (+library ingest)"
SLACK_HOSTS = ("slack.com", "slack-edge.com", "slack-files.com")

# What a fetched document is, by sniffed kind: the suffix the ingest readers know it by.
SUFFIXES = {"pdf": ".pdf", "docx": ".docx", "html": ".html", "text": ".txt", "markdown": ".md"}


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write waits at most until ``deadline``."""

    def __init__(self, stream: httpcore.NetworkStream, deadline: float) -> None:
        self.stream, self.deadline = stream, deadline

    def _left(self, timeout: float | None, error) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise error("the fetch deadline passed")
        return left if timeout is None else min(timeout, left)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.stream.read(max_bytes, self._left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.stream.write(buffer, self._left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self.stream.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None):
        left = self._left(timeout, httpcore.ConnectTimeout)
        stream = self.stream.start_tls(ssl_context, server_hostname, left)
        return _DeadlineStream(stream, self.deadline)

    def get_extra_info(self, info: str):
        return self.stream.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's own sockets, every operation clamped to one overall deadline."""

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self.backend = httpcore.SyncBackend()

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise httpcore.ConnectTimeout("the fetch deadline passed")
        timeout = left if timeout is None else min(timeout, left)
        stream = self.backend.connect_tcp(host, port, timeout, local_address, socket_options)
        return _DeadlineStream(stream, self.deadline)

    def connect_unix_socket(self, *args, **kwargs):  # pragma: no cover - never used
        raise httpcore.ConnectError("no unix sockets")

    def sleep(self, seconds: float) -> None:  # pragma: no cover - httpcore's retries are off
        time.sleep(seconds)


def _transport(deadline: float) -> httpx.HTTPTransport:
    """httpx's transport (certificate checks as usual) on sockets bound by ``deadline``."""
    transport = httpx.HTTPTransport(trust_env=False)
    ssl_context = getattr(transport._pool, "_ssl_context", None)
    transport._pool = httpcore.ConnectionPool(
        ssl_context=ssl_context, network_backend=_DeadlineBackend(deadline)
    )
    return transport


# A link Python cannot take apart ("http://[::1", a redirect to one) raised ValueError out of
# `rocu add` as a traceback and out of Slack's add as "Sorry, something went wrong" with an error
# logged (round 14); it is one sentence now.
NOT_AN_ADDRESS = "That link is not a valid web address."


def _split(url: str):
    """``urlsplit(url)``, or FetchError when it is no web address at all."""
    try:
        return urlsplit(url)
    except ValueError as exc:  # an unclosed IPv6 bracket, for one
        raise FetchError(NOT_AN_ADDRESS) from exc


def _origin(url: str) -> tuple[str, str, int]:
    parts = _split(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        port = -1
    return scheme, (parts.hostname or "").lower(), port


_LATEST = contextvars.ContextVar("rocu_fetch_latest", default=None)


@contextlib.contextmanager
def deadline_from(started: float):
    """Fetches inside end by ``started`` (a ``time.monotonic()``) plus the fetch deadline: an add
    that waited its turn on a busy pool has only what is left of its budget."""
    token = _LATEST.set(started + _seconds("ROCU_FETCH_DEADLINE", TOTAL_TIMEOUT))
    try:
        yield
    finally:
        _LATEST.reset(token)


class FetchError(Exception):
    """A link that cannot be fetched; the message is one sentence for the person who sent it."""


@dataclass
class Fetched:
    data: bytes  # the body; for text and HTML re-encoded as UTF-8
    kind: str  # pdf, docx, html, text, markdown
    url: str  # the final URL, after redirects
    name: str  # a file name whose suffix says the kind, for the ingest readers

    @property
    def suffix(self) -> str:
        return SUFFIXES[self.kind]


def max_bytes() -> int:
    """The size cap: ``ROCU_MAX_FILE_MB`` megabytes (default 50)."""
    raw = (os.environ.get("ROCU_MAX_FILE_MB") or "").strip()
    try:
        megabytes = float(raw) if raw else DEFAULT_MAX_MB
    except ValueError:
        megabytes = DEFAULT_MAX_MB
    return int(max(megabytes, 0.001) * 1024 * 1024)


def _seconds(name: str, default: float) -> float:
    raw = (os.environ.get(name) or "").strip()
    try:
        return float(raw) if raw and float(raw) > 0 else default
    except ValueError:
        return default


def private_allowed() -> bool:
    return (os.environ.get("ROCU_FETCH_ALLOW_PRIVATE") or "").strip().lower() in {
        "1",
        "true",
        "yes",
        "on",
    }


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.3g} MB"


def fetch(
    url: str,
    *,
    token: str | None = None,
    token_hosts: tuple[str, ...] = SLACK_HOSTS,
    allow_private: bool | None = None,
    limit: int | None = None,
    connect_timeout: float | None = None,
    read_timeout: float | None = None,
    total_timeout: float | None = None,
    name_hint: str | None = None,
) -> Fetched:
    """Fetch ``url`` and return its body and kind, or raise FetchError with one sentence.

    ``token`` (a Slack bot token) is sent as a bearer token only to hosts in ``token_hosts`` (or
    their subdomains) and only for hops on the first URL's host. ``name_hint`` is a file name to
    keep (a Slack file's own name)."""
    allow_private = private_allowed() if allow_private is None else allow_private
    limit = max_bytes() if limit is None else limit
    read_timeout = read_timeout or _seconds("ROCU_FETCH_TIMEOUT", READ_TIMEOUT)
    connect_timeout = connect_timeout or min(CONNECT_TIMEOUT, read_timeout)
    total_timeout = total_timeout or _seconds("ROCU_FETCH_DEADLINE", TOTAL_TIMEOUT)
    deadline = time.monotonic() + total_timeout
    latest = _LATEST.get()
    if latest is not None:
        deadline = min(deadline, latest)
        if deadline <= time.monotonic():
            raise FetchError("I was too busy to fetch that in time; try again in a minute.")
    timeout = httpx.Timeout(connect=connect_timeout, read=read_timeout, write=10.0, pool=5.0)
    first_host, first_origin = _host(url), _origin(url)
    if token and not _host_matches(first_host, token_hosts):
        raise FetchError("I only download shared files from Slack itself.")
    with httpx.Client(
        timeout=timeout, follow_redirects=False, trust_env=False, transport=_transport(deadline)
    ) as client:
        current = url
        for hop in range(MAX_REDIRECTS + 1):
            target, host, address = _checked(current, allow_private)
            headers = {"User-Agent": USER_AGENT, "Host": _host_header(current)}
            if token and _origin(current) == first_origin:  # scheme, host and port
                headers["Authorization"] = f"Bearer {token}"
            request = client.build_request(
                "GET",
                target,
                headers=headers,
                extensions={"sni_hostname": host} if urlsplit(current).scheme == "https" else {},
            )
            try:
                response = client.send(request, stream=True)
            except httpx.ConnectTimeout as exc:
                raise FetchError(f"{host} did not answer in time.") from exc
            except httpx.TimeoutException as exc:
                raise FetchError(f"{host} took too long to send the page.") from exc
            except httpx.ConnectError as exc:
                raise FetchError(f"I could not connect to {host}.") from exc
            except httpx.HTTPError as exc:
                raise FetchError(f"The connection to {host} failed.") from exc
            try:
                if response.is_redirect:
                    location = response.headers.get("location")
                    if not location:
                        raise FetchError(f"{host} sent a redirect without saying where to.")
                    if hop == MAX_REDIRECTS:
                        raise FetchError(
                            f"The link redirects more than {MAX_REDIRECTS} times, so I gave up."
                        )
                    try:
                        current = urljoin(current, location)
                    except ValueError as exc:
                        raise FetchError(NOT_AN_ADDRESS) from exc
                    continue
                if response.status_code >= 400:
                    raise FetchError(_status_sentence(response.status_code, host))
                body = _read_capped(response, limit, deadline, host)
                content_type = response.headers.get("content-type", "")
                disposition = response.headers.get("content-disposition", "")
            finally:
                response.close()
            return _describe(body, content_type, disposition, current, name_hint, token)
    raise FetchError("The link could not be fetched.")  # pragma: no cover - loop always returns


def _checked(url: str, allow_private: bool) -> tuple[str, str, str]:
    """(URL to connect to, host name, address): the URL's host resolved and checked, and the
    URL rewritten to the checked address so that the connection goes there."""
    parts = _split(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError("I can only fetch http:// or https:// links.")
    host = (parts.hostname or "").lower()
    if not host:
        raise FetchError("That link has no host name.")
    if parts.username or parts.password:
        raise FetchError("I do not fetch links that carry a user name or password.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise FetchError("That link has an invalid port number.") from exc
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"I could not find the site {host}.") from exc
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not addresses:
        raise FetchError(f"I could not find the site {host}.")
    if not allow_private:
        for address in addresses:
            if not _public(address):
                raise FetchError(
                    f"{host} is a private or local address, which I am not allowed to fetch."
                )
    address = addresses[0]
    shown = f"[{address}]" if ":" in address else address
    netloc = f"{shown}:{port}"
    target = parts._replace(netloc=netloc).geturl()
    return target, host, address


def _public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def _host(url: str) -> str:
    return (_split(url).hostname or "").lower()


def _host_header(url: str) -> str:
    parts = _split(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    return f"{host}:{parts.port}" if parts.port else host


def _host_matches(host: str, allowed: tuple[str, ...]) -> bool:
    return any(host == h or host.endswith("." + h) for h in allowed)


def _status_sentence(status: int, host: str) -> str:
    if status == 404 or status == 410:
        return f"{host} says there is no such page (HTTP {status})."
    if status in (401, 403):
        return f"{host} refused to share that page (HTTP {status}); it may need a sign-in."
    if status == 429:
        return f"{host} asked me to slow down (HTTP 429); try again in a minute."
    if status >= 500:
        return f"{host} had an error sending that page (HTTP {status}); try again later."
    return f"{host} answered HTTP {status} instead of the page."


def _read_capped(response: httpx.Response, limit: int, deadline: float, host: str) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise FetchError(
            f"That file is {_megabytes(int(declared))}, over the {_megabytes(limit)} limit."
        )
    buffer = io.BytesIO()
    try:
        for chunk in response.iter_bytes():
            buffer.write(chunk)
            if buffer.tell() > limit:
                raise FetchError(f"That file is over the {_megabytes(limit)} limit.")
            if time.monotonic() > deadline:
                raise FetchError(f"{host} took too long to send the page.")
    except httpx.TimeoutException as exc:
        raise FetchError(f"{host} took too long to send the page.") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"The connection to {host} broke off while sending the page.") from exc
    return buffer.getvalue()


# -- what the bytes are ----------------------------------------------------------------------

_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_CHARSET = re.compile(r"charset\s*=\s*\"?([A-Za-z0-9_.:-]+)", re.I)


def sniff(data: bytes, content_type: str = "", name: str = "") -> str | None:
    """The kind of document ``data`` is (pdf, docx, html, text, markdown), or None."""
    head = data[:2048]
    mime = content_type.split(";")[0].strip().lower()
    suffix = os.path.splitext(name.lower())[1]
    if head.lstrip().startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as package:
                if "word/document.xml" in package.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            return None
        return None
    if _HTML_START.match(head) or mime in ("text/html", "application/xhtml+xml"):
        return "html" if not _binary(head) else None
    if _binary(head):
        return None
    if mime == "text/markdown" or suffix in (".md", ".markdown"):
        return "markdown"
    if mime.startswith("text/") or suffix in (".txt", ".rst") or not mime:
        return "text"
    if mime in ("application/octet-stream", "binary/octet-stream"):
        return "html" if re.search(rb"<(?:p|div|h1|body)\b", head, re.I) else "text"
    return None


def _binary(head: bytes) -> bool:
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return False
    return b"\x00" in head


def _charset(data: bytes, content_type: str, kind: str) -> str | None:
    match = _CHARSET.search(content_type or "")
    if match:
        return match.group(1)
    if kind == "html":
        meta = _META_CHARSET.search(data[:4096])
        if meta:
            return meta.group(1).decode("ascii", "replace")
    return None


def _as_utf8(data: bytes, content_type: str, kind: str) -> bytes:
    """Text decoded with its declared charset, as UTF-8; undeclared text is left to the
    reader's own detection (UTF-8, then Windows-1252)."""
    charset = _charset(data, content_type, kind)
    if not charset:
        return data
    try:
        codec = codecs.lookup(charset)
    except LookupError:
        return data
    if data[:3] == codecs.BOM_UTF8 or data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return data  # a byte-order mark outranks the declaration
    return data.decode(codec.name, errors="replace").encode("utf-8")


def _describe(
    body: bytes,
    content_type: str,
    disposition: str,
    url: str,
    name_hint: str | None,
    token: str | None,
) -> Fetched:
    what = "file" if token and SAY_FILE else "link"  # a Slack file is sent, not linked to
    if not body.strip():
        empty = "That file is empty." if what == "file" else "The link gave an empty page."
        raise FetchError(empty)
    name = name_hint or _disposition_name(disposition) or _url_name(url)
    kind = sniff(body, content_type, name)
    if kind == "html" and token and not name.lower().endswith((".html", ".htm")):
        raise FetchError(
            "Slack sent a sign-in page instead of the file; the app needs the files:read scope."
        )
    if kind is None:
        mime = content_type.split(";")[0].strip() or "an unknown type"
        claimed = _claimed_kind(mime, name)
        if claimed:
            raise FetchError(f"That {what}'s {claimed} is damaged or not a {claimed}.")
        if mime.lower().startswith("text/") and SAY_FILE:
            raise FetchError(f"That {what} says it is {mime}, but it is not text I can read.")
        suffix = os.path.splitext(name)[1].lower()
        if GENERIC_SAID_BY_SUFFIX and mime.lower() in GENERIC_TYPES and 1 < len(suffix) <= 10:
            raise FetchError(
                f"That {what} is a {suffix} file, not a document I can read "
                "(web pages, PDF, Word .docx and text files are)."
            )
        raise FetchError(
            f"That {what} is {mime}, not a document I can read "
            "(web pages, PDF, Word .docx and text files are)."
        )
    if kind in ("html", "text", "markdown"):
        body = _as_utf8(body, content_type, kind)
    stem = os.path.splitext(name)[0] or "document"
    return Fetched(data=body, kind=kind, url=url, name=stem + SUFFIXES[kind])


# A file whose type says only "some bytes" (application/octet-stream: Slack's type for a file it
# does not know, e.g. a .exe sent in a direct message) was answered "That file is
# application/octet-stream, not a document I can read", words a policy officer does not use
# (round 20's walk). With this on it is named by its file name's ending ("That file is a .exe
# file, not a document I can read ..."). False: the type, as before.
GENERIC_SAID_BY_SUFFIX = True
GENERIC_TYPES = frozenset({"application/octet-stream", "binary/octet-stream", "an unknown type"})

# A file someone sent in Slack is called a file in what went wrong ("That file is empty."), not a
# link ("The link gave an empty page."), and one labelled text whose bytes are not text says so
# rather than "is text/plain, not a document I can read (... text files are)" (round 14). False
# restores the sentences before.
SAY_FILE = True

# A link whose type or file name says PDF or Word but whose bytes are not one is a damaged file
# (or a page in disguise), said as `rocu ingest` says it of a local file, not "that link is
# application/pdf, not a document I can read (... PDF ...)". Empty restores the sentence before.
CLAIMED_KINDS = {
    "application/pdf": "PDF",
    ".pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word .docx",
    ".docx": "Word .docx",
}


def _claimed_kind(mime: str, name: str) -> str | None:
    """The readable kind a link's type or file name claims, e.g. "PDF"; None if neither does."""
    suffix = os.path.splitext(name.lower())[1]
    return CLAIMED_KINDS.get(mime.lower()) or CLAIMED_KINDS.get(suffix)


def _disposition_name(disposition: str) -> str | None:
    match = re.search(r"filename\*?=(?:UTF-8'')?\"?([^\";]+)", disposition or "", re.I)
    return os.path.basename(unquote(match.group(1))) if match else None


# A last path segment of one short word ("review", "index.html", "12345") names no document: the
# segments before it are put in front, at most URL_NAME_SEGMENTS in all, so that
# ".../serious-violence-duty/review" is "serious-violence-duty-review", not "review"; with none
# before it, the site's name is ("example-org-index.html").
URL_NAME_SHORT = 12
URL_NAME_SEGMENTS = 3


def _url_name(url: str) -> str:
    """A file name from the URL: its last path segment (with those before it when it is
    short), else the host."""
    parts = urlsplit(url)
    segments = [
        re.sub(r"[^\w.-]+", "-", unquote(s)).strip("-.") for s in parts.path.split("/") if s
    ]
    segments = [s for s in segments if s]
    name = segments.pop() if segments else ""
    used = 1
    while name and segments and used < URL_NAME_SEGMENTS and _one_short_word(name):
        name = f"{segments.pop()}-{name}"
        used += 1
    host = (parts.hostname or "page").removeprefix("www.").replace(".", "-")
    if name and not segments and _one_short_word(name):  # "index.html": the site's
        name = f"{host}-{name}"
    return name or host


def _one_short_word(name: str) -> bool:
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return len(stem) < URL_NAME_SHORT and not re.search(r"[-_\s]", stem)
