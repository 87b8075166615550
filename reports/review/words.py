"""A review-queue item's cells in words, for `review list` and the review workbook alike.

The queue keeps codes (`citation`, `title`, `noted`) and reasons as data; a person reads
該当箇所, 見出し, 今後の参考, and why a citation is outdated in their language. The workbook's
import reads the words back through `code_of`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import lru_cache

from guidetrace.comments.privacy.masking import mask_kinds, mask_label
from guidetrace.comments.privacy.store_findings import FIELDS as FINDING_FIELD_CODES
from guidetrace.comments.privacy.store_findings import KEEP, MASK
from guidetrace.comments.review.queue import FIELD, ReviewItem
from guidetrace.comments.review.theme_lexicon import THEME_ACTIONS
from guidetrace.comments.vocabulary import disposition_choices

from ..labels import code_for, label, note_words, reason, say, shown_key

FIELDS = tuple(dict.fromkeys(FIELD.values()))
FINDING_FIELDS = {"body": "opinion", "response": "answer"}  # a finding's field -> its catalogue name (field_…)


def machine(item: ReviewItem, lang: str) -> str:
    """A disposition in words; a section key as it reads (全般)."""
    return label(item.machine, lang) if item.field == "disposition" else shown_key(item.machine, lang)


def detail(item: ReviewItem, lang: str) -> str:
    """Why an item is queued, in words where the queue keeps it as data (personal data: its sentence)."""
    if item.kind == "privacy":
        return item.excerpt
    if item.changes:
        return label("list_sep", lang).join(reason(c, lang) for c in item.changes)
    if item.said:
        return say("msg_said", lang, label(item.said, lang))
    return note_words(item.detail, lang)  # the resolver's note, else the text as it is


def finding_field(field: str, lang: str) -> str:
    """The field a finding is in, as the reports name it (body: 意見, response: 考え方)."""
    return label(f"field_{FINDING_FIELDS.get(field, field)}", lang)


def finding_kind(kind: str, lang: str) -> str:
    """A finding's kind, as its mask reads (［電話番号］)."""
    return mask_label(kind, lang)


def code_of(what: str, text: str) -> str:
    """A worded workbook cell back to its code (`what`: field, disposition or theme); other text as it is."""
    if what == "field":
        return code_for(text, FIELDS, "field_") or text
    if what == "finding_field":  # 意見 -> body
        named = code_for(text, [FINDING_FIELDS.get(f, f) for f in FINDING_FIELD_CODES], "field_")
        return next((f for f in FINDING_FIELD_CODES if FINDING_FIELDS.get(f, f) == named), text)
    if what == "finding_kind":  # ［電話番号］ or 電話番号 -> phone
        return _kinds().get(_bare(text), text)
    if what == "finding_decision":  # マスク -> mask
        return code_for(text, (MASK, KEEP), "action_") or text
    if what == "theme":
        return code_for(text, THEME_ACTIONS, "theme_") or text
    return code_for(text, disposition_choices()) or text


def theme_choices(lang: str) -> str:
    """The decisions a themes sheet offers, as its drop-down words them (for the error line)."""
    return label("list_sep", lang).join(f"{label('theme_' + a, lang)} ({a})" for a in THEME_ACTIONS)


def _bare(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().strip("[]［］").strip().casefold()


@lru_cache(maxsize=1)
def _kinds() -> dict[str, str]:
    """A finding's kind by its code or its mask's words in either language."""
    out: dict[str, str] = {}
    for kind in mask_kinds():
        for name in (kind, mask_label(kind, "ja"), mask_label(kind, "en")):
            out.setdefault(_bare(name), kind)
    return out


CodeOf = Callable[[str, str], str]
