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
from guidetrace.trace.printed_text import join_words, join_wrapped, radicals

from ..records import CommentDocument
from .table_stream import Row

TEXT_SAMPLE_PAGES = 5


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
    unruled = UnruledTable()
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
                for item in _page_items(page, unruled):
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


def _page_items(page, unruled: UnruledTable) -> list[list[str] | str]:  # type: ignore[no-untyped-def]
    """Table rows and the lines outside tables, top to bottom."""
    tables = page.find_tables()
    if not tables:
        return unruled.read(page)
    items: list[tuple[float, int, list[str] | str]] = []
    boxes = [t.bbox for t in tables]
    for t in tables:
        for row, cells in zip(t.rows, t.extract()):
            items.append((row.bbox[1], len(items), [join_wrapped(c) for c in cells]))

    def outside(obj: dict) -> bool:  # type: ignore[type-arg]
        x, top = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= top <= b[3] for b in boxes)

    for line in page.filter(outside).extract_text_lines(return_chars=False):
        text = radicals(line["text"].strip())
        if text:
            items.append((line["top"], len(items), text))
    return [item for _, _, item in sorted(items, key=lambda i: (i[0], i[1]))]


class UnruledTable:
    """A table printed without rules, read by its header's column positions.

    A line whose words split into cells that name an opinion column (by header
    synonyms) fixes the columns; each later word belongs to the column whose header
    starts left of it; a line with nothing in the first column continues the row above.
    """

    GAP = 6.0  # points between two words that belong to different cells

    def __init__(self) -> None:
        self.starts: list[float] | None = None

    def read(self, page) -> list[list[str] | str]:  # type: ignore[no-untyped-def]
        from ..headers import map_header

        out: list[list[str] | str] = []
        row: list[list[str]] | None = None
        header: list[list[str]] | None = None  # a header whose labels wrap onto a second line
        for words in _lines(page.extract_words(use_text_flow=False, keep_blank_chars=False)):
            if self.starts is None:
                cells = _cells(words, self.GAP)
                texts = [join_words([w["text"] for w in c]) for c in cells]
                if len(cells) > 1 and map_header(texts) is not None:
                    self.starts, header = [c[0]["x0"] - 2 for c in cells], [[t] for t in texts]
                else:
                    out.append(radicals(join_words([w["text"] for w in words])))
                continue
            parts = self._split(words)
            if header is not None:
                if not parts[0]:
                    for cell, p in zip(header, parts):
                        cell.extend(p)
                    continue
                out.append([radicals("".join(c)) for c in header])
                header = None
            if parts[0] or row is None:
                if row is not None:
                    out.append(self._cells_of(row))
                row = [[join_words(p)] if p else [] for p in parts]
            else:
                for cell, p in zip(row, parts):
                    if p:
                        cell.append(join_words(p))
        if header is not None:
            out.append([radicals("".join(c)) for c in header])
        if row is not None:
            out.append(self._cells_of(row))
        return out

    def _split(self, words: list[dict]) -> list[list[str]]:  # type: ignore[type-arg]
        parts: list[list[str]] = [[] for _ in self.starts or ()]
        for w in words:
            column = max((i for i, x in enumerate(self.starts or ()) if x <= w["x0"]), default=0)
            parts[column].append(w["text"])
        return parts

    @staticmethod
    def _cells_of(row: list[list[str]]) -> list[str]:
        return [join_wrapped("\n".join(p)) for p in row]


def _lines(words: list[dict]) -> list[list[dict]]:  # type: ignore[type-arg]
    lines: list[list[dict]] = []  # type: ignore[type-arg]
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - w["top"]) <= 3:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def _cells(words: list[dict], gap: float) -> list[list[dict]]:  # type: ignore[type-arg]
    cells: list[list[dict]] = []  # type: ignore[type-arg]
    for w in words:
        if cells and w["x0"] - cells[-1][-1]["x1"] <= gap:
            cells[-1].append(w)
        else:
            cells.append([w])
    return cells


def read_pdf(path: Path, *, columns: str | None = None) -> CommentDocument:
    from .table import read_table

    return read_table(pdf_rows(path), file=str(path), layout="pdf", columns=columns)
