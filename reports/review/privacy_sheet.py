"""The review workbook's privacy sheet: one row per finding, with its sentence, decided mask or keep.

A campaign's copies of one finding are one row (`copies` says how many), decided once. Every
finding of the round is listed, pending first, with its state, so a decision can be changed as
well as made. Cells hold words (意見, ［電話番号］, マスク); the import reads them back as codes
(`words.code_of`) and records `mask`/`keep` decisions, which re-attach after a reload as any
decision does.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from guidetrace.comments.privacy.grouped import FindingGroup
from guidetrace.comments.privacy.store_findings import KEEP, MASK
from guidetrace.comments.review.workbook_import import PRIVACY_COLUMNS, PRIVACY_SHEET, exact_cell
from guidetrace.trace.output import neutralise

from ..labels import label
from .sheet_layout import finish_sheet
from .words import finding_field, finding_kind

WIDTHS = {"opinion": 26, "round": 16, "copies": 8, "field": 10, "kind": 16, "text": 24, "context": 60,
          "confidence": 8, "state": 10, "decision": 18, "note": 30}
EDITABLE = ("decision", "note")


def privacy_sheet(book: Workbook, groups: Sequence[FindingGroup], lang: str) -> None:
    sheet = book.create_sheet(PRIVACY_SHEET)
    sheet.append(list(PRIVACY_COLUMNS))
    sheet.row_dimensions[1].hidden = True  # the keys the import reads
    sheet.append([label(f"privacy_{c}", lang) for c in PRIVACY_COLUMNS])
    for cell in sheet[2]:
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor="DDDDDD")
    choices = [label(f"action_{a}", lang) for a in (MASK, KEEP)]
    check = DataValidation(type="list", formula1=f'"{",".join(choices)}"', allow_blank=True, showErrorMessage=True)
    sheet.add_data_validation(check)
    decision_col = get_column_letter(PRIVACY_COLUMNS.index("decision") + 1)
    for n, g in enumerate(groups, start=3):
        values = {"opinion": g.opinion, "round": g.round, "copies": g.copies, "field": finding_field(g.field, lang),
                  "kind": finding_kind(g.kind, lang), "text": g.text, "context": g.context, "confidence": g.confidence,
                  "state": label(f"finding_{g.state}", lang), "decision": None, "note": None}
        row = [neutralise(v) if isinstance(v, str) else v for v in (values[c] for c in PRIVACY_COLUMNS)]
        row[PRIVACY_COLUMNS.index("text")] = exact_cell(g.text)
        sheet.append(row)
        check.add(f"{decision_col}{n}")
    finish_sheet(sheet, PRIVACY_COLUMNS, WIDTHS, EDITABLE)
