"""The review workbook's themes sheet: one row per current suggestion out, one theme decision per filled row in.

`review export` writes `theme_items` (the term, its variants, how many opinions hold it, a few
of them around the term); the editor picks accept, rename, merge or reject and, for rename or
merge, types the new label or the topic's key. `review import` reads every filled row first (a
formula, an unknown decision, a missing label or key, one term decided twice differently is
one line naming the sheet, row and column) and then calls, row by row, the function the
command line calls for that action (themes.py), in the import's one transaction.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.models import Comment, ThemeDecision

from ..lexicon_in_force import store_lexicon
from ..suggest_topics import Suggestion
from ..topics_lexicon import fold
from .theme_lexicon import ACCEPT, MERGE, REJECT, RENAME, THEME_ACTIONS
from .themes import Where, accept_theme, merge_theme, name_of, reject_theme, reviewed_suggestions
from .workbook_import import _text

THEME_SHEET = "themes"
THEME_COLUMNS = ("term", "variants", "opinions", "examples", "decision", "value", "note")
THEMES = 30  # the suggestions a workbook offers
AROUND = 30  # characters of an example on either side of the term
_WORD = re.compile(r"[0-9A-Za-zＡ-Ｚａ-ｚ０-９]{2}")
CodeOf = Callable[[str, str], str]  # ("theme", a cell's words) -> the action


@dataclass(frozen=True)
class ThemeItem:
    """One row of the themes sheet."""

    term: str
    variants: tuple[str, ...]
    opinions: int
    examples: tuple[tuple[str, str], ...]  # (opinion id, its words around the term)


@dataclass(frozen=True)
class ThemeRow:
    """One filled row of the themes sheet, read back."""

    term: str
    action: str  # accept | rename | merge | reject
    value: str | None  # rename: the new label; merge: the topic's key
    variants: tuple[str, ...] | None  # as the row lists them (None: the sheet has no variants column)
    note: str | None
    where: Where


def theme_items(session: Session, limit: int = THEMES) -> list[ThemeItem]:
    suggestions = reviewed_suggestions(session, store_lexicon(session), limit=limit)
    keys = sorted({k for s in suggestions for k in s.comments})
    bodies = dict(session.execute(select(Comment.key, Comment.body).where(Comment.key.in_(keys))).all()) if keys else {}
    return [ThemeItem(name_of(s), tuple(v for v in dict.fromkeys((s.term, *s.variants)) if v != name_of(s)),
                      s.opinions, tuple((k, _around(bodies.get(k) or "", s)) for k in s.comments)) for s in suggestions]


def _around(body: str, s: Suggestion) -> str:
    """The opinion's words around the first form of the theme it holds (its start when none is found as written)."""
    text = " ".join(body.split())
    at = next((i for i in (text.find(f) for f in (name_of(s), s.term, *s.variants)) if i >= 0), 0)
    start, end = max(0, at - AROUND), min(len(text), at + 2 * AROUND)
    while 0 < start < at and _WORD.match(text[start - 1: start + 1]):  # never half a word of Latin (NDR, SBOM)
        start -= 1
    while end < len(text) and _WORD.match(text[end - 1: end + 1]):
        end += 1
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def read_theme_sheet(book: Any, path: Path, code_of: CodeOf, choices: str = ", ".join(THEME_ACTIONS)) -> list[ThemeRow]:
    """The filled rows of `book`'s themes sheet (none when it has none); `choices`: the decisions as the drop-down
    words them, for the error line."""
    if THEME_SHEET not in book.sheetnames:
        return []
    sheet = book[THEME_SHEET]
    header = {_text(c.value): c.column for c in sheet[1] if c.value is not None}
    missing = [c for c in ("term", "decision", "value") if c not in header]
    if missing:
        raise GuidetraceError(f"sheet {THEME_SHEET}, row 1: missing column {missing[0]!r} (keep the export's columns)",
                              file=str(path))
    names = {key: _text(sheet.cell(row=2, column=col).value) or key for key, col in header.items()}
    rows: list[ThemeRow] = []
    seen: dict[str, tuple[ThemeRow, str]] = {}  # folded term -> (its row, the cell that decided it)
    for n in range(3, sheet.max_row + 1):
        def cell(key: str, n: int = n) -> Any:
            return sheet.cell(row=n, column=header[key]) if key in header else None

        def where(key: str, n: int = n) -> str:
            c = cell(key)
            return f"{path.name}: sheet {THEME_SHEET}, row {n}, column {c.column_letter} ({names[key]})"

        for key in ("decision", "value", "note"):
            c = cell(key)
            if c is not None and c.data_type == "f":
                raise GuidetraceError(f"{where(key)}: holds a formula ({c.value}); type the value itself")
        decided = _text(cell("decision").value)
        if not decided:
            continue
        action = code_of("theme", decided)
        if action not in THEME_ACTIONS:
            raise GuidetraceError(f"{where('decision')}: expected one of {choices}; got {decided!r}")
        term, value = _text(cell("term").value), _text(cell("value").value)
        if not term:
            raise GuidetraceError(f"{where('term')}: expected the theme's term (keep the export's rows)")
        if action in (RENAME, MERGE) and not value:
            raise GuidetraceError(f"{where('value')}: expected " + (
                "the new label" if action == RENAME else "the key of the topic to merge into (see the drop-down)"))
        if action in (ACCEPT, REJECT) and value and value != term:
            raise GuidetraceError(f"{where('value')}: expected nothing for {decided!r} (pick the rename or merge "
                                  "decision to use a label or topic)")
        variants = None if "variants" not in header else tuple(
            v for v in (x.strip() for x in re.split(r"[、,，\n]", _text(cell("variants").value))) if v)
        note = _text(getattr(cell("note"), "value", None)) or None
        row = ThemeRow(term, action, value if action in (RENAME, MERGE) else None, variants, note,
                       Where(where("term"), where("value")))
        folded = fold(term)
        if folded in seen:
            first, first_cell = seen[folded]
            if (first.action, first.value) != (row.action, row.value):
                raise GuidetraceError(f"{first_cell} and {where('decision')}: the same theme {term!r} decided "
                                      "differently; keep one")
            continue
        seen[folded] = (row, where("decision"))
        rows.append(row)
    return rows


def apply_theme_rows(session: Session, rows: Sequence[ThemeRow], *, by: str | None = None) -> list[ThemeDecision]:
    """Each row through the command line's function for its action (an error rolls the import back whole)."""
    made = []
    for r in rows:
        common: dict[str, Any] = {"variants": r.variants, "by": by, "note": r.note, "where": r.where}
        if r.action in (ACCEPT, RENAME):
            made.append(accept_theme(session, r.term, label=r.value, **common))
        elif r.action == MERGE:
            made.append(merge_theme(session, r.term, r.value or "", **common))
        else:
            made.append(reject_theme(session, r.term, **common))
    return made
