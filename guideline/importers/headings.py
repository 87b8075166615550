"""Headings as guidelines number them, and the section tree they imply.

Every heading is read by the one numbering model (guideline/numbering.py `read_heading`), the
grammar the citation resolver walks with: 第N部 / 第M章 / 第N節 / 1 / 1.1 / (1) / ① / ア / (ア) /
measure IDs (【体制1-2】, 〔連携1〕, サービス2-6) / 付録A, Appendix B, 別紙1 / C.1 / コラム.

Nesting (`nest`): by the levels the source gives (PDF outline, Word heading styles, HTML h1–h6,
Markdown #); where it gives none, by the printed numbering — a part holds chapters, a chapter
its 節 or its items K, 3.1 holds 3.1.2, and the item forms ((1), ①, ア, (ア), (a)) nest in the
order a document first uses them under a numbered section, a form seen again being a sibling.
A measure heading is a section under the heading above it, even at that heading's own level, and
holds no heading of its own unless an outline level puts one deeper under it. Headings every
document prints without a number (はじめに, おわりに: data/numbering.yaml) stand at the top.

Keys (`chain_key`) come from the heading chain, never from titles:
- a printed number that names a place on its own is the key: 3.1.2, a measure ID (体制1-2),
  an appendix by its canonical key (付録A → Appendix A, 別紙1 → Appendix 1, 別表1 → 別表1),
  C.1 (under Appendix C);
- a number that restarts is its parent's key plus its own: 第1部 → 第1部第2章 → 第1部第2章3 →
  第1部第2章3(4) → 第1部第2章3(4)ア, and in a document of chapters without parts 第2章 → 2,
  its item 3 → 2.3 (two numbers meet at a dot), its (4) → 2.3(4); a bare item under an appendix
  A.1; a dotted number printed twice (restarting per part) is chained too;
- a column is its section's key + /コラムN;
- a heading without a number is keyed by its title when that is at most 20 characters, holds no
  digit and no other heading has it, else by its parent's key + /N (its place among its
  unnumbered siblings);
- a second, different heading that would take a key already taken gets key/2 (a repeat of the
  same heading — a running header, a contents line — is dropped).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..keys import ROOT_KEY, canonical_key, kind_for_key, normalize_text
from ..numbering import APP, NUM, PART, Printed, Step, heading_words, read_heading
from ..records import SectionRecord

TOC_LINE = re.compile(r"^(?P<title>.+?)\s*(?:[.…・‥·\-_]{3,}|\s{2,}|\.{2,})\s*(?P<page>\d{1,4})$")
TITLE_KEY_LIMIT = 20
_BRACKETS = "【〔［["
# Forms with a fixed place in a plan; every other form (items, measures, columns) nests by first use.
_RANKS = {"part": 0, "app": 0, "top": 0, "章": 1, "節": 2, "款": 3}
_KINDS = {"part": "chapter", "章": "chapter", "節": "section", "款": "subsection", "id": "measure", "app": "appendix",
          "column": "column", "(1)": "item", "①": "item", "ア": "item", "(ア)": "item", "(a)": "item"}


@dataclass(frozen=True)
class Heading:
    """A heading found in a source: its text, outline level when known, page and the text under it."""

    text: str
    level: int | None = None
    page: int | None = None
    body: str | None = None
    inferred: bool = False
    trusted: bool = False  # listed in an outline or a table of contents: a heading even without a number


@dataclass(frozen=True)
class Open:
    """A section open above the next heading: its key, the form of its number, its outline level."""

    key: str
    form: str
    level: float | None
    value: str = ""  # the appendix letter of `app` (C for Appendix C), so that C.1 finds it


def rank(form: str) -> int | None:
    if form in _RANKS:
        return _RANKS[form]
    m = re.fullmatch(r"(?:num|app)(\d+)", form)
    return 10 + int(m.group(1)) if m else None


def heading_line(text: str, *, limit: int = 60) -> bool:
    """A line with no outline level that reads as a heading: numbered (or a heading every document
    prints without a number, はじめに), short, no sentence end, and its words not opening with a
    particle (a sentence wrapped after a number: 第2部で述べる…)."""
    norm = normalize_text(text)
    if len(norm) > limit or re.search(r"[。．]$", norm):
        return False
    printed = read_heading(norm)
    words = heading_words()
    if not printed.steps:
        return printed.form == "column" or norm in words["unnumbered_headings"]
    return bool(printed.words) and not printed.words.startswith(words["particles"])


def measure_line(text: str) -> bool:
    """A paragraph that is a measure's heading, its ID in brackets (【体制1-2】推進会議を設置する), as publishers
    print them in boxes; an ID without brackets opening a paragraph may be running text."""
    return normalize_text(text)[:1] in _BRACKETS and heading_line(text, limit=80) and read_heading(text).form == "id"


def left_to_print(listed: Iterable[str], *, contents: bool = False) -> frozenset[str] | None:
    """The forms a listing (an outline, heading styles, a contents page) lists, when it leaves the forms it never
    lists to the printed headings: a contents page always (it stops at some depth), an outline or a set of
    heading styles when it stops above the items (parts, chapters, appendices only). None: it lists them all."""
    forms = frozenset(listed)
    ranked = [rank(f) for f in forms if f not in ("", "column")]
    stops_above_items = bool(ranked) and all(r is not None and r < 10 for r in ranked)
    return forms if contents or stops_above_items else None


def unlisted_heading(text: str, listed: frozenset[str] | None) -> bool:
    """A line or paragraph that is a heading the listing left out: a boxed measure always; a numbered heading of
    a form the listing never lists, when it leaves those to the printed headings (`left_to_print`)."""
    if measure_line(text):
        return True
    if listed is None or not heading_line(text, limit=80):
        return False
    form = read_heading(text).form
    return form not in listed and form not in ("", "column")


def drop_document_title(headings: list[Heading]) -> list[Heading]:
    """A lone unnumbered heading above all others (the document's title) is not a section."""
    levels = [h.level for h in headings if h.level is not None]
    if len(headings) > 1 and levels and headings[0].level == min(levels) and levels.count(min(levels)) == 1 \
            and read_heading(headings[0].text).form == "":
        return headings[1:]
    return headings


def levels_usable(headings: list[Heading], printed: list[Printed]) -> bool:
    """Outline levels are used unless there are none, or all are one level over numbers of several ranks."""
    levels = {h.level for h in headings if h.level is not None}
    ranks = {rank(p.form) for p in printed} - {None}
    return bool(levels) and not (len(levels) == 1 and len(ranks) > 1)


def nest(stack: list[Open], printed: Printed, level: int | None, *, top: bool = False) -> None:
    """Closes the sections of `stack` that the heading does not belong to: what remains on top is its parent."""
    if level is not None:
        while stack and stack[-1].level is not None and stack[-1].level > level:
            stack.pop()
        while stack and stack[-1].level == level:  # the same level: the numbering tells a sibling from a child
            run = [o.form for o in stack if o.level == level]
            if printed.form not in run and beneath(printed.form, stack[-1].form):
                break  # （1） printed at the level of its item K, a measure at its heading's: under it
            if stack.pop().form == printed.form:
                break
        return
    while stack and stack[-1].form == "id" and printed.form != "id":
        stack.pop()  # a measure holds no numbered heading unless an outline level puts one under it
    form = "top" if top else printed.form
    place = rank(form)
    if place is not None:
        while stack and ((r := rank(stack[-1].form)) is None or r >= place):
            stack.pop()
        if form.startswith("app") and stack and stack[-1].form == "app" and stack[-1].value != printed.steps[0].value:
            stack.pop()  # C.1 is not under Appendix B
        return
    for i in range(len(stack) - 1, -1, -1):  # an item form seen again under the same numbered section: a sibling
        if rank(stack[i].form) is not None:
            break
        if stack[i].form == form and form:
            del stack[i:]
            return


def beneath(form: str, above: str) -> bool:
    """Whether a heading of `form` printed at the level of one of `above` belongs under it: a lower rank
    under a higher (1.1 under 第1章), an item or a measure under a number or an item; never under a measure,
    an unnumbered heading or a column, and an unnumbered heading never under anything at its own level."""
    if form in ("", "top", "column") or above in ("", "top", "column", "id"):
        return False
    mine, theirs = rank(form), rank(above)
    if mine is not None and theirs is not None:
        return mine > theirs
    return mine is None


def join(parent: Open | None, own: str) -> str:
    """A key below `parent`: 第1部 + 第2章, 2 + 3 → 2.3, 3.1.2 + (4), Appendix A + 1 → A.1, はじめに + /1."""
    if parent is None:
        return own
    if parent.form in ("", "column", "top"):
        return f"{parent.key}/{own}"
    if parent.form == "app" and parent.value.isalpha() and own[:1].isdigit():
        return f"{parent.value}.{own}"
    return f"{parent.key}.{own}" if parent.key[-1:].isdigit() and own[:1].isdigit() else parent.key + own


def chain_key(printed: Printed, parent: Open | None, printed_twice: Counter[str]) -> str:
    """The key of a numbered heading under `parent` (the scheme is in the module's docstring)."""
    steps, form = printed.steps, printed.form
    last = steps[-1]
    if form == "id":
        return canonical_key(last.value)
    if form == "app":
        return appendix_key(printed.word, last.value)
    if form.startswith("app"):
        return render(steps, form)  # C.1
    own = render(steps, form)
    if steps[0].level == PART or re.match(r"\d+\.\d+\(", own):
        return own  # printed with its whole chain: 第1部第2章, 3.1.2(4)
    if form == "章" and len(steps) == 1 and (parent is None or parent.form in ("", "top")) \
            and printed_twice[own] < 2:
        return last.value  # chapters of a document without parts: 2, as the resolver and older trees key them
    if form in ("章", "節", "款") and len(steps) == 1 and parent is not None \
            and re.fullmatch(r"\d+(?:\.\d+)*", parent.key):
        return join(parent, last.value)  # 第1節 of chapter 2: 2.1
    if form.startswith("num") and printed_twice[own] < 2 and ("." in own or parent is None):
        return own  # a printed number that names its place on its own: 3.1.2
    return join(parent, own)


def render(steps: tuple[Step, ...], form: str) -> str:
    """Steps as a key writes them: 第1部第2章, 3.1.2, (4), ア (bare, as printed), C.1."""
    out = ""
    for i, s in enumerate(steps):
        piece = s.value if s.level == APP or (i == len(steps) - 1 and form == "ア") else str(s)
        dot = (out[-1:].isdigit() and piece[:1].isdigit()) or (s.level == NUM and out[-1:].isupper())  # 3.1, C.1
        out += ("." if dot else "")
        out += piece
    return out


def appendix_key(word: str, value: str) -> str:
    """付録A / 別紙1 / Appendix A → Appendix A, Appendix 1; 別表1 → 別表1; Annex A → Annex A: the canonical
    keys (keys.canonical_key), which `guideline load` would give them anyway."""
    return canonical_key(f"{word.capitalize()} {value}" if word.isascii() else f"{word}{value}")


def kind_of(printed: Printed, key: str) -> str:
    if re.fullmatch(r"\d+(?:\.\d+)*", key):
        return kind_for_key(key)
    if printed.form in _KINDS:
        return _KINDS[printed.form]
    return "section"


def build_tree(headings: list[Heading], *, source: str) -> tuple[SectionRecord, ...]:
    """Sections in document order, nested by level (else by numbering), keyed by the heading chain."""
    headings = drop_document_title(headings)
    printed = [read_heading(h.text) for h in headings]
    levelled = levels_usable(headings, printed)
    top_level = min((h.level for h in headings if h.level is not None), default=1)
    printed_twice = Counter(_printed_number(p) for p in printed if p.steps)
    titles = Counter(p.words for p in printed if not p.steps and p.form == "")
    tops = set(heading_words()["unnumbered_headings"])
    out: list[SectionRecord] = [SectionRecord(key=ROOT_KEY, kind="root", parent=None,
                                              title="全般" if _japanese(headings) else "General")]
    taken: dict[str, str | None] = {ROOT_KEY: None}
    ordinals: Counter[str] = Counter()
    letters: dict[str, str] = {}
    stack: list[Open] = []
    for h, p in zip(headings, printed):
        level = h.level if levelled else None
        top = not p.steps and p.words in tops and level is None
        if not p.steps and p.form != "column" and h.level is None and not h.trusted and not top:
            continue  # body text that only looked like a heading
        trial = list(stack)
        nest(trial, p, level, top=top)
        parent = trial[-1] if trial else None
        parent_key = parent.key if parent else ROOT_KEY
        title: str | None = p.words or None
        if p.form == "column":
            ordinals[f"{parent_key}/コラム"] += 1
            key, title = f"{parent_key}/コラム{ordinals[f'{parent_key}/コラム']}", "コラム：" + p.words
        elif p.steps:
            key = chain_key(p, parent, printed_twice)
        elif len(p.words) <= TITLE_KEY_LIMIT and titles[p.words] == 1 and p.words not in taken \
                and canonical_key(p.words) == p.words and not re.search(r"\d", p.words):
            key = p.words  # not 全般 (the root), nor a number the grammar does not read (第1 総則)
        else:
            ordinals[parent_key] += 1
            key = f"{parent_key}/{ordinals[parent_key]}"
        if key in taken:
            if taken[key] == title:
                continue  # the same heading again (a running header, a contents line): the first one stands
            key = next(f"{key}/{n}" for n in range(2, len(out) + 2) if f"{key}/{n}" not in taken)
        stack = trial
        taken[key] = title
        if p.form == "app":
            letters[p.steps[-1].value] = key
        elif p.form.startswith("app") and parent is None:
            parent_key = letters.get(p.steps[0].value, ROOT_KEY)  # C.1 under Appendix C, whatever the levels
        out.append(SectionRecord(key=key, kind=kind_of(p, key), parent=parent_key, title=title,
                                 pages=(h.page,) if h.page else (), body=h.body or None,
                                 inferred=h.inferred or (not p.steps and p.form != "column"), source=source))
        if not (level is None and not p.steps and not top and p.form != "column"):
            effective = level if level is not None or not levelled else \
                (parent.level + 0.5 if parent and parent.level is not None else top_level)
            if levelled and p.form == "id" and (level is None or (parent is not None and parent.level == level)):
                effective = math.inf  # a boxed measure, or one at its heading's level: the next heading closes it
            stack.append(Open(key, "top" if top else p.form, effective,
                              p.steps[-1].value if p.steps and p.steps[-1].level == APP else ""))
    return tuple(out)


def _printed_number(p: Printed) -> str:
    """What a heading prints as its number (第2章, 3.1, 1), to tell a number printed once from one that restarts."""
    return render(p.steps, p.form) if p.form == "章" or p.form.startswith("num") else ""


def _japanese(headings: list[Heading]) -> bool:
    return any(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", h.text) for h in headings)

