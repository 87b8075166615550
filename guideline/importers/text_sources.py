"""Headings of a guideline written in Word (heading styles), Markdown (#) or HTML (h1–h6)."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

from guidetrace.trace.containers import check_container
from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.textfile import read_text

from ..keys import normalize_text
from ..numbering import read_heading
from .headings import TOC_LINE, Heading, heading_line, left_to_print, unlisted_heading

_STYLE_LEVEL = re.compile(r"^(?:Heading|見出し)\s*(\d)$", re.I)


def _with_bodies(items: list[tuple[int | None, str]], unstyled: frozenset[int] = frozenset()) -> list[Heading]:
    """(level, text) for headings and (None, text) for paragraphs -> headings with the text under them.
    A paragraph that is a measure's heading (【体制1-2】…, printed in a box rather than a heading style),
    one listed in `unstyled`, or a numbered one that heading styles stopping above the items leave out
    (only parts and chapters styled), is a heading without a level: the tree nests it by its numbering."""
    listed = left_to_print(read_heading(text).form for level, text in items if level is not None)
    out: list[Heading] = []
    body: list[str] = []
    for i, (level, text) in enumerate(items):
        if level is None and i not in unstyled and not unlisted_heading(text, listed):
            if out:
                body.append(text)
            continue
        if out:
            out[-1] = replace(out[-1], body="\n".join(body).strip() or None)
        body = []
        out.append(Heading(text, level, None, None, trusted=level is not None))
    if out:
        out[-1] = replace(out[-1], body="\n".join(body).strip() or None)
    return out


def docx_headings(path: Path) -> list[Heading]:
    from docx import Document

    check_container(path, "Word document")
    try:
        document = Document(str(path))
    except Exception as exc:
        raise GuidetraceError(f"not a readable Word document: {exc.__class__.__name__}", file=str(path)) from None
    items: list[tuple[int | None, str]] = []
    unstyled: list[int] = []
    for p in document.paragraphs:
        text = normalize_text(p.text)
        if not text:
            continue
        m = _STYLE_LEVEL.match(p.style.name if p.style is not None else "")
        if TOC_LINE.match(text) and not m:
            continue  # a table of contents line (title …… page)
        if m:
            items.append((int(m.group(1)), text))
        elif heading_line(text) and re.match(r"^(第\s*\d+\s*[部編章]|\d+(\.\d+)*\s)", text):
            unstyled.append(len(items))  # numbered, not styled: a heading without a level
            items.append((None, text))
        else:
            items.append((None, text))
    return _with_bodies(items, frozenset(unstyled))


def markdown_headings(path: Path) -> list[Heading]:
    items: list[tuple[int | None, str]] = []
    for line in read_text(path).text.split("\n"):
        m = re.match(r"^(#{1,6})\s+(.+?)\s*#*\s*$", line)
        if m:
            items.append((len(m.group(1)), normalize_text(m.group(2))))
        elif line.strip():
            items.append((None, line.strip()))
    return _with_bodies(items)


class _HtmlHeadings(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[tuple[int | None, str]] = []
        self.level: int | None = None
        self.buffer: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "nav"):
            self.skip += 1
        elif re.fullmatch(r"h[1-6]", tag) or tag in ("p", "li", "td", "div", "br"):
            self._flush()
            self.level = int(tag[1]) if tag.startswith("h") and len(tag) == 2 else None

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "nav"):
            self.skip = max(0, self.skip - 1)
        elif re.fullmatch(r"h[1-6]", tag) or tag in ("p", "li", "td", "div"):
            self._flush()
            self.level = None

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.buffer.append(data)

    def _flush(self) -> None:
        text = normalize_text("".join(self.buffer))
        if text:
            self.items.append((self.level, text))
        self.buffer = []


def html_headings(path: Path) -> list[Heading]:
    parser = _HtmlHeadings()
    parser.feed(read_text(path).text)
    parser.close()
    parser._flush()
    return _with_bodies(parser.items)
