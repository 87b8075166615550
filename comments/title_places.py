"""Titles met in a place's text: a confirmation of a locator, or a citation of a distinctive title.

In a 該当箇所 a distinctive title cites at lower confidence (a generic word never does); in an
opinion's running text a heading's words cite only when quoted or named as a place (「責任分界」について,
審査の基準と審査結果の通知の両方について), so クラウドサービスの利用料金 cites nothing.
"""

from __future__ import annotations

import re

from guidetrace.guideline.keys import title_key

from .opinion_places import title_markers
from .resolution import NOTES, TEXT_ORIGIN, TITLE_ALONE, Resolution, Unresolved
from .tree_index import TreeIndex

_LIST_JOIN = re.compile(r"(?:と|及び|および|並びに|、|・|,)")
_FILLER = re.compile(r"^(?:の両方|の双方|など|等)")
_NON_WORD = re.compile(r"[^\w]+")


class TitleMatcher:
    """One per resolver: asks the tree index's titles (and the keys that are names)."""

    def __init__(self, index: TreeIndex):
        self.index = index
        self._longest_first: list[str] | None = None  # the titles, longest first, once asked for

    def _titles_longest_first(self) -> list[str]:
        if self._longest_first is None or len(self._longest_first) != len(self.index.by_title):  # a tree grown since
            self._longest_first = sorted(self.index.by_title, key=len, reverse=True)
        return self._longest_first

    def match(self, gap: str, res: Resolution, origin: str, *, whole: bool) -> None:
        """Titles in the plain text between locators: a confirmation, or a citation of a distinctive title."""
        compact = title_key(gap)
        if len(compact) < 2:
            return
        present = [t for t in self.index.by_title if t in compact]
        if whole and (only := self._named_wholly(compact, present)) is not None:  # 別紙（用語集）: the key and its title
            res.cite(only, "title", gap.strip(), origin, 0.8, note=TITLE_ALONE)
            return
        lowered = " " + _NON_WORD.sub(" ", gap.casefold()) + " "
        for tkey in sorted(present, key=len, reverse=True):
            if tkey not in compact:
                continue  # consumed by a longer title
            info = self.index.title_info[tkey]
            if info.latin and f" {' '.join(info.words)} " not in lowered:
                continue  # a Latin title matches whole words only
            exact = whole and tkey == compact
            named = origin == TEXT_ORIGIN and (info.latin or self._named_as_place(tkey, compact, gap))
            compact = compact.replace(tkey, "\x00", 1)
            candidates = self.index.by_title[tkey]
            known = [k for k in candidates if res.covers(self.index, k)]
            if known:
                res.context = next((k for k in known if k in res.cited), res.context)
                continue
            if origin == TEXT_ORIGIN and not named:
                continue  # a heading's words met in passing (クラウドサービスの利用料金) name no place
            if not (exact and len(candidates) == 1) and not self._distinctive(tkey, origin, named):
                continue
            near = [k for k in candidates if res.context and self.index.related(k, res.context)]
            chosen = near or candidates
            if len(chosen) == 1:
                res.cite(chosen[0], "title", tkey, origin, 0.8 if exact else None, note=TITLE_ALONE)
            elif origin != TEXT_ORIGIN:
                res.unresolved.append(Unresolved(tkey, "title", NOTES["title_shared"].format(keys=", ".join(chosen)),
                                                 origin))

    def _named_wholly(self, compact: str, present: list[str]) -> str | None:
        """The one section whose names (key, title, aliases) make up the whole place, when two or more do."""
        names = [t for t in present if len(self.index.by_title[t]) == 1]
        for key in {self.index.by_title[t][0] for t in names}:
            own = sorted((t for t in names if self.index.by_title[t][0] == key), key=len, reverse=True)
            rest = compact
            for t in own:
                rest = rest.replace(t, "", 1)
            if len(own) >= 2 and not rest:
                return key
        return None

    def _distinctive(self, tkey: str, origin: str, named: bool = False) -> bool:
        """A phrase, never one generic word: several words in Latin, several characters otherwise (fewer
        when the text names it as a place: 「責任分界」について)."""
        info = self.index.title_info[tkey]
        if info.generic:
            return False
        if info.latin:
            return len(info.words) >= 2
        return len(tkey) >= (3 if named else 5)

    def _named_as_place(self, tkey: str, compact: str, gap: str) -> bool:
        """Quoted, or followed by について / の項 / の記載 … (after a list of headings: 審査の基準と審査結果の
        通知の両方について): the words name a heading, not a thing (クラウドサービスの利用料金)."""
        after = compact[compact.index(tkey) + len(tkey):]
        while m := _LIST_JOIN.match(after):
            nxt = "\x00" if after[m.end():].startswith("\x00") else next(  # \x00: a title already read
                (t for t in self._titles_longest_first() if len(t) >= 3
                 and after[m.end():].startswith(t)), None)
            if nxt is None:
                break
            after = after[m.end() + len(nxt):]
        if _FILLER.sub("", after, count=1).startswith(title_markers()):
            return True
        return any(title_key(q).startswith(tkey) for q in re.findall(r"[「『“\"]([^」』”\"]{2,120})[」』”\"]", gap))
