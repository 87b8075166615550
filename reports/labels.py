"""UI labels in Japanese and English, from reports/data/labels.yaml."""

from __future__ import annotations

from guidetrace.comments.classify_answer import disposition_keys
from guidetrace.trace.rules import packaged_yaml

DISPOSITIONS = (*disposition_keys(), "unclassified", "unanswered")
SUBMITTER_KINDS = ("corporation", "association", "government", "academic", "individual", "unknown")


def labels(lang: str) -> dict[str, str]:
    data = packaged_yaml("guidetrace.reports", "labels.yaml")
    return {key: value[lang] if isinstance(value, dict) else str(value) for key, value in data.items()}


def label(key: str, lang: str) -> str:
    return labels(lang).get(key, key)
