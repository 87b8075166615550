"""Graphviz SVG -> an allow-listed element tree that templates re-emit with autoescaping.

Nothing from the SVG reaches a page as raw markup: tags and attributes outside the
allow-lists are dropped, links must be relative .html pages of the site, and every
text and attribute value is escaped again by Jinja2 when the `_svg.html` macro turns the
tree into markup: once per diagram (`pages.svg_markup`), not once per page showing it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from defusedxml import ElementTree

TAGS = frozenset({"svg", "g", "title", "polygon", "polyline", "path", "ellipse", "circle", "rect", "text", "a",
                  "line", "defs", "tspan"})
ATTRIBUTE = re.compile(r"^(?!on)[a-z][a-z0-9:-]*$")
SAFE_LINK = re.compile(r"^[A-Za-z0-9._\-]+\.html(#[A-Za-z0-9._\-]*)?$")
LINK_ATTRS = ("href", "xlink:href")


@dataclass(frozen=True)
class SvgElement:
    tag: str
    attrs: tuple[tuple[str, str], ...]
    text: str
    children: tuple["SvgElement", ...]
    tail: str


def _local(name: str) -> str:
    if name.startswith("{"):
        uri, local = name[1:].split("}", 1)
        return f"xlink:{local}" if uri.endswith("xlink") else local
    return name


def _convert(el: object) -> SvgElement | None:
    tag = _local(el.tag)  # type: ignore[attr-defined]
    if tag not in TAGS:
        return None
    attrs = []
    for name, value in el.attrib.items():  # type: ignore[attr-defined]
        name = _local(name)
        if not ATTRIBUTE.match(name) or name == "style":
            continue
        if name in LINK_ATTRS:
            if not SAFE_LINK.match(value):
                continue
            name = "href"
        attrs.append((name, value))
    children = tuple(c for c in (_convert(child) for child in el) if c is not None)  # type: ignore[attr-defined]
    return SvgElement(tag, tuple(attrs), el.text or "", children, el.tail or "")  # type: ignore[attr-defined]


def parse_svg(data: bytes) -> SvgElement:
    root = ElementTree.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    converted = _convert(root)
    if converted is None:
        raise ValueError("not an SVG document")
    return converted

