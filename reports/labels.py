"""The one catalogue: every word a person reads, in Japanese and English, from reports/data/labels.yaml.

Labels (`label`), messages with their values (`say`), the whole guideline's key as it reads
(`shown_key`), and the reverse: the names a person may type for a code in either language
(`names_for`), so `--disposition 修正` and `--disposition revised` are one value.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from guidetrace.comments.vocabulary import disposition_choices, submitter_kind_choices
from guidetrace.trace.languages import LANGS
from guidetrace.trace.rules import packaged_yaml

if TYPE_CHECKING:
    from guidetrace.guideline.reanchor import Change

DISPOSITIONS = disposition_choices()  # one vocabulary: the rule files
SUBMITTER_KINDS = submitter_kind_choices()
ROOT = "general"  # the whole guideline's key in every revision (guideline/keys.py), read as 全般


@lru_cache(maxsize=len(LANGS))
def labels(lang: str) -> dict[str, str]:
    """Read once per language; callers only read it."""
    data = packaged_yaml("guidetrace.reports", "labels.yaml")
    return {str(key): value[lang] if isinstance(value, dict) else str(value) for key, value in data.items()}


def label(key: str, lang: str) -> str:
    return labels(lang).get(key, key)


def say(name: str, lang: str, /, *args: Any, **values: Any) -> str:
    """A message of the catalogue with its values filled in (`{0}`, `{name}`)."""
    return label(name, lang).format(*args, **values)


def shown_key(key: str | None, lang: str) -> str:
    """A section key as a person reads it: the whole guideline's `general` is 全般."""
    return label("root_key", lang) if key == ROOT else (key or "")


def reason(change: Change, lang: str) -> str:
    """Why a citation is outdated, in words: 3.3.5/コラム1 の見出し変更：… → …"""
    return say(f"reason_{change.kind}", lang, key=shown_key(change.key, lang), to=shown_key(change.to, lang),
               link=label(f"link_{change.link}", lang), old=change.old_title, new=change.new_title,
               revision=change.revision, target=change.target)


@lru_cache(maxsize=1)
def _note_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The resolver's note templates as patterns that read a stored note's values back."""
    from guidetrace.comments.resolution import NOTES

    out = []
    for name, template in NOTES.items():
        parts = []
        for literal, field, _spec, conversion in string.Formatter().parse(template):
            parts.append(re.escape(literal))
            if field is not None:
                parts.append(f"(?P<{field}>'[^']*'|\"[^\"]*\")" if conversion == "r" else f"(?P<{field}>.+?)")
        out.append((name, re.compile("".join(parts) + r"\Z", re.S)))
    return tuple(out)


def note_words(note: str | None, lang: str) -> str:
    """A resolver's note (stored in English, as the resolver writes it) in the catalogue's words; other text as it is."""
    for name, pattern in _note_patterns():
        m = pattern.match(note or "")
        if m:
            values = {k: shown_key(v[1:-1] if v[:1] in "'\"" else v, lang) for k, v in m.groupdict().items()}
            return say(f"note_{name}", lang, **values)
    return note or ""


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold().replace("_", "-").replace(" ", "-")


def names_for(codes: Iterable[str], prefix: str = "") -> dict[str, str]:
    """Every spelling a person may type for each code: the code itself and its label in each language
    (NFKC, any case; `_`, `-` and a space alike), so Japanese staff type what the pages show."""
    out: dict[str, str] = {}
    for code in codes:
        for name in (code, *(label(f"{prefix}{code}", lang) for lang in LANGS)):
            out.setdefault(_fold(name), code)
    return out


def code_for(value: str, codes: Iterable[str], prefix: str = "") -> str | None:
    """The code a typed name stands for, or None."""
    return names_for(codes, prefix).get(_fold(value))
