"""The languages guidetrace speaks, listed once: the catalogue (reports/data/labels.yaml) gives every
label in each, and `--lang`, project files and masks accept only these. A third language is one more
entry here and in the catalogue's file (tests/test_facts_once.py checks that they agree); names given
per language (a topic's labels) are stored keyed by language, so it needs no migration."""

from __future__ import annotations

from collections.abc import Mapping

LANGS = ("ja", "en")
DEFAULT_LANG = LANGS[0]  # Japanese first


def label_for(labels: Mapping[str, str], lang: str) -> str:
    """A name given per language (a topic's), in `lang`; else in the first language that has one."""
    return labels.get(lang) or next((labels[other] for other in LANGS if labels.get(other)), "") or next(
        (v for v in labels.values() if v), "")
