"""A page's own heading in a ``<header>`` before its ``<main>`` is kept (round 13,
``formats.PAGE_HEADER_KEPT``). The pages are invented for these tests (an Ouse Valley panel, a
Northfield council), not copied from any site."""

from __future__ import annotations

from stores import add_file

from bot.library import formats

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"></head>
<body>
<nav><a href="/">Home</a> <a href="/about">About</a></nav>
<header class="page-header">
<h1>Review of the Ouse Valley fraud desk</h1>
<p>Westermere Police and Crime Panel, published 4 May 2026</p>
</header>
<main>
<h2>Summary</h2>
<p>The panel looked at how the fraud desk answers victims of romance fraud across the valley and
what it tells them when a case is closed.</p>
<h2>Recommendations</h2>
<p>Recommendation 1: The Ouse Valley Fraud Desk should publish a plain-English guide to
reporting a romance fraud within three months of this report.</p>
</main>
<footer>Copyright the panel</footer>
</body></html>
"""

BANNER = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Harbour safety plan</title></head>
<body>
<header role="banner"><h1>Northfield Council</h1><a href="/">Home</a></header>
<header><p>Northfield Council</p><a href="/">Home</a> <a href="/services">Services</a></header>
<main>
<h2>Harbour safety plan 2026</h2>
<p>The council sets out how the harbour master, the police and the lifeboat station will share
what they know about boats arriving at night.</p>
</main>
</body></html>
"""


def test_the_heading_before_main_is_the_documents_opening(db, tmp_path):
    text = formats.html_extract(PAGE).text
    assert text.startswith("Review of the Ouse Valley fraud desk\n\nWestermere Police and Crime")
    doc = add_file(db, tmp_path, "ouse-valley-review.html", PAGE)
    row = db["documents"].get(doc)
    assert row["title"] == "Review of the Ouse Valley fraud desk"
    assert row["date"] == "2026-05-04"  # the date line was lost with the header
    due = db.execute("select due from recommendations where doc_id = ?", [doc]).fetchone()[0]
    assert due == "2026-08-04"  # counted from the page's date


def test_a_site_banner_stays_out():
    text = formats.html_extract(BANNER).text
    assert "Northfield Council" not in text and "Home" not in text
    assert text.startswith("Harbour safety plan 2026")


def test_page_header_kept_switched_off(monkeypatch):
    monkeypatch.setattr(formats, "PAGE_HEADER_KEPT", False)
    assert formats.html_extract(PAGE).text.startswith("Summary")
