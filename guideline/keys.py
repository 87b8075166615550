"""Canonical section keys and Japanese text normalisation.

Every place that compares a section number, a measure ID or a title goes through
these functions, so that `３．１．２`, `3. 1. 2.` and `3.1.2` are one key and
`都市 OS 2-2`, `都市ＯＳ２－２` and `都市OS2-2` are one measure.
"""

from __future__ import annotations

import re
import unicodedata

ROOT_KEY = "general"
ROOT_LABEL = "全般"
ROOT_LABEL_EN = "General"

_CIRCLED = str.maketrans({chr(0x2460 + i): f"({i + 1})" for i in range(20)})  # ① .. ⑳
_DASHES = str.maketrans({"‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-", "―": "-"})
# str.translate looks every character up in a dict; a character-class search first is ten times cheaper
_HAS_CIRCLED = re.compile("[\u2460-\u2473]")
_HAS_DASH = re.compile("[‐‑‒–—−―]")
_SPACES = re.compile(r"\s+")
_TITLE_NOISE = re.compile(r"[\s・、。,.:：「」『』()\[\]【】]")
_DOTTED = re.compile(r"^\d+(?:\s*\.\s*\d+)*\s*\.?$")
_MEASURE = re.compile(r"^(?P<cat>[^\d.()/]+?)\s*(?P<num>\d+(?:\s*-\s*\d+)*)$")
_APPENDIX = re.compile(r"^(?:【\s*)?(?:appendix|付録)(?:\s*】)?\s*(?P<letter>[A-Za-z]|\d+)$", re.I)
_ANNEX_JA = re.compile(r"^(?:【\s*)?(?P<word>別紙|別添)(?:\s*】)?\s*(?P<number>[A-Za-z]|\d+)$")  # 別紙1 stays 別紙1
_ITEM = re.compile(r"^(?P<parent>.+?)\((?P<num>\d+)\)$")
_ANNEX = re.compile(r"^(?:(?:Annex|Attachment|Schedule) [A-Z0-9]+|(?:別表|別紙|別添|付録|附録|付属書|附属書)\s?[A-Z0-9]+)$")
_LAW = re.compile(r"^第(?P<n>\d+)(?P<u>章|条)(?:第(?P<m>\d+)(?P<v>節|項))?(?:第(?P<k>\d+)(?P<w>款|号))?$")
_FIGURE = re.compile(r"^(?:Table|表|Figure|図)\s?\d+(?:[-.]\d+)?$")


def circled_to_paren(text: str) -> str:
    """Keep ①..⑳ recognisable as item numbers: NFKC alone would turn ① into a bare 1."""
    return text.translate(_CIRCLED) if _HAS_CIRCLED.search(text) else text


def normalize_chars(text: str) -> str:
    """NFKC with ①..⑳ kept as items and dashes unified; spaces and line breaks left as they are."""
    if text.isascii():  # NFKC leaves ASCII as it is, and no circled number or odd dash is ASCII
        return text
    text = unicodedata.normalize("NFKC", circled_to_paren(text))
    return text.translate(_DASHES) if _HAS_DASH.search(text) else text


def normalize_text(text: str) -> str:
    """NFKC, unified dashes, single spaces: the form every comparison uses."""
    return _SPACES.sub(" ", normalize_chars(text)).strip()


def compact_text(text: str) -> str:
    """Normalised, case-folded, with no whitespace at all: how header cells and labels are compared
    (CJK text has no spaces to keep)."""
    return _SPACES.sub("", normalize_text(text)).casefold()


def title_key(text: str) -> str:
    """A title as compared: normalised, case-folded, with no spaces or punctuation between words."""
    return _TITLE_NOISE.sub("", normalize_text(text).casefold())


def normalize_dotted(text: str) -> str:
    """`3. 1. 2.` or `３．１．２` -> `3.1.2`."""
    text = normalize_text(text)
    return re.sub(r"\s*\.\s*", ".", text).strip(".")


def canonical_key(raw: str) -> str:
    """The canonical form of a key as written by a user or a tree file."""
    text = normalize_text(str(raw))
    if not text:
        return text
    if text in (ROOT_KEY, ROOT_LABEL, ROOT_LABEL_EN):
        return ROOT_KEY
    if _DOTTED.match(text):
        return normalize_dotted(text)
    m = _APPENDIX.match(text)
    if m:
        return f"Appendix {m.group('letter').upper()}"
    m = _ANNEX_JA.match(text)
    if m:  # 別紙 and 別添 are numbered apart in one document: each keeps its own word
        return f"{m.group('word')}{m.group('number').upper()}"
    m = _ITEM.match(text.replace(" ", ""))
    if m:
        return f"{canonical_key(m.group('parent'))}({int(m.group('num'))})"
    m = _MEASURE.match(text)
    if m:
        cat = m.group("cat").replace(" ", "")
        return cat + re.sub(r"\s+", "", m.group("num"))
    return text


def item_key(parent_key: str, number: int) -> str:
    return f"{parent_key}({number})"


def kind_for_key(key: str) -> str:
    """The kind a key implies when a tree file does not say."""
    if key == ROOT_KEY:
        return "root"
    if key.startswith("Appendix ") or _ANNEX.match(key):
        return "appendix"
    if m := _LAW.match(key):
        units = [u for u in (m.group("u"), m.group("v"), m.group("w")) if u]
        return {"章": "chapter", "節": "section", "款": "subsection", "条": "article", "項": "paragraph",
                "号": "item"}[units[-1]]
    if _FIGURE.match(key):
        return "figure" if key.startswith(("Figure", "図")) else "table"
    if _ITEM.match(key):
        return "item"
    if re.fullmatch(r"\d+(?:\.\d+)*", key):
        return ("chapter", "section", "subsection")[min(key.count("."), 2)]
    if _MEASURE.match(key):
        return "measure"
    return "section"


def implied_parent(key: str) -> str | None:
    """`3.1.2` -> `3.1`, `3` -> root, `3.1.2(4)` -> `3.1.2`; None when the key implies nothing."""
    if key == ROOT_KEY:
        return None
    m = _ITEM.match(key)
    if m:
        return m.group("parent")
    if re.fullmatch(r"\d+(?:\.\d+)+", key):
        return key.rsplit(".", 1)[0]
    if re.fullmatch(r"\d+", key) or key.startswith("Appendix ") or _ANNEX.match(key):
        return ROOT_KEY
    if m := _LAW.match(key):
        if m.group("k"):
            return key[: key.rindex("第")]
        if m.group("m"):
            return f"第{m.group('n')}{m.group('u')}"
        return ROOT_KEY if m.group("u") == "章" else None
    return None


def number_of(key: str) -> str | None:
    if key == ROOT_KEY:
        return None
    m = _ITEM.match(key)
    if m:
        return m.group("num")
    if re.fullmatch(r"\d+(?:\.\d+)*", key):
        return key
    if key.startswith("Appendix "):
        return key.split(" ", 1)[1]
    m = _MEASURE.match(key)
    return m.group("num") if m else None


def sort_key(key: str) -> tuple[object, ...]:
    """Natural order: 2 < 2.3 < 2.3.10 < 3 < Appendix A; measures after numbers."""
    parts = re.split(r"(\d+)", key)
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts)
