"""Resolving the free text of 該当箇所 (or of an opinion) to sections of one revision's tree.

The text is scanned once into locator tokens (comments/locators.py); each becomes
a citation when the tree has its address, or an unresolved entry with its text
when it does not. The plain text between tokens is matched against section titles,
which either confirms a citation already made or, for a distinctive title, adds
one at lower confidence. In an opinion's own text (no 該当箇所 given) only
what is unmistakably a locator counts, and bare numbers cite only what exists.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from guidetrace.guideline.keys import canonical_key, title_key

from .locators import Locator, normalize_lines
from .tree_index import TreeIndex

CONFIDENCE = {"number": 1.0, "measure": 1.0, "appendix": 1.0, "article": 1.0, "table": 0.9, "figure": 0.9,
              "general": 1.0, "item": 0.9, "column": 0.9, "title": 0.7, "heading": 0.6, "page": 0.6, "implicit": 0.5}
TEXT_ORIGIN = "opinion-text"
TEXT_FACTOR = 0.6  # a locator found in the opinion rather than in its 該当箇所
EVIDENCE_OF = {"n": "number", "id": "measure", "app": "appendix", "apptab": "appendix", "art": "article",
               "tab": "table", "fig": "figure"}
OTHER_LAW = re.compile(r"(?:法|法律|令|規則|規程|条例|条約|要綱|指針|基準)[ ]?$")
TITLE_ALONE = "by title alone"
# Why a place was not resolved (or resolved weakly), as stored with the citation: a report words each in its
# language by the same name (reports/labels.py: note_words); keep a template's fields when changing its words.
NOTES = {"no_section": "no section {key!r} in {revision}", "no_context": "no section in context to count from",
         "item_first": "item number with no section before it", "item_not_in_tree": "item {number} is not in the tree",
         "no_item": "{context} has no item {number} in {revision}",
         "no_page": "no section of {revision} is known to be on {pages}", "no_column": "no column with this title",
         "quoted_title": "quoted title", "title_alone": TITLE_ALONE, "title_shared": "title shared by {keys}",
         "no_location": "names no section of {revision}"}
_BARE_CHAPTER = re.compile(r"\d{1,3}\.?")
_NON_WORD = re.compile(r"[^\w]+")
SCANNED = 50_000  # distinct places' scans remembered per resolver (a load)


@dataclass
class Cited:
    section: str
    evidence: str
    confidence: float
    text: str
    origin: str
    position: int
    note: str | None = None

    def copy(self) -> Cited:
        """A copy to change (a remembered resolution is copied per opinion; dataclasses.replace costs 5x)."""
        return Cited(self.section, self.evidence, self.confidence, self.text, self.origin, self.position, self.note)


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

    def cite(self, key: str, evidence: str, text: str, origin: str, confidence: float | None = None,
             note: str | None = None) -> None:
        conf = CONFIDENCE.get(evidence, 0.8) if confidence is None else confidence
        if origin == TEXT_ORIGIN:
            evidence, note, conf = TEXT_ORIGIN, note or evidence, round(conf * TEXT_FACTOR, 2)
        if key in self.cited:
            self.cited[key].confidence = max(self.cited[key].confidence, conf)
        else:
            self.cited[key] = Cited(key, evidence, conf, text.strip(), origin, len(self.cited), note)
        self.context = key

    def covers(self, index: TreeIndex, key: str) -> bool:
        return any(index.related(key, c) for c in self.cited)


class CitationResolver:
    """Compiled once per tree index; `resolve` is then a single pass over the text."""

    def __init__(self, index: TreeIndex):
        self.index = index
        self.scanner = index.scanner()
        self.chapter_style = any(re.fullmatch(r"第\d+章", k) for k in index.ids)
        self.scanned: dict[str, tuple[str, tuple[Locator, ...]]] = {}  # see _scanned

    def resolve(self, text: str | None, *, origin: str, into: Resolution | None = None) -> Resolution:
        res = into or Resolution()
        if not text or not text.strip():
            return res
        tokens: Sequence[Locator]
        if origin == TEXT_ORIGIN:  # an opinion's own text: long, and seldom seen twice
            norm = normalize_lines(text)
            tokens = self.scanner.scan(norm)
        else:
            norm, tokens = self._scanned(text)
        pages: list[Locator] = []
        gaps: list[str] = []
        last = 0
        for token in tokens:
            gaps.append(norm[last:token.start])
            if origin != TEXT_ORIGIN:
                self._titles(gaps[-1], res, origin, whole=not tokens)
            last = token.end
            if token.kind == "page":
                pages.append(token)
            elif token.kind != "line" and not (token.kind == "address" and self._other_law(norm, token)):
                getattr(self, f"_on_{token.kind}")(token, res, origin)
        gaps.append(norm[last:])
        if origin != TEXT_ORIGIN:
            self._titles(gaps[-1], res, origin, whole=not tokens)
        elif not res.cited:  # in running text a title is the fallback, never beside a locator
            for gap in gaps:
                self._titles(gap, res, origin, whole=False)
        named = any(c.origin == origin for c in res.cited.values())
        for token in pages:
            self._on_page(token, res, origin, confirm_only=named)
        return res

    def _scanned(self, text: str) -> tuple[str, tuple[Locator, ...]]:
        """A place's folded text and its tokens, bare chapter numbers included. Places recur (a ministry's
        ○該当箇所 names one of a few thousand), so each distinct text is scanned once per load, up to
        SCANNED of them (frozen tokens in a tuple: shared, never changed)."""
        found = self.scanned.get(text)
        if found is None:
            norm = normalize_lines(text)
            tokens = self.scanner.scan(norm)
            found = norm, tuple(sorted(tokens + self._bare_chapters(norm, tokens), key=lambda t: t.start))
            if len(self.scanned) < SCANNED:
                self.scanned[text] = found
        return found

    @staticmethod
    def _bare_chapters(norm: str, tokens: list[Locator]) -> list[Locator]:
        """A line of a 該当箇所 holding only `3` (or `3.`) names chapter 3."""
        out, start = [], 0
        for line in norm.split("\n"):
            if _BARE_CHAPTER.fullmatch(line) and not any(t.start <= start < t.end for t in tokens):
                out.append(Locator("address", line, start, start + len(line), address="n:" + line.strip(".")))
            start += len(line) + 1
        return out

    @staticmethod
    def _other_law(norm: str, token: Locator) -> bool:
        """`個人情報保護法第2条` names another law's article, not one of this guideline."""
        return bool(token.address and token.address.startswith("art:") and OTHER_LAW.search(norm[:token.start]))

    # Locators -----------------------------------------------------------------

    def _on_address(self, token: Locator, res: Resolution, origin: str) -> None:
        address = token.address or ""
        kind = address.split(":", 1)[0]
        evidence = EVIDENCE_OF.get(kind, "number")
        if origin == TEXT_ORIGIN and kind == "n" and not token.explicit and "." not in address:
            return  # "see item 3." in running text is no chapter
        key = self._lookup(address)
        if key is None:
            self._not_found(token, address, res, origin)
            return
        if token.range_to:
            last = self._lookup(token.range_to)
            if last is None:
                res.cite(key, evidence, token.text, origin)
                self._not_found(token, token.range_to, res, origin)
                return
            for member in self.index.span(key, last):
                res.cite(member, evidence, token.text, origin)
            return
        res.cite(key, evidence, token.text, origin)

    def _lookup(self, address: str) -> str | None:
        found = self.index.by_address.get(address)
        # `Clause 5.3.2(a)`: the clause when (a) is not in the tree
        if found is None and address.endswith(")") and "(" in address:
            found = self.index.by_address.get(address[: address.rindex("(")])
        if found is None and address.startswith("n:") and "." not in address:
            found = self.index.by_address.get("art:" + address[2:])  # a bare "5" in a law's 該当箇所
        return found

    def _not_found(self, token: Locator, address: str, res: Resolution, origin: str) -> None:
        if origin == TEXT_ORIGIN and not token.explicit:
            return  # a bare number in running text that the tree does not have: not a locator
        kind, _, value = address.partition(":")
        proposed, parent, pkind = self._proposal(kind, value, res)
        res.unresolved.append(Unresolved(token.text, EVIDENCE_OF.get(kind, "number"),
                                         NOTES["no_section"].format(key=proposed, revision=self.index.revision), origin,
                                         proposed_key=proposed, proposed_parent=parent, proposed_kind=pkind))

    def _proposal(self, kind: str, value: str, res: Resolution) -> tuple[str, str | None, str | None]:
        if kind == "n" and re.fullmatch(r"\d+(?:\.\d+)*", value):
            if self.chapter_style and "." not in value:
                return f"第{value}章", "general", "chapter"
            return value, value.rsplit(".", 1)[0] if "." in value else "general", None
        if kind == "id":
            ctx = res.context if res.context and self.index.kinds.get(res.context) not in ("measure", "item") else None
            return canonical_key(value), ctx, "measure"
        if kind == "art":
            parts = value.split(".")
            names = [f"第{parts[0]}条"] + [f"第{p}{s}" for p, s in zip(parts[1:], ("項", "号"))]
            return "".join(names), "general", "article"
        if kind in ("app", "apptab"):
            return (f"Appendix {value}" if kind == "app" else f"別表{value}"), "general", "appendix"
        return canonical_key(value), "general", None

    def _on_relative(self, token: Locator, res: Resolution, origin: str) -> None:
        """第2節 under the chapter in context; 第2項 / 第1号 under the article in context."""
        prefix = "n:" if (token.relative or "").startswith("n") else "art:"
        depth = int((token.relative or "n1")[-1])
        context = res.context
        while context is not None:
            address = self.index.address.get(context, "")
            if address.startswith(prefix) and address[len(prefix):].count(".") == depth - 1:
                full = f"{address}.{token.address}"
                self._on_address(Locator("address", token.text, token.start, token.end, address=full), res, origin)
                return
            context = self.index.parent.get(context)
        if origin != TEXT_ORIGIN:
            res.unresolved.append(Unresolved(token.text, "number", NOTES["no_context"], origin))

    def _on_item(self, token: Locator, res: Resolution, origin: str) -> None:
        if origin == TEXT_ORIGIN and not token.explicit:
            return
        number = token.number or 0
        context = res.context
        while context is not None and self.index.kinds.get(context) in ("item", "measure", "column"):
            context = self.index.parent.get(context)
        if context is None:
            if not token.explicit and origin != TEXT_ORIGIN:  # `5 見直し`: a chapter number and its title
                self._on_address(Locator("address", token.text, token.start, token.end, address=f"n:{number}"),
                                 res, origin)
            elif token.explicit and origin != TEXT_ORIGIN:
                res.unresolved.append(Unresolved(token.text, "item", NOTES["item_first"], origin))
            return
        key = self.index.items.get((context, number))
        if key is not None:
            res.cite(key, "item", token.text, origin)
        elif origin != TEXT_ORIGIN:  # the section it belongs to is known even if the tree lists no items
            if context not in res.cited and context != self.index.root:
                res.cite(context, "item", token.text, origin, 0.6, note=NOTES["item_not_in_tree"].format(number=number))
            res.unresolved.append(Unresolved(token.text, "item", NOTES["no_item"].format(
                context=context, number=number, revision=self.index.revision),
                                             origin, proposed_key=f"{context}({number})", proposed_parent=context,
                                             proposed_kind="item"))

    def _on_general(self, token: Locator, res: Resolution, origin: str) -> None:
        if origin != TEXT_ORIGIN:
            res.cite(self.index.root, "general", token.text, origin)

    def _on_page(self, token: Locator, res: Resolution, origin: str, *, confirm_only: bool) -> None:
        """Pages are weak evidence: they confirm what the text names, and cite only when nothing does.

        A range resolves as one locator: trees know only some pages, so a gap inside it is no error.
        """
        first, last = token.pages or (0, 0)
        holders = list(dict.fromkeys(k for page in range(first, last + 1) for k in self.index.page_sections(page)))
        if not holders:
            if origin != TEXT_ORIGIN and (self.index.by_page or not confirm_only):
                pages = f"page {first}" if first == last else f"pages {first}-{last}"
                res.unresolved.append(Unresolved(token.text, "page",
                                                 NOTES["no_page"].format(revision=self.index.revision, pages=pages),
                                                 origin))
            return
        for key in [] if confirm_only else holders:
            if not res.covers(self.index, key):
                res.cite(key, "page", token.text, origin)

    def _on_column(self, token: Locator, res: Resolution, origin: str) -> None:
        wanted = title_key("コラム:" + token.text.split("コラム", 1)[1].lstrip(" :"))
        columns = [k for k, kind in self.index.kinds.items() if kind == "column"]
        tkeys = {k: title_key(self.index.titles[k] or "") for k in columns}
        exact = [k for k in columns if tkeys[k] == wanted]
        prefix = [k for k in columns if tkeys[k] and (wanted.startswith(tkeys[k]) or tkeys[k].startswith(wanted))]
        found = exact or prefix
        if res.context:
            found = sorted(found, key=lambda k: not self.index.related(k, res.context or ""))
        if found:
            res.cite(found[0], "column", token.text, origin, None if exact else 0.8)
        elif origin != TEXT_ORIGIN:
            res.unresolved.append(Unresolved(token.text, "column", NOTES["no_column"], origin,
                                             proposed_parent=res.context, proposed_kind="column",
                                             proposed_title=token.text.strip()))

    def _on_quoted(self, token: Locator, res: Resolution, origin: str) -> None:
        """「title」 names a section when it is (the start of) a title; otherwise read what it quotes."""
        wanted = title_key(token.text)
        keys = self.index.by_title.get(wanted) or [
            k for t, ks in self.index.by_title.items() if len(t) >= 4 and wanted.startswith(t) for k in ks]
        keys = list(dict.fromkeys(keys))
        if len(keys) > 1 and res.context:
            keys = [k for k in keys if self.index.related(k, res.context)] or keys
        if len(keys) == 1:
            if not res.covers(self.index, keys[0]):
                res.cite(keys[0], "title", token.text, origin, 0.8, note=NOTES["quoted_title"])
            return
        self.resolve(token.text, origin=origin, into=res)

    # Titles -------------------------------------------------------------------

    def _titles(self, gap: str, res: Resolution, origin: str, *, whole: bool) -> None:
        compact = title_key(gap)
        if len(compact) < 2:
            return
        lowered = " " + _NON_WORD.sub(" ", gap.casefold()) + " "
        for tkey in sorted((t for t in self.index.by_title if t in compact), key=len, reverse=True):
            if tkey not in compact:
                continue  # consumed by a longer title
            info = self.index.title_info[tkey]
            if info.latin and f" {' '.join(info.words)} " not in lowered:
                continue  # a Latin title matches whole words only
            exact = whole and tkey == compact
            compact = compact.replace(tkey, "\x00", 1)
            candidates = self.index.by_title[tkey]
            known = [k for k in candidates if res.covers(self.index, k)]
            if known:
                res.context = next((k for k in known if k in res.cited), res.context)
                continue
            if not (exact and len(candidates) == 1) and not self._distinctive(tkey, origin):
                continue
            near = [k for k in candidates if res.context and self.index.related(k, res.context)]
            chosen = near or candidates
            if len(chosen) == 1:
                res.cite(chosen[0], "title", tkey, origin, 0.8 if exact else None, note=TITLE_ALONE)
            elif origin != TEXT_ORIGIN:
                res.unresolved.append(Unresolved(tkey, "title", NOTES["title_shared"].format(keys=", ".join(chosen)), origin))

    def _distinctive(self, tkey: str, origin: str) -> bool:
        """A phrase, never one generic word: several words in Latin, several characters otherwise."""
        info = self.index.title_info[tkey]
        if info.generic:
            return False
        if info.latin:
            return len(info.words) >= 2
        return len(tkey) >= 5
