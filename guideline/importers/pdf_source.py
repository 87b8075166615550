"""Headings of a guideline PDF: from its outline (bookmarks) when it has one, else from its
table of contents (entries ending in page numbers) found again in the body, else from
numbered lines in the body (inferred). Pages are the PDF's own page numbers, so a
document with an outline and the same document printed without one agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from guidetrace.trace.errors import GuidetraceError

from ..keys import normalize_text
from .headings import TOC_LINE, Heading, parse_heading

_PAGE_NUMBER = re.compile(r"^[-–—\s]*\d{1,4}[-–—\s]*$|^\d+\s*/\s*\d+$")
TOC_SEARCH_PAGES = 10


@dataclass(frozen=True)
class Line:
    page: int
    text: str


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", normalize_text(text))


def _open(path: Path):  # type: ignore[no-untyped-def]
    from guidetrace.comments.readers.pdf_tables import open_pdf

    return open_pdf(path)


def pdf_headings(path: Path) -> list[Heading]:
    pdf = _open(path)
    try:
        page_of = {p.page_obj.pageid: i + 1 for i, p in enumerate(pdf.pages)}
        outline = _outline(pdf, page_of)
        lines: list[Line] = []
        for page in pdf.pages:
            for line in page.extract_text_lines(return_chars=False):
                text = line["text"].strip()
                if text and not _PAGE_NUMBER.match(text):
                    lines.append(Line(page.page_number, text))
            page.close()
    finally:
        pdf.close()
    if not lines:
        raise GuidetraceError("the PDF has no text layer (a scan?): OCR is out of scope", file=str(path))
    if outline:
        return _locate(outline, lines, skip_pages=set())
    toc, toc_pages = _table_of_contents(lines)
    if toc:
        return _locate(toc, lines, skip_pages=toc_pages)
    return _numbered_lines(lines)


def _outline(pdf, page_of: dict[int, int]) -> list[Heading]:  # type: ignore[no-untyped-def]
    try:
        entries = list(pdf.doc.get_outlines())
    except Exception:  # pdfminer raises PDFNoOutlines, or fails on a broken outline: read the contents instead
        return []
    out = []
    for level, title, dest, action, _se in entries:
        target = dest if dest is not None else (action.resolve().get("D") if action is not None else None)
        page = None
        try:
            target = target.resolve() if hasattr(target, "resolve") else target
            if isinstance(target, dict):
                target = target.get("D")
            if isinstance(target, (list, tuple)) and target:
                page = page_of.get(getattr(target[0], "objid", None))
        except Exception:
            page = None
        if title and title.strip():
            out.append(Heading(text=normalize_text(title), level=int(level), page=page, trusted=True))
    return out


def _table_of_contents(lines: list[Line]) -> tuple[list[Heading], set[int]]:
    entries: list[Heading] = []
    pages: set[int] = set()
    for line in lines:
        if line.page > TOC_SEARCH_PAGES:
            break
        m = TOC_LINE.match(normalize_text(line.text))
        if m and not re.fullmatch(r"[\d.\s]+", m.group("title")):
            entries.append(Heading(text=m.group("title").strip(), trusted=True))
            pages.add(line.page)
    if len(entries) < 3:
        return [], set()
    return entries, pages


def _locate(entries: list[Heading], lines: list[Line], *, skip_pages: set[int]) -> list[Heading]:
    """Finds each entry's heading line in the body, in order: its page, and the text up to the next heading."""
    body = [(i, line) for i, line in enumerate(lines) if line.page not in skip_pages]
    found: list[tuple[Heading, int | None]] = []
    cursor = 0
    for entry in entries:
        want = _compact(entry.text)
        hit = None
        for j in range(cursor, len(body)):
            _, line = body[j]
            if entry.page and line.page < entry.page:
                continue
            have = _compact(line.text)
            if have and (have == want or (want.startswith(have) and len(have) >= 4) or have.startswith(want)):
                hit = j
                break
        if hit is not None:
            cursor = hit + 1
        found.append((entry, hit))
    out = []
    positions = [h for _, h in found if h is not None]
    for entry, hit in found:
        if hit is None:
            out.append(Heading(entry.text, entry.level, entry.page, None, inferred=True, trusted=True))
            continue
        following = next((p for p in positions if p > hit), len(body))
        text = "\n".join(line.text for _, line in body[hit + 1:following])
        page = body[hit][1].page
        out.append(Heading(entry.text, entry.level, page, _body(text, entry.text), trusted=True))
    return out


def _body(text: str, heading: str) -> str | None:
    """The text under a heading, without the rest of a heading that wrapped onto the next line;
    lines wrapped by the page width are joined as printed."""
    from guidetrace.comments.readers.pdf_tables import join_wrapped

    rest = _compact(heading)
    lines = text.split("\n")
    while lines and _compact(lines[0]) and rest.endswith(_compact(lines[0])):
        lines.pop(0)
    return join_wrapped("\n".join(lines)).strip() or None


def _numbered_lines(lines: list[Line]) -> list[Heading]:
    """No outline, no contents: numbered lines that read like headings, every one inferred."""
    out: list[Heading] = []
    for line in lines:
        text = normalize_text(line.text)
        if len(text) <= 60 and not re.search(r"[。．]$", text) and parse_heading(text, []) is not None:
            out.append(Heading(text, None, line.page, None, inferred=True))
    return _locate(out, lines, skip_pages=set()) if out else []
