"""Decisions: a person's override of one opinion's citation, disposition or topic tag.

Overrides are applied to the same rows the machine writes, so every report, the plan,
the diagrams and the site read reviewed values without knowing about review. The
first decision on an opinion stores the machine's values in `comment.machine`;
applying is always "machine values, then every active decision in order", so undo,
a reload and two decisions on one field all come out the same.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from guidetrace.guideline.keys import canonical_key
from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.models import (  # ACTIVE, UNDONE: a decision's states, imported from here by review's modules
    ACTIVE,
    UNDONE,
    Citation,
    Comment,
    CommentTopic,
    ConsultationRound,
    ReviewDecision,
    Section,
    Submitter,
    Topic,
)
from guidetrace.trace.tally import adjust_tally, contributions

from ..vocabulary import disposition_choices
from .identity import fingerprint

ACTIONS = ("cite", "uncite", "disposition", "tag", "untag", "accept", "mask", "keep")
FIELD_OF = {"cite": "citation", "uncite": "citation", "disposition": "disposition", "tag": "topic",
            "untag": "topic", "accept": "all", "mask": "privacy", "keep": "privacy"}
REVIEWED = "reviewed"  # the evidence of a citation, and the matched text of a tag, that a person set


@dataclass(frozen=True)
class DecisionRequest:
    opinion: str  # the opinion's id, e.g. scsg-3.0-draft/A-03
    action: str
    value: str | None = None
    note: str | None = None
    origin: str | None = None  # where the request came from (a workbook cell), for error messages


def reviewer(by: str | None = None) -> str:
    if by:
        return by
    try:
        return getpass.getuser()
    except Exception:  # no login name in a container
        return os.environ.get("USER") or "unknown"


def now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def _where(req: DecisionRequest) -> str:
    return f"{req.origin}: " if req.origin else ""


def comment_by_key(session: Session, key: str, origin: str | None = None) -> Comment:
    comment = session.scalar(select(Comment).where(Comment.key == key.strip()))
    if comment is None:
        raise GuidetraceError(f"{origin + ': ' if origin else ''}no opinion {key!r} in the store")
    return comment


def _section_id(session: Session, comment: Comment, key: str) -> int | None:
    rev = select(ConsultationRound.revision_id).where(ConsultationRound.id == comment.round_id).scalar_subquery()
    return session.scalar(select(Section.id).where(Section.revision_id == rev, Section.key == canonical_key(key)))


def validate(session: Session, req: DecisionRequest, dispositions: Sequence[str]) -> Comment:
    """Everything is checked before anything is written: a bad request names itself and changes nothing."""
    if req.action not in ACTIONS:
        raise GuidetraceError(f"{_where(req)}unknown action {req.action!r} (one of {', '.join(ACTIONS)})")
    comment = comment_by_key(session, req.opinion, req.origin)
    value = (req.value or "").strip()
    if req.action in ("cite", "uncite", "disposition", "tag", "untag", "mask", "keep") and not value:
        raise GuidetraceError(f"{_where(req)}{req.action} needs a value")
    if req.action == "cite" and _section_id(session, comment, value) is None:
        rnd = session.get(ConsultationRound, comment.round_id)
        raise GuidetraceError(f"{_where(req)}{value!r} is not a section of the revision round "
                              f"{rnd.key if rnd else '?'!r} was made on")
    if req.action == "disposition" and value not in dispositions:
        raise GuidetraceError(f"{_where(req)}unknown disposition {value!r} (one of {', '.join(dispositions)})")
    if req.action in ("tag", "untag") and session.scalar(select(Topic.id).where(Topic.key == value)) is None:
        raise GuidetraceError(f"{_where(req)}unknown topic {value!r} (see `guidetrace topics list`)")
    if req.action in ("mask", "keep"):
        from ..privacy.store_findings import decision_value, findings_of

        if value not in {decision_value(f.field, f.kind, f.text) for f in findings_of(session, [comment.id])}:
            raise GuidetraceError(f"{_where(req)}{req.opinion} has no finding {value!r} (see `guidetrace privacy scan`)")
    if req.action == "uncite" and value not in current(session, comment)["sections"] + current(session, comment)["unresolved"]:
        raise GuidetraceError(f"{_where(req)}{req.opinion} does not cite {value!r}")
    return comment


def current(session: Session, comment: Comment) -> dict[str, Any]:
    """The opinion's values as reports see them now."""
    sections: list[str] = []
    unresolved: list[str] = []
    for key, text in session.execute(select(Section.key, Citation.text).select_from(Citation)
                                     .outerjoin(Section, Citation.section_id == Section.id)
                                     .where(Citation.comment_id == comment.id).order_by(Citation.position)):
        (sections if key is not None else unresolved).append(key if key is not None else text)
    topics = sorted(session.scalars(select(Topic.key).join(CommentTopic).where(CommentTopic.comment_id == comment.id)))
    return {"sections": sections, "unresolved": unresolved, "disposition": comment.disposition, "topics": topics}


def field_value(values: dict[str, Any], action: str) -> Any:
    field = FIELD_OF[action]
    if field == "citation":
        return {"sections": values["sections"], "unresolved": values["unresolved"]}
    if field == "topic":
        return values["topics"]
    if field == "disposition":
        return values["disposition"]
    if field == "privacy":
        return None
    return values


def decide(session: Session, requests: Sequence[DecisionRequest], *, by: str | None = None,
           dispositions: Sequence[str] = ()) -> list[ReviewDecision]:
    """Validate every request, then record and apply each, in one transaction."""
    allowed = tuple(dispositions) or disposition_choices()
    comments = [validate(session, r, allowed) for r in requests]
    who, when = reviewer(by), now()
    made = []
    for req, comment in zip(requests, comments):
        _lock(session, comment)
        before = current(session, comment)
        name = session.scalar(select(Submitter.name).where(Submitter.id == comment.submitter_id))
        value = req.value.strip() if req.value else None
        if req.action == "cite" and value:
            value = canonical_key(value)
        d = ReviewDecision(round_key=_round_key(session, comment), comment_id=comment.id, comment_key=comment.key,
                           label=comment.label, fingerprint=fingerprint(comment.body, name, comment.location), text=comment.body,
                           action=req.action, value=value, before=field_value(before, req.action), after={},
                           note=req.note, by=who, at=when, state=ACTIVE)
        session.add(d)
        session.flush()
        apply_review(session, [comment.id])
        d.after = field_value(current(session, comment), req.action)
        made.append(d)
    session.flush()
    return made


def undo(session: Session, target: str) -> list[ReviewDecision]:
    """`target` is a decision number, or an opinion id (its latest active decision)."""
    if target.isdigit():
        d = session.get(ReviewDecision, int(target))
        found = [d] if d is not None and d.state == ACTIVE else []
    else:
        found = list(session.scalars(select(ReviewDecision).where(ReviewDecision.comment_key == target,
                                                                  ReviewDecision.state == ACTIVE)
                                     .order_by(ReviewDecision.id.desc()).limit(1)))
    if not found:
        raise GuidetraceError(f"no active decision {target!r} (see `guidetrace review log`)")
    for d in found:
        d.state = UNDONE
        session.flush()
        if d.comment_id is not None:
            apply_review(session, [d.comment_id])
    return found


def _round_key(session: Session, comment: Comment) -> str:
    return session.scalar(select(ConsultationRound.key).where(ConsultationRound.id == comment.round_id)) or ""


def _lock(session: Session, comment: Comment) -> None:
    """Two reviewers on one opinion: the second waits for the first (PostgreSQL row lock; SQLite has one writer)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(Comment.id).where(Comment.id == comment.id).with_for_update())


# --- applying ---------------------------------------------------------------------------------

_CITATION_FIELDS = ("section_id", "text", "evidence", "confidence", "origin", "position", "note")


def _snapshot(session: Session, comment: Comment) -> dict[str, Any]:
    citations = [dict(zip(_CITATION_FIELDS, row)) for row in session.execute(
        select(*(getattr(Citation, f) for f in _CITATION_FIELDS)).where(Citation.comment_id == comment.id)
        .order_by(Citation.position))]
    tags = [[t, m] for t, m in session.execute(select(CommentTopic.topic_id, CommentTopic.matched)
                                               .where(CommentTopic.comment_id == comment.id))]
    return {"disposition": comment.disposition, "citations": citations, "tags": tags}


def _restore(session: Session, comment: Comment, machine: dict[str, Any]) -> None:
    session.execute(delete(Citation).where(Citation.comment_id == comment.id))
    session.execute(delete(CommentTopic).where(CommentTopic.comment_id == comment.id))
    live = set(session.scalars(select(Section.id).where(
        Section.id.in_([c["section_id"] for c in machine["citations"] if c["section_id"] is not None]))))
    rows = [dict(c, comment_id=comment.id, section_id=c["section_id"] if c["section_id"] in live else None)
            for c in machine["citations"]]
    if rows:
        session.execute(insert(Citation), rows)
    topics = set(session.scalars(select(Topic.id)))
    tags = [{"comment_id": comment.id, "topic_id": t, "matched": m} for t, m in machine["tags"] if t in topics]
    if tags:
        session.execute(insert(CommentTopic), tags)
    comment.disposition = machine["disposition"]


def active_decisions(session: Session, comment_ids: Iterable[int]) -> dict[int, list[ReviewDecision]]:
    out: dict[int, list[ReviewDecision]] = {}
    ids = list(comment_ids)
    for start in range(0, len(ids), 5000):
        for d in session.scalars(select(ReviewDecision).where(ReviewDecision.comment_id.in_(ids[start:start + 5000]),
                                                               ReviewDecision.state == ACTIVE)
                                 .order_by(ReviewDecision.id)):
            out.setdefault(d.comment_id, []).append(d)  # type: ignore[arg-type]
    return out


def apply_review(session: Session, comment_ids: Iterable[int]) -> int:
    """Machine values, then each active decision in order. Returns how many opinions carry decisions."""
    ids = list(comment_ids)
    decisions = active_decisions(session, ids)
    before = contributions(session, ids)
    applied = _apply(session, ids, decisions)
    adjust_tally(session, before, contributions(session, ids))
    return applied


def _apply(session: Session, ids: list[int], decisions: dict[int, list[ReviewDecision]]) -> int:
    applied = 0
    for cid in ids:
        comment = session.get(Comment, cid)
        if comment is None:
            continue
        mine = decisions.get(cid, [])
        if comment.machine is None:
            if not mine:
                continue
            comment.machine = _snapshot(session, comment)
        else:
            _restore(session, comment, comment.machine)
            if not mine:
                comment.machine = None
                continue
        for d in mine:
            _apply_one(session, comment, d)
        applied += 1
    session.flush()
    return applied


def _apply_one(session: Session, comment: Comment, d: ReviewDecision) -> None:
    stamp = f"{d.by} {d.at}"
    if d.action == "disposition" and d.value:
        comment.disposition = d.value
    elif d.action == "cite" and d.value:
        session.execute(delete(Citation).where(Citation.comment_id == comment.id, Citation.section_id.is_(None)))
        sid = _section_id(session, comment, d.value)
        existing = session.scalar(select(Citation).where(Citation.comment_id == comment.id,
                                                         Citation.section_id == sid)) if sid else None
        if existing is not None:
            existing.evidence, existing.confidence, existing.note = REVIEWED, 1.0, stamp
        else:
            position = (session.scalar(select(func.max(Citation.position)).where(Citation.comment_id == comment.id))
                        or 0) + 1
            session.add(Citation(comment_id=comment.id, section_id=sid, text=d.value, evidence=REVIEWED,
                                 confidence=1.0 if sid else 0.0, origin="review", position=position,
                                 note=stamp if sid else f"{d.value}: no longer a section of this revision"))
    elif d.action == "uncite" and d.value:
        sid = _section_id(session, comment, d.value)
        cond = (Citation.section_id == sid) if sid else (Citation.section_id.is_(None) & (Citation.text == d.value))
        session.execute(delete(Citation).where(Citation.comment_id == comment.id, cond))
    elif d.action in ("tag", "untag") and d.value:
        tid = session.scalar(select(Topic.id).where(Topic.key == d.value))
        if tid is None:
            return
        session.execute(delete(CommentTopic).where(CommentTopic.comment_id == comment.id, CommentTopic.topic_id == tid))
        if d.action == "tag":
            session.add(CommentTopic(comment_id=comment.id, topic_id=tid, matched=REVIEWED))
    session.flush()
