"""An opinion record as the rows the store keeps: its comment row (its key, texts and the
answer's classification) and its citations' rows.

Nothing here touches a session: the writer (`store_comments`) inserts what these make.
Answers repeat across a round (今後の参考とさせていただきます。), so each distinct one is
classified once and its stored list of dispositions made once, shared by the rows it
classifies (never changed: `bulk_insert` then serialises it once per insert).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from guidetrace.guideline.keys import normalize_text
from guidetrace.trace.fit import clean, fit_row
from guidetrace.trace.models import Comment, Submitter, table_of

from .batch_hints import location_text
from .classify_answer import Classification, default_classifier
from .records import OpinionRecord
from .resolution import Resolution
from .vocabulary import UNANSWERED

CLASSIFIED = 4096  # distinct answers remembered within one load
_UNSAFE_ID = re.compile(r"[^\w.\-()]+")


def label_id(label: str) -> str:
    """A printed number as it may stand in an id: `Ⅱ-4` -> `II-4`, `No. 12` -> `No.12`."""
    if label.isascii() and label.isalnum():  # most numbers: nothing to fold or drop
        return label[:60]
    return _UNSAFE_ID.sub("", normalize_text(label))[:60] or "x"


class CommentRows:
    """Comment rows for one round; counts each row's disposition (and text-column conflicts) into
    `dispositions` / `conflicts` as it goes."""

    def __init__(self, round_key: str, round_id: int, raw: bool, file: str) -> None:
        self.round_key, self.round_id, self.raw, self.file = round_key, round_id, raw, file
        self.classify = lru_cache(maxsize=CLASSIFIED)(default_classifier().classify)
        self.lists: dict[Classification, list[dict[str, Any]]] = {}
        self.dispositions: dict[str, int] = {}
        self.conflicts = 0
        self.fitted: set[str] = set()  # submitter names already found fit for their column

    def row(self, o: OpinionRecord) -> dict[str, Any]:
        """The opinion's comment row, every value fit for either backend (one error naming file and line)."""
        if o.submitter and o.submitter not in self.fitted:  # a round names a few submitters many times
            fit_row(table_of(Submitter), {"name": o.submitter}, file=self.file, line=o.line)
            if len(self.fitted) < CLASSIFIED:
                self.fitted.add(o.submitter)
        return fit_row(table_of(Comment), self._values(o), file=self.file, line=o.line)

    def _values(self, o: OpinionRecord) -> dict[str, Any]:
        c = self.classify(o.response, column=o.disposition_cell or o.revised_flag, heading=o.group,
                          carried="answer" in o.carried)
        primary = UNANSWERED if self.raw else c.primary  # raw submissions have no answer yet
        self.dispositions[primary] = self.dispositions.get(primary, 0) + 1
        if c.conflict:
            self.conflicts += 1
        if o.part == "R" and o.number:
            key = f"{self.round_key}/{o.part}-{o.number}"  # a raw submission keeps its own id
        elif o.number:
            key = f"{self.round_key}/{label_id(o.number)}"  # the number the document prints
        else:
            key = f"{self.round_key}/{o.part}-{o.seq:02d}"
        return {
            "key": key, "label": o.number if o.part != "R" else None, "round_id": self.round_id, "part": o.part,
            "seq": o.seq,
            "submitter_id": None,  # set once the batch's submitters are written
            "location": location_text(o),
            "heading": o.heading, "body": o.body, "body_html": o.body_html, "reason": o.reason, "proposal": o.proposal,
            "response": o.response, "response_html": o.response_html, "disposition": primary,
            "dispositions": self._dispositions(c),
            "bulk": o.bulk, "represents": o.represents, "source_file": self.file, "source_line": o.line,
            "source_page": o.page, "machine": None,
        }

    def _dispositions(self, c: Classification) -> list[dict[str, Any]]:
        found = self.lists.get(c)
        if found is None:
            found = [{"disposition": m.disposition, "rule": m.rule, "supplementary": m.supplementary,
                      "evidence": m.evidence} for m in c.matches] + (
                [{"disposition": c.conflict, "rule": "text-disagrees", "supplementary": True, "evidence": "conflict"}]
                if c.conflict else [])
            if len(self.lists) < CLASSIFIED:
                self.lists[c] = found
        return found


def citation_rows(comment_id: int, res: Resolution, section_ids: dict[str, int]) -> list[dict[str, Any]]:
    """An opinion's citations, then its unresolved places (no section, their text kept), in order."""
    out = [{"comment_id": comment_id, "section_id": section_ids[c.section], "text": clean(c.text),
            "evidence": c.evidence, "confidence": c.confidence, "origin": c.origin, "position": c.position,
            "note": c.note} for c in res.cited.values()]
    out += [{"comment_id": comment_id, "section_id": None, "text": clean(u.text), "evidence": u.evidence,
             "confidence": 0.0, "origin": u.origin, "position": len(res.cited) + i,
             "note": clean(u.reason) if u.reason else None} for i, u in enumerate(res.unresolved)]
    return out
