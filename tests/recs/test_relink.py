"""Relinking is incremental and exact: after any sequence of adding, changing and removing
report and response documents, the links table is the one a full relinking of the library gives.

Every recommendation text in this file is written for these tests (assembled from phrases I wrote
about made-up bodies and duties); none is copied from a real document or a gold file.
"""

from __future__ import annotations

import hashlib
import random
import sqlite3

import pytest
import sqlite_utils

from bot.library import ingest
from bot.library.store import open_db
from bot.recs import links, matching
from bot.recs.tracker import list_recommendations

SUBJECTS = [
    "The Harbour Board",
    "Each county council",
    "The Ferry Safety Authority",
    "Every lifeboat station",
    "The Coastal Fund",
    "The Port Police",
]
ASKS = [
    "should publish a timetable of its winter sailings",
    "should train every volunteer in cold water rescue",
    "should review the charges it makes for mooring small boats",
    "should fund a second pilot boat for the northern channel",
    "should report the number of missed crossings to the minister",
    "should consult island residents before closing a slipway",
    "should keep a register of the wrecks that block its approaches",
    "should share its weather warnings with the fishing cooperatives",
]
TAILS = ["within six months", "before the next summer season", "each quarter", "every year"]


def _texts(rng: random.Random, n: int) -> list[str]:
    """``n`` distinct recommendations: a body, an ask and a time."""
    out: set[str] = set()
    while len(out) < n:
        out.add(f"{rng.choice(SUBJECTS)} {rng.choice(ASKS)} {rng.choice(TAILS)}.")
    return sorted(out)


def _reword(rng: random.Random, text: str) -> str:
    """A response's copy: the same, one word dropped, a clause cut, or only a few words."""
    words = text.split()
    kind = rng.random()
    if kind < 0.45:
        return text
    if kind < 0.7:
        del words[rng.randrange(1, len(words) - 1)]
        return " ".join(words)
    if kind < 0.85:
        return " ".join(words[: len(words) * 2 // 3])
    return "On " + " ".join(words[-5:-2]) + "."


def _documents(rng: random.Random) -> dict[str, dict]:
    """A pool of small documents: reports (some sharing recommendations, some numbered
    differently or not at all, one holding half of another's under the same numbers) and
    responses quoting them (copied, reworded, shortened to a title, renumbered), one response
    of a single item, one response to no report here."""
    base = _texts(rng, 14)
    docs: dict[str, dict] = {}
    reports = []
    for r in range(4):
        picked = rng.sample(base, 6 if r == 0 else rng.randint(2, 6))
        style = "Recommendation {}" if r < 2 else rng.choice(["paragraph 4.{}", None])
        items = [(style.format(i + 1) if style else None, t) for i, t in enumerate(picked)]
        docs[f"rep{r}"] = {"role": "report", "items": items}
        reports.append(items)
    docs["rep-copy"] = {"role": "report", "items": list(reports[0])}
    # The first half of one report's items, then others under the same numbers.
    half = len(reports[0]) // 2
    others = [t for t in base if t not in {text for _label, text in reports[0]}]
    mixed = reports[0][:half] + [
        (label, others[i]) for i, (label, _t) in enumerate(reports[0][half:])
    ]
    docs["rep-mixed"] = {"role": "report", "items": mixed}
    for s in range(5):
        source = reports[0] if s < 2 else rng.choice(reports)
        items = []
        for label, text in source:
            if rng.random() < 0.15:
                continue
            if label and rng.random() < 0.15:
                label = f"Recommendation {rng.randint(1, 7)}"
            items.append((label if rng.random() < 0.85 else None, _reword(rng, text)))
        docs[f"resp{s}"] = {"role": "response", "items": items or [source[0]]}
    docs["resp-one"] = {"role": "response", "items": [rng.choice(reports)[0]]}
    docs["resp-alone"] = {"role": "response", "items": [(None, t) for t in _texts(rng, 3)]}
    return docs


def _store(db: sqlite_utils.Database, doc_id: str, doc: dict | None) -> None:
    """What ``storing.rebuild_document`` leaves: the document's recommendations replaced (none
    when removed), keyed as it keys them (document, wording, repeat)."""
    db["recommendations"].delete_where("doc_id = ?", [doc_id])
    if doc is None:
        return
    rows = []
    for ordinal, (label, text) in enumerate(doc["items"]):
        key = _key(doc_id, text, ordinal)
        rows.append(
            {
                "id": key[:12],
                "key": key,
                "doc_id": doc_id,
                "ordinal": ordinal,
                "text": text,
                "label": label,
                "role": doc["role"],
            }
        )
    db["recommendations"].insert_all(rows, pk="id", alter=True)


def _key(doc_id: str, text: str, ordinal: int) -> str:
    return hashlib.sha256(f"{doc_id}\x00{text}\x00{ordinal}".encode()).hexdigest()


def _table(db: sqlite_utils.Database) -> list[tuple]:
    return db.execute(
        "select response_key, report_key, response_doc, report_doc, score, how "
        "from recommendation_links order by response_key, report_key"
    ).fetchall()


def _full(db: sqlite_utils.Database) -> list[tuple]:
    """The links a full relinking gives, computed on a copy of the store."""
    copy = sqlite_utils.Database(sqlite3.connect(":memory:"))
    db.conn.commit()
    db.conn.backup(copy.conn)
    links.relink(copy)
    return _table(copy)


@pytest.fixture
def store(empty_db):
    """An empty store whose recommendations need no document row (they are written here as
    extraction would leave them)."""
    empty_db.execute("pragma foreign_keys = off")
    return empty_db


@pytest.mark.parametrize("seed", range(12))
def test_random_adds_changes_and_removals_match_a_full_relinking(store, seed):
    rng = random.Random(seed)
    pool = _documents(rng)
    variants = _documents(random.Random(seed + 100))  # other versions under the same names
    present: set[str] = set()
    kinds: set[str] = set()
    for _step in range(40):
        name = rng.choice(sorted(pool))
        if name in present and rng.random() < 0.5:
            _store(store, name, None)  # removed
            present.discard(name)
        else:
            doc = rng.choice([pool, variants])[name]
            if rng.random() < 0.1:  # a new version read as the other kind of document
                doc = {**doc, "role": "report" if doc["role"] == "response" else "response"}
            _store(store, name, doc)
            present.add(name)
        links.relink(store, name)
        table = _table(store)
        assert table == _full(store), (seed, _step, name)
        kinds |= {row[5] for row in table}
    assert {"label", "text"} <= kinds  # the sequences exercise the kinds of link


def _themed(rng: random.Random, report: list[tuple]) -> list[tuple]:
    """A response to ``report`` quoting two of its items under their labels and answering the
    others by theme: each ask's words inside a sentence of many words of its own (so rule
    "themes" links it, not rule "quoted-words")."""
    items = list(report[:2])
    for _label, text in report[2:]:
        ask = text.split(" should ", 1)[-1].rstrip(".")
        items.append(
            (
                None,
                f"We accept the point about how we {ask}; officers across the district have "
                f"discussed it at length with residents, volunteers and {rng.choice(TAILS)} "
                "partners.",
            )
        )
    return items


@pytest.mark.parametrize("seed", range(8))
def test_random_changes_with_a_themed_response_match_a_full_relinking(store, seed):
    """Round 17: a response answering partly by theme is matched in full only when a report's
    change can move its links (``links.THEMED_SETTLED``); after every step the table is a full
    relinking's."""
    rng = random.Random(seed)
    pool = _documents(rng)
    pool["resp-themed"] = {"role": "response", "items": _themed(rng, pool["rep0"]["items"])}
    pool["resp-themed-alone"] = {
        "role": "response",
        "items": [(None, text) for _l, text in _themed(rng, pool["rep1"]["items"])[2:]],
    }
    present: set[str] = set()
    kinds: set[str] = set()
    first = ["rep0", "resp-themed", "rep1", "resp-themed-alone"]  # the themes linked at once
    for _step in range(44):
        name = first[_step] if _step < len(first) else rng.choice(sorted(pool))
        if name in present and rng.random() < 0.5:
            _store(store, name, None)
            present.discard(name)
        else:
            _store(store, name, pool[name])
            present.add(name)
        links.relink(store, name)
        table = _table(store)
        assert table == _full(store), (seed, _step, name)
        kinds |= {row[5] for row in table}
    assert {"label", "theme"} <= kinds  # the sequences exercise links by theme


def test_numbering_links_move_when_a_second_report_links_the_item_by_text(store):
    """A response item linked by its number to one report stops being so once another report
    holds its text, and is linked by number again when that report goes."""
    first = [
        (
            "Recommendation 1",
            "The Harbour Board should publish a timetable of its winter sailings.",
        ),
        ("Recommendation 2", "Every lifeboat station should train every volunteer in rescue."),
        ("Recommendation 3", "The Coastal Fund should fund a second pilot boat for the channel."),
    ]
    response = [
        first[0],
        first[1],
        ("Recommendation 3", "The Port Police should keep a register of the wrecks offshore."),
        (
            "Recommendation 4",
            "Each county council should consult island residents before closing a slipway.",
        ),
    ]
    other = [
        ("Item A", "The Port Police should keep a register of the wrecks offshore."),
        ("Item B", "Each county council should consult island residents before closing a slipway."),
    ]
    for name, role, items in (("first", "report", first), ("resp", "response", response)):
        _store(store, name, {"role": role, "items": items})
        links.relink(store, name)
    third = _key("resp", response[2][1], 2)
    hows = {row[3]: row[5] for row in _table(store) if row[0] == third}
    assert hows == {"first": "numbering"}
    _store(store, "other", {"role": "report", "items": other})
    links.relink(store, "other")
    assert _table(store) == _full(store)
    hows = {row[3]: row[5] for row in _table(store) if row[0] == third}
    assert hows == {"other": "text"}
    _store(store, "other", None)
    links.relink(store, "other")
    assert _table(store) == _full(store)
    hows = {row[3]: row[5] for row in _table(store) if row[0] == third}
    assert hows == {"first": "numbering"}


REPORT = """Review of the Island Ferry Services

A review for the Department for Transport of the ferries that serve the northern isles.

Summary of recommendations

Recommendation 1: Timetables
The Harbour Board should publish a timetable of its winter sailings within six months of this
review, and keep it on the board's website.

Recommendation 2: Rescue training
Every lifeboat station should train each of its volunteers in cold water rescue before the next
summer season, starting with the crews of the two busiest stations.

Recommendation 3: Pilot boats
The Coastal Fund should fund a second pilot boat for the northern channel so that no crossing
waits more than an hour for a pilot.
"""

RESPONSE = """Government Response to the Review of the Island Ferry Services

Presented to Parliament by the Secretary of State for Transport.

Recommendation 1: Timetables
The Harbour Board should publish a timetable of its winter sailings within six months of this
review, and keep it on the board's website.

The Government accepts this recommendation. The timetable will appear in October.

Recommendation 2: Rescue training
Every lifeboat station should train each of its volunteers in cold water rescue before the next
summer season, starting with the crews of the two busiest stations.

The Government accepts this recommendation in part. Training begins at one station.

Recommendation 3: Pilot boats
The Coastal Fund should fund a second pilot boat for the northern channel so that no crossing
waits more than an hour for a pilot.

The Government does not accept this recommendation. One boat is enough for the traffic.
"""

CATALOGUE = """[documents."ferry-review.txt"]
type = "inquiry-report"
date = "2025-02-01"

[documents."ferry-review-response.txt"]
type = "government-response"
date = "2025-08-01"

[documents."ferry-review-copy.txt"]
type = "inquiry-report"
date = "2025-02-02"
"""


@pytest.fixture
def folders(tmp_path):
    out = {}
    copy = REPORT.replace("Review of the Island", "Second printing: Review of the Island")
    for name, text in (
        ("ferry-review.txt", REPORT),
        ("ferry-review-response.txt", RESPONSE),
        ("ferry-review-copy.txt", copy),
    ):
        folder = tmp_path / name.split(".")[0]
        folder.mkdir()
        (folder / name).write_text(text)
        (folder / "catalogue.toml").write_text(CATALOGUE)
        out[name] = folder
    return out


def _doc(db, file: str) -> str:
    return db.execute("select id from documents where file = ?", [file]).fetchone()[0]


@pytest.mark.parametrize("report_first", [True, False])
def test_through_ingest_either_order_and_removals_match_a_full_relinking(
    db_path, folders, report_first
):
    """Through the ingest hook: the response is linked whichever comes first; removing and
    re-adding either side leaves what a full relinking gives; a response whose report is gone
    stands alone and says so."""
    db = open_db(db_path)
    order = ["ferry-review.txt", "ferry-review-response.txt"]
    if not report_first:
        order.reverse()
    for name in order:
        assert not ingest.ingest(db, [folders[name]]).failed
        assert _table(db) == _full(db)
    stances = {r.id: [a["stance"] for a in r.responses] for r in list_recommendations(db)}
    assert len(stances) == 3
    assert sorted(s[0] for s in stances.values()) == [
        "accepted",
        "accepted in part",
        "not accepted",
    ]
    assert not ingest.ingest(db, [folders["ferry-review-copy.txt"]]).failed
    assert _table(db) == _full(db)
    assert {row[3] for row in _table(db)} == {
        _doc(db, "ferry-review.txt"),
        _doc(db, "ferry-review-copy.txt"),
    }
    for name in ("ferry-review.txt", "ferry-review-copy.txt"):
        ingest.remove(db, _doc(db, name))
        assert _table(db) == _full(db)
    alone = list_recommendations(db)
    assert len(alone) == 3 and all(r.note == links.NOT_IN_LIBRARY for r in alone)
    assert not ingest.ingest(db, [folders["ferry-review.txt"]]).failed
    assert _table(db) == _full(db) and len(_table(db)) == 3
    ingest.remove(db, _doc(db, "ferry-review-response.txt"))
    assert _table(db) == [] == _full(db)
    db.close()


def test_the_partial_ratio_bound_changes_no_similarity():
    """Texts assembled here from the phrases above: ``similarity`` skips rapidfuzz's
    partial_ratio only where its bound shows it could not change the score, so every score is
    the one the plain computation gives, at every cutoff the linking uses and without one."""
    from rapidfuzz import fuzz

    def plain(a: str, b: str, cutoff: float) -> float:
        score = fuzz.ratio(a, b, score_cutoff=cutoff)
        short, long_ = (a, b) if len(a) <= len(b) else (b, a)
        if len(short) >= matching.MIN_SHARED and score < 100:
            score = max(score, fuzz.partial_ratio(short, long_, score_cutoff=cutoff))
        return float(score)

    rng = random.Random(7)
    texts = _texts(rng, 40)
    # longer items: several recommendations run together, some reworded
    texts += [" ".join(rng.sample(texts[:40], rng.randint(2, 9))) for _ in range(30)]
    texts += [_reword(rng, t) for t in texts[:60]]
    texts = [matching.normalise(t) for t in texts]
    skipped = 0
    for _ in range(800):
        a, b = rng.choice(texts), rng.choice(texts)
        for cutoff in (0.0, matching.LABEL_AGREE, matching.TEXT_THRESHOLD):
            assert matching.similarity(a, b, cutoff) == plain(a, b, cutoff), (a, b, cutoff)
            short, long_ = sorted((a, b), key=len)
            assert fuzz.partial_ratio(short, long_) <= matching._partial_bound(short, long_) + 1e-6
            skipped += matching._partial_bound(short, long_) < cutoff
    assert skipped  # the bound does skip some
