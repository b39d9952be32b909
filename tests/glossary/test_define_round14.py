"""`define` of an acronym one letter longer than an entry (round 14, found by the round-13 walk:
`define SCCRC` answered with CCRC, another body). The entries here are invented for the test,
beside the seed glossary's own CCRC."""

from __future__ import annotations

import pytest

from bot.glossary import index as glossary_index
from bot.glossary import lookup as glossary
from bot.render.glossary import define_text


@pytest.fixture
def taught(db):
    glossary.teach(db, "QCRB", "Quayside Cases Review Board", user="U1")
    return db


@pytest.mark.parametrize("typed", ["SQCRB", "QCRBX", "QCRWB", "SCCRC"])
def test_a_longer_acronym_is_not_answered_as_the_shorter_one(taught, typed):
    result = glossary.define(taught, typed, record=False)
    assert not result.matches and result.corrected is None
    assert "QCRB" not in result.suggestions and "CCRC" not in result.suggestions
    text = define_text(result)
    assert f"“{typed}” is not in the glossary." in text
    assert "closest entry" not in text and "Did you mean" not in text


def test_a_doubled_letter_is_still_a_slip(taught):
    result = glossary.define(taught, "QCRBB", record=False)
    offered = result.suggestions or ([result.corrected] if result.corrected else [])
    assert "QCRB" in offered


def test_in_lower_case_or_with_a_changed_letter_it_is_read_as_before(taught):
    # a changed letter is no longer acronym ("QCRV": V beside B) and is still offered
    assert "QCRB" in glossary.define(taught, "QCRV", record=False).suggestions


def test_the_switch_off_answers_the_shorter_one_as_before(taught, monkeypatch):
    monkeypatch.setattr(glossary_index, "LONGER_ACRONYM_OWN", False)
    result = glossary.define(taught, "SQCRB", record=False)
    assert result.corrected == "QCRB"
