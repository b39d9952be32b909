"""The command table is built from what the feature modules declare (``bot.commands.DECLARED``),
and the router asks the editor check before a line that changes shared things. Lines written for
these tests."""

from __future__ import annotations

from bot import commands


def test_the_table_is_what_the_features_declare_each_name_once():
    names = [name for command in commands.DECLARED for name in command.names]
    assert len(names) == len(set(names)), "a subcommand name is declared twice"
    assert list(commands.SUBCOMMANDS) == names
    for command in commands.DECLARED:
        assert all(commands.SUBCOMMANDS[name] is command.handler for name in command.names)
    assert commands.HELP == [(c.usage, c.description) for c in commands.DECLARED if c.usage]
    assert commands.dispatch(None, "help").data == commands.HELP


def test_a_channels_watches_are_for_editors_and_only_changes_are_checked(db):
    asked = []

    def editor_says_no():
        asked.append(True)
        return False

    nobody = commands.Context(user="U0NOBODY", channel="C0TEST", may_edit=editor_says_no)
    before = db["watches"].count if db["watches"].exists() else 0
    for line in ("watch quokka smuggling", "unwatch 1"):
        reply = commands.dispatch(db, line, nobody)
        assert reply.kind == "usage" and not reply.public
        assert reply.data == "Only the library's editors can change this."
    assert len(asked) == 2
    assert (db["watches"].count if db["watches"].exists() else 0) == before
    assert commands.dispatch(db, "watches", nobody).kind == "watches"  # a look-up: not asked
    personal = commands.dispatch(db, "watch me quokka smuggling", nobody)  # one's own: not asked
    assert personal.kind == "usage" and "direct messages" in personal.data
    assert len(asked) == 2


def test_a_refusal_is_the_front_ends_sentence_when_it_has_one(db):
    context = commands.Context(
        user="U0NOBODY",
        channel="C0TEST",
        may_edit=lambda: False,
        refusal=lambda: "Ask an editor (a sentence written for this test).",
    )
    for line, command in (("def QZQ = Quiet Zone Quota", "define"), ("watch quokkas", "watch")):
        reply = commands.dispatch(db, line, context)
        assert (reply.kind, reply.command, reply.public) == ("refused", command, False)
        assert reply.data == "Ask an editor (a sentence written for this test)."
    editor = commands.Context(user="U0EDITOR", channel="C0TEST", may_edit=lambda: True)
    assert commands.dispatch(db, "watch quokkas", editor).data["action"] == "added"


def test_help_with_a_subcommand_shows_its_line_alone(db):
    everything = commands.dispatch(db, "help").data
    (recs,) = commands.dispatch(db, "help recs").data
    assert recs[0].startswith("recs") and recs in everything
    assert commands.dispatch(db, "help /define").data[0][0].startswith("define")
    for other in ("help frobnicate", "help", "?"):  # no subcommand named: every line
        assert commands.dispatch(db, other).data == everything
