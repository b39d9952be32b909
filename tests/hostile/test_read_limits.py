"""Resource limits when reading files (issue 24): caps on unpacked size, pages, text length and
time, each one sentence; a folder ingest skips the bad file and loads the rest. The files are
made by ``tests.hostile.bombs`` (words written for these tests), small, with the limits turned
down so each test is quick."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import cli
from bot.library import limits
from bot.library.formats import UnreadableFile
from hostile.bombs import big_html, docx_bomb, pdf_bomb


def refusal(name: str, data: bytes, **caps) -> str:
    with pytest.raises(UnreadableFile) as caught:
        limits.extract(Path(name), data, limits.Limits(**caps))
    sentence = str(caught.value)
    assert "\n" not in sentence and "Traceback" not in sentence
    return sentence


def test_a_word_file_that_unpacks_too_far_is_refused_before_unpacking():
    assert "unpacks to" in refusal("a.docx", docx_bomb(3 * 1024 * 1024), unzipped_mb=1)


def test_a_pdf_with_too_many_pages_is_refused():
    assert "30 pages" in refusal("a.pdf", pdf_bomb(30, 50), pages=10)


def test_a_web_page_over_its_cap_is_refused_before_it_is_parsed():
    assert "over the limit of 1 MB for a web page" in refusal(
        "a.html", big_html(2 * 1024 * 1024), html_mb=1
    )


def test_a_pdf_whose_pages_would_expand_past_the_text_cap_is_refused_before_reading():
    sentence = refusal("a.pdf", pdf_bomb(1000, 70_000))  # 0.15 MB, ~67 million characters
    assert sentence.startswith("its text would run to about")


def test_text_over_the_cap_is_refused():
    assert "characters" in refusal("a.pdf", pdf_bomb(3, 2000), text_chars=1000)


def test_a_read_that_takes_too_long_on_the_clock_is_stopped():
    assert "longer than" in refusal("a.html", big_html(2 * 1024 * 1024), wall_seconds=0.05)


def test_a_read_that_uses_too_much_cpu_is_stopped():
    sentence = refusal("a.pdf", pdf_bomb(1000, 70_000), seconds=1, text_chars=10**9)
    assert sentence == "it took longer than 1 second to read, so I stopped"


def test_within_the_limits_a_pdf_is_read_in_a_child_process():
    found = limits.extract(Path("a.pdf"), pdf_bomb(3, 2000), limits.Limits())
    assert "regional plan" in found.text


def test_a_damaged_pdf_is_one_sentence():
    assert refusal("a.pdf", b"%PDF-1.4\n" + b"\x00garbage" * 50)


def test_a_readers_own_error_is_one_sentence(monkeypatch):
    class LimitReachedError(Exception):  # what pypdf raised, uncaught, before
        pass

    def explode(path, data):
        raise LimitReachedError("a message that names nothing")

    monkeypatch.setattr(limits.formats, "extract", explode)
    sentence = refusal("a.txt", b"words", isolate=False)
    assert sentence == "it could not be read (LimitReachedError)"


def test_the_limits_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("ROCU_READ_SECONDS", "7")
    monkeypatch.setenv("ROCU_READ_WALL_SECONDS", "30")
    monkeypatch.setenv("ROCU_MAX_UNZIPPED_MB", "3")
    monkeypatch.setenv("ROCU_READ_ISOLATION", "off")
    found = limits.Limits.from_env()
    assert (found.seconds, found.wall_seconds, found.unzipped_mb, found.isolate) == (
        7,
        30,
        3,
        False,
    )


def test_a_folder_ingest_skips_a_bomb_and_loads_the_rest(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("ROCU_MAX_UNZIPPED_MB", "1")
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "a-note.txt").write_text("The panel met on Tuesday and agreed its plan.\n")
    (folder / "bomb.docx").write_bytes(docx_bomb(3 * 1024 * 1024))
    (folder / "z-note.md").write_text("# Minutes\n\nThe board approved the budget for next year.\n")
    result = runner.invoke(cli, ["ingest", str(folder)], catch_exceptions=False)
    assert result.exit_code == 1
    assert "bomb.docx" in result.output and "unpacks to" in result.output
    assert "Traceback" not in result.output
    docs = runner.invoke(cli, ["docs"], catch_exceptions=False).output
    assert "a-note" in docs or "panel" in docs.lower()
    assert "Minutes" in docs or "z-note" in docs
