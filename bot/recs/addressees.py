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
        "police & crime commissioner",
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
# Public bodies whose own names hold "and" or a comma (UK departments, past and present, their
# Secretaries of State, and national bodies): one body each, never split into "Department of
# Health" and "Social Care". Public names, kept as data; matched case-insensitively, with "&" for
# "and".
COMPOUND_NAMES = (
    "Department of Health and Social Care",
    "Department of Health and Social Services",
    "Department for Culture, Media and Sport",
    "Department for Digital, Culture, Media and Sport",
    "Department for Science, Innovation and Technology",
    "Department for Environment, Food and Rural Affairs",
    "Department for Levelling Up, Housing and Communities",
    "Department for Communities and Local Government",
    "Ministry of Housing, Communities and Local Government",
    "Department for Business, Energy and Industrial Strategy",
    "Department for Business, Innovation and Skills",
    "Department for Business and Trade",
    "Department for Energy Security and Net Zero",
    "Department of Energy and Climate Change",
    "Department for Work and Pensions",
    "Department for Children, Schools and Families",
    "Department for Innovation, Universities and Skills",
    "Foreign, Commonwealth and Development Office",
    "Foreign and Commonwealth Office",
    "HM Courts and Tribunals Service",
    "HM Prison and Probation Service",
    "Her Majesty's Prison and Probation Service",
    "Medicines and Healthcare products Regulatory Agency",
    "National Institute for Health and Care Excellence",
    "Office for Standards in Education, Children's Services and Skills",
    "Crown Office and Procurator Fiscal Service",
    "Equality and Human Rights Commission",
    "Fire and Rescue Services",
    "Fire and Rescue Service",
    "Health and Safety Executive",
    "Food Standards Agency",
    "Driver and Vehicle Licensing Agency",
    "Driver and Vehicle Standards Agency",
    "Gangmasters and Labour Abuse Authority",
    "Parole Board for England and Wales",
    "Sentencing Council for England and Wales",
    "Children and Family Court Advisory and Support Service",
    "Intellectual Property Office",
)
_OFFICES = ("Secretary of State for ", "Minister for ", "Minister of State for ")


def _compound_pattern() -> re.Pattern:
    """The names, whole, and "Secretary of State for" (or "Minister for") a department's subject."""
    subjects = [
        n.split(" for ", 1)[1] if n.startswith("Department for ") else n.split(" of ", 1)[1]
        for n in COMPOUND_NAMES
        if n.startswith(("Department for ", "Department of ", "Ministry of "))
    ]
    whole = sorted(COMPOUND_NAMES, key=len, reverse=True)
    offices = [office + subject for office in _OFFICES for subject in subjects]
    alternatives = [re.escape(n).replace(r"\ and\ ", r"\s+(?:and|&)\s+") for n in whole + offices]
    alternatives = [a.replace(r"\ ", r"\s+").replace(",", r",?") for a in alternatives]
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


_COMPOUND = _compound_pattern()
_AND_MARK, _COMMA_MARK, _AMP_MARK = "\x00", "\x01", "\x02"

# Round 13 (``FORCE_NAMES_WHOLE``): a force named for two places is one force: "Chief Constable
# of Westvale & Eastmoor Constabulary" (the round-12 walk) and "the Chief Constable of Avon and
# Somerset" (Leveson's report), "Devon and Cornwall Police", were split into two addressees at
# their "and". Kept whole: an office "of"/"for" two places (with or without the force's noun),
# or two places before "Constabulary"/"Police". A place is one or two capitalised words, none a
# body's noun ("the Home Office and Westvale Police" is two bodies). False: split, as before.
FORCE_NAMES_WHOLE = True
_BODY_WORDS = (
    "Office|Agency|Council|Department|Ministry|Board|Authority|Unit|Units|College|Executive|"
    "Government|Treasury|Commission|Commissioner|Commissioners|Inspectorate|Panel|Committee|Trust|"
    "Service|Services|Police|Constabulary|Force|Forces|Home|National|Crime|Chief|Constable|"
    "Constables|Secretary|State|Justice|Health|Fire|Rescue|Court|Courts|Prison|Probation|"
    "Parliament|Minister|Ministers|Local|Regional|The|All|Each|Every|Both|Mayor|Group|Team|"
    "Network|Partnership|Directorate|Centre|Bureau|Society|Association|Foundation"
)
_PLACE = rf"(?:(?!(?:{_BODY_WORDS})\b)[A-Z][a-z]+(?:[ -](?!(?:{_BODY_WORDS})\b)[A-Z][a-z]+)?)"
_FORCE_NOUN = r"(?:Constabulary|Police(?:\s+(?:Service|Force))?)"
# Also kept whole under the same switch: the commissioners' and panels' own names, which hold an
# "and" and a comma ("Police and crime commissioners and chief constables should" was three).
_OFFICE_NAMES = re.compile(
    r"\b(?:police(?:,\s+fire)?\s+(?:and|&)\s+crime\s+(?:commissioners?|panels?))\b", re.I
)
_FORCE_PAIR = re.compile(
    r"(?-i:\b(?:(?:Chief\s+Constable|Police(?:,\s+Fire)?\s+(?:and|&)\s+Crime\s+Commissioner|"
    rf"Commissioner)\s+(?:of|for)\s+{_PLACE}\s+(?:and|&)\s+{_PLACE}(?:\s+{_FORCE_NOUN})?"
    rf"|{_PLACE}\s+(?:and|&)\s+{_PLACE}\s+{_FORCE_NOUN})\b)"
)


def split_listed(text: str, splitter: re.Pattern) -> list[str]:
    """``text`` split by ``splitter`` (at commas and "and"), except inside the names of
    ``COMPOUND_NAMES`` (and their Secretaries of State): "the Department for Culture, Media and
    Sport and the Home Office" is two bodies."""

    def mark(match: re.Match) -> str:
        name = re.sub(r"\s+(?:and|&)\s+", _AND_MARK, match.group(0))
        return name.replace(",", _COMMA_MARK)

    marked = _COMPOUND.sub(mark, text)
    if FORCE_NAMES_WHOLE:
        marked = _FORCE_PAIR.sub(_joined, _OFFICE_NAMES.sub(mark, marked))
    return [
        part.replace(_AND_MARK, " and ").replace(_COMMA_MARK, ",").replace(_AMP_MARK, " & ")
        for part in splitter.split(marked)
    ]


def _joined(match: re.Match) -> str:
    """A force's name with its "and"/"&" marked, so a split at "and" keeps it whole."""
    name = re.sub(r"\s+and\s+", _AND_MARK, match.group(0))
    return re.sub(r"\s+&\s+", _AMP_MARK, name)


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


# Round 13 (``ONE_IS_ONE``): "The Police and Crime Commissioner should" is one commissioner,
# listed as "Police and Crime Commissioner", not the plural "Police and Crime Commissioners" (the
# round-12 walk's letter; the PCC replies of tests/recs/pairs11 and the commissioners' letters
# of the development corpus say "the Commissioner" of one area). The singular's variants; "PCC"
# alone is one commissioner. ``to:PCCs`` and ``to:PCC`` find both (the filter compares partly).
# False: the plural for both, as before.
ONE_IS_ONE = True
SINGULAR: dict[str, list[str]] = {
    "Police and Crime Commissioner": [
        "police and crime commissioner",
        "police & crime commissioner",
        "pcc",
    ],
}
_SINGULAR = {fold(v): name for name, variants in SINGULAR.items() for v in variants}


def known(name: str) -> str | None:
    """The full name of a body this module knows, else None."""
    key = _key(name)
    if ONE_IS_ONE and key in _SINGULAR:
        return _SINGULAR[key]
    return _VARIANTS.get(key)


def is_acronym(name: str) -> bool:
    name = _LEADING.sub("", name.strip())
    return bool(_ACRONYM.match(name)) and sum(ch.isupper() for ch in name) >= 2


def canonical(name: str, db=None) -> str:
    """One name per body: glossary expansion for acronyms when it knows them, else the map."""
    name = " ".join(name.split())
    if db is not None and is_acronym(name):
        expansion = glossary_expansion(db, _LEADING.sub("", name))
        if expansion and ONE_IS_ONE and name.endswith("s") and not expansion.endswith("s"):
            expansion = _plural(expansion)  # "PCCs" are many, whatever the glossary's number
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
