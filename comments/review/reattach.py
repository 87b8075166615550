"""After a reload, find each decision's opinion again — or say that it is gone.

Decisions are grouped by the opinion they were made on (its id and fingerprint: text,
submitter and place). An opinion is found, in this order, by: the same id and text; the
same fingerprint alone (it was renumbered; among identical copies, the same label, then
document order); the same printed label or id with a similar text (it was edited); a
clearly best similar text (edited and renumbered). An opinion claimed by one origin is
never given to another; an opinion the reload found still under its own id with its own
text (`kept`) is never another's; and an opinion holding the same words at another place,
or from another person, is another opinion, never an edit. An origin with no match is
detached: its decisions stay in the log, unapplied (reported), until a later load brings
the opinion back.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from guidetrace.trace.models import Comment, ConsultationRound, ReviewDecision, Submitter

from .decisions import ACTIVE, apply_review
from .identity import ANY_LABEL_SIMILARITY, MARGIN, SAME_LABEL_SIMILARITY, fingerprint, same_text, text_similarity


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
    unplaced: str  # the fingerprint without the place: what decisions made before places counted hold


def reattach(session: Session, rnd: ConsultationRound, kept: Collection[str] = ()) -> ReattachSummary:
    """`kept`: the ids a reload found still holding their own opinion (see ReloadMatcher.kept)."""
    decisions = list(session.scalars(select(ReviewDecision).where(ReviewDecision.round_key == rnd.key,
                                                                  ReviewDecision.state == ACTIVE)
                                     .order_by(ReviewDecision.id)))
    summary = ReattachSummary()
    if not decisions:
        return summary
    opinions = [_Current(cid, key, label, body, fingerprint(body, name, location), fingerprint(body, name))
                for cid, key, label, body, name, location in session.execute(
                    select(Comment.id, Comment.key, Comment.label, Comment.body, Submitter.name, Comment.location)
                    .outerjoin(Submitter, Comment.submitter_id == Submitter.id)
                    .where(Comment.round_id == rnd.id).order_by(Comment.part, Comment.seq, Comment.id))]
    origins: dict[tuple[str, str], list[ReviewDecision]] = defaultdict(list)
    for d in decisions:
        origins[(d.comment_key, d.fingerprint)].append(d)
    found = _match(origins, opinions, set(kept))
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


def _match(origins: dict[tuple[str, str], list[ReviewDecision]], opinions: list[_Current],
           kept: set[str]) -> dict[tuple[str, str], int]:
    by_fp: dict[str, list[_Current]] = defaultdict(list)
    by_key = {o.key: o for o in opinions}
    by_label: dict[str, list[_Current]] = defaultdict(list)
    for o in opinions:  # in document order
        by_fp[o.fingerprint].append(o)
        if o.unplaced != o.fingerprint:
            by_fp[o.unplaced].append(o)
        if o.label:
            by_label[o.label].append(o)
    found: dict[tuple[str, str], int] = {}
    claimed: set[int] = set()

    def take(origin: tuple[str, str], o: _Current) -> None:
        found[origin] = o.id
        claimed.add(o.id)

    def free(origin: tuple[str, str], o: _Current) -> bool:
        """Not already another origin's, and not an opinion the reload found under its own id (unless that id
        is this origin's)."""
        return o.id not in claimed and (o.key == origin[0] or o.key not in kept)

    def another(ds: list[ReviewDecision], o: _Current) -> bool:
        """The same words that did not match by fingerprint: another place or person's opinion, not an edit."""
        return o.key != ds[0].comment_key and same_text(ds[0].text, o.body)

    for origin in origins:  # same id, same text
        maybe = by_key.get(origin[0])
        if maybe is not None and origin[1] in (maybe.fingerprint, maybe.unplaced):
            take(origin, maybe)
    for origin, ds in origins.items():  # same fingerprint, new id: renumbered; among copies the label, then order
        if origin not in found:
            same = [o for o in by_fp.get(origin[1], []) if free(origin, o)]
            labelled = [o for o in same if ds[0].label and o.label == ds[0].label]
            if labelled or same:
                take(origin, (labelled or same)[0])
    for origin, ds in origins.items():  # same label or id, text edited
        if origin in found:
            continue
        label = ds[0].label
        near = [o for o in ([by_key[origin[0]]] if origin[0] in by_key else []) + by_label.get(label or "", [])
                if free(origin, o) and not another(ds, o)]
        scored = sorted(((text_similarity(ds[0].text, o.body), o.id, o) for o in {o.id: o for o in near}.values()),
                        reverse=True)
        if scored and scored[0][0] >= SAME_LABEL_SIMILARITY:
            take(origin, scored[0][2])
    for origin, ds in origins.items():  # edited and renumbered: only a clear best
        if origin in found:
            continue
        scored = sorted(((text_similarity(ds[0].text, o.body), o.id, o) for o in opinions
                         if free(origin, o) and not another(ds, o)), reverse=True)[:2]
        if scored and scored[0][0] >= ANY_LABEL_SIMILARITY and (len(scored) == 1 or scored[0][0] - scored[1][0] >= MARGIN):
            take(origin, scored[0][2])
    return found
