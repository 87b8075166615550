"""The keys users may type for dispositions and submitter kinds, from the rule files (one vocabulary)."""

from __future__ import annotations

from functools import lru_cache

from guidetrace.trace.rules import packaged_yaml

from .classify_answer import UNCLASSIFIED, disposition_keys

UNANSWERED = "unanswered"


@lru_cache(maxsize=1)
def disposition_choices() -> tuple[str, ...]:
    return (*disposition_keys(), UNCLASSIFIED, UNANSWERED)


@lru_cache(maxsize=1)
def submitter_kind_choices() -> tuple[str, ...]:
    kinds = tuple(k["key"] for k in packaged_yaml("guidetrace.comments", "submitter_kinds.yaml")["kinds"])
    return (*kinds, "unknown")
