"""Findings in the store: written with each load (and by `privacy scan`), decided like any review item.

A decision on a finding is a review decision (`mask` or `keep`) whose value names the
field, the kind and the text found, so it re-attaches after a reload as other decisions do.
An undecided finding is masked in everything published: the safe default.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from guidetrace.trace.bulk_insert import insert_rows
from guidetrace.trace.models import ACTIVE, Comment, ConsultationRound, PrivacyFinding, ReviewDecision, Submitter, table_of

from ..rounds import find_round
from ..submitter_kinds import only_a_kind, submitter_kind
from ..vocabulary import INDIVIDUAL, UNKNOWN
from .detect import Finding, detect, holds_person_name, person_left
from .names import PUBLIC_PERSON

FIELDS = ("body", "reason", "proposal", "response", "location")
SUBMITTER = "submitter"
WHOLE_SUBMITTER = "individual-submitter"  # the rule of a finding that is the whole submitter column: a person
CACHE = 50_000
CHUNK = 5000
MASK, KEEP, PENDING = "mask", "keep", "pending"


def decision_value(field: str, kind: str, text: str) -> str:
    return f"{field}:{kind}:{text}"


class Scanner:
    """Detects once per distinct text within a load (a campaign's thousand copies are read once)."""

    def __init__(self) -> None:
        self.cache: dict[str, list[Finding]] = {}
        self.waiting: dict[str, list[Finding]] = {}  # found ahead for this batch (batch_hints)

    def detect(self, text: str | None) -> list[Finding]:
        if not text:
            return []
        found = self.waiting.get(text)
        if found is not None:
            return found
        found = self.cache.get(text)
        if found is None:
            found = detect(text)
            if len(self.cache) < CACHE:
                self.cache[text] = found
        return found

    def rows(self, comment_id: int, values: dict[str, Any], submitter: str | None) -> list[dict[str, Any]]:
        out = [{"comment_id": comment_id, "field": field, "start": f.start, "end": f.end, "kind": f.kind,
                "confidence": f.confidence, "rule": f.rule, "text": f.text}
               for field in FIELDS for f in self.detect(values.get(field))]
        if submitter:
            out += self.submitter_rows(comment_id, submitter)
        return out

    def submitter_rows(self, comment_id: int, submitter: str) -> list[dict[str, Any]]:
        """The submitter column, whatever its kind: contact data in it (山田花子 090-…, an organisation's
        e-mail), and a private person's name as the whole column. Always masked where published (see
        published.screened_submitter), so listed by `privacy scan` and never asked of a person."""
        kind = submitter_kind(submitter)
        found = detect(submitter, offices=False)  # an organisation's number beside its name is masked too
        out = [{"comment_id": comment_id, "field": SUBMITTER, "start": f.start, "end": f.end, "kind": f.kind,
                "confidence": f.confidence, "rule": f.rule, "text": f.text} for f in found]
        person = ((kind == INDIVIDUAL and not only_a_kind(submitter) and holds_person_name(submitter))  # 個人 alone: no name
                  or (kind == UNKNOWN and person_left(submitter, found)))
        if person:  # the whole column is withheld: a name found inside it is that same finding
            out = [r for r in out if r["kind"] != "name"]
            out.append({"comment_id": comment_id, "field": SUBMITTER, "start": 0, "end": len(submitter),
                        "kind": "name", "confidence": 0.99, "rule": WHOLE_SUBMITTER, "text": submitter})
        return out


def write_findings(session: Session, rows: list[dict[str, Any]]) -> None:
    if rows:
        insert_rows(session.connection(), table_of(PrivacyFinding), rows)


def scan(session: Session, round_key: str | None = None) -> int:
    """Finds personal data again in every opinion (of one round): after the rules changed."""
    query = (select(Comment.id, Comment.body, Comment.reason, Comment.proposal, Comment.response, Comment.location,
                    Submitter.name).outerjoin(Submitter, Comment.submitter_id == Submitter.id))
    if round_key:
        query = query.where(Comment.round_id == find_round(session, round_key).id)
    scanner, written = Scanner(), 0
    result = session.execute(query)
    while chunk := result.fetchmany(5000):
        session.execute(delete(PrivacyFinding).where(PrivacyFinding.comment_id.in_([r[0] for r in chunk])))
        rows = [row for cid, *texts, name in chunk for row in scanner.rows(cid, dict(zip(FIELDS, texts)), name)]
        write_findings(session, rows)
        written += len(rows)
    return written


def states(session: Session, findings: Iterable[PrivacyFinding]) -> dict[int, str]:
    """Each finding's state from the active mask/keep decisions (latest wins). A decision on one copy of a
    campaign (a dedup cluster) decides the same finding (field, kind, text) in every copy: an editor
    decides a campaign's finding once. A submitter's findings are always masked, never asked."""
    found = list(findings)
    out = {f.id: MASK for f in found if f.field == SUBMITTER}
    asked = [f for f in found if f.field != SUBMITTER]
    if not asked or session.scalar(select(ReviewDecision.id).where(
            ReviewDecision.state == ACTIVE, ReviewDecision.action.in_((MASK, KEEP))).limit(1)) is None:
        return {**out, **{f.id: PENDING for f in asked}}  # nothing decided yet (most stores, most loads)
    campaign = campaigns_of(session, sorted({f.comment_id for f in asked}))
    ids = sorted({f.comment_id for f in asked} | set(campaign))
    decided: dict[tuple[str, int, str], tuple[int, str]] = {}  # (opinion or campaign, value) -> (decision, action)
    for start in range(0, len(ids), CHUNK):
        for did, cid, action, value in session.execute(
                select(ReviewDecision.id, ReviewDecision.comment_id, ReviewDecision.action, ReviewDecision.value)
                .where(ReviewDecision.comment_id.in_(ids[start:start + CHUNK]), ReviewDecision.state == ACTIVE,
                       ReviewDecision.action.in_((MASK, KEEP))).order_by(ReviewDecision.id)):
            if cid is None:
                continue
            decided[("opinion", cid, value or "")] = (did, action)
            if cid in campaign:
                decided[("campaign", campaign[cid], value or "")] = (did, action)
    for f in asked:
        value = decision_value(f.field, f.kind, f.text)
        mine = [d for d in (decided.get(("opinion", f.comment_id, value)),
                            decided.get(("campaign", campaign.get(f.comment_id, -1), value))) if d]
        out[f.id] = max(mine)[1] if mine else (KEEP if f.rule == PUBLIC_PERSON else PENDING)
    return out


def campaigns_of(session: Session, comment_ids: list[int]) -> dict[int, int]:
    """Opinion -> its campaign (dedup cluster), for the opinions given and every other copy of their campaigns."""
    clusters: set[int] = set()
    for start in range(0, len(comment_ids), CHUNK):
        clusters.update(session.scalars(select(Comment.cluster_id).where(
            Comment.id.in_(comment_ids[start:start + CHUNK]), Comment.cluster_id.is_not(None)).distinct()))
    asked = sorted(clusters)
    out: dict[int, int] = {}
    for start in range(0, len(asked), CHUNK):
        for cid, cluster in session.execute(select(Comment.id, Comment.cluster_id)
                                            .where(Comment.cluster_id.in_(asked[start:start + CHUNK]))):
            if cluster is not None:
                out[cid] = cluster
    return out


def findings_of(session: Session, comment_ids: list[int] | None = None, round_key: str | None = None
                ) -> list[PrivacyFinding]:
    query = select(PrivacyFinding).order_by(PrivacyFinding.comment_id, PrivacyFinding.field, PrivacyFinding.start)
    if round_key:
        query = query.join(Comment).join(ConsultationRound).where(ConsultationRound.key == round_key)
    if comment_ids is None:
        return list(session.scalars(query))
    if len(comment_ids) > 5000 and session.scalar(select(PrivacyFinding.id).limit(1)) is None:
        return []  # a store with no findings at all (most): no need to ask 100,000 ids in chunks
    out: list[PrivacyFinding] = []
    for start in range(0, len(comment_ids), 5000):
        out += session.scalars(query.where(PrivacyFinding.comment_id.in_(comment_ids[start:start + 5000])))
    return out
