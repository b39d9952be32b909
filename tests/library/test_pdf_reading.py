"""Reading PDFs with PDFium: hyphenation, feet glued to body lines, browser-printed footers,
and nothing printed on the console.

Every text here was written for these tests; the PDFs are generated.
"""

from __future__ import annotations

import threading
from pathlib import Path

from test_ingest import make_pdf

from bot.library import formats, pdf


def test_a_word_split_by_hyphenation_is_joined_and_a_compound_keeps_its_hyphen():
    data = make_pdf(
        [
            "Our plans use new technol-\nogy across the long-\nterm and some well-\n"
            "being work for non-\nGovernment bodies."
        ]
    )
    text = formats.extract(Path("h.pdf"), data).text
    assert "new technology across" in text
    assert "the long-term and some well-being work for non-Government bodies." in text
    assert "\ufffe" not in text


def test_a_running_foot_glued_to_the_last_body_line_is_cut_off():
    foot = "5/1/25, 9:00 AM Guidance on regional units - Example Office"
    pages = [
        [f"Body text of page {n} goes on here for a while.", "It ends here.", foot]
        for n in range(1, 6)
    ]
    pages[2][-2] = "experts from across governmental and non-" + foot
    pages[2].pop()
    kept, removed = pdf.strip_running_lines(pages)
    assert kept[2][-1] == "experts from across governmental and non-"
    assert all(foot not in line for lines in kept for line in lines)


def test_a_browser_footer_with_page_n_of_m_goes_even_when_its_truncation_changes():
    # a browser prints the page address (cut short) and "n/m": the cut moves by a letter when
    # the page number gets a second digit, so neither spelling is on most pages by itself
    words = "north south east west central coastal upland border valley harbour city rural"
    pages = []
    for n, word in enumerate(words.split(), start=1):
        address = "https://www.example.org/guidance/regional-units/annual-review-of-fund"
        address += "ing…" if n < 10 else "in…"
        pages.append([f"The {word} unit says what it did this year.", f"{address} {n}/12"])
    kept, _ = pdf.strip_running_lines(pages)
    assert [lines for lines in kept] == [[p[0]] for p in pages]


def test_a_damaged_pdf_is_one_sentence_and_nothing_is_printed(capfd):
    data = make_pdf(["A short note on funding."])
    try:
        formats.extract(Path("d.pdf"), data[: len(data) // 2])
    except formats.UnreadableFile as exc:
        assert "damaged" in str(exc)
    else:  # pragma: no cover - the cut file must not read
        raise AssertionError("a cut PDF was read")
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_pdfs_read_from_several_threads_at_once_each_get_their_own_text():
    texts = [f"Regional unit number {n} reports on its work." for n in range(6)]
    files = [make_pdf([t]) for t in texts]
    results: dict[int, str] = {}

    def read(n):
        for _ in range(5):
            results[n] = formats.extract(Path(f"{n}.pdf"), files[n]).text

    threads = [threading.Thread(target=read, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [results[n] for n in range(6)] == texts


def test_the_reader_is_recorded():
    assert formats.extract(Path("r.pdf"), make_pdf(["One line."])).read_by == "pdfium"


def test_a_contact_line_is_never_the_guessed_title():
    from bot.library.cleaning import clean
    from bot.library.metadata import describe

    text = (
        "Annual review of the regional units, prepared for the board and its members, "
        "covering the year to March.\n\n"
        "The enquiry line is 020 7946 0000 and the address is units@example.org\n\n"
        "Funding and capability\n\n"
        "The units were funded for three more years."
    )
    meta = describe(clean(text), "review.txt", None, text)
    assert "example.org" not in (meta.title or "")
