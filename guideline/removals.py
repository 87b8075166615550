"""A tree reloaded with sections renumbered or removed: nothing that cites them is lost.

A section whose old key is among the new one's aliases (or whose title reappears, once,
under a new key) is the same section renumbered: its row keeps its id, so citations and
decisions follow it. A removed section that opinions cite is refused unless the user
allows removals; then each citation stays, unresolved, with its text and a note naming
the section, and is linked again when a later load brings the section back.
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.models import Citation, Comment, ConsultationRound, ReviewDecision, Revision, Section
from guidetrace.trace.tally import refresh_tally

from .records import SectionRecord

REMOVED_NOTE = "section removed from revision {revision}: {key}"
SHOWN = 10


def renumbered(existing: dict[str, Section], records: tuple[SectionRecord, ...]) -> dict[str, str]:
    wanted = {r.key for r in records}
    gone = {k: s for k, s in existing.items() if k not in wanted}
    fresh = [r for r in records if r.key not in existing]
    if not gone or not fresh:
        return {}
    out: dict[str, str] = {}
    for r in fresh:
        for alias in r.aliases:
            if alias in gone and alias not in out:
                out[alias] = r.key
    titles = Counter(s.title for s in gone.values() if s.title)
    fresh_titles = Counter(r.title for r in fresh if r.title)
    taken = set(out.values())
    for r in fresh:
        if r.key in taken or not r.title or titles[r.title] != 1 or fresh_titles[r.title] != 1:
            continue
        old = next(k for k, s in gone.items() if s.title == r.title)
        if old not in out and gone[old].kind == r.kind:
            out[old] = r.key
    return out


def rename_decisions(session: Session, revision_id: int, old: str, new: str) -> None:
    rounds = select(ConsultationRound.key).where(ConsultationRound.revision_id == revision_id)
    session.execute(update(ReviewDecision).where(ReviewDecision.round_key.in_(rounds),
                                                 ReviewDecision.action.in_(("cite", "uncite")),
                                                 ReviewDecision.value == old).values(value=new))


def keep_citations_of_removed(session: Session, rev: Revision, gone: dict[int, str], allow: bool,
                              file: str | None) -> None:
    cited = [(cid, sid) for cid, sid in session.execute(
        select(Citation.id, Citation.section_id).where(Citation.section_id.in_(list(gone)))) if sid is not None]
    if not cited:
        return
    keys = sorted({gone[sid] for _, sid in cited})
    if not allow:
        shown = ", ".join(keys[:SHOWN]) + (f" and {len(keys) - SHOWN} more" if len(keys) > SHOWN else "")
        raise GuidetraceError(f"this tree removes {len(keys)} section(s) of {rev.key} that opinions cite ({shown}); "
                              "nothing was changed (give --allow-removals to keep those citations unresolved)",
                              file=file)
    for cid, sid in cited:
        session.execute(update(Citation).where(Citation.id == cid).values(
            section_id=None, note=REMOVED_NOTE.format(revision=rev.key, key=gone[sid])))
    _forget_in_snapshots(session, set(gone))
    _recount(session, rev)


def _recount(session: Session, rev: Revision) -> None:
    refresh_tally(session, session.scalars(select(ConsultationRound.id).where(ConsultationRound.revision_id == rev.id)))


def _forget_in_snapshots(session: Session, gone: set[int]) -> None:
    """A reviewed opinion's stored machine values name section ids: a removed one becomes unresolved there too."""
    for comment in session.scalars(select(Comment).where(Comment.machine.is_not(None))):
        citations = comment.machine.get("citations", []) if comment.machine else []
        if any(c.get("section_id") in gone for c in citations):
            comment.machine = {**comment.machine, "citations": [  # type: ignore[dict-item]
                dict(c, section_id=None) if c.get("section_id") in gone else c for c in citations]}


def relink_returned(session: Session, rev: Revision, ids: dict[str, int]) -> None:
    prefix = REMOVED_NOTE.format(revision=rev.key, key="")
    relinked = False
    for cid, note in session.execute(select(Citation.id, Citation.note).where(Citation.section_id.is_(None),
                                                                             Citation.note.startswith(prefix))).all():
        key = (note or "")[len(prefix):]
        if key in ids:
            session.execute(update(Citation).where(Citation.id == cid).values(section_id=ids[key], note=None))
            relinked = True
    if relinked:
        _recount(session, rev)
