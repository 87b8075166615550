"""Recording many decisions at once: a review workbook of 30,000 rows is a few batches, not 30,000 rounds.

Every request is checked before anything is written, with what it names read in a few set queries
(opinions by id, sections by key per revision, topics), so a bad cell still changes nothing. Then
the decisions go in waves: the first request on each opinion in the first wave, a second request
on the same opinion (a workbook's citation row is an uncite and a cite) in the second, and so on.
A wave is recorded, applied (`apply_review` over all its opinions: the tally adjusted once) and its
values after read back together, so each decision's before is what the one before it left, as when
they are made one by one. Decisions on different opinions are independent; within one opinion
they keep their order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from guidetrace.guideline.keys import canonical_key
from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.models import Comment, ConsultationRound, ReviewDecision, Section, Submitter, Topic

from ..vocabulary import disposition_choices
from .decisions import ACTIONS, ACTIVE, DecisionRequest, apply_review, current_many, field_value, now, reviewer
from .identity import fingerprint

CHUNK = 5000


def decide(session: Session, requests: Sequence[DecisionRequest], *, by: str | None = None,
           dispositions: Sequence[str] = ()) -> list[ReviewDecision]:
    """Validate every request, then record and apply each, in one transaction (in batches: see record.py).

    Requests on one opinion from one origin (a `review set`, one workbook cell) are one edit: they share
    a step, the id of the first, and are undone and listed together."""
    return record(session, requests, by=by, dispositions=tuple(dispositions) or disposition_choices())


def record(session: Session, requests: Sequence[DecisionRequest], *, by: str | None,
           dispositions: Sequence[str]) -> list[ReviewDecision]:
    comments = validate_all(session, requests, dispositions)
    who, when = reviewer(by), now()
    waves: list[list[int]] = []
    count: dict[int, int] = defaultdict(int)
    for i, comment in enumerate(comments):
        if count[comment.id] == len(waves):
            waves.append([])
        waves[count[comment.id]].append(i)
        count[comment.id] += 1
    ids = sorted({c.id for c in comments})
    rounds = dict(session.execute(select(ConsultationRound.id, ConsultationRound.key)).all())
    names: dict[int, str | None] = {}
    for start in range(0, len(ids), CHUNK):
        names.update(session.execute(select(Comment.id, Submitter.name).outerjoin(Submitter, Comment.submitter_id == Submitter.id)
                                     .where(Comment.id.in_(ids[start:start + CHUNK]))).all())
    made: list[ReviewDecision] = []
    steps: dict[tuple[int, str | None], int] = {}  # one edit (an opinion, one origin) is one undoable step
    for wave in waves:
        opinions = [comments[i].id for i in wave]
        _lock(session, opinions)
        before = current_many(session, opinions)
        decisions = []
        for i in wave:
            req, comment = requests[i], comments[i]
            value = req.value.strip() if req.value else None
            if req.action == "cite" and value:
                value = canonical_key(value)
            decisions.append(ReviewDecision(
                round_key=rounds.get(comment.round_id, ""), comment_id=comment.id, comment_key=comment.key,
                label=comment.label, fingerprint=fingerprint(comment.body, names.get(comment.id), comment.location),
                text=comment.body, action=req.action, value=value, before=field_value(before[comment.id], req.action),
                after={}, note=req.note, by=who, at=when, state=ACTIVE))
        session.add_all(decisions)
        session.flush()
        for d, i in zip(decisions, wave):
            d.step = steps.setdefault((comments[i].id, requests[i].origin), d.id)
        apply_review(session, opinions)
        after = current_many(session, opinions)
        for d, i in zip(decisions, wave):
            d.after = field_value(after[comments[i].id], requests[i].action)
        made += decisions
    session.flush()
    return made


def validate_all(session: Session, requests: Sequence[DecisionRequest], dispositions: Sequence[str]) -> list[Comment]:
    """Everything is checked before anything is written: a bad request names itself and changes nothing.
    What the requests name is read first, in a few queries; the checks then run in the requests' order."""
    keys = sorted({r.opinion.strip() for r in requests})
    found: dict[str, Comment] = {}
    for start in range(0, len(keys), CHUNK):
        found.update((c.key, c) for c in session.scalars(select(Comment).where(Comment.key.in_(keys[start:start + CHUNK]))))
    revision_of = dict(session.execute(select(ConsultationRound.id, ConsultationRound.revision_id)).all())
    cited: dict[int, set[str]] = defaultdict(set)  # revision -> keys asked for
    for r in requests:
        c = found.get(r.opinion.strip())
        if r.action == "cite" and c is not None and (r.value or "").strip():
            cited[revision_of[c.round_id]].add(canonical_key(r.value.strip()))  # type: ignore[union-attr]
    sections: set[tuple[int, str]] = set()
    for rev, wanted in cited.items():
        asked = sorted(wanted)
        for start in range(0, len(asked), CHUNK):
            sections.update((rev, k) for k in session.scalars(select(Section.key).where(
                Section.revision_id == rev, Section.key.in_(asked[start:start + CHUNK]))))
    topics = set(session.scalars(select(Topic.key))) if any(r.action in ("tag", "untag") for r in requests) else set()
    uncited = sorted({found[r.opinion.strip()].id for r in requests if r.action == "uncite" and r.opinion.strip() in found})
    values = current_many(session, uncited) if uncited else {}
    out = []
    for req in requests:
        comment = _check(session, req, found, revision_of, sections, topics, values, dispositions)
        out.append(comment)
    return out


def _check(session: Session, req: DecisionRequest, found: dict[str, Comment], revision_of: dict[int, int],
           sections: set[tuple[int, str]], topics: set[str], values: dict[int, dict[str, Any]],
           dispositions: Sequence[str]) -> Comment:
    where = f"{req.origin}: " if req.origin else ""
    if req.action not in ACTIONS:
        raise GuidetraceError(f"{where}unknown action {req.action!r} (one of {', '.join(ACTIONS)})")
    comment = found.get(req.opinion.strip())
    if comment is None:
        raise GuidetraceError(f"{where}no opinion {req.opinion.strip()!r} in the store")
    value = (req.value or "").strip()
    if req.action in ("cite", "uncite", "disposition", "tag", "untag", "mask", "keep") and not value:
        raise GuidetraceError(f"{where}{req.action} needs a value")
    if req.action == "cite" and (revision_of[comment.round_id], canonical_key(value)) not in sections:
        rnd = session.get(ConsultationRound, comment.round_id)
        raise GuidetraceError(f"{where}{value!r} is not a section of the revision round "
                              f"{rnd.key if rnd else '?'!r} was made on")
    if req.action == "disposition" and value not in dispositions:
        raise GuidetraceError(f"{where}unknown disposition {value!r} (one of {', '.join(dispositions)})")
    if req.action in ("tag", "untag") and value not in topics:
        raise GuidetraceError(f"{where}unknown topic {value!r} (see `guidetrace topics list`)")
    if req.action in ("mask", "keep"):
        from ..privacy.store_findings import SUBMITTER, decision_value, findings_of

        if value not in {decision_value(f.field, f.kind, f.text) for f in findings_of(session, [comment.id])}:
            raise GuidetraceError(f"{where}{req.opinion} has no finding {value!r} (see `guidetrace privacy scan`)")
        if value.startswith(f"{SUBMITTER}:"):
            raise GuidetraceError(f"{where}{value!r}: personal data in the submitter column is always masked; "
                                  "there is nothing to decide")
    if req.action == "uncite" and value not in values[comment.id]["sections"] + values[comment.id]["unresolved"]:
        raise GuidetraceError(f"{where}{req.opinion} does not cite {value!r}")
    return comment


def _lock(session: Session, ids: list[int]) -> None:
    """Two reviewers on one opinion: the second waits for the first (PostgreSQL row locks; SQLite has one writer)."""
    if session.get_bind().dialect.name == "postgresql":
        for start in range(0, len(ids), CHUNK):
            session.execute(select(Comment.id).where(Comment.id.in_(ids[start:start + CHUNK])).with_for_update())
