"""What resolving a text found: the sections it cites (with evidence and confidence) and the places
it names that the tree lacks (kept with their text, never dropped), and how confident each kind of
evidence is. Shared by the resolver, the opinion-level resolution and the store."""

from __future__ import annotations

from dataclasses import dataclass, field

from .tree_index import TreeIndex

CONFIDENCE = {"number": 1.0, "measure": 1.0, "appendix": 1.0, "article": 1.0, "table": 0.9, "figure": 0.9,
              "general": 1.0, "item": 0.9, "column": 0.9, "title": 0.7, "heading": 0.6, "page": 0.6, "implicit": 0.5}
TEXT_ORIGIN = "opinion-text"
OPENING = "opinion-opening"  # the place an opinion with no location column opens with
TEXT_FACTOR = 0.6  # a locator found in the opinion rather than in its 該当箇所
OPENING_FACTOR = 0.8  # the place an opinion opens with (P.12 3.1.2について)
TITLE_ALONE = "by title alone"
# Why a place was not resolved (or resolved weakly), as stored with the citation: a report words each in its
# language by the same name (reports/labels.py: note_words); keep a template's fields when changing its words.
NOTES = {"no_section": "no section {key!r} in {revision}", "no_context": "no section in context to count from",
         "item_first": "item number with no section before it", "item_not_in_tree": "item {number} is not in the tree",
         "no_item": "{context} has no item {number} in {revision}",
         "no_page": "no section of {revision} is known to be on {pages}", "no_column": "no column with this title",
         "quoted_title": "quoted title", "title_alone": TITLE_ALONE, "title_shared": "title shared by {keys}",
         "no_location": "names no section of {revision}",
         "step_not_in_tree": "{steps} is not in the tree", "could_be": "{place} could be {keys}",
         "no_step_under": "no {steps} under {key} in {revision}", "named_inside": "named inside",
         "heading_words": "number and heading words"}


@dataclass
class Cited:
    section: str
    evidence: str
    confidence: float
    text: str
    origin: str
    position: int
    note: str | None = None

    def copy(self) -> Cited:
        """A copy to change (a remembered resolution is copied per opinion; dataclasses.replace costs 5x)."""
        return Cited(self.section, self.evidence, self.confidence, self.text, self.origin, self.position, self.note)


@dataclass(frozen=True)
class Unresolved:
    text: str
    evidence: str
    reason: str
    origin: str
    proposed_key: str | None = None
    proposed_parent: str | None = None
    proposed_kind: str | None = None
    proposed_title: str | None = None


@dataclass
class Resolution:
    cited: dict[str, Cited] = field(default_factory=dict)
    unresolved: list[Unresolved] = field(default_factory=list)
    context: str | None = None

    def cite(self, key: str, evidence: str, text: str, origin: str, confidence: float | None = None,
             note: str | None = None) -> None:
        conf = CONFIDENCE.get(evidence, 0.8) if confidence is None else confidence
        if origin in (TEXT_ORIGIN, OPENING):  # found in the opinion: the place it opens with weighs more
            factor = OPENING_FACTOR if origin == OPENING else TEXT_FACTOR
            evidence, note, conf = TEXT_ORIGIN, note or evidence, round(conf * factor, 2)
        if key in self.cited:
            self.cited[key].confidence = max(self.cited[key].confidence, conf)
        else:
            self.cited[key] = Cited(key, evidence, conf, text.strip(), origin, len(self.cited), note)
        self.context = key

    def covers(self, index: TreeIndex, key: str) -> bool:
        return any(index.related(key, c) for c in self.cited)
