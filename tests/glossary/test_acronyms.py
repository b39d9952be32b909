"""Finding acronym definitions in text: Schwartz-Hearst both ways, letters spelled by phrases."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.glossary import acronyms


def defs(text: str) -> list[tuple[str, str]]:
    return [(d.short, d.long) for d in acronyms.inline_definitions(text)]


def test_long_form_then_acronym_in_brackets():
    text = "The insights the National Data Exploitation Centre (NDEC) is providing."
    [definition] = acronyms.inline_definitions(text)
    assert (definition.short, definition.long) == ("NDEC", "National Data Exploitation Centre")
    assert text[definition.start : definition.end] == "National Data Exploitation Centre (NDEC)"


def test_acronym_then_long_form_in_brackets():
    text = "Each ROCU (Regional Organised Crime Unit) has a regional remit."
    assert defs(text) == [("ROCU", "Regional Organised Crime Unit")]


def test_plural_acronym_gives_the_singular_entry():
    text = (
        "Funding uncertainties are a concern for Regional Organised Crime Units (ROCUs), and more."
    )
    assert defs(text) == [("ROCU", "Regional Organised Crime Unit")]
    assert defs("The PCCs (Police and Crime Commissioners) met.") == [
        ("PCC", "Police and Crime Commissioner")
    ]


def test_long_form_by_initials_when_the_shortest_letter_match_falls_short():
    text = "the adequacy of personal protective equipment (PPE), restrictions"
    assert defs(text) == [("PPE", "personal protective equipment")]


def test_joining_words_and_ampersands_inside_long_forms():
    assert defs("reports of the Strategic Policing Requirement (SPR) say") == [
        ("SPR", "Strategic Policing Requirement")
    ]
    assert defs("a Police and Crime Commissioner (PCC) is elected") == [
        ("PCC", "Police and Crime Commissioner")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "the Member for Colchester (Will Quince) wrote",
        "as noted before (see above) the units",
        "in the year (2019) there were",
        "the report said nothing (NCA) about it",
        "an empty pair () and an unclosed (NCA",
        "",
    ],
)
def test_brackets_that_are_not_definitions(text):
    assert defs(text) == []


def test_acronym_tokens_fold_plurals_only_when_the_singular_is_used():
    text = "ROCUS rely on funding. Each ROCU and the HMICFRS and PCCs; the NCA's role; 4P and MI5."
    found = {(base, written) for base, written, _, _ in acronyms.acronym_tokens(text)}
    assert ("ROCU", "ROCUS") in found
    assert ("HMICFRS", "HMICFRS") in found  # no "HMICFR" in the text: the S is its own
    assert ("PCC", "PCCs") in found
    assert ("NCA", "NCA's") in found
    assert {("4P", "4P"), ("MI5", "MI5")} <= found
    assert not any(base in ("I", "A") for base, _, _, _ in acronyms.acronym_tokens("I said A."))


@pytest.mark.parametrize(
    "acronym, phrase, expected",
    [
        ("SOCA", "Serious Organised Crime Agency", True),
        ("UKBA", "UK Border Agency", True),
        ("HMRC", "Her Majesty's Revenue and Customs", True),
        ("HMICFRS", "Her Majesty's Inspectorate of Constabulary and Fire & Rescue Services", True),
        ("NCA", "National Crime Agency", True),
        ("NCA", "National Agency", False),
        ("NCA", "National Crime Agency Board", False),
        ("UK", "United Kingdom", True),
    ],
)
def test_spells(acronym, phrase, expected):
    assert acronyms.spells(acronym, phrase.split()) is expected


def test_phrases_across_documents_and_the_confident_choice():
    documents = [
        ("a", "Officers came from SOCA, HMRC and the UKBA."),
        ("b", "They joined the Serious Organised Crime Agency and the UK Border Agency (SOCA)."),
        ("c", "Her Majesty's Revenue and Customs, and HM Revenue and Customs, both appear."),
        (
            "d",
            "The report of Her Majesty's Inspectorate of Constabulary and Fire & Rescue Services.",
        ),
    ]
    wanted = {"SOCA", "UKBA", "HMRC", "HMICFRS"}
    found = acronyms.phrases_spelling(wanted, documents)
    used = {"SOCA": {"a", "b"}, "UKBA": {"a"}, "HMRC": {"a", "c"}, "HMICFRS": {"x"}}
    soca = acronyms.confident_phrase("SOCA", found["SOCA"], used["SOCA"])
    assert soca.phrase == "Serious Organised Crime Agency" and soca.docs == {"b"}
    # spelled out beats the form that borrows "HM"
    hmrc = acronyms.confident_phrase("HMRC", found["HMRC"], used["HMRC"])
    assert hmrc.phrase == "Her Majesty's Revenue and Customs"
    # a long acronym may be spelled out in a document that never uses it ...
    assert acronyms.confident_phrase("HMICFRS", found["HMICFRS"], used["HMICFRS"])
    # ... a short one may not: four letters match phrases by chance in a big library
    assert acronyms.confident_phrase("UKBA", found["UKBA"], used["UKBA"]) is None


def test_sentence_openers_and_two_bodies_are_not_long_forms():
    documents = [
        ("a", "Can I ask about the CI figures? The Treasury and the Department for Work met."),
    ]
    found = acronyms.phrases_spelling({"CI", "TDW"}, documents)
    assert acronyms.confident_phrase("CI", found.get("CI", {}), {"a"}) is None
    assert acronyms.confident_phrase("TDW", found.get("TDW", {}), {"a"}) is None


def test_two_equally_likely_phrases_are_not_confident():
    documents = [("x", "The Police Crime Authority met. The Planning Control Agency met the PCA.")]
    found = acronyms.phrases_spelling({"PCA"}, documents)
    assert len(found["PCA"]) == 2
    assert acronyms.confident_phrase("PCA", found["PCA"], {"x"}) is None
    documents.append(("y", "The Police Crime Authority again; the PCA again."))
    found = acronyms.phrases_spelling({"PCA"}, documents)
    assert acronyms.confident_phrase("PCA", found["PCA"], {"x", "y"}).phrase == (
        "Police Crime Authority"
    )


def test_phrase_keys_compare_spellings_and_plurals():
    assert acronyms.phrase_key("Regional Organised Crime Units") == acronyms.phrase_key(
        "regional organised crime unit"
    )
    assert acronyms.phrase_key("Fire & Rescue Services") == acronyms.phrase_key(
        "fire and rescue service"
    )
    assert acronyms.phrase_key("Her Majesty’s") == acronyms.phrase_key("Her Majesty's")


@pytest.mark.parametrize(
    "word, singular",
    [("Units", "Unit"), ("Agencies", "Agency"), ("Commissioners", "Commissioner"), ("Bus", "Bus")],
)
def test_singular_word(word, singular):
    assert acronyms.singular_word(word) == singular


def _runs_word_by_word(text: str) -> list[list[str]]:
    """``capitalised_runs`` as first written, token by token: the reference for the regex."""
    token_pattern = re.compile(r"[A-Za-z0-9][\w]*(?:['’][A-Za-z]+)?|&")
    runs, run, last_end = [], [], -1
    for match in token_pattern.finditer(text):
        token = match.group()
        gap = text[last_end : match.start()] if last_end >= 0 else " "
        joined = last_end >= 0 and gap.strip() == "" and "\n" not in gap
        capital = token[0].isupper() or token[0].isdigit() and acronyms.is_all_capital(token)
        if not joined:
            if run:
                runs.append(run)
            run = []
        if capital or (run and token.lower() in acronyms.JOINING_WORDS):
            run.append(token)
        else:
            if run:
                runs.append(run)
            run = []
        last_end = match.end()
    if run:
        runs.append(run)
    return runs


@pytest.mark.parametrize(
    "text",
    [
        "The Child Exploitation and Online Protection Centre (CEOP) and the Police Central "
        "e-Crime Unit (PCeU) met HM Revenue & Customs.",
        "d’Artagnan met the 'Home Office' at A&E, the iPhone of the NCA-led Team’s 4P plan",
        "In 2019 Reports of the 10th Regional Organised Crime Unit G7 and 4Pé Foo’s2 X_Y and",
        "Office of the\nPolice and Crime Commissioner  (OPCC)\tand\u00a0The Home Office AND The",
        "O’Brien’s Review of the Serious Fraud Office, for the Crown Prosecution Service. The",
    ],
)
def test_capitalised_runs_match_the_word_by_word_reading(text):
    assert list(acronyms.capitalised_runs(text)) == _runs_word_by_word(text)


def test_capitalised_runs_match_the_word_by_word_reading_on_the_seeds():
    for path in sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert list(acronyms.capitalised_runs(text)) == _runs_word_by_word(text), path.name
