"""One row per cluster: its size, its representative text, who sent it, what it cites."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from guidetrace.comments.privacy.masking import masked_fields
from guidetrace.comments.privacy.published import published_name
from guidetrace.trace.models import Citation, Cluster, Comment, CommentTopic, ConsultationRound, Section, Submitter, Topic

MEMBER_LIMIT = 1000  # member ids listed per cluster; the size is always exact


@dataclass(frozen=True)
class Campaign:
    """One cluster as published (the field order is the JSON's)."""

    cluster: int
    round: str
    kind: str
    size: int
    submitters: int  # distinct senders: each submission without a named sender counts as one
    threshold: float
    spread: float | None
    representative: str | None
    submitter: str | None
    text: str | None
    sections: list[str]
    topics: list[str]
    members: list[str]


@dataclass(frozen=True)
class CampaignsReport:
    round: str | None
    campaigns: list[Campaign]
    clustered: int


def build_campaigns(session: Session, round_key: str | None = None) -> CampaignsReport:
    return campaigns_and_members(session, round_key)[0]


def campaigns_and_members(session: Session, round_key: str | None = None
                          ) -> tuple[CampaignsReport, dict[int, list[str]]]:
    """The report, and every member of each campaign (opinion keys in id order, none left out): the site
    shows a campaign once and lists all its members on the campaign's page. One query reads both."""
    query = (select(Cluster, ConsultationRound.key, Comment.key, Comment.body, Submitter.name, Submitter.kind)
             .join(ConsultationRound, Cluster.round_id == ConsultationRound.id)
             .outerjoin(Comment, Cluster.representative_id == Comment.id)
             .outerjoin(Submitter, Comment.submitter_id == Submitter.id)
             .order_by(Cluster.size.desc(), Cluster.id))
    if round_key:
        query = query.where(ConsultationRound.key == round_key)
    rows = session.execute(query).all()
    reps = [c.representative_id for c, *_ in rows if c.representative_id]
    sections: dict[int, list[str]] = defaultdict(list)
    topics: dict[int, list[str]] = defaultdict(list)
    if reps:
        for cid, key in session.execute(select(Citation.comment_id, Section.key).join(Section)
                                        .where(Citation.comment_id.in_(reps)).order_by(Citation.position)):
            sections[cid].append(key)
        for cid, key in session.execute(select(CommentTopic.comment_id, Topic.key).join(Topic)
                                        .where(CommentTopic.comment_id.in_(reps))):
            topics[cid].append(key)
    members: dict[int, list[str]] = defaultdict(list)
    senders: dict[int, set[int]] = defaultdict(set)
    unnamed: dict[int, int] = defaultdict(int)
    ids = [c.id for c, *_ in rows]
    if ids:
        within = Comment.cluster_id.in_(ids) if round_key else Comment.cluster_id.is_not(None)
        for cluster_id, key, sender in session.execute(select(Comment.cluster_id, Comment.key, Comment.submitter_id)
                                                       .where(within).order_by(Comment.id)):
            assert cluster_id is not None  # by the query
            members[cluster_id].append(key)
            if sender is None:
                unnamed[cluster_id] += 1
            else:
                senders[cluster_id].add(sender)
    masked = masked_fields(session, reps)  # published: personal data masked, individuals unnamed
    out = [Campaign(cluster=c.id, round=rnd, kind=c.kind, size=c.size, submitters=len(senders[c.id]) + unnamed[c.id],
                    threshold=c.threshold, spread=c.spread,
                    representative=rep_key,
                    submitter=masked.get(c.representative_id or 0, {}).get("submitter", published_name(who, who_kind)),
                    text=masked.get(c.representative_id or 0, {}).get("body", body),
                    sections=sections[c.representative_id or 0], topics=sorted(topics[c.representative_id or 0]),
                    members=members[c.id][:MEMBER_LIMIT])
           for c, rnd, rep_key, body, who, who_kind in rows]
    return CampaignsReport(round=round_key, campaigns=out, clustered=sum(r.size for r in out)), dict(members)
