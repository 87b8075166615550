"""Result tables in Word (.docx): paragraphs and tables in document order (python-docx).

A vertically merged cell (`w:vMerge` continue) arrives empty so the table reader
carries the value down with its evidence; a horizontally merged cell is read once.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from guidetrace.trace.containers import check_container
from guidetrace.trace.errors import GuidetraceError

from ..records import CommentDocument
from .table_stream import Row


def _cell_text(tc) -> str:  # type: ignore[no-untyped-def]
    from docx.table import _Cell

    return "\n".join(p.text for p in _Cell(tc, None).paragraphs).strip()  # type: ignore[arg-type]  # no parent needed


def docx_rows(path: Path) -> Iterator[Row]:
    from docx import Document
    from docx.oxml.ns import qn

    file = str(path)
    check_container(path, "Word document")
    try:
        document = Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for a broken package
        raise GuidetraceError(f"not a readable Word document: {exc.__class__.__name__}: {str(exc)[:200]}",
                              file=file) from None
    number = 0
    for block in document.element.body.iterchildren():
        if block.tag == qn("w:p"):
            text = "".join(t.text or "" for t in block.iter(qn("w:t"))).strip()
            if text:
                number += 1
                yield number, text
        elif block.tag == qn("w:tbl"):
            for tr in block.iter(qn("w:tr")):
                cells: list[str] = []
                for tc in tr.iter(qn("w:tc")):
                    pr = tc.tcPr
                    merge = pr.find(qn("w:vMerge")) if pr is not None else None
                    continued = merge is not None and merge.get(qn("w:val")) in (None, "continue")
                    span = pr.find(qn("w:gridSpan")) if pr is not None else None
                    cells.append("" if continued else _cell_text(tc))
                    cells.extend([""] * (int(span.get(qn("w:val"))) - 1 if span is not None else 0))
                number += 1
                yield number, cells


def read_docx(path: Path, *, columns: str | None = None) -> CommentDocument:
    from .table import read_table

    return read_table(docx_rows(path), file=str(path), layout="docx", columns=columns)
