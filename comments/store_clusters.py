"""Clustering a round's submissions and storing the clusters (a representative, a size, members)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from guidetrace.trace.models import Cluster, Comment, ConsultationRound
from guidetrace.trace.store import Store

from .dedup import banding, cluster_texts
from .rounds import find_round

BATCH = 5000


@dataclass(frozen=True)
class ClusterSummary:
    round: str
    submissions: int
    clusters: int
    clustered: int
    largest: int
    distinct: int  # clusters plus submissions in none: what remains to read
    banding: dict[str, Any] | None = None  # how near-duplicates were searched for (None: exact matches only)


def cluster_round(session: Session, rnd: ConsultationRound, *, threshold: float = 0.8, near: bool = True) -> ClusterSummary:
    rows = session.execute(select(Comment.id, Comment.body).where(Comment.round_id == rnd.id).order_by(Comment.id)).all()
    ids, texts = [r[0] for r in rows], [r[1] for r in rows]
    session.execute(update(Comment).where(Comment.round_id == rnd.id).values(cluster_id=None))
    session.execute(delete(Cluster).where(Cluster.round_id == rnd.id))
    found = cluster_texts(texts, threshold=threshold, near=near)
    members: list[dict[str, int]] = []
    if found:
        new = session.execute(insert(Cluster).returning(Cluster.id, Cluster.representative_id),
                              [{"round_id": rnd.id, "representative_id": ids[c.representative], "kind": c.kind,
                                "size": len(c.members), "threshold": threshold, "spread": c.spread}
                               for c in found]).all()
        by_rep = {rep: cid for cid, rep in new}
        for c in found:
            cid = by_rep[ids[c.representative]]
            members.extend({"_id": ids[i], "cid": cid} for i in c.members)
        stmt = update(Comment).where(Comment.id == bindparam("_id")).values(cluster_id=bindparam("cid"))
        for start in range(0, len(members), BATCH):
            session.connection().execute(stmt, members[start : start + BATCH])
    clustered = len(members)
    distinct = len(found) + len(ids) - clustered
    if rnd.kind == "raw":  # a raw round's totals are what it holds
        rnd.total_submissions = len(ids)
        rnd.part_totals = {"distinct": distinct, "campaigns": len(found)}
    return ClusterSummary(rnd.key, len(ids), len(found), clustered, max((len(c.members) for c in found), default=0),
                          distinct, banding(threshold) if near else None)


def dedup_round(store: Store, round_key: str, *, threshold: float = 0.8, near: bool = True) -> ClusterSummary:
    with store.transaction() as session:
        return cluster_round(session, find_round(session, round_key), threshold=threshold, near=near)
