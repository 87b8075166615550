"""Reloading a round: the same opinion keeps its id, and the load says what changed, by name.

An opinion with a printed number is known by it. One without (the seed's parts A and B)
was given its position on first load (A-01, A-02, …); on a reload it is found again by
its fingerprint (text, submitter and place), so removing A-03 from a corrected document
leaves A-04 as A-04; among identical copies, the one at its old position, else the first.
An opinion whose text was edited is paired with the old opinion it replaces — the one
at its old position with a similar text, or a clearly most similar one — and keeps that
id. What is left over is added (a new number after the part's last) or removed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from guidetrace.trace.models import Comment, ConsultationRound, Submitter

from .review.identity import ANY_LABEL_SIMILARITY, MARGIN, SAME_LABEL_SIMILARITY, fingerprint, text_similarity

TEMP = "~"  # marks a key decided only at the end of the load
_POSITIONAL = re.compile(r"^(?P<part>[^/]*?)-(?P<seq>\d+)$")


@dataclass
class ReloadReport:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)  # same id, text edited
    renumbered: list[tuple[str, str]] = field(default_factory=list)  # (old id, new id), same text

    def any(self) -> bool:
        return bool(self.added or self.removed or self.changed or self.renumbered)


@dataclass
class _Old:
    id: int
    key: str
    fingerprint: str
    claimed: bool = False


class ReloadMatcher:
    def __init__(self, session: Session, rnd: ConsultationRound):
        self.session, self.rnd = session, rnd
        self.old: dict[str, _Old] = {}
        self.by_fp: dict[str, list[_Old]] = defaultdict(list)
        for cid, key, body, name, location in session.execute(
                select(Comment.id, Comment.key, Comment.body, Submitter.name, Comment.location)
                .outerjoin(Submitter, Comment.submitter_id == Submitter.id).where(Comment.round_id == rnd.id)
                .order_by(Comment.part, Comment.seq, Comment.id)):  # identical copies: in document order
            o = _Old(cid, key, fingerprint(body, name, location))
            self.old[key] = o
            self.by_fp[o.fingerprint].append(o)
        self.kept: set[str] = set()  # keys still holding the opinion they held: same text, submitter and place
        self.report = ReloadReport()
        self.temps: dict[str, tuple[str, str]] = {}  # temp key -> (positional key, body)
        self.new_fp: dict[str, str] = {}  # final or temp key -> fingerprint

    @property
    def existing(self) -> dict[str, int]:
        return {k: o.id for k, o in self.old.items()}

    def key_for(self, key: str, positional: bool, row: dict[str, Any], submitter: str | None) -> str:
        if not self.old:  # a first load: nothing to match, and `finish` needs no fingerprints
            return key
        fp = fingerprint(row["body"], submitter, row.get("location"))
        if positional:
            copies = [o for o in self.by_fp.get(fp, []) if not o.claimed]
            same = next((o for o in copies if o.key == key), copies[0] if copies else None)
            if same is None:
                temp = f"{self.rnd.key}/{TEMP}{len(self.temps)}"
                self.temps[temp] = (key, row["body"])
                self.new_fp[temp] = fp
                return temp
            key = same.key
        o = self.old.get(key)
        if o is not None:
            o.claimed = True
            if o.fingerprint != fp:
                self.report.changed.append(key)
            else:
                self.kept.add(key)
        self.new_fp[key] = fp
        return key

    def finish(self, seen: set[str]) -> list[int]:
        """Settles the temporary keys; returns the ids of old opinions that are gone (a first load: none)."""
        if not self.old:
            return []
        gone = {k: o for k, o in self.old.items() if not o.claimed and k not in seen}
        bodies: dict[str, str] = {}
        if gone and self.temps:
            ids = [o.id for o in gone.values()]
            for start in range(0, len(ids), 5000):
                bodies.update({k: b for k, b in self.session.execute(select(Comment.key, Comment.body).where(
                    Comment.id.in_(ids[start:start + 5000])))})
        final: dict[str, str] = {}
        for temp, (positional, body) in self.temps.items():
            partner = self._partner(positional, body, {k: bodies[k] for k in gone if k in bodies})
            if partner is not None:
                self.session.execute(delete(Comment).where(Comment.id == gone.pop(partner).id))
                self.report.changed.append(partner)
                final[temp] = partner
        used = (seen - set(self.temps)) | set(final.values())
        for temp, (positional, _) in self.temps.items():
            if temp not in final:
                free = positional not in used and positional not in gone
                final[temp] = positional if free else self._next(positional, used | set(gone))
                used.add(final[temp])
                self.report.added.append(final[temp])
        for temp, key in final.items():  # flush first: a key freed by a delete is taken in the same transaction
            self.session.execute(update(Comment).where(Comment.round_id == self.rnd.id, Comment.key == temp).values(key=key))
        added_fp = {self.new_fp[k]: k for k in seen if k not in self.old and k not in self.temps}
        for key, o in gone.items():
            if o.fingerprint in added_fp:
                self.report.renumbered.append((key, added_fp[o.fingerprint]))
            else:
                self.report.removed.append(key)
        self.report.added += [k for k in seen if k not in self.old and k not in self.temps
                              and k not in {new for _, new in self.report.renumbered}]
        return [o.id for o in gone.values()]

    def _partner(self, positional: str, body: str, gone: dict[str, str]) -> str | None:
        if positional in gone and text_similarity(body, gone[positional]) >= SAME_LABEL_SIMILARITY:
            return positional
        scored = sorted(((text_similarity(body, b), k) for k, b in gone.items()), reverse=True)[:2]
        if scored and scored[0][0] >= ANY_LABEL_SIMILARITY and (len(scored) == 1 or scored[0][0] - scored[1][0] >= MARGIN):
            return scored[0][1]
        return None

    def _next(self, positional: str, used: set[str]) -> str:
        """After the part's last number: a new opinion never takes an id an old one had."""
        round_prefix, _, local = positional.rpartition("/")
        m = _POSITIONAL.match(local)
        if m is None:
            n, candidate = 2, f"{positional}_2"
            while candidate in used:
                n, candidate = n + 1, f"{positional}_{n + 1}"
            return candidate
        part = m["part"]
        width = len(m["seq"])
        top = max((int(mm["seq"]) for k in used if (mm := _POSITIONAL.match(k.rpartition("/")[2])) and mm["part"] == part),
                  default=0)
        return f"{round_prefix}/{part}-{top + 1:0{width}d}"
