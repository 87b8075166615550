"""Rows to Markdown and XLSX, shared by every report (CSV and cell formatting are the core's).

Spreadsheet cells are neutralised against formula injection as in CSV: a cell that
starts with = + - @ (or a tab or carriage return) gets a leading apostrophe.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any

from guidetrace.trace import output
from guidetrace.trace.output import cell_text, neutralise

__all__ = ["cell_text", "md_cell", "md_code", "neutralise", "to_csv", "to_markdown", "to_table", "to_xlsx", "words"]


def md_cell(value: Any, lang: str = "ja") -> str:
    text = words(value, lang).replace("\\", "\\\\").replace("|", "\\|").replace("&", "&amp;").replace("<", "&lt;")
    return text.replace("\n", "<br>")  # after escaping: the only tag a cell may hold


def to_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str], headers: Sequence[str] | None = None,
           lang: str = "ja") -> str:
    """A CSV whose cells hold words, as a workbook's do: はい, 修正 2 — never true or JSON."""
    return output.to_csv(rows, columns, headers, cell=lambda v: words(v, lang))


def to_table(rows: Sequence[dict[str, Any]], columns: Sequence[str], headers: Sequence[str], lang: str = "ja",
             title: str | None = None) -> str:
    """The terminal's table: labelled headers, cells in words."""
    return output.render(list(rows), "table", columns=columns, headers=headers, title=title,
                         cell=lambda v: words(v, lang))


def md_code(value: Any) -> str:
    """A key in a code span: no backtick can end the span early."""
    return "`" + cell_text(value).replace("`", "'") + "`"


def to_markdown(rows: Sequence[dict[str, Any]], columns: Sequence[str], headers: Sequence[str] | None = None,
                lang: str = "ja") -> str:
    head = headers or columns
    lines = ["| " + " | ".join(md_cell(h, lang) for h in head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(md_cell(row.get(c), lang) for c in columns) + " |" for row in rows]
    return "\n".join(lines) + "\n"


_NOT_IN_TITLES = re.compile(r"[\\/*?:\[\]]")


def sheet_title(name: str, taken: Sequence[str] = ()) -> str:
    """Excel's rules: at most 31 characters, none of \\ / * ? : [ ], not blank, not quoted at either end,
    unique in the book (case-insensitively). A revision key such as `3.0/draft` still names its sheet."""
    title = _NOT_IN_TITLES.sub("_", name).strip("'").strip()[:31] or "sheet"
    candidate, n = title, 2
    while candidate.casefold() in {t.casefold() for t in taken}:
        suffix = f" ({n})"
        candidate, n = title[: 31 - len(suffix)] + suffix, n + 1
    return candidate


def words(value: Any, lang: str = "ja") -> str:
    """A cell as a person reads it, in any format: {"revised": 2} is 修正 2, True is はい, the whole
    guideline's key is 全般 — never JSON or true/false."""
    from .labels import label, shown_key

    if isinstance(value, bool):
        return label("yes" if value else "no", lang)
    if isinstance(value, dict):
        return "、".join(f"{label(str(k), lang)} {words(v, lang)}" for k, v in value.items()) if lang == "ja" else \
            ", ".join(f"{label(str(k), lang)} {words(v, lang)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ("、" if lang == "ja" else ", ").join(words(v, lang) for v in value)
    return shown_key(value, lang) if isinstance(value, str) else cell_text(value)


def to_xlsx(sheets: Sequence[tuple[str, Sequence[str], Sequence[Sequence[Any]], Sequence[int]]], lang: str = "ja") -> bytes:
    """Sheets of (name, headers, rows, column widths): styled header, wrapped text, frozen header row."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    book.remove(book.active)
    header_font, header_fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="305496")
    wrap = Alignment(wrap_text=True, vertical="top")
    for name, headers, rows, widths in sheets:
        sheet = book.create_sheet(title=sheet_title(name, book.sheetnames))
        sheet.append(list(headers))
        for cell in sheet[1]:
            cell.font, cell.fill, cell.alignment = header_font, header_fill, wrap
        for row in rows:
            sheet.append([v if isinstance(v, (int, float)) and not isinstance(v, bool) else neutralise(words(v, lang))
                          for v in row])
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = wrap
        for i, width in enumerate(widths, start=1):
            sheet.column_dimensions[sheet.cell(row=1, column=i).column_letter].width = width
        sheet.freeze_panes = "A2"
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()
