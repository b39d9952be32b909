"""The Word reader's footnotes (``formats.READER_RULES["docx-footnotes"]``), also switched off.

The Word file is built here by hand (a minimal package with a footnotes part); its sentences were
written by me for this test about an invented licensing scheme, copied from no document.
"""

from __future__ import annotations

import io
import zipfile

from bot.library import formats

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _docx() -> bytes:
    def para(text: str, ref: str | None = None) -> str:
        note = f'<w:r><w:footnoteReference w:id="{ref}"/></w:r>' if ref else ""
        return f"<w:p><w:r><w:t>{text}</w:t></w:r>{note}</w:p>"

    document = (
        f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>'
        + para("The harbour licence scheme began in the spring of 2026.", "3")
        + para("Fees are set each year by the port board.", "2")
        + "</w:body></w:document>"
    )
    footnotes = (
        f'<w:footnotes xmlns:w="{W}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        "</w:footnote>"
        '<w:footnote w:id="2"><w:p><w:r><w:t>The board meets in March.</w:t></w:r></w:p>'
        "</w:footnote>"
        '<w:footnote w:id="3"><w:p><w:r><w:t>Announced by the harbour</w:t></w:r>'
        "<w:r><w:tab/><w:t>master in January.</w:t></w:r></w:p></w:footnote>"
        "</w:footnotes>"
    )
    types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/footnotes.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
        "</Types>"
    )
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    doc_rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/footnotes" Target="footnotes.xml"/></Relationships>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/document.xml", document)
        z.writestr("word/_rels/document.xml.rels", doc_rels)
        z.writestr("word/footnotes.xml", footnotes)
    return out.getvalue()


def test_footnotes_are_dropped_with_the_rule_off(monkeypatch):
    monkeypatch.setenv("ROCU_READER_RULES_OFF", "docx-footnotes")
    text = formats.docx_extract(_docx()).text
    assert "harbour licence scheme" in text and "board meets" not in text


def test_footnotes_kept_after_the_body_in_the_order_the_body_refers_to_them(monkeypatch):
    monkeypatch.delenv("ROCU_READER_RULES_OFF", raising=False)
    text = formats.docx_extract(_docx()).text
    paragraphs = text.split("\n\n")
    assert paragraphs[-3:] == [
        "Notes",
        "1. Announced by the harbour master in January.",
        "2. The board meets in March.",
    ]
    assert paragraphs[0].startswith("The harbour licence scheme")
