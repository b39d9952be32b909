"""Hostile files made on the spot, for the limit tests and ``bench/hostile.py``: a PDF whose pages
share one compressed content stream (tiny on disk, huge as text), a Word file whose XML unpacks to
far more than it weighs, and a big web page. Every word in them is made up here."""

from __future__ import annotations

import io
import zipfile
import zlib

WORDS = b"the unit reviewed the regional plan and agreed the next steps for the team "


def pdf_bomb(pages: int = 1000, page_text_bytes: int = 70_000) -> bytes:
    """A PDF of ``pages`` pages that all draw the same compressed content stream, each page
    ``page_text_bytes`` of text: about ``pages * page_text_bytes`` characters when read."""
    line = b"(" + WORDS * 2 + b") Tj T* "
    body = b"BT /F1 9 Tf 12 TL 36 800 Td " + line * (page_text_bytes // len(line) + 1) + b"ET"
    stream = zlib.compress(body, 9)
    objects: list[bytes] = []
    kids = " ".join(f"{5 + n} 0 R" for n in range(pages))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    objects.append(
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"
    )
    for _ in range(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
        )
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def docx_bomb(xml_bytes: int = 200 * 1024 * 1024) -> bytes:
    """A .docx whose word/document.xml unpacks to about ``xml_bytes`` (it compresses ~1000:1)."""
    head = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body>"
    )
    paragraph = b"<w:p><w:r><w:t>" + WORDS * 8 + b"</w:t></w:r></w:p>"
    tail = b"</w:body></w:document>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        package.writestr("_rels/.rels", RELS)
        with package.open("word/document.xml", "w", force_zip64=True) as document:
            document.write(head)
            chunk = paragraph * (1024 * 1024 // len(paragraph))
            written = 0
            while written < xml_bytes:
                document.write(chunk)
                written += len(chunk)
            document.write(tail)
    return out.getvalue()


def big_html(total_bytes: int = 49 * 1024 * 1024) -> bytes:
    """A web page of about ``total_bytes``: many nested sections of ordinary paragraphs."""
    block = b"<div><p>" + WORDS * 4 + b"</p><p><a href='#x'>" + WORDS + b"</a></p></div>\n"
    count = total_bytes // len(block)
    return (
        b"<!doctype html><html><head><title>Big page</title></head><body>"
        + block * count
        + (b"</body></html>")
    )


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
