"""Classifying the ministry's answer into dispositions by phrase rules (data/dispositions.yaml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from guidetrace.guideline.keys import normalize_text
from guidetrace.trace.rules import packaged_yaml

UNCLASSIFIED = "unclassified"
_SENTENCE = re.compile(r"[^。\n]+[。]?")


@dataclass(frozen=True)
class Rule:
    id: str
    disposition: str
    rank: int
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Match:
    disposition: str
    rule: str
    supplementary: bool


@dataclass(frozen=True)
class Classification:
    primary: str
    matches: tuple[Match, ...]

    @property
    def all(self) -> list[str]:
        return list(dict.fromkeys(m.disposition for m in self.matches))

    @property
    def rules(self) -> list[str]:
        return [m.rule for m in self.matches]


@dataclass(frozen=True)
class AnswerClassifier:
    rules: tuple[Rule, ...]
    supplementary: tuple[str, ...]
    ranks: dict[str, int]

    def classify(self, answer: str | None) -> Classification:
        if not answer or not answer.strip():
            return Classification(UNCLASSIFIED, ())
        matches: list[Match] = []
        for sentence in _SENTENCE.findall(normalize_text(answer)):
            sentence = sentence.strip()
            is_supplementary = sentence.startswith(self.supplementary)
            for rule in self.rules:
                if rule.pattern.search(sentence) and not any(
                    m.disposition == rule.disposition and m.rule == rule.id for m in matches
                ):
                    matches.append(Match(rule.disposition, rule.id, is_supplementary))
        if not matches:
            return Classification(UNCLASSIFIED, ())
        main = [m for m in matches if not m.supplementary] or matches
        primary = min(main, key=lambda m: self.ranks[m.disposition]).disposition
        return Classification(primary, tuple(matches))


@lru_cache(maxsize=1)
def default_classifier() -> AnswerClassifier:
    data = packaged_yaml("guidetrace.comments", "dispositions.yaml")
    rules = tuple(
        Rule(r["id"], d["key"], int(d["rank"]), re.compile(r["pattern"]))
        for d in data["dispositions"]
        for r in d["rules"]
    )
    ranks = {d["key"]: int(d["rank"]) for d in data["dispositions"]}
    return AnswerClassifier(rules, tuple(data.get("supplementary", ())), ranks)


def disposition_labels(lang: str = "ja") -> dict[str, str]:
    data = packaged_yaml("guidetrace.comments", "dispositions.yaml")
    labels = {d["key"]: d["label"][lang] for d in data["dispositions"]}
    labels[UNCLASSIFIED] = "未分類" if lang == "ja" else "unclassified"
    return labels
