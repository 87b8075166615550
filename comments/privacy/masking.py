"""The masked form of an opinion: what every published output shows.

Derived, never stored: each finding not decided `keep` is replaced by its label
(［氏名］, ［電話番号］, …), and an individual's name in the submitter column is
always ［個人］. Organisations' names stay: ministries publish them; contact data beside
them does not (the submitter column, file names and review marks: published.py).
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from guidetrace.trace.languages import DEFAULT_LANG, LANGS
from guidetrace.trace.models import Comment
from guidetrace.trace.rules import packaged_yaml

from ..vocabulary import INDIVIDUAL
from .store_findings import FIELDS, KEEP, PENDING, SUBMITTER, WHOLE_SUBMITTER, findings_of, states


@lru_cache(maxsize=1)
def _labels() -> dict[str, dict[str, str]]:
    """The detector's mask labels, and those of what is withheld whole (a file name: privacy_fields.yaml)."""
    return {**packaged_yaml("guidetrace.comments", "privacy_fields.yaml")["labels"],
            **packaged_yaml("guidetrace.comments", "privacy.yaml")["labels"]}


def mask_kinds() -> tuple[str, ...]:
    """Every kind a mask has a label for (the detector's kinds, ［個人］, a withheld file name)."""
    return tuple(_labels())


def mask_label(kind: str, lang: str) -> str:
    return _labels().get(kind, _labels()["name"])[lang if lang in LANGS else DEFAULT_LANG]


def mask(text: str, spans: list[tuple[int, int, str]], lang: str) -> str:
    out, at = [], 0
    for start, end, kind in sorted(spans):
        if start < at:
            continue
        out.append(text[at:start])
        out.append(mask_label(kind, lang))
        at = end
    out.append(text[at:])
    return "".join(out)


def masked_fields(session: Session, comment_ids: list[int], lang: str = "ja") -> dict[int, dict[str, Any]]:
    """For each opinion holding findings not kept: its fields as published (and, under `_found`, each
    masked text with its label, for the places a field's words are quoted, such as a citation's text)."""
    findings = findings_of(session, comment_ids)
    if not findings:
        return {}
    state = states(session, findings)
    spans: dict[int, dict[str, list[tuple[int, int, str]]]] = defaultdict(lambda: defaultdict(list))
    out: dict[int, dict[str, Any]] = {}
    for f in findings:
        if state[f.id] == KEEP:
            continue
        if f.field == SUBMITTER:  # screened as published (published.published_name); a person's name is the whole column
            if f.rule == WHOLE_SUBMITTER:
                out.setdefault(f.comment_id, {})["submitter"] = mask_label(INDIVIDUAL, lang)
        else:
            spans[f.comment_id][f.field].append((f.start, f.end, f.kind))
    ids = sorted(spans)
    for start in range(0, len(ids), 5000):
        for row in session.execute(select(Comment.id, *(getattr(Comment, f) for f in FIELDS))
                                   .where(Comment.id.in_(ids[start:start + 5000]))):
            cid, texts = row[0], dict(zip(FIELDS, row[1:]))
            out.setdefault(cid, {}).update({field: mask(texts[field] or "", s, lang) for field, s in spans[cid].items()})
    for f in findings:
        if f.comment_id in out and state[f.id] != KEEP and f.field != SUBMITTER:
            out[f.comment_id].setdefault("_found", []).append((f.text, mask_label(f.kind, lang)))
    return out


def pending_high(session: Session, threshold: float, round_key: str | None = None) -> int:
    """High-confidence findings nobody has decided on: a public site waits for them."""
    found = [f for f in findings_of(session, round_key=round_key)
             if f.confidence >= threshold and f.field != SUBMITTER]  # a submitter's are always masked: never asked
    state = states(session, found)
    return sum(1 for f in found if state[f.id] == PENDING)

