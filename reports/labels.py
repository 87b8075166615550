"""UI labels in Japanese and English, from reports/data/labels.yaml."""

from __future__ import annotations

from guidetrace.comments.vocabulary import disposition_choices, submitter_kind_choices
from guidetrace.trace.rules import packaged_yaml

DISPOSITIONS = disposition_choices()  # one vocabulary: the rule files
SUBMITTER_KINDS = submitter_kind_choices()


def labels(lang: str) -> dict[str, str]:
    data = packaged_yaml("guidetrace.reports", "labels.yaml")
    return {key: value[lang] if isinstance(value, dict) else str(value) for key, value in data.items()}


def label(key: str, lang: str) -> str:
    return labels(lang).get(key, key)
