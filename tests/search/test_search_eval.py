"""`rocu eval`: search figures on the shared set and on a set given by option."""

from __future__ import annotations

import json

from bot.cli import cli


def test_eval_meets_the_search_targets(runner):
    out = runner.invoke(cli, ["eval", "--json"], obj={})
    assert out.exit_code == 0, out.output
    figures = json.loads(out.output)["search"]
    assert figures["queries"] >= 10
    assert figures["p_at_1"] >= 0.9
    assert figures["hit_at_3"] == 1.0
    assert 0 < figures["mrr"] <= 1


def test_eval_takes_another_set_and_scores_it(runner, tmp_path):
    good = {"query": "hare coursing", "relevant": ["4df6f1d3ddcea356"], "excerpt_has": ["hare"]}
    bad = {"query": "hare coursing", "relevant": ["nosuchfile"], "excerpt_has": ["zzz"]}
    path = tmp_path / "set.jsonl"
    path.write_text(json.dumps(good) + "\n\n" + json.dumps(bad) + "\n")
    out = runner.invoke(cli, ["eval", "--search-set", str(path)], obj={})
    assert out.exit_code == 0, out.output
    assert "search: 2 queries" in out.output
    assert "P@1 0.500" in out.output and "hit@3 0.500" in out.output
    assert "missed: hare coursing" in out.output


def test_eval_says_which_parts_are_missing_or_broken(runner, tmp_path):
    path = tmp_path / "broken.jsonl"
    path.write_text("{not json\n")
    out = runner.invoke(cli, ["eval", "--search-set", str(path)], obj={})
    assert out.exit_code == 0
    assert "search: cannot use" in out.output
    assert "Traceback" not in out.output


def test_eval_meets_the_question_targets(runner):
    out = runner.invoke(cli, ["eval", "--json"], obj={})
    assert out.exit_code == 0, out.output
    figures = json.loads(out.output)["questions"]
    assert figures["queries"] >= 30
    assert figures["p_at_1"] >= 0.9
    assert figures["hit_at_3"] == 1.0


def test_eval_takes_another_question_set(runner, tmp_path):
    case = {
        "query": "how many regional organised crime units are there?",
        "relevant": ["89faa2640858d296"],
        "excerpt_has": ["10 regional organised crime units"],
    }
    path = tmp_path / "questions.jsonl"
    path.write_text(json.dumps(case) + "\n")
    out = runner.invoke(cli, ["eval", "--question-set", str(path)], obj={})
    assert out.exit_code == 0, out.output
    assert "questions: 1 queries" in out.output and "hit@3 1.000" in out.output
