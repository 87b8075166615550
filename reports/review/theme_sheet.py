"""The review workbook's themes sheet: one row per current suggestion, a decision and a label or topic to fill in.

Row 1 holds the column keys the import reads (hidden), row 2 the labels an editor reads, as on the
review sheet. The decision cell offers the four decisions in words (採用, 名前を変えて採用, 統合, 却下), read
back by `words.code_of`; the value cell offers the lexicon's topic keys but takes any text, since a
rename types a new label there.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from guidetrace.comments.review.theme_lexicon import THEME_ACTIONS
from guidetrace.comments.review.theme_sheet import THEME_COLUMNS, THEME_SHEET, ThemeItem
from guidetrace.trace.output import neutralise

from ..labels import label
from .sheet_layout import finish_sheet

WIDTHS = {"term": 22, "variants": 26, "opinions": 8, "examples": 70, "decision": 18, "value": 28, "note": 30}
EDITABLE = ("decision", "value", "note")


def add_theme_sheet(book: Workbook, items: Sequence[ThemeItem], lang: str, topics_range: str | None) -> None:
    """`topics_range`: the cells of the workbook's lists sheet that hold the topic keys (the value cell's drop-down)."""
    sheet = book.create_sheet(THEME_SHEET)
    sheet.append(list(THEME_COLUMNS))
    sheet.row_dimensions[1].hidden = True
    sheet.append([label(f"theme_{c}", lang) for c in THEME_COLUMNS])
    for cell in sheet[2]:
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor="DDDDDD")
    sep = label("list_sep", lang)
    for item in items:
        examples = "\n".join(f"{key}：{words}" if lang == "ja" else f"{key}: {words}" for key, words in item.examples)
        values = {"term": item.term, "variants": sep.join(item.variants), "opinions": item.opinions,
                  "examples": examples, "decision": None, "value": None, "note": None}
        sheet.append([neutralise(v) if isinstance(v, str) else v for v in (values[c] for c in THEME_COLUMNS)])
    last = max(sheet.max_row, 3)
    words = ",".join(label(f"theme_{a}", lang) for a in THEME_ACTIONS)
    decisions = DataValidation(type="list", formula1=f'"{words}"', allow_blank=True, showErrorMessage=True)
    sheet.add_data_validation(decisions)
    decisions.add(f"{_column('decision')}3:{_column('decision')}{last}")
    if topics_range:  # a suggestion, not a rule: a rename's label is typed in the same cell
        topics = DataValidation(type="list", formula1=topics_range, allow_blank=True, showErrorMessage=False)
        sheet.add_data_validation(topics)
        topics.add(f"{_column('value')}3:{_column('value')}{last}")
    finish_sheet(sheet, THEME_COLUMNS, WIDTHS, EDITABLE)


def _column(key: str) -> str:
    return get_column_letter(THEME_COLUMNS.index(key) + 1)
