"""Opinions with their answers, grouped by the section they cite first, part by part."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from guidetrace.comments.queries import find_round, list_comments
from guidetrace.trace.models import Section


def build_responses(session: Session, round_key: str | None = None) -> dict[str, Any]:
    rnd = find_round(session, round_key)
    order = {k: (p, t) for k, p, t in session.execute(select(Section.key, Section.position, Section.title)
                                                      .where(Section.revision_id == rnd.revision_id))}
    rows = []
    for c in list_comments(session, round_key=rnd.key):
        first = c["citations"][0]["section"] if c["citations"] else None
        opinion = c["body"] + (f"\n【{c['submitter']['name']}】" if c["submitter"]["name"] else "")
        rows.append({
            "id": c["id"], "part": c["part"], "seq": c["seq"], "section": first,
            "section_title": order[first][1] if first in order else None,
            "sections": [x["section"] for x in c["citations"]],
            "location": c["location"] or (order[first][1] if first in order else ""),
            "opinion": opinion, "answer": c["response"] or "", "disposition": c["disposition"]["primary"],
            "_order": (order[first][0] if first in order else 10**9, c["seq"]),
        })
    rows.sort(key=lambda r: (r["part"], r["_order"]))
    for r in rows:
        del r["_order"]
    return {"round": rnd.key, "parts": sorted({r["part"] for r in rows}), "rows": rows}
