"""How every sheet of the review workbook looks once its rows are in: one look, written once.

Column widths by column key, the cells a reviewer fills shaded, every cell wrapped and aligned to the
top, the two header rows frozen. The review, privacy and themes sheets differ in their columns only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from openpyxl.styles import Alignment, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

EDITABLE_FILL = "FFF6CC"


def finish_sheet(sheet: Worksheet, columns: Sequence[str], widths: Mapping[str, float],
                 editable: Sequence[str]) -> None:
    for i, c in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = widths[c]
        if c in editable:
            for cell in sheet[get_column_letter(i)][2:]:
                cell.fill = PatternFill("solid", fgColor=EDITABLE_FILL)
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A3"
