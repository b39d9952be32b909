"""What round 20's walk (a fresh install, the console and the command line, as a new policy officer
would use them) found, each fixed behind a switch: the confidence gate's "No good match" keeps the
notes saying how the words were read (``text.GATED_KEEPS_NOTES``); control characters and a
terminal's escape sequences in a typed line are read as spaces (``commands.CONTROLS_DROPPED``);
a mistyped command name says which command it may be (``commands.COMMAND_TYPO_HINT``); `help
banana` says there is no such command (``help.SAYS_UNKNOWN``); `unwatch 5` says there is no
watch 5; ingest's note reads "guessed its title and type". The Slack side of the first three is in
tests/slack/test_loose_ends_round20.py. Texts were written for these tests."""

from __future__ import annotations

import io

import pytest

from bot import commands
from bot.cli import cli
from bot.commands import help as commands_help
from bot.console import run
from bot.render import text as render_text
from bot.render.text import reply_text


def shell(db, text: str) -> str:
    out = io.StringIO()
    assert run(db, io.StringIO(text), out, interactive=False) == 0
    return out.getvalue()


def said(db, line: str) -> str:
    return reply_text(commands.dispatch(db, line))


# -- "No good match" keeps the notes on how the words were read ---------------------------------

NOT_A_DATE = "“before:notadate” is not a date I understand"


def test_a_gated_answer_says_a_filter_was_read_as_words(db):
    reply = commands.dispatch(db, "search fraud before:notadate")
    assert reply.extra.get("gated")  # the walk's case: held back by the confidence gate
    text = reply_text(reply)
    assert NOT_A_DATE in text and "No good match for" in text
    assert text.index(NOT_A_DATE) < text.index("No good match for")  # how it was read, first
    assert "hold all of your words" not in text and "holds all of your words" not in text


def test_switched_off_the_gated_answer_is_its_line_alone(db, monkeypatch):
    monkeypatch.setattr(render_text, "GATED_KEEPS_NOTES", False)
    text = said(db, "search fraud before:notadate")
    assert NOT_A_DATE not in text and text.startswith("No good match for")


# -- control characters and terminal escapes typed ---------------------------------------------

COLOURED = "\x1b[1mfraud\x1b[0m"  # a word pasted from a coloured terminal


@pytest.mark.parametrize("typed", [COLOURED, "fraud\x07", "\x1b[Afraud", "\x1bOAfraud\x00"])
def test_a_typed_control_character_is_read_as_a_space(db, typed):
    assert commands.route(typed) == "fraud"
    assert said(db, typed) == said(db, "fraud")
    answered = shell(db, typed + "\n")
    assert answered == shell(db, "fraud\n")
    assert "\x1b" not in answered and "\x07" not in answered


def test_right_to_left_text_and_emoji_joiners_are_kept():
    typed = "الجريمة المنظمة 👮\u200d♀️ county"
    assert commands.route(typed) == typed


def test_the_command_lines_search_reads_them_as_spaces_too(runner):
    plain = runner.invoke(cli, ["search", "fraud", "-n", "1"])
    typed = runner.invoke(cli, ["search", "\x1b[2Jfraud\x07", "-n", "1"])
    assert typed.exit_code == 0 and typed.output == plain.output


def test_switched_off_control_characters_are_kept(db, monkeypatch):
    monkeypatch.setattr(commands, "CONTROLS_DROPPED", False)
    assert commands.route(COLOURED) == COLOURED
    assert "fraud" not in commands.route("\x1b[1mfraud").split()


# -- a mistyped command name --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("helo", "`help`"), ("dgest", "`digest`"), ("dcos", "`docs`"), ("watchs", "`watch` or")],
)
def test_a_mistyped_command_says_which_it_may_be(db, typed, meant):
    text = said(db, typed)
    assert text.startswith(f"“{typed}” is not a command; did you mean {meant}")


@pytest.mark.parametrize("line", ["search helo", "fraud", "county lines", "help", "rec"])
def test_no_hint_for_a_search_asked_for_a_good_answer_or_a_short_word(db, line):
    assert "is not a command" not in said(db, line)


def test_switched_off_a_mistyped_command_is_only_searched(db, monkeypatch):
    monkeypatch.setattr(commands, "COMMAND_TYPO_HINT", False)
    assert "is not a command" not in said(db, "helo")


# -- help for no such command; unwatch a number not listed ----------------------------------------


def test_help_for_no_such_command_says_so_then_lists_them_all(db, monkeypatch):
    text = said(db, "help banana")
    assert text.startswith("There is no command “banana”; these are all of them.")
    assert "/rocu define" in text and "/rocu watch" in text
    assert "There is no command" not in said(db, "help") + said(db, "help recs")
    monkeypatch.setattr(commands_help, "SAYS_UNKNOWN", False)
    assert "There is no command" not in said(db, "help banana")


def test_unwatch_a_number_not_listed_says_there_is_none(db):
    said(db, "watch harbour patrols")
    assert said(db, "unwatch 5").startswith("There is no watch number 5. Say which watch")
    assert said(db, "unwatch abc").startswith("Say which watch")
    assert said(db, "unwatch 1").startswith("Stopped watching")


# -- ingest's note on what it guessed ------------------------------------------------------------


def test_ingest_says_it_guessed_its_title_and_type(runner, tmp_path):
    path = tmp_path / "harbour-note.txt"
    path.write_text(
        "Harbour patrol note\n\nWritten for this test. The harbour unit should patrol the outer "
        "quays twice a night during the winter months.\n"
    )
    result = runner.invoke(cli, ["ingest", str(path)])
    assert "note: harbour-note: guessed its title and type from the text" in result.output


# -- a file Slack calls application/octet-stream -------------------------------------------------

EXE = b"MZ\x90\x00" * 100  # the start of a Windows program, written for this test


def test_a_file_of_a_type_slack_does_not_know_is_named_by_its_ending(monkeypatch):
    from bot.library import fetch

    def refusal() -> str:
        with pytest.raises(fetch.FetchError) as caught:
            fetch._describe(
                EXE, "application/octet-stream", "", "https://e.org/f", "tool.exe", "xoxb-t"
            )
        return str(caught.value)

    assert refusal() == (
        "That file is a .exe file, not a document I can read "
        "(web pages, PDF, Word .docx and text files are)."
    )
    monkeypatch.setattr(fetch, "GENERIC_SAID_BY_SUFFIX", False)
    assert refusal().startswith("That file is application/octet-stream, not a document")


def test_every_help_description_starts_in_one_column(db, monkeypatch):
    def columns() -> set[int]:
        lines = said(db, "help").splitlines()
        return {
            line.index(description)
            for _, description in commands.HELP
            for line in lines
            if description in line
        }

    assert columns() == {33}  # "  /rocu " and 24 for the usage, then a space
    monkeypatch.setattr(render_text, "HELP_LONG_USAGE_OWN_LINE", False)
    assert len(columns()) > 1  # the glossary's long usage ran into its description
