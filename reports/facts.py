"""Per-opinion facts that topic and plan reports aggregate, loaded in a few set queries (as published:
personal data masked, individuals unnamed)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from guidetrace.comments.privacy.masking import masked_fields
from guidetrace.comments.privacy.published import published_name
from guidetrace.comments.vocabulary import UNKNOWN
from guidetrace.guideline.section_tree import SectionTree
from guidetrace.trace.models import (
    Citation,
    Comment,
    CommentTopic,
    ConsultationRound,
    PrivacyFinding,
    Revision,
    Section,
    Submitter,
    Topic,
)


@dataclass(frozen=True)
class OpinionFact:
    id: int
    key: str
    round: str
    round_order: int
    revision_id: int
    disposition: str
    submitter: str | None
    submitter_kind: str
    represents: int
    topics: dict[str, str]
    sections: tuple[int, ...]


def load_facts(session: Session) -> list[OpinionFact]:
    """Every opinion as a fact, in round order (shared within `built_once`)."""
    from .built_once import shared

    return shared(session, "facts", lambda: _load_facts(session))


def _load_facts(session: Session) -> list[OpinionFact]:
    preds = dict(session.execute(select(Revision.id, Revision.predecessor_id)).all())

    def generation(rev: int) -> int:  # how many revisions came before this one
        n, cur = 0, preds.get(rev)
        while cur is not None:
            n, cur = n + 1, preds.get(cur)
        return n

    rounds = sorted(session.execute(select(ConsultationRound.id, ConsultationRound.key, ConsultationRound.revision_id,
                                           ConsultationRound.period_start)).all(),
                    key=lambda r: (generation(r[2]), r[3] or "", r[1]))
    order = {rid: (i, key, rev) for i, (rid, key, rev, _) in enumerate(rounds)}
    topics: dict[int, dict[str, str]] = defaultdict(dict)
    for cid, tkey, matched in session.execute(select(CommentTopic.comment_id, Topic.key, CommentTopic.matched).join(Topic)):
        topics[cid][tkey] = matched
    cited: dict[int, list[int]] = defaultdict(list)
    for cid, sid in session.execute(select(Citation.comment_id, Citation.section_id)
                                    .where(Citation.section_id.is_not(None)).order_by(Citation.comment_id, Citation.position)):
        if sid is not None:
            cited[cid].append(sid)
    out = []
    masked = masked_fields(session, list(session.scalars(select(PrivacyFinding.comment_id).distinct())))
    names: dict[tuple[str | None, str | None], str | None] = {}
    untagged: dict[str, str] = {}  # facts are frozen and read only: those without topics share one dict
    for cid, key, round_id, disposition, represents, name, kind in session.execute(  # columns, unpacked
            select(Comment.id, Comment.key, Comment.round_id, Comment.disposition, Comment.represents, Submitter.name,
                   Submitter.kind).outerjoin(Submitter, Comment.submitter_id == Submitter.id)
            .order_by(Comment.round_id, Comment.part, Comment.seq)):
        i, rkey, rev = order[round_id]
        if cid in masked and "submitter" in masked[cid]:
            who = masked[cid]["submitter"]
        elif (name, kind) in names:
            who = names[name, kind]
        else:
            who = names[name, kind] = published_name(name, kind)
        out.append(OpinionFact(cid, key, rkey, i, rev, disposition, who, kind or UNKNOWN, represents or 1,
                               topics.pop(cid, untagged), tuple(cited.pop(cid, ()))))
    return out


class EditTargets:
    """Section ids -> key, kind, parent: enough to pick the section an editor would edit (the walk up
    is the one section tree's)."""

    def __init__(self, session: Session):
        self.rows = {sid: (key, kind, parent, rid, title) for sid, key, kind, parent, rid, title in session.execute(
            select(Section.id, Section.key, Section.kind, Section.parent_id, Section.revision_id, Section.title))}
        self.tree = SectionTree[int]((sid, row[2]) for sid, row in self.rows.items())

    def ancestors(self, sid: int) -> list[int]:
        return self.tree.ancestors(sid)

    def edit_targets(self, section_ids: tuple[int, ...]) -> list[int]:
        """The most specific sections cited, items folded into the section that holds them."""
        cited = set(section_ids)
        specific = [s for s in section_ids if not any(s in self.ancestors(o) for o in cited if o != s)]
        folded: list[int] = [p if self.rows[s][1] == "item" and (p := self.rows[s][2]) is not None else s for s in specific]
        return list(dict.fromkeys(folded))

    def key(self, sid: int) -> str:
        return self.rows[sid][0]
