"""The glossary: built from the library at ingest, curated file, team entries, look-ups, misses."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from bot.glossary import lookup as glossary
from bot.library.documents import document_text, document_texts
from bot.library.ingest import ingest

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def library_entries(db) -> dict[str, dict]:
    return {row["acronym"]: row for row in db["glossary_library"].rows}


def first(db, term: str):
    result = glossary.define(db, term, record=False)
    assert result.matches, (term, result)
    return result.matches[0].entry


# -- the library glossary -------------------------------------------------------------------------


def test_inline_definitions_in_the_seeds_are_stored(db):
    found = library_entries(db)
    assert found["NDEC"]["expansion"] == "National Data Exploitation Centre"
    assert found["SPR"]["expansion"] == "Strategic Policing Requirement"
    assert found["NCA"]["expansion"] == "National Crime Agency"
    # "Regional Organised Crime Units (ROCUs)" and "(ROCU)": one singular entry, three documents
    assert found["ROCU"]["expansion"] == "Regional Organised Crime Unit"
    assert found["ROCU"]["method"] == "inline"
    assert {"pac-soc-2019", "wm-pcc-rocu-letter"} <= {
        doc for doc, _, _ in __import__("json").loads(found["ROCU"]["defined_in"])
    }


def test_acronyms_spelled_out_elsewhere_in_the_library(db):
    found = library_entries(db)
    assert found["SOCA"]["expansion"] == "Serious Organised Crime Agency"
    assert found["UKBA"]["expansion"] == "UK Border Agency"
    assert found["HMICFRS"]["expansion"] == (
        "Her Majesty's Inspectorate of Constabulary and Fire & Rescue Services"
    )
    assert found["PCC"]["expansion"] == "Police and Crime Commissioner"
    assert all(found[a]["method"] == "cross-library" for a in ("SOCA", "UKBA", "HMICFRS"))
    # never spelled out in the seeds: nothing guessed
    assert not {"ACPO", "GCHQ", "FBI", "VAT", "MI5"} & set(found)


def test_definition_offsets_point_at_the_definition(db):
    row = library_entries(db)["NDEC"]
    [[doc_id, start, end]] = __import__("json").loads(row["defined_in"])
    text = document_text(db, doc_id)
    assert text[start:end] == "National Data Exploitation Centre (NDEC)"


def test_glossary_rebuilt_when_documents_change(db, tmp_path):
    folder = tmp_path / "more"
    folder.mkdir()
    (folder / "other.txt").write_text("Another note, which stays.\n")
    doc = folder / "note.txt"
    doc.write_text(
        "A briefing note.\n\nThe Joint Fraud Analysis Intelligence Taskforce (JFAIT) met "
        "the banks. JFAIT shares intelligence.\n"
    )
    ingest(db, [folder])
    entry = first(db, "jfait")
    assert (entry.headword, entry.source) == ("JFAIT", "library")
    assert entry.expansion == "Joint Fraud Analysis Intelligence Taskforce"
    doc.unlink()
    ingest(db, [folder], prune=True)
    assert not glossary.define(db, "JFAIT", record=False).matches


# -- look-ups ------------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["ROCU", "rocu", "ROCUs", "rocus", "ROCUS", " 'ROCU' ", "Rocu?"])
def test_case_plurals_and_punctuation_lead_to_the_singular_entry(db, typed):
    result = glossary.define(db, typed, record=False)
    assert {m.entry.headword for m in result.matches} == {"ROCU"}
    assert result.corrected is None


def test_pccs_and_trailing_space(db):
    assert first(db, "PCCs").headword == "PCC"
    assert first(db, "UKBA ").headword == "UKBA"


def test_library_and_curated_both_shown_and_labelled(db):
    result = glossary.define(db, "NCA", record=False)
    sources = [m.entry.source for m in result.matches]
    assert sources == ["library", "curated"]
    library = result.matches[0]
    assert library.defined_in[0]["doc_id"] == "nca-police-blog-2013"
    assert library.defined_in[0]["title"].startswith("Fighting serious organised crime")


def test_answer_counts_documents_and_quotes_an_example(db):
    match = glossary.define(db, "NCA", record=False).matches[0]
    using = {
        doc_id
        for doc_id, text in document_texts(db)
        if re.search(r"\bNCA\b|National Crime Agency", text)
    }
    assert {d["doc_id"] for d in match.documents} == using
    example = match.example
    text = document_text(db, example.doc_id)
    assert example.text in text  # quoted exactly
    marked = {example.text[s:e] for s, e in example.highlights}
    assert marked and marked <= {"NCA", "National Crime Agency", "NCA’s", "NCA's"}
    assert example.passage_id.startswith(example.doc_id + "#")


def test_reverse_look_up_gives_the_acronym(db):
    result = glossary.define(db, "National Crime Agency", record=False)
    assert result.reverse and result.matches[0].entry.headword == "NCA"
    result = glossary.define(db, "regional organised crime units", record=False)
    assert result.reverse and result.matches[0].entry.headword == "ROCU"
    result = glossary.define(db, "the Serious Organised Crime Agency", record=False)
    assert result.matches[0].entry.headword == "SOCA"


def test_close_spelling_is_answered_and_says_so(db):
    result = glossary.define(db, "hmicfrs", record=False)
    assert result.matches[0].entry.headword == "HMICFRS"
    result = glossary.define(db, "HMICRFS", record=False)  # letters swapped
    assert result.matches and result.matches[0].entry.headword == "HMICFRS"
    assert result.corrected == "HMICFRS"
    result = glossary.define(db, "regional organized crime unit", record=False)
    assert result.matches[0].entry.headword == "ROCU" and result.corrected


def test_unsure_spelling_suggests_instead_of_answering(db):
    result = glossary.define(db, "HMRX", record=False)
    assert not result.matches
    assert "HMRC" in result.suggestions


def test_ambiguous_acronym_gives_every_entry(db):
    glossary.teach(db, "SPR", "Single Point of Reference", user="U1")
    expansions = [m.entry.expansion for m in glossary.define(db, "spr", record=False).matches]
    assert expansions[-1] == "Single Point of Reference"  # the team's, after the others
    assert expansions.count("Strategic Policing Requirement") == 2  # curated and library


def test_terms_of_the_trade(db):
    match = glossary.define(db, "county lines", record=False).matches[0]
    assert match.entry.source == "curated" and match.entry.description
    assert match.documents and "county lines" in match.example.text.lower()
    assert first(db, "4P model").headword == "4P"


# -- unknown terms ---------------------------------------------------------------------------


def test_unknown_is_recorded_and_listed_most_asked_first(db):
    for term in ["FLOOB", "floob", "Zarquon", "FLOOBs"]:
        result = glossary.define(db, term, user="U1")
        assert not result.matches and result.recorded
    since = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    assert glossary.missing_terms(db, since) == ["FLOOBs", "Zarquon"]
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)
    assert glossary.missing_terms(db, later) == []
    assert glossary.missing_terms(db, since, until=since) == []
    assert glossary.missing_counts(db)[0]["count"] == 3


def test_a_term_answered_since_it_was_asked_is_no_longer_missing(db, tmp_path, monkeypatch):
    for term in ["FLOOBs", "Zarquon", "JFAIT", "QWXZ"]:
        assert glossary.define(db, term, user="U1").recorded
    since = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    assert sorted(glossary.missing_terms(db, since)) == ["FLOOBs", "JFAIT", "QWXZ", "Zarquon"]
    # the team teaches one (singular, another case), the curated file gains one, and a new
    # document spells out a third
    glossary.teach(db, "floob", "Field Liaison Officer On Board", user="U2")
    curated = tmp_path / "glossary.toml"
    curated.write_text(
        (SEEDS / "glossary.toml").read_text(encoding="utf-8")
        + '\n[[entry]]\nterm = "Zarquon"\nexpansion = "A name from a radio play"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("ROCU_GLOSSARY", str(curated))
    folder = tmp_path / "more"
    folder.mkdir()
    (folder / "note.txt").write_text(
        "A briefing note.\n\nThe Joint Fraud Analysis Intelligence Taskforce (JFAIT) met.\n"
    )
    ingest(db, [folder])
    assert glossary.missing_terms(db, since) == ["QWXZ"]
    assert [row["term"] for row in glossary.missing_counts(db)] == ["QWXZ"]
    # every look-up was kept: forgetting the team entry makes the term missing again
    assert glossary.forget(db, "FLOOB")
    assert sorted(glossary.missing_terms(db, since)) == ["FLOOBs", "QWXZ"]


def test_known_terms_and_hostile_text_are_not_recorded(db):
    glossary.define(db, "ROCU")
    glossary.define(db, "'; DROP TABLE documents; --")
    glossary.define(db, "<!channel>")
    glossary.define(db, "x" * 5000)
    assert glossary.missing_counts(db) == []
    assert db["documents"].count == 5


@pytest.mark.parametrize("text", ["", "   ", "<!channel>", "x" * 5000, "()", "\x00\x01"])
def test_empty_or_huge_input_gets_a_sentence(db, text):
    result = glossary.define(db, text)
    assert result.error and not result.matches
    assert "\n" not in result.error


# -- team entries ----------------------------------------------------------------------------


def test_teach_shows_team_entry_beside_the_library_and_forget_removes_only_it(db):
    result = glossary.command(db, "NCA = Not the Crime Agency -- a test entry", user="U42")
    assert result.notice and not result.error
    entries = [m.entry for m in result.matches]
    # kept apart, not above: the library's, the curated file's, then the team's
    assert [e.source for e in entries] == ["library", "curated", "team"]
    assert entries[1].expansion == "National Crime Agency"
    assert (entries[-1].source, entries[-1].expansion) == ("team", "Not the Crime Agency")
    assert entries[-1].description == "a test entry" and entries[-1].added_by == "U42"
    assert glossary.lookup_expansion(db, "NCA") == "National Crime Agency"
    # teaching again replaces the team entry, never adds a second
    glossary.teach(db, "nca", "Another Expansion", user="U43")
    team = [m for m in glossary.define(db, "NCA", record=False).matches if m.entry.source == "team"]
    assert [m.entry.expansion for m in team] == ["Another Expansion"]
    assert glossary.forget(db, "NCA") is True
    assert glossary.forget(db, "NCA") is False
    sources = [m.entry.source for m in glossary.define(db, "NCA", record=False).matches]
    assert sources == ["library", "curated"]


def test_teach_a_new_term_is_found_and_reverse(db):
    glossary.command(db, "JFAIT = Joint Fraud Analysis Intelligence Taskforce", user="U1")
    assert first(db, "jfait").source == "team"
    assert first(db, "Joint Fraud Analysis Intelligence Taskforce").headword == "JFAIT"


@pytest.mark.parametrize(
    "text",
    [
        "= nothing before",
        "NCA =",
        "NCA = 12345",
        "<!channel> = everyone",
        "'; DROP TABLE x; -- = y",
        "A" * 60 + " = too long a term",
        "NCA = " + "x" * 300,
    ],
)
def test_bad_teaching_is_refused_with_a_sentence(db, text):
    result = glossary.command(db, text, user="U1")
    assert result.error and "\n" not in result.error
    assert db["glossary_team"].count == 0


def test_forget_command_says_what_happened(db):
    result = glossary.command(db, "--forget ROCU")
    assert "no team entry" in result.notice
    assert result.matches  # the library and curated entries are still there


# -- the curated file ------------------------------------------------------------------------


def test_the_seed_glossary_is_valid_and_covers_the_issue_examples():
    entries = glossary.load_curated(SEEDS / "glossary.toml")
    names = {e.headword for e in entries}
    assert {"ACPO", "GCHQ", "MI5", "MI6", "FBI", "DCC", "VAT", "4P", "county lines"} <= names
    assert all(e.expansion and e.source == "curated" for e in entries)


def test_every_all_capital_token_in_the_seeds_is_answered(db):
    tokens = set()
    for path in SEEDS.glob("*.txt"):
        tokens |= {
            t
            for t in re.findall(r"\w+", path.read_text(encoding="utf-8"))
            if len(t) >= 2 and t.upper() == t and re.search(r"[A-Z]", t)
        }
    assert len(tokens) > 10
    unanswered = [t for t in sorted(tokens) if not glossary.define(db, t, record=False).matches]
    assert unanswered == []


GOOD = '[[entry]]\nacronym = "ABC"\nexpansion = "A Bee See"\n'


@pytest.mark.parametrize(
    "text, line, words",
    [
        (GOOD + '\n[[entry]]\nacronym = "XYZ"\ndescription = "no expansion"\n', 5, "XYZ"),
        (GOOD + '\n[[entry]]\nacronym = "XYZ"\nexpanshun = "typo"\n', 7, "expanshun"),
        (GOOD + '\n[[entry]]\nexpansion = "no headword"\n', 5, "exactly one"),
        (GOOD + '\n[[entry]]\nacronym = "XYZ"\nexpansion = "X"\naliases = "one"\n', 8, "aliases"),
        (GOOD + '\n[[entry]]\nacronym = "ABC"\nexpansion = "A Bee See"\n', 5, "line 1"),
        (GOOD + '\n[[entry]]\nacronym = "XYZ\nexpansion = "broken quote"\n', 6, ""),
        ('title = "stray"\n' + GOOD, 1, "title"),
    ],
)
def test_malformed_curated_entries_name_the_line(text, line, words):
    with pytest.raises(glossary.GlossaryFileError) as caught:
        glossary.parse_curated(text, "glossary.toml")
    message = str(caught.value)
    assert f"glossary.toml, line {line}:" in message, message
    assert words in message
    assert "\n" not in message


def test_a_broken_curated_file_does_not_break_look_ups(db, tmp_path, monkeypatch):
    broken = tmp_path / "glossary.toml"
    broken.write_text(GOOD + '[[entry]]\nacronym = "XYZ"\n')
    monkeypatch.setenv("ROCU_GLOSSARY", str(broken))
    result = glossary.define(db, "NCA", record=False)
    assert [m.entry.source for m in result.matches] == ["library"]
    assert result.problems and "line 4" in result.problems[0]
    broken.write_text(GOOD)  # fixed: picked up without a restart
    assert first(db, "abc").expansion == "A Bee See"


def test_the_curated_file_is_not_ingested_as_a_document(db):
    report = ingest(db, [SEEDS])
    assert not report.skipped and not report.failed


# -- for other features ------------------------------------------------------------------------


def test_lookup_expansion(db):
    assert glossary.lookup_expansion(db, "NCA") == "National Crime Agency"
    assert glossary.lookup_expansion(db, "rocus") == "Regional Organised Crime Unit"
    assert glossary.lookup_expansion(db, "NOPE") is None
    assert glossary.lookup_expansion(db, "county lines") is None  # a term, not an acronym
    assert glossary.lookup_expansion(db, "") is None
    assert glossary.missing_counts(db) == []  # no side effects


def test_expand_for_search_both_ways_and_follows_changes(db):
    assert "regional organised crime unit" in glossary.expand_for_search(db, "rocus")
    assert "NCA" in glossary.expand_for_search(db, "national crime agency")
    assert glossary.expand_for_search(db, "crime") == []
    assert glossary.expand_for_search(db, "QWXZ") == []
    glossary.teach(db, "QWXZ", "Quick Wide Example Zone")
    assert glossary.expand_for_search(db, "QWXZ") == ["quick wide example zone"]


def test_expander_is_registered_with_search():
    from bot.search import ranking as search

    assert glossary.expand_for_search in search.query_expanders()
