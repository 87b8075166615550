"""Round and language lookups: the low layer that listings, review, privacy and topics all ask.

It imports nothing from the rest of `comments/`, so anything there may use it without closing a circle."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.models import ConsultationRound, Revision


def find_round(session: Session, key: str | None) -> ConsultationRound:
    """The one round lookup: by key, or (no key) the latest round; an unknown key lists the known ones."""
    if key:
        rnd = session.scalar(select(ConsultationRound).where(ConsultationRound.key == key))
        if rnd is None:
            known = ", ".join(session.scalars(select(ConsultationRound.key).order_by(ConsultationRound.key))) or "none loaded"
            raise GuidetraceError(f"unknown round {key!r} (known: {known})")
        return rnd
    latest = session.scalars(select(ConsultationRound).order_by(ConsultationRound.period_start.desc(),
                                                                 ConsultationRound.id.desc()).limit(1)).first()
    if latest is None:
        raise GuidetraceError("no comments loaded: run `guidetrace comments load FILE --revision R` first "
                              "(`guidetrace comments load --bundled` for the shipped round)")
    return latest


def store_language(session: Session) -> str:
    """The language most loaded rounds are written in: reports use its labels unless told otherwise."""
    counts: dict[str, int] = defaultdict(int)
    for lang in session.scalars(select(ConsultationRound.lang).where(ConsultationRound.lang.is_not(None))):
        if lang:
            counts[lang] += 1
    return max(sorted(counts), key=lambda k: counts[k]) if counts else "ja"


def round_rows(session: Session) -> list[dict[str, Any]]:
    """Every loaded round, as `rounds` lists it and the site shows it."""
    out = []
    for rnd, rev in session.execute(select(ConsultationRound, Revision.key).join(Revision)
                                    .order_by(ConsultationRound.key)):
        out.append({"round": rnd.key, "revision": rev, "lang": rnd.lang, "title": rnd.title,
                    "period": [rnd.period_start, rnd.period_end],
                    "submissions": rnd.total_submissions, "by_kind": rnd.totals_by_kind, "parts": rnd.part_totals,
                    "named_submitters": rnd.named_submitters, "warnings": rnd.warnings})
    return out
