"""The glossary: what an acronym or term stands for, and where the library uses it.

Owns acronym and term definitions: the finder, the library glossary built at ingest, the curated
file, team entries, missed look-ups, and its tables. May import ``bot.search``, ``bot.library``,
``bot.config``; never recs, digest or anything above.

- ``acronyms``: finding definitions in text (both orders, cross-library matching)
- ``lookup``: ``define`` and the ``/rocu define`` command; the public face of the modules below
- ``entry``: an entry, and how terms are keyed
- ``index``: all sources in one cached index; matching a typed term
- ``usage``: documents using a term; the example sentence
- ``mined``: the glossary built from the documents at ingest
- ``curated``: seeds/glossary.toml, validated with line numbers
- ``team``: entries the team teaches
- ``misses``: look-ups it could not answer
"""
