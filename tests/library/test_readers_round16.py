"""Reader rules of round 16 (``formats.READER_RULES``), each also checked switched off.

The pages here were written by me for these tests about an invented assembly committee, an
invented force and invented places; no sentence is copied from a real document, a gold file, an
evaluation set or a written test collection.
"""

from __future__ import annotations

import pytest

from bot.library import formats

pytest.importorskip("trafilatura")

# A committee report saved as one flat page: no <main>, no <article>; its masthead in a
# <header>, a contents list in a <nav>, its recommendations listed at the front and each
# repeated in a box in the body beside the committee's view.
FLAT_REPORT = """<!DOCTYPE html><html>
<head><title>Ferry crossings and rural bus safety</title></head>
<body>
<header>
<p>Lowmoor Regional Assembly</p>
<p>Transport Safety Committee</p>
<h1>Ferry crossings and rural bus safety</h1>
<p>March 2027</p>
</header>
<nav><h2>Contents</h2>
<ol><li>Summary</li><li>Recommendations</li><li>1. Night crossings</li></ol></nav>
<section>
<h2>Summary</h2>
<p>Passengers on the late ferries told us that the waiting rooms at both piers are unlit after
nine o'clock, and that staff on the quay are often alone. We think this can change quickly.</p>
<p>Ruth Anwen Blake AM, Chair</p>
</section>
<section>
<h2>Recommendations</h2>
<p><strong>Recommendation 1.</strong> The Lowmoor Transport Board should light both pier waiting
rooms until the last crossing has docked, starting this winter. <a href="#p9">Page 9</a></p>
<p><strong>Recommendation 2.</strong> The ferry operator should roster two members of staff on
each quay for every crossing after eight in the evening. <a href="#p12">Page 12</a></p>
</section>
<section>
<h2>1. Night crossings</h2>
<p>8. The operator said that a second member of staff on the quay would cost less than the
overtime now paid when a lone worker is delayed by an incident.</p>
<div class="committee-box">
<h3>What we think</h3>
<p id="p9">9. Darkness on the piers is the complaint we heard most often, and the easiest
to fix.</p>
<p class="recommendation"><strong>Recommendation 1.</strong> The Lowmoor Transport Board
should light both pier waiting rooms until the last crossing has docked, starting this winter.</p>
</div>
<p>11. Staff told us they do not always feel able to refuse boarding to a passenger who is drunk
and aggressive when they are working alone.</p>
<div class="committee-box">
<p id="p12" class="recommendation"><strong>Recommendation 2.</strong> The ferry operator
should roster two members of staff on each quay for every crossing after eight in the evening.</p>
</div>
</section>
<div class="related"><h2>Other reports by the committee</h2><a href="#">Rail halts</a></div>
</body></html>"""


def _text(monkeypatch, off: str = "") -> str:
    monkeypatch.setenv("ROCU_READER_RULES_OFF", off)
    return formats.html_extract(FLAT_REPORT).text


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def test_headings_of_a_flat_page_are_kept_where_they_stand(monkeypatch):
    lines = _lines(_text(monkeypatch))
    for heading in ("Summary", "Recommendations", "1. Night crossings", "What we think"):
        assert heading in lines
    assert lines.index("Recommendations") < lines.index("1. Night crossings")
    assert lines.index("What we think") == lines.index("1. Night crossings") + 2
    # chrome stays out: the contents list and the heading over a list of links the reader dropped
    assert "Contents" not in lines and "Other reports by the committee" not in lines
    assert _lines(_text(monkeypatch, "headings-kept")).count("What we think") == 0


def test_a_recommendation_repeated_in_the_body_is_kept_there(monkeypatch):
    text = _text(monkeypatch)
    opening = "Recommendation 1. The Lowmoor Transport Board should light"
    assert " ".join(text.split()).count(opening) == 2
    flat = " ".join(text.split())
    assert flat.index("9. Darkness on the piers") < flat.rindex(opening) < flat.index("11. Staff")
    assert " ".join(text.split()).count("Recommendation 2. The ferry operator") == 2
    before = " ".join(_text(monkeypatch, "repeats-kept").split())
    assert before.count(opening) == 1


def test_the_page_header_is_kept_on_a_page_without_main(monkeypatch):
    lines = _lines(_text(monkeypatch))
    assert lines[:4] == [
        "Lowmoor Regional Assembly",
        "Transport Safety Committee",
        "Ferry crossings and rural bus safety",
        "March 2027",
    ]
    assert "Transport Safety Committee" not in _lines(
        _text(monkeypatch, "page-header-without-main")
    )


def test_a_page_with_an_article_is_read_as_before(monkeypatch):
    page = FLAT_REPORT.replace("<section>", "<article><section>", 1).replace(
        '<div class="related">', '</article><div class="related">'
    )
    monkeypatch.setenv("ROCU_READER_RULES_OFF", "")
    on = formats.html_extract(page).text
    off = "headings-kept,repeats-kept,page-header-without-main"
    monkeypatch.setenv("ROCU_READER_RULES_OFF", off)
    assert formats.html_extract(page).text == on
