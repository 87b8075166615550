"""Result tables in PDF: ruled tables read cell by cell (pdfplumber), page by page.

Each page yields a page marker (`\\f<page>`), then its table rows and the lines of text
between them in reading order, so the table reader sees a PDF as it sees any other
table: headings and front matter as lines, rows as cells. A cell's wrapped lines
are joined as printed (no space at a Japanese wrap, one at a Latin one); a cell
merged from the row above arrives empty and is carried down by the table reader; a
row continued from the previous page arrives with an empty number and is joined to
its opinion there. Pages are closed as soon as they are read, so memory stays bounded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from guidetrace.trace.errors import GuidetraceError

from ..records import CommentDocument, RoundMeta
from .table_stream import Row, stream_table

_WIDE = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef、。「」（）]")
TEXT_SAMPLE_PAGES = 5


def join_wrapped(text: str | None) -> str:
    """Lines wrapped by the cell's width -> one line; a line opening a list item (・, ○, (1)) keeps its break."""
    if not text:
        return ""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    out = lines[0] if lines else ""
    for line in lines[1:]:
        if re.match(r"^(?:[・○●■□◆※【]|\(\d+\)|\d+[.)] )", line):
            out += "\n" + line
        elif _WIDE.match(out[-1]) and _WIDE.match(line[0]):
            out += line
        else:
            out += " " + line
    return out


def open_pdf(path: Path):  # type: ignore[no-untyped-def]
    """pdfplumber's PDF, or one line saying why not (encrypted, corrupt)."""
    import logging

    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # font warnings are not the user's concern

    file = str(path)
    try:
        pdf = pdfplumber.open(path)
        _ = pdf.pages  # the page tree: a broken file fails here
    except Exception as exc:  # pdfminer raises many kinds for a broken or locked file
        name = f"{exc.__class__.__name__}: {exc}"
        causes = " ".join(repr(e) for e in (exc, *exc.args, exc.__cause__, exc.__context__) if e is not None)
        if re.search(r"(?i)password|encrypt", causes):
            raise GuidetraceError("encrypted PDF: it cannot be read without its password", file=file) from None
        raise GuidetraceError(f"not a readable PDF (corrupt or truncated?): {name[:200]}", file=file) from None
    return pdf


def pdf_rows(path: Path) -> Iterator[Row]:
    pdf = open_pdf(path)
    file = str(path)
    number = 0
    seen_text = False
    try:
        for index, page in enumerate(pdf.pages):
            try:
                if not page.chars and index < TEXT_SAMPLE_PAGES:
                    if index == TEXT_SAMPLE_PAGES - 1 or index == len(pdf.pages) - 1:
                        if not seen_text:
                            raise GuidetraceError("the PDF has no text layer (a scan?): OCR is out of scope", file=file)
                    continue
                seen_text = seen_text or bool(page.chars)
                number += 1
                yield number, f"\f{page.page_number}"
                for item in _page_items(page):
                    number += 1
                    yield number, item
            finally:
                page.close()
        if not seen_text:
            raise GuidetraceError("the PDF has no text layer (a scan?): OCR is out of scope", file=file)
    except GuidetraceError:
        raise
    except Exception as exc:
        raise GuidetraceError(f"cannot read page {number}: {exc.__class__.__name__}: {str(exc)[:200]}", file=file) from None
    finally:
        pdf.close()


def _page_items(page) -> list[list[str] | str]:  # type: ignore[no-untyped-def]
    """Table rows and the lines outside tables, top to bottom."""
    tables = page.find_tables()
    items: list[tuple[float, int, list[str] | str]] = []
    boxes = [t.bbox for t in tables]
    for t in tables:
        for row, cells in zip(t.rows, t.extract()):
            items.append((row.bbox[1], len(items), [join_wrapped(c) for c in cells]))

    def outside(obj: dict) -> bool:  # type: ignore[type-arg]
        x, top = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= top <= b[3] for b in boxes)

    for line in page.filter(outside).extract_text_lines(return_chars=False):
        text = line["text"].strip()
        if text:
            items.append((line["top"], len(items), text))
    return [item for _, _, item in sorted(items, key=lambda i: (i[0], i[1]))]


def read_pdf(path: Path, *, columns: str | None = None) -> CommentDocument:
    from ..headers import parse_columns_option

    file = str(path)
    mapping = parse_columns_option(columns, file=file) if columns else None
    document = CommentDocument(file=file, layout="pdf", meta=RoundMeta(), opinions=iter(()))
    document.opinions = stream_table(pdf_rows(path), file=file, mapping=mapping, on_header=document.columns.update,
                                     document=document)
    return document
