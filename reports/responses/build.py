"""Opinions with their answers, grouped by the section they cite first, part by part."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from guidetrace.comments.listing import list_comments
from guidetrace.comments.rounds import find_round
from guidetrace.trace.models import Section


@dataclass(frozen=True)
class Response:
    """One opinion and its answer, under the section it cites first (the field order is the JSON's)."""

    id: str
    part: str
    seq: int
    section: str | None
    section_title: str | None
    sections: list[str]
    location: str | None
    opinion: str
    answer: str
    disposition: str


@dataclass(frozen=True)
class ResponsesReport:
    round: str
    parts: list[str]
    rows: list[Response]


def build_responses(session: Session, round_key: str | None = None) -> ResponsesReport:
    rnd = find_round(session, round_key)
    order = {k: (p, t) for k, p, t in session.execute(select(Section.key, Section.position, Section.title)
                                                      .where(Section.revision_id == rnd.revision_id))}
    rows: list[tuple[tuple[str, int, int], Response]] = []
    for c in list_comments(session, round_key=rnd.key):
        first = c["citations"][0]["section"] if c["citations"] else None
        opinion = c["body"] + (f"\n【{c['submitter']['name']}】" if c["submitter"]["name"] else "")
        position = order[first][0] if first in order else 10**9
        rows.append(((c["part"], position, c["seq"]), Response(
            id=c["id"], part=c["part"], seq=c["seq"], section=first,
            section_title=order[first][1] if first in order else None,
            sections=[x["section"] for x in c["citations"]],
            location=c["location"] or (order[first][1] if first in order else ""),
            opinion=opinion, answer=c["response"] or "", disposition=c["disposition"]["primary"])))
    rows.sort(key=lambda r: r[0])
    return ResponsesReport(round=rnd.key, parts=sorted({r.part for _, r in rows}), rows=[r for _, r in rows])
