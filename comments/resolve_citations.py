"""Resolving the free text of 該当箇所 to sections of one revision's tree.

The text is scanned left to right once, with one compiled pattern per tree. Each
locator (page, appendix, column, measure, dotted number, item number, 全般)
becomes a citation; the plain text between locators is matched against section
titles, which either confirms a citation already made or adds one. What names no
section is returned as unresolved, never dropped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from guidetrace.guideline.keys import canonical_key, circled_to_paren, title_key

from .tree_index import TreeIndex

CONFIDENCE = {"number": 1.0, "measure": 1.0, "appendix": 1.0, "general": 1.0, "item": 0.9,
              "column": 0.9, "title": 0.8, "heading": 0.6, "page": 0.6, "implicit": 0.5}


@dataclass
class Cited:
    section: str
    evidence: str
    confidence: float
    text: str
    origin: str
    position: int


@dataclass(frozen=True)
class Unresolved:
    text: str
    evidence: str
    reason: str
    origin: str
    proposed_key: str | None = None
    proposed_parent: str | None = None
    proposed_kind: str | None = None
    proposed_title: str | None = None


@dataclass
class Resolution:
    cited: dict[str, Cited] = field(default_factory=dict)
    unresolved: list[Unresolved] = field(default_factory=list)
    context: str | None = None

    def cite(self, key: str, evidence: str, text: str, origin: str, confidence: float | None = None) -> None:
        conf = CONFIDENCE[evidence] if confidence is None else confidence
        if key in self.cited:
            self.cited[key].confidence = max(self.cited[key].confidence, conf)
        else:
            self.cited[key] = Cited(key, evidence, conf, text.strip(), origin, len(self.cited))
        self.context = key

    def covers(self, index: TreeIndex, key: str) -> bool:
        return any(index.related(key, c) for c in self.cited)


def normalize_lines(text: str) -> str:
    """NFKC per line, keeping line breaks: a line break ends a locator."""
    lines = (unicodedata.normalize("NFKC", circled_to_paren(line)) for line in text.split("\n"))
    return "\n".join(re.sub(r"[ \t\u3000]+", " ", line).strip() for line in lines)


def _spaced(word: str) -> str:
    return "[ ]?".join(re.escape(ch) for ch in word)


class CitationResolver:
    """Compiled once per tree index; `resolve` is then a single pass over the text."""

    def __init__(self, index: TreeIndex):
        self.index = index
        cats = sorted(index.categories, key=len, reverse=True)
        measure = (
            rf"|(?P<measure>(?P<cat>{'|'.join(_spaced(c) for c in cats)})[ ]?(?P<mnum>\d+(?:[ ]?-[ ]?\d+)*))"
            if cats else ""
        )
        self.pattern = re.compile(
            r"(?P<page>(?<![A-Za-z])[Pp]\.?[ ]?(?P<p1>\d{1,4})(?:[ ]?[-~〜][ ]?(?:[Pp]\.?)?(?P<p2>\d{1,4}))?"
            r"|(?P<p3>\d{1,4})[ ]?(?:ページ|頁))"
            r"|(?P<appendix>(?:【[ ]?)?(?i:appendix|付録|別添|別紙)(?:[ ]?】)?[ ]?(?P<letter>[A-Za-z])(?![A-Za-z]))"
            r"|(?P<column>コラム[ ]?:?[ ]?(?P<coltitle>[^\n]*))"
            + measure
            + r"|(?P<number>(?<![\d.\-])\d{1,2}(?:[ ]?\.[ ]?\d{1,2}){1,4}[ ]?\.?|(?<![\d.\-])\d{1,2}[ ]?\.(?![ ]?\d))"
            r"|(?P<item>\((?P<inum>\d{1,2})\)|(?<![\w.\-])(?P<bnum>\d{1,2})(?=[ ]\D))"
            r"|(?P<general>全般)"
        )

    def resolve(self, text: str | None, *, origin: str, into: Resolution | None = None) -> Resolution:
        res = into or Resolution()
        if not text:
            return res
        norm = normalize_lines(text)
        pages: list[tuple[range, str]] = []
        last = 0
        for m in self.pattern.finditer(norm):
            self._titles(norm[last : m.start()], res, origin)
            last = m.end()
            kind = next(k for k in ("page", "appendix", "column", "measure", "number", "item", "general") if m.group(k))
            getattr(self, f"_on_{kind}")(m, res, origin, pages)
        self._titles(norm[last:], res, origin)
        for span, raw in pages:
            self._on_page_deferred(span, raw, res, origin)
        return res

    # Locators -----------------------------------------------------------------

    def _on_page(self, m: re.Match[str], res: Resolution, origin: str, pages: list[tuple[range, str]]) -> None:
        first = int(m.group("p1") or m.group("p3"))
        last = int(m.group("p2")) if m.group("p2") else first
        if last < first or last - first > 200:
            last = first
        pages.append((range(first, last + 1), m.group(0)))

    def _on_page_deferred(self, span: range, raw: str, res: Resolution, origin: str) -> None:
        """Pages are weak evidence: they confirm what the text names, and cite only when nothing does.

        A range resolves as one locator: trees know only some pages, so a gap inside it is no error.
        """
        holders = list(dict.fromkeys(k for page in span for k in self.index.page_sections(page)))
        if not holders:
            pages = f"page {span.start}" if len(span) == 1 else f"pages {span.start}-{span.stop - 1}"
            res.unresolved.append(Unresolved(raw, "page", f"no section of {self.index.revision} is known to be on {pages}", origin))
            return
        for key in holders:
            if not res.covers(self.index, key):
                res.cite(key, "page", raw, origin)

    def _on_appendix(self, m: re.Match[str], res: Resolution, origin: str, _p: list[tuple[range, str]]) -> None:
        key = f"Appendix {m.group('letter').upper()}"
        self._cite_key(key, "appendix", m.group(0), res, origin, parent="general", kind="appendix")

    def _on_column(self, m: re.Match[str], res: Resolution, origin: str, _p: list[tuple[range, str]]) -> None:
        wanted = title_key("コラム:" + m.group("coltitle"))
        columns = [k for k, kind in self.index.kinds.items() if kind == "column"]
        exact = [k for k in columns if title_key(self.index.titles[k] or "") == wanted]
        prefix = [k for k in columns if title_key(self.index.titles[k] or "") and (
            wanted.startswith(title_key(self.index.titles[k] or "")) or title_key(self.index.titles[k] or "").startswith(wanted))]
        found = exact or prefix
        if res.context:
            found = sorted(found, key=lambda k: not self.index.related(k, res.context or ""))
        if found:
            res.cite(found[0], "column", m.group(0), origin, None if exact else 0.8)
        else:
            res.unresolved.append(Unresolved(m.group(0), "column", "no column with this title", origin,
                                             proposed_parent=res.context, proposed_kind="column",
                                             proposed_title=m.group(0).strip()))

    def _on_measure(self, m: re.Match[str], res: Resolution, origin: str, _p: list[tuple[range, str]]) -> None:
        key = canonical_key(m.group("cat").replace(" ", "") + m.group("mnum").replace(" ", ""))
        parent = res.context if res.context and self.index.kinds.get(res.context) not in ("measure", "item") else None
        self._cite_key(key, "measure", m.group(0), res, origin, parent=parent, kind="measure")

    def _on_number(self, m: re.Match[str], res: Resolution, origin: str, _p: list[tuple[range, str]]) -> None:
        key = canonical_key(m.group(0))
        parent = key.rsplit(".", 1)[0] if "." in key else "general"
        self._cite_key(key, "number", m.group(0), res, origin, parent=parent, kind=None)

    def _on_item(self, m: re.Match[str], res: Resolution, origin: str, _p: list[tuple[range, str]]) -> None:
        number = int(m.group("inum") or m.group("bnum"))
        context = res.context
        while context is not None and self.index.kinds.get(context) in ("item", "measure", "column"):
            context = self.index.parent.get(context)
        if context is None:
            if m.group("inum"):
                res.unresolved.append(Unresolved(m.group(0), "item", "item number with no section before it", origin))
            return
        key = self.index.items.get((context, number))
        if key is not None:
            res.cite(key, "item", m.group(0), origin)
            return
        res.unresolved.append(Unresolved(m.group(0), "item", f"{context} has no item {number} in {self.index.revision}",
                                         origin, proposed_key=f"{context}({number})", proposed_parent=context,
                                         proposed_kind="item"))

    def _on_general(self, m: re.Match[str], res: Resolution, origin: str, _p: list[tuple[range, str]]) -> None:
        res.cite(self.index.root, "general", m.group(0), origin)

    def _cite_key(self, key: str, evidence: str, raw: str, res: Resolution, origin: str,
                  *, parent: str | None, kind: str | None) -> None:
        if key in self.index.ids:
            res.cite(key, evidence, raw, origin)
        else:
            res.unresolved.append(Unresolved(raw.strip(), evidence, f"no section {key!r} in {self.index.revision}",
                                             origin, proposed_key=key, proposed_parent=parent, proposed_kind=kind))

    # Titles -------------------------------------------------------------------

    def _titles(self, gap: str, res: Resolution, origin: str) -> None:
        compact = title_key(gap)
        if len(compact) < 3:
            return
        for tkey in sorted((t for t in self.index.by_title if t in compact), key=len, reverse=True):
            if tkey not in compact:
                continue  # consumed by a longer title
            compact = compact.replace(tkey, "\x00", 1)
            candidates = self.index.by_title[tkey]
            known = [k for k in candidates if res.covers(self.index, k)]
            if known:
                res.context = next((k for k in known if k in res.cited), res.context)
                continue
            near = [k for k in candidates if res.context and self.index.related(k, res.context)]
            chosen = near or candidates
            if len(chosen) == 1:
                res.cite(chosen[0], "title", tkey, origin)
            else:
                res.unresolved.append(Unresolved(tkey, "title", "title shared by " + ", ".join(chosen), origin))
