"""Recommendations: who is asked to do what, by when, and where it stands.

Owns recommendations: extraction at ingest, the tracker's tables and statuses, export. May import
``bot.glossary`` (addressees' acronyms), ``bot.search``, ``bot.library``, ``bot.config``.

- ``extract``: finding recommendations, addressees and makers in a document
- ``summary``: one-line extractive summaries
- ``deadlines``: deadline phrases and due dates
- ``themes``: the theme keyword map
- ``addressees``: one name per body (known names, glossary expansions)
- ``tracker``: tables, the ingest hook, listing, filters and status (with its history)
- ``export``: the tracker as CSV or XLSX
"""
