"""Inferring a submitter's kind from the name (rules in data/submitter_kinds.yaml)."""

from __future__ import annotations

import re
from functools import lru_cache

from guidetrace.guideline.keys import normalize_text
from guidetrace.trace.rules import packaged_yaml

from .vocabulary import INDIVIDUAL, UNKNOWN


@lru_cache(maxsize=1)
def _kind_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    data = packaged_yaml("guidetrace.comments", "submitter_kinds.yaml")
    return tuple((k["key"], re.compile("|".join(f"(?:{p})" for p in k["patterns"]))) for k in data["kinds"])


@lru_cache(maxsize=4096)
def submitter_kind(name: str | None) -> str:
    if not name:
        return UNKNOWN
    text = normalize_text(name)
    for key, pattern in _kind_patterns():
        if pattern.search(text):
            return key
    from .privacy.detect import looks_like_person  # 山田太郎 in the submitter column: a private person

    return INDIVIDUAL if looks_like_person(text) else UNKNOWN


@lru_cache(maxsize=4096)
def only_a_kind(name: str) -> bool:
    """個人 or 匿名 and nothing more: the column names a kind, not a person (個人（山田太郎）names one)."""
    text = normalize_text(name)
    for _, pattern in _kind_patterns():
        if m := pattern.search(text):
            return not re.search(r"\w", text[: m.start()] + text[m.end() :])
    return False
