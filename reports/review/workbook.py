"""`review export`: one row per queued item, with an editable decision cell and a drop-down of valid values
(and a themes sheet: theme_sheet.py).

Row 1 holds the column keys the import reads (hidden), row 2 the labels an editor reads;
cells hold words (該当箇所, 見出し, 今後の参考, 全般), which the import reads back (`words.code_of`).
The drop-downs take their values from a hidden `lists` sheet (one column per revision's
section keys, the dispositions, the topics), so a list of hundreds of keys still fits.
Personal-data findings have a sheet of their own (privacy_sheet.py).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy import select
from sqlalchemy.orm import Session

from guidetrace.comments.privacy.grouped import FindingGroup
from guidetrace.comments.review.queue import ReviewItem
from guidetrace.comments.review.theme_sheet import ThemeItem
from guidetrace.comments.review.workbook_import import COLUMNS, SHEET
from guidetrace.comments.vocabulary import disposition_choices
from guidetrace.trace.models import ConsultationRound, Revision, Section, Topic
from guidetrace.trace.output import neutralise

from ..labels import label, shown_key
from .privacy_sheet import privacy_sheet
from .sheet_layout import finish_sheet
from .theme_sheet import add_theme_sheet
from .words import detail, machine

WIDTHS = {"kind": 14, "opinion": 26, "round": 16, "weight": 7, "field": 10, "machine": 18, "evidence": 12,
          "confidence": 8, "excerpt": 60, "detail": 40, "decision": 18, "note": 30}
EDITABLE = ("decision", "note")


def review_workbook(session: Session, items: Sequence[ReviewItem], lang: str,
                    findings: Sequence[FindingGroup] | None = None, themes: Sequence[ThemeItem] = ()) -> bytes:
    """`findings`: the round's personal-data findings, for the privacy sheet (None: no privacy sheet); `themes`:
    the current suggestions, for the themes sheet."""
    # a suggested topic is decided in the lexicon; personal data on its own sheet, a row per finding
    items = [i for i in items if i.field not in ("topic", "privacy")]
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append(list(COLUMNS))
    sheet.row_dimensions[1].hidden = True
    sheet.append([label(f"review_{c}", lang) for c in COLUMNS])
    for cell in sheet[2]:
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor="DDDDDD")
    lists, ranges = _lists(book, session, lang)
    revision_of = dict(session.execute(select(ConsultationRound.key, Revision.key).join(Revision)).all())
    validations: dict[str, DataValidation] = {}
    decision_col = get_column_letter(COLUMNS.index("decision") + 1)
    for n, item in enumerate(items, start=3):
        values = {"kind": label(f"queue_{item.kind}", lang), "opinion": item.opinion, "round": item.round,
                  "weight": item.weight, "field": label(f"field_{item.field}", lang), "machine": machine(item, lang),
                  "evidence": label(f"ev_{item.evidence}", lang) if item.evidence else "",
                  "confidence": item.confidence, "excerpt": item.excerpt, "detail": detail(item, lang),
                  "decision": None, "note": None}
        sheet.append([neutralise(v) if isinstance(v, str) else v for v in (values[c] for c in COLUMNS)])
        source = ranges["dispositions"] if item.field == "disposition" else ranges.get(f"rev:{revision_of.get(item.round)}")
        if source:
            if source not in validations:
                validations[source] = DataValidation(type="list", formula1=source, allow_blank=True,
                                                     showErrorMessage=True)
                sheet.add_data_validation(validations[source])
            validations[source].add(f"{decision_col}{n}")
    finish_sheet(sheet, COLUMNS, WIDTHS, EDITABLE)
    if findings is not None:
        privacy_sheet(book, findings, lang)
    add_theme_sheet(book, themes, lang, ranges.get("topics"))
    book.move_sheet("lists", offset=len(book.sheetnames) - 1 - book.sheetnames.index("lists"))  # the hidden lists last
    lists.sheet_state = "hidden"
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _lists(book: Workbook, session: Session, lang: str) -> tuple[Any, dict[str, str]]:
    sheet = book.create_sheet("lists")
    columns: list[tuple[str, list[str]]] = [("dispositions", [label(d, lang) for d in disposition_choices()]),
                                            ("topics", list(session.scalars(select(Topic.key).order_by(Topic.key))))]
    none = label("no_section_choice", lang)
    for rid, rkey in session.execute(select(Revision.id, Revision.key).order_by(Revision.id)):
        keys = list(session.scalars(select(Section.key).where(Section.revision_id == rid).order_by(Section.position)))
        columns.append((f"rev:{rkey}", [none, *(shown_key(k, lang) for k in keys)]))
    ranges = {}
    for i, (name, values) in enumerate(columns, start=1):
        col = get_column_letter(i)
        sheet.cell(row=1, column=i, value=name)
        for n, v in enumerate(values, start=2):
            sheet.cell(row=n, column=i, value=v)
        ranges[name] = f"lists!${col}$2:${col}${max(len(values) + 1, 2)}"
    return sheet, ranges
