"""The review queue: what a person should look at, the weightiest first.

A citation nobody could place, one below the confidence threshold or found by title
alone, one outdated by a later revision, an unclassified answer, an answer whose words
disagree with its column, and topics the lexicon lacks. An item leaves the queue when
a person decides on its field, or accepts it as it stands (if the machine later
changes the value, the item comes back).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import String, cast, func, select
from sqlalchemy.orm import Session

from guidetrace.guideline.reanchor import Change
from guidetrace.trace.models import Citation, Cluster, Comment, ConsultationRound, ReviewDecision, Section

from ..classify_answer import STATEMENT
from ..resolution import TITLE_ALONE
from ..rounds import find_round
from ..vocabulary import ANSWERED, UNCLASSIFIED
from .decisions import ACTIVE, FIELD_OF, REVIEWED, current, field_value
from .kinds import CONFIDENCE, KINDS

FIELD = {"unresolved": "citation", "low-confidence": "citation", "title-only": "citation", "outdated": "citation",
         "unclassified": "disposition", "conflict": "disposition", "topic": "topic", "privacy": "privacy"}
EXCERPT = 200


@dataclass(frozen=True)
class ReviewItem:
    kind: str
    opinion: str  # the opinion's id ("" for a suggested topic)
    round: str
    weight: int  # the submissions the opinion stands for: a decision on it moves the reports this much
    field: str  # citation | disposition | topic
    machine: str  # the value as the machine has it
    evidence: str
    confidence: float | None
    excerpt: str
    detail: str
    revision: str = ""
    changes: tuple[Change, ...] = ()  # an outdated citation's reasons, as data a report words in its language
    said: str = ""  # a conflict: the disposition the answer's words say
    copies: int = 1  # personal data: the copies of a campaign holding the same finding, decided at once


def review_queue(session: Session, *, round_key: str | None = None, kinds: Sequence[str] = KINDS,
                 below: float = CONFIDENCE, topics: int = 10) -> list[ReviewItem]:
    rnd = find_round(session, round_key) if round_key else None
    items: list[ReviewItem] = []
    if {"unresolved", "low-confidence", "title-only"} & set(kinds):
        items += _citation_items(session, rnd, kinds, below)
    if "outdated" in kinds:
        items += _outdated_items(session, rnd)
    if {"unclassified", "conflict"} & set(kinds):
        items += _disposition_items(session, rnd, kinds)
    items = _not_yet_decided(session, items)
    if "privacy" in kinds:
        items += _privacy_items(session, rnd)
    items.sort(key=lambda i: (-i.weight, i.round, i.opinion, KINDS.index(i.kind)))
    if "topic" in kinds:
        items += _topic_items(session, topics)
    return items


def _base(rnd: ConsultationRound | None):  # type: ignore[no-untyped-def]
    q = (select(Comment.id, Comment.key, func.coalesce(Comment.represents, Cluster.size, 1), Comment.body,
                ConsultationRound.key)
         .join(ConsultationRound, Comment.round_id == ConsultationRound.id)
         .outerjoin(Cluster, Cluster.representative_id == Comment.id))  # a campaign weighs as all its copies
    return q.where(Comment.round_id == rnd.id) if rnd is not None else q


def _excerpt(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"


def _citation_items(session: Session, rnd: ConsultationRound | None, kinds: Sequence[str], below: float) -> list[ReviewItem]:
    q = (_base(rnd).add_columns(Section.key, Citation.text, Citation.evidence, Citation.confidence, Citation.note)
         .join(Citation, Citation.comment_id == Comment.id).outerjoin(Section, Citation.section_id == Section.id)
         .where(Citation.evidence != REVIEWED,
                Citation.section_id.is_(None) | (Citation.confidence < below) | (Citation.note == TITLE_ALONE))
         .order_by(Comment.id, Citation.position))
    out = []
    for _cid, key, weight, body, rkey, skey, text, evidence, confidence, note in session.execute(q):
        kind = "unresolved" if skey is None else "title-only" if note == TITLE_ALONE else "low-confidence"
        if kind in kinds:
            out.append(ReviewItem(kind, key, rkey, weight, "citation", skey if skey is not None else text, evidence,
                                  confidence, _excerpt(body), note or text or ""))
    return out


def _outdated_items(session: Session, rnd: ConsultationRound | None) -> list[ReviewItem]:
    from guidetrace.guideline.queries import latest_revision
    from guidetrace.guideline.reanchor import Reanchorer

    try:
        target = latest_revision(session)
    except Exception:  # no guideline yet: nothing can be outdated
        return []
    anchors = Reanchorer(session, target)
    q = (_base(rnd).add_columns(Section.id, Section.key, Citation.evidence, Citation.confidence)
         .join(Citation, Citation.comment_id == Comment.id).join(Section, Citation.section_id == Section.id)
         .where(ConsultationRound.revision_id != target.id).order_by(Comment.id, Citation.position))
    out = []
    for _cid, key, weight, body, rkey, sid, skey, evidence, confidence in session.execute(q):
        anchor = anchors.anchor(sid)
        if anchor.outdated:
            out.append(ReviewItem("outdated", key, rkey, weight, "citation", skey, evidence, confidence,
                                  _excerpt(body), "; ".join(anchor.reasons), target.key, anchor.changes))
    return out


def _disposition_items(session: Session, rnd: ConsultationRound | None, kinds: Sequence[str]) -> list[ReviewItem]:
    out = []
    if "unclassified" in kinds:
        for _cid, key, weight, body, rkey, response in session.execute(
                _base(rnd).add_columns(Comment.response).where(Comment.disposition == UNCLASSIFIED).order_by(Comment.id)):
            out.append(ReviewItem("unclassified", key, rkey, weight, "disposition", UNCLASSIFIED, "", None,
                                  _excerpt(body), _excerpt(response)))
        # an answer read as "answered" only because it states something and says nothing of the text
        for _cid, key, weight, body, rkey, response in session.execute(
                _base(rnd).add_columns(Comment.response).where(Comment.disposition == ANSWERED)
                .where(cast(Comment.dispositions, String).like(f'%"{STATEMENT}"%')).order_by(Comment.id)):
            out.append(ReviewItem("unclassified", key, rkey, weight, "disposition", ANSWERED, "text", None,
                                  _excerpt(body), _excerpt(response)))
    if "conflict" in kinds:
        for _cid, key, weight, body, rkey, disposition, entries in session.execute(
                _base(rnd).add_columns(Comment.disposition, Comment.dispositions)
                .where(cast(Comment.dispositions, String).like('%"conflict"%')).order_by(Comment.id)):
            said = next((d["disposition"] for d in entries or [] if d.get("evidence") == "conflict"), None)
            if said:
                out.append(ReviewItem("conflict", key, rkey, weight, "disposition", disposition, "column", None,
                                      _excerpt(body), f"the answer's words say {said}", said=said))
    return out


def _not_yet_decided(session: Session, items: list[ReviewItem]) -> list[ReviewItem]:
    keys = sorted({i.opinion for i in items})
    decided: dict[str, set[str]] = defaultdict(set)
    accepted: dict[str, list[dict]] = defaultdict(list)  # type: ignore[type-arg]
    for start in range(0, len(keys), 5000):
        for key, action, after in session.execute(
                select(Comment.key, ReviewDecision.action, ReviewDecision.after)
                .join(Comment, ReviewDecision.comment_id == Comment.id)
                .where(Comment.key.in_(keys[start:start + 5000]), ReviewDecision.state == ACTIVE)):
            if action == "accept":
                accepted[key].append(after)
            else:
                decided[key].add(FIELD_OF[action])
    if not accepted and not decided:
        return items
    now: dict[str, dict] = {}  # type: ignore[type-arg]
    for key in accepted:
        comment = session.scalar(select(Comment).where(Comment.key == key))
        if comment is not None:
            now[key] = current(session, comment)

    def open_(item: ReviewItem) -> bool:
        if item.field in decided[item.opinion]:
            return False
        action = "cite" if item.field == "citation" else "disposition"
        return not any(a and field_value(a, action) == field_value(now[item.opinion], action)
                       for a in accepted.get(item.opinion, []))

    return [i for i in items if open_(i)]


def _privacy_items(session: Session, rnd: ConsultationRound | None) -> list[ReviewItem]:
    """Personal data nobody has decided on, in its sentence; a campaign's copies of one finding are one item,
    decided once (a private submitter's name and contact data are always masked: not asked)."""
    from ..privacy.grouped import finding_groups

    return [ReviewItem("privacy", g.opinion, g.round, g.weight, "privacy", g.value, g.rule, g.confidence, g.context,
                       g.kind, copies=g.copies)
            for g in finding_groups(session, rnd.key if rnd else None, pending_only=True)]


def _topic_items(session: Session, limit: int) -> list[ReviewItem]:
    from ..lexicon_in_force import store_lexicon
    from .themes import reviewed_suggestions

    out = []
    for s in reviewed_suggestions(session, store_lexicon(session), limit=limit):
        out.append(ReviewItem("topic", "", "", s.opinions, "topic", s.term, "suggested", s.score,
                              ", ".join(s.comments), ", ".join(s.sections)))
    return out


def queue_counts(items: Sequence[ReviewItem]) -> dict[str, int]:
    """What awaits review, by kind (for `check`); suggested topics are not counted."""
    counts: dict[str, int] = {k: 0 for k in KINDS if k != "topic"}
    for item in items:
        if item.kind in counts:
            counts[item.kind] += 1
    return counts
