"""A tree's numbering: how each level is printed, and places found by walking down the tree.

A guideline numbers its levels in its own way — 第N部 / 第M章 / K / （J）, or 3.1.2(4),
or measure IDs such as サービス2-6 under a numbered section, or named parts such as
基本的方針A. Every section gets an *edge*: the printed steps that lead to it from its
parent (`3.1.2(4)` under `3.1.2` is `(4)`; `第2部第1章` under `第2部` is `第1章`; a
named part has none and is found by its words). A place such as 「第２部第１章３の（２）」
is read into the same steps and resolved by walking down the tree, each step scoped
by the one before, so that an item number that restarts in every chapter is found in
the chapter named, never in the first chapter of the document that has it.

One model for the resolver, `guideline import`, `--grow-tree` and `guideline diff`;
the unit words are data (data/numbering.yaml).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from guidetrace.trace.rules import packaged_yaml

from .keys import ROOT_KEY, circled_to_paren, normalize_text, title_key
from .section_tree import SectionTree

PART, NUM, PAREN, KANA, ID, APP = "part", "num", "paren", "kana", "id", "app"
ROMAN_VALUES = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
_NAME_NUMBER = re.compile(r"(?P<name>[^\d\s()（）.\-/]{2,12}?)(?P<n>\d{1,2})")


@dataclass(frozen=True)
class Step:
    """One printed step of a place: level and value (`num 3` of 第3章 or of 3.1); `unit` as printed (章, 節)."""

    level: str
    value: str
    unit: str = ""

    def same(self, other: Step) -> bool:
        return self.level == other.level and self.value == other.value

    def __str__(self) -> str:
        if self.level == PART:
            return f"第{self.value}{self.unit or '部'}"
        if self.unit:
            return f"第{self.value}" + ("" if self.unit == "第" else self.unit)
        if self.level in (PAREN, KANA):
            return f"({self.value})"
        return self.value


@lru_cache(maxsize=1)
def _words() -> dict[str, object]:
    return dict(packaged_yaml("guidetrace.guideline", "numbering.yaml"))


def _alt(key: str) -> str:
    words = sorted((str(w) for w in _words()[key]), key=len, reverse=True)  # type: ignore[attr-defined]
    return "|".join(map(re.escape, words))


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    kanji = "".join(_words()["kanji_digits"]) + "十"  # type: ignore[arg-type]
    brackets = [str(b) for b in _words()["measure_brackets"]]  # type: ignore[attr-defined]
    opens = "".join(re.escape(b[0]) for b in brackets)
    closes = "".join(re.escape(b[1]) for b in brackets)
    number = rf"(?:\d{{1,3}}|[{kanji}]{{1,4}})"
    units = _alt("hierarchy_units")
    return {
        # Ⅰ, Ⅱ (NFKC: I, II) opening a place: a part, when a number or a separator follows or nothing does
        "roman": re.compile(r"(?P<r>VIII|VII|III|II|IV|IX|VI|V|X|I)(?![A-Za-z])(?=\s?[.\-]?\s?[\d(]|\s?$|[.\s]?[^\x00-\x7f])"),
        "part": re.compile(rf"(?:第\s?(?P<n>{number})|(?P<d>\d{{1,3}})(?=\s?(?:{_alt('part_units')})\s?第?\s?\d))"
                           rf"\s?(?P<u>{_alt('part_units')})"),
        # 第３の１（２）: a 要領's 第N with no unit word, before の or alone
        "unit": re.compile(rf"第\s?(?P<n>{number})\s?(?P<u>{units})|(?P<d>\d{{1,3}})\s?(?P<v>{units})"
                           rf"|第\s?(?P<b>{number})(?=\s?の\s?[\d(]|\s*$)"),
        "measure": re.compile(rf"[{opens}]\s?(?P<id>[^\d\s{opens}{closes}]{{1,12}}?\s?\d+(?:\s?-\s?\d+)*)\s?[{closes}]"),
        "ident": re.compile(r"(?P<id>[^\d\s.()（）:：、。,\[\]【】〔〕「」]{1,12}?\s?\d+(?:\s?-\s?\d+)+)(?![\d.])"),
        "appendix": re.compile(rf"[{opens}]?\s?(?P<w>{_alt('appendix_words')})\s?[{closes}]?\s?"
                               rf"(?P<a>[A-Z](?![A-Za-z])|\d{{1,3}})(?![\d])(?:\s?[{closes}])?", re.I),
        "column": re.compile(rf"(?:{_alt('column_words')})(?:\s?\d+)?(?:\s?:\s?|\s|$)"),
        "letter_dotted": re.compile(r"(?P<a>[A-Z])\.(?P<n>\d{1,2}(?:\.\d{1,2})*)(?![\d])"),
        "dotted": re.compile(r"(?P<n>\d{1,3}(?:\s?[.\-]\s?\d{1,3})*)(?:\s?\.(?!\d)|(?![\d.]|-\s?\d))"),
        "paren": re.compile(r"\(\s?(?P<n>\d{1,2}|[a-z]|[\u30a2-\u30f3])\s?\)"),
        "kana": re.compile(rf"(?P<k>[{''.join(_words()['kana_items'])}])(?=[\s.、．]|$)"),  # type: ignore[arg-type]
        "no": re.compile(r"\s?の\s?"),
    }


def kanji_number(text: str) -> int:
    """`三` 3, `十二` 12, `二十` 20, or digits as they are."""
    if text.isdigit():
        return int(text)
    digits = _words()["kanji_digits"]
    total, current = 0, 0
    for ch in text:
        if ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = int(digits[ch])  # type: ignore[index]
    return total + current


def _clean(text: str) -> str:
    return normalize_text(circled_to_paren(text))


def read_number(text: str, *, heading: bool = False) -> tuple[tuple[Step, ...], str]:
    """The printed numbering `text` opens with, as steps, and the words after it.

    `第2部第1章3の(2) 見出し` → (part 2, num 1 章, num 3, paren 2), `見出し`. With `heading`,
    a bare number counts only when words follow it after a space or a period (`1 はじめに`,
    `2. 範囲`), or an item (`3.1.2(4)`), or when it is dotted and runs into Japanese words (`1.1目的`),
    so that a year or a quantity opening a title is not read as a number.
    """
    norm = _clean(text)
    steps: list[Step] = []
    pos = 0
    p = _patterns()
    while pos < len(norm):
        rest = norm[pos:]
        if steps and (m := p["no"].match(rest) or re.match(r"\s?-\s?(?=[(])", rest)
                      or (steps[-1].level == PART and re.match(r"\s?[.\-]\s?(?=[\d(])", rest))) and pos + m.end() < len(norm):
            pos += m.end()  # 3の(2): の joins two steps
            continue
        if rest[0] == " " and steps:
            lookahead = rest.lstrip(" ")
            bare = steps[-1].unit and not heading and p["dotted"].match(lookahead)  # 第1章 3 (a place, not a heading)
            if lookahead and (bare or any(p[k].match(lookahead) for k in ("paren", "unit", "part"))):
                pos += len(rest) - len(lookahead)
                continue
            break
        found = _one_step(rest, steps, heading=heading)
        if found is None:
            break
        new, length = found
        steps.extend(new)
        pos += length
    return tuple(steps), norm[pos:].strip(" .:：、")


def _one_step(rest: str, before: Sequence[Step], *, heading: bool) -> tuple[list[Step], int] | None:
    p = _patterns()
    if not before and (m := p["roman"].match(rest)):
        return [Step(PART, str(ROMAN_VALUES[m.group("r")]), "部")], m.end()  # Ⅱ is printed for 第2部
    if m := p["part"].match(rest):
        return [Step(PART, str(kanji_number(m.group("n") or m.group("d"))), m.group("u"))], m.end()
    if m := p["unit"].match(rest):
        return [Step(NUM, str(kanji_number(m.group("n") or m.group("d") or m.group("b"))),
                     m.group("u") or m.group("v") or "第")], m.end()
    if m := p["appendix"].match(rest):  # before a measure: 【別紙1】 is an appendix, 【体制1】 a measure
        return [Step(APP, m.group("a").upper().lstrip("0") or "0")], m.end()
    if m := p["measure"].match(rest):
        return [Step(ID, re.sub(r"\s", "", m.group("id")))], m.end()
    if not before and (m := p["letter_dotted"].match(rest)):
        return [Step(APP, m.group("a"))] + [Step(NUM, n) for n in m.group("n").split(".")], m.end()
    if m := p["paren"].match(rest):
        value = m.group("n")
        level = PAREN if value.isdigit() or value.isascii() else KANA
        return [Step(level, str(int(value)) if value.isdigit() else value)], m.end()
    if m := p["dotted"].match(rest):
        after = rest[m.end():]
        joined = after[:1] == "(" or (not after[:1].isascii() and re.search(r"\d\s?[.\-]\s?\d", m.group("n")))
        if heading and not before and not (after[:1] in (" ", "") or rest[m.end() - 1:m.end()] == "." or joined):
            return None
        if after[:1] in ("年", "月", "日", "%", "倍", "件", "頁", ":"):
            return None
        parts = [n.lstrip("0") or "0" for n in re.split(r"\s?[.\-]\s?", m.group("n"))]
        return [Step(NUM, n) for n in parts], m.end()
    if not before and (m := p["ident"].match(rest)):
        return [Step(ID, re.sub(r"\s", "", m.group("id")))], m.end()
    if m := p["kana"].match(rest):
        if heading or before:
            return [Step(KANA, m.group("k"))], m.end()
    return None


@dataclass(frozen=True)
class Printed:
    """A heading as printed: its steps, its words (the title) and the form its last level is printed in.

    Forms: `part` (第N部/編), `章` `節` `款`, `num2` (a dotted number of two levels; `num1` a bare K), `(1)`,
    `①`, `ア`, `(ア)`, `(a)`, `id` (a measure), `app` (付録A), `app1` (C.1 in appendix C), `column`, and ``
    (no number). Where a document gives no outline levels, the form is what tells one level from the next.
    """

    steps: tuple[Step, ...]
    words: str
    form: str
    word: str = ""  # an appendix's word as printed (付録, Annex): its key says which kind it is


def read_heading(text: str) -> Printed:
    """`text` read as a heading: `read_number` with heading rules, and the form of its numbering."""
    norm = _clean(text)
    if (m := _patterns()["column"].match(norm)) and not read_number(norm, heading=True)[0]:
        return Printed((), norm[m.end():].strip(), "column")
    steps, words = read_number(text, heading=True)
    if not steps:
        return Printed((), norm, "")
    last, first = steps[-1], steps[0]
    trailing = len(steps) - next((i + 1 for i in range(len(steps) - 1, -1, -1)
                                  if not (steps[i].level == NUM and not steps[i].unit)), 0)
    form = {PART: "part", ID: "id"}.get(last.level, "")
    if last.level == NUM:
        form = last.unit or (f"app{trailing}" if first.level == APP and trailing == len(steps) - 1 else f"num{trailing}")
    elif last.level == APP:
        form = "app"
    elif last.level == PAREN:
        circled = len(steps) == 1 and re.match(r"\s*[\u2460-\u2473]", text)
        form = "①" if circled else ("(1)" if last.value.isdigit() else "(a)")
    elif last.level == KANA:
        form = "(ア)" if len(steps) == 1 and norm.startswith("(") else "ア"
    word = ""
    if first.level == APP and (m := _patterns()["appendix"].match(norm)):
        word = m.group("w")
    return Printed(steps, words, form, word)


def heading_words() -> dict[str, tuple[str, ...]]:
    """The data file's word lists a heading reader needs: unnumbered headings, particles no title opens with."""
    return {k: tuple(str(w) for w in _words()[k]) for k in ("unnumbered_headings", "particles")}  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Reached:
    """Where a walk ended: the deepest section reached and how many steps it used."""

    key: str
    used: int
    wanted: int
    ambiguous: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        return self.used == self.wanted and not self.ambiguous


class Numbering:
    """Each section's edge (the printed steps from its parent) and walks down the tree by them."""

    def __init__(self, sections: Iterable[tuple[str, str | None, str | None]]):
        self.tree = SectionTree[str](())
        self.edge: dict[str, tuple[Step, ...]] = {}
        self.path: dict[str, tuple[Step, ...]] = {}
        self.depth: dict[str, int] = {}
        self.titles: dict[str, str] = {}
        self.names: dict[str, tuple[str, ...]] = {}  # the words a section is known by: its title, a key that is a name
        self._starting: dict[tuple[str, str], list[str]] = defaultdict(list)
        self._named_number: dict[tuple[str, str], list[str]] = defaultdict(list)  # a name ending in a number
        for key, parent, title in sections:
            self.add(key, parent, title)

    def add(self, key: str, parent: str | None, title: str | None) -> None:
        self.tree.add(key, parent)
        self.depth[key] = self.depth[parent] + 1 if parent in self.depth else 0
        edge = () if parent is None else self._edge_of(key, parent, title)
        self.edge[key] = edge
        self.path[key] = (self.path.get(parent, ()) if parent else ()) + edge
        self.titles[key] = title_key(title or "")
        steps, words = read_number(title or "", heading=True)
        names = [title_key(words) if words else self.titles[key]]
        if not edge and parent is not None:
            names.append(title_key(key))  # 基本的方針B, 施策の柱2: a named part is cited by its key's name
        self.names[key] = tuple(n for n in dict.fromkeys(names) if n)
        if edge:
            self._starting[(edge[0].level, edge[0].value)].append(key)
        elif parent is not None and (m := _NAME_NUMBER.fullmatch(key)):
            self._named_number[(NUM, m.group("n"))].append(key)  # 基本目標2: cited as 第3章2 too

    def _edge_of(self, key: str, parent: str, title: str | None) -> tuple[Step, ...]:
        if parent != ROOT_KEY and key.startswith(parent) and len(key) > len(parent):
            steps, left = read_number(key[len(parent):].lstrip(" ./-"))
            if steps and not left:
                return steps
        steps, left = read_number(key)
        if steps and not left:
            above = self.path.get(parent, ())
            if steps[:len(above)] == above and len(steps) > len(above):
                return steps[len(above):]
            if len(steps) > 1 and all(s.level == NUM for s in steps) and above:
                return steps[-1:]  # 3.1.2 directly under 3 in a partial tree: its own number
            return steps
        if title:
            steps, _ = read_number(title, heading=True)
            if steps:
                above = self.path.get(parent, ())
                return steps[len(above):] if steps[:len(above)] == above and len(steps) > len(above) else steps[-1:]
        return ()

    # Walking ------------------------------------------------------------------

    def below(self, start: str, step: Step) -> list[str]:
        """Sections under `start` whose edge begins with `step`, nearest first (one depth only). A part
        asked of a tree that keys no parts (2.1.3 for 第2部第1章3) is its top-level number."""
        found = [k for k in self._starting.get((step.level, step.value), ()) if k != start and self._under(k, start)]
        if not found and step.level == NUM:
            found = [k for k in self._named_number.get((NUM, step.value), ()) if k != start and self._under(k, start)]
        if not found and step.level == PART and not any(lv == PART for lv, _ in self._starting):
            found = [k for k in self._starting.get((NUM, step.value), ()) if self.depth[k] == 1 and self._under(k, start)]
        if not found:
            return []
        nearest = min(self.depth[k] for k in found)
        found = [k for k in found if self.depth[k] == nearest]
        if len(found) > 1 and step.unit:
            same_unit = [k for k in found if self.edge[k][0].unit == step.unit]
            found = same_unit or found
        return found

    def _under(self, key: str, start: str) -> bool:
        return start == ROOT_KEY or start in self.tree.ancestors(key)

    def walk(self, steps: Sequence[Step], start: str = ROOT_KEY, words: str = "") -> Reached:
        """Down from `start`, each step scoped by the one before; a step several sections answer at
        the same depth is decided by `words` (the heading's words quoted after the number), else it stops."""
        current, used = start, 0
        while used < len(steps):
            options = [k for k in self.below(current, steps[used])
                       if tuple(steps[used:used + len(self.edge[k])]) == self.edge[k]
                       or len(self.edge[k]) == 1]
            if not options:
                break
            if len(options) > 1:
                last = used + 1 == len(steps)
                chosen = self.by_words(options, words) if last and words else None
                if chosen is None:
                    return Reached(current, used, len(steps), tuple(options))
                options = [chosen]
            current = options[0]
            used += len(self.edge[current]) or 1  # a named section found by its number (基本目標2) takes one step
        return Reached(current, min(used, len(steps)), len(steps))

    def find(self, steps: Sequence[Step], context: str | None = None, *, absolute: bool = False,
             words: str = "") -> Reached | None:
        """The walk from the context (then each section above it), or from the top for an absolute place
        (a chapter from the top of the part in context: 第2部 heading the rows, 「第1章1」 is in it);
        the first complete walk wins, else the one that went furthest (None when no step was found)."""
        starts = [ROOT_KEY]
        if absolute and context is not None and context in self.tree and steps and steps[0].level != PART:
            part = next((k for k in [context, *self.tree.ancestors(context)] if self.edge.get(k)
                         and self.edge[k][0].level == PART), None)
            starts = [part, ROOT_KEY] if part else starts
        if context and not absolute and context in self.tree:
            starts = [context, *self.tree.ancestors(context)]
            if ROOT_KEY not in starts:
                starts.append(ROOT_KEY)
        best: Reached | None = None
        for start in starts:
            reached = self.walk(steps, start, words)
            if reached.complete and reached.used:
                return reached
            if reached.used and (best is None or reached.used > best.used):
                best = reached
            if reached.ambiguous and best is None:
                best = reached
        return best

    # Words --------------------------------------------------------------------

    def by_words(self, options: Sequence[str], words: str) -> str | None:
        """The one section whose title the words quote (normalised; fuzzy), when one stands out."""
        wanted = title_key(words)
        if len(wanted) < 2:
            return None
        scored = sorted(((max((similarity(wanted, n) for n in self.names[k]), default=0.0), k) for k in options),
                        reverse=True)
        if not scored or scored[0][0] < 0.6:
            return None
        if len(scored) > 1 and scored[1][0] >= scored[0][0] - 0.1:
            return None
        return scored[0][1]

    def named_below(self, start: str, words: str) -> str | None:
        """A section under `start` that the words right after its number name (第3章基本的方針A等 → 基本的方針A):
        its name opens the words. The nearest such section, when only one is."""
        wanted = title_key(words)
        wanted = wanted[1:] if wanted.startswith("の") else wanted  # 第4章の成果指標
        if len(wanted) < 2:
            return None
        named = {k: max((len(n) for n in self.names.get(k, ()) if len(n) >= 2 and wanted.startswith(n)), default=0)
                 for k in self.tree.subtree(start) if k != start}
        hits = [k for k, length in named.items() if length]
        if not hits:
            return None
        longest = max(named[k] for k in hits)
        hits = [k for k in hits if named[k] == longest]
        nearest = min(self.depth[k] for k in hits)
        hits = [k for k in hits if self.depth[k] == nearest]
        return hits[0] if len(hits) == 1 else None


def similarity(words: str, title: str) -> float:
    """How well quoted words match a title (both title keys): containment counts fully, else difflib's ratio."""
    if not words or not title:
        return 0.0
    if words == title or (len(title) >= 2 and words.startswith(title)) or (len(words) >= 4 and title.startswith(words)):
        return 1.0
    return SequenceMatcher(None, words, title, autojunk=False).ratio()
