"""Slack messages for adding, editing and removing documents: "Reading ...", the document card
(with "Edit details", "Remove" and "Open source"), the edit modal, and one-sentence failures.

``Card`` is plain data the Slack layer fills from the core (document, recommendations found,
acronyms learnt); everything here only formats it, escaping what documents and people wrote.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from bot.library.metadata import DOCUMENT_TYPES
from bot.render import blocks as bk
from bot.render.text import changes_words, pending_sentence

ACTION_EDIT = "rocu_doc_edit"
ACTION_REMOVE = "rocu_doc_remove"
ACTION_VERSION_REPLACE = "rocu_version_replace"  # a new version: replace the document
ACTION_VERSION_SEPARATE = "rocu_version_separate"  # ... or add it as a document of its own
EDIT_VIEW = "rocu_doc_edit_view"
SHORTCUT_ADD = "rocu_add_to_library"
EDIT_FIELDS = ("title", "type", "date", "author", "url", "marking")
FIELD_LABELS = {
    "title": "Title",
    "type": "Type",
    "date": "Date (YYYY, YYYY-MM or YYYY-MM-DD)",
    "author": "Author",
    "url": "Source URL",
    "marking": "Handling marking",
}
NO_MARKING = "none"  # the marking select's value for an unmarked document
OUTCOME_WORDS = {
    "added": "Added to the library",
    "updated": "Updated in the library",
    "unchanged": "Already in the library",
    "duplicate": "Already in the library",
    "edited": "Details edited",
}


@dataclass
class Card:
    document: object  # bot.library.documents.Document
    outcome: str = "added"  # added, updated, unchanged, duplicate, edited
    recommendations: int = 0
    acronyms: list[tuple[str, str]] = field(default_factory=list)
    by: str | None = None  # the Slack user who added or edited it
    changes: dict | None = None  # updated: passages changed/added/removed, ``previous`` source
    same_file: bool = False  # duplicate: the very same bytes
    name: str = ""  # duplicate: the file name it came as


def outcome_sentence(outcome: str, title: str, doc_id: str, **card) -> str:
    """What adding did, in one plain sentence (front ends escape and mark it up): re-adds and
    copies name the document already in the library; updates say what changed in passages."""
    changes, name = card.get("changes"), card.get("name") or "That file"
    where = card.get("where") or ""
    where = f" ({where})" if where else ""
    if outcome == "unchanged":
        return f"Already in the library as “{title}” ({doc_id}); nothing changed."
    if outcome == "duplicate" and card.get("same_file"):
        return f"Already in the library as “{title}” ({doc_id}){where}; nothing was added."
    if outcome == "duplicate":
        return (
            f"Not added: {name} has the same text as “{title}” ({doc_id}), already in the "
            f"library{where}."
        )
    if outcome == "updated" and (changes or {}).get("previous"):
        return (
            f"A new version of “{title}” ({doc_id}) replaced the one in the library, keeping "
            f"its id and recommendation statuses: {changes_words(changes)}."
        )
    if outcome == "updated" and changes is not None:
        return f"Updated “{title}” ({doc_id}) in place: {changes_words(changes)}."
    return OUTCOME_WORDS.get(outcome, outcome) + "."


def _message(blocks: list[dict], text: str) -> dict:
    return {"blocks": bk.fit(blocks), "text": bk.truncate(text, bk.MAX_FALLBACK)}


def reading_message(what: str, progress: str | None = None) -> dict:
    """The immediate answer while a link or file is fetched and read; ``progress`` (e.g. "page
    3 of 16 read by OCR") is added while a long read goes on."""
    done = f" {bk.escape(progress)}" if progress else ""
    line = f"Reading {bk.escape(bk.truncate(what, 300))} …{done}"
    return _message(
        [bk.section(f":hourglass_flowing_sand: {line}")], f"Reading {bk.escape(what)} …{done}"
    )


def failure_message(sentence: str) -> dict:
    return _message([bk.section(f":warning: {bk.escape(sentence)}")], bk.escape(sentence))


def note_message(sentence: str) -> dict:
    """A sentence that is already Slack mrkdwn (e.g. a refusal naming editors)."""
    return _message([bk.section(sentence)], bk.truncate(sentence, bk.MAX_FALLBACK))


def date_text(doc) -> str:
    if not doc.date:
        return "undated"
    return f"{doc.date} (guessed)" if "date" in doc.guessed else doc.date


def card_message(card: Card) -> dict:
    """The document card: what was added and what was found in it, with its buttons."""
    doc = card.document
    title = doc.title + (" (guessed title)" if "title" in doc.guessed else "")
    facts = [f"`{bk.escape(doc.id)}`", bk.escape(doc.type), bk.escape(date_text(doc))]
    if doc.author:
        facts.append("by " + bk.escape(bk.truncate(doc.author, 200)))
    if getattr(doc, "read_by", None) == "ocr":
        facts.append("read by OCR")
    if getattr(doc, "marking", None):
        facts.append(f"*{bk.escape(doc.marking)}*")
    found = [f"{doc.passages} passage{'s' if doc.passages != 1 else ''}"]
    found.append(
        f"{card.recommendations} recommendation{'s' if card.recommendations != 1 else ''} found"
    )
    acronyms = ", ".join(a for a, _ in card.acronyms[:12])
    more = f" (+{len(card.acronyms) - 12})" if len(card.acronyms) > 12 else ""
    found.append(
        f"{len(card.acronyms)} acronym{'s' if len(card.acronyms) != 1 else ''} learnt"
        + (f": {bk.escape(acronyms)}{more}" if acronyms else "")
    )
    lead = OUTCOME_WORDS.get(card.outcome, card.outcome)
    if card.by:
        lead += f" by <@{bk.escape(card.by)}>"
    headline, notify = f"*{lead}.*", f"{lead}: {bk.escape(doc.title)}"
    if card.outcome in ("unchanged", "duplicate", "updated"):
        # one sentence saying what the add did; the card's "Open source" is the stored copy's link
        said = bk.escape(
            outcome_sentence(
                card.outcome,
                doc.title,
                doc.id,
                changes=card.changes,
                same_file=card.same_file,
                name=card.name,
            )
        )
        headline = f"*{said}*" + (f" (<@{bk.escape(card.by)}>)" if card.by else "")
        notify = said
    items = [bk.header(title), bk.context(" · ".join(facts))]
    if card.outcome == "duplicate":  # what was found is the stored copy's, not learnt now
        items.append(bk.section(headline))
    else:
        items.append(bk.section(headline + "\n" + " · ".join(found)))
    pending = pending_sentence(getattr(doc, "derived_pending", []))
    if pending and card.outcome != "duplicate":  # stored, but a feature's data is to come
        items.append(bk.context(f":warning: {bk.escape(pending)}"))
    if doc.guessed and card.outcome != "duplicate":
        items.append(
            bk.context(
                "_Guessed from the text:_ "
                + bk.escape(", ".join(doc.guessed))
                + " — correct them with Edit details."
            )
        )
    items.append(bk.context(f"Search it with `/rocu search doc:{bk.escape(doc.id)} WORDS`"))
    buttons = [
        bk.button("Edit details", ACTION_EDIT, value=doc.id),
        remove_button(doc),
    ]
    if doc.url:
        buttons.append(bk.button("Open source", bk.ACTION_OPEN, url=doc.url))
    items.append(bk.actions(*buttons))
    return _message(items, notify)  # notifications read mrkdwn too


def version_message(doc, changes: dict | None, name: str, value: str | None) -> dict:
    """A new version of ``doc`` was sent: asked before anything changes ("Replace it" keeps its
    id and recommendation statuses; "Add separately" stores it as a document of its own).
    ``value`` (what the buttons carry to add it again) None: no buttons, the question only."""
    line = (
        f"{bk.escape(name or 'This file')} looks like a new version of "
        f"*{bk.escape(bk.truncate(doc.title, 300))}* (`{bk.escape(doc.id)}`): "
        f"{changes_words(changes)}. Replace it, keeping its id and recommendation statuses, or "
        "add it as a separate document?"
    )
    items = [bk.header(doc.title), bk.section(line)]
    buttons = []
    if value:
        buttons += [
            bk.button("Replace it", ACTION_VERSION_REPLACE, value=value, style="primary"),
            bk.button("Add separately", ACTION_VERSION_SEPARATE, value=value),
        ]
    if doc.url:
        buttons.append(bk.button("Open source", bk.ACTION_OPEN, url=doc.url))
    if buttons:
        items.append(bk.actions(*buttons))
    notify = f"A new version of {bk.escape(doc.title)}? Replace it or add it separately."
    return _message(items, notify)


def remove_button(doc) -> dict:
    element = bk.button("Remove", ACTION_REMOVE, value=doc.id, style="danger")
    element["confirm"] = {
        "title": bk.plain("Remove this document?", 100),
        "text": bk.plain(
            f"“{bk.truncate(doc.title, 200)}” and its passages, recommendations and glossary "
            "entries will leave the library. Recommendation statuses are kept in case it is "
            "added again.",
            300,
        ),
        "confirm": bk.plain("Remove", 30),
        "deny": bk.plain("Keep it", 30),
        "style": "danger",
    }
    return element


def removed_message(title: str, doc_id: str, removed: dict, by: str | None = None) -> dict:
    """After removal: what went with the document."""
    who = f" by <@{bk.escape(by)}>" if by else ""
    line = (
        f":wastebasket: Removed *{bk.escape(bk.truncate(title, 300))}* (`{bk.escape(doc_id)}`)"
        f"{who}: {removed.get('passages', 0)} passages, "
        f"{removed.get('recommendations', 0)} recommendations and "
        f"{removed.get('acronyms', 0)} glossary entries went with it. "
        "Recommendation statuses are kept in case it is added again."
    )
    return _message([bk.section(line)], f"Removed {bk.escape(title)}")


def edit_modal(doc, metadata: dict) -> dict:
    """The "Edit details" modal for a document; ``metadata`` says which card to update."""

    def text_input(name: str, value: str | None, optional: bool = True) -> dict:
        element = {"type": "plain_text_input", "action_id": name}
        if value:
            element["initial_value"] = value[:3000]
        return {
            "type": "input",
            "block_id": name,
            "optional": optional,
            "label": bk.plain(FIELD_LABELS[name], 2000),
            "element": element,
        }

    options = [{"text": bk.plain(t, 75), "value": t} for t in DOCUMENT_TYPES]
    type_select = {
        "type": "static_select",
        "action_id": "type",
        "options": options,
    }
    if doc.type in DOCUMENT_TYPES:
        type_select["initial_option"] = {"text": bk.plain(doc.type, 75), "value": doc.type}
    blocks = [
        text_input("title", doc.title, optional=False),
        {
            "type": "input",
            "block_id": "type",
            "label": bk.plain(FIELD_LABELS["type"], 2000),
            "element": type_select,
        },
        text_input("date", doc.date),
        text_input("author", doc.author),
        text_input("url", doc.url),
        _marking_select(getattr(doc, "marking", None)),
    ]
    return {
        "type": "modal",
        "callback_id": EDIT_VIEW,
        "private_metadata": json.dumps({**metadata, "doc": doc.id})[:3000],
        "title": bk.plain("Edit details", 24),
        "submit": bk.plain("Save", 24),
        "close": bk.plain("Cancel", 24),
        "blocks": blocks,
    }


def _marking_select(current: str | None) -> dict:
    """The handling marking, chosen from those rocu may keep (``bot.library.markings``)."""
    from bot.library.markings import KEPT_UP_TO, MARKINGS

    kept = [m.name for m in MARKINGS if 0 < m.rank <= KEPT_UP_TO]
    options = [{"text": bk.plain("None", 75), "value": NO_MARKING}]
    options += [{"text": bk.plain(name, 75), "value": name} for name in kept]
    chosen = next((o for o in options if o["value"] == (current or NO_MARKING)), options[0])
    return {
        "type": "input",
        "block_id": "marking",
        "optional": True,
        "label": bk.plain(FIELD_LABELS["marking"], 2000),
        "element": {
            "type": "static_select",
            "action_id": "marking",
            "options": options,
            "initial_option": chosen,
        },
    }


def edit_values(view: dict) -> dict:
    """The fields a submitted edit modal holds: {field: value or None}."""
    values = (view.get("state") or {}).get("values") or {}
    found = {}
    for name in EDIT_FIELDS:
        if name == "marking" and name not in values:
            continue  # a form without the field (an older modal) leaves the marking as it is
        element = (values.get(name) or {}).get(name) or {}
        if element.get("type") == "static_select" or "selected_option" in element:
            found[name] = (element.get("selected_option") or {}).get("value")
        else:
            found[name] = element.get("value")
    return found


def field_of_error(message: str) -> str:
    """Which modal field an edit error is about, to show it beside that field."""
    lowered = message.lower()
    pairs = (("marking", "mark"), ("date", "date"), ("type", "type"), ("url", "url"))
    for name, word in (*pairs, ("title", "title")):
        if word in lowered:
            return name
    return "title"


# -- terminal text (the console's `add` and `remove`) ------------------------------------------


def added_text(reply) -> str:
    added = reply.data
    doc = added.document
    said = outcome_sentence(
        added.outcome,
        doc.title,
        doc.id,
        changes=getattr(added, "changes", None),
        same_file=getattr(added, "same_file", False),
        name=getattr(added, "name", ""),
        where=doc.url or doc.file,
    )
    first = f"Added to the library: {doc.title}" if added.outcome == "added" else said
    lines = [first, f"  {doc.id} · {doc.type} · {date_text(doc)} · {doc.passages} passages"]
    if doc.url:
        lines.append(f"  Open source: {doc.url}")
    pending = pending_sentence(getattr(doc, "derived_pending", []))
    if pending and added.outcome != "duplicate":
        lines.append(f"  {pending}")
    return "\n".join(lines)


def removed_text(reply) -> str:
    doc = reply.data
    return (
        f"Removed {doc.title} ({doc.id}) with its passages, recommendations and glossary "
        "entries; recommendation statuses are kept in case it is added again."
    )
