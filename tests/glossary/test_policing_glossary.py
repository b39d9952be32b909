"""The curated UK policing glossary, answers that name their source, and suggestions that help.

The documents written into the library here were written for these tests by the project."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import cli
from bot.glossary import lookup as glossary
from bot.library.ingest import ingest

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def run(runner, *args):
    result = runner.invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_the_curated_glossary_has_300_entries_each_naming_its_public_source():
    entries = glossary.load_curated(SEEDS / "glossary.toml")
    assert len(entries) >= 300
    assert all(e.cited and len(e.cited) > 5 for e in entries), [
        e.headword for e in entries if not e.cited
    ]
    names = {e.headword for e in entries}
    wanted = {"NCA", "ROCU", "RCCU", "NPCC", "APCC", "HMICFRS", "IOPC", "CoP", "NCTPHQ"}
    wanted |= {"PACE", "RIPA", "IPA", "POCA", "CJA", "PNC", "PND", "HOLMES", "ANPR"}
    wanted |= {"CONTEST", "Prevent", "Pursue", "OCG", "CHIS", "TIC", "NFA", "RUI", "COBR", "DNA"}
    assert wanted <= names


def test_the_packaged_glossary_is_the_same_file():
    packaged = Path(__file__).resolve().parents[2] / "bot" / "seeds" / "glossary.toml"
    assert packaged.read_bytes() == (SEEDS / "glossary.toml").read_bytes()


@pytest.mark.parametrize(
    ("term", "expansion", "source"),
    [
        ("COBR", "Cabinet Office Briefing Rooms", "Cabinet Office"),
        ("CONTEST", "Countering Terrorism", "CONTEST"),
        ("PNC", "Police National Computer", "Home Office"),
        ("PACE", "Police and Criminal Evidence Act 1984", "legislation.gov.uk"),
        ("HOLMES", "Home Office Large Major Enquiry System", "College of Policing"),
        ("CHIS", "covert human intelligence source", "Regulation of Investigatory Powers Act"),
    ],
)
def test_define_on_the_command_line_names_the_source(runner, term, expansion, source):
    text = run(runner, "define", term)
    assert expansion in text
    assert f"curated glossary, from {source}" in text or (
        "curated glossary, from" in text and source in text
    )
    data = json.loads(run(runner, "define", term, "--json"))
    curated = [m for m in data["matches"] if m["source"] == "curated"]
    assert curated and source in curated[0]["cited"]


def test_a_document_definition_comes_first_and_says_so(db, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "note.txt").write_text(
        "A note on the response.\n\nMinisters met in the Cabinet Office Briefing Rooms (COBR) "
        "twice that week, and COBR met again on Monday.\n",
        encoding="utf-8",
    )
    ingest(db, [folder])
    matches = glossary.define(db, "COBR", record=False).matches
    assert [m.entry.source for m in matches] == ["library", "curated"]
    assert matches[0].defined_in[0]["doc_id"]


def test_an_acronym_is_never_offered_an_unrelated_long_form(db):
    # PAC is an alias of the Public Accounts Committee: one letter from "PNA", but another
    # acronym, not a misspelling of it
    result = glossary.define(db, "PNA", record=False)
    assert not result.matches
    assert all(" " not in s for s in result.suggestions), result.suggestions
    assert "Public Accounts Committee" not in result.suggestions
    assert "PAC" not in result.suggestions


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("HMRX", "HMRC"), ("NCTPQH", "NCTPHQ"), ("ROCUU", "ROCU"), ("PCN", "PNC")],
)
def test_did_you_mean_offers_close_spellings_only(db, typed, meant):
    result = glossary.define(db, typed, record=False)
    offered = result.suggestions or ([result.corrected] if result.corrected else [])
    assert meant in offered


def test_an_unknown_term_the_library_uses_gets_a_sentence_and_a_search(db, tmp_path, runner):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "brief.txt").write_text(
        "A briefing.\n\nThe QZXV desk took forty referrals last quarter. Officers said the "
        "QZXV desk needs more staff.\n",
        encoding="utf-8",
    )
    ingest(db, [folder])
    result = glossary.define(db, "QZXV", record=False)
    assert not result.matches and not result.suggestions
    assert [d["doc_id"] for d in result.used_in] == ["brief"]
    assert "QZXV desk" in result.example.text
