"""The definition finder's rules, kept as data: one entry per rule, grouped into profiles.

Plain "every word of the long form gives its initial" needs no rule. Every other way a long form
may spell a short form is one ``Rule``: its name, what it allows, what an alignment pays for
using it (``cost``) and the most such an alignment may cost in all (``limit``), one example
written for this project, and the profiles it belongs to. ``inline_definitions`` takes a set of
rule names (``rules=``) or a profile name (``profile=``); ``bench/acronyms.py --ablate`` switches
each rule off in turn to show what it buys and costs.

Profiles:
- ``policy`` (the default): what UK policy and policing prose needs;
- ``bio``: ``policy`` and the rules for biomedical names (Greek letters, units, numbered kinds,
  enzyme and gene naming), used by the bench on the biomedical gold sets and never by default.

A rule stays in a profile only if it does not lower F1 on the gold set it was not tuned on
(``bench/acronyms.py --protocol``: tune on Ab3P and check on BIOADI, then swap); the two that
did (``square_brackets``, ``bounded_forms``) are kept here, in no profile, with their figures.

Every example below was written for this project; none is taken from an evaluation set.
"""

from __future__ import annotations

from dataclasses import dataclass

POLICY = "policy"
BIO = "bio"
# A rule in no profile: kept as data with its measurement, used only when named in ``rules=``
# (the generalisation protocol of bench/acronyms.py --protocol dropped it).
OFF: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Rule:
    name: str
    allows: str
    example: str  # a sentence (or phrase) the rule is needed for, written for this project
    cost: float = 0.0  # what an alignment pays each time it uses the rule
    limit: float | None = None  # the most an alignment using the rule may cost, when not MAX_COST
    profiles: frozenset[str] = frozenset({POLICY, BIO})


def _bio(name: str, allows: str, example: str, cost: float = 0.0, limit: float | None = None):
    return Rule(name, allows, example, cost, limit, frozenset({BIO}))


# The most a plain alignment may cost.
MAX_COST = 3.0

TABLE: tuple[Rule, ...] = (
    Rule(
        "head_words",
        "content words after the last word that gives a letter; capitalised ones cost less in a "
        "capitalised long form",
        "the Child Exploitation and Online Protection Centre (CEOP)",
        cost=1.0,
    ),
    Rule(
        "skipped_words",
        "an inner content word that gives no letter; a capitalised one costs less in a "
        "capitalised long form",
        "the Fraud and Cyber Crime Reporting Centre (FCRC)",
        cost=2.0,
    ),
    Rule(
        "inner_letters",
        "letters of the short form taken from inside a word (lower-case ones cost less)",
        "Police Headquarters (HQ); the National Counter Terrorism Security Office (NaCTSO)",
        cost=0.75,
    ),
    Rule(
        "hyphen_parts",
        "a hyphenated compound gives letters as one word or as two",
        "the Police Central e-Crime Unit (PCeU)",
    ),
    Rule(
        "bracket_words",
        "an article or 'hereafter' opening the brackets, and a note after the short form",
        "guidance from ACPO (the Association of Chief Police Officers); the agency (NCA; "
        "formerly SOCA)",
    ),
    Rule(
        "mixed_case",
        "short forms with lower-case letters among two or more capitals",
        "the Department for Education (DfE) and the Ministry of Justice (MoJ)",
    ),
    Rule(
        "digits",
        "number words giving digits, and short forms of one capital and digits",
        "finance ministers of the Group of Twenty (G20)",
    ),
    _bio(
        "numbered_kinds",
        "one digit of the short form that no word gives, when every other letter is an initial",
        "the tissue repair factor (TRF4) was raised",
        cost=2.5,
    ),
    _bio(
        "prefix_runs",
        "letters running on from a word's start cost less than letters from further inside",
        "a transcription activator protein (TRAP) binds",
        cost=0.5,
    ),
    Rule(
        "inner_brackets",
        "a short bracketed group inside the long form, attached to a word or as an aside",
        "the Child Exploitation and Online Protection (CEOP) Command (CEOPC)",
        cost=0.5,
    ),
    _bio(
        "greek_prefixes",
        "a Greek letter joined by a hyphen stays at the start of the long form",
        "alpha-crystallin chaperone domain (ACD)",
    ),
    _bio(
        "slash_names",
        "the long form starts after a name and a slash",
        "the sodium/potassium pump regulator (PPR)",
    ),
    _bio(
        "greek_letters",
        "a Greek letter spelled out counts as one letter on both sides",
        "retinoic acid receptor beta (RAR beta)",
    ),
    _bio(
        "roman_numerals",
        "a Roman numeral stands for its digits",
        "glycogen storage disease type III (GSD3)",
    ),
    Rule(
        "comma_lists",
        "a long form that is a list of title-case items joined by commas",
        "the Prevention, Intervention, Support and Enforcement (PISE) strand",
    ),
    Rule(
        "the_start",
        "a capital 'The' that gives the first letter",
        "a survey by The Policing Foundation (TPF)",
    ),
    Rule(
        "bracket_pairs",
        "long form and short form together inside the brackets, comma between",
        "each unit (Regional Organised Crime Unit, ROCU) reports",
    ),
    Rule(
        "quoted",
        "a short form in quotation marks inside the brackets",
        "the National Crime Agency (“NCA”)",
    ),
    Rule(
        "letter_start",
        "(a guard) a long form never starts on a lone lower-case letter",
        "the vitamin b transport carrier (BTC) is not 'b transport carrier'",
    ),
    Rule(
        "square_brackets",
        "square brackets as well as round ones",
        "the Serious Fraud Office [SFO]",
        profiles=OFF,  # the protocol: kept on Ab3P (+0.0047 F1), it lowers BIOADI's (-0.0004)
    ),
    Rule(
        "known_as",
        "'long form, known as SF'",
        "the National Ballistics Intelligence Service, known as NABIS",
    ),
    Rule(
        "stands_for",
        "'SF stands for long form'",
        "here OPCC stands for Office of the Police and Crime Commissioner",
    ),
    _bio(
        "spaced_forms",
        "a short form with a space before a numeral or Greek letter that ends it",
        "growth hormone receptor type I (GHR I, see above)",
    ),
    Rule(
        "slash_forms",
        "the first of two short forms joined by a slash",
        "the Association of Chief Police Officers (ACPO/NPCC)",
    ),
    _bio(
        "later_forms",
        "the short form after a first part of the brackets that is none",
        "the citrate cleavage enzyme (EC 4.1.3.8; CCE)",
    ),
    _bio(
        "inner_colons",
        "a colon inside a word breaks nothing",
        "the NADH:flavin reductase complex (NFRC)",
    ),
    _bio(
        "short_camels",
        "camel case of short parts is a short form, not a name",
        "levels of phosphatidylserine (PtdSer) rose",
    ),
    Rule(
        "pairs_after",
        "'(SF, long form)' and '(long form; SF)' inside the brackets",
        "the inspectorate (HMICFRS, His Majesty's Inspectorate of Constabulary and Fire and "
        "Rescue Services)",
    ),
    _bio(
        "rotations",
        "the short form's runs (split at a digit or hyphen) in another order",
        "protein kinase C2 (C2PK)",
        cost=0.5,
        limit=1.0,
    ),
    Rule(
        "repeated_forms",
        "a looser limit for a capital short form the text uses again, every digit from a word",
        "the Police National Computer Data Quality Review Unit (PNCU) ... the PNCU said",
        limit=4.5,
    ),
    Rule(
        "comma_items",
        "a list whose items each give letters, in any case, when the alignment is close",
        "adverts for food high in fat, sugar, salt (HFSS)",
        limit=1.0,
    ),
    _bio(
        "compound_words",
        "one hyphenated word after the short form as its long form",
        "the TLR (Toll-like-receptor) family",
    ),
    Rule(
        "for_lead",
        "'for' opening a long form inside the brackets",
        "SOCEX (for Serious Organised Crime Exchange)",
    ),
    _bio(
        "numbered_names",
        "the long form starts after a numbered name before a slash or hyphen",
        "the CDK-4/cyclin kinase (CK) complex",
    ),
    Rule(
        "bracket_starts",
        "(a guard) a long form never starts on a bracketed short form",
        "a (PKC)-dependent signal pathway (DSP)",
    ),
    Rule(
        "coordinated",
        "two short forms joined by 'and' after two long forms joined the same way",
        "the Regional and National Crime Units (RCU and NCU)",
    ),
    _bio(
        "nested_brackets",
        "a long form holding brackets inside the brackets",
        "CaSR (calcium(2+) sensing receptor)",
    ),
    Rule(
        "or_forms",
        "the first of two short forms joined by 'or'",
        "the Regional Organised Crime Unit (ROCU or RCU)",
    ),
    Rule(
        "bounded_forms",
        "a looser limit for a long form running from a clause's start or after an article",
        "the National Fraud Intelligence Data Analysis Bureau (NFIB)",
        limit=4.0,
        profiles=OFF,  # the protocol: kept on BIOADI (+0.0012 F1), it lowers Ab3P's (-0.0005)
    ),
    Rule(
        "looser_after",
        "a looser limit for 'SF (long form)': the brackets bound the long form",
        "MAPPA (multi-agency public protection arrangements)",
        limit=6.0,
    ),
    Rule(
        "named_parts",
        "the last of two names joined by a slash, or a name after a locant, as the short form",
        "the NPCC/APCC (Association of Police and Crime Commissioners)",
    ),
    _bio(
        "kind_words",
        "'type', 'class' or 'group' before a numeral gives no letter",
        "glycogen storage disease type 3 (GSD3)",
    ),
    _bio(
        "function_starts",
        "a function word may give the first letter, at the cost of a whole plain alignment",
        "A Kinase Interacting Protein (AKIP)",
        cost=3.0,
    ),
    Rule(
        "shared_heads",
        "two short forms whose long forms share their head words",
        "the regional (RCCU) and national (NCCU) cyber crime units",
    ),
    _bio(
        "bracketed_forms",
        "a short form holding a short bracket",
        "peak flow rate at 2 minutes (PFR(2))",
    ),
    _bio(
        "shared_tails",
        "a short form and long form ending in the same word",
        "phosphoinositide 5-phosphatase (PI 5-phosphatase)",
    ),
    Rule(
        "paragraph_joins",
        "a long form running over a page or column break: a paragraph of body text that stops "
        "mid-sentence goes on in the next",
        "forces work with the Cabinet Office [page break] Briefing Rooms (COBR) in an emergency",
    ),
    Rule(
        "capital_titles",
        "a long form in capitals (a title) when its words' initials spell the short form",
        "under the POLICE AND CRIMINAL EVIDENCE ACT 1984 (PACE)",
    ),
    Rule(
        "two_word_forms",
        "a short form of two capital words, the second perhaps plural",
        "His Majesty's Government Concept of Operations (HMG CONOPs)",
    ),
    Rule(
        "plus_forms",
        "a capital short form ending in a plus sign",
        "the Secure Data Exchange Service Plus (SDES+)",
    ),
    _bio(
        "units",
        "a unit after a number ('55 kDa') gives no letter",
        "a 55 kDa binding protein (BP55)",
    ),
)

BY_NAME = {rule.name: rule for rule in TABLE}
RULES = tuple(rule.name for rule in TABLE)
PROFILES = {
    POLICY: frozenset(rule.name for rule in TABLE if POLICY in rule.profiles),
    BIO: frozenset(rule.name for rule in TABLE if BIO in rule.profiles),
}
DEFAULT_PROFILE = POLICY
DEFAULT_RULES = PROFILES[DEFAULT_PROFILE]
BIO_RULES = PROFILES[BIO]

# Raised whenever the default rules find different definitions: each store then takes its
# documents' glossary facts again, once, when it is next opened (``bot.glossary.mined``).
FINDER_VERSION = 6


def rules_for(rules=None, profile: str | None = None) -> frozenset[str]:
    """The rule names to use: ``rules`` when given, else the profile's (the default profile's
    when neither is given). An unknown profile raises ValueError."""
    if rules is not None:
        return frozenset(rules)
    name = profile or DEFAULT_PROFILE
    if name not in PROFILES:
        raise ValueError(f"unknown profile {name!r}: one of {', '.join(sorted(PROFILES))}")
    return PROFILES[name]


# Costs of an alignment of a short form's letters to the words of a candidate long form, read
# from the table where a rule owns them.
INNER = BY_NAME["inner_letters"].cost  # a capital or digit of the short form from inside a word
INNER_LOWER = 0.25  # a lower-case letter of the short form from inside a word ("Na" of NaCTSO)
PREFIX_RUN = BY_NAME["prefix_runs"].cost  # the same, continuing a run from the word's start
FIRST_NOT_INITIAL = 0.5  # a word's first letter given from a later part ("2,4-dimethyl...")
ASIDE = BY_NAME["inner_brackets"].cost  # a bracketed word inside a long form, giving no letter
SKIPPED = BY_NAME["skipped_words"].cost  # an inner content word that gives no letter
SKIPPED_CAPITAL = 1.5  # the same, capitalised in a capitalised long form ("Cyber")
NO_DIGIT = BY_NAME["numbered_kinds"].cost  # a digit of the short form that no word gives
HEAD = BY_NAME["head_words"].cost  # a content word after the last letter ("... Centre")
HEAD_CAPITAL = 0.5  # the same, capitalised in a capitalised long form
ROTATION = BY_NAME["rotations"].cost  # the short form's letters taken in another order
MAX_ROTATED = BY_NAME["rotations"].limit
MAX_BOUNDED = BY_NAME["bounded_forms"].limit
MAX_AFTER = BY_NAME["looser_after"].limit
MAX_REPEATED = BY_NAME["repeated_forms"].limit
MAX_LISTED = BY_NAME["comma_items"].limit
FUNCTION_START = BY_NAME["function_starts"].cost
