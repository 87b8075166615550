"""A review-queue item's cells in words, for `review list` and the review workbook alike.

The queue keeps codes (`citation`, `title`, `noted`) and reasons as data; a person reads
該当箇所, 見出し, 今後の参考, and why a citation is outdated in their language. The workbook's
import reads the words back through `code_of`.
"""

from __future__ import annotations

from collections.abc import Callable

from guidetrace.comments.review.queue import FIELD, ReviewItem
from guidetrace.comments.review.theme_lexicon import THEME_ACTIONS
from guidetrace.comments.vocabulary import disposition_choices

from ..labels import code_for, label, note_words, reason, say, shown_key

FIELDS = tuple(dict.fromkeys(FIELD.values()))


def machine(item: ReviewItem, lang: str) -> str:
    """A disposition in words; a section key as it reads (全般)."""
    return label(item.machine, lang) if item.field == "disposition" else shown_key(item.machine, lang)


def detail(item: ReviewItem, lang: str) -> str:
    """Why an item is queued, in words where the queue keeps it as data."""
    if item.changes:
        return label("list_sep", lang).join(reason(c, lang) for c in item.changes)
    if item.said:
        return say("msg_said", lang, label(item.said, lang))
    return note_words(item.detail, lang)  # the resolver's note, else the text as it is


def code_of(what: str, text: str) -> str:
    """A worded workbook cell back to its code (`what`: field, disposition or theme); other text as it is."""
    if what == "field":
        return code_for(text, FIELDS, "field_") or text
    if what == "theme":
        return code_for(text, THEME_ACTIONS, "theme_") or text
    return code_for(text, disposition_choices()) or text


def theme_choices(lang: str) -> str:
    """The decisions a themes sheet offers, as its drop-down words them (for the error line)."""
    return label("list_sep", lang).join(f"{label('theme_' + a, lang)} ({a})" for a in THEME_ACTIONS)


CodeOf = Callable[[str, str], str]
