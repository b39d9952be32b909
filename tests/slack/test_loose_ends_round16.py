"""Two loose ends round 15's walk left, as a policy officer meets them in Slack (round 16):

* a hearing day's transcript saved under its date ("2031-05-06.txt") was the document
  ``2031-05-06``: all a person saw of it in ``/rocu docs`` and ``rocu doc ...``;
* ``to:`` in the list's header was said as typed ("Recommendations to vale").

Through the real Bolt app against the fake Slack, on the seed library plus the invented review of
roads policing in the Vale counties (``test_summaries_round15``) and an invented hearing day below;
no sentence of a real document, a gold file or a question set.
"""

from __future__ import annotations

import pytest
from test_summaries_round15 import said, vale  # noqa: F401 (the fixture)

from bot.library import ingest as ingest_mod
from bot.library.ingest import ingest
from bot.render import recs as render_recs

pytestmark = pytest.mark.usefixtures("every_post_valid")  # Slack took every post

# An invented hearing day (a made-up inquiry into flood wardens; no real transcript's words).
HEARING = """6 May 2031

(10.00 am)

Sir Owen Hale: Good morning. Today we hear about the flood wardens of the Marsh parishes.

MR TOBIAS QUILL (affirmed).

Questions from Counsel to the Inquiry

Ms Renn: Please tell the panel your name and your role.

Mr Quill: Tobias Quill. I kept the flood warden rota for the four Marsh parishes.

Ms Renn: How were the wardens told that the river was rising?

Mr Quill: By a text message from the gauge at the old mill, and then by telephone from me.

Ms Renn: Did every warden have a key to the sandbag store?

Mr Quill: Not every warden; two keys were kept at the church and one at the shop.

Sir Owen Hale: Thank you. We will stop there for a short break.
"""


def _header(message: dict) -> str:
    return next(b["text"]["text"] for b in message["blocks"] if b["type"] == "header")


@pytest.fixture
def hearing_day(db, tmp_path):
    folder = tmp_path / "marsh"
    folder.mkdir()
    (folder / "2031-05-06.txt").write_text(HEARING)
    assert not ingest(db, [folder]).failed
    return db.execute("SELECT id, type FROM documents WHERE file = '2031-05-06.txt'").fetchone()


def test_a_hearing_day_named_by_its_date_gets_an_id_that_says_what_it_is(rig, hearing_day):
    doc_id, kind = hearing_day
    assert kind == "transcript"
    assert doc_id == "transcript-2031-05-06"
    listing = said(rig.answer("docs"))
    assert "transcript-2031-05-06" in listing
    card = rig.answer("doc transcript-2031-05-06")
    assert "`transcript-2031-05-06` · transcript" in said(card)
    assert "Hearing transcript, 6 May 2031" in _header(card), _header(card)


def test_a_bare_date_id_again_with_the_switch_off(db, tmp_path, monkeypatch):
    monkeypatch.setattr(ingest_mod, "BARE_NAMES_TYPED", False)
    folder = tmp_path / "marsh"
    folder.mkdir()
    (folder / "2031-05-06.txt").write_text(HEARING)
    assert not ingest(db, [folder]).failed
    assert db.execute("SELECT id FROM documents WHERE file = '2031-05-06.txt'").fetchone() == (
        "2031-05-06",
    )


def test_a_named_file_keeps_its_id(db, tmp_path):
    folder = tmp_path / "marsh"
    folder.mkdir()
    (folder / "marsh-wardens-day-2031-05-06.txt").write_text(HEARING)
    assert not ingest(db, [folder]).failed
    row = db.execute("SELECT id FROM documents WHERE file LIKE 'marsh-wardens%'").fetchone()
    assert row == ("marsh-wardens-day-2031-05-06",)


def test_to_in_the_header_is_said_as_the_recommendations_name_the_addressee(rig, vale):  # noqa: F811
    head = _header(rig.answer("recs to:vale status:open due:2031 response:not-accepted"))
    assert head == (
        "Recommendations to Vale Constabulary · team status: open · response: not accepted · "
        "due in 2031"
    )
    head = _header(rig.answer("recs to:vale"))
    assert head.startswith("Recommendations to Vale Constabulary")
    # The filter as typed is still in the footer's export command.
    assert "/rocu recs export to:vale" in said(rig.answer("recs to:vale"))


def test_to_said_as_typed_with_the_switch_off(rig, vale, monkeypatch):  # noqa: F811
    monkeypatch.setattr(render_recs, "TO_AS_NAMED", False)
    assert _header(rig.answer("recs to:vale")).startswith("Recommendations to vale")
