"""Which revision a document was written against: when most places name nothing in the revision given,
the load says which loaded revision they fit better (a 2.0 document loaded as 3.0-draft, say)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from guidetrace.trace.models import Revision

from .records import OpinionRecord
from .resolution import Resolution
from .resolve_citations import CitationResolver
from .tree_index import build_index

SAMPLE = 200  # opinions read again per revision: enough to tell, cheap for any document


def resolved_share(session: Session, rev: Revision, sample: list[OpinionRecord]) -> tuple[int, int]:
    resolver = CitationResolver(build_index(session, rev))
    resolved = total = 0
    for o in sample:
        for text in (o.location, o.location_detail):
            if text and text.strip():
                res = resolver.resolve(text, origin="location", into=Resolution())
                total += 1
                resolved += bool(res.cited)
    return resolved, total


def better_revision(session: Session, rev: Revision, sample: list[OpinionRecord]) -> str | None:
    """A warning naming a revision that fits clearly better, or None."""
    here, total = resolved_share(session, rev, sample)
    if total < 3 or here * 2 >= total:
        return None
    best = max(((resolved_share(session, other, sample)[0], other.key) for other in
                session.scalars(select(Revision).where(Revision.id != rev.id))), default=(0, ""))
    if best[0] > here and best[0] * 2 >= total:
        return (f"only {here} of {total} places name a section of {rev.key}; revision {best[1]} fits better "
                f"({best[0]} of {total}): was the document written against {best[1]}? (--revision {best[1]})")
    return f"only {here} of {total} places name a section of {rev.key}, and no loaded revision fits better"
