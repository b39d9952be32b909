"""Step 3 of search: the candidates, the passages FTS5 finds for a plan, with their bm25.

All the terms (each as an OR of its alternatives), then any of them: the words join that match
rarest first within a budget of work (``ANY_WORK``), so a query never makes FTS5 rank most
of a big index, and in a small one every word takes part, as in plain BM25. Stop words never
decide which passages qualify; a query of only common words is matched as a phrase."""

from __future__ import annotations

import sqlite_utils

from bot.library import documents as library
from bot.library.text import fold
from bot.search import plan as planning
from bot.search.plan import PASTED, Plan
from bot.search.query import Filters
from bot.search.vocabulary import Vocabulary

# When more passages match than the candidates taken, how many match in all is counted (the
# passages holding any of the words searched for, as the candidates are drawn from them), so a
# search's total stays the same as its pages turn. False: as before, the total was the size of
# the candidate window, which grows with the page asked for ("of 60", then 65, 70: round 11).
COUNTED_TOTAL = True
CANDIDATES = 60  # passages re-scored per query (twice as many when common words are left out)
MATCH_TERMS = 128
MATCH_TERMS_BIG = 24  # ...and in libraries of BUDGET_FROM passages or more, where each costs more
# (it applied from COMMON_FROM, 5,000, until round 4: a long request in a library of 5,000-20,000
# short abstracts lost its other words from the any-word match, and with them plain BM25's
# ranking: CISI's requests among CISI + Cranfield, bench/RESULTS.md "Collections, round 4")
ALL_TERMS_UP_TO = 24  # passages holding every word are looked for in queries up to this long
COMMON_SHARE = 0.05  # a word in more than this share of passages is "common"...
MAX_RANKED = 20_000  # a phrase of common words in more passages than this is not bm25-ranked
RARE_SHARE = 0.01  # ...and when looking for passages with any of the words, this is common
# The passages that hold any of the words: in libraries of BUDGET_FROM passages or more, the
# query's words join that FTS5 match rarest first while the passages they are in (estimated from
# the vocabulary) times the number of words stays within ANY_WORK: FTS5 computes bm25 for every
# passage that matches, over every word (10,000: two words in 5,000 passages in all, or eight in
# 1,250). At least one word that the library holds always takes part, whatever it costs (a word
# no passage holds finds nothing alone). Smaller libraries take every word, as plain BM25 does.
# bench/search.py measured 10,000 as fast as the rule before at 359k passages, 40,000 slower.
# ANY_WORK 0 restores the rule before: from COMMON_FROM passages on, only the words in at most
# RARE_SHARE of the passages.
ANY_WORK = 10_000
BUDGET_FROM = 20_000


def _filter_clauses(
    db: sqlite_utils.Database, filters: Filters, response
) -> tuple[list[str], list] | None:
    """SQL conditions on ``p`` (passages) and ``d`` (documents) for the filters; None when a
    filter names something the library does not have (the response then says so)."""
    clauses, params = [], []
    if filters.doc:
        document, close = library.find_document(db, filters.doc)
        if document is None:
            sentence = library.unfound(db, filters.doc, close)
            response.notes.append(sentence if close else sentence + " `docs` lists them.")
            return None
        clauses.append("p.doc_id = ?")
        params.append(document.id)
    if filters.type:
        types = [row[0] for row in db.execute("select distinct type from documents") if row[0]]
        wanted = _resolve_type(filters.type, types)
        if not wanted:
            response.notes.append(
                f"No documents of type “{filters.type}”; the library has: {', '.join(types)}."
            )
            return None
        clauses.append(f"d.type in ({', '.join('?' * len(wanted))})")
        params += wanted
    if filters.date_from:
        clauses.append("d.date >= ?")
        params.append(filters.date_from)
    if filters.date_before:
        clauses.append("d.date < ? and d.date <> ''")
        params.append(filters.date_before)
    if filters.speaker:
        clauses.append("p.speaker like ? escape '\\'")
        escaped = filters.speaker.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params.append(f"%{escaped}%")
    if filters.para:  # a numbered paragraph starts the passage or one of its lines
        heads = [f"{filters.para} ", f"{filters.para}. ", f"({filters.para}) "]
        after = '[A-Z“‘"(]*'  # then a capital, as ``pagestarts.paragraph_number`` reads one
        patterns = [start + head + after for head in heads for start in ("", "*\n")]
        clauses.append("(" + " or ".join(["p.text glob ?"] * len(patterns)) + ")")
        params += patterns
        # ...and read as a paragraph there, as a citation reads it (not "22 March 2017")
        db.conn.create_function("rocu_paragraph", 2, _starts_paragraph, deterministic=True)
        clauses.append("rocu_paragraph(p.text, ?)")
        params.append(filters.para)
    return clauses, params


def _starts_paragraph(text: str, number: str) -> int:
    from bot.library.pagestarts import paragraph_starts

    return 1 if paragraph_starts(text, number) else 0


def _resolve_type(typed: str, types: list[str]) -> list[str]:
    """Document types meant by ``typed``: exact, else those it begins (committee ->
    committee-report), else the closest spelling (hansad -> hansard)."""
    from rapidfuzz import fuzz, process

    key = fold(typed).replace(" ", "-")
    exact = [t for t in types if fold(t) == key]
    if exact:
        return exact
    prefixed = [t for t in types if fold(t).startswith(key) or key in fold(t).split("-")]
    if prefixed:
        return prefixed
    close = process.extractOne(key, types, scorer=fuzz.ratio, score_cutoff=70)
    return [close[0]] if close else []


def find(
    db: sqlite_utils.Database,
    plan: Plan,
    vocab: Vocabulary,
    where: tuple[list[str], list],
    wanted: int,
    response,
) -> tuple[dict[int, float], int]:
    """rowid -> bm25 (higher is better) of the candidates, and how many passages match in all
    (a lower bound when more matched than were taken)."""
    # Stop words ("how", "are", "the") never decide which passages qualify: they are left to the
    # re-scoring. So are, on big libraries, very common words: as FTS5 terms they only make it
    # walk most of the index; more candidates are taken to make up for the looser match.
    content = plan.content_units
    exprs = _rarest(content, COMMON_SHARE)
    if not exprs:
        return {}, 0
    k = max(CANDIDATES * (1 if len(exprs) == len(content) else 2), wanted + 50)
    every_expr = _with_exclusions(" AND ".join(exprs), plan.excluded)
    found: dict[int, float] = {}
    holding_all: int | None = None
    any_expr = ""
    if plan.phrase and all(share > COMMON_SHARE for _, share in content):
        # Only common words ("I think that"): the words side by side are what was meant, and
        # ranking every passage that holds the commonest of them is what makes such queries
        # slow. A phrase in very many passages is not ranked by bm25 at all: any of them is as
        # good a quote, and the re-scoring still orders the ones taken.
        phrase_expr = _with_exclusions(plan.phrase, plan.excluded)
        count = _count(db, phrase_expr, where)
        if count:
            found = _candidates(db, phrase_expr, where, k, ranked=count <= MAX_RANKED)
        if count >= wanted:
            holding_all = count
    if holding_all is None:
        # Passages holding every word (when there are several), then the best bm25 of those
        # holding any: a question's answer rarely repeats all its words, and a passage that
        # holds the rarest ones well may beat one holding all of them once.
        if 1 < len(exprs) <= ALL_TERMS_UP_TO:
            every = _candidates(db, every_expr, where, k)
            holding_all = len(every) if len(every) < k else _count(db, every_expr, where)
            for rowid, score in every.items():
                found.setdefault(rowid, score)
        most = MATCH_TERMS if vocab.passages < BUDGET_FROM else MATCH_TERMS_BIG
        any_units = _within_budget(content, plan, vocab.passages, most)
        any_expr = _with_exclusions(" OR ".join(any_units), plan.excluded)
        # A passage found by both keeps the higher bm25: the any-word match may count words
        # (common ones, in big libraries) that the all-words match leaves out.
        for rowid, score in _candidates(db, any_expr, where, k).items():
            found[rowid] = max(score, found.get(rowid, score))
        # Passages holding the very words typed, stop words too (what was quoted from memory),
        # as candidates too: they gate nothing, but such a passage must not be missed. (Their
        # bm25 counts the stop words: taken only where the scores above have none.)
        typed = _rarest(plan.units, COMMON_SHARE)
        if len(typed) > len(exprs) and not plan.pasted and len(plan.units) <= PASTED:
            typed_expr = _with_exclusions(" AND ".join(typed), plan.excluded)
            for rowid, score in _candidates(db, typed_expr, where, k).items():
                found.setdefault(rowid, score)
        if holding_all is None and len(exprs) == 1:
            holding_all = len(found) if len(found) < k else _count(db, every_expr, where)
        if len(exprs) > 1 and holding_all is not None and wanted > holding_all < len(found):
            note = (
                "No passage holds all of your words; these are the closest matches."
                if not holding_all
                else f"Only {holding_all} passage"
                f"{' holds' if holding_all == 1 else 's hold'} all of your words; "
                "the others are the closest matches."
            )
            response.notes.append(note)
            response.holding_all = (holding_all, note)
    if not found:
        return {}, 0
    total = len(found) if len(found) < k else max(holding_all or 0, len(found))
    if COUNTED_TOTAL and any_expr and len(found) >= k:
        total = max(total, _count(db, any_expr, where))
    return found, total


def _within_budget(
    units: list[tuple[str, float]], plan: Plan, passages: int, most: int
) -> list[str]:
    """The units that find passages holding any of the words: rarest first (by the passages
    they are in, then by weight), at most ``most`` of them, while the passages they match times
    the number of words stays within ANY_WORK (FTS5 computes bm25 for every matching passage, over
    every word of the match); always at least one word that some passage holds."""
    if ANY_WORK <= 0 or passages < BUDGET_FROM:
        exprs = [e for e, _ in units]  # smaller libraries: every word, as in plain BM25
        if ANY_WORK <= 0 and passages >= planning.COMMON_FROM:  # the rule before
            exprs = _rarest(units, RARE_SHARE)
        if len(exprs) > most:
            exprs = sorted(exprs, key=lambda e: -plan.rarity.get(e, 0.0))[:most]
        return exprs
    order = sorted(units, key=lambda u: (plan.held.get(u[0], 0), -plan.rarity.get(u[0], 0.0)))
    chosen, rows, holding = [], 0, False
    for expr, _ in order:
        more = plan.held.get(expr, 0)
        if len(chosen) >= most or (holding and (rows + more) * (len(chosen) + 1) > ANY_WORK):
            break
        chosen.append(expr)
        rows += more
        holding = holding or more > 0 or expr not in plan.held
    return chosen


def _rarest(units: list[tuple[str, float]], share: float) -> list[str]:
    """The units held by at most ``share`` of passages; if none is, the rarest one alone (a word
    in most passages adds little to bm25 and much to FTS5's work)."""
    rare = [expr for expr, held in units if held <= share]
    return rare or [min(units, key=lambda unit: unit[1])[0] for _ in units[:1]]


def _with_exclusions(expr: str, excluded: str | None) -> str:
    return f"({expr}) NOT ({excluded})" if excluded else expr


def _candidates(
    db, expr: str, where: tuple[list[str], list], k: int, ranked: bool = True
) -> dict[int, float]:
    """rowid -> bm25 score (higher is better) of the ``k`` best passages matching ``expr``; with
    ``ranked`` False, the first ``k`` found, all scored 1."""
    clauses, params = where
    score, order = ("f.rank", " order by f.rank") if ranked else ("-1.0", "")
    sql = f"select f.rowid, {score} from passages_fts f"
    if clauses:
        sql += " join passages p on p.id = f.rowid join documents d on d.id = p.doc_id"
    sql += " where passages_fts match ?" + "".join(" and " + c for c in clauses)
    sql += f"{order} limit ?"
    return {rowid: -rank for rowid, rank in db.execute(sql, [expr, *params, k])}


def _count(db, expr: str, where: tuple[list[str], list]) -> int:
    clauses, params = where
    sql = "select count(*) from passages_fts f"
    if clauses:
        sql += " join passages p on p.id = f.rowid join documents d on d.id = p.doc_id"
    sql += " where passages_fts match ?" + "".join(" and " + c for c in clauses)
    return db.execute(sql, [expr, *params]).fetchone()[0]
