"""A scanned PDF sent in Slack: while its pages are read by OCR, the "Reading ..." message says
how many are done (chat.update on the fake Slack), then the card replaces it.

The page texts were written for this test. The image-only PDF is made here: each text page is
rendered to an image (PDFium) and the image alone is put on a page. Skipped without the ``ocr``
extra (rapidocr-onnxruntime and Pillow).
"""

from __future__ import annotations

import pytest
from page_images import image_only_pdf
from test_slack_adding import EDITOR, dm_with_file, make_pdf, texts

from bot import commands
from bot.library import ocr
from bot.slack import adding, editors

pytest.importorskip("rapidocr_onnxruntime")
pytest.importorskip("PIL")

PAGES = [
    ["Capybara tasking review", "Each unit held a weekly tasking meeting with its analysts."],
    ["Second page of the review", "The meetings kept a written record of every decision."],
    ["Third page of the review", "Funding for analysts was agreed for three more years."],
]


@pytest.fixture(autouse=True)
def editor(monkeypatch):
    monkeypatch.setenv("ROCU_EDITORS", EDITOR)
    editors.forget_cache()
    yield
    editors.forget_cache()


def scanned_pdf(pages: list[list[str]], dpi: int = 150) -> bytes:
    """A PDF whose pages are images of ``pages``' text: no text layer."""
    return image_only_pdf([make_pdf(lines) for lines in pages], dpi)


def test_reading_message_counts_the_pages_read_by_ocr_then_the_card_replaces_it(
    rig, db, monkeypatch
):
    if ocr.engine_name() is None:
        pytest.skip("no OCR engine in this installation")
    monkeypatch.setattr(adding, "PROGRESS_EVERY", 0.0)  # every page (Slack's pace aside)
    file = rig.slack.add_file("scan.pdf", scanned_pdf(PAGES), "application/pdf")
    dm_with_file(rig, file)
    # pages 1 and 2 are reported; after page 3 the card is what replaces the message
    updates = rig.slack.wait_for("chat.update", count=3, timeout=300)
    posted = rig.slack.calls("chat.postMessage")[0].body
    said = [texts(u.body) for u in updates]
    assert "Reading" in texts(posted)
    assert "page 1 of 3 read by OCR" in said[0] and "page 2 of 3 read by OCR" in said[1]
    assert "Added to the library" in said[2]
    assert all(u.body["ts"] == updates[0].body["ts"] for u in updates)  # one message, rewritten
    assert commands.dispatch(db, "search capybara tasking").data.results
