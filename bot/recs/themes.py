"""Themes of a recommendation, from a small keyword map.

How the map is built: the themes are the ones the policy team briefs on (the issue's list: funding,
prevention, data and performance, roles and governance, tasking, surveillance oversight, proceeds
of crime, fraud), plus partnership and threats, which the seed letters and reports keep returning
to. Each theme lists word stems and phrases that signal it in recommendation wording; a stem
matches any word that starts with it ("fund" matches "funded", "funding"). Matching is on folded
text (lower case, no accents), so it is predictable and easy to extend: add a stem, add a test.
"""

from __future__ import annotations

import re

from bot.library.text import fold

THEMES: dict[str, list[str]] = {
    "funding": [
        "fund",
        "grant",
        "budget",
        "spending review",
        "multi-year",
        "money",
        "resourc",
        "financ",
    ],
    "prevention": ["prevent", "early intervention", "divert", "safeguard", "educat"],
    "data and performance": [
        "data",
        "performance",
        "measur",
        "insight",
        "impact",
        "evidence",
        "statistic",
    ],
    "roles and governance": [
        "role",
        "responsibilit",
        "governance",
        "governed",
        "accountab",
        "answerable",
        "guidance",
        "strategic policing requirement",
        "lead force",
        "owned",
        "democratic",
        "oversight",
        "statutory",
    ],
    "tasking": ["tasking", "tasked", "directive"],
    "surveillance oversight": ["surveillance", "covert", "investigatory powers"],
    "proceeds of crime": [
        "proceeds of crime",
        "asset",
        "confiscat",
        "seized",
        "criminally obtained",
        "criminal finance",
    ],
    "fraud": ["fraud", "economic crime", "scam"],
    "partnership": ["partner", "collaborat", "multi-agency", "convene", "joint"],
    "threats": ["threat", "priorit", "risk"],
}

_PATTERNS = {
    theme: re.compile(r"\b(?:" + "|".join(re.escape(fold(s)) for s in stems) + ")")
    for theme, stems in THEMES.items()
}


def themes_of(text: str) -> list[str]:
    """The themes whose keywords occur in ``text``, in the map's order."""
    folded = fold(text)
    return [theme for theme, pattern in _PATTERNS.items() if pattern.search(folded)]
