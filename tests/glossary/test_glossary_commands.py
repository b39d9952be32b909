"""`/rocu define` and `rocu define` / `rocu glossary`: replies, rendering (text, JSON, Block Kit),
teaching and forgetting, hostile input, and the evaluation figures."""

from __future__ import annotations

import json

import pytest

from bot import commands
from bot.cli import cli
from bot.eval import ACRONYM_SET, eval_acronyms
from bot.render import blocks as b
from bot.render.text import reply_text

MATCH_KEYS = {"acronym", "expansion", "description", "source", "documents", "example"}


def run(runner, *args, code=0):
    result = runner.invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result.output


def all_text(blocks: list[dict]) -> str:
    return json.dumps(blocks, ensure_ascii=False)


# -- the /rocu command ----------------------------------------------------------------------------


@pytest.mark.parametrize("line", ["define ROCU", "def rocus", "whatis ROCUs", "DEFINE rocu"])
def test_define_aliases_answer_in_the_channel(db, line):
    reply = commands.dispatch(db, line)
    assert reply.kind == "define" and reply.public
    assert reply.data.matches[0].entry.headword == "ROCU"
    assert "Regional Organised Crime Unit" in reply_text(reply)


@pytest.mark.parametrize("line", ["define R.O.C.U.", "define r.o.c.u", "define R. O. C. U."])
def test_an_acronym_typed_with_full_stops_is_looked_up_without_them(db, line, monkeypatch):
    reply = commands.dispatch(db, line)
    assert reply.data.matches and reply.data.matches[0].entry.headword == "ROCU"
    from bot.glossary import index

    monkeypatch.setattr(index, "DOTTED_ACRONYMS", False)
    assert not commands.dispatch(db, line).data.matches


def test_full_stops_do_not_make_other_words_acronyms(db):
    reply = commands.dispatch(db, "define e.g.")
    assert not reply.data.matches


def test_unknown_term_answers_privately_and_offers_search(db):
    reply = commands.dispatch(db, "define HMRX", commands.Context(user="U7"))
    assert reply.kind == "define" and not reply.public
    text = reply_text(reply)
    assert "not in the glossary" in text and "HMRC" in text and "search HMRX" in text
    rendered = all_text(b.reply_blocks(reply))
    assert "define HMRC" in rendered  # a "did you mean" button
    assert "search HMRX" in rendered  # the offer to search
    assert db["glossary_misses"].get(1)["asked_by"] == "U7"


def test_teaching_from_slack_records_who(db):
    reply = commands.dispatch(
        db,
        "define NPCC = National Police Chiefs' Council -- the chiefs' body",
        commands.Context(user="U123"),
    )
    team = [m.entry for m in reply.data.matches if m.entry.source == "team"]
    assert team[0].added_by == "U123" and team[0].description == "the chiefs' body"
    assert "team entry, added by U123" in reply_text(reply)
    reply = commands.dispatch(db, "define --forget NPCC", commands.Context(user="U123"))
    assert "Removed" in reply_text(reply)
    assert not [m for m in reply.data.matches if m.entry.source == "team"]


def test_team_entry_shows_the_display_name_and_when_beside_the_others(db):
    context = commands.Context(user="U0TEACHER", user_name="Priya Shah")
    reply = commands.dispatch(db, "define NCA = National Crime Authority -- old name", context)
    sources = [m.entry.source for m in reply.data.matches]
    assert sources == ["library", "curated", "team"]  # beside, not above
    team = reply.data.matches[-1].entry
    assert (team.added_by, team.added_by_name) == ("U0TEACHER", "Priya Shah")
    today = team.added_at[:10]
    assert f"team entry, added by Priya Shah on {today}" in reply_text(reply)
    rendered = all_text(b.reply_blocks(reply))
    assert "Priya Shah" in rendered and "library" in rendered and "curated" in rendered
    # without a display name, the id is shown
    commands.dispatch(db, "define NCA = Nobody Cares Anyway", commands.Context(user="U0OTHER"))
    reply = commands.dispatch(db, "define NCA", commands.Context(user="U0OTHER"))
    assert "team entry, added by U0OTHER on" in reply_text(reply)
    assert "Priya Shah" not in reply_text(reply)


def test_teaching_and_forgetting_go_through_one_permission_check(db, monkeypatch):
    asked = []

    def only_editors(db, context):
        asked.append(context.user)
        return context.user == "U0EDITOR"

    monkeypatch.setattr(commands, "may_edit_glossary", only_editors)
    reply = commands.dispatch(db, "define XYZZ = Nope Nope", commands.Context(user="U0RANDOM"))
    assert reply.kind == "usage" and not reply.public and "editors" in reply_text(reply)
    reply = commands.dispatch(db, "define --forget NCA", commands.Context(user="U0RANDOM"))
    assert reply.kind == "usage"
    assert db["glossary_team"].count == 0
    reply = commands.dispatch(db, "define ROCU", commands.Context(user="U0RANDOM"))
    assert reply.kind == "define" and reply.data.matches  # looking up needs no permission
    reply = commands.dispatch(db, "define XYZZ = Yes Yes", commands.Context(user="U0EDITOR"))
    assert reply.kind == "define" and db["glossary_team"].count == 1
    assert asked == ["U0RANDOM", "U0RANDOM", "U0EDITOR"]


@pytest.mark.parametrize(
    "line",
    [
        "define",
        "define    ",
        "define " + "x" * 5000,
        "define '; DROP TABLE glossary_team; --",
        "define <!channel>",
        "define <!channel> = everyone",
        'define " OR 1=1',
        "define NEAR(a b) AND *",
        "define --forget",
        "define = = =",
    ],
)
def test_hostile_input_gets_a_sentence(db, line):
    reply = commands.dispatch(db, line, commands.Context(user="U1"))
    assert reply.kind in ("usage", "define")
    text = reply_text(reply)
    assert text.strip() and "Traceback" not in text
    blocks = b.reply_blocks(reply)
    assert "<!channel>" not in all_text(blocks)
    assert db["documents"].count == 5


# -- Block Kit ---------------------------------------------------------------------------------


def test_define_blocks_bold_expansion_and_marked_example(db):
    reply = commands.dispatch(db, "define NCA")
    blocks = b.reply_blocks(reply)
    assert blocks[0]["type"] == "header" and "NCA" in blocks[0]["text"]["text"]
    text = all_text(blocks)
    assert "*National Crime Agency*" in text
    assert "curated glossary" in text and "library: defined in" in text
    example = reply.data.matches[0].example
    quote = next(
        blk for blk in blocks if blk["type"] == "section" and blk["text"]["text"][0] == ">"
    )
    first_span = example.text[slice(*example.highlights[0])]
    assert f"*{first_span}*" in quote["text"]["text"]
    assert "Used in 5 documents" in text
    for block in blocks:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= b.MAX_SECTION
    assert len(blocks) <= b.MAX_BLOCKS


def test_team_text_is_escaped_in_blocks(db):
    commands.dispatch(db, "define QQX = Quite <b>Queer</b> & odd -- see <@U999>")
    text = all_text(b.reply_blocks(commands.dispatch(db, "define QQX")))
    assert "<b>" not in text and "<@U999>" not in text
    assert "&lt;b&gt;Queer" in text and "&amp; odd" in text


# -- the command line ------------------------------------------------------------------------


def test_cli_define_json_shape(runner):
    data = json.loads(run(runner, "define", "rocus", "--json"))
    assert data["query"] == "rocus" and data["suggestions"] == []
    assert data["matches"] and all(MATCH_KEYS <= set(m) for m in data["matches"])
    first = data["matches"][0]
    assert first["acronym"] == "ROCU" and first["source"] == "library"  # the documents first
    assert {"doc_id", "title", "mentions"} <= set(first["documents"][0])
    example = first["example"]
    start, end = example["highlights"][0]
    assert example["text"][start:end].upper().startswith("ROCU")


def test_cli_teach_forget_and_list(runner):
    output = run(
        runner,
        "define",
        "NPCC",
        "=",
        "National",
        "Police",
        "Chiefs'",
        "Council",
        "--",
        "replaced",
        "ACPO",
        "in",
        "2015",
    )
    assert "Saved the team entry" in output
    data = json.loads(run(runner, "define", "NPCC", "--json"))
    team = [m for m in data["matches"] if m["source"] == "team"]
    assert team[0]["expansion"] == "National Police Chiefs' Council"
    assert team[0]["description"] == "replaced ACPO in 2015"
    listing = json.loads(run(runner, "glossary", "--json"))["entries"]
    assert {"NPCC", "team"} in [{e["acronym"], e["source"]} for e in listing]
    assert "Removed the team entry" in run(runner, "define", "--forget", "NPCC")
    listing = json.loads(run(runner, "glossary", "--json"))["entries"]
    assert not [e for e in listing if e["source"] == "team"]
    assert "curated" in run(runner, "glossary")


def test_cli_missing_terms(runner):
    run(runner, "define", "FLOOB")
    run(runner, "define", "FLOOB")
    run(runner, "define", "ZARQ")
    rows = json.loads(run(runner, "glossary", "--missing", "--json"))["missing"]
    assert [(r["term"], r["count"]) for r in rows] == [("FLOOB", 2), ("ZARQ", 1)]
    assert "FLOOB" in run(runner, "glossary", "--missing")
    run(runner, "glossary", "--missing", "--since", "not-a-date", code=2)


def test_cli_bad_teaching_exits_with_a_message(runner):
    output = run(runner, "define", "NCA", "=", code=1)
    assert "What does NCA stand for?" in output


# -- evaluation --------------------------------------------------------------------------------


def test_eval_acronyms_meets_its_targets_on_the_seeds(db):
    lines = []
    figures = eval_acronyms(db, ACRONYM_SET, echo=lines.append)
    assert figures["terms"] >= 8
    assert figures["accuracy"] == 1.0 and figures["coverage"] == 1.0, figures
    assert lines and "accuracy" in lines[0]
    assert db["glossary_misses"].count == 0  # evaluation does not pollute the missing list


def test_eval_acronyms_reports_wrong_answers(db, tmp_path):
    wrong = tmp_path / "set.jsonl"
    wrong.write_text('{"term": "NCA", "acronym": "NCA", "expansion_has": ["nothing like it"]}\n')
    figures = eval_acronyms(db, wrong, echo=lambda line: None)
    assert figures["accuracy"] == 0.0 and figures["misses"]
