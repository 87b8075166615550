"""How a reader sees a round and a revision: by their labels (第3.0版（案）), never their keys.

A round is shown as the label of the revision it consulted on; when several rounds consulted on one
revision, the second and later (by period, then key) carry their place among them, so no two read the
same and a round loaded later renames none before it.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from guidetrace.trace.models import ConsultationRound, Revision

from .labels import label


def revision_labels(session: Session) -> dict[str, str]:
    """Each revision's key to its label (the key itself when the label is empty)."""
    return {key: shown or key for key, shown in session.execute(select(Revision.key, Revision.label))}


def round_labels(session: Session, lang: str) -> dict[str, str]:
    """Each round's key to how the site, the diagrams and the plan name it."""
    revisions = revision_labels(session)
    by_revision: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key, start, revision in session.execute(select(ConsultationRound.key, ConsultationRound.period_start,
                                                       Revision.key).join(Revision)):
        by_revision[revision].append((start or "9999", key))
    shown = {}
    for revision, rounds in by_revision.items():
        for n, (_, key) in enumerate(sorted(rounds), 1):
            shown[key] = revisions[revision] if n == 1 else label("round_nth", lang).format(revisions[revision], n)
    return shown
