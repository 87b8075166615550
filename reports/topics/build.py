"""Builds one row per topic across every round, with citations shown in the latest revision."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from guidetrace.comments.vocabulary import ORGANISATION_KINDS, REVISED
from guidetrace.guideline.queries import find_revision, latest_revision
from guidetrace.guideline.reanchor import Reanchorer
from guidetrace.trace.languages import label_for
from guidetrace.trace.models import Revision, Topic

from ..facts import EditTargets, OpinionFact, load_facts


@dataclass(frozen=True)
class TopicSummary:
    """One topic across every round (the field order is the JSON's). `per_round` maps a round to its
    opinions, dispositions, sections as cited and as anchored in `revision`, and the outdated ones."""

    topic: str
    labels: dict[str, str]  # by language
    opinions: int
    submissions: int
    rounds: list[str]
    recurring: bool
    open: bool
    submitters: list[dict[str, str]]
    organisations: list[str]
    by_submitter_kind: dict[str, int]
    dispositions: dict[str, int]
    sections: list[str]
    section_counts: dict[str, int]
    revision: str
    per_round: dict[str, dict[str, Any]]
    comments: list[str]

    def label(self, lang: str) -> str:
        return label_for(self.labels, lang)


def target_revision(session: Session, target: str | None) -> Revision:
    """The revision a key or label names (an unknown one is an error, not a silent fallback); else the latest."""
    if target:
        return find_revision(session, target, or_label=True, hint="; to plan a revision not loaded yet, give --future LABEL")
    return latest_revision(session)


def build_topic_summary(session: Session, target: str | None = None) -> list[TopicSummary]:
    latest = target_revision(session, target)
    anchors = Reanchorer(session, latest)
    tree = EditTargets(session)
    facts = load_facts(session)
    by_topic: dict[str, list[OpinionFact]] = defaultdict(list)
    for f in facts:
        for t in f.topics:
            by_topic[t].append(f)
    rows = []
    for topic in session.scalars(select(Topic)):
        ops = by_topic.get(topic.key, [])
        if not ops:
            continue
        rows.append(_topic_row(topic, ops, tree, anchors, latest))
    rows.sort(key=lambda r: (-r.opinions, r.topic))
    return rows


def _topic_row(topic: Topic, ops: list[OpinionFact], tree: EditTargets, anchors: Reanchorer,
               latest: Revision) -> TopicSummary:
    per_round: dict[str, dict[str, Any]] = {}
    latest_sections: list[str] = []
    counts: dict[str, int] = {}
    for f in ops:
        r = per_round.setdefault(f.round, {"opinions": 0, "dispositions": Counter(), "sections": [], "anchored": [],
                                           "outdated": []})
        r["opinions"] += 1
        r["dispositions"][f.disposition] += 1
        for sid in tree.edit_targets(f.sections):
            own = tree.key(sid)
            if own not in r["sections"]:
                r["sections"].append(own)
            anchor = anchors.anchor(sid)
            for k in anchor.keys:
                counts[k] = counts.get(k, 0) + 1
                if k not in r["anchored"]:
                    r["anchored"].append(k)
                if k not in latest_sections:
                    latest_sections.append(k)
            if anchor.outdated:
                r["outdated"].append({"section": own, "reasons": list(anchor.reasons), "changes": list(anchor.changes)})
    for r in per_round.values():
        r["dispositions"] = dict(r["dispositions"])
    submitters = list(dict.fromkeys((f.submitter or "", f.submitter_kind) for f in ops))
    return TopicSummary(
        topic=topic.key, labels=dict(topic.labels),
        opinions=len(ops), submissions=sum(f.represents for f in ops),
        rounds=list(per_round), recurring=len(per_round) >= 2,
        open=not any(f.disposition == REVISED for f in ops),
        submitters=[{"name": n, "kind": k} for n, k in submitters],
        organisations=sorted({n for n, k in submitters if k in ORGANISATION_KINDS}),
        by_submitter_kind=dict(Counter(k for _, k in submitters)),
        dispositions=dict(Counter(f.disposition for f in ops)),
        sections=latest_sections, section_counts=counts, revision=latest.key, per_round=per_round,
        comments=[f.key for f in ops],
    )
