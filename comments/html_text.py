"""Cell HTML from a PDF export -> clean text, one line per paragraph or list item.

Built on the standard library's streaming HTMLParser: it never recurses, so a
deeply nested cell costs no stack, and nothing in the markup is ever executed.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser

from guidetrace.trace.errors import GuidetraceError

from .limits import MAX_HTML_DEPTH

_BLOCK = frozenset({"p", "div", "li", "ul", "ol", "br", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"})
# Tags a PDF export or a ministry's table uses for layout; any other tag is text
# the commenter typed (`<script>` included) and is kept literally.
_INLINE = frozenset({"b", "strong", "i", "em", "u", "s", "span", "sup", "sub", "font", "a", "small", "td", "th",
                     "thead", "tbody", "colgroup", "col"})
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "col", "wbr"})
_LOOKS_LIKE_HTML = re.compile(r"</?[a-zA-Z][^>]*>")
_SPACES = re.compile(r"[ \t\u3000]+")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            self.depth += 1
            if self.depth > MAX_HTML_DEPTH:
                raise GuidetraceError(f"HTML nested more than {MAX_HTML_DEPTH} levels deep in a cell")
        if tag in _BLOCK:
            self.parts.append("\n")
        elif tag not in _INLINE:
            self.parts.append(self.get_starttag_text() or f"<{tag}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.depth -= 1

    def handle_endtag(self, tag: str) -> None:
        self.depth = max(0, self.depth - 1)
        if tag in _BLOCK:
            self.parts.append("\n")
        elif tag not in _INLINE:
            self.parts.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def looks_like_html(text: str) -> bool:
    return bool(_LOOKS_LIKE_HTML.search(text))


def html_to_text(fragment: str) -> str:
    """Lines of text (see `_convert`); short cells are remembered, since a row asks for the same cell
    several times and answers and places repeat across rows (long ones are not: bounded memory)."""
    return _remembered(fragment) if len(fragment) <= REMEMBERED_CHARS else _convert(fragment)


REMEMBERED_CHARS = 2000


@lru_cache(maxsize=4096)
def _remembered(fragment: str) -> str:
    return _convert(fragment)


def _convert(fragment: str) -> str:
    """Lines of text; runs of spaces (the PDF export's layout padding) become one space.

    Layout tags become line breaks or vanish; every other tag stays as literal text,
    so nothing a commenter wrote is lost. The text is never rendered as HTML.
    """
    if not looks_like_html(fragment):
        return _tidy(fragment)
    plain = _layout_only(fragment)
    if plain is not None:
        return _tidy(plain)
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    return _tidy("".join(collector.parts))


_LAYOUT_TAG = re.compile(r'<(/?)([a-z][a-z0-9]*)((?:\s+[a-z-]+="[^"<>&]*")*)\s*(/?)>')


def _layout_only(fragment: str) -> str | None:
    """What `_TextCollector` makes of the usual cell — layout tags with quoted attributes, no entity, no
    other `<` — found by one regex instead of HTMLParser (ten times slower); None for anything else,
    which the parser then reads. A test compares the two on generated fragments."""
    if "&" in fragment:
        return None
    out: list[str] = []
    depth, last = 0, 0
    for m in _LAYOUT_TAG.finditer(fragment):
        text = fragment[last : m.start()]
        closing, tag, attrs, self_closing = m.groups()
        if "<" in text or (tag not in _BLOCK and tag not in _INLINE) or (closing and (attrs or self_closing)):
            return None
        out.append(text)
        if closing:
            depth = max(0, depth - 1)
        elif tag not in _VOID:
            if depth + 1 > MAX_HTML_DEPTH:
                return None  # the parser says so, with its error
            depth += 0 if self_closing else 1
        if tag in _BLOCK:
            out.append("\n")
        last = m.end()
    if "<" in fragment[last:]:
        return None
    out.append(fragment[last:])
    return "".join(out)


def _tidy(text: str) -> str:
    if "\n" not in text:  # most cells are one line
        return _SPACES.sub(" ", text).strip()
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
