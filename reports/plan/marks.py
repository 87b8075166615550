"""`plan mark`: an editor's decision on a plan entry, stored so rebuilt plans keep it."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import select

from guidetrace.guideline.keys import canonical_key
from guidetrace.guideline.queries import find_revision
from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.models import PlanMark, Section, Topic
from guidetrace.trace.store import Store

from . import NO_TOPIC, STATUSES


def mark_plan(store: Store, topic: str, section: str, status: str, *, revision: str | None = None,
              addressed_section: str | None = None, note: str | None = None) -> PlanMark:
    if status not in STATUSES:
        raise GuidetraceError(f"unknown status {status!r} (expected one of {', '.join(STATUSES)})")
    if status == "addressed" and not revision:
        raise GuidetraceError("an addressed entry needs --revision (where it was addressed)")
    with store.transaction() as session:
        if topic != NO_TOPIC and session.scalar(select(Topic.id).where(Topic.key == topic)) is None:
            raise GuidetraceError(f"unknown topic {topic!r}")
        key = canonical_key(section)
        if session.scalar(select(Section.id).where(Section.key == key).limit(1)) is None:
            raise GuidetraceError(f"no section {section!r} in any loaded revision (the plan lists its sections)")
        if revision:
            rev = find_revision(session, revision, or_label=True, hint="; load its tree first")
            revision = rev.key
            if addressed_section and session.scalar(select(Section.id).where(
                    Section.revision_id == rev.id, Section.key == canonical_key(addressed_section))) is None:
                raise GuidetraceError(f"no section {addressed_section!r} in revision {rev.key!r}")
        elif addressed_section:
            raise GuidetraceError("--section names where it was addressed: give --revision too")
        mark = session.scalar(select(PlanMark).where(PlanMark.topic_key == topic, PlanMark.section_key == key))
        if mark is None:
            mark = PlanMark(topic_key=topic, section_key=key, status=status, marked_at="")
            session.add(mark)
        mark.status, mark.revision_key, mark.note = status, revision, note
        mark.addressed_section = canonical_key(addressed_section) if addressed_section else None
        mark.marked_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        return mark
