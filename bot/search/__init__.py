"""Search: what a person typed in, ranked exact excerpts with their sources out.

- ``query``: the query language (words, "phrases", -exclusions, filters such as type: and from:)
- ``vocabulary``: the library's own words, for spelling correction
- ``lexicon``: which words are English words (wordfreq)
- ``ranking``: candidates from FTS5, re-scored; diversity; the ``search`` entry point
- ``excerpts``: exact 200-350 character quotes with highlight ranges
"""

from bot import public_face

__getattr__, __all__ = public_face(
    __name__,
    {
        "search": "ranking",
        "SearchResponse": "ranking",
        "SearchResult": "ranking",
        "parse_query": "query",
    },
)
