"""Classifying an answer into dispositions, from a column, a heading and its sentences (data/dispositions.yaml).

The strongest evidence decides: an explicit column (修正の有無, Disposition, Status), then
a heading over the rows, then the answer's sentences, each read for what it says the
guideline text does (changed, already says it, stays, later revision, …) and the answer
decided from them by one explicit order (`decide`). A column or heading that only says
"not revised" is refined by the sentences. Each match keeps its evidence (`column`,
`heading`, `text`, `carried-down`), so a reader can see why.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from guidetrace.guideline.keys import normalize_text
from guidetrace.trace.rules import packaged_yaml

from .vocabulary import ANSWERED, COVERED, NOTED, REVISED, UNCLASSIFIED

STATEMENT = "answered-statement"  # the rule of an answer that states or promises something outside the text
_SENTENCE = re.compile(r"[^。！？!?\n]+?(?:[。！？!?]|\.(?=\s|$)|$)", re.M)


@dataclass(frozen=True)
class Rule:
    id: str
    disposition: str
    pattern: re.Pattern[str]
    needs_place: bool = False  # counts only in a sentence that names a place in the text


@dataclass(frozen=True)
class Match:
    disposition: str
    rule: str
    supplementary: bool
    evidence: str = "text"
    weak: bool = False  # covered, but tied neither to the request nor to a place: a reason for keeping the text


@dataclass(frozen=True)
class Classification:
    primary: str
    matches: tuple[Match, ...]
    conflict: str | None = None  # the text's own verdict when a column or heading overrides it

    @property
    def all(self) -> list[str]:
        return list(dict.fromkeys(m.disposition for m in self.matches))

    @property
    def rules(self) -> list[str]:
        return [m.rule for m in self.matches]


def _compact(value: str) -> str:
    return re.sub(r"[\s.。、,:：!！]+", "", normalize_text(value)).casefold()


@dataclass(frozen=True)
class AnswerClassifier:
    rules: tuple[Rule, ...]
    supplementary: tuple[str, ...]
    order: tuple[str, ...]
    column_values: dict[str, str]
    heading_rules: tuple[tuple[str, re.Pattern[str]], ...]
    deferred: re.Pattern[str] | None = None
    point_ties: re.Pattern[str] | None = None
    place_ties: re.Pattern[str] | None = None
    statement: re.Pattern[str] | None = None  # a sentence that states or promises something
    refined: dict[str, tuple[str, frozenset[str]]] = field(default_factory=dict)  # value -> (default, refined by)

    def classify(self, answer: str | None, *, column: str | None = None, heading: str | None = None,
                 carried: bool = False) -> Classification:
        text = self.classify_text(answer, evidence="carried-down" if carried else "text")
        stated = self._stated(column, heading)
        if stated is None:
            return text
        disposition, evidence, rule = stated
        head = Match(disposition, rule, False, evidence)
        if disposition in self.refined:  # 無, Noted: the answer's words say more precisely what became of it
            default, by = self.refined[disposition]
            if text.primary in by:
                return Classification(text.primary, (head, *text.matches))
            conflict = text.primary if text.primary == REVISED else None
            return Classification(default, (head, *text.matches), conflict)
        conflict = None
        if text.primary != UNCLASSIFIED and (text.primary == REVISED) != (disposition == REVISED):
            conflict = text.primary
        return Classification(disposition, (head, *text.matches), conflict)

    def _stated(self, column: str | None, heading: str | None) -> tuple[str, str, str] | None:
        if column and (found := self.column_values.get(_compact(column))):
            return found, "column", f"column:{normalize_text(column)}"
        if column:  # a longer cell: its first word may still say it ("Accepted - see 4.2")
            first = _compact(re.split(r"[\s(（/;,.\-–—:]", normalize_text(column), maxsplit=1)[0])
            if found := self.column_values.get(first):
                return found, "column", f"column:{normalize_text(column)}"
            text = self.classify_text(column)
            if text.primary != UNCLASSIFIED and text.rules != [STATEMENT]:
                return text.primary, "column", f"column:{normalize_text(column)}"
            norm = normalize_text(column)  # a code's legend reads like a group heading: 計画に反映するもの
            for disposition, pattern in self.heading_rules:
                if pattern.search(norm):
                    return disposition, "column", f"column:{norm}"
        if heading:
            norm = normalize_text(heading)
            for disposition, pattern in self.heading_rules:
                if pattern.search(norm):
                    return disposition, "heading", f"heading:{norm[:60]}"
        return None

    def classify_text(self, answer: str | None, *, evidence: str = "text") -> Classification:
        if not answer or not answer.strip():
            return Classification(UNCLASSIFIED, ())
        matches: list[Match] = []
        for sentence in _SENTENCE.findall(normalize_text(answer)):
            sentence = sentence.strip()
            is_supplementary = sentence.startswith(self.supplementary)
            later = bool(self.deferred and self.deferred.search(sentence))
            place = bool(self.place_ties and self.place_ties.search(sentence))
            tied = place or bool(self.point_ties and self.point_ties.search(sentence))
            for rule in self.rules:
                if rule.needs_place and not place:
                    continue
                disposition = NOTED if later and rule.disposition == REVISED else rule.disposition
                if rule.pattern.search(sentence) and not any(
                    m.disposition == disposition and m.rule == rule.id for m in matches
                ):
                    matches.append(Match(disposition, rule.id, is_supplementary, evidence,
                                         weak=disposition == COVERED and not tied))
        if not matches and self.statement is not None:  # says nothing of the text: explains or commits outside it
            said = [s.strip() for s in _SENTENCE.findall(normalize_text(answer)) if self.statement.search(s.strip())]
            if said:
                matches.append(Match(ANSWERED, STATEMENT, False, evidence))
        if not matches:
            return Classification(UNCLASSIFIED, ())
        return Classification(decide(matches, self.order), tuple(matches))


def decide(matches: Sequence[Match], order: Sequence[str]) -> str:
    """The answer's disposition from what its sentences say: the first of `order` (statements about the
    text before promises and explanations) among the main sentences; supplementary ones (なお) only
    when no main sentence says anything. A weak covered (the text described, tied to neither the request
    nor a place) is a reason for keeping the text: it counts just after noted."""
    main = [m for m in matches if not m.supplementary] or list(matches)
    if not main:
        return UNCLASSIFIED
    after_noted = order.index(NOTED) + 0.5 if NOTED in order else len(order)

    def position(m: Match) -> float:
        return after_noted if m.weak else order.index(m.disposition)

    return min(main, key=position).disposition


def _expand(pattern: str, forms: dict[str, list[str]]) -> str:
    """`{name}` -> the alternation of forms[name] (longest first), so tense and politeness are data."""
    def sub(m: re.Match[str]) -> str:
        words = sorted(forms[m.group(1)], key=len, reverse=True)
        return "(?:" + "|".join(words) + ")"

    return re.sub(r"\{(\w+)\}", sub, pattern)


@lru_cache(maxsize=1)
def default_classifier() -> AnswerClassifier:
    data = packaged_yaml("guidetrace.comments", "dispositions.yaml")
    forms = {k: [str(w) for w in v] for k, v in (data.get("forms") or {}).items()}
    rules = tuple(
        Rule(r["id"], d["key"], re.compile(_expand(r["pattern"], forms)), r.get("needs") == "place")
        for d in data["dispositions"]
        for r in d["rules"]
    )
    order = tuple(str(k) for k in data["decision_order"])
    if sorted(order) != sorted(d["key"] for d in data["dispositions"]):
        raise ValueError("dispositions.yaml: decision_order must name every disposition once")
    columns = {_compact(str(v)): key for key, values in (data.get("column_values") or {}).items() for v in values}
    headings = tuple((h["disposition"], re.compile(h["pattern"])) for h in data.get("heading_rules") or ())
    markers = data.get("deferred_markers") or ()
    deferred = re.compile("|".join(f"(?:{_expand(m, forms)})" for m in markers)) if markers else None
    ties = {k: re.compile("|".join(f"(?:{p})" for p in data.get(k) or ())) if data.get(k) else None
            for k in ("point_ties", "place_ties")}
    statement = re.compile(data["statement"]) if data.get("statement") else None
    refined = {str(k): (str(v["default"]), frozenset(map(str, v["by"])))
               for k, v in (data.get("refined_by_text") or {}).items()}
    return AnswerClassifier(rules, tuple(data.get("supplementary", ())), order, columns, headings, deferred,
                            ties["point_ties"], ties["place_ties"], statement, refined)
