"""Fetching links safely: timeouts, size cap, redirects, private addresses, sniffing, charsets;
and adding what was fetched through the same ingest as files, all or nothing."""

from __future__ import annotations

import pytest
from web_server import WebSite

from bot.library import adding, fetch
from bot.library.documents import document_text, get_document, list_documents

PAGE = b"""<!DOCTYPE html><html><head><title>Knife crime debate</title></head><body>
<nav>Home | Parliament | Search</nav>
<main><h1>Knife Crime: Westminster Hall debate</h1>
<p>20 March 2020</p>
<p>The honourable member said that serious violence funding must reach every region.</p>
</main><footer>Contact us | Accessibility statement</footer></body></html>"""


@pytest.fixture
def site():
    with WebSite() as web:
        yield web


@pytest.fixture
def allow_private(monkeypatch):
    monkeypatch.setenv("ROCU_FETCH_ALLOW_PRIVATE", "1")


def one_sentence(message: str) -> bool:
    return message.count(". ") == 0 and message.endswith(".") and "\n" not in message


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/publications/harbour-lights/review", "harbour-lights-review.html"),
        ("/news/2031/12345", "2031-12345.html"),  # three segments at most
        ("/index", "127-0-0-1-index.html"),  # nothing before it: the site's name
        ("/debates/knife-crime", "knife-crime.html"),  # several words: as it is
    ],
)
def test_a_link_ending_in_one_short_word_is_named_with_what_comes_before(
    site, allow_private, path, name
):
    site.page(path, PAGE, "text/html; charset=utf-8")
    assert fetch.fetch(site.url(path)).name == name


def test_a_page_is_fetched_sniffed_and_named(site, allow_private):
    site.page("/debates/knife-crime", PAGE, "text/html; charset=utf-8")
    got = fetch.fetch(site.url("/debates/knife-crime"))
    assert got.kind == "html" and got.name == "knife-crime.html"
    assert b"serious violence" in got.data


def test_the_bytes_decide_the_kind_not_the_server(site, allow_private):
    site.page("/report", b"%PDF-1.4\n...", "application/octet-stream")
    site.page("/notes.txt", b"Plain notes about county lines.", "application/octet-stream")
    assert fetch.fetch(site.url("/report")).kind == "pdf"
    assert fetch.fetch(site.url("/notes.txt")).kind == "text"


def test_the_declared_charset_is_honoured(site, allow_private):
    body = "<html><body><p>Café – £5 levy</p></body></html>".encode("cp1252")
    site.page("/latin", body, "text/html; charset=windows-1252")
    assert "Café – £5 levy" in fetch.fetch(site.url("/latin")).data.decode("utf-8")
    meta = '<html><head><meta charset="iso-8859-1"></head><body>Café</body></html>'
    site.page("/meta", meta.encode("latin-1"), "text/html")
    assert "Café" in fetch.fetch(site.url("/meta")).data.decode("utf-8")


def test_an_image_is_refused_in_one_sentence(site, allow_private):
    site.page("/logo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR" + b"\x00" * 50, "image/png")
    with pytest.raises(fetch.FetchError) as caught:
        fetch.fetch(site.url("/logo.png"))
    assert "image/png" in str(caught.value) and one_sentence(str(caught.value))


def test_redirects_are_followed_up_to_five(site, allow_private):
    site.page("/final", PAGE)
    for n in range(5):
        site.redirect(f"/r{n}", f"/r{n + 1}" if n < 4 else "/final")
    assert fetch.fetch(site.url("/r0")).url.endswith("/final")
    with pytest.raises(fetch.FetchError, match="redirects more than 5 times"):
        fetch.fetch(site.url("/loop"))
    assert site.hits.count("/loop") == 6  # the first request and five redirects, no more


@pytest.mark.parametrize(
    "path, words",
    [
        ("/missing", "no such page (HTTP 404)"),
        ("/big", "over the"),
        ("/big-chunked", "over the"),
        ("/slow", "took too long"),
    ],
)
def test_failures_are_one_sentence(site, allow_private, monkeypatch, path, words):
    monkeypatch.setenv("ROCU_MAX_FILE_MB", "0.05")
    monkeypatch.setenv("ROCU_FETCH_TIMEOUT", "0.5")
    with pytest.raises(fetch.FetchError) as caught:
        fetch.fetch(site.url(path))
    assert words in str(caught.value) and one_sentence(str(caught.value))


def test_private_and_loopback_addresses_are_refused_by_default(site, monkeypatch):
    monkeypatch.delenv("ROCU_FETCH_ALLOW_PRIVATE", raising=False)
    site.page("/page", PAGE)
    for url in (site.url("/page"), site.url("/page").replace("127.0.0.1", "localhost")):
        with pytest.raises(fetch.FetchError, match="private or local address"):
            fetch.fetch(url)
    assert site.hits == []  # refused before connecting
    for address in ("10.1.2.3", "192.168.0.1", "169.254.169.254", "::1", "fe80::1", "0.0.0.0"):
        assert not fetch._public(address)
    assert fetch._public("8.8.8.8") and fetch._public("2a00:1450:4009:81d::200e")


def test_every_redirect_hop_is_checked(site, monkeypatch):
    """A public page that redirects to a private address is refused at that hop."""
    monkeypatch.delenv("ROCU_FETCH_ALLOW_PRIVATE", raising=False)
    monkeypatch.setattr(fetch, "_public", lambda address: address == "127.0.0.1")
    port = site.url("/").split(":")[-1].split("/")[0]
    site.redirect("/away", f"http://127.0.0.2:{port}/page")
    site.page("/page", PAGE)
    with pytest.raises(fetch.FetchError, match="127.0.0.2 is a private or local address"):
        fetch.fetch(site.url("/away"))
    assert site.hits == ["/away"]


def test_other_schemes_are_refused():
    for url in ("file:///etc/passwd", "ftp://example.org/x", "gopher://x"):
        with pytest.raises(fetch.FetchError, match="http:// or https://"):
            fetch.fetch(url)


def test_the_bot_token_only_goes_to_slack(site, allow_private):
    with pytest.raises(fetch.FetchError, match="from Slack itself"):
        fetch.fetch(site.url("/page"), token="xoxb-secret")
    assert site.hits == []


def test_a_fetched_page_is_added_with_its_source_url(empty_db, site, allow_private):
    site.page("/debates/knife-crime", PAGE)
    url = site.url("/debates/knife-crime")
    added = adding.add_link(empty_db, url)
    assert added.outcome == "added"
    doc = get_document(empty_db, added.document.id)
    assert doc.url == url and doc.date == "2020-03-20" and doc.passages >= 1
    text = document_text(empty_db, doc.id)
    assert "serious violence funding" in text
    assert "Accessibility statement" not in text and "Home | Parliament" not in text
    again = adding.add_link(empty_db, url)
    assert again.outcome == "unchanged" and again.document.id == doc.id
    assert len(list_documents(empty_db)) == 1


def test_a_failed_add_stores_nothing(empty_db, site, allow_private):
    site.page("/empty.html", b"<html><body><nav>only navigation</nav></body></html>")
    for path in ("/empty.html", "/missing"):
        with pytest.raises(adding.AddError):
            adding.add_link(empty_db, site.url(path))
    assert empty_db["documents"].count == 0 and empty_db["passages"].count == 0


def test_the_console_can_add_and_remove_but_a_slack_context_is_refused(
    empty_db, site, allow_private
):
    from bot import commands
    from bot.render.text import reply_text

    site.page("/debates/knife-crime", PAGE)
    url = site.url("/debates/knife-crime")
    slack = commands.dispatch(empty_db, f"add {url}", commands.Context(user="U1", team="T1"))
    assert slack.kind == "usage" and empty_db["documents"].count == 0
    reply = commands.dispatch(empty_db, f"add {url}", commands.Context(user="console"))
    assert reply.kind == "added" and f"Open source: {url}" in reply_text(reply)
    failed = commands.dispatch(empty_db, f"add {site.url('/missing')}", commands.Context())
    assert failed.kind == "error" and "HTTP 404" in reply_text(failed)
    gone = commands.dispatch(empty_db, f"remove {reply.data.document.id}", commands.Context())
    assert gone.kind == "removed" and empty_db["documents"].count == 0
    assert empty_db["passages"].count == 0


def test_documents_from_links_survive_a_pruning_ingest(empty_db, site, allow_private, tmp_path):
    from bot.library.ingest import ingest

    site.page("/debates/knife-crime", PAGE)
    added = adding.add_link(empty_db, site.url("/debates/knife-crime"))
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "knife-crime.html").write_bytes(PAGE.replace(b"serious violence", b"other words"))
    report = ingest(empty_db, [folder], prune=True)
    assert report.pruned == [] and report.added
    assert get_document(empty_db, added.document.id) is not None
    assert {d.id for d in list_documents(empty_db)} >= {added.document.id, report.added[0]}
