"""`define` answers and glossary listings as terminal text and as Slack Block Kit.

Kept apart from ``text.py`` and ``blocks.py`` (which register the ``define`` kind and import this
on use) because one answer groups several entries per acronym: each with its expansion and where
it comes from (curated file, team, or the document that defines it), then once per acronym how
many documents use it and one example sentence with the term's spans in bold.
"""

from __future__ import annotations

import textwrap

from bot.render import blocks as bk
from bot.render.text import KEEP_WHOLE

SOURCE_NAMES = {"curated": "curated glossary", "team": "team entry", "library": "library"}


# -- shared wording ------------------------------------------------------------------------------


def groups(result) -> list[list]:
    """The matches grouped by headword, in the order they came."""
    out: dict[str, list] = {}
    for match in result.matches:
        out.setdefault(match.entry.headword.casefold(), []).append(match)
    return list(out.values())


# `define ROCU` listed "Regional Organised Crime Unit" twice, once from the library and once from
# the curated glossary (round 20's walk). With this on, entries of one term that spell out the same
# expansion (letter case and spacing aside) are one line naming their sources together, in the
# order they came. False: one line per entry, as before.
ONE_LINE_PER_EXPANSION = True


def _expansion_key(text: str) -> str:
    return " ".join((text or "").casefold().split()).rstrip(".")


def by_expansion(group: list) -> list[list]:
    """A term's matches, those with the same expansion together (``ONE_LINE_PER_EXPANSION``)."""
    if not ONE_LINE_PER_EXPANSION:
        return [[match] for match in group]
    out: dict[str, list] = {}
    for match in group:
        out.setdefault(_expansion_key(match.entry.expansion), []).append(match)
    return list(out.values())


def descriptions(same: list) -> list[str]:
    """The different descriptions of entries with one expansion, in order."""
    seen: dict[str, str] = {}
    for match in same:
        text = match.entry.description
        if text:
            seen.setdefault(" ".join(text.casefold().split()), text)
    return list(seen.values())


def source_label(match, name=lambda doc: doc["doc_id"]) -> str:
    """Where an entry comes from, in words: "curated glossary, from <its public source>", "team
    entry, added by U1 on 2024-05-01", "library: defined in <doc>", "library: listed in the
    abbreviations of <doc>" or "library: spelled out in <doc>"."""
    entry = match.entry
    if entry.source == "team":
        when = (entry.added_at or "")[:10]
        who = f"team entry, added by {entry.added_by_name or entry.added_by or 'someone'}"
        return who + (f" on {when}" if when else "")
    if entry.source == "library":
        verb = {"inline": "defined in", "listed": "listed in the abbreviations of"}.get(
            entry.method or "", "spelled out in"
        )
        docs = [name(doc) for doc in match.defined_in]
        shown = ", ".join(docs[:2]) + (f" and {len(docs) - 2} more" if len(docs) > 2 else "")
        return f"library: {verb} {shown}" if docs else "library"
    if entry.source == "curated" and entry.cited:
        return f"curated glossary, from {entry.cited}"
    return SOURCE_NAMES.get(entry.source, entry.source)


def usage_line(documents: list[dict], name=lambda doc: doc["doc_id"]) -> str:
    if not documents:
        return "Not used in the documents of the library."
    n = len(documents)
    listed = ", ".join(f"{name(d)} ({d['mentions']})" for d in documents[:5])
    more = f" and {n - 5} more" if n > 5 else ""
    return f"Used in {n} document{'s' if n != 1 else ''}: {listed}{more}"


def lead_line(result) -> str | None:
    """How the query was understood, when not literally."""
    first = result.matches[0].entry.headword if result.matches else None
    if result.corrected:
        return f"Showing {result.corrected}, the closest entry to “{result.query}”."
    if result.reverse and first:
        return f"“{result.query}” is the long form of {first}."
    return None


# -- terminal text -------------------------------------------------------------------------------


def define_text(result, bold: bool = False, urls: dict[str, str] | None = None) -> str:

    lines = [result.notice] if result.notice else []
    if result.error:
        return "\n".join([*lines, result.error])
    if not result.matches and getattr(result, "forgot", False) and lines:
        return "\n".join(lines)  # the forgetting confirmed, nothing to look up
    if not result.matches:
        lines.append(f"“{result.query}” is not in the glossary.")
        if result.suggestions:
            lines.append("Did you mean: " + ", ".join(result.suggestions) + "?")
        lines += _usage_lines(result, bold)
        lines.append(f"To look for it in the documents: rocu search {result.query}")
        if result.recorded:
            lines.append("Noted as a missing term (rocu glossary --missing).")
        lines.append(f"Teach it: rocu define {result.query} = EXPANSION -- description")
        return "\n".join(lines + [f"note: {p}" for p in result.problems])
    lead = lead_line(result)
    if lead:
        lines.append(lead)
    for group in groups(result):
        lines.append("")
        lines.append(group[0].entry.headword)
        for same in by_expansion(group):
            labels = "; ".join(source_label(match) for match in same)
            lines.append(f"  • {same[0].entry.expansion}  [{labels}]")
            lines += [_indented(text) for text in descriptions(same)]
        lines.append("  " + usage_line(group[0].documents))
        example = group[0].example
        if example:
            lines += _example_lines(example, "Example", bold)
        source = _source(group, urls or {})
        if source:  # named: it may not be the document the example above is quoted from
            lines.append(f"  Open source ({source[0]}): {source[1]}")
    lines += [f"note: {p}" for p in result.problems]
    return "\n".join(lines).lstrip("\n")


def _usage_lines(result, bold: bool = False) -> list[str]:
    """For an unknown term the library uses: how often, and one sentence using it."""

    used_in, example = getattr(result, "used_in", []), getattr(result, "example", None)
    if not used_in:
        return []
    lines = [usage_line(used_in).replace("Used in", "The library uses it in", 1)]
    if example:
        lines += _example_lines(example, "For example", bold)
    return lines


def _example_lines(example, label: str, bold: bool) -> list[str]:
    """A sentence from the library using a term: where it is from, then the sentence quoted."""
    from bot.render.text import emphasise

    sentence = emphasise(example.text, example.highlights) if bold else example.text
    title = bk.truncate(example.title, 60)
    return [
        f"  {label} ({title} · {example.passage_id}):",
        _indented(f"“{' '.join(sentence.split())}”"),
    ]


def _indented(text: str) -> str:
    return textwrap.fill(text, 100, initial_indent="    ", subsequent_indent="    ", **KEEP_WHOLE)


def define_reply_text(reply) -> str:
    return define_text(
        reply.data, bold=reply.extra.get("bold", False), urls=reply.extra.get("urls")
    )


def glossary_text(entries: list) -> str:
    if not entries:
        return "The glossary is empty."
    width = min(max(len(e.headword) for e in entries), 24)
    lines = [f"{'term':<{width}}  {'source':<8}  expansion"]
    for e in entries:
        lines.append(f"{e.headword:<{width}}  {e.source:<8}  {e.expansion}")
    lines.append(f"{len(entries)} entries · rocu define TERM for one in full")
    return "\n".join(lines)


def missing_text(rows: list[dict]) -> str:
    if not rows:
        return "No unknown look-ups recorded."
    width = min(max(len(r["term"]) for r in rows), 40)
    lines = [f"{'term':<{width}}  {'asked':>5}  last asked (UTC)"]
    lines += [f"{r['term']:<{width}}  {r['count']:>5}  {r['last_asked']}" for r in rows]
    lines.append("Teach one: rocu define TERM = EXPANSION -- description")
    return "\n".join(lines)


# -- Slack Block Kit -----------------------------------------------------------------------------


def define_blocks(reply) -> list[dict]:
    result = reply.data
    blocks = [bk.header(f"Define: {result.query}")]
    if not result.matches and getattr(result, "forgot", False) and result.notice:
        return blocks + [bk.section(bk.escape(result.notice))]  # the forgetting confirmed
    if result.notice:
        blocks.append(bk.context(bk.escape(result.notice)))
    if not result.matches:
        return blocks + _unknown_blocks(result)
    lead = lead_line(result)
    if lead:
        blocks.append(bk.context(bk.escape(lead)))
    urls = reply.extra.get("urls") or {}
    for n, group in enumerate(groups(result)):
        entries = []
        for same in by_expansion(group):
            entry = same[0].entry
            line = f"*{bk.escape(entry.headword)}* — *{bk.escape(entry.expansion)}*"
            for text in descriptions(same):
                line += "\n" + bk.escape(text)
            entries.append(line)
            labels = " · ".join(source_label(match, _source_doc) for match in same)
            entries.append(f"_{bk.escape(labels)}_")
        blocks += bk.sections("\n".join(entries))
        example = group[0].example
        if example:
            quote = bk.emphasised(example.text, example.highlights, bk.MAX_SECTION - 10)
            blocks.append(bk.section(f"> {quote}"))
            blocks.append(
                bk.context(
                    f"*{bk.escape(bk.truncate(example.title, 250))}* · "
                    f"`{bk.escape(example.passage_id)}`"
                )
            )
        blocks.append(bk.context(bk.escape(usage_line(group[0].documents)).replace("\n", " ")))
        url = _source_url(group, urls)
        if url:
            blocks.append(bk.actions(bk.open_source(url, n)))
    blocks += [bk.context(bk.escape(p)) for p in result.problems]
    return bk.fit(blocks)


def _source_url(group, urls: dict) -> str | None:
    """The source URL of the document an entry comes from: where it is defined, else its
    example's, else the document using it most."""
    found = _source(group, urls)
    return found[1] if found else None


def _source(group, urls: dict) -> tuple[str, str] | None:
    """(doc id, source URL) of the document ``_source_url`` picks, None without one."""
    for match in group:
        for doc in match.defined_in:
            if urls.get(doc.get("doc_id")):
                return doc["doc_id"], urls[doc["doc_id"]]
    example = group[0].example
    if example and urls.get(example.doc_id):
        return example.doc_id, urls[example.doc_id]
    for doc in group[0].documents:
        if urls.get(doc.get("doc_id")):
            return doc["doc_id"], urls[doc["doc_id"]]
    return None


def _source_doc(doc: dict) -> str:
    return f"{bk.truncate(doc.get('title') or doc['doc_id'], 80)} ({doc['doc_id']})"


def _unknown_blocks(result) -> list[dict]:
    text = f"“{bk.escape(result.query)}” is not in the glossary."
    if result.suggestions:
        text += " Did you mean: " + ", ".join(f"`{bk.escape(s)}`" for s in result.suggestions)
        text += "?"
    used_in, example = getattr(result, "used_in", []), getattr(result, "example", None)
    if used_in:
        used = usage_line(used_in).replace("Used in", "The library uses it in", 1)
        text += "\n" + bk.escape(used)
    if example:
        quote = bk.emphasised(example.text, example.highlights, bk.MAX_SECTION - 400)
        text += f"\n> {quote}\n_{bk.escape(bk.truncate(example.title, 200))}_"
    if result.recorded:
        text += "\nI've noted it as a missing term for the team."
    text += (
        f"\nTeach it: `/rocu define {bk.escape(bk.truncate(result.query, 60))} = EXPANSION -- "
        "description`"
    )
    buttons = [
        bk.button(f"Define {s}", f"{bk.ACTION_FULL}_define_{n}", bk.action_value(f"define {s}"))
        for n, s in enumerate(result.suggestions[:3])
    ]
    buttons.append(
        bk.button(
            f"Search for “{result.query}”",
            f"{bk.ACTION_FULL}_search",
            bk.action_value(f"search {result.query}"),
        )
    )
    blocks = [bk.section(text), bk.actions(*buttons)]
    return blocks + [bk.context(bk.escape(p)) for p in result.problems]


# -- browsing: `/rocu glossary [LETTER] [team:] [source:] [missing]` ------------------------------


def _entry_sources(entry, page) -> str:
    """Where a listed entry comes from: "library, curated glossary" when both give it."""
    also = [SOURCE_NAMES.get(s, s) for s in page.also_for(entry)]
    return ", ".join([_entry_source(entry), *also])


def _entry_source(entry) -> str:
    if entry.source == "team":
        who = entry.added_by_name or entry.added_by
        return f"team ({who})" if who and who != "unknown" else "team"
    return SOURCE_NAMES.get(entry.source, entry.source)


def _page_heading(page) -> str:
    said = page.filters.describe()
    what = "Missing terms" if page.filters.missing else "Glossary"
    return what + (": " + ", ".join(said) if said else "")


def _shown(page) -> str:
    first = page.page * page.page_size + 1
    last = page.page * page.page_size + len(page.missing if page.filters.missing else page.entries)
    return f"{first}–{last} of {page.total}"


def _none_match(page, prefix: str) -> str:
    """The sentence for an empty page: the team's own entries say how to teach one."""
    if page.filters.team and not page.filters.taught_by and not page.filters.letter:
        return (
            "The team has taught no entries yet; teach one: "
            f"`{prefix}define TERM = EXPANSION -- description`."
        )
    said = page.filters.describe()
    what = f" {' and '.join(said)}" if said else " match that"
    return f"No glossary entries{what}; `{prefix}glossary` alone lists them all."


def _order_note(page) -> str:
    """ "team entries first" where it says something: a list mixing the team's with the others."""
    filters = page.filters
    mixed = not (filters.team or filters.source or filters.document)
    return " · team entries first" if mixed else ""


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


def glossary_page_text(reply) -> str:
    """The page as terminal text; its own last line offers `more` when a next page exists (the
    console adds no offer of its own under a glossary page)."""
    page = reply.data
    lines = [_page_heading(page)]
    more = " · `more` for the next page" if (page.page + 1) * page.page_size < page.total else ""
    if page.filters.missing:
        if not page.missing:
            return "No acronyms looked up without an answer (or all have one now)."
        lines += [f"  {r['term']}  (asked {_times(r['count'])})" for r in page.missing]
        lines.append(f"{_shown(page)} · teach one: define TERM = EXPANSION -- description{more}")
        return "\n".join(lines)
    if not page.entries:
        return _none_match(page, "")
    lines += [f"  {e.headword} — {e.expansion}  [{_entry_sources(e, page)}]" for e in page.entries]
    lines.append(f"{_shown(page)}{_order_note(page)}{more}")
    if page.letters and not page.filters.letter:
        lines.append("By letter: " + " ".join(x.upper() for x in page.letters))
    return "\n".join(lines)


def glossary_page_blocks(reply) -> list[dict]:
    page = reply.data
    blocks = [bk.header(_page_heading(page))]
    line = f"glossary {page.query}".strip()
    if page.filters.missing:
        if not page.missing:
            return blocks + [
                bk.section("No acronyms looked up without an answer (or all have one now).")
            ]
        rows = [f"• `{bk.escape(r['term'])}` · asked {_times(r['count'])}" for r in page.missing]
        blocks += bk.sections("\n".join(rows))
        blocks.append(
            bk.context(
                f"{_shown(page)} · terms people looked up that the glossary did not know "
                "(acronyms only) · teach one: `/rocu define TERM = EXPANSION -- description`"
            )
        )
    elif not page.entries:
        return blocks + [bk.section(_none_match(page, "/rocu "))]
    else:
        rows = []
        for entry in page.entries:
            rows.append(
                f"• *{bk.escape(bk.truncate(entry.headword, 100))}* — "
                f"{bk.escape(bk.truncate(entry.expansion, 200))} "
                f"_({bk.escape(bk.truncate(_entry_sources(entry, page), 120))})_"
            )
        blocks += bk.sections("\n".join(rows))
        notes = [f"{_shown(page)}{_order_note(page)}"]
        if page.letters and not page.filters.letter:
            notes.append("by letter: `/rocu glossary B`")
        notes.append("filters: `team:`, `source:library`, `source:DOC`, `missing`")
        blocks.append(bk.context(" · ".join(notes)))
    pager = bk.pager(line, page.page, page.page_size, page.total)
    return bk.fit(blocks + ([pager] if pager else []))
