"""What the extractor hands on: one recommendation, with where it came from."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Found:
    """One recommendation: offsets into the document's cleaned text, and what the text says."""

    start: int
    end: int
    kind: str  # label, list or sentence
    actors: list[str] = field(default_factory=list)  # as written ("the Treasury", "NCA")
    pronoun_for: str | None = None  # the actor a leading "it"/"they" stands for, as written
    made_by: str | None = None  # the maker when the text names one other than I/we
    intro: str | None = None  # the sentence that introduces a list item
    label: str | None = None  # the document's own label ("Recommendation 3")
    heading_actors: list[str] = field(default_factory=list)  # from "Recommendations to X"
    response: str | None = None  # a response document's answer: accepted, accepted in part, ...
    response_text: str | None = None  # the sentence that gives it, as written
    owned: bool = False  # heading_actors come from a table's owner column (rule "owner-cell-first")
    due_words: str | None = None  # a table's date column for the row ("April 2027"), as written
    owner_named: bool = False  # ... from a column headed as owner (rule "owner-header-first")
    addressed: bool = (
        False  # heading_actors from an addressee heading ("For the Department for Transport:")
    )
    answers: bool = False  # a row of an action plan: the document answers a report's items
    # Provenance (added by the registry and the resolver; all optional).
    detector: str | None = None  # the detector whose span was kept
    detectors: list[str] = field(default_factory=list)  # every detector that proposed it
    heading_path: list[str] = field(default_factory=list)  # the headings it sits under
    locations: list[tuple[int, int]] = field(default_factory=list)  # every copy (restatements)
    confidence: float = 0.0
    explicit: bool = False  # says "we recommend" / "we urge" (not only "should")
