"""Search over the seed library and small made-up libraries: typos, phrases, exclusions,
filters, expanders, diversity, empty results, excerpts and the JSON shape."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from bot.library.ingest import ingest
from bot.search import candidates as candidates_mod
from bot.search import plan as plan_mod
from bot.search import ranking as search_mod
from bot.search.excerpts import ELLIPSIS
from bot.search.ranking import search


def passage_text(db, result) -> str:
    doc_id, ordinal = result.passage_id.rsplit("#", 1)
    row = db.execute(
        "select text from passages where doc_id = ? and ordinal = ?", [doc_id, int(ordinal)]
    ).fetchone()
    return row[0]


def write_library(folder, documents: dict[str, list[str]]):
    """Text files whose paragraphs (long enough not to be merged) become passages."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, paragraphs in documents.items():
        (folder / name).write_text("\n\n".join(paragraphs) + "\n")
    return folder


def para(text: str) -> str:
    filler = " The meeting also covered routine business and the minutes were agreed."
    return text + filler * 2


# -- typos and variants ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, corrected, expected",
    [
        ("natinal crime agncy", "national crime agency", "national crime agency"),
        ("survelance operations", "surveillance operations", "surveillance"),
        (
            "stratgic policng requirment",
            "strategic policing requirement",
            "strategic policing requirement",
        ),
    ],
)
def test_typos_and_variants_are_corrected_and_said(db, query, corrected, expected):
    response = search(db, query)
    assert response.corrected == corrected
    assert expected in response.results[0].excerpt.lower()


def test_correction_keeps_capitals(db):
    assert search(db, "Natinal Crime Agency").corrected == "National Crime Agency"


def test_known_words_and_other_forms_are_not_corrected(db):
    assert search(db, "county lines").corrected is None
    # "uncertainty" is never written, but the stemmed index knows "uncertainties": no typo
    response = search(db, "funding uncertainty")
    assert response.corrected is None
    assert "uncertainties" in response.results[0].excerpt.lower()


def test_a_variant_spelling_the_library_lacks_is_searched_beside_the_word(db):
    # "organized" is English, so it is never replaced; the seed library writes "organised".
    response = search(db, "organized crime groups")
    assert response.corrected is None
    assert response.also == "organised crime groups"
    assert "Also showing results for: organised crime groups" in response.notes
    assert "organised crime group" in response.results[0].excerpt.lower()


def test_a_word_the_library_uses_is_searched_as_typed(empty_db, tmp_path):
    docs = {
        f"common-{i}.txt": [para(f"Report {i} on organised crime in the region.")]
        for i in range(25)
    }
    docs["rare.txt"] = [para("A rare report on organized crime written in American spelling.")]
    ingest(empty_db, [write_library(tmp_path / "lib", docs)])
    response = search(empty_db, "organized crime")
    assert response.corrected is None and response.also is None
    assert "organized crime" in response.results[0].excerpt


def test_vocabulary_follows_the_library(empty_db, tmp_path):
    ingest(empty_db, [write_library(tmp_path / "a", {"a.txt": [para("Ordinary words only.")]})])
    assert not search(empty_db, "zebracorn").results
    ingest(empty_db, [write_library(tmp_path / "b", {"b.txt": [para("The zebracorn unit.")]})])
    response = search(empty_db, "zebracon")
    assert response.corrected == "zebracorn"
    assert "zebracorn" in response.results[0].excerpt


# -- phrases, proximity, exclusions ------------------------------------------------------------


def test_quoted_phrase_must_appear_together(db):
    response = search(db, '"spending review"')
    assert response.results
    for result in response.results:
        assert "spending review" in passage_text(db, result).lower()


def test_words_together_rank_above_words_scattered(empty_db, tmp_path):
    docs = {
        "apart.txt": [para("Lines of enquiry were many; the county council was consulted.")],
        "together.txt": [para("Officers described county lines drug dealing in the town.")],
    }
    ingest(empty_db, [write_library(tmp_path / "lib", docs)])
    results = search(empty_db, "county lines").results
    assert len(results) == 2
    assert "county lines" in results[0].excerpt


def test_exclusions_leave_passages_out(db):
    assert any("review" in passage_text(db, r).lower() for r in search(db, "funding", 20).results)
    response = search(db, "funding -review", limit=20)
    assert response.results
    for result in response.results:
        assert not re.search(r"\breview", passage_text(db, result), re.I)


def test_excluded_phrase(db):
    response = search(db, 'spending -"spending review"', limit=20)
    assert response.results
    assert all("spending review" not in passage_text(db, r).lower() for r in response.results)


# -- filters ------------------------------------------------------------------------------------


def test_type_filter(db):
    results = search(db, "type:hansard crime", limit=20).results
    assert results and {r.type for r in results} == {"hansard"}


def test_type_filter_forgives_prefix_and_typo(db):
    assert {r.type for r in search(db, "type:committee crime").results} == {"committee-report"}
    assert {r.type for r in search(db, "type:hansad crime").results} == {"hansard"}


def test_unknown_type_says_which_types_exist(db):
    response = search(db, "type:podcast crime")
    assert not response.results
    assert "hansard" in response.notes[0]


def test_doc_filter(db):
    results = search(db, "doc:pac-soc-2019 crime", limit=20).results
    assert results and {r.doc_id for r in results} == {"pac-soc-2019"}


def test_unknown_doc_suggests(db):
    response = search(db, "doc:pac-soc crime")
    if response.results:  # close enough to be found
        assert {r.doc_id for r in response.results} == {"pac-soc-2019"}
    response = search(db, "doc:zzzz crime")
    assert not response.results and "zzzz" in response.notes[0]


def test_date_filters(db):
    later = search(db, "from:2017 crime", limit=20).results
    assert later and all(r.date and r.date >= "2017" for r in later)
    earlier = search(db, "before:2014 crime", limit=20).results
    assert earlier and all(r.date and r.date < "2014" for r in earlier)
    month = search(db, "from:2013-11 before:2013-12 crime", limit=20).results
    assert month and {r.date for r in month} == {"2013-11"}


def test_speaker_filter(db):
    results = search(db, "speaker:browne crime", limit=20).results
    assert results and all("Browne" in r.speaker for r in results)


def test_filters_alone_list_passages(db):
    response = search(db, "doc:pac-soc-2019")
    assert len(response.results) == 5 and response.total > 5
    assert [r.passage_id for r in response.results][0] == "pac-soc-2019#0"


def test_filters_with_only_punctuation_words_still_list(db):
    results = search(db, "_ type:blog").results
    assert results and {r.type for r in results} == {"blog"}


def test_unknown_filter_is_searched_as_words(db):
    assert search(db, "colour:county lines").results


# -- expanders (the glossary plugs in here) -----------------------------------------------------


@pytest.fixture
def expander():
    table = {}

    def fake(db, text):
        return table.get(text.lower(), [])

    search_mod.QUERY_EXPANDERS.append(fake)
    yield table
    search_mod.QUERY_EXPANDERS.remove(fake)


def test_expander_alternatives_are_searched_and_exact_ranks_first(empty_db, tmp_path, expander):
    docs = {
        "short.txt": [para("The ACME unit met in March.")],
        "long.txt": [para("The alpha bravo charlie unit met in April.")],
    }
    ingest(empty_db, [write_library(tmp_path / "lib", docs)])
    expander["acme"] = ["alpha bravo charlie"]
    results = search(empty_db, "ACME").results
    assert len(results) == 2
    assert "ACME" in results[0].excerpt and "alpha bravo charlie" in results[1].excerpt


def test_expander_is_offered_runs_of_words(empty_db, tmp_path, expander):
    docs = {"short.txt": [para("The ACME unit met in March.")]}
    ingest(empty_db, [write_library(tmp_path / "lib", docs)])
    expander["alpha bravo charlie"] = ["ACME"]
    results = search(empty_db, "alpha bravo charlie unit").results
    assert results and "ACME unit" in results[0].excerpt


def test_a_failing_expander_does_not_break_search(db):
    def broken(db, text):
        raise RuntimeError("boom")

    search_mod.QUERY_EXPANDERS.append(broken)
    try:
        assert search(db, "county lines").results
    finally:
        search_mod.QUERY_EXPANDERS.remove(broken)


def test_a_failing_expander_logs_where_it_failed_never_the_words(db, caplog):
    def broken(db, text):
        raise ValueError(f"cannot read {text}")  # a message that quotes the user's words

    search_mod.QUERY_EXPANDERS.append(broken)
    try:
        with caplog.at_level("DEBUG"):
            assert search(db, "county lines zanzibarish").results
    finally:
        search_mod.QUERY_EXPANDERS.remove(broken)
    assert "ValueError" in caplog.text
    assert "zanzibarish" not in caplog.text and "county" not in caplog.text


# -- diversity, paging, nothing found -------------------------------------------------------------


def test_the_per_document_cap_holds_in_the_top_five(db):
    from bot.search.diversity import PER_DOCUMENT

    results = search(db, "organised crime", limit=5).results
    assert len(results) == 5 and PER_DOCUMENT < 5
    assert max(Counter(r.doc_id for r in results).values()) <= PER_DOCUMENT


def test_doc_filter_lifts_the_diversity_cap(db):
    results = search(db, "doc:pac-soc-2019 organised crime", limit=5).results
    assert len(results) == 5 and {r.doc_id for r in results} == {"pac-soc-2019"}


def test_pages_do_not_repeat(db):
    first = search(db, "crime", limit=5).results
    second = search(db, "crime", limit=5, offset=5).results
    assert second
    assert not {r.passage_id for r in first} & {r.passage_id for r in second}


def test_some_words_when_no_passage_has_all(db):
    response = search(db, "county lines zzzqqq")
    assert response.results and response.notes
    assert "county lines" in response.results[0].excerpt.lower()


def test_nothing_found_suggests_close_words(db):
    response = search(db, "zzcrimezz")
    assert not response.results
    assert "crime" in response.suggestions


@pytest.mark.parametrize(
    "query",
    [
        "",
        '"',
        "-crime",
        "NEAR(county lines, 2) OR funding*",
        "county AND OR NOT lines",
        "'; DROP TABLE passages; --",
        "<!channel> county lines",
        "\x02county\x03 lines",
        "ünïcödé crime",
        "crime " * 200,
        "x" * 10_000,
    ],
)
def test_anything_typed_is_safe(db, query):
    response = search(db, query)
    for result in response.results:
        assert "\x02" not in result.excerpt and "\x03" not in result.excerpt
    assert db.execute("select count(*) from passages").fetchone()[0] > 0


# -- excerpts and JSON ----------------------------------------------------------------------------


def test_excerpts_are_exact_slices_with_highlights_on_query_words(db):
    for result in search(db, "covert surveillance oversight", limit=5).results:
        text = passage_text(db, result)
        assert text[result.excerpt_start : result.excerpt_end] in result.excerpt
        assert len(result.excerpt) <= 360
        assert result.excerpt.startswith(ELLIPSIS) == (result.excerpt_start > 0)
        for start, end in result.highlights:
            marked = result.excerpt[start:end].lower()
            assert marked.startswith(("covert", "surveil", "oversight"))


def test_json_shape(runner):
    from bot.cli import cli

    out = runner.invoke(cli, ["search", "natinal", "crime", "agncy", "--json"], obj={})
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["corrected"] == "national crime agency"
    assert {"query", "corrected", "total", "results", "suggestions"} <= set(data)
    result = data["results"][0]
    assert {
        "doc_id",
        "file",
        "title",
        "date",
        "type",
        "speaker",
        "passage_id",
        "excerpt",
        "score",
        "highlights",
    } <= set(result)
    assert "*" not in result["excerpt"] and "\x1b" not in result["excerpt"]
    for start, end in result["highlights"]:
        assert 0 <= start < end <= len(result["excerpt"])
    marked = {result["excerpt"][s:e].lower() for s, e in result["highlights"]}
    assert {"national", "crime", "agency"} <= marked  # (the glossary may add "NCA")


def test_text_says_what_was_corrected_and_what_to_try(runner):
    from bot.cli import cli

    out = runner.invoke(cli, ["search", "survelance"], obj={})
    assert "Showing results for: surveillance" in out.output
    out = runner.invoke(cli, ["search", "zzcrimezz"], obj={})
    assert "No passage holds “zzcrimezz”, in any form: try" in out.output  # said once (round 20)
    assert "crime" in out.output and "define" in out.output


def test_search_command_accepts_exclusions(runner):
    from bot.cli import cli

    out = runner.invoke(cli, ["search", "funding", "-review"], obj={})
    assert out.exit_code == 0 and "funding" in out.output.lower()


@pytest.mark.parametrize("max_ranked", [0, 10**9])
def test_queries_of_only_common_words_look_for_them_side_by_side(db, monkeypatch, max_ranked):
    # Pretend the seed library is big and these words common, as "I think that" is in a
    # million passages: the words are then fetched as a phrase (bm25-ranked or not).
    monkeypatch.setattr(plan_mod, "COMMON_FROM", 1)
    monkeypatch.setattr(candidates_mod, "COMMON_SHARE", 0.0)
    monkeypatch.setattr(candidates_mod, "MAX_RANKED", max_ranked)
    phrase = search(db, '"organised crime groups"', limit=20).results
    response = search(db, "organised crime groups", limit=len(phrase))
    assert phrase and {r.passage_id for r in response.results} == {r.passage_id for r in phrase}


def test_batch_gives_the_same_objects_as_single_queries(runner, tmp_path):
    from bot.cli import cli

    queries = [
        "natinal crime agncy",
        "how are ROCUs funded?",
        "organized crime groups",
        '"spending review" -drugs',
        "",
        "zzcrimezz",
        "county lines type:hansard",
    ]
    path = tmp_path / "queries.txt"
    path.write_text("\n".join(queries) + "\n", encoding="utf-8")
    out = runner.invoke(cli, ["search", "--batch", str(path), "--json", "-n", "3"], obj={})
    assert out.exit_code == 0, out.output
    lines = out.output.splitlines()
    assert len(lines) == len(queries)
    for query, line in zip(queries, lines, strict=True):
        batched = json.loads(line)
        assert batched["query"] == query
        if not query:
            assert batched["results"] == []
            continue
        single = runner.invoke(cli, ["search", "--json", "-n", "3", query], obj={})
        assert single.exit_code == 0, single.output
        assert batched == json.loads(single.output)


def test_batch_misuse_is_one_clear_sentence(runner, tmp_path):
    from bot.cli import cli

    path = tmp_path / "queries.txt"
    path.write_text("county lines\n")
    for args, said in [
        (["search", "--batch", str(path)], "add --json"),
        (["search", "--batch", str(path), "--json", "county"], "not both"),
        (["search", "--batch", str(tmp_path / "missing.txt"), "--json"], "cannot read"),
        (["search"], "Give some words"),
    ]:
        out = runner.invoke(cli, args, obj={})
        assert out.exit_code != 0
        assert said in out.output and "Traceback" not in out.output
    path.write_bytes(b"\xff\xfe county\n")
    out = runner.invoke(cli, ["search", "--batch", str(path), "--json"], obj={})
    assert out.exit_code != 0 and "cannot read" in out.output
