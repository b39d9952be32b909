"""Diversity: at most PER_DOCUMENT passages of one document among the first TOP results (unless
``doc:`` is given), and when the results shown can no longer change (``_settled``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

TOP = 5  # diversity applies to this many results
# ...of which at most this many from one document (unless doc: is given). Three, not two: a
# question's answer is often the third passage of the document its first two come from, and
# a cap of two put a passage of another document in third place (bench/RESULTS.md, "Questions,
# round 4": on the tuning half of eval/questions-real.jsonl hit@3 rose for plain questions and
# for typed words alike; diversity never changes the order in which documents first appear, so
# the test collections' document rankings are unchanged).
PER_DOCUMENT = 3


def diversify(ranked: list, key: Callable, top: int = TOP, cap: int = PER_DOCUMENT) -> list:
    """``ranked`` with at most ``cap`` items per key in the first ``top`` places, when other keys
    can fill them; everything else keeps its order after."""
    head, rest, per_key = [], [], Counter()
    for item in ranked:
        if len(head) < top and per_key[key(item)] < cap:
            head.append(item)
            per_key[key(item)] += 1
        else:
            rest.append(item)
    return head + rest


def _settled(scored: list, wanted: int, diverse: bool, bound: float) -> bool:
    """Are the first ``wanted`` results fixed, whatever the candidates not yet scored (each
    scoring below ``bound``) are? ``scored`` is best first."""
    if diverse:
        head, rest, per_doc = [], [], Counter()
        for c in scored:
            if len(head) < TOP and per_doc[c.doc_id] < PER_DOCUMENT:
                head.append(c)
                per_doc[c.doc_id] += 1
            else:
                rest.append(c)
        if len(head) < min(TOP, wanted):  # a later candidate of another document may join it
            return False
        shown = (head + rest)[:wanted]
    else:
        shown = scored[:wanted]
    return len(shown) == wanted and min(c.score for c in shown) > bound
