"""An acronym written in capitals whose last letter is S ("ONS", "CPS") is not a plural: the
English word left when the S is cut ("on") does not find it, in search or in ``define``. The
plural of an acronym ("rocus", "NCAs") still finds it. Terms below are the seed glossary's; the
checks were written for this test."""

from __future__ import annotations

from bot.glossary import index as glossary_index
from bot.glossary import lookup as glossary


def test_on_does_not_expand_to_the_office_for_national_statistics(db):
    assert glossary.expand_for_search(db, "on") == []
    assert glossary.expand_for_search(db, "ON") == []


def test_the_acronym_itself_and_plurals_of_others_still_expand(db):
    assert "office for national statistics" in glossary.expand_for_search(db, "ONS")
    assert "office for national statistics" in glossary.expand_for_search(db, "ons")
    assert "regional organised crime unit" in glossary.expand_for_search(db, "rocus")
    assert "regional organised crime unit" in glossary.expand_for_search(db, "ROCUs")


def test_the_switch_off_restores_the_old_reading(db, monkeypatch):
    monkeypatch.setattr(glossary_index, "ACRONYM_KEEPS_S", False)
    glossary_index._CACHE.clear()
    try:
        assert "office for national statistics" in glossary.expand_for_search(db, "on")
    finally:
        glossary_index._CACHE.clear()


def test_define_on_is_not_answered_with_ons(db):
    assert not any(
        m.entry.headword == "ONS" for m in glossary.define(db, "on", record=False).matches
    )
    assert glossary.define(db, "ONS", record=False).matches[0].entry.headword == "ONS"
    assert glossary.define(db, "rocus", record=False).matches[0].entry.headword == "ROCU"
