"""The document library: the SQLite store and getting documents into and out of it.

Owns the SQLite store (schema steps, the write lock), documents and their passages, reading files
and links, ingest. May import ``bot.config`` and outside libraries only. What features above give it
(schema steps, ingest hooks, their file names) comes through ``features``, filled by the composition
root (``bot.wiring``).

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
