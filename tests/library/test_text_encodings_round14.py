"""Plain-text files that are not UTF-8 (round 14, found by the round-13 walk: a text file whose
quotes and dashes were written in Mac Roman and its bullets in Windows-1252 showed "witnessÕs").
Every text here is written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.library import formats
from bot.library.documents import document_text
from bot.library.ingest import ingest

# Mac Roman's quotes and dashes (0xD2-0xD5, 0xD0) beside Windows-1252 bullets (0x95), with Mac
# line endings, as an old word processor's export of a binder might write them.
MIXED = (
    b"Guidance for the harbour desk\r\r"
    b"The clerk\xd5s note says the \xd4lantern\xd5 rule applies \xd0 see the annex.\r"
    b"The officer must be told:\r\x95 the time of the tide;\r\x95 the keeper\xd5s name.\r"
    b"The panel called it \xd2a fair test\xd3 of the harbour\xd5s duty.\r"
)


def test_mac_roman_punctuation_beside_windows_bullets_reads_as_written():
    text = formats.read_text(Path("binder.txt"), MIXED)
    assert "The clerk’s note says the ‘lantern’ rule applies – see the annex." in text
    assert "• the keeper’s name." in text
    assert "“a fair test” of the harbour’s duty." in text
    assert not any(ch in text for ch in "ÐÑÒÓÔÕ")


def test_the_switch_off_reads_windows_1252_alone_as_before(monkeypatch):
    monkeypatch.setattr(formats, "MAC_ROMAN_PUNCTUATION", False)
    assert "clerkÕs" in formats.read_text(Path("binder.txt"), MIXED)


@pytest.mark.parametrize(
    "written",
    [
        # Windows-1252 capitals that are letters: after a capital or a space, never a lowercase one
        "INFORMACIÓN PÚBLICA\n\nÓscar Núñez wrote to the ÐÆ society.",
        # one such letter after a lowercase one is not evidence enough
        "The barÓ sign and the “quoted” words.",
    ],
)
def test_windows_1252_letters_are_kept(written):
    data = written.encode("cp1252")
    assert formats.read_text(Path("letters.txt"), data) == data.decode("cp1252")


def test_utf8_is_quoted_exactly(empty_db, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    written = "The clerk’s ‘lantern’ rule – ÓSCAR’s “fair test”.\n\n• one bullet."
    (folder / "utf8.txt").write_text(written, encoding="utf-8")
    (folder / "binder.txt").write_bytes(MIXED)
    ingest(empty_db, [folder])
    assert document_text(empty_db, "utf8") == written
    assert "the keeper’s name" in document_text(empty_db, "binder")
