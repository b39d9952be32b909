"""Recommendation extraction: each pattern, lists, addressees, precision on debates and blogs,
summaries, status across re-ingest, filters, and the CLI, command and JSON front ends."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from bot import commands
from bot.library import ingest
from bot.library.documents import document_text
from bot.recs import addressees
from bot.recs.extract import extract
from bot.recs.summary import summarise
from bot.recs.tracker import (
    RecommendationError,
    get_recommendation,
    list_recommendations,
    parse_filter,
    set_status,
)

REPORT = """Home Affairs Committee: policing fraud

Fraud is now the most common crime. The Department told us that forces should do more.
Police and Crime Commissioners should invest in capability, some witnesses said, but it is
unclear how forces should prioritise it.

Recommendation: Within three months, the Home Office and HMT should agree a multi-year funding
settlement for economic crime units.

Recommendation: The NCA should publish its fraud threat assessment by 31 March 2021. This should
include data from every force.
"""

NUMBERED = """Review of regional tasking

Our findings are set out above.

Recommendations

1. The College of Policing should publish guidance on regional tasking within six months.

2. Chief constables should share surveillance capability across each region.
"""

LETTER = """A response to the inspection

I welcome the report. ROCUs need more staff. There are several issues that need to be reformed.
A single multi-year grant for each unit would go some way to remedy these problems. I would also
recommend that government considers a lead force model for ROCU budgets. This model works well for
counter-terrorism and it should be considered here.

We are in firm agreement that there needs to be a partnership approach. Should the Home Office
fund this?

I would therefore recommend action on the following issues:

- The need for local oversight of covert surveillance.
- PCCs need to be able to demonstrate how they respond to national threats.

- The national response to fraud needs to be urgently reviewed.

More generally, there needs to be more preventative work.
"""

BLOG = """Working together

We all recognise that there needs to be much more focus on prevention. We should be applying
prevention to top level offences. I urge the public to give the agency time.
"""

CATALOGUE = """
[documents."report.txt"]
id = "hac-fraud"
title = "Policing fraud"
date = "2020-08-31"
type = "committee-report"
author = "Home Affairs Committee"

[documents."numbered.txt"]
id = "tasking-review"
title = "Review of regional tasking"
date = "2021-01-15"
type = "report"
author = "Review team"

[documents."letter.txt"]
id = "pcc-letter"
title = "A response to the inspection"
date = "2020-02-10"
type = "letter"
author = "A Police and Crime Commissioner"

[documents."blog.txt"]
id = "chief-blog"
title = "Working together"
date = "2014-01-01"
type = "blog"
author = "A chief constable"
"""


@pytest.fixture
def library(tmp_path, empty_db):
    folder = tmp_path / "library"
    folder.mkdir()
    for name, text in {
        "report.txt": REPORT,
        "numbered.txt": NUMBERED,
        "letter.txt": LETTER,
        "blog.txt": BLOG,
    }.items():
        (folder / name).write_text(text)
    (folder / "catalogue.toml").write_text(CATALOGUE)
    report = ingest.ingest(empty_db, [folder])
    assert not report.failed, report.failed
    return empty_db, folder


def recs_of(db, doc_id):
    return list_recommendations(db, f"doc:{doc_id}")


def texts(db, doc_id):
    return [r.text for r in recs_of(db, doc_id)]


# -- extraction patterns ----------------------------------------------------------------------


def test_labelled_paragraphs_only_in_a_labelled_report(library):
    db, _ = library
    recs = recs_of(db, "hac-fraud")
    assert [r.text.split()[:3] for r in recs] == [
        ["Within", "three", "months,"],
        ["The", "NCA", "should"],
    ]
    # the label is not part of the wording; the sentence carrying the call on joins it
    # (a wrapped paragraph's lines are joined at cleaning: bot/library/wrapped.py)
    assert recs[1].text.endswith("This should include data from every force.")
    # findings prose is not a recommendation: reported words, indirect questions
    assert not any("told us" in r.text or "unclear how" in r.text for r in recs)


def test_label_addressees_deadlines_and_due_dates(library):
    db, _ = library
    first, second = recs_of(db, "hac-fraud")
    assert first.addressees == ["Home Office", "HM Treasury"]
    assert first.deadline_text == "Within three months"
    assert first.due == dt.date(2020, 11, 30)  # 31 August + three months, clamped
    assert second.addressees == ["National Crime Agency"]
    assert second.due == dt.date(2021, 3, 31)
    assert first.made_by == "Home Affairs Committee"
    assert "funding" in first.themes and "fraud" in second.themes


def test_numbered_list_under_a_recommendations_heading(library):
    db, _ = library
    recs = recs_of(db, "tasking-review")
    assert [r.addressees for r in recs] == [["College of Policing"], ["chief constables"]]
    assert recs[0].text.startswith("The College of Policing should publish guidance")
    assert recs[0].due == dt.date(2021, 7, 15)
    assert "surveillance oversight" in recs[1].themes
    assert not any("findings" in r.text for r in recs)


def test_letter_prose_patterns(library):
    db, _ = library
    found = texts(db, "pcc-letter")
    assert any(t.startswith("A single multi-year grant") for t in found)
    lead_force = next(t for t in found if "lead force model" in t)
    assert lead_force.startswith("I would also recommend that government considers")
    assert lead_force.endswith("it should be considered here.")  # the carried-on sentence
    assert any(t == "More generally, there needs to be more preventative work." for t in found)


def test_letter_precision(library):
    db, _ = library
    found = " ".join(texts(db, "pcc-letter"))
    assert "need to be reformed" not in found  # a relative clause
    assert "partnership approach" not in found  # a statement of agreement
    assert "Should the Home Office" not in found  # a question
    assert "I welcome the report" not in found and "ROCUs need more staff" not in found
    assert "following issues" not in found  # the list's introduction is not itself one


def test_each_bullet_is_its_own_recommendation_across_a_blank_line(library):
    db, _ = library
    recs = [r for r in recs_of(db, "pcc-letter") if r.intro]
    assert [r.text for r in recs] == [
        "The need for local oversight of covert surveillance.",
        "PCCs need to be able to demonstrate how they respond to national threats.",
        "The national response to fraud needs to be urgently reviewed.",
    ]
    assert recs[0].intro.startswith("I would therefore recommend")
    assert recs[1].addressees == ["Police and Crime Commissioners"]
    assert recs[2].addressees == []  # passive: nobody named, nobody invented
    assert recs[2].deadline_text == "urgently" and recs[2].due is None


def test_letter_addressees(library):
    db, _ = library
    lead_force = next(r for r in recs_of(db, "pcc-letter") if "lead force" in r.text)
    assert lead_force.addressees == ["government"]
    assert lead_force.made_by == "A Police and Crime Commissioner"


def test_blog_calls_are_argument_not_recommendations(library):
    db, _ = library
    assert recs_of(db, "chief-blog") == []


def test_debate_yields_nothing_even_with_calls():
    speech = "The Minister should act now. We recommend that the Home Office reviews funding."
    assert extract(speech, "hansard") == []
    assert extract(speech, "transcript") == []
    assert len(extract(speech, "letter")) == 2


def test_expectations_are_not_calls():
    text = (
        "Directive tasking should not be necessary. Our shared understanding should mean we work "
        "together. It should be possible to agree."
    )
    assert extract(text, "letter") == []


def test_seed_library(db):
    by_doc = {}
    for rec in list_recommendations(db):
        by_doc.setdefault(rec.doc_id, []).append(rec)
    assert "crime-courts-bill-2013" not in by_doc and "rocu-questions-2017" not in by_doc
    assert "nca-police-blog-2013" not in by_doc
    pac = by_doc["pac-soc-2019"]
    assert len(pac) == 6 and all(r.text == r.text.strip() for r in pac)
    assert len(by_doc["wm-pcc-rocu-letter"]) >= 8
    spr = next(r for r in pac if "Strategic Policing Requirement" in r.text)
    assert spr.addressees == ["Home Office"]  # "it should review": the previous one's addressee
    assert spr.summary.startswith("[The Home Office] should review")


def test_recommendation_text_is_the_document_exactly(db):
    for rec in list_recommendations(db):
        document = document_text(db, rec.doc_id)
        assert document[rec.start : rec.end] == rec.text


# -- addressees -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written, full",
    [
        ("NCA", "National Crime Agency"),
        ("the National Crime Agency", "National Crime Agency"),
        ("HMT", "HM Treasury"),
        ("the Treasury", "HM Treasury"),
        ("PCCs", "Police and Crime Commissioners"),
        ("police and crime commissioners", "Police and Crime Commissioners"),
        ("the Government", "government"),
        ("Forces", "police forces"),
        ("The Home Office", "Home Office"),
        ("the Widget Board", "Widget Board"),
    ],
)
def test_addressee_names(written, full):
    assert addressees.canonical(written) == full


def test_glossary_expands_acronyms_the_map_does_not_know(empty_db, monkeypatch):
    import bot.glossary.lookup

    seen = []

    def fake(db, acronym):
        seen.append(acronym)
        return {"SOCA": "Serious Organised Crime Agency", "NCA": "national crime agency"}.get(
            acronym
        )

    monkeypatch.setattr(bot.glossary.lookup, "lookup_expansion", fake)
    assert addressees.canonical("SOCA", empty_db) == "Serious Organised Crime Agency"
    assert addressees.canonical("NCA", empty_db) == "National Crime Agency"  # one spelling
    assert addressees.canonical("XYZ", empty_db) == "XYZ"
    assert "SOCA" in seen


def test_pronoun_takes_the_previous_addressee_and_passive_names_nobody():
    text = (
        "Recommendation: The Home Office should publish a plan.\n\n"
        "Recommendation: Within six months it should review the requirement.\n\n"
        "Recommendation: Funding needs to be settled."
    )
    found = extract(text, "committee-report")
    assert [f.actors for f in found] == [["The Home Office"], ["The Home Office"], []]


# -- summaries --------------------------------------------------------------------------------


def _words(text):
    return re.findall(r"\w+", text.lower())


def test_summaries_are_short_extractive_and_keep_the_addressee(db, library):
    for database in (db, library[0]):
        for rec in list_recommendations(database):
            assert 0 < len(rec.summary) <= 160
            source = set(_words(rec.text))
            bracketed = set(_words(" ".join(re.findall(r"\[[^\]]*\]", rec.summary))))
            assert set(_words(rec.summary)) <= source | bracketed, rec.summary
            lead = rec.text.split(". ")[0]
            for name in ("Home Office", "NCA", "government", "College of Policing"):
                if re.search(rf"\b{name}\b", lead.split(" should ")[0]):
                    assert name.lower() in rec.summary.lower(), rec.summary


def test_summary_drops_deadline_and_frame_and_cuts_at_a_clause():
    text = (
        "Within six months, the Home Office and NCA should provide an update on their "
        "understanding of the highest priority threats from serious and organised crime and what "
        "new insights the National Data Exploitation Centre (NDEC) is providing."
    )
    summary = summarise(text)
    assert summary == (
        "The Home Office and NCA should provide an update on their understanding of the highest "
        "priority threats from serious and organised crime…"
    )
    assert summarise("I would also recommend that government considers a lead force model.") == (
        "Government considers a lead force model."  # the ask, never "Recommend that ..."
    )
    assert len(summarise("word " * 200)) <= 160


# -- status -----------------------------------------------------------------------------------


def test_status_survives_reingest_while_the_wording_is_unchanged(library):
    db, folder = library
    first, second = recs_of(db, "hac-fraud")
    set_status(db, first.id, "accepted", by="alice", note="agreed at board")
    set_status(db, second.id, "in-progress", by="bob")
    changed = REPORT.replace(
        "Fraud is now the most common crime.", "Fraud is now by far the most common crime."
    ).replace("by 31 March 2021", "by 30 June 2021")
    (folder / "report.txt").write_text(changed)
    report = ingest.ingest(db, [folder])
    assert report.updated == ["hac-fraud"]
    again = {r.id: r for r in recs_of(db, "hac-fraud")}
    kept = again[first.id]
    assert (kept.status, kept.status_by, kept.status_note) == (
        "accepted",
        "alice",
        "agreed at board",
    )
    assert second.id not in again  # its wording changed: a new recommendation...
    (reworded,) = [r for r in again.values() if r.id != first.id]
    # ...that keeps the status of the one it rewords (a new deadline): bot.recs.carry, issue 25
    assert (reworded.status, reworded.status_by) == ("in-progress", "bob")


def test_status_survives_removal_and_readding(library):
    db, folder = library
    rec = recs_of(db, "tasking-review")[0]
    set_status(db, rec.id, "done", by="carol")
    text = (folder / "numbered.txt").read_text()
    (folder / "numbered.txt").unlink()
    ingest.ingest(db, [folder], prune=True)
    assert get_recommendation(db, rec.id) is None
    assert db["recommendations"].count_where("doc_id = ?", ["tasking-review"]) == 0
    (folder / "numbered.txt").write_text(text)
    ingest.ingest(db, [folder])
    back = get_recommendation(db, rec.id)
    assert back is not None and back.status == "implemented"  # "done" is an alias


def test_ids_are_short_unique_and_stable(db, tmp_path):
    ids = [r.id for r in list_recommendations(db)]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"r[0-9a-f]{6,}", i) for i in ids)
    other = ingest.ingest  # a second, independent store gets the same ids for the same text
    from bot.library.store import open_db

    second = open_db(tmp_path / "second.db")
    other(second, [Path(__file__).resolve().parents[2] / "seeds"])
    assert [r.id for r in list_recommendations(second)] == ids
    second.close()


def test_set_status_records_history_and_rejects_bad_input(db):
    rec = list_recommendations(db)[0]
    now = dt.datetime(2024, 5, 1, 9, 30, tzinfo=dt.UTC)
    updated = set_status(db, rec.id, "Rejected", by="dan", note="out of scope", now=now)
    assert (updated.status, updated.status_by, updated.status_at) == (
        "rejected",
        "dan",
        "2024-05-01T09:30:00+00:00",
    )
    set_status(db, rec.id, "open", by="erin")
    assert [h["status"] for h in get_recommendation(db, rec.id).history] == ["rejected", "open"]
    with pytest.raises(RecommendationError, match="Unknown status"):
        set_status(db, rec.id, "maybe")
    with pytest.raises(RecommendationError, match="No recommendation"):
        set_status(db, "rffffffffff", "done")


def test_get_by_id_prefix_and_nonsense(db):
    rec = list_recommendations(db)[0]
    assert get_recommendation(db, rec.id).text == rec.text
    assert get_recommendation(db, rec.id.upper()).id == rec.id
    assert get_recommendation(db, "#" + rec.id).id == rec.id
    for nonsense in ("", "x", "r12", "'; drop table recommendations; --", "r" + "0" * 70):
        assert get_recommendation(db, nonsense) is None
    full = get_recommendation(db, rec.id)
    assert full.passage_text and rec.text in full.passage_text


# -- filters ----------------------------------------------------------------------------------


def test_filter_words_are_fuzzy_over_text_themes_and_addressees(db):
    assert {r.doc_id for r in list_recommendations(db, "prevntative")} >= {"pac-soc-2019"}
    by_theme = list_recommendations(db, "surveillance")
    assert by_theme and all("surveillance oversight" in r.themes for r in by_theme)
    by_addressee = list_recommendations(db, "treasury")
    assert by_addressee and all("treasury" in r.text.lower() for r in by_addressee)
    assert list_recommendations(db, "zebra crossings") == []


def test_filter_doc_and_to(db):
    pac = list_recommendations(db, "doc:pac-soc-2019")
    assert len(pac) == 6 and {r.doc_id for r in pac} == {"pac-soc-2019"}
    assert list_recommendations(db, "doc:004_3947157ef8c98b54.txt") == pac
    to_nca = list_recommendations(db, "to:NCA")
    assert to_nca and all("National Crime Agency" in r.addressees for r in to_nca)
    assert list_recommendations(db, "to:national-crime-agency") == to_nca
    assert {r.id for r in list_recommendations(db, "to:pccs")} == {
        r.id for r in list_recommendations(db) if "Police and Crime Commissioners" in r.addressees
    }
    with pytest.raises(RecommendationError, match="No document"):
        list_recommendations(db, "doc:nothing-like-this")


def test_filter_due_relative_to_an_injected_today(db):
    today = dt.date(2020, 1, 1)
    overdue = list_recommendations(db, "due:overdue", today=today)
    assert [r.due for r in overdue] == [dt.date(2019, 12, 27)]
    soon = list_recommendations(db, "due:90d", today=today)
    assert soon and all(today <= r.due <= dt.date(2020, 3, 31) for r in soon)
    assert list_recommendations(db, "due:30d", today=today) == []
    set_status(db, overdue[0].id, "done")
    assert list_recommendations(db, "due:overdue", today=today) == []  # done is not overdue
    later = list_recommendations(db, "due:overdue", today=dt.date(2021, 1, 1))
    assert len(later) == 4


def test_filter_status_and_combinations(db):
    rec = list_recommendations(db, "doc:pac-soc-2019")[0]
    set_status(db, rec.id, "accepted")
    assert [r.id for r in list_recommendations(db, "status:accepted")] == [rec.id]
    assert rec.id not in {r.id for r in list_recommendations(db, "status:open")}
    combined = list_recommendations(db, "doc:pac-soc-2019 to:nca status:open measures")
    assert len(combined) == 1 and "performance measures" in combined[0].text


@pytest.mark.parametrize("bad", ["status:maybe", "due:soon", "due:", "doc:", "to:"])
def test_bad_filters_say_what_to_type(db, bad):
    with pytest.raises(RecommendationError):
        parse_filter(bad) if bad != "doc:" else list_recommendations(db, bad)


@pytest.mark.parametrize(
    "hostile",
    [
        '"unbalanced',
        "NEAR(a b)",
        "'; DROP TABLE recommendations; --",
        "<!channel>",
        "*",
        "x" * 5000,
    ],
)
def test_hostile_filters_never_raise(db, hostile):
    assert isinstance(list_recommendations(db, hostile), list)
    reply = commands.dispatch(db, f"recs {hostile}")
    assert reply.kind in ("recs", "usage")


# -- front ends -------------------------------------------------------------------------------

JSON_KEYS = {
    "id",
    "doc_id",
    "file",
    "made_by",
    "addressees",
    "deadline_text",
    "due",
    "themes",
    "summary",
    "text",
    "status",
}


def test_cli_json_shape(runner):
    from bot.cli import cli

    result = runner.invoke(cli, ["recs", "--json"], obj={})
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert set(payload) == {"recommendations"}
    assert payload["recommendations"]
    for item in payload["recommendations"]:
        assert set(item) == JSON_KEYS | {"label", "report_file", "responses", "note"}
        assert isinstance(item["addressees"], list) and isinstance(item["themes"], list)
        assert item["due"] is None or dt.date.fromisoformat(item["due"])


def test_cli_list_one_and_set_status(runner, monkeypatch):
    from bot.cli import cli

    listing = runner.invoke(cli, ["recs", "to:nca"], obj={})
    assert listing.exit_code == 0
    assert "Better co-ordination to tackle causes" in listing.output
    rec_id = re.search(r"\b(r[0-9a-f]{6,})\b", listing.output).group(1)
    one = runner.invoke(cli, ["recs", rec_id], obj={})
    assert one.exit_code == 0 and "Exact wording:" in one.output and rec_id in one.output
    monkeypatch.setenv("USER", "frank")
    done = runner.invoke(
        cli, ["recs", "--set-status", rec_id, "in-progress", "--note", "letter sent"], obj={}
    )
    assert done.exit_code == 0, done.output
    assert "Status: in-progress by frank on " in done.output and "letter sent" in done.output
    by = runner.invoke(cli, ["recs", "--set-status", rec_id, "done", "--by", "grace"], obj={})
    assert "Status: implemented by grace on " in by.output
    shown = json.loads(runner.invoke(cli, ["recs", "status:done", "--json"], obj={}).output)
    assert [r["id"] for r in shown["recommendations"]] == [rec_id]


def test_cli_errors_are_one_line(runner):
    from bot.cli import cli

    for args in (
        ["recs", "--set-status", "r000000", "done"],
        ["recs", "--set-status", "nope", "done"],
        ["recs", "due:whenever"],
        ["recs", "doc:nothing-like-this"],
    ):
        result = runner.invoke(cli, args, obj={})
        assert result.exit_code == 1, args
        assert "Traceback" not in result.output and result.output.startswith("Error: ")
    bad_status = runner.invoke(cli, ["recs", "--set-status", "r000000", "maybe"], obj={})
    assert bad_status.exit_code == 1 and "Unknown status" in bad_status.output
    none = runner.invoke(cli, ["recs", "zebra", "crossings"], obj={})
    assert none.exit_code == 0 and "No recommendations match" in none.output


def test_command_replies(db):
    reply = commands.dispatch(db, "recommendations to:nca")
    assert reply.kind == "recs" and reply.public and reply.data
    one = commands.dispatch(db, f"recs {reply.data[0].id}")
    assert one.kind == "rec" and one.data.id == reply.data[0].id
    bad = commands.dispatch(db, "recs due:someday")
    assert bad.kind == "usage" and not bad.public
    empty = commands.dispatch(db, "recs zebra crossings")
    assert empty.kind == "recs" and not empty.public
    from bot.render.text import reply_text

    assert "No recommendations match" in reply_text(empty)
    assert "Exact wording:" in reply_text(one)


def test_slack_blocks_group_by_document_with_full_text_buttons(db):
    from bot.render import blocks

    reply = commands.dispatch(db, "recs")
    rendered = blocks.reply_blocks(reply)
    assert len(rendered) <= blocks.MAX_BLOCKS
    buttons = [b["accessory"] for b in rendered if b["type"] == "section" and "accessory" in b]
    assert buttons and all(b["action_id"].startswith(blocks.ACTION_FULL) for b in buttons)
    assert len({b["action_id"] for b in buttons}) == len(buttons)
    line, _ = blocks.read_action_value(buttons[0]["value"])
    full = commands.dispatch(db, line)
    assert full.kind == "rec"
    full_blocks = blocks.reply_blocks(full)
    assert any(full.data.text.split()[0] in json.dumps(b) for b in full_blocks)
    text = json.dumps(rendered)
    # Slack dates it as the digest does (render.recs.SLACK_WORDING, round 15).
    assert "Better co-ordination to tackle causes" in text and "due 27 Mar 2020" in text


def test_slack_blocks_escape_and_page(db):
    from bot.render import blocks

    hostile = commands.dispatch(db, "recs <!channel> zzzz")
    assert "<!channel>" not in json.dumps(blocks.reply_blocks(hostile))
    reply = commands.dispatch(db, "recs")
    assert len(reply.data) > 10
    first = blocks.reply_blocks(reply)
    pager = [b for b in first if b["type"] == "actions"]
    assert pager and pager[-1]["elements"][-1]["action_id"] == blocks.ACTION_NEXT
    line, page = blocks.read_action_value(pager[-1]["elements"][-1]["value"])
    second = commands.dispatch(db, line, commands.Context(page=page))
    second.extra["page"] = page
    assert json.dumps(blocks.reply_blocks(second)) != json.dumps(first)


def test_eval_figures_on_the_shared_set(db):
    from bot.eval import eval_recommendations

    lines = []
    figures = eval_recommendations(db, echo=lines.append)
    assert figures["recall"] == 1.0
    assert figures["addressee_accuracy"] == 1.0 and figures["due_accuracy"] == 1.0
    assert lines[0].startswith("recommendations: 6/6")


def test_eval_counts_misses(db, tmp_path):
    from bot.eval import eval_recommendations

    gold = {
        "recommendations": [
            {
                "doc": "3947157ef8c98b54",
                "key": "review the  STRATEGIC policing requirement",
                "addressees": ["Home Office"],
                "due": "2020-03-27",
            },
            {
                "doc": "3947157ef8c98b54",
                "key": "agree with HM Treasury",
                "addressees": ["HM Treasury"],
                "due": "2020-01-01",
            },
            {
                "doc": "3947157ef8c98b54",
                "key": "words the report never uses",
                "addressees": [],
                "due": None,
            },
        ]
    }
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold))
    figures = eval_recommendations(db, path, echo=lambda *_: None)
    assert figures["found"] == 2 and figures["recall"] == round(2 / 3, 3)
    assert figures["addressee_accuracy"] == 0.5 and figures["due_accuracy"] == 0.5
