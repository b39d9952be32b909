"""The document library: the SQLite store and getting documents into and out of it.

- ``store``: the SQLite file, WAL mode, named migrations each feature registers
- ``formats``: file formats to plain text (txt, md, rst, html, pdf, docx)
- ``cleaning``: page furniture removal, speaker turns
- ``passages``: quotable passages with exact offsets
- ``metadata``: catalogue and guessed metadata (title, date, type)
- ``ingest``: the ingest pipeline (idempotent, one transaction per document, feature hooks)
- ``documents``: reading documents and passages back
- ``text``: sentence spans, words, folding and slugs shared by every feature
- ``fetch``: fetching a link safely
- ``adding``: one document from a link or from bytes, through the same ingest
"""

from bot import public_face

__getattr__, __all__ = public_face(
    __name__,
    {
        "open_db": "store",
        "db_path": "store",
        "migration": "store",
        "ingest": "ingest",
        "ensure_seeded": "ingest",
        "IngestReport": "ingest",
        "Document": "documents",
        "get_document": "documents",
        "list_documents": "documents",
        "passage_id": "documents",
    },
)
