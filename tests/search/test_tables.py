"""Table rows are found by their column headers: "zetaquil limit" finds "Zetaquil | 75 µg/L"
under "Substance | Limit in blood", from DOCX, HTML and plain text alike.

Every table and sentence here was written for these tests (made-up substances and figures); none
comes from a library document or an evaluation set.
"""

from __future__ import annotations

from bot.library.cleaning import clean
from bot.library.ingest import ingest
from bot.library.passages import MAX_CHARS, split_passages
from bot.search.excerpts import ELLIPSIS
from bot.search.ranking import search

ROWS = [
    ("Alphaline", "5 µg/L"),
    ("Betamorph", "40 µg/L"),
    ("Gammadrol", "12 µg/L"),
    ("Deltazine", "300 µg/L"),
    ("Epsilonate", "1 µg/L"),
    ("Zetaquil", "75 µg/L"),
]
PROSE = (
    "The draft order names each substance and sets how much of it may be in the blood of a "
    "driver. The panel weighed the evidence on each one over several meetings in the spring. "
)


def _texts(raw: str) -> list[str]:
    doc = clean(raw)
    return [p.text_in(doc.text) for p in split_passages(doc)]


def test_a_table_is_one_passage_with_its_header_row():
    rows = "\n\n".join(f"{name} | {limit}" for name, limit in ROWS)  # DOCX: a paragraph a row
    texts = _texts(f"{PROSE * 2}\n\nSubstance | Limit in blood\n\n{rows}\n\n{PROSE * 2}")
    table = [t for t in texts if "Zetaquil" in t]
    assert len(table) == 1
    assert table[0].startswith("Substance | Limit in blood")
    assert all(name in table[0] for name, _ in ROWS)
    assert not any(" | " in t for t in texts if t is not table[0])  # prose stays apart


def test_a_long_table_is_cut_between_rows_never_inside_one():
    rows = [f"Compound number {i:03d} of the long list | {i * 7} µg/L | agreed" for i in range(60)]
    texts = _texts(PROSE + "\n\nCompound | Limit | Status\n" + "\n".join(rows))
    pieces = [t for t in texts if " | " in t]
    assert len(pieces) > 1
    assert all(len(t) <= MAX_CHARS for t in pieces)
    for piece in pieces:  # every line of every piece is a whole row
        assert all(line.count(" | ") == 2 for line in piece.split("\n") if line.strip())


def _docx(path, header, rows):
    import docx

    document = docx.Document()
    document.add_paragraph(PROSE * 2)
    table = document.add_table(rows=1 + len(rows), cols=2)
    for i, cells in enumerate([header, *rows]):
        for j, value in enumerate(cells):
            table.cell(i, j).text = value
    document.add_paragraph(PROSE * 2)
    document.save(str(path))


def test_a_docx_table_row_is_found_by_its_column_header(empty_db, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    _docx(folder / "order.docx", ("Substance", "Limit in blood"), ROWS)
    (folder / "other.txt").write_text(
        "Other matters\n\nThe meeting ran for two hours and a half, longer than planned. "
        "Zetaquil was mentioned once in passing by a member of the public.\n"
    )
    assert not ingest(empty_db, [folder]).failed
    response = search(empty_db, "zetaquil limit")
    assert response.results
    first = response.results[0]
    assert first.file == "order.docx"
    assert "Zetaquil | 75 µg/L" in first.excerpt


def test_an_html_table_row_is_found_by_its_column_header(empty_db, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    body = "".join(f"<tr><td>{name}</td><td>{limit}</td></tr>" for name, limit in ROWS)
    (folder / "order.html").write_text(
        f"<html><head><title>Draft order</title></head><body><p>{PROSE * 2}</p>"
        f"<table><tr><th>Substance</th><th>Limit in blood</th></tr>{body}</table>"
        f"<p>{PROSE * 2}</p></body></html>"
    )
    (folder / "other.txt").write_text(
        "Other matters\n\nThe meeting ran for two hours and a half, longer than planned. "
        "Epsilonate was mentioned once in passing by a member of the public.\n"
    )
    assert not ingest(empty_db, [folder]).failed
    response = search(empty_db, "epsilonate limit")
    assert response.results
    assert response.results[0].file == "order.html"
    assert "Epsilonate | 1 µg/L" in response.results[0].excerpt


def test_a_table_rows_excerpt_starts_at_its_header_when_it_fits():
    from bot.search.excerpts import make_excerpt

    rows = "\n".join(
        f"{name} | {limit} | set by the panel in its second report" for name, limit in ROWS
    )
    table = "Substance | Limit in blood | Source\n" + rows
    start = table.index("Deltazine")
    excerpt = make_excerpt(table, [(start, start + 9, 0)])
    assert excerpt.text.startswith("Substance | Limit in blood")
    assert "Deltazine | 300 µg/L" in excerpt.text
    assert excerpt.text.endswith(ELLIPSIS)  # the rows after are cut, whole rows shown
    assert excerpt.text[: -len(ELLIPSIS)].rstrip().endswith("second report")


def test_a_row_running_past_the_limit_falls_back_to_a_window_around_the_sentence():
    """The sentence ends inside a table row whose line ends past the excerpt's limit (a long
    last cell): no whole row fits, so the excerpt is the ordinary window around the sentence
    instead of failing (this raised ValueError before)."""
    from bot.search.excerpts import MAX_CHARS, make_excerpt

    long_cell = "reviewed by the panel at each of its meetings in the year. " * 12
    table = "Substance | Limit in blood | Notes\n" + f"Zetaquil | 75 µg/L | {long_cell}"
    start = table.index("Zetaquil")
    sentence = (start, start + 40)
    excerpt = make_excerpt(table, [(start, start + 8, 0)], sentence=sentence)
    assert "Zetaquil" in excerpt.text
    assert len(excerpt.text) <= MAX_CHARS + 2 * len(ELLIPSIS) + 2
