"""Graphviz SVG -> allow-listed, escaped markup, in one pass over the parsed tree.

Nothing from the SVG reaches a page unescaped: tags and attributes outside the allow-lists
are dropped with everything inside them, links must be relative .html pages of the site,
and every text and attribute value is escaped with markupsafe's entities (what Jinja2's
autoescaping writes). Done once per diagram, not once per page showing it. lxml (already
installed for python-docx) parses in C, with entities never expanded and no network; a
document declaring entities is refused, as defusedxml refuses it.
"""

from __future__ import annotations

import re

from lxml import etree
from markupsafe import Markup

TAGS = frozenset({"svg", "g", "title", "polygon", "polyline", "path", "ellipse", "circle", "rect", "text", "a",
                  "line", "defs", "tspan"})
ATTRIBUTE = re.compile(r"^(?!on)[a-z][a-z0-9:-]*$")
SAFE_LINK = re.compile(r"^[A-Za-z0-9._\-]+\.html(#[A-Za-z0-9._\-]*)?$")
LINK_ATTRS = ("href", "xlink:href")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True,
                          remove_pis=True)


def _local(name: str) -> str:
    if name.startswith("{"):
        uri, local = name[1:].split("}", 1)
        return f"xlink:{local}" if uri.endswith("xlink") else local
    return name


def _kept(name: str) -> str | None:
    """An attribute's name as emitted (xlink:href becomes href), or None for one left out."""
    local = _local(name)
    if not ATTRIBUTE.match(local) or local == "style":
        return None
    return "href" if local in LINK_ATTRS else local


_NAMES: dict[str, str | None] = {}  # attribute names repeat in every diagram: each is decided once
_TAG_NAMES: dict[str, str | None] = {}
_NAMES_KEPT = 256  # Graphviz writes a few dozen names; a document with more is decided name by name
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "'": "&#39;", '"': "&#34;"})  # markupsafe's


_GRAPHVIZ_ID = re.compile(r"(?:n\d+|cluster_\w+)(?:->(?:n\d+|cluster_\w+))?|%\d+")


def _escape(text: str) -> str:
    """markupsafe.escape's characters and entities, as a plain string (no Markup object per value)."""
    return text.translate(_ESCAPES)


def _emit(el: etree._Element, out: list[str]) -> bool:
    """Appends the element's markup; False (nothing appended) for a tag outside the allow-list."""
    if not isinstance(el.tag, str):  # an entity reference left unexpanded
        return False
    tag = _TAG_NAMES.get(el.tag, "")
    if tag == "":
        local = _local(el.tag)
        tag = local if local in TAGS else None
        if len(_TAG_NAMES) < _NAMES_KEPT:
            _TAG_NAMES[el.tag] = tag
    if tag is None:
        return False
    if tag == "title" and _GRAPHVIZ_ID.fullmatch((el.text or "").strip()):
        return False  # Graphviz's own ids (n3, n3->n24, cluster_0) are no tooltip a reader can read
    out.append(f"<{tag}")
    for raw, value in el.attrib.items():
        name = _NAMES.get(raw, "")
        if name == "":
            name = _kept(raw)
            if len(_NAMES) < _NAMES_KEPT:
                _NAMES[raw] = name
        if name is None or (name == "href" and not SAFE_LINK.match(value)):
            continue
        out.append(f' {name}="{_escape(value)}"')
    out.append(f">{_escape(el.text or '')}")
    for child in el:
        if _emit(child, out):
            out.append(_escape(child.tail or ""))
    out.append(f"</{tag}>")
    return True


def safe_svg(data: bytes) -> Markup:
    """The allow-listed markup of a Graphviz SVG document; ValueError for one that is not SVG or declares
    entities."""
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"not an SVG document: {exc}") from None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and next(iter(dtd.iterentities()), None) is not None:
        raise ValueError("an SVG document declaring entities is refused")
    out: list[str] = []
    if not _emit(root, out):
        raise ValueError("not an SVG document")
    return Markup("".join(out))
