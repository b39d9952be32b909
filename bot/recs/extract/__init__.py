"""Find the recommendations a document makes: where they are, who they ask, who makes them.

Detectors (``detectors.py``, a registry kept as data, each switchable for ablation) run on the
whole document and propose candidates with their provenance (detector, heading path, label,
offsets): labelled items ("Recommendation 3: ..."), a response's quoted recommendations (with the
answer beside each), the numbered items of a recommendations section, the calls of a
"Conclusions and recommendations" section, imperative or gerund items under a
recommendations-like heading or lead-in, and sentences that recommend ("We recommend that",
"X should"). One resolver (``resolver.py``) drops contents pages and boilerplate, scores each
candidate's confidence (the document's type may lower it), merges overlaps and restatements, and
keeps what is left. Addressees (``actors.py``) are then filled in document order.

Modules: ``calls`` (what a call is), ``structure`` (blocks, headings, sections, contents pages),
``labelled``, ``responses``, ``sentences``, ``imperatives`` (the detectors' workings),
``actors`` (addressees), ``found`` (the result), ``detectors`` (the registry), ``resolver``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.recs.extract.actors import (
    _fill_actors,
    call_subject,
    lead_in_actors,
    names_someone,
    noun_phrase,
)
from bot.recs.extract.calls import CALL_TYPES, MODAL, RECOMMEND_VERB, RECOMMENDER
from bot.recs.extract.detectors import (
    DETECTORS,
    FALLBACK,
    candidates,
    disabled,
    fallback_candidates,
)
from bot.recs.extract.found import Found
from bot.recs.extract.imperatives import addressed_lead_in
from bot.recs.extract.letters import SECOND_PERSON, asks_recipient, recipient
from bot.recs.extract.resolver import resolve
from bot.recs.extract.responses import stance
from bot.recs.extract.rules import on
from bot.recs.extract.structure import Document

__all__ = [
    "CALL_TYPES",
    "DETECTORS",
    "MODAL",
    "RECOMMENDER",
    "RECOMMEND_VERB",
    "Found",
    "call_subject",
    "disabled",
    "extract",
    "noun_phrase",
    "stance",
]


def extract(
    text: str, doc_type: str | None = None, repeated: Callable[[str], bool] | None = None
) -> list[Found]:
    """The recommendations in a document's cleaned text, in document order. ``repeated``, when
    given, says whether a candidate's text is boilerplate repeated across the library."""
    doc = Document(text, (doc_type or "").lower())
    found = resolve(doc, candidates(doc), repeated)
    if not found and on("fallback-after-resolving") and FALLBACK.enabled:
        # (rule "fallback-after-resolving": a reply's prose answers, where the other detectors'
        # proposals all fell: "I accept that every victim should have ..." proposed as a call)
        found = resolve(doc, fallback_candidates(doc), repeated)
    last: list[str] = []
    you = recipient(text) if found else None
    for item in found:
        if item.kind == "concern":
            continue  # a coroner's matter of concern: sent to every recipient, asks no one
        _fill_actors(text, item, last)
        body = text[item.start : item.end]
        asked = SECOND_PERSON.search(body) or asks_recipient(body)
        if on("asking-lead-in-lists") and item.detector == "imperative" and item.intro:
            asked = asked or SECOND_PERSON.search(item.intro)  # "I ask you to take these steps:"
        if you and not item.actors and asked:
            item.actors = [you]  # a letter's "you should", "we urge you to": its recipient
        if item.intro and (not item.actors or item.pronoun_for):
            # a lead-in gives its addressee to each of its items
            inherited = lead_in_actors(item.intro)
            if inherited:
                pronoun = re.match(r"\s*(?:it|they)\b", text[item.start : item.end], re.I)
                item.actors = inherited
                item.pronoun_for = inherited[0] if pronoun else None
        owner_first = on("owner-cell-first") or (on("owner-header-first") and item.owner_named)
        if owner_first and item.owned and item.heading_actors:
            # a table's owner cell names who owns the action, before the text's grammatical
            # subject ("The agreement should be updated", owner "Chief Executive, OPCC")
            item.actors = list(item.heading_actors)
        if not item.actors and item.heading_actors:
            item.actors = list(item.heading_actors)
        if item.addressed and item.heading_actors:
            # "For the Department for Transport:" above it: the heading names whom it asks (rule
            # "addressee-headings"), before a subject its own words have
            item.actors = list(item.heading_actors)
        if item.intro and item.detector == "imperative":
            addressed, who = addressed_lead_in(item.intro)
            if addressed:
                # "We call on the Treasury to:" / "I now ask you to:": the item completes
                # the lead-in's infinitive, so the lead-in's addressee is the item's subject
                item.actors = who or ([you] if you else [])
                item.pronoun_for = None
        if on("addressee-is-a-name"):
            item.actors = [a for a in item.actors if names_someone(a)]
        if item.actors:
            last = item.actors
    return found
