"""Builds the plan: topic groups ranked by the score in data/plan_score.yaml, each with
the sections to edit in the target revision, what an edit there touches, and a status.

Status comes from an editor's mark when there is one; otherwise it is proposed as
`addressed` when a later revision's section title or text matches the topic's terms.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from guidetrace.comments.privacy.published import screened_text
from guidetrace.comments.topics_lexicon import TopicDef, compile_topic, fold
from guidetrace.comments.vocabulary import DECLINED, ORGANISATION_KINDS
from guidetrace.guideline.keys import ROOT_KEY
from guidetrace.guideline.reanchor import Reanchorer
from guidetrace.reports.graph import build_graph, impact_set, section_node
from guidetrace.trace.languages import LANGS, label_for
from guidetrace.trace.models import PlanMark, Revision, Section, Topic
from guidetrace.trace.rules import packaged_yaml

from ..facts import EditTargets, OpinionFact, load_facts
from ..labels import label
from ..topics.build import target_revision
from . import NO_SUCCESSOR, NO_TOPIC

# The keys an entry's JSON carries beyond its status and source, by where the status came from.
STATUS_KEYS = {"mark": ("revision", "addressed_in", "note"), "proposed": ("revision", "addressed_in"), "default": ()}


@dataclass(frozen=True)
class PlanEntry:
    """One section to edit for a topic: the opinions asking, what an edit there touches, its status."""

    section: str
    opinions: int
    comments: list[str]
    submitters: list[str]
    dispositions: dict[str, int]
    impact: list[str]
    status: str
    source: str  # mark | proposed | default
    revision: str | None = None
    addressed_in: str | None = None
    note: str | None = None

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        return {k: v for k, v in data.items() if k not in ("revision", "addressed_in", "note")
                or k in STATUS_KEYS[self.source]}


@dataclass(frozen=True)
class PlanGroup:
    topic: str
    labels: dict[str, str]  # by language
    score: float
    factors: dict[str, int]
    entries: list[PlanEntry] = field(default_factory=list)

    def label(self, lang: str) -> str:
        return label_for(self.labels, lang)


@dataclass(frozen=True)
class Plan:
    target: str | None  # the revision planned (a loaded one's label, or --future's)
    after: str | None  # or: the revision after this final one
    revision: str  # whose sections the entries name
    score: dict[str, Any]  # the scoring rules used
    groups: list[PlanGroup]

    def as_json(self) -> dict[str, Any]:
        return {"target": self.target, "after": self.after, "revision": self.revision, "score": self.score,
                "groups": [{**{k: v for k, v in asdict(g).items() if k != "entries"},
                            "entries": [e.as_json() for e in g.entries]} for g in self.groups]}


def score_rules() -> dict[str, Any]:
    return packaged_yaml("guidetrace.reports", "plan_score.yaml")


def build_plan(session: Session, target: str | None = None, future: str | None = None) -> Plan:
    """`target`: a loaded revision; `future`: the label of one not loaded yet (sections are the latest's).
    Neither: the revision after the latest, when that one is already final."""
    rules = score_rules()
    latest = target_revision(session, target)
    anchors, tree, graph = Reanchorer(session, latest), EditTargets(session), build_graph(session, opinions=False)
    all_facts = load_facts(session)
    facts = [f for f in all_facts if f.disposition in rules["plan_dispositions"]]
    marks = {(m.topic_key, m.section_key): m for m in session.scalars(select(PlanMark))}
    topics = {t.key: t for t in session.scalars(select(Topic))}
    later = _later_sections(session, latest)
    grouped: dict[str, list[OpinionFact]] = defaultdict(list)
    for f in facts:
        for key in f.topics or {NO_TOPIC: ""}:
            grouped[key].append(f)
    groups = []
    for key, ops in grouped.items():
        entries: dict[str, list[OpinionFact]] = defaultdict(list)
        for f in ops:
            for sid in tree.edit_targets(f.sections):
                for anchored in anchors.anchor(sid).keys or (f"{tree.key(sid)} {NO_SUCCESSOR}",):
                    entries[anchored].append(f)
        factors = _factors(key, ops, all_facts, len(entries), rules)
        score = sum(rules["weights"][k] * v for k, v in factors.items())
        topic = topics.get(key)
        regex = _topic_regex(topic) if topic else None
        groups.append(PlanGroup(
            topic=key, labels=dict(topic.labels) if topic else {lang: label("plan_no_topic", lang) for lang in LANGS},
            score=score, factors=factors,
            entries=sorted((_entry(key, s, fs, marks, graph, latest, later, regex) for s, fs in entries.items()),
                           key=lambda e: (-e.opinions, e.section)),
        ))
    groups.sort(key=lambda g: (g.topic == NO_TOPIC, -g.score, g.topic))
    after = latest.label if not target and not future and latest.status == "final" else None
    return Plan(target=future or (None if after else latest.label), after=after, revision=latest.key, score=rules,
                groups=groups)


def _factors(topic: str, ops: list[OpinionFact], all_facts: list[OpinionFact], sections: int,
             rules: dict[str, Any]) -> dict[str, int]:
    mine = [f for f in all_facts if topic in f.topics] if topic != NO_TOPIC else ops
    rounds = sorted({f.round_order for f in mine})
    declined_rounds = [f.round_order for f in mine if f.disposition == DECLINED]
    repeated = any(r > min(declined_rounds) for r in rounds) if declined_rounds else False
    return {
        "extra_rounds": max(len(rounds) - 1, 0),
        "organisations": len({f.submitter for f in ops if f.submitter_kind in ORGANISATION_KINDS}),
        "individuals": min(len({f.key for f in ops if f.submitter_kind not in ORGANISATION_KINDS}), rules["individuals_cap"]),
        "sections": sections,
        "opinions": len(ops),
        "repeated_after_declined": int(repeated),
    }


def _topic_regex(topic: Topic):  # type: ignore[no-untyped-def]
    if not topic.terms and not topic.patterns:
        return None
    terms = tuple(t for t in topic.terms if isinstance(t, str))
    conditional = tuple((t["term"], tuple(t["requires"])) for t in topic.terms if isinstance(t, dict))
    return compile_topic(TopicDef(topic.key, dict(topic.labels), topic.description, terms,
                                  tuple(topic.patterns), tuple(topic.hint_sections), conditional))


def _later_sections(session: Session, latest: Revision) -> tuple[dict[int, int], list[tuple[int, str, str, str]]]:
    """Depth of each revision on the target's chain (0 = target), and its sections' folded title and text."""
    revs = {r.id: r for r in session.scalars(select(Revision))}
    depth: dict[int, int] = {}
    cur: Revision | None = latest
    while cur is not None:
        depth[cur.id] = len(depth)
        cur = revs.get(cur.predecessor_id) if cur.predecessor_id else None
    rows = session.execute(select(Section.revision_id, Section.key, Section.title, Section.body)
                           .where(Section.revision_id.in_(list(depth)))).all()
    return depth, [(depth[r], revs[r].key, k, fold(f"{t or ''}\n{b or ''}")) for r, k, t, b in rows]


def _entry(topic: str, section: str, ops: list[OpinionFact], marks: dict[tuple[str, str], PlanMark], graph: Any,
           latest: Revision, later: tuple[dict[int, int], list[tuple[int, str, str, str]]], regex: Any) -> PlanEntry:
    node = section_node(latest.key, section)
    depth = 1 if section == ROOT_KEY else 2  # an edit to the whole guideline touches its chapters
    impact = sorted(graph.nodes[n]["key"] for n in impact_set(graph, node, depth=depth)) if node in graph else []
    return PlanEntry(
        section=section, opinions=len(ops), comments=[o.key for o in ops],
        submitters=list(dict.fromkeys(o.submitter or "" for o in ops)),
        dispositions=dict(Counter(o.disposition for o in ops)),
        impact=impact, **_status(topic, section, ops, marks, later, regex),
    )


def _status(topic: str, section: str, ops: list[OpinionFact], marks: dict[tuple[str, str], PlanMark],
            later: tuple[dict[int, int], list[tuple[int, str, str, str]]], regex: Any) -> dict[str, Any]:
    mark = marks.get((topic, section))
    if mark is not None:
        return {"status": mark.status, "source": "mark", "revision": mark.revision_key,
                "addressed_in": mark.addressed_section, "note": screened_text(mark.note)}  # published: screened
    depth, sections = later
    asked = [depth[o.revision_id] for o in ops if o.revision_id in depth]
    if regex is not None and asked:
        horizon = min(asked)  # only revisions after the most recent round that asked
        known = {text for d, _, _, text in sections if d >= horizon}  # text the askers already had
        for d, rev, key, text in sorted(sections, key=lambda row: -row[0]):
            if d < horizon and text not in known and regex.first_match(text):
                return {"status": "addressed", "source": "proposed", "revision": rev, "addressed_in": key}
    return {"status": "open", "source": "default"}
