"""The definition finder, rule by rule.

Every sentence here was written for these tests by the project, in the style of UK parliamentary
and policing text where the rule matters for policy prose, and as made-up biomedical phrases for
the rules of the ``bio`` profile; none is taken from an evaluation or gold set
(``bench/gold_check.py`` checks that no 40-character stretch of the acronym gold sets appears
under tests/ or bot/)."""

from __future__ import annotations

import pytest

from bot.glossary import acronyms


def defs(text: str, rules=None, profile=None) -> list[tuple[str, str]]:
    found = acronyms.inline_definitions(text, rules=rules, profile=profile)
    return [(d.short, d.long) for d in found]


def bio(text: str, rules=None) -> list[tuple[str, str]]:
    return defs(text, rules=rules, profile="bio")


def test_head_noun_and_hyphenated_compound_in_a_ministerial_answer():
    text = (
        "Ministers have allotted £4 million more to the Child Exploitation and Online Protection "
        "Centre (CEOP), and further sums to the Police Central e-Crime Unit (PCeU) this year."
    )
    assert defs(text) == [
        ("CEOP", "Child Exploitation and Online Protection Centre"),
        ("PCeU", "Police Central e-Crime Unit"),
    ]
    # without the head-noun rule "Centre" must give a letter, and CEOP is missed
    assert ("CEOP", "Child Exploitation and Online Protection Centre") not in defs(
        text, rules=set(acronyms.DEFAULT_RULES) - {"head_words"}
    )


def test_office_of_stays_in_the_long_form():
    text = "Each Office of the Police and Crime Commissioner (OPCC) publishes its budget."
    assert defs(text) == [("OPCC", "Office of the Police and Crime Commissioner")]


def test_determiner_inside_the_brackets_of_short_form_first():
    text = "Guidance issued by ACPO (the Association of Chief Police Officers) in 2009 said so."
    assert defs(text) == [("ACPO", "Association of Chief Police Officers")]
    assert defs(text, rules=set(acronyms.DEFAULT_RULES) - {"bracket_words"}) == []


def test_mixed_case_short_forms_are_defined_and_counted_as_uses():
    text = (
        "the Department for Education (DfE), the Ministry of Justice (MoJ) and the National "
        "Counter Terrorism Security Office (NaCTSO) agreed"
    )
    assert defs(text) == [
        ("DfE", "Department for Education"),
        ("MoJ", "Ministry of Justice"),
        ("NaCTSO", "National Counter Terrorism Security Office"),
    ]
    used = {base for base, _, _, _ in acronyms.acronym_tokens("The PCeU and the MoJ's view.")}
    assert used == {"PCeU", "MoJ"}
    names = "McDonald wrote in PowerPoint; the ROCUs met."
    assert {b for b, _, _, _ in acronyms.acronym_tokens(names)} == {"ROCU"}


def test_digits_and_number_words():
    assert defs("Leaders of the Group of Seven (G7) met in June.") == [("G7", "Group of Seven")]


def test_known_as_and_stands_for():
    assert defs("the National Ballistics Intelligence Service, known as NABIS, holds") == [
        ("NABIS", "National Ballistics Intelligence Service")
    ]
    assert defs("Here CEOP stands for Child Exploitation and Online Protection Centre, and") == [
        ("CEOP", "Child Exploitation and Online Protection Centre")
    ]
    assert defs("NABIS, known as the service, holds") == []


def test_short_form_with_a_note_after_it_in_the_brackets():
    assert defs("the National Crime Agency (NCA; formerly SOCA) said") == [
        ("NCA", "National Crime Agency")
    ]


def test_a_long_form_does_not_start_inside_a_hyphenated_prefix_word_without_need():
    assert defs("All staff received anti-money laundering training (MLT) last year.") == [
        ("MLT", "money laundering training")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "the Home Secretary (Theresa May) said",
        "as the Minister (Mr Browne) replied",
        "the figures for that year (NCA data) show",
        "officers from several forces attended (ROCU)",
    ],
)
def test_brackets_that_define_nothing(text):
    assert defs(text) == []


def test_define_answers_for_an_ingested_written_answer(db, tmp_path):
    from bot.glossary import lookup
    from bot.library.ingest import ingest

    folder = tmp_path / "answers"
    folder.mkdir()
    (folder / "written-answer.txt").write_text(
        "Online safety: written answer.\n\n"
        "The Department has committed £3 million to the Child Exploitation and Online "
        "Protection Centre (CEOP) and to the Police Central e-Crime Unit (PCeU), working with "
        "the Office of the Police and Crime Commissioner (OPCC) in each area and with ACPO (the "
        "Association of Chief Police Officers). CEOP and the PCeU report each quarter.\n",
        encoding="utf-8",
    )
    ingest(db, [folder])
    expected = {
        "CEOP": "Child Exploitation and Online Protection Centre",
        "pceu": "Police Central e-Crime Unit",
        "OPCC": "Office of the Police and Crime Commissioner",
        "acpo": "Association of Chief Police Officers",
    }
    for term, long in expected.items():
        matches = lookup.define(db, term, record=False).matches
        library = [m.entry for m in matches if m.entry.source == "library"]
        assert [e.expansion for e in library] == [long], term


# Rules that find some of the same definitions as another: off together for its test.
OVERLAPS = {
    "comma_lists": {"comma_items"},
    "the_start": {"function_starts"},  # "The Policing Foundation (TPF)"
    "greek_letters": {"shared_tails"},  # "retinoic acid receptor beta (RAR beta)"
    "repeated_forms": {"bounded_forms"},  # "... data quality unit (PNCU). The PNCU ..."
}
BIO_ONLY = acronyms.BIO_RULES - acronyms.DEFAULT_RULES
IN_NO_PROFILE = set(acronyms.RULES) - acronyms.BIO_RULES  # dropped by the protocol: named only


def with_rule(rule: str) -> set[str]:
    profile = acronyms.BIO_RULES if rule in BIO_ONLY else acronyms.DEFAULT_RULES
    return set(profile) | {rule}


def without(rule: str) -> set[str]:
    return with_rule(rule) - {rule} - OVERLAPS.get(rule, set())


def test_biomedical_rules_are_off_by_default_and_on_in_the_bio_profile():
    assert {"units", "kind_words", "greek_letters", "numbered_kinds"} <= BIO_ONLY
    assert not BIO_ONLY & acronyms.DEFAULT_RULES
    assert acronyms.DEFAULT_RULES < acronyms.BIO_RULES
    text = "a 55 kDa membrane binding protein (MBP55) was found"
    assert defs(text) == []
    assert bio(text) == [("MBP55", "55 kDa membrane binding protein")]


def test_every_rule_has_an_entry_with_an_example_and_a_profile():
    for rule in acronyms.TABLE:
        assert rule.allows and rule.example, rule.name
        assert rule.profiles or rule.name in IN_NO_PROFILE, rule.name
        assert rule.cost >= 0 and (rule.limit is None or rule.limit > 0), rule.name
    assert len({rule.name for rule in acronyms.TABLE}) == len(acronyms.TABLE)


# Each rule on a sentence of the kind it is for; with the rule switched off the definition is
# missed or mis-bounded, so each test can fail. Rules of the bio profile are run with it.
RULE_CASES = [
    (
        "two_word_forms",
        "Departments follow His Majesty's Government Concept of Operations (HMG CONOPs) in a "
        "crisis.",
        ("HMG CONOP", "His Majesty's Government Concept of Operation"),
    ),
    (
        "capital_titles",
        "Detainees are held under the POLICE AND CRIMINAL EVIDENCE ACT 1984 (PACE) codes.",
        ("PACE", "POLICE AND CRIMINAL EVIDENCE ACT 1984"),
    ),
    (
        "plus_forms",
        "Every force joined the Secure Data Exchange Service Plus (SDES+) in its first year.",
        ("SDES+", "Secure Data Exchange Service Plus"),
    ),
    (
        "paragraph_joins",
        "This review looks at how the forces of the region work in a crisis with the Cabinet "
        "Office\n\nBriefing Rooms (COBR) and with the regional units.",
        ("COBR", "Cabinet Office Briefing Rooms"),
    ),
    (
        "square_brackets",
        "Referrals fell sharply (odds ratio [OR] 0.4, confidence interval [CI] 0.2-0.8).",
        ("OR", "odds ratio"),
    ),
    (
        "square_brackets",
        "The case was passed to the Serious Fraud Office [SFO] in March.",
        ("SFO", "Serious Fraud Office"),
    ),
    (
        "inner_brackets",
        "Funding for the Child Exploitation and Online Protection (CEOP) Command (CEOPC) rose.",
        ("CEOPC", "Child Exploitation and Online Protection (CEOP) Command"),
    ),
    (
        "inner_brackets",
        "The samples held a poly(U) tract binding factor (PUBF) at low levels.",
        ("PUBF", "poly(U) tract binding factor"),
    ),
    (
        "prefix_runs",
        "Cells made more transcriptional coactivator (TRANSCO) after the shock.",
        ("TRANSCO", "transcriptional coactivator"),
    ),
    (
        "greek_prefixes",
        "Levels of alpha-crystallin chaperone domain (CCD) fell in older tissue.",
        ("CCD", "alpha-crystallin chaperone domain"),
    ),
    (
        "slash_names",
        "The drug blocks the sodium/potassium pump regulator (PPR) in the gut.",
        ("PPR", "potassium pump regulator"),
    ),
    (
        "greek_letters",
        "Serum retinoic acid receptor beta (RAR beta) was measured twice.",
        ("RAR beta", "retinoic acid receptor beta"),
    ),
    (
        "roman_numerals",
        "Children with glycogen storage disease type III (GSD3) were followed up.",
        ("GSD3", "glycogen storage disease type III"),
    ),
    (
        "numbered_kinds",
        "The tissue repair factor (TRF4) was raised in every wound.",
        ("TRF4", "tissue repair factor"),
    ),
    (
        "comma_lists",
        "The force runs a Prevention, Intervention, Support and Enforcement (PISE) strand.",
        ("PISE", "Prevention, Intervention, Support and Enforcement"),
    ),
    (
        "the_start",
        "The survey was run by The Policing Foundation (TPF) in 2019.",
        ("TPF", "The Policing Foundation"),
    ),
    (
        "bracket_pairs",
        "Each unit (Regional Organised Crime Unit, ROCU) reports to a board.",
        ("ROCU", "Regional Organised Crime Unit"),
    ),
    (
        "quoted",
        "Referrals go to the National Crime Agency (“NCA”) within a day.",
        ("NCA", "National Crime Agency"),
    ),
    (
        "spaced_forms",
        "It binds the growth hormone receptor type I (GHR I, see above) strongly.",
        ("GHR I", "growth hormone receptor type I"),
    ),
    (
        "slash_forms",
        "Cases go to the Association of Chief Police Officers (ACPO/NPCC) first.",
        ("ACPO", "Association of Chief Police Officers"),
    ),
    (
        "later_forms",
        "Activity of the citrate cleavage enzyme (EC 4.1.3.8; CCE) doubled.",
        ("CCE", "citrate cleavage enzyme"),
    ),
    (
        "inner_colons",
        "We purified the NADH:flavin oxidoreductase 2 (NFO2) from the extract.",
        ("NFO2", "NADH:flavin oxidoreductase 2"),
    ),
    (
        "short_camels",
        "Levels of phosphatidylserine (PtdSer) rose after the treatment.",
        ("PtdSer", "phosphatidylserine"),
    ),
    (
        "pairs_after",
        "Funding went to the panel (HMICFRS, His Majesty's Inspectorate of Constabulary "
        "and Fire and Rescue Services) in May.",
        (
            "HMICFRS",
            "His Majesty's Inspectorate of Constabulary and Fire and Rescue Services",
        ),
    ),
    (
        "repeated_forms",
        "Returns go to police national computer data quality unit (PNCU) staff. "
        "The PNCU found gaps.",
        ("PNCU", "police national computer data quality unit"),
    ),
    (
        "comma_items",
        "Adverts for food high in fat, sugar, salt (HFSS) were restricted.",
        ("HFSS", "high in fat, sugar, salt"),
    ),
    (
        "compound_words",
        "Members of the TLR (Toll-like-receptor) family were counted.",
        ("TLR", "Toll-like-receptor"),
    ),
    (
        "rotations",
        "Inhibitors of protein kinase C2 (C2PK) were tried in mice.",
        ("C2PK", "protein kinase C2"),
    ),
    (
        "for_lead",
        "Data pass through SOCEX (for Serious Organised Crime Exchange) each week.",
        ("SOCEX", "Serious Organised Crime Exchange"),
    ),
    (
        "shared_tails",
        "It activates the phosphoinositide 5-phosphatase (PI 5-phosphatase) route.",
        ("PI 5-phosphatase", "phosphoinositide 5-phosphatase"),
    ),
    (
        "function_starts",
        "Cells making A Kinase Interacting Protein (AKIP) grew faster.",
        ("AKIP", "A Kinase Interacting Protein"),
    ),
    (
        "kind_words",
        "Some children had hereditary spastic paraplegia type 4 syndrome complex (HSP4) early.",
        ("HSP4", "hereditary spastic paraplegia type 4 syndrome complex"),
    ),
    (
        "named_parts",
        "A joint letter from the NPCC/APCC (Association of Police and Crime Commissioners) "
        "followed.",
        ("APCC", "Association of Police and Crime Commissioners"),
    ),
    (
        "looser_after",
        "Test-fired cases go to NABIS (national firearms and ballistics forensic intelligence "
        "service) for comparison.",
        ("NABIS", "national firearms and ballistics forensic intelligence service"),
    ),
    (
        "bounded_forms",
        "The review praised the National Fraud Intelligence Data Analysis Bureau Team (NFIB).",
        ("NFIB", "National Fraud Intelligence Data Analysis Bureau Team"),
    ),
    (
        "or_forms",
        "The Regional Organised Crime Unit (ROCU or RCU) leads the work.",
        ("ROCU", "Regional Organised Crime Unit"),
    ),
    (
        "nested_brackets",
        "Cells need CaSR (calcium(2+) sensing receptor) to respond.",
        ("CaSR", "calcium(2+) sensing receptor"),
    ),
    (
        "coordinated",
        "funding the Regional and National Crime Units (RCU and NCU) in each force",
        ("NCU", "National Crime Units"),
    ),
    (
        "bracket_starts",
        "It binds the tumour (TNF)-receptor-linked kinase (TRK) tightly.",
        ("TRK", "tumour (TNF)-receptor-linked kinase"),
    ),
    (
        "shared_heads",
        "Staff from the regional (RCCU) and national (NCCU) cyber crime units met.",
        ("NCCU", "national cyber crime units"),
    ),
    (
        "bracketed_forms",
        "Patients with a peak flow rate at 2 minutes (PFR(2)) below half were excluded.",
        ("PFR(2)", "peak flow rate at 2 minutes"),
    ),
    (
        "numbered_names",
        "The CDK-4/cyclin kinase (CK) complex was purified.",
        ("CK", "cyclin kinase"),
    ),
    (
        "units",
        "a 55 kDa membrane binding protein (MBP55) was found",
        ("MBP55", "55 kDa membrane binding protein"),
    ),
]


@pytest.mark.parametrize(("rule", "text", "pair"), RULE_CASES)
def test_each_rule_finds_its_kind_of_definition(rule, text, pair):
    assert pair in defs(text, rules=with_rule(rule))
    assert pair not in defs(text, rules=without(rule))


def test_the_rules_the_protocol_dropped_are_in_no_profile():
    assert IN_NO_PROFILE == {"square_brackets", "bounded_forms"}
    assert defs("The case was passed to the Serious Fraud Office [SFO] in March.") == []


def test_every_rule_has_a_test_above():
    tested = {rule for rule, _, _ in RULE_CASES}
    # rules exercised by the other tests of this file (head_words and bracket_words switched off
    # there too; the rest only used): the basic spelling rules every policy text needs
    elsewhere = {"head_words", "bracket_words", "letter_start", "skipped_words", "inner_letters"}
    elsewhere |= {"hyphen_parts", "mixed_case", "digits", "known_as", "stands_for"}
    untested = set(acronyms.RULES) - tested - elsewhere
    assert untested == set()


def test_a_title_in_capitals_must_spell_the_short_form_with_its_initials():
    assert defs("THE REPORT OF THE PANEL (TROP) IS HERE") == []
    assert defs("NOTES ON THE NATIONAL TABLE (NCA) FOLLOW") == []


def test_a_lone_letter_never_starts_a_long_form():
    text = "Deficiency of the vitamin b transport carrier (BTC) was rare."
    assert ("BTC", "b transport carrier") not in bio(text)


def test_a_numbered_kind_needs_a_close_match():
    # a digit no word gives is allowed only when every other letter comes from an initial
    assert bio("the surface marker (SM60) binds") == []
    assert bio("the tissue repair factor (TRF4) was raised") == [("TRF4", "tissue repair factor")]


def test_comma_lists_stop_at_items_not_in_title_case():
    text = "In London, Police Scotland and others, the Metropolitan Police Service (MPS) said so."
    assert defs(text) == [("MPS", "Metropolitan Police Service")]


def test_skipped_capitalised_words_cost_less_in_a_capitalised_long_form():
    text = (
        "evidence from the British Association for Applied Nutrition and Nutritional Therapy (BANT)"
    )
    assert defs(text) == [
        ("BANT", "British Association for Applied Nutrition and Nutritional Therapy")
    ]
    lower = text.lower().replace("(bant)", "(BANT)").replace("from the", "from")
    assert defs(lower) == []


def test_a_slash_keeps_one_short_form_whose_long_form_has_a_slash_too():
    text = "binds the border/customs-associated units (BAUs/CAUs) selectively"
    assert bio(text) == []
    assert bio("the family liaison (FL1/FL2) officers") == []  # numbered members of one kind


def test_pairs_after_never_take_other_short_forms_for_a_long_form():
    assert bio("Three units (ROCU1, ROCU2 and ROCU3) met.") == []


def test_rotations_keep_a_numbered_kind_and_a_weight():
    assert bio("Interleukin-9 and type 3 heat shock protein (HSP3) are crucial.") == [
        ("HSP3", "type 3 heat shock protein")
    ]
    assert bio("the 55 kDa membrane binding protein (MBP55) and") == [
        ("MBP55", "55 kDa membrane binding protein")
    ]
    # a short form with a spaced numeral is never rotated
    assert ("SD I", "type I SD") not in bio("Twelve patients had Smith type I SD (SD I).")


def test_repeated_forms_need_the_short_form_used_again_and_every_digit_given():
    once = "Returns go to police national computer data quality unit (PNCU) staff."
    assert defs(once) == []
    # a digit no word gives is never taken on the looser limit
    twice = "the mobile data link terminal (MDT3) failed. MDT3 was replaced."
    assert defs(twice) == [] and bio(twice) == []


def test_comma_items_in_either_order_but_never_a_list_of_other_names():
    text = "a HSA (housing, safeguarding, and addiction) panel"
    assert defs(text) == [("HSA", "housing, safeguarding, and addiction")]
    assert defs("the unit ROCU1 (RCU12, RCU17, or RCU18) met") == []


def test_a_word_broken_in_extraction_is_not_taken_on_the_looser_limit():
    text = "delivered with W aste Resources and A ction Programme (WRAP), which WRAP runs"
    assert defs(text) == []


def test_a_compound_word_is_never_the_long_form_of_a_numeral_or_of_a_part_of_it():
    assert bio("officers at grade II (non-warranted-staff) level") == []
    assert bio("the wild-type tPA (r-tPAwt) was given") == []


def test_coordinated_forms_need_both_long_forms_and_distribute_members():
    text = (
        "Each region has two desks, ROCD1 and ROCD2 (for regional organised crime desks 1 and 2)."
    )
    assert defs(text) == [
        ("ROCD1", "regional organised crime desks 1"),
        ("ROCD2", "regional organised crime desks 2"),
    ]
    text = "funding the Regional and National Crime Units (RCU and NCU) in each force"
    assert defs(text) == [("RCU", "Regional Crime Units"), ("NCU", "National Crime Units")]
    # one long form found is not enough
    assert defs("staff from the county and borough teams (CT and XBT), along with") == []


def test_a_long_form_never_holds_its_short_form_inside_a_word():
    assert defs("Staff should talk to the family about CPR (complete DNACPR form if needed).") == []


def test_a_bracketed_prefix_is_left_out_of_the_long_form():
    assert defs("The protein has a C(4)H(2)ring domain (RD) motif.") == [("RD", "ring domain")]


def test_the_looser_limits_keep_to_bounded_long_forms():
    # a costly alignment is taken when the brackets bound the long form ("SF (long form)") or
    # it runs from a clause's start or an article, never from the middle of a clause
    text = "cases go to NABIS (national firearms and ballistics forensic intelligence service) now"
    assert defs(text) == [
        ("NABIS", "national firearms and ballistics forensic intelligence service")
    ]
    text = "forces praised National Fraud Intelligence Data Analysis Bureau Team (NFIB) staff"
    assert defs(text) == []


def test_a_bracketed_short_form_is_never_defined_by_a_phrase_holding_its_stem():
    assert bio("One strong TF site (TF(+)) and two weak ones were found.") == []


def test_shared_heads_take_the_fewest_head_words_for_both_forms():
    text = "Staff from the regional (RCCU) and national (NCCU) cyber crime units met."
    assert defs(text) == [
        ("RCCU", "regional cyber crime units"),
        ("NCCU", "national cyber crime units"),
    ]
    assert defs("It was seen in the north (NE) and south (SW) of the region.") == []


def test_a_long_text_asks_whether_a_short_form_is_used_again_as_a_short_one_does():
    # past a few dozen look-aheads the text's words are indexed once: the same answers
    filler = "".join(f"They met the panel (Q{chr(65 + i % 26)}Z{i}) again. " for i in range(40))
    used = "Returns go to police national computer data quality unit (PNCU) staff. "
    for text in (used, filler + used):
        assert ("PNCU", "police national computer data quality unit") in defs(
            text + "The PNCU found gaps."
        )
        assert defs(text + "An anti-PNCU campaign and PNCU-led audits.") == []
