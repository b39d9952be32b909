"""What buttons carry (``commands.lookup_line``): a look-up shows itself again; a line that
changes the store shows as the look-up of what it changed, or not at all."""

from __future__ import annotations

import pytest

from bot import commands


@pytest.mark.parametrize(
    "line, shown",
    [
        ("define ROCU", "define ROCU"),
        ("  define   ROCU ", "define ROCU"),
        ("def QXZ = Quokka Exchange Zone -- a test", "define QXZ"),
        ("define QXZ=Quokka", "define QXZ"),
        ("define --forget QXZ", "define QXZ"),
        ("define --forget A = B", None),
        ("county lines", "search county lines"),
        ("recs to:nca", "recs to:nca"),
        ("", "help"),
        ("watch county lines", None),
        ("unwatch 1", None),
        ("add https://example.org/x", None),
        ("remove pac-soc-2019", None),
        ("define --forget A=B", None),  # what it would show is itself a teaching line
    ],
)
def test_lookup_line(line, shown):
    assert commands.lookup_line(line) == shown


def test_every_shown_line_only_reads(db):
    for line in ("define QXZ = Quokka", "define --forget QXZ", "search x", "recs"):
        shown = commands.lookup_line(line)
        assert commands.lookup_line(shown) == shown
    before = db.execute("select count(*) from glossary_team").fetchone()[0]
    commands.dispatch(db, commands.lookup_line("define QXZ = Quokka"))
    assert db.execute("select count(*) from glossary_team").fetchone()[0] == before
