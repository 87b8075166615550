"""Findings as an editor meets them: each with the sentence around it, a campaign's copies as one.

The queue (`review list --kind privacy`), the workbook's privacy sheet and `privacy scan` show
each finding in its context — the words around it, cut at sentence ends, the finding marked
【…】 — so deciding does not mean opening the opinion. Copies of a campaign (one dedup cluster)
holding the same finding (field, kind, text) are one group, decided once on one opinion: the
decision applies to every copy (store_findings.states).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from guidetrace.trace.models import Cluster, Comment, ConsultationRound, PrivacyFinding, Submitter

from .store_findings import CHUNK, FIELDS, PENDING, SUBMITTER, campaigns_of, decision_value, findings_of, states

WIDTH = 30  # characters either side of a finding, at most
SENTENCE_END = "。！？!?\n"
OPEN, CLOSE = "【", "】"


def context(text: str, start: int, end: int, width: int = WIDTH) -> str:
    """The finding in its sentence: up to `width` characters either side, cut at the sentence's ends, an
    ellipsis where the cut is not one; whitespace runs shown as one space."""
    before = text[max(0, start - width):start]
    cut = max(before.rfind(c) for c in SENTENCE_END)
    lead = "" if cut >= 0 or start <= width else "…"
    before = before[cut + 1:] if cut >= 0 else before
    after = text[end:end + width]
    stops = [i for i in (after.find(c) for c in SENTENCE_END) if i >= 0]
    tail = "" if stops or end + width >= len(text) else "…"
    after = after[:min(stops) + 1] if stops else after
    return " ".join(f"{lead}{before}{OPEN}{text[start:end]}{CLOSE}{after}{tail}".split())


def contexts(session: Session, findings: Sequence[PrivacyFinding]) -> dict[int, str]:
    """Each finding's context, its opinion's fields read once per opinion."""
    ids = sorted({f.comment_id for f in findings})
    texts: dict[int, dict[str, str]] = {}
    for start in range(0, len(ids), CHUNK):
        for row in session.execute(select(Comment.id, *(getattr(Comment, f) for f in FIELDS), Submitter.name)
                                   .outerjoin(Submitter, Comment.submitter_id == Submitter.id)
                                   .where(Comment.id.in_(ids[start:start + CHUNK]))):
            texts[row[0]] = dict(zip((*FIELDS, SUBMITTER), (t or "" for t in row[1:])))
    out = {}
    for f in findings:
        text = texts.get(f.comment_id, {}).get(f.field, "")
        out[f.id] = context(text, f.start, f.end) if text[f.start:f.end] == f.text else f"{OPEN}{f.text}{CLOSE}"
    return out


@dataclass(frozen=True)
class FindingGroup:
    """One finding as an editor decides it: on `opinion`, for its `copies` in the campaign."""

    opinion: str  # the opinion a decision is recorded on: the campaign's representative when it holds the finding
    round: str
    weight: int  # the submissions it stands for: its copies, or the opinion's own count if larger
    field: str
    kind: str
    text: str
    confidence: float
    rule: str
    state: str  # pending, mask or keep (the opinion's; a pending copy makes the group pending)
    copies: int
    context: str

    @property
    def value(self) -> str:
        """What `review set --mask/--keep` and the workbook's decisions name."""
        return decision_value(self.field, self.kind, self.text)


def finding_groups(session: Session, round_key: str | None = None, *, pending_only: bool = False
                   ) -> list[FindingGroup]:
    """The round's findings an editor decides (a submitter's are always masked: not asked), a campaign's
    copies as one, pending first, then by opinion."""
    found = [f for f in findings_of(session, round_key=round_key) if f.field != SUBMITTER]
    if not found:
        return []
    state = states(session, found)
    campaign = campaigns_of(session, sorted({f.comment_id for f in found}))
    groups: dict[tuple[object, str, str, str], list[PrivacyFinding]] = defaultdict(list)
    for f in found:
        owner = ("campaign", campaign[f.comment_id]) if f.comment_id in campaign else ("opinion", f.comment_id)
        groups[(owner, f.field, f.kind, f.text)].append(f)
    if pending_only:
        groups = {k: fs for k, fs in groups.items() if any(state[f.id] == PENDING for f in fs)}
    info = _opinions(session, sorted({f.comment_id for fs in groups.values() for f in fs}))
    chosen = [(_representative(fs, info), fs) for fs in groups.values()]
    shown = contexts(session, [f for f, _ in chosen])
    out = []
    for f, fs in chosen:
        key, rkey, weight, _ = info[f.comment_id]
        group_state = PENDING if any(state[x.id] == PENDING for x in fs) else state[f.id]
        copies = len({x.comment_id for x in fs})
        out.append((FindingGroup(key, rkey, max(weight, copies), f.field, f.kind, f.text,
                                 max(x.confidence for x in fs), f.rule, group_state, copies, shown[f.id]), f.start))
    out.sort(key=lambda g: (g[0].state != PENDING, g[0].round, g[0].opinion, FIELDS.index(g[0].field), g[1]))
    return [g for g, _ in out]


def _opinions(session: Session, ids: list[int]) -> dict[int, tuple[str, str, int, bool]]:
    """Opinion -> (id, round, the submissions it stands for, whether it represents its campaign)."""
    out = {}
    for start in range(0, len(ids), CHUNK):
        for cid, key, rkey, weight, represents in session.execute(
                select(Comment.id, Comment.key, ConsultationRound.key, func.coalesce(Comment.represents, Cluster.size, 1),
                       Cluster.id.is_not(None))
                .join(ConsultationRound, Comment.round_id == ConsultationRound.id)
                .outerjoin(Cluster, Cluster.representative_id == Comment.id)
                .where(Comment.id.in_(ids[start:start + CHUNK]))):
            out[cid] = (key, rkey, int(weight or 1), bool(represents))
    return out


def _representative(fs: list[PrivacyFinding], info: dict[int, tuple[str, str, int, bool]]) -> PrivacyFinding:
    return min(fs, key=lambda f: (not info[f.comment_id][3], f.comment_id, f.start))
