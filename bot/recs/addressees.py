"""Who a recommendation is addressed to, under one name each.

Documents name the same body many ways ("the NCA", "National Crime Agency", "the Agency"; "PCCs",
"police and crime commissioners"). A recommendation list is only useful if each body has one
name, so every addressee goes through ``canonical``: known names and variants map to a full
name; other acronyms are expanded through the glossary (``bot.glossary.lookup.lookup_expansion``)
when that feature is present and knows them; anything else is kept as written.
"""

from __future__ import annotations

import re
import sqlite3

from bot.library.text import fold

# Full name -> variants as they appear in reports and letters (compared folded, without "the").
KNOWN: dict[str, list[str]] = {
    "Home Office": ["home office", "ho", "home department"],
    "Home Secretary": ["home secretary", "secretary of state for the home department"],
    "National Crime Agency": ["national crime agency", "nca", "agency"],
    "HM Treasury": [
        "hm treasury",
        "treasury",
        "hmt",
        "her majesty's treasury",
        "his majesty's treasury",
    ],
    "government": ["government", "ministers", "uk government", "her majesty's government"],
    "Police and Crime Commissioners": [
        "police and crime commissioners",
        "police and crime commissioner",
        "pccs",
        "pcc",
        "police & crime commissioners",
    ],
    "police forces": ["police forces", "forces", "force", "police force", "territorial forces"],
    "chief constables": ["chief constables", "chief officers", "chief police officers"],
    "Regional Organised Crime Units": [
        "regional organised crime units",
        "regional organised crime unit",
        "rocus",
        "rocu",
    ],
    "HM Inspectorate of Constabulary and Fire & Rescue Services": [
        "hmicfrs",
        "hmic",
        "her majesty's inspectorate of constabulary and fire & rescue services",
        "her majesty's inspectorate of constabulary and fire and rescue services",
        "inspectorate",
    ],
    "National Police Chiefs' Council": ["national police chiefs' council", "npcc"],
    "College of Policing": ["college of policing", "college"],
    "Crown Prosecution Service": ["crown prosecution service", "cps"],
    "Ministry of Justice": ["ministry of justice", "moj"],
    "local authorities": ["local authorities", "councils", "local authority"],
    "law enforcement agencies": [
        "law enforcement agencies",
        "law enforcement bodies",
        "law enforcement organisations",
        "law enforcement",
    ],
    "Serious Fraud Office": ["serious fraud office", "sfo"],
    "HM Revenue and Customs": ["hm revenue and customs", "hmrc", "hm revenue & customs"],
}
_VARIANTS = {fold(v): name for name, variants in KNOWN.items() for v in variants}
_VARIANTS.update({fold(name): name for name in KNOWN})
_ACRONYM = re.compile(r"^[A-Z][A-Za-z&]*[A-Z]s?$")
_LEADING = re.compile(r"^(?:the|all|each|every|both|individual|relevant|local)\s+", re.IGNORECASE)
_QUOTES = str.maketrans({"’": "'", "‘": "'"})


def _key(name: str) -> str:
    name = " ".join(name.translate(_QUOTES).split())
    while _LEADING.match(name):
        name = _LEADING.sub("", name, count=1)
    return fold(name)


def known(name: str) -> str | None:
    """The full name of a body this module knows, else None."""
    return _VARIANTS.get(_key(name))


def is_acronym(name: str) -> bool:
    name = _LEADING.sub("", name.strip())
    return bool(_ACRONYM.match(name)) and sum(ch.isupper() for ch in name) >= 2


def canonical(name: str, db=None) -> str:
    """One name per body: glossary expansion for acronyms when it knows them, else the map."""
    name = " ".join(name.split())
    if db is not None and is_acronym(name):
        expansion = glossary_expansion(db, _LEADING.sub("", name))
        if expansion:
            return known(expansion) or expansion
    return known(name) or _LEADING.sub("", name)


def normalise(names: list[str], db=None) -> list[str]:
    """Canonical names, duplicates dropped, order kept."""
    return list(dict.fromkeys(canonical(n, db) for n in names if n.strip()))


def glossary_expansion(db, acronym: str) -> str | None:
    """The glossary's expansion of ``acronym`` (also tried without a plural s), when the
    glossary feature is installed; None when it is absent or does not know the acronym."""
    try:
        from bot.glossary.lookup import lookup_expansion
    except ImportError:
        return None
    for candidate in dict.fromkeys([acronym, acronym[:-1] if acronym.endswith("s") else acronym]):
        try:
            found = lookup_expansion(db, candidate)
        except (sqlite3.Error, LookupError, ValueError, TypeError):
            return None
        if found:
            return found if candidate == acronym else _plural(found)
    return None


def _plural(name: str) -> str:
    return name if name.endswith("s") else name + "s"
