"""After a reload, find each decision's opinion again — or say that it is gone.

Decisions are grouped by the opinion they were made on (its id and fingerprint). An
opinion is found, in this order, by: the same id and text; the same text alone (it
was renumbered); the same printed label or id with a similar text (it was edited);
a clearly best similar text (edited and renumbered). An opinion claimed by one
origin is never given to another, and an origin with no clear match is detached:
its decisions stay in the log, unapplied, until a later load brings the opinion back.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from guidetrace.trace.models import Comment, ConsultationRound, ReviewDecision, Submitter

from .decisions import ACTIVE, apply_review
from .identity import ANY_LABEL_SIMILARITY, MARGIN, SAME_LABEL_SIMILARITY, fingerprint, text_similarity


@dataclass
class ReattachSummary:
    kept: int = 0  # decisions back on their opinion
    moved: list[tuple[str, str]] = field(default_factory=list)  # (old id, new id) of opinions renumbered
    detached: list[tuple[int, str, str]] = field(default_factory=list)  # (decision, old id, action)


@dataclass
class _Current:
    id: int
    key: str
    label: str | None
    body: str
    fingerprint: str


def reattach(session: Session, rnd: ConsultationRound) -> ReattachSummary:
    decisions = list(session.scalars(select(ReviewDecision).where(ReviewDecision.round_key == rnd.key,
                                                                  ReviewDecision.state == ACTIVE)
                                     .order_by(ReviewDecision.id)))
    summary = ReattachSummary()
    if not decisions:
        return summary
    opinions = [_Current(cid, key, label, body, fingerprint(body, name)) for cid, key, label, body, name in
                session.execute(select(Comment.id, Comment.key, Comment.label, Comment.body, Submitter.name)
                                .outerjoin(Submitter, Comment.submitter_id == Submitter.id)
                                .where(Comment.round_id == rnd.id))]
    origins: dict[tuple[str, str], list[ReviewDecision]] = defaultdict(list)
    for d in decisions:
        origins[(d.comment_key, d.fingerprint)].append(d)
    found = _match(origins, opinions)
    by_id = {o.id: o for o in opinions}
    for origin, ds in origins.items():
        target = by_id.get(found[origin]) if origin in found else None
        for d in ds:
            if target is None:
                d.comment_id = None
                summary.detached.append((d.id, d.comment_key, d.action))
                continue
            if d.comment_key != target.key:
                summary.moved.append((d.comment_key, target.key))
            d.comment_id, d.comment_key, d.label = target.id, target.key, target.label
            d.fingerprint, d.text = target.fingerprint, target.body
            summary.kept += 1
    summary.moved = list(dict.fromkeys(summary.moved))
    session.flush()
    apply_review(session, sorted(set(found.values())))
    return summary


def _match(origins: dict[tuple[str, str], list[ReviewDecision]], opinions: list[_Current]) -> dict[tuple[str, str], int]:
    by_fp: dict[str, list[_Current]] = defaultdict(list)
    by_key = {o.key: o for o in opinions}
    by_label: dict[str, list[_Current]] = defaultdict(list)
    for o in opinions:
        by_fp[o.fingerprint].append(o)
        if o.label:
            by_label[o.label].append(o)
    found: dict[tuple[str, str], int] = {}
    claimed: set[int] = set()

    def take(origin: tuple[str, str], o: _Current) -> None:
        found[origin] = o.id
        claimed.add(o.id)

    exact = [(origin, by_key.get(origin[0])) for origin in origins]
    for origin, maybe in exact:  # same id, same text
        if maybe is not None and maybe.fingerprint == origin[1]:
            take(origin, maybe)
    for origin in origins:  # same text, new id: renumbered (a text held by several opinions decides nothing)
        if origin not in found:
            same = [o for o in by_fp.get(origin[1], []) if o.id not in claimed]
            if len(same) == 1:
                take(origin, same[0])
    for origin, ds in origins.items():  # same label or id, text edited
        if origin in found:
            continue
        label = ds[0].label
        near = [o for o in ([by_key[origin[0]]] if origin[0] in by_key else []) + by_label.get(label or "", [])
                if o.id not in claimed]
        scored = sorted(((text_similarity(ds[0].text, o.body), o.id, o) for o in {o.id: o for o in near}.values()),
                        reverse=True)
        if scored and scored[0][0] >= SAME_LABEL_SIMILARITY:
            take(origin, scored[0][2])
    for origin, ds in origins.items():  # edited and renumbered: only a clear best
        if origin in found:
            continue
        scored = sorted(((text_similarity(ds[0].text, o.body), o.id, o) for o in opinions if o.id not in claimed),
                        reverse=True)[:2]
        if scored and scored[0][0] >= ANY_LABEL_SIMILARITY and (len(scored) == 1 or scored[0][0] - scored[1][0] >= MARGIN):
            take(origin, scored[0][2])
    return found

