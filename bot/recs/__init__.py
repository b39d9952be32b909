"""Recommendations: who is asked to do what, by when, and where it stands.

Owns recommendations: extraction at ingest, the tracker's tables and statuses, export. May import
``bot.glossary`` (addressees' acronyms), ``bot.search``, ``bot.library``, ``bot.config``.

- ``extract``: finding recommendations, addressees and makers in a document
- ``summary``: one-line extractive summaries
- ``deadlines``: deadline phrases and due dates
- ``themes``: the theme keyword map
- ``addressees``: one name per body (known names, glossary expansions)
- ``tracker``: the face: listing, one item in full, status (with its history)
- ``item``: the ``Recommendation`` record, its statuses, when it is overdue
- ``storing``: the tables and schema steps, extraction at ingest (the document hook)
- ``filters``: the filter language (``doc:``, ``to:``, ``due:``, ``status:``, ``theme:``, words)
- ``links``: report and response as one item: the links table, relinking, one item per rec
- ``matching``: which report item a response item quotes (label, text, numbering)
- ``answers``: which documents are responses, and where their answers are
- ``export``: the tracker as CSV or XLSX
"""
