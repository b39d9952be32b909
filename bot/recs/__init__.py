"""Recommendations: who is asked to do what, by when, and where it stands.

- ``extract``: finding recommendations, addressees and makers in a document
- ``summary``: one-line extractive summaries
- ``deadlines``: deadline phrases and due dates
- ``themes``: the theme keyword map
- ``addressees``: one name per body (known names, glossary expansions)
- ``tracker``: tables, the ingest hook, listing, filters and status (with its history)
- ``export``: the tracker as CSV or XLSX
"""

from bot import public_face

__getattr__, __all__ = public_face(
    __name__,
    {
        "list_recommendations": "tracker",
        "get_recommendation": "tracker",
        "RecommendationError": "tracker",
    },
)
