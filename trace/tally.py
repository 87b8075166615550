"""The section tally: a round's opinions counted by (cited sections, disposition, submitter kind).

Counting distinct opinions per subtree straight from the citations means expanding every
citation to all its ancestors (5.4M pairs for 1M opinions) and de-duplicating them. The
tally holds the same information in a row per distinct key (a few thousand for a real round):
an opinion's set of cited sections says exactly which subtrees it counts in, once each. Every
write that changes a round's citations or dispositions recounts that round in the same
transaction (`refresh_tally`), adjusts it (`adjust_tally`), or, for a new round, writes what
the load counted (`counted_tally`).
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice

from sqlalchemy import String, cast, delete, func, insert, literal, select, update
from sqlalchemy.orm import Session

from guidetrace.trace.bulk_insert import insert_rows
from guidetrace.trace.models import (
    ACTIVE,
    Citation,
    Comment,
    ConsultationRound,
    ReviewDecision,
    SectionTally,
    Submitter,
    table_of,
)

UNKNOWN_KIND = "unknown"
# For an ORM delete or update: the rows it changed are found in the session by their keys, not by testing every
# object the session holds against its criteria (the default). A review import of 3,000 rows holds 20,000 and
# spent 19 of its 33 s there (decisions.py and adjust_tally use it).
BY_KEY = {"synchronize_session": "fetch"}


def refresh_tally(session: Session, round_ids: Iterable[int]) -> None:
    """Recount the given rounds from their comments and citations (in SQL, grouped twice)."""
    session.flush()
    for round_id in sorted(set(round_ids)):
        session.execute(delete(SectionTally).where(SectionTally.round_id == round_id))
        cited = (select(Citation.comment_id, Citation.section_id).distinct()
                 .join(Comment, Comment.id == Citation.comment_id)
                 .where(Comment.round_id == round_id, Citation.section_id.is_not(None)).subquery())
        sets = (select(cited.c.comment_id, func.aggregate_strings(cast(cited.c.section_id, String), ",").label("ids"))
                .group_by(cited.c.comment_id).subquery())
        kind = func.coalesce(Submitter.kind, UNKNOWN_KIND)
        ids = func.coalesce(sets.c.ids, "")
        rows = (select(literal(round_id), ids, Comment.disposition, kind, func.count(),
                       func.sum(func.coalesce(Comment.represents, 1)))
                .select_from(Comment)
                .outerjoin(sets, sets.c.comment_id == Comment.id)
                .outerjoin(Submitter, Submitter.id == Comment.submitter_id)
                .where(Comment.round_id == round_id)
                .group_by(ids, Comment.disposition, kind))
        session.execute(insert(table_of(SectionTally)).from_select(
            ["round_id", "sections", "disposition", "submitter_kind", "opinions", "submissions"], rows))


Counted = dict[tuple[str, str, str], list[int]]  # (sections as stored, disposition, kind) -> [opinions, submissions]


def count_opinion(counted: Counted, section_keys: Iterable[int], disposition: str, kind: str, represents: int) -> None:
    """One opinion into a load's count, keyed as the tally stores it (a short string, not a set: a load of
    1M generated opinions counts 587,000 keys)."""
    key = (",".join(map(str, sorted(section_keys))), disposition, kind)
    counts = counted.get(key)
    if counts is None:
        counts = counted[key] = [0, 0]
    counts[0] += 1
    counts[1] += represents


def counted_tally(session: Session, rnd: ConsultationRound, counted: Counted | None) -> None:
    """A round's tally from what its load `counted` as it wrote the opinions (recounting 1M opinions in SQL
    reads the whole comment table: 10 s). Only for a round that was empty before the load and that no
    active review decision touches (a decision re-attached after the writes may change what was
    counted); otherwise, or with `counted` None, the round is recounted."""
    if counted is None or session.scalar(select(func.count()).select_from(ReviewDecision).where(
            ReviewDecision.round_key == rnd.key, ReviewDecision.state == ACTIVE)):
        refresh_tally(session, [rnd.id])
        return
    session.execute(delete(SectionTally).where(SectionTally.round_id == rnd.id))
    items = iter(counted.items())
    while chunk := list(islice(items, CHUNK)):  # a chunk at a time: 587,000 row dicts at once cost 250 MB
        insert_rows(session.connection(), table_of(SectionTally), [
            {"round_id": rnd.id, "sections": ids, "disposition": disposition, "submitter_kind": kind,
             "opinions": opinions, "submissions": submissions}
            for (ids, disposition, kind), (opinions, submissions) in chunk])


def section_ids(sections: str) -> frozenset[int]:
    """The tally's comma-separated ids as a set (the order the database joined them in does not matter)."""
    return frozenset(int(s) for s in sections.split(",") if s)


TallyKey = tuple[int, frozenset[int], str, str]  # round, cited sections, disposition, submitter kind
CHUNK = 5000


def contributions(session: Session, comment_ids: Iterable[int]) -> dict[TallyKey, list[int]]:
    """What these opinions add to the tally now: key -> [opinions, submissions]."""
    out: dict[TallyKey, list[int]] = {}
    ids = sorted(set(comment_ids))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        cited: dict[int, set[int]] = {}
        for cid, sid in session.execute(select(Citation.comment_id, Citation.section_id).where(
                Citation.comment_id.in_(chunk), Citation.section_id.is_not(None))):
            if sid is not None:
                cited.setdefault(cid, set()).add(sid)
        for cid, round_id, disposition, kind, represents in session.execute(
                select(Comment.id, Comment.round_id, Comment.disposition, func.coalesce(Submitter.kind, UNKNOWN_KIND),
                       func.coalesce(Comment.represents, 1))
                .outerjoin(Submitter, Submitter.id == Comment.submitter_id).where(Comment.id.in_(chunk))):
            counts = out.setdefault((round_id, frozenset(cited.get(cid, ())), disposition, kind), [0, 0])
            counts[0] += 1
            counts[1] += represents
    return out


def adjust_tally(session: Session, before: dict[TallyKey, list[int]], after: dict[TallyKey, list[int]]) -> None:
    """Apply the difference between two `contributions` of the same opinions (a review decision changed them):
    a few rows change instead of the round being recounted."""
    delta: dict[TallyKey, list[int]] = {}
    for sign, side in ((-1, before), (1, after)):
        for key, (opinions, submissions) in side.items():
            d = delta.setdefault(key, [0, 0])
            d[0] += sign * opinions
            d[1] += sign * submissions
    changed = {k: d for k, d in delta.items() if d != [0, 0]}
    for round_id in {k[0] for k in changed}:
        rows = {(round_id, section_ids(ids), disp, kind): (rid, n, subs) for rid, ids, disp, kind, n, subs in session.execute(
            select(SectionTally.id, SectionTally.sections, SectionTally.disposition, SectionTally.submitter_kind,
                   SectionTally.opinions, SectionTally.submissions).where(SectionTally.round_id == round_id))}
        for key, (d_opinions, d_submissions) in changed.items():
            if key[0] != round_id:
                continue
            if key in rows:
                rid, n, subs = rows[key]
                if n + d_opinions <= 0:
                    session.execute(delete(SectionTally).where(SectionTally.id == rid), execution_options=BY_KEY)
                else:
                    session.execute(update(SectionTally).where(SectionTally.id == rid).values(
                        opinions=n + d_opinions, submissions=subs + d_submissions), execution_options=BY_KEY)
            elif d_opinions > 0:
                session.add(SectionTally(round_id=round_id, sections=",".join(map(str, sorted(key[1]))),
                                         disposition=key[2], submitter_kind=key[3], opinions=d_opinions,
                                         submissions=d_submissions))
    session.flush()
