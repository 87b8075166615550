"""`review import`: the edited cells of a review workbook, as decisions — all of them, or none.

Every edited row is read and checked before anything is written: a missing column, a
formula where a value belongs, a value that is not a section, disposition or topic, or one
item (an opinion's citation, or its disposition) decided twice differently is one error
naming the cell (or both cells), and the store is left as it was. The same decision twice
counts once. The export writes words (該当箇所, 今後の参考, 全般); `code_of`, from the catalogue's
owner, reads them back as codes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from guidetrace.guideline.keys import ROOT_KEY, canonical_key
from guidetrace.trace.containers import check_container
from guidetrace.trace.errors import GuidetraceError

from .decisions import DecisionRequest

SHEET = "review"
PRIVACY_SHEET = "privacy"
PRIVACY_COLUMNS = ("opinion", "round", "copies", "field", "kind", "text", "context", "confidence", "state", "decision",
                   "note")
PRIVACY_REQUIRED = ("opinion", "field", "kind", "text", "decision")
COLUMNS = ("kind", "opinion", "round", "weight", "field", "machine", "evidence", "confidence", "excerpt", "detail",
           "decision", "note")
REQUIRED = ("opinion", "field", "machine", "decision")
NO_SECTION = "(none)"
NO_SECTION_FORMS = {NO_SECTION, "（なし）", "なし", "-", "none"}
CodeOf = Callable[[str, str], str]  # (field | disposition, a cell's words) -> the code


def _as_is(_what: str, text: str) -> str:
    return text


def _text(value: object) -> str:
    text = "" if value is None else str(value).strip()
    return text[1:] if text.startswith("'") else text  # the export neutralises = + - @ with an apostrophe


def open_review_workbook(path: Path) -> Any:
    from openpyxl import load_workbook

    check_container(path, "review workbook")
    try:
        return load_workbook(path)  # not read-only: formulas must be seen as formulas
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise GuidetraceError(f"not a readable workbook: {exc.__class__.__name__}", file=str(path)) from None


def read_review_workbook(path: Path, code_of: CodeOf = _as_is, book: Any = None) -> list[DecisionRequest]:
    """The review and privacy sheets' decisions (`book`: the workbook opened already, as the themes sheet reads it
    too)."""
    book = book if book is not None else open_review_workbook(path)
    if SHEET not in book.sheetnames:
        raise GuidetraceError(f"no sheet {SHEET!r} (a workbook written by `guidetrace review export -o FILE`)", file=str(path))
    sheet = book[SHEET]
    header = {_text(c.value): c.column for c in sheet[1] if c.value is not None}
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise GuidetraceError(f"sheet {SHEET}, row 1: missing column {missing[0]!r} (keep the export's columns)",
                              file=str(path))
    requests: list[DecisionRequest] = []
    decided: dict[tuple[str, str, str], tuple[str, str]] = {}  # item -> (cell, decision)
    for row in sheet.iter_rows(min_row=3):
        cells = {key: row[col - 1] if col - 1 < len(row) else None for key, col in header.items()}
        decision, note = cells.get("decision"), cells.get("note")
        for cell in (decision, note):
            if cell is not None and cell.data_type == "f":
                raise GuidetraceError(f"cell {cell.coordinate} holds a formula ({cell.value}); type the value itself",
                                      file=str(path))
        value = _text(decision.value if decision is not None else None)
        if not value:
            continue
        where = f"cell {decision.coordinate}" if decision is not None else f"row {row[0].row}"
        opinion, field, machine = (_text(getattr(cells.get(k), "value", None)) for k in ("opinion", "field", "machine"))
        if not opinion:
            raise GuidetraceError(f"cell {get_column_letter(header['opinion'])}{row[0].row}: no opinion id",
                                  file=str(path))
        text_note = _text(note.value) if note is not None else ""
        item = (opinion, field, machine if field == "citation" else "")  # an opinion has one disposition
        cell = decision.coordinate if decision is not None else where
        if item in decided:  # the same item twice: once is enough, two different decisions are a mistake
            first, earlier = decided[item]
            if earlier != value:
                raise GuidetraceError(f"cells {first} and {cell} decide the same item differently ({opinion} {field}"
                                      f"{' ' + machine if item[2] else ''}: {earlier!r} and {value!r}); keep one",
                                      file=str(path))
            continue
        decided[item] = (cell, value)
        requests += _requests(opinion, field, machine, value, text_note or None, f"{path.name}: {where}", code_of)
    if PRIVACY_SHEET in book.sheetnames:
        requests += _privacy_requests(book[PRIVACY_SHEET], path, code_of)
    return requests


def _privacy_requests(sheet: Any, path: Path, code_of: CodeOf) -> list[DecisionRequest]:
    """The privacy sheet's decided rows: `mask` or `keep` on the finding the row names (field, kind and the text
    found, the value `review set --mask/--keep` takes); a campaign's row decides its every copy."""
    from ..privacy.store_findings import KEEP, MASK, decision_value

    header = {_text(c.value): c.column for c in sheet[1] if c.value is not None}
    missing = [c for c in PRIVACY_REQUIRED if c not in header]
    if missing:
        raise GuidetraceError(f"sheet {PRIVACY_SHEET}, row 1: missing column {missing[0]!r} (keep the export's columns)",
                              file=str(path))
    out: list[DecisionRequest] = []
    decided: dict[tuple[str, str], tuple[str, str]] = {}  # (opinion, finding) -> (cell, decision)
    for row in sheet.iter_rows(min_row=3):
        cells = {key: row[col - 1] if col - 1 < len(row) else None for key, col in header.items()}
        decision, note = cells.get("decision"), cells.get("note")
        for cell in (decision, note):
            if cell is not None and cell.data_type == "f":
                raise GuidetraceError(f"sheet {PRIVACY_SHEET}, cell {cell.coordinate} holds a formula ({cell.value}); "
                                      "type the value itself", file=str(path))
        typed = _text(decision.value if decision is not None else None)
        if not typed or decision is None:
            continue
        where = f"sheet {PRIVACY_SHEET}, cell {decision.coordinate}"
        action = code_of("finding_decision", typed)
        if action not in (MASK, KEEP):
            raise GuidetraceError(f"{where}: {typed!r} is not a decision here (mask or keep: マスク or 公開)",
                                  file=str(path))
        opinion = _text(getattr(cells.get("opinion"), "value", None))
        if not opinion:
            raise GuidetraceError(f"{where}: the row names no opinion", file=str(path))
        field = code_of("finding_field", _text(getattr(cells.get("field"), "value", None)))
        kind = code_of("finding_kind", _text(getattr(cells.get("kind"), "value", None)))
        value = decision_value(field, kind, _unneutralised(getattr(cells.get("text"), "value", None)))
        if (opinion, value) in decided:
            first, earlier = decided[(opinion, value)]
            if earlier != action:
                raise GuidetraceError(f"sheet {PRIVACY_SHEET}, cells {first} and {decision.coordinate} decide the same "
                                      f"finding differently ({opinion} {value}); keep one", file=str(path))
            continue
        decided[(opinion, value)] = (decision.coordinate, action)
        text_note = _text(note.value) if note is not None else ""
        out.append(DecisionRequest(opinion, action, value, text_note or None, f"{path.name}: {where}"))
    return out


def exact_cell(text: str) -> str:
    """A finding's text for its cell, read back exactly by `_unneutralised`: an apostrophe before = + - @ (never a
    formula) and before an apostrophe (so the one added is told from one written)."""
    from guidetrace.trace.output import FORMULA_START

    return "'" + text if text.startswith((*FORMULA_START, "'")) else text


def _unneutralised(value: object) -> str:
    """A finding's text as `exact_cell` wrote it: one leading apostrophe comes off, nothing else (no strip)."""
    text = "" if value is None else str(value)
    return text[1:] if text.startswith("'") else text


def _requests(opinion: str, field: str, machine: str, value: str, note: str | None, origin: str,
              code_of: CodeOf = _as_is) -> list[DecisionRequest]:
    def req(action: str, v: str | None = None) -> DecisionRequest:
        return DecisionRequest(opinion, action, v, note, origin)

    field = code_of("field", field)
    if field == "disposition":
        machine, value = code_of("disposition", machine), code_of("disposition", value)
        return [req("accept")] if value == machine else [req("disposition", value)]
    if field != "citation":
        raise GuidetraceError(f"{origin}: a {field or 'blank'} row cannot take a decision")
    machine, value = (ROOT_KEY if canonical_key(v) == ROOT_KEY else v for v in (machine, value))  # 全般 is general
    if value in NO_SECTION_FORMS:
        return [req("uncite", machine)] if machine else []
    if value == machine:
        return [req("accept")]
    return ([req("uncite", machine)] if machine else []) + [req("cite", value)]
