"""Image-only PDFs for the OCR tests: each given PDF's first page rendered to an image (PDFium)
and the image put alone on a page, so the result has no text layer."""

from __future__ import annotations

import io


def image_only_pdf(sources: list[bytes], dpi: int = 150) -> bytes:
    """One page per PDF in ``sources``: an image of its first page, no text layer."""
    import pypdfium2 as pdfium

    out = pdfium.PdfDocument.new()
    for data in sources:
        page = pdfium.PdfDocument(data)[0]
        width, height = page.get_size()
        image = pdfium.PdfImage.new(out)
        image.set_bitmap(page.render(scale=dpi / 72))
        image.set_matrix(pdfium.PdfMatrix().scale(width, height))
        new = out.new_page(width, height)
        new.insert_obj(image)
        new.gen_content()
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()
