"""What round 20's walk noticed and left, fixed (helper loose21b), each behind a switch: a search
that finds nothing says so once, with what to try (``text.NOTHING_SAID_ONCE``); `define` shows one
line per expansion with its sources together (``glossary.ONE_LINE_PER_EXPANSION``); `recs` reads
the start of an id (``recs.ID_STARTS_READ``) and `to:` a name of several words
(``filters.TO_TAKES_WORDS``); a too-long `define` is told its real length
(``commands.REAL_LENGTH_SAID``); `rocu ingest` of only refused files exits 1
(``cli.library.NAMED_REFUSED_FAILS``); `define --forget` confirms the forgetting alone
(``lookup.FORGET_SAYS_ONLY``); `doc` cards hide file names made by machine
(``text.MADE_NAMES_HIDDEN``). Texts and terms (QZXW, "Quiet Zebra") were written for these tests;
the store is the seed library."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from bot import commands
from bot.cli import cli
from bot.cli import library as cli_library
from bot.commands import recs as commands_recs
from bot.glossary import lookup
from bot.recs import filters
from bot.render import glossary as render_glossary
from bot.render import text as render_text
from bot.render.blocks import reply_blocks
from bot.render.text import reply_text


def said(db, line: str) -> str:
    return reply_text(commands.dispatch(db, line))


def slack_said(db, line: str) -> str:
    return json.dumps(reply_blocks(commands.dispatch(db, line)), ensure_ascii=False)


# -- a search that finds nothing: one sentence, with what to try --------------------------------

INVENTED = "zqxvwk"  # no word of any language: written for this test


@pytest.mark.parametrize("front", [said, slack_said])
def test_nothing_found_is_said_once_with_what_to_try(db, front):
    text = front(db, f"search {INVENTED}")
    assert text.count(f"“{INVENTED}”") == 1  # the word quoted once: one sentence says it
    assert "Nothing in the library matches" not in text
    assert f"No passage holds “{INVENTED}”, in any form: try fewer or different words" in text
    assert text.count("Try fewer") == 0


def test_nothing_within_filters_says_to_loosen_them(db):
    text = said(db, "search fraud before:1901-01-01")
    lines = [line for line in text.splitlines() if "No passage holds" in line]
    assert (
        len(lines) == 1 and "within the filters" in lines[0] and ": try fewer filters" in lines[0]
    )
    assert "Nothing in the library matches" not in text


def test_switched_off_nothing_found_is_said_as_before(db, monkeypatch):
    monkeypatch.setattr(render_text, "NOTHING_SAID_ONCE", False)
    text = said(db, f"search {INVENTED}")
    assert f"No passage holds “{INVENTED}”, in any form." in text
    assert f"Nothing in the library matches “{INVENTED}”." in text


# -- `define ROCU`: one line per expansion, its sources together --------------------------------

EXPANSION = "Regional Organised Crime Unit"


def test_define_lists_an_expansion_once_with_both_sources(db):
    text = said(db, "define ROCU")
    bullets = [line for line in text.splitlines() if line.strip().startswith("•")]
    assert [line for line in bullets if EXPANSION in line] == bullets[:1] and len(bullets) == 1
    assert "library:" in bullets[0] and "curated glossary" in bullets[0]
    blocks = slack_said(db, "define ROCU")
    assert blocks.count(f"*{EXPANSION}*") == 1
    assert "curated glossary" in blocks and "library:" in blocks


def test_switched_off_define_lists_it_per_source(db, monkeypatch):
    monkeypatch.setattr(render_glossary, "ONE_LINE_PER_EXPANSION", False)
    assert said(db, "define ROCU").count(EXPANSION) == 2


# -- `recs r4a6`: the start of an id ------------------------------------------------------------


def _ids(db) -> list[str]:
    return sorted(row["id"] for row in db.query("select distinct id from recommendations"))


def _unique_start(db) -> tuple[str, str]:
    """An id and its shortest start (r and 2 or more characters, one a digit) no other id has."""
    ids = _ids(db)
    for rec_id in ids:
        for end in range(3, len(rec_id)):
            start = rec_id[:end]
            if any(ch.isdigit() for ch in start[1:]) and sum(i.startswith(start) for i in ids) == 1:
                return rec_id, start
    raise AssertionError("no id with a unique short start")


def test_the_start_of_an_id_shows_its_recommendation(db):
    rec_id, start = _unique_start(db)
    assert len(start) < 5  # shorter than the 5 characters a start needed before
    text = said(db, f"recs {start}")
    assert text.startswith(rec_id) and "Exact wording" in text


def test_a_start_of_several_ids_says_which(db):
    first, second = _ids(db)[:2]
    db.execute("update recommendations set id = 'r9a1001' where id = ?", [first])
    db.execute("update recommendations set id = 'r9a1002' where id = ?", [second])
    db.conn.commit()
    text = said(db, "recs r9a")
    assert "“r9a” begins 2 recommendations' ids (r9a1001, r9a1002)" in text
    assert "type more" in text and "No recommendations match" not in text


def test_a_start_of_no_id_says_so(db):
    ids = _ids(db)
    start = next(
        f"r9{c}" for c in "0123456789abcdef" if not any(i.startswith(f"r9{c}") for i in ids)
    )
    text = said(db, f"recs {start}")
    assert f"No recommendation has the id {start}, nor one beginning so." in text


def test_switched_off_a_short_start_is_read_as_words(db, monkeypatch):
    monkeypatch.setattr(commands_recs, "ID_STARTS_READ", False)
    _, start = _unique_start(db)
    if len(start) < 6:
        assert said(db, f"recs {start}").startswith("No recommendations match")


# -- `recs to:home office`: a name of several words ---------------------------------------------


@pytest.mark.parametrize("line", ["recs to:home office", 'recs to:"home office"'])
def test_to_takes_the_words_of_a_name(db, line):
    text = said(db, line)
    title = text.splitlines()[0]
    assert title.startswith("Recommendations (") and title.endswith(" to Home Office")
    assert "matching" not in title


def test_to_leaves_a_word_that_is_no_part_of_the_name(db):
    title = said(db, "recs to:home office funding").splitlines()[0]
    assert title.endswith(" to Home Office matching “funding”")
    title = said(db, "recs to:home funding").splitlines()[0]
    assert title.endswith(" to Home Office matching “funding”")


def test_switched_off_to_takes_one_word(db, monkeypatch):
    monkeypatch.setattr(filters, "TO_TAKES_WORDS", False)
    assert "matching “office”" in said(db, "recs to:home office").splitlines()[0]


# -- a too-long `define`: its real length, never its text ---------------------------------------


@pytest.mark.parametrize("letters", [4500, 10_000])
def test_a_too_long_term_is_told_its_real_length(db, letters):
    text = said(db, "define " + "q" * letters)
    assert f"({letters:,} characters; the most is" in text
    assert "q" * 20 not in text


def test_switched_off_the_cut_lines_length_is_told(db, monkeypatch):
    monkeypatch.setattr(commands, "REAL_LENGTH_SAID", False)
    assert "(10,000 characters" not in said(db, "define " + "q" * 10_000)


# -- `rocu ingest tool.exe`: refused, exit 1 -----------------------------------------------------


def _ingest(runner, *paths):
    return runner.invoke(cli, ["ingest", *map(str, paths)], catch_exceptions=False)


def test_ingest_of_only_a_refused_file_exits_1_in_a_sentence(runner, tmp_path):
    tool = tmp_path / "tool.exe"
    tool.write_bytes(b"MZ not a document, written for this test")
    result = _ingest(runner, tool)
    assert result.exit_code == 1
    line = next(x for x in result.output.splitlines() if str(tool) in x)
    assert line.startswith(f"refused: {tool} was not added: it is a .exe file")
    assert line.endswith("files can be read.") and "1 refused" in result.output


def test_ingest_with_one_added_and_one_refused_exits_1(runner, tmp_path):
    good = tmp_path / "note.txt"
    good.write_text("Notes on a regional meeting\n\nA paragraph written for this test.")
    tool = tmp_path / "tool.exe"
    tool.write_bytes(b"MZ")
    result = _ingest(runner, good, tool)
    assert result.exit_code == 1 and "1 added" in result.output and "1 refused" in result.output


def test_ingest_of_a_folder_skips_other_types_and_exits_0(runner, tmp_path):
    (tmp_path / "note.txt").write_text("Notes on a desk move\n\nA paragraph written for this test.")
    (tmp_path / "tool.exe").write_bytes(b"MZ")
    result = _ingest(runner, tmp_path)
    assert result.exit_code == 0 and "skipped:" in result.output and "refused" not in result.output


def test_ingest_help_says_when_it_exits_1(runner):
    help_text = " ".join(runner.invoke(cli, ["ingest", "--help"]).output.split())
    assert "a file named here is of a type it cannot read" in help_text


def test_switched_off_a_refused_file_exits_0(runner, tmp_path, monkeypatch):
    monkeypatch.setattr(cli_library, "NAMED_REFUSED_FAILS", False)
    tool = tmp_path / "tool.exe"
    tool.write_bytes(b"MZ")
    assert _ingest(runner, tool).exit_code == 0


# -- `define --forget`: the forgetting confirmed alone -------------------------------------------


@pytest.mark.parametrize("front", [said, slack_said])
def test_forgetting_confirms_it_alone(db, front):
    said(db, "define QZXW = Quiet Zebra Working group")
    text = front(db, "define --forget QZXW")
    assert "Removed the team entry for QZXW." in text
    assert "Teach it" not in text and "not in the glossary" not in text
    again = front(db, "define --forget QZXW")
    assert "There is no team entry for QZXW" in again and "Teach it" not in again


def test_forgetting_a_team_entry_still_shows_the_other_entries(db):
    said(db, "define ROCU = Quiet Zebra Rota Unit")
    text = said(db, "define --forget ROCU")
    assert text.startswith("Removed the team entry for ROCU.") and EXPANSION in text


def test_switched_off_forgetting_shows_the_look_up(db, monkeypatch):
    monkeypatch.setattr(lookup, "FORGET_SAYS_ONLY", False)
    said(db, "define QZXW = Quiet Zebra Working group")
    assert "Teach it" in said(db, "define --forget QZXW")


# -- `doc` cards: no file names made by machine -------------------------------------------------


def _seed_doc(db) -> dict:
    return next(db.query("select id, file, title from documents order by id limit 1"))


@pytest.mark.parametrize("front", [said, slack_said])
def test_a_seed_card_shows_its_title_not_its_made_file_name(db, front):
    doc = _seed_doc(db)
    assert render_text.MADE_NAME.match(doc["file"])  # the seeds' names are made by machine
    text = front(db, f"doc {doc['id']}")
    assert doc["file"] not in text and doc["title"][:40] in text


def test_a_name_given_by_a_person_is_still_shown():
    doc = SimpleNamespace(file="county-lines-notes.pdf", url=None)
    assert render_text.shown_file(doc) == "county-lines-notes.pdf"
    made = SimpleNamespace(file="004_3947157ef8c98b54.txt", url="https://www.example.org/a")
    assert render_text.shown_file(made) == "example.org"
    assert render_text.shown_file(SimpleNamespace(file=made.file, url=None)) is None


def test_switched_off_the_made_name_is_shown(db, monkeypatch):
    monkeypatch.setattr(render_text, "MADE_NAMES_HIDDEN", False)
    doc = _seed_doc(db)
    assert doc["file"] in said(db, f"doc {doc['id']}")
