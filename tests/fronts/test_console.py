"""`rocu shell`: the same answers as Slack, as text; stdin read to its end; paging; odd input."""

from __future__ import annotations

import io

import pytest

from bot import commands
from bot.cli import cli
from bot.console import Console, run
from bot.render.text import reply_text


def shell(db, text: str) -> str:
    out = io.StringIO()
    assert run(db, io.StringIO(text), out, interactive=False) == 0
    return out.getvalue()


@pytest.mark.parametrize("line", ["county lines", "docs", "doc pac-soc-2019", "help", "search"])
def test_console_shows_the_same_answer_as_the_command_language(db, line):
    expected = reply_text(commands.dispatch(db, line))
    assert expected in shell(db, f"/rocu {line}\n")
    assert expected in shell(db, f"{line}\n")  # "/rocu" is optional


@pytest.mark.parametrize("line", ["search county lines", "define ROCU", "docs"])
def test_the_command_line_form_the_answers_suggest_works_here_too(db, line):
    """An unknown term's answer says "rocu search X": typed here, it is that search."""
    expected = reply_text(commands.dispatch(db, line))
    assert expected in shell(db, f"rocu {line}\n") and expected in shell(db, f"ROCU {line}\n")


def test_rocu_before_other_words_is_still_searched(db):
    expected = reply_text(commands.dispatch(db, "search rocu funding"))
    assert expected in shell(db, "rocu funding\n")


def test_several_lines_are_answered_in_order_until_eof(db):
    output = shell(db, "/rocu docs\n\n/rocu doc pac-soc-2019\n")
    docs = reply_text(commands.dispatch(db, "docs"))
    card = reply_text(commands.dispatch(db, "doc pac-soc-2019"))
    assert output.index(docs) < output.index(card)


def test_quit_stops_reading(db):
    output = shell(db, "/rocu docs\nquit\n/rocu doc pac-soc-2019\n")
    assert reply_text(commands.dispatch(db, "doc pac-soc-2019")) not in output


def test_no_input_prints_how_to_use_it(db):
    output = shell(db, "")
    assert "rocu console" in output and "/rocu help" in output


def test_more_pages_through_results(db):
    console = Console(db)
    first = console.answer("/rocu organised crime")
    assert "`more`" in first
    second = console.answer("more")
    expected = commands.dispatch(db, "organised crime", commands.Context(page=1))
    assert reply_text(expected) in second
    assert console.answer("back") == first
    assert "first page" in console.answer("back")


def test_more_before_any_search_and_past_the_end(db):
    console = Console(db)
    assert "search for something first" in console.answer("more")
    console.answer("/rocu docs")
    assert "No more results" in console.answer("more")


@pytest.mark.parametrize(
    "line",
    [
        "<!channel>",
        "x" * 5000,
        '"NEAR(a b)" OR * ^ col:x (',
        "'; DROP TABLE documents; --",
        "café 組織犯罪 🚔",
        "/rocu",
        "/rocu    ",
        "\x00\x1b[31m",
    ],
)
def test_hostile_lines_get_a_sentence(db, line):
    output = Console(db).answer(line)
    assert output and "Traceback" not in output and "went wrong" not in output
    assert db["documents"].count == 5


def test_rocu_shell_reads_piped_stdin(runner):
    result = runner.invoke(cli, ["shell"], input="/rocu county lines\n")
    assert result.exit_code == 0
    assert "rocu-questions-2017#" in result.output


def test_rocu_shell_survives_a_broken_subcommand(db, monkeypatch):
    def broken(db, argument, context):
        raise RuntimeError("boom")

    monkeypatch.setitem(commands.SUBCOMMANDS, "docs", broken)
    assert "something went wrong" in shell(db, "/rocu docs\n")


def test_piped_output_marks_the_sentence_that_answers_a_question(db, monkeypatch):
    """Bold cannot show in a file: the answering sentence is marked in plain text instead, the
    quote is otherwise as stored, and a search that is not a question marks nothing."""
    from bot.render import text as render_text
    from bot.search.ranking import search

    top = search(db, "when was the NCA launched").results[0]
    start, end = top.answer
    sentence = top.excerpt[start:end]
    out = shell(db, "/rocu search when was the NCA launched\n")
    flat = " ".join(out.split())
    assert "**" + " ".join(sentence.split()) + "**" in flat
    assert " ".join(top.excerpt.split()) in flat.replace("**", "")
    assert "**" not in shell(db, "/rocu search county lines\n")
    monkeypatch.setattr(render_text, "PLAIN_ANSWER_MARK", None)
    assert "**" not in shell(db, "/rocu search when was the NCA launched\n")


def test_recs_come_a_page_at_a_time_with_more_and_back(db):
    """`recs` in the console shows ten at a time, as Slack does; `more` the next ten; together
    the pages are the whole list `rocu recs` prints."""
    import re

    from bot.commands.recs import PAGE_SIZE
    from bot.recs.tracker import list_recommendations

    every = [rec.id for rec in list_recommendations(db, "")]
    assert len(every) > PAGE_SIZE  # the seed library has more than a page
    console = Console(db)
    ids = re.compile(r"^  (r[0-9a-f]{6}) ", re.MULTILINE)
    first = console.answer("recs")
    assert f"Recommendations 1–{PAGE_SIZE} of {len(every)}" in first
    assert "`more`" in first
    second = console.answer("more")
    assert ids.findall(first) + ids.findall(second) == every
    assert "No more results" in console.answer("more")
    assert console.answer("back") == first


def test_a_recommendation_id_that_names_none_says_so(db):
    answer = Console(db).answer("recs r0000aa")
    assert "No recommendation has the id r0000aa" in answer
    assert "Try fewer words" not in answer
    # an id that does name one still shows it in full, and words still filter
    from bot.recs.tracker import list_recommendations

    rec = list_recommendations(db, "")[0]
    assert rec.summary.split()[0] in Console(db).answer(f"recs {rec.id}")
    assert "No recommendation has the id" not in Console(db).answer("recs funding")
    assert "No recommendation has the id" not in Console(db).answer("recs recede")
