"""PDFs of page images: refused in one sentence without the OCR extra, read by OCR with it.

The texts here were written for these tests; the image-only PDFs are made from them by
rendering a generated PDF's page to an image (PDFium) and putting the image alone on a page.
Tests that run OCR skip when the ``ocr`` extra (rapidocr-onnxruntime) is not installed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import page_images
import pytest
from test_ingest import make_pdf

from bot.library import documents, formats, ocr
from bot.library.ingest import ingest
from bot.search.ranking import search


def image_only_pdf(data: bytes, dpi: int = 150) -> bytes:
    """``data``'s first page as an image alone on a page: no text layer."""
    return page_images.image_only_pdf([data], dpi)


LINES = [
    "Regional Organised Crime Units",
    "The units share intelligence on county lines with every force.",
    "Funding for the next three years was agreed in March.",
]


def test_without_the_extra_a_scanned_pdf_is_refused_saying_what_to_install(
    empty_db, tmp_path, monkeypatch
):
    monkeypatch.setattr(ocr, "engine_name", lambda: None)
    (tmp_path / "scan.pdf").write_bytes(image_only_pdf(make_pdf(["\n".join(LINES)])))
    report = ingest(empty_db, [tmp_path / "scan.pdf"])
    assert len(report.failed) == 1
    reason = report.failed[0][1]
    assert "no text layer" in reason and "pip install 'rocu-bot[ocr]'" in reason
    assert "\n" not in reason


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("Crowncopyright2025", "Crown copyright 2025"),
        ("the unitsshare intelligence", "the units share intelligence"),
        ("Regional OrganisedCrime Units", "Regional Organised Crime Units"),
        ("NaCTSO and the PCeU", "NaCTSO and the PCeU"),  # acronyms and mixed case stay
        ("Mr Crausby and Ms Glindon", "Mr Crausby and Ms Glindon"),  # names are not split
        ("a policing plan", "a policing plan"),
    ],
)
def test_words_run_together_are_split_only_into_english_words(typed, expected):
    assert ocr.split_run_together(typed) == expected


def test_boxes_are_read_as_lines_left_to_right_top_to_bottom():
    def box(x, y, text):
        return [[[x, y], [x + 50, y], [x + 50, y + 20], [x, y + 20]], text, 0.9]

    boxes = [box(300, 102, "world"), box(10, 100, "hello"), box(10, 140, "next line")]
    assert ocr.in_reading_order(boxes) == ["hello world", "next line"]


@pytest.mark.parametrize("engine", ["rapidocr", "tesseract"])
def test_a_scanned_pdf_is_read_by_ocr_and_searchable(empty_db, tmp_path, monkeypatch, engine):
    pytest.importorskip("rapidocr_onnxruntime")
    if engine == "tesseract" and shutil.which("tesseract") is None:
        pytest.skip("the system has no Tesseract")
    monkeypatch.setenv("ROCU_OCR", engine)
    assert ocr.engine_name() == engine
    seen = []
    monkeypatch.setattr("bot.library.pdf.OCR_PROGRESS", lambda page, pages: seen.append(page))
    (tmp_path / "scan.pdf").write_bytes(image_only_pdf(make_pdf(["\n".join(LINES)])))
    report = ingest(empty_db, [tmp_path / "scan.pdf"])
    assert report.added == ["scan"], report.failed
    assert seen == [1]
    assert documents.get_document(empty_db, "scan").read_by == "ocr"
    response = search(empty_db, "county lines intelligence")
    assert response.results and response.results[0].doc_id == "scan"


def test_ocr_models_that_are_not_the_pinned_ones_are_refused(monkeypatch):
    pytest.importorskip("rapidocr_onnxruntime")
    monkeypatch.setattr(ocr, "MODEL_HASHES", {"ch_PP-OCRv4_det_infer.onnx": "0" * 64})
    with pytest.raises(formats.UnreadableFile, match="reinstall"):
        ocr.check_models()


def test_a_text_pdf_is_not_marked_as_read_by_ocr(empty_db, tmp_path):
    (tmp_path / "typed.pdf").write_bytes(make_pdf(["\n".join(LINES)]))
    ingest(empty_db, [tmp_path / "typed.pdf"])
    assert documents.get_document(empty_db, "typed").read_by is None
    assert Path(tmp_path / "typed.pdf").exists()


def test_ocr_runs_outside_the_reading_child_and_its_cpu_limit(empty_db, tmp_path, monkeypatch):
    """The reading child (bot.library.limits) gets seconds of CPU; OCR takes more, so the child
    answers that the pages need OCR and the server process reads them in its worker."""
    pytest.importorskip("rapidocr_onnxruntime")
    monkeypatch.setenv("ROCU_READ_SECONDS", "2")
    (tmp_path / "scan.pdf").write_bytes(image_only_pdf(make_pdf(["\n".join(LINES)])))
    report = ingest(empty_db, [tmp_path / "scan.pdf"])
    assert report.added == ["scan"], report.failed
    assert documents.get_document(empty_db, "scan").read_by == "ocr"


def test_pages_read_are_reported_to_whoever_asked_and_a_failing_listener_stops_nothing(
    monkeypatch,
):
    """No OCR engine needed: the engine is replaced by one that answers a line per page."""
    monkeypatch.setattr(ocr, "_tesseract", lambda image: [f"line of page {image}"])
    heard, console = [], []

    def listener(page, pages):
        heard.append((page, pages))
        raise RuntimeError("Slack is down")

    with ocr.progress_to(listener):
        pages = ocr.read_pages(3, lambda i: i, lambda p, n: console.append(p), "tesseract")
    assert pages == ["line of page 0", "line of page 1", "line of page 2"]
    assert heard == [(1, 3), (2, 3), (3, 3)] and console == [1, 2, 3]
    assert ocr.read_pages(1, lambda i: i, lambda p, n: None, "tesseract")  # listener gone
    assert len(heard) == 3
