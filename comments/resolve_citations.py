"""Resolving the free text of 該当箇所 (or of an opinion) to sections of one revision's tree.

The text is scanned once into locator tokens (comments/locators.py). A chain of printed steps
(第2部第1章3の(2), 3.1.2(4)) is walked down the tree by its numbering model, each step inside
the one before, and the most specific section reached wins (a name right after a number, an
item printed beside its section); a step the tree lacks leaves the deepest section reached,
with a note, and a proposal for --grow-tree. A place the tree lacks is kept unresolved with its
text. The plain text between tokens is matched against titles (title_places.py); in an
opinion's own text only the place it opens with counts (opinion_places.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from guidetrace.guideline.keys import canonical_key, title_key
from guidetrace.guideline.numbering import PAREN, PART, Reached, Step, read_number

from .locators import Locator, grammar, normalize_lines
from .opinion_places import elsewhere, leading, sentence_end
from .resolution import NOTES, OPENING, TEXT_ORIGIN, Resolution, Unresolved
from .title_places import TitleMatcher
from .tree_index import TreeIndex

EVIDENCE_OF = {"n": "number", "id": "measure", "app": "appendix", "apptab": "appendix", "form": "appendix", "art": "article",
               "tab": "table", "fig": "figure"}
_BARE_CHAPTER = re.compile(r"\d{1,3}\.?")
SCANNED = 50_000  # distinct places' scans remembered per resolver (a load)


class CitationResolver:
    """Compiled once per tree index; `resolve` is then a single pass over the text."""

    def __init__(self, index: TreeIndex):
        self.index = index
        self.scanner = index.scanner()
        self.titles = TitleMatcher(index)
        self.chapter_style = any(re.fullmatch(r"第\d+章", k) for k in index.ids)
        self.scanned: dict[str, tuple[str, tuple[Locator, ...]]] = {}  # see _scanned
        self._pages: set[int] = set()  # the pages the text being resolved names

    def resolve(self, text: str | None, *, origin: str, into: Resolution | None = None) -> Resolution:
        res = into or Resolution()
        if not text or not text.strip():
            return res
        tokens: Sequence[Locator]
        if origin == TEXT_ORIGIN:  # an opinion's own text: long, and seldom seen twice
            norm = normalize_lines(text)
            tokens = self.scanner.scan(norm)
            lead = leading(norm, tokens)
            if lead:  # 「P.12 3.1.2について…」: the place the opinion opens with is its citation, nothing later
                norm, tokens, origin = norm[:sentence_end(norm, lead[-1].end)], lead, OPENING
            else:
                tokens = [t for t in tokens if not elsewhere(norm, t)]
        else:
            norm, tokens = self._scanned(text)
        pages: list[Locator] = []
        gaps: list[str] = []
        last = 0
        in_text = origin in (TEXT_ORIGIN, OPENING)
        self._pages = {p for t in tokens if t.kind == "page" and t.pages for p in range(t.pages[0], t.pages[1] + 1)}
        previous = -1  # the token before this one, when it cited one section
        for i, token in enumerate(tokens):
            gaps.append(norm[last:token.start])
            if not in_text:
                self.titles.match(gaps[-1], res, origin, whole=not tokens)
            last = token.end
            if token.kind == "page":
                pages.append(token)
            elif token.kind != "line" and not (token.kind in ("address", "chain") and self._other_law(norm, token)):
                words = norm[token.end:tokens[i + 1].start if i + 1 < len(tokens) else len(norm)].split("\n", 1)[0]
                before = len(res.cited)
                if token.kind == "chain" or (token.kind == "item" and token.explicit):
                    getattr(self, f"_on_{token.kind}")(token, res, origin, words)
                else:
                    getattr(self, f"_on_{token.kind}")(token, res, origin)
                if len(res.cited) == before + 1 and words:
                    self._named_below(token, words, res, origin)
                added = len(res.cited) == before + 1
                if added and previous == i - 1 and len(res.cited) >= 2 and \
                        not norm[tokens[i - 1].end:token.start].strip(" の"):
                    self._inner_wins(res)  # 第3章 施策の柱2: one place printed as two, the inner one named
                previous = i if added else -1
        gaps.append(norm[last:])
        if not in_text:
            self.titles.match(gaps[-1], res, origin, whole=not tokens)
        elif not res.cited:  # in running text a title is the fallback, never beside a locator
            for gap in gaps:
                self.titles.match(gap, res, origin, whole=False)
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
        return bool(token.address and token.address.startswith("art:") and elsewhere(norm, token))

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
        if found is None and address.startswith("n:"):  # the tree keys it otherwise: walk down by its steps
            steps = read_number(address[2:])[0]
            reached = self.index.numbering.find(steps, absolute=True) if steps else None
            if reached is not None and reached.complete:
                return reached.key
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

    def _on_chain(self, token: Locator, res: Resolution, origin: str, words: str = "") -> None:
        """第2部第1章3の(2): walked down from the top (a part or a chapter opens it) or from the section in
        context, each step inside the one before; a step the tree lacks leaves the deepest section reached,
        with a note and lower confidence, never a section of the same number elsewhere."""
        steps = token.steps
        absolute = steps[0].level == PART or steps[0].unit in (grammar()["hierarchy_suffixes"][0], "第")
        reached = self.index.numbering.find(steps, res.context, absolute=absolute, words=words)
        if reached is not None and reached.ambiguous and self._pages:
            reached = self._by_pages(reached, steps, words) or reached
        if reached is None or (reached.used == 0 and not reached.ambiguous):
            if origin != TEXT_ORIGIN:
                res.unresolved.append(Unresolved(token.text, "number", NOTES["no_section"].format(
                    key=token.text, revision=self.index.revision), origin))
            return
        if reached.complete:
            res.cite(reached.key, "number", token.text, origin)
            return
        if origin == TEXT_ORIGIN:
            return
        missing = "".join(str(s) for s in steps[reached.used:])
        if reached.key != self.index.root:
            res.cite(reached.key, "number", token.text, origin, 0.6, note=NOTES["step_not_in_tree"].format(steps=missing))
        if reached.ambiguous:
            res.unresolved.append(Unresolved(token.text, "number", NOTES["could_be"].format(
                place=token.text, keys=", ".join(reached.ambiguous)), origin))
            return
        # --grow-tree: the section the walk lacks, keyed as its parent's key plus its own number (第1部第2章 + 5)
        above = "" if reached.key == self.index.root else reached.key
        last = steps[-1].level
        res.unresolved.append(Unresolved(
            token.text, "number", NOTES["no_step_under"].format(steps=missing, key=reached.key, revision=self.index.revision),
            origin,
            proposed_key=above + missing, proposed_parent=reached.key,
            proposed_kind="item" if last == PAREN else ("part" if last == PART else "section")))

    def _by_pages(self, reached: Reached, steps: Sequence[Step], words: str) -> Reached | None:
        """第1章1 in a plan whose chapters restart in each part, with the page given beside it: the one
        walk whose section is on that page."""
        numbering, found = self.index.numbering, []
        for option in reached.ambiguous:
            rest = numbering.walk(steps[reached.used + len(numbering.edge[option]):], option, words)
            if rest.complete and any(self._pages & set(self.index.pages.get(k, ()))
                                     for k in self.index.tree.subtree(rest.key)):
                found.append(Reached(rest.key, len(steps), len(steps)))
        return found[0] if len(found) == 1 else None

    def _inner_wins(self, res: Resolution) -> None:
        """Two adjacent tokens that cited a section and one inside it name one place: the inner one."""
        *_, outer, inner = res.cited
        if outer in self.index.ancestors(inner):
            kept = res.cited.pop(outer)
            res.cited[inner].confidence = max(res.cited[inner].confidence, kept.confidence)

    def _named_below(self, token: Locator, words: str, res: Resolution, origin: str) -> None:
        """第3章基本的方針A等: a name right after a number names a section inside it, and the most specific wins."""
        cited = next(reversed(res.cited))
        inner = self.index.numbering.named_below(cited, words)
        if inner is None or inner in res.cited:
            return
        kept = res.cited.pop(cited)
        res.cite(inner, kept.evidence, f"{token.text}{words.strip()}", origin, kept.confidence, note=NOTES["named_inside"])

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

    def _on_item(self, token: Locator, res: Resolution, origin: str, words: str = "") -> None:
        if origin == TEXT_ORIGIN and not token.explicit:
            return
        number = token.number or 0
        context = res.context
        # up from the section in context to the first that has this item (取組の柱3(1)(2): 取組の柱3's (2)),
        # else to the nearest that can hold items at all
        holder = next((c for c in ([context, *self.index.ancestors(context)] if context else [])
                       if (c, number) in self.index.items), None)
        while context is not None and self.index.kinds.get(context) in ("item", "measure", "column"):
            context = self.index.parent.get(context)
        context = holder or context
        if context is None and token.explicit and words.strip():  # (1) and its heading's words: the words decide
            reached = self.index.numbering.find((Step(PAREN, str(number)),), None, words=words)
            if reached is not None and reached.complete:
                res.cite(reached.key, "heading", f"{token.text}{words.strip()}", origin, 0.8,
                         note=NOTES["heading_words"])
                return
        if context is None:
            if not token.explicit and origin != TEXT_ORIGIN:  # `5 見直し`: a chapter number and its title
                self._on_address(Locator("address", token.text, token.start, token.end, address=f"n:{number}"),
                                 res, origin)
            elif token.explicit and origin != TEXT_ORIGIN:
                res.unresolved.append(Unresolved(token.text, "item", NOTES["item_first"], origin))
            return
        key = self.index.items.get((context, number))
        if key is not None and token.steps:  # (2)イ: the sub-item below the item
            below = self.index.numbering.walk(token.steps, key)
            key = below.key if below.complete else key
        if key is not None:
            res.cite(key, "item", token.text, origin)
        elif origin != TEXT_ORIGIN:  # the section it belongs to is known even if the tree lists no items
            if context not in res.cited and context != self.index.root:
                res.cite(context, "item", token.text, origin, 0.6, note=NOTES["item_not_in_tree"].format(number=number))
            reason = NOTES["no_item"].format(context=context, number=number, revision=self.index.revision)
            res.unresolved.append(Unresolved(token.text, "item", reason, origin, proposed_key=f"{context}({number})",
                                             proposed_parent=context, proposed_kind="item"))

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
                                                 NOTES["no_page"].format(revision=self.index.revision, pages=pages), origin))
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
