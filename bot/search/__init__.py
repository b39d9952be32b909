"""Search: what a person typed in, ranked exact excerpts with their sources out.

Owns the query language, the library's vocabulary and its snapshot table, ranking and excerpts. May
import ``bot.library`` and ``bot.config``. What may expand a query (the glossary's equivalents)
comes through ``expanders``, filled by the composition root.

- ``query``: the query language (words, "phrases", -exclusions, filters such as type: and from:)
- ``vocabulary``: the library's own words, for spelling correction
- ``lexicon``: which words are English words (wordfreq)
- ``ranking``: the ``search`` entry point, its steps in order:
  ``plan`` (a query's alternatives and word weights), ``candidates`` (what FTS5 finds, within a
  budget), ``scoring`` (re-scored: coverage, proximity, phrase, feedback), ``diversity`` (two per
  document in the top five), ``results`` (``SearchResult``, ``SearchResponse``)
- ``excerpts``: exact 200-350 character quotes with highlight ranges
"""
