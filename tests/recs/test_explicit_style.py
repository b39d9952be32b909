"""The "explicit-style" rule (round 4): in a list whose author says "we recommend" in most items,
the items that do not are conclusions; in a list that mostly asks with a bare "should", every
call stays.

The texts were written by me for this test (a committee on public libraries, an invented
subject); none is copied from a real document or from any evaluation set.
"""

from __future__ import annotations

from bot.recs.extract import extract
from bot.recs.extract.rules import rules_off

BODIES = [
    "the Department for Culture",
    "library authorities",
    "the Arts Council",
    "the Local Government Association",
    "county councils",
    "the British Library",
    "the Treasury",
    "the Department for Education",
    "school governors",
    "the National Archives",
    "the Reading Agency",
    "district councils",
    "the Welsh Government",
]
TASKS = [
    "publish a national standard for opening hours",
    "keep every branch open at least four days a week",
    "fund a scheme that lends laptops to pupils",
    "collect figures on visits from every branch each quarter",
    "train staff to help users with online forms",
    "share its digitised collections with branch libraries",
    "set aside a capital fund for roof repairs",
    "give every pupil a library card in the first school year",
    "appoint a governor with a brief for reading",
    "advise branches on keeping local records",
    "run a summer reading challenge in every county",
    "agree shared catalogues across their borders",
    "report each year on library use in Wales",
]


def report(explicit: bool) -> str:
    lines = ["Conclusions and recommendations", ""]
    n = 1
    for i, (body, task) in enumerate(zip(BODIES, TASKS, strict=True)):
        if explicit:
            lines.append(f"{n}. We recommend that {body} should {task}. (Paragraph {i + 3})")
        else:
            lines.append(f"{n}. {body[0].upper() + body[1:]} should {task}. (Paragraph {i + 3})")
        n += 1
        if i in (3, 8):  # a conclusion between the recommendations
            lines.append(
                f"{n}. The evidence we heard shows that branch closures should concern everyone "
                f"who cares about literacy. (Paragraph {i + 4})"
            )
            n += 1
    lines += ["", "Formal minutes", "", "The committee met on Tuesday.", ""]
    return "\n".join(lines)


def found(text: str) -> list[str]:
    return [" ".join(text[f.start : f.end].split()) for f in extract(text, "committee-report")]


def test_unmarked_items_of_an_explicit_list_are_conclusions():
    text = report(explicit=True)
    items = found(text)
    assert len(items) == 13
    assert not any("branch closures should concern" in i for i in items)
    with rules_off("explicit-style"):
        assert any("branch closures should concern" in i for i in found(text))


def test_a_list_that_asks_with_bare_calls_keeps_them_all():
    items = found(report(explicit=False))
    assert len(items) >= 13
    assert sum("should" in i for i in items) == len(items)
