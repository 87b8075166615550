"""Per section of a round's revision: direct and subtree opinion counts, from the section tally.

The tally (`trace/tally.py`) counts a round's opinions by the set of sections each
cites; an opinion counts once in every subtree its set touches, however many of its places
lie inside. So the few thousand tally rows are summed up the tree here, in Python, and no
citation is expanded to its ancestors. An opinion that cites no section of the revision (every
place it names is unresolved) still speaks to the document: it counts at the root, so the
root's totals are the round's. `distinct` counts a campaign (a cluster of duplicate
submissions) once; only rounds with clusters need that second, per-opinion query.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from sqlalchemy import case, func, select, text
from sqlalchemy.orm import Session, aliased

from guidetrace.comments.rounds import find_round
from guidetrace.guideline.keys import ROOT_KEY
from guidetrace.guideline.section_tree import SectionTree
from guidetrace.trace.models import Cluster, Comment, Revision, Section, SectionTally
from guidetrace.trace.tally import section_ids


@dataclass(frozen=True)
class SectionCount:
    """One section's row. The field order is the JSON's."""

    section: str
    title: str | None
    kind: str
    parent: str | None
    inferred: bool
    direct: int
    subtree: int
    submissions: int
    by_disposition: dict[str, int] = field(default_factory=dict)
    by_submitter_kind: dict[str, int] = field(default_factory=dict)
    distinct: int = 0


@dataclass(frozen=True)
class SectionsReport:
    round: str
    revision: str
    rows: list[SectionCount]

    @cached_property
    def tree(self) -> SectionTree[str]:
        """The revision's tree by key, built once however many diagrams ask (a chapter each)."""
        return SectionTree[str]((r.section, r.parent) for r in self.rows)

    @cached_property
    def by_key(self) -> dict[str, SectionCount]:
        return {r.section: r for r in self.rows}

    @property
    def uncommented(self) -> list[str]:
        return [r.section for r in self.rows if r.subtree == 0]


@dataclass
class _Sums:
    direct: int = 0
    submissions: int = 0
    by_disposition: Counter[str] = field(default_factory=Counter)
    by_kind: Counter[str] = field(default_factory=Counter)


# Campaigns counted once per subtree: needs each opinion's cluster, so it runs only for rounds with clusters.
DISTINCT_SQL = text("""
WITH RECURSIVE anc(section_id, ancestor_id) AS (
    SELECT id, id FROM section WHERE revision_id = :revision
    UNION ALL
    SELECT anc.section_id, s.parent_id FROM anc JOIN section s ON s.id = anc.ancestor_id
    WHERE s.parent_id IS NOT NULL
)
SELECT anc.ancestor_id, COUNT(DISTINCT CASE WHEN m.cluster_id IS NULL THEN m.id ELSE -m.cluster_id END)
FROM citation c JOIN anc ON anc.section_id = c.section_id JOIN comment m ON m.id = c.comment_id
WHERE m.round_id = :round
GROUP BY anc.ancestor_id
""")
# The root's subtree is the whole round, the opinions citing no known section included.
ROUND_DISTINCT = func.count(func.distinct(case((Comment.cluster_id.is_(None), Comment.id), else_=-Comment.cluster_id)))


def build_sections_report(session: Session, round_key: str | None = None) -> SectionsReport:
    rnd = find_round(session, round_key)
    revision = session.get(Revision, rnd.revision_id)
    assert revision is not None
    tree = SectionTree.of_ids(session, revision.id)
    root = session.scalar(select(Section.id).where(Section.revision_id == revision.id, Section.key == ROOT_KEY))
    whole = frozenset((root,)) if root is not None else frozenset()
    sums: dict[int, _Sums] = defaultdict(_Sums)
    reach: dict[frozenset[int], set[int]] = {}  # a cited set -> every section whose subtree it touches
    # rows by (disposition, kind): each section's counts list dispositions, then kinds, in that order
    for ids, disposition, kind, opinions, submissions in session.execute(
            select(SectionTally.sections, SectionTally.disposition, SectionTally.submitter_kind, SectionTally.opinions,
                   SectionTally.submissions).where(SectionTally.round_id == rnd.id)
            .order_by(SectionTally.disposition, SectionTally.submitter_kind)):
        cited = frozenset(sid for sid in section_ids(ids) if sid in tree) or whole
        if cited not in reach:
            reach[cited] = {a for sid in cited for a in (sid, *tree.ancestors(sid))}
        for sid in cited:
            sums[sid].direct += opinions
        for sid in reach[cited]:
            agg = sums[sid]
            agg.by_disposition[disposition] += opinions
            agg.by_kind[kind] += opinions
            agg.submissions += submissions
    clustered = session.scalar(select(func.count()).select_from(Cluster).where(Cluster.round_id == rnd.id))
    distinct: dict[int, int] = dict(session.execute(DISTINCT_SQL, {"revision": revision.id, "round": rnd.id}).all()) \
        if clustered else {}
    if clustered and root is not None:
        distinct[root] = session.scalar(select(ROUND_DISTINCT).where(Comment.round_id == rnd.id)) or 0
    parent = aliased(Section)
    rows = []
    for s, parent_key in session.execute(select(Section, parent.key).outerjoin(parent, Section.parent_id == parent.id)
                                         .where(Section.revision_id == revision.id).order_by(Section.position)):
        agg = sums.get(s.id) or _Sums()
        subtree = sum(agg.by_disposition.values())  # every opinion has one disposition
        rows.append(SectionCount(
            section=s.key, title=s.title, kind=s.kind, parent=parent_key, inferred=s.inferred, direct=agg.direct,
            subtree=subtree, submissions=agg.submissions, by_disposition=dict(agg.by_disposition),
            by_submitter_kind=dict(agg.by_kind), distinct=int(distinct.get(s.id, 0)) if clustered else subtree))
    return SectionsReport(round=rnd.key, revision=revision.key, rows=rows)
