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
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from guidetrace.guideline.keys import canonical_key
from guidetrace.trace.bulk_insert import insert_rows
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
    Topic,
    table_of,
)
from guidetrace.trace.tally import BY_KEY, adjust_tally, contributions

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


def current(session: Session, comment: Comment) -> dict[str, Any]:
    """The opinion's values as reports see them now."""
    return current_many(session, [comment.id])[comment.id]


def current_many(session: Session, comment_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """Each opinion's values as reports see them now, read for many opinions in a few queries."""
    ids = list(dict.fromkeys(comment_ids))
    out: dict[int, dict[str, Any]] = {}
    for start in range(0, len(ids), 5000):
        chunk = ids[start:start + 5000]
        values: dict[int, dict[str, Any]] = {
            cid: {"sections": [], "unresolved": [], "disposition": disposition, "topics": []}
            for cid, disposition in session.execute(select(Comment.id, Comment.disposition).where(Comment.id.in_(chunk)))}
        for cid, key, text in session.execute(select(Citation.comment_id, Section.key, Citation.text).select_from(Citation)
                                              .outerjoin(Section, Citation.section_id == Section.id)
                                              .where(Citation.comment_id.in_(chunk))
                                              .order_by(Citation.comment_id, Citation.position)):
            v = values[cid]
            (v["sections"] if key is not None else v["unresolved"]).append(key if key is not None else text)
        for cid, topic in session.execute(select(CommentTopic.comment_id, Topic.key).join(Topic)
                                          .where(CommentTopic.comment_id.in_(chunk))):
            values[cid]["topics"].append(topic)
        for v in values.values():
            v["topics"].sort()
        out.update(values)
    return out


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


def undo(session: Session, target: str) -> list[ReviewDecision]:
    """`target` is a step of `review log` (any of its decisions' numbers): the whole edit is undone; or an
    opinion id: every decision in force on it, so the opinion is back to the machine's values."""
    if target.isdigit():
        d = session.get(ReviewDecision, int(target))
        step = (d.step or d.id) if d is not None else None
        found = list(session.scalars(select(ReviewDecision).where(
            (ReviewDecision.step == step) | (ReviewDecision.id == step), ReviewDecision.state == ACTIVE)
            .order_by(ReviewDecision.id))) if step is not None else []
    else:
        found = list(session.scalars(select(ReviewDecision).where(ReviewDecision.comment_key == target.strip(),
                                                                  ReviewDecision.state == ACTIVE)
                                     .order_by(ReviewDecision.id)))
    if not found:
        raise GuidetraceError(f"no active decision {target!r} (see `guidetrace review log`)")
    for d in found:
        d.state = UNDONE
    session.flush()
    apply_review(session, sorted({d.comment_id for d in found if d.comment_id is not None}))
    return found


# --- applying ---------------------------------------------------------------------------------

_CITATION_FIELDS = ("section_id", "text", "evidence", "confidence", "origin", "position", "note")
CHUNK = 5000


def _snapshots(session: Session, ids: list[int]) -> dict[int, dict[str, Any]]:
    """The opinions' citations and tags as they stand: what their first decision keeps as the machine's."""
    out: dict[int, dict[str, Any]] = {cid: {"citations": [], "tags": []} for cid in ids}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        for cid, *row in session.execute(select(Citation.comment_id, *(getattr(Citation, f) for f in _CITATION_FIELDS))
                                         .where(Citation.comment_id.in_(chunk))
                                         .order_by(Citation.comment_id, Citation.position, Citation.id)):
            out[cid]["citations"].append(dict(zip(_CITATION_FIELDS, row)))
        for cid, t, m in session.execute(select(CommentTopic.comment_id, CommentTopic.topic_id, CommentTopic.matched)
                                         .where(CommentTopic.comment_id.in_(chunk))):
            out[cid]["tags"].append([t, m])
    return out


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
    """Each opinion's rows worked out in memory (machine values, then its decisions in order) and written
    once for all of them: a workbook of 30,000 rows is a few statements per 5,000 opinions, not a dozen per
    decision."""
    comments: list[Comment] = []
    for start in range(0, len(ids), CHUNK):
        comments += session.scalars(select(Comment).where(Comment.id.in_(ids[start:start + CHUNK])))
    fresh = _snapshots(session, [c.id for c in comments if c.machine is None and decisions.get(c.id)])
    work: list[tuple[Comment, list[ReviewDecision]]] = []
    for c in comments:
        mine = decisions.get(c.id, [])
        if c.machine is None:
            if not mine:
                continue  # the machine's rows stand
            c.machine = {"disposition": c.disposition, **fresh[c.id]}
        work.append((c, mine))
    if not work:
        return 0
    look = _Lookups(session, work)
    citations: list[dict[str, Any]] = []
    tags: list[dict[str, Any]] = []
    applied = 0
    for c, mine in work:
        machine: dict[str, Any] = c.machine or {}  # set above for every opinion worked on
        cites = [dict(x, section_id=x["section_id"] if x["section_id"] in look.live else None)
                 for x in machine["citations"]]
        tagged = {t: m for t, m in machine["tags"] if t in look.topics}
        disposition = machine["disposition"]
        for d in mine:
            disposition = _apply_one(d, cites, tagged, disposition, look.named(c))
        c.disposition = disposition
        if mine:
            applied += 1
        else:
            c.machine = None  # its last decision was undone: the machine's values again
        citations += [dict(x, comment_id=c.id) for x in cites]
        tags += [{"comment_id": c.id, "topic_id": t, "matched": m} for t, m in tagged.items()]
    written = [c.id for c, _ in work]
    for start in range(0, len(written), CHUNK):
        chunk = written[start:start + CHUNK]
        session.execute(delete(Citation).where(Citation.comment_id.in_(chunk)), execution_options=BY_KEY)
        session.execute(delete(CommentTopic).where(CommentTopic.comment_id.in_(chunk)), execution_options=BY_KEY)
    for start in range(0, len(citations), CHUNK):
        insert_rows(session.connection(), table_of(Citation), citations[start:start + CHUNK])
    for start in range(0, len(tags), CHUNK):
        insert_rows(session.connection(), table_of(CommentTopic), tags[start:start + CHUNK])
    session.flush()
    return applied


class _Lookups:
    """What applying the decisions asks of the store, read once for all the opinions: which machine-cited
    sections still exist, the topics, and the sections the decisions name in each opinion's revision."""

    def __init__(self, session: Session, work: list[tuple[Comment, list[ReviewDecision]]]):
        machine_sections = sorted({x["section_id"] for c, _ in work for x in (c.machine or {}).get("citations", [])
                                   if x["section_id"] is not None})
        self.live: set[int] = set()
        for start in range(0, len(machine_sections), CHUNK):
            self.live.update(session.scalars(select(Section.id).where(Section.id.in_(machine_sections[start:start + CHUNK]))))
        self.topic_ids: dict[str, int] = {k: i for i, k in session.execute(select(Topic.id, Topic.key))}
        self.topics = set(self.topic_ids.values())
        self.revision_of: dict[int, int] = dict(session.execute(
            select(ConsultationRound.id, ConsultationRound.revision_id)).all())
        wanted: dict[int, set[str]] = defaultdict(set)
        for c, mine in work:
            for d in mine:
                if d.action in ("cite", "uncite") and d.value:
                    wanted[self.revision_of[c.round_id]].add(canonical_key(d.value))
        self.sections: dict[tuple[int, str], int] = {}
        for rev, keys in wanted.items():
            asked = sorted(keys)
            for start in range(0, len(asked), CHUNK):
                self.sections.update(((rev, k), sid) for sid, k in session.execute(select(Section.id, Section.key).where(
                    Section.revision_id == rev, Section.key.in_(asked[start:start + CHUNK]))))

    def named(self, comment: Comment) -> _Named:
        return _Named(self, self.revision_of[comment.round_id])


@dataclass(frozen=True)
class _Named:
    """The section a decision's value names in its opinion's revision, and a topic's id."""

    look: _Lookups
    revision: int

    def section(self, value: str) -> int | None:
        return self.look.sections.get((self.revision, canonical_key(value)))

    def topic(self, value: str) -> int | None:
        return self.look.topic_ids.get(value)


def _apply_one(d: ReviewDecision, cites: list[dict[str, Any]], tags: dict[int, str], disposition: str,
               named: _Named) -> str:
    """One decision on an opinion's citations and tags (changed in place); returns its disposition."""
    stamp = f"{d.by} {d.at}"
    if d.action == "disposition" and d.value:
        return d.value
    if d.action == "cite" and d.value:
        cites[:] = [x for x in cites if x["section_id"] is not None]
        sid = named.section(d.value)
        existing = next((x for x in cites if x["section_id"] == sid), None) if sid else None
        if existing is not None:
            existing.update(evidence=REVIEWED, confidence=1.0, note=stamp)
        else:
            position = (max((x["position"] for x in cites), default=None) or 0) + 1
            cites.append({"section_id": sid, "text": d.value, "evidence": REVIEWED, "confidence": 1.0 if sid else 0.0,
                          "origin": "review", "position": position,
                          "note": stamp if sid else f"{d.value}: no longer a section of this revision"})
    elif d.action == "uncite" and d.value:
        sid = named.section(d.value)
        cites[:] = [x for x in cites if not (x["section_id"] == sid if sid else
                                             x["section_id"] is None and x["text"] == d.value)]
    elif d.action in ("tag", "untag") and d.value:
        tid = named.topic(d.value)
        if tid is not None:
            tags.pop(tid, None)
            if d.action == "tag":
                tags[tid] = REVIEWED
    return disposition
