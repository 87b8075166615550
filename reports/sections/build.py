"""Per section of a round's revision: direct and subtree opinion counts, in SQL.

`distinct` counts a cluster of duplicate submissions (a campaign) once.

A recursive CTE expands each cited section to its ancestors, so the database
counts distinct opinions per subtree; Python only arranges the rows in tree order.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session, aliased

from guidetrace.comments.queries import find_round
from guidetrace.trace.models import Cluster, Revision, Section

# Every section with each of its ancestors (itself included): subtree counts are then one join.
ANCESTORS_CTE = """
WITH RECURSIVE anc(section_id, ancestor_id) AS (
    SELECT id, id FROM section WHERE revision_id = :revision
    UNION ALL
    SELECT anc.section_id, s.parent_id FROM anc JOIN section s ON s.id = anc.ancestor_id
    WHERE s.parent_id IS NOT NULL
)
"""

SUBTREE_SQL = text(ANCESTORS_CTE + """,
hits AS (
    SELECT DISTINCT anc.ancestor_id AS sid, c.comment_id AS cid
    FROM citation c JOIN anc ON anc.section_id = c.section_id
    JOIN comment m ON m.id = c.comment_id
    WHERE m.round_id = :round
)
SELECT hits.sid, m.disposition, COALESCE(sub.kind, 'unknown') AS kind,
       COUNT(*) AS opinions, SUM(COALESCE(m.represents, 1)) AS submissions
FROM hits JOIN comment m ON m.id = hits.cid LEFT JOIN submitter sub ON sub.id = m.submitter_id
GROUP BY hits.sid, m.disposition, COALESCE(sub.kind, 'unknown')
""")

DISTINCT_SQL = text(ANCESTORS_CTE + """
SELECT anc.ancestor_id, COUNT(DISTINCT CASE WHEN m.cluster_id IS NULL THEN m.id ELSE -m.cluster_id END)
FROM citation c JOIN anc ON anc.section_id = c.section_id JOIN comment m ON m.id = c.comment_id
WHERE m.round_id = :round
GROUP BY anc.ancestor_id
""")

DIRECT_SQL = text("""
SELECT c.section_id, COUNT(DISTINCT c.comment_id)
FROM citation c JOIN comment m ON m.id = c.comment_id
WHERE m.round_id = :round AND c.section_id IS NOT NULL
GROUP BY c.section_id
""")


def build_sections_report(session: Session, round_key: str | None = None) -> dict[str, Any]:
    rnd = find_round(session, round_key)
    revision = session.get(Revision, rnd.revision_id)
    assert revision is not None
    params = {"revision": revision.id, "round": rnd.id}
    direct: dict[Any, Any] = dict(session.execute(DIRECT_SQL, params).all())
    subtree: dict[int, dict[str, Any]] = defaultdict(lambda: {"subtree": 0, "submissions": 0, "by_disposition": {},
                                                              "by_submitter_kind": {}})
    for sid, disposition, kind, opinions, submissions in session.execute(SUBTREE_SQL, params):
        agg = subtree[sid]
        agg["by_disposition"][disposition] = agg["by_disposition"].get(disposition, 0) + opinions
        agg["by_submitter_kind"][kind] = agg["by_submitter_kind"].get(kind, 0) + opinions
        agg["submissions"] += int(submissions)
    for agg in subtree.values():  # every opinion has one disposition: their sum is the subtree count
        agg["subtree"] = sum(agg["by_disposition"].values())
    clustered = session.scalar(select(func.count()).select_from(Cluster).where(Cluster.round_id == rnd.id))
    distinct: dict[Any, Any] = dict(session.execute(DISTINCT_SQL, params).all()) if clustered else {}
    parent = aliased(Section)
    rows = []
    for s, parent_key in session.execute(select(Section, parent.key).outerjoin(parent, Section.parent_id == parent.id)
                                         .where(Section.revision_id == revision.id).order_by(Section.position)):
        agg = subtree.get(s.id) or {"subtree": 0, "submissions": 0, "by_disposition": {}, "by_submitter_kind": {}}
        rows.append({"section": s.key, "title": s.title, "kind": s.kind, "parent": parent_key, "inferred": s.inferred,
                     "direct": int(direct.get(s.id, 0)), **agg,
                     "distinct": int(distinct.get(s.id, 0)) if clustered else agg["subtree"]})
    return {"round": rnd.key, "revision": revision.key, "rows": rows,
            "uncommented": [r["section"] for r in rows if r["subtree"] == 0]}
